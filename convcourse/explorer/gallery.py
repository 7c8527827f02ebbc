"""The animation gallery: the convolution arithmetic guide's cases, drawn by the one renderer.

Each case of Dumoulin & Visin (2016) is a :class:`GalleryCase`; its frames are the steps of its
:class:`~convcourse.explorer.state.ConvState`, so the pictures, numbers and caption sizes come from
torch and ``conv_output_size``. The transposed cases (the guide's chapter 4) are drawn as their
equivalent direct convolution (:func:`~convcourse.explorer.state.transposed_state`), with the
numbers of ``F.conv_transpose2d``. The HTML needs no network (not matplotlib's ``to_jshtml``, which
links a CDN font) and has real Play, Pause and Step buttons; nothing moves until the reader asks,
and with ``prefers-reduced-motion`` Play is off (Step still works).

Predict first: lesson 3's exercises ask for these output sizes, so a caption gives the setting
only; the output panel, the size and the frame total appear after a step, Play, or the
answer's toggle. The script is the explorer's (``assets/convcourse.js``): it steps through
the geometry precomputed here (:func:`~convcourse.explorer.page.step_geometry`).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from convcourse import messages
from convcourse.explorer.page import data_script, json_values, script_html, step_geometry, style_html
from convcourse.explorer.state import (
    ConvState,
    PoolState,
    _OneLine,
    explorer_state,
    format_number,
    pool_state,
    transposed_state,
)
from convcourse.explorer.svg import (
    CELL,
    GAP,
    HIDDEN,
    MARGIN,
    Layout,
    _grid_path,
    _numbers,
    defs,
    highlight_rect,
    input_layer,
    kernel_layer,
    legend_html,
    output_layer,
    state_layout,
    step_transforms,
    svg_open,
    unreached_col,
    unreached_layer,
    unreached_row,
    window_shape,
)

FRAME_INTERVAL_MS = 900


@dataclass(frozen=True)
class GalleryCase:
    slug: str
    input_size: int
    kernel_size: int
    padding: int = 0
    stride: int = 1
    dilation: int = 1
    transposed: bool = False  # F.conv_transpose2d with this padding and stride

    @property
    def title(self) -> str:
        return messages.CASE_TITLES[self.slug]

    def state(self) -> ConvState:
        if self.transposed:
            return transposed_state(self.input_size, self.kernel_size, self.padding, self.stride)
        return explorer_state(self.input_size, self.kernel_size, self.padding, self.stride,
                              self.dilation)

    def caption(self) -> str:
        """The caption: the setting, computed from the state, without the output size."""
        st = self.state()
        if self.transposed:
            return messages.GALLERY_CAPTION_TRANSPOSED.format(
                title=self.title, i=st.source.shape[0], k=st.source_kernel.shape[0],
                p=st.t_padding, s=st.t_stride, zeros=st.t_stride - 1, st=st.input.shape[0],
                q=st.padding, n=st.padded.shape[0])
        return messages.GALLERY_CAPTION.format(
            title=self.title, i=self.input_size, k=self.kernel_size, p=self.padding,
            s=self.stride, d=self.dilation)

    def answer(self) -> str:
        """The output size the reader was asked to predict (computed, never typed in)."""
        rows, cols = self.state().output_shape
        return messages.GALLERY_ANSWER.format(o_rows=rows, o_cols=cols)

    def picture(self, st: ConvState, label: str, uid: str) -> str:
        return picture(st, label, uid)

    def state_data(self, st: ConvState) -> dict:
        """The numbers and geometry the script steps through."""
        return {"o": json_values(st.output), "x": json_values(st.padded),
                "w": json_values(st.kernel), **step_geometry(st)}

    def strings(self) -> dict[str, str]:
        """The sentence templates the script fills for each step."""
        return {"term": messages.TERM, "terms": messages.TERMS, "joiner": messages.TERM_JOINER,
                "step": messages.SVG_STEP}


# The guide's figures 2.1-2.7, 5.1, 4.1 and 4.5, in its order (transposed cases last).
GALLERY_CASES = (
    GalleryCase("no-padding-no-strides", 4, 3),
    GalleryCase("arbitrary-padding", 5, 4, padding=2),
    GalleryCase("half-padding", 5, 3, padding=1),
    GalleryCase("full-padding", 5, 3, padding=2),
    GalleryCase("no-padding-strides", 5, 3, stride=2),
    GalleryCase("padding-strides", 5, 3, padding=1, stride=2),
    GalleryCase("padding-strides-odd", 6, 3, padding=1, stride=2),
    GalleryCase("dilation", 7, 3, dilation=2),
    GalleryCase("transposed-no-padding-no-strides", 2, 3, transposed=True),
    GalleryCase("transposed-strides", 3, 3, stride=2, transposed=True),
)


# What show_gallery(kind=...) shows: lesson 3 the direct cases, lesson 6 the transposed ones.
GALLERY_KINDS = {
    "direct": tuple(c for c in GALLERY_CASES if not c.transposed),
    "transposed": tuple(c for c in GALLERY_CASES if c.transposed),
    "all": GALLERY_CASES,
}


class UnknownKind(_OneLine, ValueError):
    """A ``kind`` the gallery does not have; the message lists the kinds."""


def gallery_cases(kind="all") -> tuple[GalleryCase, ...]:
    """The cases of one kind: ``"direct"``, ``"transposed"`` or ``"all"``."""
    if isinstance(kind, str) and kind in GALLERY_KINDS:
        return GALLERY_KINDS[kind]
    raise UnknownKind(messages.GALLERY_UNKNOWN_KIND.format(
        kind=kind, kinds=messages.LIST_JOINER.join(repr(k) for k in GALLERY_KINDS)))


def picture(st: ConvState, label: str, uid: str) -> str:
    """The case's SVG at step 0, its output panel (and the output highlight) hidden until shown."""
    lay = state_layout(st)
    win, hl = step_transforms(st, 0)
    return (svg_open(lay, label) + defs(uid, bool(st.inserted_cells)) + input_layer(st, lay, uid)
            + unreached_layer(st, lay, uid) + kernel_layer(st, lay)
            + f'<g data-role="output" {HIDDEN}>{output_layer(st, lay)}'
            f'<g transform="translate({lay.out_x} {lay.top})"><g data-role="highlight" '
            f'transform="{hl}">{highlight_rect()}</g></g></g>'
            f'<g transform="translate({lay.in_x} {lay.top})"><g data-role="window" '
            f'transform="{win}">{window_shape(st)}</g></g></svg>')


def animation_html(case: GalleryCase, uid: str) -> str:
    """One case as a ``<figure class="convcourse-animation">`` with its buttons and frame data."""
    st = case.state()
    caption = case.caption()
    data = {"cell": CELL, "interval": FRAME_INTERVAL_MS, "t": st.title_text, "t_hidden": caption,
            "state": case.state_data(st),
            "strings": {**case.strings(), "counter": messages.FRAME_COUNTER,
                        "counter_hidden": messages.FRAME_COUNTER_HIDDEN,
                        "sentences": messages.SENTENCE_JOINER}}
    title = case.title

    def button(action: str, text: str, name: str, extra: str = "") -> str:
        return (f'<button type="button" data-action="{action}" '
                f'aria-label="{escape(name.format(case=title))}"{extra}>{escape(text)}</button>')

    pressed = ' aria-pressed="false"'
    frame = messages.FRAME_COUNTER_HIDDEN.format(frame=1)
    label = messages.SENTENCE_JOINER.join((caption, st.step_text(0)))
    # The caption opens the figure (HTML allows a figcaption only as its first or last child):
    # the setting and the question come before the picture and the answer's toggle.
    return (
        f'<figure class="convcourse-animation" data-case="{case.slug}" id="{uid}">'
        f'<figcaption>{escape(messages.SENTENCE_JOINER.join((caption, messages.GALLERY_PREDICT)))}'
        f'</figcaption>'
        f'<div class="ck-picture" tabindex="0">{case.picture(st, label, uid)}</div>'
        f'<details class="ck-answer" data-role="answer"><summary>{escape(messages.GALLERY_ANSWER_SUMMARY)}'
        f'</summary><p class="ck-text">{escape(case.answer())}</p></details>'
        f'<div class="ck-buttons">'
        f"{button('play', messages.BUTTON_PLAY, messages.PLAY_ACCESSIBLE_NAME, pressed)}"
        f"{button('pause', messages.BUTTON_PAUSE, messages.PAUSE_ACCESSIBLE_NAME)}"
        f"{button('step', messages.BUTTON_STEP, messages.STEP_ACCESSIBLE_NAME)}"
        f' <span data-role="frame">{escape(frame)}</span></div>'
        f'<p class="ck-text ck-note" data-role="reduced-motion" hidden>'
        f"{escape(messages.REDUCED_MOTION_NOTE)}</p>"
        f'<p class="ck-text ck-terms" data-role="terms">{escape(st.terms_text(0))}</p>'
        f'<div class="ck-sr" aria-live="polite" data-role="announce"></div>'
        f"{data_script(data)}</figure>"
    )


def gallery_html(cases=None, *, kind="all") -> str:
    """The cases of one kind (or the ``cases`` given) in one self-contained
    ``<div class="convcourse-gallery">`` (CSS and JS inlined)."""
    cases = gallery_cases(kind) if cases is None else tuple(cases)
    figures = "".join(animation_html(case, f"ckg{n}") for n, case in enumerate(cases))
    legend = messages.GALLERY_LEGEND if any(c.transposed for c in cases) else messages.LEGEND
    return (f'<div class="convcourse-gallery">{style_html()}'
            f'<details><summary>{escape(messages.LEGEND_TITLE)}</summary>'
            f'{legend_html(legend)}</details>{figures}'
            f"{script_html()}</div>")


def show_gallery(kind="all", *, cases=None) -> None:
    """Display the gallery in a notebook (the same HTML on the built site and in Jupyter).

    ``kind`` is ``"direct"`` (the guide's eight direct convolutions, lesson 3), ``"transposed"``
    (its two transposed ones, lesson 6) or ``"all"``; ``cases``, a sequence of
    :class:`GalleryCase`, shows those instead.
    """
    from IPython.display import HTML, display

    cases = gallery_cases(kind) if cases is None else cases
    display(HTML(gallery_html(cases)))


# --- Pooling (lesson 5) ------------------------------------------------------------------
# The same figure, buttons and script; the state is F.max_pool2d's or F.avg_pool2d's, the
# picture has no kernel panel (a pooling window has no weights), and the terms are the values
# the window reads, e.g. "output[0, 1] = max(0, 3, 2, 3) = 3".


@dataclass(frozen=True)
class PoolCase:
    slug: str
    input_size: int
    kernel_size: int
    stride: int | None = None  # None: the window size, as in torch
    mode: str = "max"  # "max" (F.max_pool2d) or "avg" (F.avg_pool2d)
    ceil_mode: bool = False

    @property
    def title(self) -> str:
        return messages.POOL_TITLES[self.slug]

    def state(self) -> PoolState:
        return pool_state(self.input_size, self.kernel_size, self.stride, self.ceil_mode,
                          self.mode)

    def caption(self) -> str:
        """The setting, computed from the state, without the output size."""
        st = self.state()
        return messages.POOL_CAPTION.format(title=self.title, call=st.call_text,
                                            i=st.input.shape[0], k=st.kernel.shape[0],
                                            s=st.stride)

    def answer(self) -> str:
        rows, cols = self.state().output_shape
        return messages.GALLERY_ANSWER.format(o_rows=rows, o_cols=cols)

    def picture(self, st: PoolState, label: str, uid: str) -> str:
        return pool_picture(st, label, uid)

    def state_data(self, st: PoolState) -> dict:
        """As a convolution's, with null for the cells past the input's edge (the script reads
        none of them) and the output as the page prints it (a mean like 1/3 as 0.333)."""
        inside = [[None if v != v else v for v in row] for row in json_values(st.padded)]
        shown = [[_number(float(format_number(v))) for v in row] for row in st.output.tolist()]
        return {"o": shown, "x": inside, "w": json_values(st.kernel), **step_geometry(st)}

    def strings(self) -> dict[str, str]:
        return {"term": messages.POOL_TERM, "terms": self.state().terms_template,
                "joiner": messages.POOL_TERM_JOINER, "step": messages.POOL_SVG_STEP}


def _number(value: float):
    """A JSON number as Python prints it: 2, not 2.0 (see ``page.json_values``)."""
    return int(value) if value.is_integer() else value


# Lesson 5's 5 × 5 example: windows side by side, overlapping windows, the mean, and the
# lesson's ceil_mode example (its last windows hang over the edge).
POOL_CASES = (
    PoolCase("max-2-stride-2", 5, 2, 2, "max"),
    PoolCase("max-3-stride-1", 5, 3, 1, "max"),
    PoolCase("avg-2-stride-2", 5, 2, 2, "avg"),
    PoolCase("max-3-ceil", 5, 3, 3, "max", ceil_mode=True),
)


def pool_layout(st: PoolState) -> Layout:
    """The input (with any cells a window hangs over) and the output, side by side."""
    rows, cols = st.padded.shape
    out_rows, out_cols = st.output_shape
    out_x = MARGIN + cols * CELL + GAP
    return Layout(in_x=MARGIN, k_x=out_x, out_x=out_x, top=MARGIN,
                  width=out_x + out_cols * CELL + 2,
                  height=MARGIN + max(rows, out_rows) * CELL + 2)


def pool_input_layer(st: PoolState, lay: Layout) -> str:
    """The input with its numbers; the cells past its edge dashed and empty (nothing there)."""
    ih, iw = st.input.shape
    x, y = lay.in_x, lay.top
    outside = "".join(f"M{x + c * CELL} {y + r * CELL}h{CELL}v{CELL}h-{CELL}z"
                      for r, c in st.outside_cells)
    return ((f'<path d="{outside}" class="ck-gridpad"/>' if outside else "")
            + f'<rect x="{x}" y="{y}" width="{iw * CELL}" height="{ih * CELL}" class="ck-in"/>'
            + f'<path d="{_grid_path(x, y, ih, iw)}" class="ck-grid"/>'
            + _numbers(x, y, st.input))


def pool_picture(st: PoolState, label: str, uid: str) -> str:
    """A pooling step 0: input, unread rows and columns, the window; the output hidden."""
    lay = pool_layout(st)
    win, hl = step_transforms(st, 0)
    ih, iw = st.input.shape
    k = st.kernel.shape[0]
    unread = ("".join(unreached_row(r, iw, lay, uid) for r in st.unreached_rows)
              + "".join(unreached_col(c, ih, lay, uid) for c in st.unreached_cols))
    window = (f'<rect x="1" y="1" width="{k * CELL - 2}" height="{k * CELL - 2}" '
              f'class="ck-win"/>')
    return (svg_open(lay, label) + defs(uid) + pool_input_layer(st, lay) + unread
            + f'<g data-role="output" {HIDDEN}>{output_layer(st, lay)}'
            f'<g transform="translate({lay.out_x} {lay.top})"><g data-role="highlight" '
            f'transform="{hl}">{highlight_rect()}</g></g></g>'
            f'<g transform="translate({lay.in_x} {lay.top})"><g data-role="window" '
            f'transform="{win}">{window}</g></g></svg>')


def pooling_html(cases=POOL_CASES) -> str:
    """Pooling animations in one self-contained ``<div class="convcourse-gallery">``."""
    figures = "".join(animation_html(case, f"ckp{n}") for n, case in enumerate(cases))
    return (f'<div class="convcourse-gallery">{style_html()}'
            f'<details><summary>{escape(messages.LEGEND_TITLE)}</summary>'
            f'{legend_html(messages.POOL_LEGEND)}</details>{figures}'
            f"{script_html()}</div>")


def show_pooling(cases=POOL_CASES) -> None:
    """Display lesson 5's pooling animations in a notebook (the same HTML on the site)."""
    from IPython.display import HTML, display

    display(HTML(pooling_html(cases)))
