"""What the static explorer, the gallery and the live explorer put on a page besides a picture.

The stylesheet and the one script (``assets/convcourse.css``, ``assets/convcourse.js``) are
written into each fragment (the stylesheet as a ``data:`` URL), so a page makes no request and
works from ``file://``; the data the script reads goes in a JSON block (:func:`data_script`):
the numbers (:func:`json_values`) and, for every step, where the window goes and which cells it
multiplies (:func:`step_geometry`), all precomputed here so the script applies no convolution
rule.
"""

from __future__ import annotations

import base64
import json
from importlib.resources import files

from convcourse.explorer.state import ConvState

STYLESHEET = "convcourse.css"  # the look of the explorers and the gallery
SCRIPT = "convcourse.js"  # the one script of the static explorer and the gallery


def asset(name: str) -> str:
    """A CSS or JS file shipped in ``convcourse/explorer/assets``."""
    return files("convcourse.explorer").joinpath("assets", name).read_text(encoding="utf-8")


def style_html() -> str:
    """The stylesheet as a ``<link>`` whose ``href`` is the stylesheet itself, a ``data:`` URL.

    A fragment sits in the page's body, where HTML allows a stylesheet ``<link>`` but not a
    ``<style>`` (the Nu checker lets one pass only if no rule can match outside its parent, and
    ours reach the theme's output box and the page's dark mode); a ``data:`` URL is no request,
    so the page still works offline and from ``file://``.
    """
    encoded = base64.b64encode(asset(STYLESHEET).encode("utf-8")).decode("ascii")
    return f'<link rel="stylesheet" href="data:text/css;charset=utf-8;base64,{encoded}">'


def script_html() -> str:
    """The script, inline."""
    return f"<script>{asset(SCRIPT)}</script>"


def data_script(data: dict) -> str:
    """``data`` as the JSON block the script reads (``data-role="data"``)."""
    # "</" inside a script would end it early; JSON allows the escaped form.
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" data-role="data">{payload}</script>'


def json_values(t) -> list:
    """Values as JSON numbers; whole numbers without ``.0`` so the page prints them as Python does."""
    return [[int(v) if float(v).is_integer() else v for v in row] for row in t.tolist()]


def step_geometry(st: ConvState) -> dict[str, list]:
    """Where the window of each step goes, and which input cell feeds each term, from the state.

    ``rs[r]`` / ``cs[c]``: the window's top row / left column (padded input) for output row r /
    column c (``ConvState.window_origin``); ``taps[t]``: term t's input-cell offset from that
    corner and its kernel cell, ``[row, col, kernel row, kernel col]``
    (``ConvState.window_cells``; a pooling window's cells past the input's edge are taps too,
    and the script skips them, as their value is null).
    The script looks these up; it never applies stride, dilation or the fit rule itself.
    """
    rows, cols = st.output_shape
    top, left = st.window_origin(0)
    kw = st.kernel.shape[1]
    return {
        "rs": [st.window_origin(r * cols)[0] for r in range(rows)],
        "cs": [st.window_origin(c)[1] for c in range(cols)],
        "taps": [[r - top, c - left, *divmod(t, kw)]
                 for t, (r, c) in enumerate(st.window_cells(0))],
    }
