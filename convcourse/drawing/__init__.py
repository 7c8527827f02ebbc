"""The lessons' matplotlib figures, one module per kind of picture.

- ``grids`` -- numbered grids with a dashed window and hatched cells (``draw_grid``), feature
  maps and image batches (``show_feature_maps``, ``show_images``), and the shared ``DPI`` and
  ``WINDOW_COLOUR``.

Figures take their titles and labels as arguments and draw no other words, so the text a
reader sees lives in the notebook or in ``convcourse.messages`` (where it can be translated).
Lessons import from ``convcourse.drawing``; the modules are an implementation detail.
"""

from convcourse.drawing.grids import DPI, WINDOW_COLOUR, draw_grid, show_feature_maps, show_images

__all__ = ["DPI", "WINDOW_COLOUR", "draw_grid", "show_feature_maps", "show_images"]
