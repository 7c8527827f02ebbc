"""convcourse.drawing.learned.plot_history: lesson 8's training run, epoch by epoch."""

from __future__ import annotations

import pytest

from convcourse import messages
from convcourse.drawing.learned import plot_history

pytestmark = pytest.mark.usefixtures("close_new_figures")


def test_the_history_draws_the_loss_on_a_log_scale_and_the_accuracy_in_percent():
    fig = plot_history([2.0, 0.5, 0.25], [0.5, 0.9, 0.975])
    loss_axis, accuracy_axis = fig.axes
    x, y = loss_axis.lines[0].get_data()
    assert list(x) == [1, 2, 3] and list(y) == [2.0, 0.5, 0.25]
    assert loss_axis.get_yscale() == "log"
    x, y = accuracy_axis.lines[0].get_data()
    assert list(x) == [1, 2, 3] and list(y) == pytest.approx([50.0, 90.0, 97.5])
    assert loss_axis.get_xlabel() == accuracy_axis.get_xlabel() == messages.AXIS_EPOCH
    assert accuracy_axis.get_ylabel().startswith(messages.AXIS_HELD_OUT_ACCURACY)


@pytest.mark.parametrize("losses, accuracies, message", [
    ([], [], "no losses"),
    ([1.0, 0.5], [0.9], "2 losses and 1 accuracies"),
    ([1.0, float("nan")], [0.5, 0.6], "NaN"),
    ([1.0, 0.5], [0.5, float("inf")], "NaN"),
    ([1.0, 0.0], [0.5, 0.6], "positive"),
    ([1.0, 0.5], [50.0, 60.0], "between 0 and 1"),
])
def test_the_history_refuses_what_it_cannot_draw(losses, accuracies, message):
    with pytest.raises(ValueError, match=message):
        plot_history(losses, accuracies)
