"""The one renderer: a :class:`~convcourse.explorer.state.ConvState` drawn as an SVG string.

Plain string building, not matplotlib: an SVG of a few kilobytes, exact numbers, real text
(selectable, read by screen readers) and styles from CSS, so light and dark page themes both
work. Colours are the Okabe-Ito palette and every meaning also has a shape: padding is dashed
and hatched, a transposed convolution's inserted zeros have a dotted frame, the kernel window a
thick outline with dots on the cells it multiplies, the current output cell a thick outline,
cells no step reads are cross-hatched with a ✕ beside them.

The picture is built from layers (input, kernel, output, unread cells, window, highlight) so the
static explorer can stack the layers of every setting in one SVG and show only the current
ones, and a step change only moves two groups (``step_transforms``) instead of redrawing.
No words are drawn: the panel names and the legend are HTML text beside the picture.

>>> from convcourse.explorer.state import explorer_state
>>> svg = render_svg(explorer_state(5, 3, padding=1), step=0)
>>> svg.startswith("<svg") and 'role="img"' in svg
True
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from convcourse import messages
from convcourse.explorer.state import ConvState, format_number
from convcourse.shapes import kernel_span

CELL = 28  # user units per cell; the SVG scales to the page width through its viewBox
GAP = 28  # between panels
MARGIN = 22  # room for the ✕ markers left of and above the input
# How a group of the picture starts hidden: SVG's display presentation attribute (HTML's
# ``hidden`` is no SVG attribute). The script shows the group by removing the attribute.
HIDDEN = 'display="none"'


@dataclass(frozen=True)
class Layout:
    """Where each panel sits; shared by every setting drawn in one SVG so layers line up."""

    in_x: int
    k_x: int
    out_x: int
    top: int
    width: int
    height: int


def layout_for(padded: tuple[int, int], kernel: tuple[int, int], output: tuple[int, int]) -> Layout:
    """A layout with room for grids up to these (rows, cols) sizes."""
    in_x = MARGIN
    k_x = in_x + padded[1] * CELL + GAP
    out_x = k_x + kernel[1] * CELL + GAP
    width = out_x + output[1] * CELL + 2
    height = MARGIN + max(padded[0], kernel[0], output[0]) * CELL + 2
    return Layout(in_x, k_x, out_x, MARGIN, width, height)


def state_layout(state: ConvState) -> Layout:
    return layout_for(tuple(state.padded.shape), tuple(state.kernel.shape), state.output_shape)


# A dotted frame inside each inserted-zero cell: a 4 × 4 grid of dots without the middle four
# (room for the number) and the top-left one (where the window's tap dot sits).
_ZERO_DOTS = "".join(f"M{3.5 + 7 * a} {2.5 + 7 * b}v2"
                     for a in range(4) for b in range(4)
                     if not (a in (1, 2) and b in (1, 2)) and (a, b) != (0, 0))


def defs(uid: str, inserted: bool = False) -> str:
    """Hatch patterns; ``uid`` keeps ids unique when a page holds several pictures.

    ``inserted`` adds the dot pattern of a transposed convolution's inserted zeros.
    """
    dots = (f'<pattern id="{uid}z" x="{MARGIN}" y="{MARGIN}" width="{CELL}" height="{CELL}" '
            f'patternUnits="userSpaceOnUse"><path d="{_ZERO_DOTS}" class="ck-zdot"/></pattern>'
            if inserted else "")
    return (
        f'<defs><pattern id="{uid}h" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><path d="M0 0V6" class="ck-hatch"/></pattern>'
        f'<pattern id="{uid}x" width="7" height="7" patternUnits="userSpaceOnUse">'
        f'<path d="M0 0L7 7M7 0L0 7" class="ck-xhatch"/></pattern>{dots}</defs>'
    )


def _grid_path(x: int, y: int, rows: int, cols: int) -> str:
    """All the lines of a rows × cols grid as one path (far fewer bytes than rects)."""
    w, h = cols * CELL, rows * CELL
    d = "".join(f"M{x} {y + r * CELL}h{w}" for r in range(rows + 1))
    d += "".join(f"M{x + c * CELL} {y}v{h}" for c in range(cols + 1))
    return d


def _numbers(x: int, y: int, values, cls: str = "", skip=None) -> str:
    """One text per cell, centred (CSS sets text-anchor and the baseline)."""
    attr = f' class="{cls}"' if cls else ""
    out = []
    for r, row in enumerate(values.tolist()):
        for c, v in enumerate(row):
            if skip and skip(r, c):
                continue
            out.append(f'<text x="{x + c * CELL + CELL // 2}" y="{y + r * CELL + CELL // 2}"'
                       f'{attr}>{format_number(v)}</text>')
    return "".join(out)


def input_layer(state: ConvState, lay: Layout, uid: str) -> str:
    """The padded input: padding hatched with dashed lines, the input solid, every number."""
    rows, cols = state.padded.shape
    p = state.padding
    x, y = lay.in_x, lay.top
    ih, iw = state.input.shape
    inserted = frozenset(state.inserted_cells)
    box = f'x="{x}" y="{y}" width="{cols * CELL}" height="{rows * CELL}"'
    # Two rects: a CSS fill (theme colour) under the hatch (CSS fill would override the pattern).
    parts = [f'<rect {box} class="ck-pad"/><rect {box} fill="url(#{uid}h)"/>' if p else "",
             f'<path d="{_grid_path(x, y, rows, cols)}" class="ck-gridpad"/>' if p else "",
             f'<rect x="{x + p * CELL}" y="{y + p * CELL}" width="{iw * CELL}" '
             f'height="{ih * CELL}" class="ck-in"/>',
             _inserted_cells(state, lay, uid),
             f'<path d="{_grid_path(x + p * CELL, y + p * CELL, ih, iw)}" class="ck-grid"/>',
             _numbers(x, y, state.padded, "ck-muted",
                      skip=lambda r, c: (p <= r < p + ih and p <= c < p + iw
                                         and (r, c) not in inserted)),
             _numbers(x + p * CELL, y + p * CELL, state.input,
                      skip=(lambda r, c: (r + p, c + p) in inserted) if inserted else None)]
    return "".join(parts)


def _inserted_cells(state: ConvState, lay: Layout, uid: str) -> str:
    """A transposed convolution's inserted zeros: one dotted path (nothing for other states)."""
    if not state.inserted_cells:
        return ""
    d = "".join(f"M{lay.in_x + c * CELL} {lay.top + r * CELL}h{CELL}v{CELL}h-{CELL}z"
                for r, c in state.inserted_cells)
    return f'<path d="{d}" class="ck-ins"/><path d="{d}" fill="url(#{uid}z)"/>'


def kernel_layer(state: ConvState, lay: Layout) -> str:
    kh, kw = state.kernel.shape
    return (f'<rect x="{lay.k_x}" y="{lay.top}" width="{kw * CELL}" height="{kh * CELL}" '
            f'class="ck-k"/><path d="{_grid_path(lay.k_x, lay.top, kh, kw)}" class="ck-grid"/>'
            + _numbers(lay.k_x, lay.top, state.kernel))


def output_frame(rows: int, cols: int, lay: Layout) -> str:
    """The output grid without its numbers (the static explorer shares one per shape)."""
    return (f'<rect x="{lay.out_x}" y="{lay.top}" width="{cols * CELL}" height="{rows * CELL}" '
            f'class="ck-out"/><path d="{_grid_path(lay.out_x, lay.top, rows, cols)}" '
            f'class="ck-grid"/>')


def output_layer(state: ConvState, lay: Layout) -> str:
    return output_frame(*state.output_shape, lay) + _numbers(lay.out_x, lay.top, state.output)


def output_number_slots(state: ConvState, rows: int, cols: int, lay: Layout) -> str:
    """A rows × cols block of number places over the output, filled with ``state``'s numbers.

    The static explorer draws one block for every setting and its script writes each
    setting's precomputed numbers into it (row-major; places outside the output stay empty),
    instead of carrying a drawn copy of every output.
    """
    out = ['<g data-role="output-numbers">']
    values = state.output.tolist()
    for r in range(rows):
        for c in range(cols):
            inside = r < len(values) and c < len(values[0])
            out.append(f'<text x="{lay.out_x + c * CELL + CELL // 2}" '
                       f'y="{lay.top + r * CELL + CELL // 2}">'
                       f'{format_number(values[r][c]) if inside else ""}</text>')
    out.append("</g>")
    return "".join(out)


def unreached_row(r: int, width: int, lay: Layout, uid: str) -> str:
    """Cross-hatch padded row ``r`` (``width`` cells long) and put a ✕ left of it."""
    x, y = lay.in_x, lay.top + r * CELL
    return (f'<rect x="{x}" y="{y}" width="{width * CELL}" height="{CELL}" fill="url(#{uid}x)" '
            f'class="ck-unr"/><text x="{x - MARGIN // 2}" y="{y + CELL // 2}" '
            f'class="ck-mark">✕</text>')


def unreached_col(c: int, height: int, lay: Layout, uid: str) -> str:
    """Cross-hatch padded column ``c`` (``height`` cells tall) and put a ✕ above it."""
    x, y = lay.in_x + c * CELL, lay.top
    return (f'<rect x="{x}" y="{y}" width="{CELL}" height="{height * CELL}" fill="url(#{uid}x)" '
            f'class="ck-unr"/><text x="{x + CELL // 2}" y="{y - MARGIN // 2}" '
            f'class="ck-mark">✕</text>')


def unreached_layer(state: ConvState, lay: Layout, uid: str) -> str:
    """Cross-hatch every padded row and column no tap reads, with a ✕ in the margin."""
    rows, cols = state.padded.shape
    return ("".join(unreached_row(r, cols, lay, uid) for r in state.unreached_rows)
            + "".join(unreached_col(c, rows, lay, uid) for c in state.unreached_cols))


def window_shape(state: ConvState) -> str:
    """The kernel window at the padded input's top-left corner; steps translate it."""
    kh, kw = state.kernel.shape
    d = state.dilation
    span_h, span_w = kernel_span((kh, kw), d)
    dots = "".join(f'<circle cx="{b * d * CELL + 5}" cy="{a * d * CELL + 5}" r="3"/>'
                   for a in range(kh) for b in range(kw))
    return (f'<rect x="1" y="1" width="{span_w * CELL - 2}" height="{span_h * CELL - 2}" '
            f'class="ck-win"/><g class="ck-dot">{dots}</g>')


def step_transforms(state: ConvState, step: int) -> tuple[str, str]:
    """The translate() of the window group and of the output highlight for one step."""
    top, left = state.window_origin(step)
    row, col = divmod(step, state.output_shape[1])
    return f"translate({left * CELL} {top * CELL})", f"translate({col * CELL} {row * CELL})"


def highlight_rect() -> str:
    return f'<rect x="1" y="1" width="{CELL - 2}" height="{CELL - 2}" class="ck-hl"/>'


def legend_html(items: tuple[str, ...] | None = None) -> str:
    """The picture's key as an HTML list (words beside the picture, never inside it); by
    default ``messages.LEGEND`` in the active language."""
    items = messages.LEGEND if items is None else items
    return ('<ul class="ck-legend">' + "".join(f"<li>{escape(t)}</li>" for t in items)
            + "</ul>")


def svg_open(lay: Layout, label: str, extra: str = "") -> str:
    label = escape(label)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="ck-svg" role="img" '
            f'width="{lay.width}" height="{lay.height}" viewBox="0 0 {lay.width} {lay.height}" '
            f'aria-label="{label}"{extra}>'
            f'<title>{label}</title>')


def svg_template(state: ConvState, uid: str = "ck", lay: Layout | None = None):
    """A function ``step -> SVG string`` that reuses the drawing of everything but the step.

    The live explorer keeps one per setting, so a step change only formats two transforms and
    the text alternative.
    """
    lay = lay or state_layout(state)
    body = "".join([defs(uid, bool(state.inserted_cells)), input_layer(state, lay, uid),
                    unreached_layer(state, lay, uid), kernel_layer(state, lay),
                    output_layer(state, lay)])
    window, highlight = window_shape(state), highlight_rect()

    def render(step: int | None) -> str:
        if step is None:
            return svg_open(lay, state.title_text) + body + "</svg>"
        win, hl = step_transforms(state, step)
        label = messages.SENTENCE_JOINER.join((state.title_text, state.step_text(step)))
        return (svg_open(lay, label) + body
                + f'<g transform="translate({lay.in_x} {lay.top})"><g data-role="window" '
                f'transform="{win}">{window}</g></g>'
                f'<g transform="translate({lay.out_x} {lay.top})"><g data-role="highlight" '
                f'transform="{hl}">{highlight}</g></g></svg>')

    return render


def render_svg(state: ConvState, step: int | None = 0, uid: str = "ck",
               lay: Layout | None = None) -> str:
    """The whole picture for one state and step (``step=None``: no window, no highlight)."""
    return svg_template(state, uid, lay)(step)
