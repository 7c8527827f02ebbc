"""convcourse.training: a seeded loop that learns, repeats itself, and stops naming the step on NaN."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from convcourse.training import TrainingDiverged, accuracy, stop_if_not_finite, train


def data():
    x = torch.linspace(-1, 1, 40).unsqueeze(1)
    return x, 3 * x - 1


def test_train_fits_a_line_and_returns_one_loss_per_step():
    torch.manual_seed(0)
    model = nn.Linear(1, 1)
    losses = train(model, *data(), F.mse_loss, steps=300, lr=0.1)
    assert len(losses) == 300 and losses[-1] < 1e-6 < losses[0]
    assert math.isclose(model.weight.item(), 3, abs_tol=1e-3)
    assert math.isclose(model.bias.item(), -1, abs_tol=1e-3)
    assert not model.training  # left in eval mode


def test_the_same_seed_gives_the_same_losses_and_another_shuffle_seed_other_ones():
    def run(seed):
        torch.manual_seed(0)
        return train(nn.Linear(1, 1), *data(), F.mse_loss, steps=30, lr=0.05, batch_size=8, seed=seed)

    assert run(1) == run(1)
    assert run(1) != run(2)


def test_a_diverging_run_stops_with_a_message_naming_the_step():
    torch.manual_seed(0)
    model = nn.Linear(1, 1)
    with pytest.raises(TrainingDiverged, match=r"^Training stopped at step \d+: the loss is (nan|inf)"):
        train(model, *data(), F.mse_loss, steps=500, lr=50.0, optimizer="sgd")
    # the weights never received the non-finite gradient... but may have become huge: only finite
    assert all(torch.isfinite(p).all() for p in model.parameters())


def test_stop_if_not_finite_names_the_step_and_passes_finite_losses():
    assert stop_if_not_finite(torch.tensor(0.5, requires_grad=True), 3) == 0.5
    with pytest.raises(TrainingDiverged, match="step 7"):
        stop_if_not_finite(float("nan"), 7)
    with pytest.raises(TrainingDiverged, match="step 2"):
        stop_if_not_finite(torch.tensor(float("inf")), 2)


@pytest.mark.parametrize("options, message", [
    ({"optimizer": "rmsprop"}, "optimizer must be"), ({"steps": 0}, "steps must be"),
    ({"steps": 2.5}, "steps must be"),
])
def test_bad_options_get_a_clear_message(options, message):
    arguments = {"steps": 5, "lr": 0.1, **options}
    with pytest.raises(ValueError, match=message):
        train(nn.Linear(1, 1), *data(), F.mse_loss, **arguments)


def test_accuracy_counts_the_largest_output():
    class Fixed(nn.Module):
        def forward(self, x):
            return x

    scores = torch.tensor([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
    assert accuracy(Fixed(), scores, torch.tensor([0, 1, 1, 1])) == 0.75


def test_training_diverged_carries_the_step_and_the_loss():
    with pytest.raises(TrainingDiverged) as raised:
        stop_if_not_finite(torch.tensor(float("nan")), step=7)
    assert raised.value.step == 7 and math.isnan(raised.value.loss)
