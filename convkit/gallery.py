"""The animation gallery: the convolution arithmetic guide's cases, drawn by the one renderer.

Each case of Dumoulin & Visin (2016) is a :class:`GalleryCase`; its frames are the steps of its
:class:`~convkit.explorer_state.ConvState`, so the pictures, numbers and caption sizes come from
torch and ``conv_output_size``. The HTML needs no network (not matplotlib's ``to_jshtml``, which
links a CDN font) and has real Play, Pause and Step buttons; nothing moves until the reader asks,
and with ``prefers-reduced-motion`` Play is off (Step still works).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

from convkit import messages
from convkit.explorer_state import ConvState, explorer_state
from convkit.explorer_static import asset, json_values
from convkit.explorer_svg import CELL, legend_html, render_svg

FRAME_INTERVAL_MS = 900


@dataclass(frozen=True)
class GalleryCase:
    slug: str
    input_size: int
    kernel_size: int
    padding: int = 0
    stride: int = 1
    dilation: int = 1

    @property
    def title(self) -> str:
        return messages.CASE_TITLES[self.slug]

    def state(self) -> ConvState:
        return explorer_state(self.input_size, self.kernel_size, self.padding, self.stride,
                              self.dilation)

    def caption(self) -> str:
        """The caption, with the output size computed (never typed in)."""
        rows, cols = self.state().output_shape
        return messages.GALLERY_CAPTION.format(
            title=self.title, i=self.input_size, k=self.kernel_size, p=self.padding,
            s=self.stride, d=self.dilation, o_rows=rows, o_cols=cols)


# The guide's figures 2.1-2.7 and 5.1, in its order.
GALLERY_CASES = (
    GalleryCase("no-padding-no-strides", 4, 3),
    GalleryCase("arbitrary-padding", 5, 4, padding=2),
    GalleryCase("half-padding", 5, 3, padding=1),
    GalleryCase("full-padding", 5, 3, padding=2),
    GalleryCase("no-padding-strides", 5, 3, stride=2),
    GalleryCase("padding-strides", 5, 3, padding=1, stride=2),
    GalleryCase("padding-strides-odd", 6, 3, padding=1, stride=2),
    GalleryCase("dilation", 7, 3, dilation=2),
)


def animation_html(case: GalleryCase, uid: str) -> str:
    """One case as a ``<figure class="convkit-animation">`` with its buttons and frame data."""
    st = case.state()
    data = {"cell": CELL, "s": st.stride, "d": st.dilation, "interval": FRAME_INTERVAL_MS,
            "o": json_values(st.output), "x": json_values(st.padded), "w": json_values(st.kernel),
            "t": st.title_text,
            "strings": {"term": messages.TERM, "terms": messages.TERMS,
                        "joiner": messages.TERM_JOINER, "counter": messages.FRAME_COUNTER,
                        "step": messages.SVG_STEP}}
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    title = case.title

    def button(action: str, text: str, name: str, extra: str = "") -> str:
        return (f'<button type="button" data-action="{action}" '
                f'aria-label="{escape(name.format(case=title))}"{extra}>{escape(text)}</button>')

    pressed = ' aria-pressed="false"'
    frame = messages.FRAME_COUNTER.format(frame=1, total=st.n_steps)
    return (
        f'<figure class="convkit-animation" data-case="{case.slug}" id="{uid}">'
        f'<div class="ck-picture" tabindex="0">{render_svg(st, 0, uid=uid)}</div>'
        f'<figcaption>{escape(case.caption())}</figcaption>'
        f'<div class="ck-buttons">'
        f"{button('play', messages.BUTTON_PLAY, messages.PLAY_ACCESSIBLE_NAME, pressed)}"
        f"{button('pause', messages.BUTTON_PAUSE, messages.PAUSE_ACCESSIBLE_NAME)}"
        f"{button('step', messages.BUTTON_STEP, messages.STEP_ACCESSIBLE_NAME)}"
        f' <span data-role="frame">{escape(frame)}</span></div>'
        f'<p class="ck-text ck-note" data-role="reduced-motion" hidden>'
        f"{escape(messages.REDUCED_MOTION_NOTE)}</p>"
        f'<p class="ck-text ck-terms" data-role="terms">{escape(st.terms_text(0))}</p>'
        f'<div class="ck-sr" aria-live="polite" data-role="announce"></div>'
        f'<script type="application/json" data-role="data">{payload}</script></figure>'
    )


def gallery_html(cases=GALLERY_CASES) -> str:
    """All cases in one self-contained ``<div class="convkit-gallery">`` (CSS and JS inlined)."""
    figures = "".join(animation_html(case, f"ckg{n}") for n, case in enumerate(cases))
    return (f'<div class="convkit-gallery"><style>{asset("convkit.css")}</style>'
            f'<details><summary>{escape(messages.LEGEND_TITLE)}</summary>'
            f'{legend_html()}</details>{figures}'
            f"<script>{asset('gallery.js')}</script></div>")


def show_gallery(cases=GALLERY_CASES) -> None:
    """Display the gallery in a notebook (the same HTML on the built site and in Jupyter)."""
    from IPython.display import HTML, display

    display(HTML(gallery_html(cases)))
