"""The lessons' matplotlib figures: numbered grids, feature maps, image batches.

Every function takes its titles as arguments and draws no other words, so the text a reader
sees lives in the notebook (where it can be translated), not inside the picture. Colour maps
are colour-blind safe (cividis, grayscale), and no meaning rests on colour alone: grids carry
their numbers, a window is a thick dashed outline, marked cells are hatched.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = draw_grid(ax, [[1, 2], [3, 4]], window=(0, 0, 1, 2))
    >>> [text.get_text() for text in ax.texts]
    ['1', '2', '3', '4']
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

#: Dots per inch for lesson figures: small PNGs keep the pages light.
DPI = 80

# Okabe-Ito vermilion: stands out on cividis, and the outline is also thick and dashed,
# so the window does not rely on colour alone.
WINDOW_COLOUR = "#D55E00"


def _as_array(values, what: str) -> np.ndarray:
    """A float numpy copy of a tensor, array or nested list."""
    if hasattr(values, "detach"):  # a torch tensor, possibly on the GPU or needing grad
        values = values.detach().cpu().numpy()
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{what} must be numbers (a tensor, array or nested list), "
                        f"got {type(values).__name__}: {error}") from None


def draw_grid(ax, values, *, window=None, marked=None, title: str | None = None,
              fmt: str = "{:g}", cmap: str = "cividis", vmin=None, vmax=None, fontsize: int = 12):
    """Draw ``values`` (a 2-D tensor, array or nested list) on ``ax`` as cells with their numbers.

    ``window`` = (row, column, height, width) outlines that block of cells with a thick dashed
    line. ``marked`` is a boolean array of the same shape: those cells are hatched (the padding,
    say). Colours follow ``cmap`` between ``vmin`` and ``vmax`` (the array's range by default);
    each number, and the hatching, is black or white, whichever reads better on its cell.
    Row 0 is at the top, as the tensor prints. Returns ``ax``.
    """
    array = _as_array(values, "values")
    if array.ndim != 2 or array.size == 0:
        raise ValueError(f"draw_grid draws non-empty 2-D arrays; got shape {array.shape}. "
                         "Index or squeeze it first.")
    rows, cols = array.shape
    if marked is not None:
        marked = _as_array(marked, "marked").astype(bool)
        if marked.shape != array.shape:
            raise ValueError(f"marked has shape {marked.shape} but values have shape {array.shape}; "
                             "give one True/False per cell.")
    if window is not None:
        try:
            top, left, height, width = (int(n) for n in window)
        except (TypeError, ValueError):
            raise ValueError(f"window must be (row, column, height, width), got {window!r}") from None
        if height < 1 or width < 1 or top < 0 or left < 0 or top + height > rows or left + width > cols:
            raise ValueError(f"window {window!r} does not fit in a {rows} x {cols} grid")

    colormap = plt.get_cmap(cmap)
    low = np.nanmin(array) if vmin is None else vmin
    high = np.nanmax(array) if vmax is None else vmax
    span = (high - low) or 1.0
    # The cells go in with add_artist, not add_patch: the limits are set below, so add_patch's
    # update of the data limits (per patch, most of the drawing time) would be thrown away.
    for (r, c), value in np.ndenumerate(array):
        red, green, blue, _ = colormap((value - low) / span)
        # ITU-R BT.601 luma: pick the ink that contrasts with this cell
        ink = "black" if 0.299 * red + 0.587 * green + 0.114 * blue > 0.5 else "white"
        ax.add_artist(Rectangle((c, r), 1, 1, facecolor=(red, green, blue), edgecolor="white",
                                linewidth=1.5))
        if marked is not None and marked[r, c]:
            # the hatch takes the patch's edge colour, so a second, borderless patch carries it
            ax.add_artist(Rectangle((c, r), 1, 1, fill=False, hatch="//", edgecolor=ink,
                                    linewidth=0))
        # in_layout=False: a number sits inside its cell, so the layout need not measure it
        ax.text(c + 0.5, r + 0.5, fmt.format(value), ha="center", va="center",
                fontsize=fontsize, color=ink, in_layout=False)
    if window is not None:
        ax.add_artist(Rectangle((left, top), width, height, fill=False, linewidth=4,
                                linestyle="--", edgecolor=WINDOW_COLOUR))
    ax.set_xlim(-0.1, cols + 0.1)
    ax.set_ylim(rows + 0.1, -0.1)  # row 0 at the top
    ax.set_aspect("equal")
    ax.axis("off")
    # Hidden, the axes' ticks are not laid out either (matplotlib measures the tick labels of
    # an axes it does not draw to place a title above them): the picture is the same.
    ax.xaxis.set_visible(False)
    ax.yaxis.set_visible(False)
    if title is not None:
        ax.set_title(title, fontsize=9)
    return ax


def _check_titles(titles, count: int, what: str) -> None:
    if titles is not None and len(titles) != count:
        raise ValueError(f"got {len(titles)} titles for {count} {what}")


def _panel_grid(count: int, ncols: int | None, panel: float):
    """A figure of ``count`` panels, ``ncols`` to a row (at most 6 by default); extras hidden."""
    if ncols is not None and (not isinstance(ncols, int) or ncols < 1):
        raise ValueError(f"ncols must be a positive int, got {ncols!r}")
    ncols = ncols or min(count, 6)
    nrows = math.ceil(count / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel * ncols, panel * nrows), dpi=DPI,
                             squeeze=False)
    for ax in axes.flat[count:]:
        ax.axis("off")
    return fig, axes.flat[:count]


def show_feature_maps(maps, titles: Sequence[str] | None = None, ncols: int | None = None,
                      panel: float = 2.2, cmap: str = "gray", colorbar: bool = True):
    """One panel per channel of ``maps`` (H, W), (C, H, W) or (1, C, H, W), each with its own
    colour bar; returns the figure.

    Channels are never merged into a fake RGB image: a feature map is one number per pixel.
    """
    array = _as_array(maps, "maps")
    if array.ndim == 4 and array.shape[0] == 1:
        array = array[0]
    if array.ndim == 2:
        array = array[None]
    if array.ndim != 3 or array.size == 0:
        raise ValueError(f"expected maps of shape (H, W), (C, H, W) or (1, C, H, W), "
                         f"got {tuple(np.shape(maps))}")
    _check_titles(titles, len(array), "channels")
    fig, axes = _panel_grid(len(array), ncols, panel)
    for index, (ax, channel) in enumerate(zip(axes, array, strict=True)):
        shown = ax.imshow(channel, cmap=cmap)
        ax.set_xticks([])
        ax.set_yticks([])
        if titles is not None:
            ax.set_title(titles[index], fontsize=9)
        if colorbar:
            fig.colorbar(shown, ax=ax, fraction=0.046, pad=0.03).ax.tick_params(labelsize=7)
    fig.tight_layout()
    return fig


def show_images(images, titles: Sequence[str] | None = None, ncols: int | None = None,
                panel: float = 1.3):
    """RGB images (N, 3, H, W) with values in [0, 1], one per panel; returns the figure."""
    array = _as_array(images, "images")
    if array.ndim != 4 or array.shape[1] != 3 or array.shape[0] == 0:
        raise ValueError(f"expected images of shape (N, 3, H, W), got {tuple(array.shape)}")
    _check_titles(titles, len(array), "images")
    fig, axes = _panel_grid(len(array), ncols, panel)
    for index, (ax, image) in enumerate(zip(axes, array, strict=True)):
        ax.imshow(np.clip(image.transpose(1, 2, 0), 0, 1), interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        if titles is not None:
            ax.set_title(titles[index], fontsize=8)
    fig.tight_layout()
    return fig
