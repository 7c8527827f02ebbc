"""Lesson 1's pipeline diagram and lesson 2's multi-channel picture (convcourse.drawing)."""

from __future__ import annotations

import matplotlib
import pytest
import torch
import torch.nn.functional as F
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from torch import nn

from convcourse.drawing import draw_multichannel, draw_pipeline, measure_steps
from convcourse.drawing.grids import WINDOW_COLOUR

pytestmark = pytest.mark.usefixtures("close_new_figures")


# --- the pipeline --------------------------------------------------------------------------


def lesson1_steps():
    torch.manual_seed(0)
    conv1, conv2 = nn.Conv2d(1, 20, 5), nn.Conv2d(20, 20, 5)
    return measure_steps(torch.zeros(1, 1, 28, 28), [("conv1", "conv", conv1), ("relu", "relu", F.relu),
                                                      ("conv2", "conv", conv2), ("relu", "relu", F.relu)])


def test_measure_steps_runs_the_tensor_through_every_layer():
    assert lesson1_steps() == [("x", "input", (1, 28, 28)), ("conv1", "conv", (20, 24, 24)),
                               ("relu", "relu", (20, 24, 24)), ("conv2", "conv", (20, 20, 20)),
                               ("relu", "relu", (20, 20, 20))]


def test_the_pipeline_has_a_box_per_step_and_an_arrow_between_neighbours(ax):
    draw_pipeline(ax, lesson1_steps())
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert (len(boxes), len(arrows)) == (5, 4)
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["x", "1×28×28", "conv1", "20×24×24", "relu", "20×24×24", "conv2", "20×20×20",
                     "relu", "20×20×20"]
    lefts = [box.get_x() for box in boxes]
    assert lefts == sorted(lefts)  # left to right, in order


def test_the_kinds_differ_in_colour_and_outline_not_colour_alone(ax):
    draw_pipeline(ax, lesson1_steps())
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    input_box, conv, relu = boxes[0], boxes[1], boxes[2]
    assert conv.get_facecolor() == boxes[3].get_facecolor() != relu.get_facecolor()
    assert input_box.get_linestyle() != conv.get_linestyle()  # dashed input
    assert type(conv.get_boxstyle()) is not type(relu.get_boxstyle())  # square vs rounded


@pytest.mark.parametrize(("steps", "message"), [([], "at least one step"),
                                                ([("x", "pool", (1, 2, 2))], "unknown kind")])
def test_the_pipeline_refuses_bad_steps_with_a_clear_message(ax, steps, message):
    with pytest.raises(ValueError, match=message):
        draw_pipeline(ax, steps)


@pytest.mark.parametrize("steps", [None, "abc", [("x", "conv")], [("x", "conv", None)], [42]])
def test_the_pipeline_refuses_malformed_steps_with_a_type_error_naming_the_form(ax, steps):
    with pytest.raises(TypeError, match=r"\(name, kind, shape\)"):
        draw_pipeline(ax, steps)


@pytest.mark.parametrize("x, layers, message", [
    (None, [], "needs a tensor"),
    (torch.zeros(1, 1, 4, 4), "abc", r"\(name, kind, callable\)"),
    (torch.zeros(1, 1, 4, 4), [("conv", "conv", None)], r"\(name, kind, callable\)"),
    (torch.zeros(1, 1, 4, 4), [("broken", "conv", lambda t: None)], "not a tensor"),
])
def test_measure_steps_refuses_malformed_input_with_a_clear_message(x, layers, message):
    with pytest.raises(TypeError, match=message):
        measure_steps(x, layers)


# --- the multi-channel picture -------------------------------------------------------------


def example():
    x = torch.tensor([[[1, 0, 2], [3, 1, 0], [0, 2, 1]], [[2, 1, 0], [0, 1, 3], [1, 0, 2]]])
    w = torch.tensor([[[[1, 0], [0, 1]], [[0, 1], [1, 0]]], [[[2, 1], [0, 0]], [[1, 0], [0, -1]]]])
    return x, w, F.conv2d(x[None], w)[0]


def numbers(ax):
    return [float(t.get_text()) for t in ax.texts if t.get_text().lstrip("-").isdigit()]


def test_every_number_of_input_weight_and_output_is_shown_where_it_is_used():
    x, w, out = example()
    fig = draw_multichannel(x, w, out)
    grid = [fig.axes[row * 5:(row + 1) * 5] for row in range(2)]
    for o in range(2):
        for c in range(2):
            assert numbers(grid[o][2 * c]) == x[c].flatten().tolist()
            assert grid[o][2 * c].get_title() == f"x[{c}]"
            assert numbers(grid[o][2 * c + 1]) == w[o, c].flatten().tolist()
            assert grid[o][2 * c + 1].get_title() == f"w[{o}, {c}]"
        assert numbers(grid[o][4]) == out[o].flatten().tolist()


def test_the_operators_read_as_the_sum_over_input_channels():
    x, w, out = example()
    fig = draw_multichannel(x, w, out)
    symbols = [t.get_text() for ax in fig.axes[:5] for t in ax.texts if t.get_text() in "⋆+="]
    assert symbols == ["⋆", "+", "⋆", "="]


def test_the_cell_outlines_the_window_in_every_input_channel_and_the_output_cell():
    x, w, out = example()
    fig = draw_multichannel(x, w, out, cell=(1, 0))
    outlined = [ax for ax in fig.axes for p in ax.patches if p.get_linestyle() == "--"
                and matplotlib.colors.same_color(p.get_edgecolor(), WINDOW_COLOUR)]
    assert len(outlined) == 2 * 2 + 2  # two input channels per row, and the output, in two rows
    window = next(p for p in fig.axes[0].patches if p.get_linestyle() == "--")
    assert (window.get_x(), window.get_y(), window.get_width(), window.get_height()) == (0, 1, 2, 2)


@pytest.mark.parametrize(("shapes", "message"), [
    (((2, 3, 3), (2, 3, 2, 2), (2, 2, 2)), "channels do not match"),
    (((2, 3, 3), (2, 2, 2, 2), (2, 3, 3)), "not the stride-1"),
    (((3, 3), (2, 2, 2, 2), (2, 2, 2)), "expected x"),
])
def test_the_picture_refuses_inconsistent_shapes(shapes, message):
    with pytest.raises(ValueError, match=message):
        draw_multichannel(*(torch.zeros(shape) for shape in shapes))


def test_the_picture_refuses_a_cell_outside_the_output():
    x, w, out = example()
    with pytest.raises(ValueError, match="not in the 2 x 2 output"):
        draw_multichannel(x, w, out, cell=(2, 0))


@pytest.mark.parametrize("module", ["pipeline", "channels"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    assert doctest.testmod(importlib.import_module(f"convcourse.drawing.{module}")).failed == 0


@pytest.mark.parametrize("x, w, out, error, message", [
    (None, None, None, TypeError, "must be tensors"),
    (torch.full((1, 3, 3), float("nan")), torch.ones(1, 1, 2, 2), torch.ones(1, 2, 2), ValueError, "finite"),
    (torch.zeros(2, 300, 300), torch.zeros(2, 2, 2, 2), torch.zeros(2, 299, 299), ValueError, "keep it to"),
])
def test_the_picture_refuses_non_tensors_nan_and_sizes_too_large_to_read(x, w, out, error, message):
    with pytest.raises(error, match=message):
        draw_multichannel(x, w, out)
