"""A convolution with several input and output channels, every number shown (lesson 2).

Row ``o`` of the picture is output channel ``o``: each input channel ``x[c]`` next to the kernel
``w[o, c]`` that reads it, then the output ``out[o]``, with the operators between the panels:
``x[0] ⋆ w[o, 0] + x[1] ⋆ w[o, 1] = out[o]``. So the weight's shape (out_channels, in_channels,
kH, kW) is laid out as it is used: one row per output channel, one kernel per input channel.

    >>> import torch
    >>> x = torch.arange(18.0).reshape(2, 3, 3)
    >>> w = torch.ones(2, 2, 2, 2)
    >>> out = torch.nn.functional.conv2d(x[None], w)[0]
    >>> fig = draw_multichannel(x, w, out, cell=(0, 0))
    >>> len(fig.axes)
    10

Titles are tensor indices (``x[0]``, ``w[1, 0]``, ``out[1]``), the operators are symbols: the
picture holds no words; the lesson's caption explains it.
"""

from __future__ import annotations

import matplotlib.pyplot as plt

from convcourse import messages
from convcourse.drawing.grids import DPI, draw_grid

#: Every number is written in its cell: beyond this many cells per side, or channels, the
#: picture is unreadable (and slow to draw).
MAX_CELLS = 12
MAX_CHANNELS = 4


def _shape(values) -> tuple[int, ...]:
    return tuple(int(d) for d in values.shape)


def draw_multichannel(x, weight, output, *, cell=None, panel_size: float = 0.5, fontsize: int = 11):
    """Draw input ``x`` (C, H, W), ``weight`` (O, C, kH, kW) and ``output`` (O, H_out, W_out) as
    grids, one row per output channel. ``cell`` = (i, j) outlines the windows that give output
    cell (i, j) in every input channel, and that cell in every output channel. Returns the figure.
    """
    import torch

    if not all(isinstance(t, torch.Tensor) for t in (x, weight, output)):
        raise TypeError(messages.FIGURE_CHANNELS_NOT_TENSORS.format(
            x=type(x).__name__, weight=type(weight).__name__, output=type(output).__name__))
    if len(_shape(x)) != 3 or len(_shape(weight)) != 4 or len(_shape(output)) != 3:
        raise ValueError(messages.FIGURE_CHANNELS_SHAPES.format(
            x=_shape(x), weight=_shape(weight), output=_shape(output)))
    channels, height, width = _shape(x)
    out_channels, weight_channels, kh, kw = _shape(weight)
    if weight_channels != channels or _shape(output)[0] != out_channels:
        raise ValueError(messages.FIGURE_CHANNELS_MISMATCH.format(
            x=_shape(x), weight=_shape(weight), output=_shape(output)))
    if max(height, width) > MAX_CELLS or max(channels, out_channels) > MAX_CHANNELS:
        raise ValueError(messages.FIGURE_CHANNELS_TOO_LARGE.format(
            limit=MAX_CELLS, channels=MAX_CHANNELS, x=_shape(x), weight=_shape(weight)))
    out_h, out_w = _shape(output)[1:]
    if (out_h, out_w) != (height - kh + 1, width - kw + 1):
        raise ValueError(messages.FIGURE_CHANNELS_NOT_VALID.format(
            output=_shape(output), height=height, width=width, kh=kh, kw=kw))
    if not all(bool(torch.isfinite(t).all()) for t in (x, weight, output)):
        raise ValueError(messages.FIGURE_CHANNELS_NOT_FINITE)
    if cell is not None:
        i, j = (int(n) for n in cell)
        if not (0 <= i < out_h and 0 <= j < out_w):
            raise ValueError(messages.FIGURE_CHANNELS_CELL.format(cell=cell, out_h=out_h, out_w=out_w))

    widths = [width, kw] * channels + [out_w]
    fig, axes = plt.subplots(out_channels, len(widths), squeeze=False, dpi=DPI,
                             figsize=(panel_size * (sum(widths) + 1.2 * len(widths)),
                                      panel_size * (max(height, kh, out_h) + 1.4) * out_channels),
                             gridspec_kw={"width_ratios": widths})
    low = min(float(x.min()), float(weight.min()), float(output.min()))
    high = max(float(x.max()), float(weight.max()), float(output.max()))
    scale = {"vmin": low, "vmax": high, "fontsize": fontsize}
    for o in range(out_channels):
        row = axes[o]
        for c in range(channels):
            window = None if cell is None else (i, j, kh, kw)
            draw_grid(row[2 * c], x[c], window=window, title=f"x[{c}]", **scale)
            draw_grid(row[2 * c + 1], weight[o, c], title=f"w[{o}, {c}]", **scale)
            _operator(row[2 * c], "⋆", fontsize)
            _operator(row[2 * c + 1], "+" if c < channels - 1 else "=", fontsize)
        window = None if cell is None else (i, j, 1, 1)
        draw_grid(row[-1], output[o], window=window, title=f"out[{o}]", **scale)
    return fig


def _operator(ax, symbol: str, fontsize: int) -> None:
    """Write ``symbol`` in the gap right of ``ax`` (between two panels)."""
    ax.text(1.0, 0.5, symbol, transform=ax.transAxes, ha="left", va="center",
            fontsize=fontsize + (14 if symbol == "⋆" else 6), clip_on=False)
