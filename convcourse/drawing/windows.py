"""Lesson 3's picture of window positions along one dimension, and lesson 4's dilated taps.

``window_positions`` and ``dilated_taps`` compute what the pictures show (with torch, for the
taps); ``draw_windows`` and ``draw_dilated_taps`` only draw it. Titles are the caller's; the
only other marks are the symbols from ``convcourse.messages``.

    >>> window_positions(7, 3, 2, 1)
    [0, 2, 4, 6]
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Rectangle

from convcourse import messages
from convcourse.receptive_field import _whole_number
from convcourse.shapes import conv_output_size, kernel_span

#: The most positions a picture shows along one direction (larger would be unreadable and slow).
MAX_POSITIONS = 64

# Okabe-Ito orange for the padding's hatching: it reads on cividis's dark and light cells.
PADDING_COLOUR = "#E69F00"


def window_positions(i: int, k: int, s: int, p: int) -> list[int]:
    """Where each window starts in the padded input (0 .. i + 2p - 1), one start per output."""
    return [j * s for j in range(conv_output_size(i, k, s, p))]


def draw_windows(ax, i: int, k: int, s: int, p: int, *, title: str | None = None):
    """One row per window position over the padded input, along one dimension.

    Columns are the positions of the padded input; the top row is the padded input itself
    (padding hatched); row ``j`` below it fills the ``k`` cells window ``j`` covers.
    Returns ``ax``.
    """
    starts = window_positions(i, k, s, p)
    size = i + 2 * p
    if size > MAX_POSITIONS:
        raise ValueError(messages.FIGURE_TOO_LARGE.format(what="i + 2p", size=size, limit=MAX_POSITIONS))
    grid = np.full((1 + len(starts), size), np.nan)
    grid[0] = 0
    for row, start in enumerate(starts, 1):
        grid[row, start:start + k] = 1
    ax.imshow(grid, cmap="cividis", vmin=-0.3, vmax=1.6)
    for col in [*range(p), *range(p + i, size)]:
        ax.add_patch(Rectangle((col - 0.5, -0.5), 1, 1, fill=False, hatch="//", edgecolor=PADDING_COLOUR))
    ax.set_xticks(range(size))
    ax.set_yticks(range(1 + len(starts)))
    ax.set_yticklabels([messages.FIGURE_WINDOWS_INPUT_ROW] + [str(j) for j in range(len(starts))])
    ax.set_ylabel(messages.FIGURE_WINDOWS_AXIS)
    if title is not None:
        ax.set_title(title, fontsize=10)
    return ax


def dilated_taps(k: int, dilation: int, size: int | None = None) -> np.ndarray:
    """A ``size`` x ``size`` boolean grid: the input cells one k x k kernel with this dilation
    touches when it is centred in the grid, found by torch (where the gradient is not zero)."""
    import torch
    import torch.nn.functional as F

    k = _whole_number(k, "k", 1)
    dilation = _whole_number(dilation, "dilation", 1)
    span = kernel_span(k, dilation)
    size = span if size is None else _whole_number(size, "size", 1)
    if max(span, size) > MAX_POSITIONS:
        raise ValueError(messages.FIGURE_TOO_LARGE.format(what="size", size=max(span, size),
                                                         limit=MAX_POSITIONS))
    if size < span or (size - span) % 2:
        raise ValueError(messages.FIGURE_TAPS_SIZE.format(size=size, span=span))
    x = torch.zeros(1, 1, size, size, requires_grad=True)
    y = F.conv2d(x, torch.ones(1, 1, k, k), dilation=dilation)
    y[0, 0, y.shape[2] // 2, y.shape[3] // 2].backward()
    return (x.grad[0, 0] != 0).numpy()


def draw_dilated_taps(ax, k: int, dilation: int, size: int, *, title: str | None = None):
    """The cells of a ``size`` x ``size`` input that a centred k x k kernel with this dilation
    touches, each marked with a cross. Returns ``ax``."""
    taps = dilated_taps(k, dilation, size)
    size = taps.shape[0]
    ax.imshow(taps.astype(float), cmap="cividis", vmin=0, vmax=1.3)
    rows, cols = np.nonzero(taps)
    ax.scatter(cols, rows, marker="x", color="black", s=30)
    ax.set_xticks(range(size))
    ax.set_yticks(range(size))
    ax.tick_params(labelsize=7)
    if title is not None:
        ax.set_title(title, fontsize=10)
    return ax
