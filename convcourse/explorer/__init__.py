"""The convolution explorer and the animation gallery, drawn from torch's numbers.

- ``state``   -- ``explorer_state`` / ``transposed_state`` / ``pool_state``: a ``ConvState``, everything one
  setting shows (padded input, ``F.conv2d``'s output, each step's window and terms, the unread
  rows and columns, the sentences), and the plain one-line errors (``ImpossibleConvolution``).
- ``svg``     -- the one renderer: a ``ConvState`` as an SVG string, built from layers the other
  modules reuse (input, kernel, output, unread cells, window, highlight) and its HTML legend.
- ``static``  -- ``static_explorer_html``: the explorer for the built site, every slider setting
  precomputed in one self-contained fragment driven by ``assets/convcourse.js``.
- ``live``    -- ``explore``: the explorer in Jupyter (ipywidgets sliders redrawing the SVG),
  which carries the static explorer as its ``text/html`` for the built site.
- ``gallery`` -- ``show_gallery`` / ``gallery_html``: the convolution arithmetic guide's cases as
  animations with Play, Pause and Step (the same script); ``show_pooling`` / ``pooling_html``:
  lesson 5's pooling animations, drawn the same way from ``state.pool_state``.
- ``page``    -- what those fragments share besides a picture: the stylesheet and the script
  (``style_html``, ``script_html``), the JSON block the script reads (``data_script``) and the
  precomputed numbers and step geometry in it (``json_values``, ``step_geometry``).
- ``assets/`` -- ``convcourse.css`` and ``convcourse.js``, shipped in the wheel and written into
  each fragment, so a page makes no request.

Lessons use ``from convcourse import explore, show_gallery, show_pooling``; this ``__init__`` imports nothing,
so a module that needs no widgets (the gallery, the static explorer) does not load ipywidgets.
"""
