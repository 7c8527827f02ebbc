"""The one renderer: every number torch computes is drawn, the picture describes itself, and
padding, inserted zeros and input are told apart by shape, not by colour alone."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from explorer_testing import torch_conv

from convcourse.explorer.state import default_values, explorer_state, format_number, transposed_state
from convcourse.explorer.svg import CELL, render_svg, state_layout

SVG = "{http://www.w3.org/2000/svg}"


def _texts(svg: str):
    root = ET.fromstring(svg)
    return root, [(float(t.get("x")), float(t.get("y")), t.text) for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("i,k,p,s,d", [(5, 3, 1, 2, 1), (6, 3, 1, 2, 1), (7, 3, 0, 1, 2),
                                       (4, 2, 0, 3, 1)])
def test_svg_shows_every_number_torch_computes_and_describes_itself(i, k, p, s, d):
    st = explorer_state(i, k, p, s, d)
    out = torch_conv(i, k, p, s, d)
    lay = state_layout(st)
    step = st.n_steps - 1
    root, texts = _texts(render_svg(st, step))
    assert root.get("role") == "img" and root.get("aria-label") == root.find(f"{SVG}title").text
    assert root.get("aria-label") == st.title_text + " " + st.step_text(step)
    out_texts = sorted((y, x, t) for x, y, t in texts if x > lay.out_x)
    assert [t for _, _, t in out_texts] == [format_number(v) for v in out.flatten().tolist()]
    in_texts = [t for x, y, t in texts if lay.in_x <= x < lay.k_x and y > lay.top]
    assert len(in_texts) == (i + 2 * p) ** 2  # a number in every padded cell
    marks = [t for *_, t in texts if t == "✕"]
    assert len(marks) == len(st.unreached_rows) + len(st.unreached_cols)
    # The window and the highlight sit at the last step.
    r, c = divmod(step, out.shape[1])
    win = root.find(f".//{SVG}g[@data-role='window']").get("transform")
    hl = root.find(f".//{SVG}g[@data-role='highlight']").get("transform")
    assert win == f"translate({c * s * CELL} {r * s * CELL})"
    assert hl == f"translate({c * CELL} {r * CELL})"


def test_padding_is_drawn_differently_from_the_input_not_by_colour_alone():
    svg = render_svg(explorer_state(5, 3, padding=1))
    assert 'class="ck-gridpad"' in svg  # dashed grid lines (CSS stroke-dasharray)
    assert 'fill="url(#ckh)"' in svg  # hatch pattern
    assert 'class="ck-gridpad"' not in render_svg(explorer_state(5, 3, padding=0))


def test_transposed_svg_marks_inserted_zeros_padding_and_input_differently():
    st = transposed_state(3, 3, 0, 2)
    svg = render_svg(st, 0)
    root, texts = _texts(svg)
    assert root.get("aria-label") == st.title_text + " " + st.step_text(0)
    assert "flipped by 180°" in st.title_text
    assert 'fill="url(#ckh)"' in svg and 'class="ck-gridpad"' in svg  # padding: hatch, dashes
    assert 'fill="url(#ckz)"' in svg and '<pattern id="ckz"' in svg  # inserted zeros: dots
    dotted = re.search(r'<path d="([^"]+)" fill="url\(#ckz\)"/>', svg).group(1)
    assert dotted.count("z") == len(st.inserted_cells) == 16
    # Real input cells keep full-strength numbers; inserted zeros and padding are muted.
    lay = state_layout(st)
    strong = [t for t in root.iter(f"{SVG}text") if t.get("class") is None
              and lay.in_x <= float(t.get("x")) < lay.k_x]
    assert [t.text for t in strong] == [format_number(v) for v in
                                        default_values(3, kernel=False).flatten().tolist()]
    # Ordinary states draw no dots at all.
    assert "ckz" not in render_svg(explorer_state(5, 3, padding=1))
