"""The lessons' figures: numbered grids with windows and marked cells, feature maps, images."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from matplotlib.colors import to_rgba

from convcourse.drawing import WINDOW_COLOUR, draw_grid, show_feature_maps, show_images

pytestmark = pytest.mark.usefixtures("close_new_figures")


def image_axes(fig):
    """The panels that show a picture (colour bars and unused panels draw none)."""
    return [ax for ax in fig.axes if ax.images]


def hatched(ax):
    return [patch for patch in ax.patches if patch.get_hatch()]


def dashed(ax):
    return [patch for patch in ax.patches if patch.get_linestyle() == "--"]


# --- draw_grid -----------------------------------------------------------------------------


def test_grid_writes_every_value_in_its_cell_row_zero_on_top(ax):
    values = torch.tensor([[1.5, -2.0, 0.0], [3.0, 10.0, 0.25]])
    draw_grid(ax, values)
    assert [text.get_text() for text in ax.texts] == ["1.5", "-2", "0", "3", "10", "0.25"]
    positions = [text.get_position() for text in ax.texts]
    assert positions == [(c + 0.5, r + 0.5) for r in range(2) for c in range(3)]
    bottom, top = ax.get_ylim()
    assert bottom > top  # the y axis points down, as the tensor prints


def test_grid_uses_the_format_the_caller_gives(ax):
    draw_grid(ax, [[1.0, 2.25]], fmt="{:.1f}")
    assert [text.get_text() for text in ax.texts] == ["1.0", "2.2"]


def test_grid_accepts_tensors_that_need_grad_and_numpy_arrays(ax):
    draw_grid(ax, torch.ones(2, 2, requires_grad=True))
    draw_grid(ax, np.arange(4).reshape(2, 2))
    assert [text.get_text() for text in ax.texts] == ["1"] * 4 + ["0", "1", "2", "3"]


def test_grid_colours_follow_cividis_and_ink_contrasts_with_each_cell(ax):
    draw_grid(ax, [[0.0, 1.0]])
    low, high = (patch for patch in ax.patches)
    assert low.get_facecolor() == pytest.approx(matplotlib.colormaps["cividis"](0.0))
    assert high.get_facecolor() == pytest.approx(matplotlib.colormaps["cividis"](1.0))
    ink = {text.get_text(): text.get_color() for text in ax.texts}
    assert ink == {"0": "white", "1": "black"}  # dark blue cell, light yellow cell


def test_grid_outlines_the_window_with_a_thick_dashed_line(ax):
    draw_grid(ax, torch.zeros(5, 6), window=(1, 2, 3, 4))
    (window,) = dashed(ax)
    assert window.get_xy() == (2, 1) and (window.get_height(), window.get_width()) == (3, 4)
    assert window.get_edgecolor() == pytest.approx(to_rgba(WINDOW_COLOUR))
    assert window.get_linewidth() >= 3 and not window.get_fill()


def test_grid_hatches_exactly_the_marked_cells(ax):
    marked = torch.zeros(4, 5, dtype=torch.bool)
    marked[0, :] = marked[3, 4] = True
    draw_grid(ax, torch.arange(20.0).reshape(4, 5), marked=marked)
    corners = sorted(patch.get_xy() for patch in hatched(ax))
    assert corners == sorted((c, r) for r, c in marked.nonzero().tolist())
    assert len(ax.texts) == 20  # the numbers stay readable on hatched cells too


def test_grid_without_marks_or_window_draws_neither(ax):
    draw_grid(ax, torch.ones(3, 3))
    assert not hatched(ax) and not dashed(ax)


def test_grid_sets_only_the_title_it_is_given(ax):
    draw_grid(ax, [[1]], title="$p=1$")
    assert ax.get_title() == "$p=1$"
    assert [text.get_text() for text in ax.texts] == ["1"]


@pytest.mark.parametrize(("values", "options", "error", "message"), [
    (torch.zeros(3), {}, ValueError, "non-empty 2-D"),
    (torch.zeros(1, 2, 2), {}, ValueError, "non-empty 2-D"),
    (torch.zeros(0, 3), {}, ValueError, "non-empty 2-D"),
    ([["a", "b"]], {}, TypeError, "values must be numbers"),
    (torch.zeros(3, 3), {"marked": torch.zeros(2, 2, dtype=torch.bool)}, ValueError, "marked has shape"),
    (torch.zeros(3, 3), {"window": (0, 0, 3)}, ValueError, r"window must be \(row, column"),
    (torch.zeros(3, 3), {"window": (1, 1, 3, 3)}, ValueError, "does not fit in a 3 x 3 grid"),
    (torch.zeros(3, 3), {"window": (0, 0, 0, 1)}, ValueError, "does not fit"),
])
def test_grid_rejects_bad_input_with_a_clear_message(ax, values, options, error, message):
    with pytest.raises(error, match=message):
        draw_grid(ax, values, **options)


# --- show_feature_maps ---------------------------------------------------------------------


def test_feature_maps_get_one_panel_and_colour_bar_per_channel():
    maps = torch.randn(1, 4, 5, 6)
    fig = show_feature_maps(maps, titles=["a", "b", "c", "d"], ncols=3)
    panels = image_axes(fig)
    assert len(panels) == 4
    for channel, panel in zip(maps[0], panels, strict=True):
        np.testing.assert_array_equal(panel.images[0].get_array(), channel.numpy())
    assert [panel.get_title() for panel in panels] == ["a", "b", "c", "d"]
    assert len(fig.axes) == 2 * 3 + 4  # a 2 x 3 grid (two panels hidden) and four colour bars


def test_feature_maps_take_one_map_and_can_leave_out_colour_bars():
    fig = show_feature_maps(torch.ones(4, 4), colorbar=False)
    assert len(image_axes(fig)) == len(fig.axes) == 1
    assert not fig.axes[0].get_title()


def test_feature_maps_open_exactly_one_figure():
    before = plt.get_fignums()
    fig = show_feature_maps(torch.rand(2, 3, 3))
    assert plt.get_fignums() == [*before, fig.number]


@pytest.mark.parametrize(("maps", "options", "message"), [
    (torch.zeros(2, 3, 4, 4), {}, r"expected maps of shape"),
    (torch.zeros(5), {}, r"expected maps of shape"),
    (torch.zeros(3, 4, 4), {"titles": ["only one"]}, "got 1 titles for 3 channels"),
    (torch.zeros(3, 4, 4), {"ncols": 0}, "ncols must be a positive int"),
])
def test_feature_maps_reject_bad_input_without_leaving_a_figure(maps, options, message):
    before = plt.get_fignums()
    with pytest.raises(ValueError, match=message):
        show_feature_maps(maps, **options)
    assert plt.get_fignums() == before


# --- show_images ---------------------------------------------------------------------------


def test_images_get_one_panel_each_clipped_to_the_unit_range():
    images = torch.rand(5, 3, 4, 4) * 1.4 - 0.2  # some values outside [0, 1]
    fig = show_images(images, titles=[str(n) for n in range(5)], ncols=2)
    panels = image_axes(fig)
    assert len(panels) == 5 and len(fig.axes) == 3 * 2
    for image, panel in zip(images, panels, strict=True):
        want = image.clamp(0, 1).permute(1, 2, 0).numpy()
        np.testing.assert_allclose(panel.images[0].get_array(), want, rtol=1e-6)
    assert [panel.get_title() for panel in panels] == ["0", "1", "2", "3", "4"]


@pytest.mark.parametrize(("images", "options", "message"), [
    (torch.zeros(2, 1, 4, 4), {}, r"expected images of shape \(N, 3, H, W\)"),
    (torch.zeros(3, 4, 4), {}, r"expected images of shape"),
    (torch.zeros(2, 3, 4, 4), {"titles": ["a", "b", "c"]}, "got 3 titles for 2 images"),
])
def test_images_reject_bad_input_without_leaving_a_figure(images, options, message):
    before = plt.get_fignums()
    with pytest.raises(ValueError, match=message):
        show_images(images, **options)
    assert plt.get_fignums() == before
