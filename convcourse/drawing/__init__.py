"""The lessons' matplotlib figures, one module per kind of picture.

- ``grids`` -- numbered grids with a dashed window and hatched cells (``draw_grid``), feature
  maps and image batches (``show_feature_maps``, ``show_images``), and the shared ``DPI`` and
  ``WINDOW_COLOUR``.
- ``pipeline`` -- a model as boxes and arrows with the data's shape under each step
  (``measure_steps``, ``draw_pipeline``, lesson 1).
- ``channels`` -- a convolution with several input and output channels, every number shown
  (``draw_multichannel``, lesson 2).
- ``windows`` -- window positions along one dimension (``draw_windows``, lesson 3) and the
  cells a dilated kernel touches (``draw_dilated_taps``, lesson 4).
- ``learned`` -- a loss curve (``plot_losses``), kernels side by side on one scale
  (``show_kernels_side_by_side``), small images in one mosaic (``show_mosaic``) such as a layer's
  kernels (``show_kernel_grid``), lesson 7; a training run epoch by epoch (``plot_history``),
  lesson 8.

Figures take their titles and labels as arguments and draw no other words, so the text a
reader sees lives in the notebook or in ``convcourse.messages`` (where it can be translated).
Lessons import from ``convcourse.drawing``; the modules are an implementation detail.
"""

from convcourse.drawing.channels import draw_multichannel
from convcourse.drawing.grids import DPI, WINDOW_COLOUR, draw_grid, show_feature_maps, show_images
from convcourse.drawing.learned import (
    plot_history,
    plot_losses,
    show_kernel_grid,
    show_kernels_side_by_side,
    show_mosaic,
)
from convcourse.drawing.pipeline import draw_pipeline, measure_steps
from convcourse.drawing.windows import dilated_taps, draw_dilated_taps, draw_windows, window_positions

__all__ = [
    "DPI",
    "WINDOW_COLOUR",
    "dilated_taps",
    "draw_dilated_taps",
    "draw_grid",
    "draw_multichannel",
    "draw_pipeline",
    "draw_windows",
    "measure_steps",
    "plot_history",
    "plot_losses",
    "show_feature_maps",
    "show_images",
    "show_kernel_grid",
    "show_kernels_side_by_side",
    "show_mosaic",
    "window_positions",
]
