"""Lesson 3's window picture and lesson 4's dilated taps, checked against torch."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from convcourse.drawing import dilated_taps, draw_dilated_taps, draw_windows, window_positions

pytestmark = pytest.mark.usefixtures("close_new_figures")


@pytest.mark.parametrize("i, k, s, p", [(7, 3, 2, 1), (6, 3, 2, 0), (5, 1, 2, 0), (4, 4, 1, 3)])
def test_there_is_one_window_per_output_of_torch(i, k, s, p):
    out = F.conv2d(torch.zeros(1, 1, i, 1), torch.zeros(1, 1, k, 1), stride=(s, 1), padding=(p, 0))
    starts = window_positions(i, k, s, p)
    assert len(starts) == out.shape[2]
    assert all(b - a == s for a, b in zip(starts, starts[1:], strict=False))
    assert starts[-1] + k <= i + 2 * p  # the last window still fits


def test_the_window_picture_fills_k_cells_per_row_and_hatches_the_padding():
    ax = plt.subplots()[1]
    draw_windows(ax, 7, 3, 2, 1, title="t")
    grid = ax.images[0].get_array()
    assert grid.shape == (5, 9)
    assert [int(np.nansum(row)) for row in grid[1:]] == [3, 3, 3, 3]
    assert [int(np.argmax(row == 1)) for row in grid[1:]] == [0, 2, 4, 6]
    hatched = sorted(patch.get_x() + 0.5 for patch in ax.patches if patch.get_hatch())
    assert hatched == [0, 8]
    assert [label.get_text() for label in ax.get_yticklabels()] == ["x", "0", "1", "2", "3"]
    assert ax.get_title() == "t"


def test_a_window_that_does_not_fit_is_refused():
    with pytest.raises(ValueError):
        draw_windows(plt.subplots()[1], 2, 5, 1, 0)


@pytest.mark.parametrize("dilation", [1, 2, 3])
def test_a_dilated_kernel_touches_k_squared_cells_spaced_d_apart(dilation):
    taps = dilated_taps(3, dilation, 7)
    rows, cols = np.nonzero(taps)
    assert taps.sum() == 9
    assert sorted(set(rows)) == sorted(set(cols)) == [3 - dilation, 3, 3 + dilation]


def test_without_a_size_the_grid_is_the_kernels_span():
    assert dilated_taps(3, 2).shape == (5, 5)


@pytest.mark.parametrize("size", [4, 6])
def test_a_grid_the_kernel_cannot_sit_in_the_centre_of_is_refused(size):
    with pytest.raises(ValueError, match="span 5"):
        dilated_taps(3, 2, size)


def test_the_taps_picture_crosses_every_tap():
    ax = plt.subplots()[1]
    draw_dilated_taps(ax, 3, 2, 7, title="d=2")
    offsets = ax.collections[0].get_offsets()
    assert len(offsets) == 9 and ax.get_title() == "d=2"
    taps = dilated_taps(3, 2, 7)
    assert all(taps[int(r), int(c)] for c, r in offsets)


@pytest.mark.parametrize("call", [lambda ax: draw_windows(ax, 10**7, 3, 1, 0),
                                  lambda ax: draw_dilated_taps(ax, 3, 10**6, 2_000_001)])
def test_a_huge_picture_is_refused_at_once_not_allocated(call):
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="at most"):
        call(ax)
    plt.close(fig)


@pytest.mark.parametrize("k, dilation, error", [(0, 1, ValueError), (3, 0, ValueError), (None, 1, TypeError),
                                                (2.5, 1, TypeError)])
def test_bad_taps_arguments_get_a_clear_message(k, dilation, error):
    with pytest.raises(error, match="must be"):
        dilated_taps(k, dilation)
