"""Figures of lessons 7 and 8: a loss curve, learned kernels next to the true ones, a grid of kernels,
a training run epoch by epoch.

Words (axis labels) come from ``convcourse.messages``; titles are arguments, so the notebook
owns them. Kernels are drawn on a colour scale symmetric around zero, so that zero always
has the same colour and the sign of a weight can be read from its number too.

    >>> fig = plot_losses([1.0, 0.5, 0.25])
    >>> fig.axes[0].get_yscale()
    'log'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from convcourse import messages
from convcourse.drawing.grids import DPI, _as_array, draw_grid


def plot_losses(losses: Sequence[float], *, title: str | None = None, log: bool = True,
                width: float = 5.0, height: float = 2.6):
    """The loss of every training step, on a log scale by default; returns the figure."""
    values = _as_array(losses, "losses").ravel()
    if values.size == 0:
        raise ValueError(messages.FIGURE_NO_LOSSES)
    if not np.all(np.isfinite(values)):
        raise ValueError(messages.FIGURE_LOSSES_NOT_FINITE)
    if log and np.any(values <= 0):
        raise ValueError(messages.FIGURE_LOSSES_NOT_POSITIVE)
    fig, ax = plt.subplots(figsize=(width, height), dpi=DPI)
    ax.plot(np.arange(1, values.size + 1), values, color="black", linewidth=1.5)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(messages.AXIS_STEP)
    ax.set_ylabel(messages.AXIS_LOSS)
    ax.grid(True, linewidth=0.5, alpha=0.5)
    if title is not None:
        ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return fig


def show_kernels_side_by_side(kernels: Mapping[str, object], *, fmt: str = "{:.2f}",
                              panel: float = 2.2):
    """One numbered grid per kernel (title -> 2-D kernel), all on one colour scale symmetric
    around zero; returns the figure."""
    if not kernels:
        raise ValueError(messages.FIGURE_NO_KERNELS)
    arrays = {title: _as_array(kernel, "kernel") for title, kernel in kernels.items()}
    for title, array in arrays.items():
        if array.ndim != 2:
            raise ValueError(messages.FIGURE_KERNEL_NOT_2D.format(title=title, shape=array.shape))
    limit = max(float(np.abs(array).max()) for array in arrays.values()) or 1.0
    fig, axes = plt.subplots(1, len(arrays), figsize=(panel * len(arrays), panel), dpi=DPI,
                             squeeze=False)
    for ax, (title, array) in zip(axes.flat, arrays.items(), strict=True):
        draw_grid(ax, array, title=title, fmt=fmt, vmin=-limit, vmax=limit, fontsize=10)
    fig.tight_layout()
    return fig


def _mosaic(array: np.ndarray, ncols: int) -> np.ndarray:
    """Tile (K, H, W) images into one array, ``ncols`` to a row, with a one-pixel NaN gap."""
    count, height, width = array.shape
    nrows = -(-count // ncols)
    mosaic = np.full((nrows * (height + 1) - 1, ncols * (width + 1) - 1), np.nan)
    for index, image in enumerate(array):
        row, col = divmod(index, ncols)
        top, left = row * (height + 1), col * (width + 1)
        mosaic[top:top + height, left:left + width] = image
    return mosaic


def show_mosaic(images, *, ncols: int = 8, symmetric: bool = False, pixel: float = 0.12):
    """Small 2-D images (K, H, W) side by side in one picture, on ONE colour scale (gray: dark low,
    light high; symmetric around zero if ``symmetric``), read left to right, top to bottom. The
    gaps between images are white. One picture instead of K small ones keeps it fast and light.
    Returns the figure."""
    array = _as_array(images, "images")
    if array.ndim != 3 or array.shape[0] == 0 or 0 in array.shape:
        raise ValueError(messages.FIGURE_MOSAIC_NOT_3D.format(shape=array.shape))
    if not np.all(np.isfinite(array)):
        raise ValueError(messages.FIGURE_MOSAIC_NOT_FINITE)
    if not isinstance(ncols, int) or ncols < 1:
        raise ValueError(messages.FIGURE_BAD_NCOLS.format(ncols=ncols))
    ncols = min(ncols, array.shape[0])
    mosaic = _mosaic(array, ncols)
    if symmetric:
        limit = float(np.abs(array).max()) or 1.0
        low, high = -limit, limit
    else:
        low, high = float(array.min()), float(array.max())
        high = high if high > low else low + 1.0
    colormap = plt.get_cmap("gray").with_extremes(bad="white")
    rows, cols = mosaic.shape
    fig, ax = plt.subplots(figsize=(max(cols * pixel, 1.0), max(rows * pixel, 0.6)), dpi=DPI)
    ax.imshow(np.ma.masked_invalid(mosaic), cmap=colormap, vmin=low, vmax=high, interpolation="nearest")
    ax.axis("off")
    fig.subplots_adjust(left=0, right=1, bottom=0, top=1)
    return fig


def show_kernel_grid(weight, *, ncols: int = 8, pixel: float = 0.2):
    """The first input channel of every kernel of a weight (C_out, C_in, kH, kW), in one mosaic
    on a colour scale symmetric around zero (mid-gray is zero); returns the figure."""
    array = _as_array(weight, "weight")
    if array.ndim != 4 or array.shape[0] == 0:
        raise ValueError(messages.FIGURE_WEIGHT_NOT_4D.format(shape=array.shape))
    return show_mosaic(array[:, 0], ncols=ncols, symmetric=True, pixel=pixel)


def plot_history(losses: Sequence[float], accuracies: Sequence[float], *, width: float = 7.0,
                 height: float = 2.6):
    """A training run epoch by epoch (lesson 8): the mean training loss of every epoch on the
    left (log scale), the held-out accuracy after it on the right (in percent, 0 to 1 given);
    returns the figure."""
    loss_values = _as_array(losses, "losses").ravel()
    accuracy_values = _as_array(accuracies, "accuracies").ravel()
    if loss_values.size == 0:
        raise ValueError(messages.FIGURE_NO_LOSSES)
    if loss_values.size != accuracy_values.size:
        raise ValueError(messages.FIGURE_HISTORY_LENGTHS.format(losses=loss_values.size,
                                                                accuracies=accuracy_values.size))
    if not (np.all(np.isfinite(loss_values)) and np.all(np.isfinite(accuracy_values))):
        raise ValueError(messages.FIGURE_LOSSES_NOT_FINITE)
    if np.any(loss_values <= 0):
        raise ValueError(messages.FIGURE_LOSSES_NOT_POSITIVE)
    outside = accuracy_values[(accuracy_values < 0) | (accuracy_values > 1)]
    if outside.size:
        raise ValueError(messages.FIGURE_ACCURACY_RANGE.format(value=float(outside[0])))
    epochs = np.arange(1, loss_values.size + 1)
    fig, (loss_axis, accuracy_axis) = plt.subplots(1, 2, figsize=(width, height), dpi=DPI)
    loss_axis.plot(epochs, loss_values, color="black", marker="o", markersize=3, linewidth=1.5)
    loss_axis.set_yscale("log")
    loss_axis.set_ylabel(messages.AXIS_TRAINING_LOSS)
    accuracy_axis.plot(epochs, 100 * accuracy_values, color="black", marker="o", markersize=3,
                       linewidth=1.5)
    accuracy_axis.set_ylabel(messages.AXIS_HELD_OUT_ACCURACY + " (%)")
    for axis in (loss_axis, accuracy_axis):
        axis.set_xlabel(messages.AXIS_EPOCH)
        axis.grid(True, linewidth=0.5, alpha=0.5)
        axis.xaxis.get_major_locator().set_params(integer=True)
    fig.tight_layout()
    return fig
