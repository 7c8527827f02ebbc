"""The explorer for the built site: every slider setting precomputed, one self-contained fragment.

``static_explorer_html()`` computes the :class:`~convcourse.explorer.state.ConvState` of every
(input size, padding, stride, kernel size, dilation) on the sliders with torch, draws their
layers with the one renderer into a single SVG, and adds the numbers and the geometry as JSON
plus the small inline script the gallery shares (``assets/convcourse.js``, put on the page by
:mod:`convcourse.explorer.page`). The script computes nothing: it shows the chosen setting's
layers, writes its precomputed output numbers into their places, moves the window to the step's
precomputed place (:func:`~convcourse.explorer.page.step_geometry`), reads each term's input
cell from the precomputed tap offsets and fills the sentence templates of
``convcourse.messages`` (the active language's, handed over in the page's data). No request
leaves the page, so it works from ``file://``, from any server and without a kernel; without
JavaScript the page still shows the first setting, fully drawn and described.

Impossible settings are precomputed too: their plain message is shown instead of a picture.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from functools import cache
from html import escape

from convcourse import messages
from convcourse.explorer.page import data_script, json_values, script_html, step_geometry, style_html
from convcourse.explorer.state import ConvState, ImpossibleConvolution, explorer_state
from convcourse.explorer.svg import (
    CELL,
    HIDDEN,
    defs,
    highlight_rect,
    input_layer,
    kernel_layer,
    layout_for,
    legend_html,
    output_frame,
    output_number_slots,
    step_transforms,
    svg_open,
    unreached_col,
    unreached_row,
    window_shape,
)


@dataclass(frozen=True)
class StaticRanges:
    """The values each slider of the static explorer offers."""

    # Up to 7 + 2 × 2 = 11 cells across: the numbers stay readable in a book's text column.
    input_size: tuple[int, ...] = (3, 4, 5, 6, 7)
    padding: tuple[int, ...] = (0, 1, 2)
    stride: tuple[int, ...] = (1, 2, 3)
    kernel: tuple[int, ...] = (1, 2, 3, 4, 5)
    dilation: tuple[int, ...] = (1, 2, 3)

    def settings(self):
        """Every (input, padding, stride, kernel, dilation) the sliders can reach."""
        return itertools.product(self.input_size, self.padding, self.stride, self.kernel,
                                 self.dilation)


def _key(i: int, p: int, s: int, k: int, d: int) -> str:
    return f"{i},{p},{s},{k},{d}"


def _states(ranges: StaticRanges) -> dict[str, ConvState | str]:
    """Each setting's state, or its plain message when the setting is impossible."""
    return _states_in(ranges, messages.active_language())


@cache
def _states_in(ranges: StaticRanges, language: str) -> dict[str, ConvState | str]:
    """``_states`` in one language (the message of an impossible setting is in its words)."""
    out: dict[str, ConvState | str] = {}
    for i, p, s, k, d in ranges.settings():
        try:
            out[_key(i, p, s, k, d)] = explorer_state(i, k, p, s, d)
        except ImpossibleConvolution as err:
            out[_key(i, p, s, k, d)] = str(err)
    return out


def _control(uid: str, name: str, label: str, values, value: int, valuetext: str = "") -> str:
    ident = f"{uid}-{name}"
    spoken = f' aria-valuetext="{escape(valuetext)}"' if valuetext else ""
    return (f'<label for="{ident}">{escape(label)}</label>'
            f'<input type="range" id="{ident}" data-control="{name}" min="{min(values)}" '
            f'max="{max(values)}" step="1" value="{value}"{spoken}>'
            f'<output for="{ident}">{value}</output>')


def _picture(possible: dict[str, ConvState], first: ConvState, step: int, uid: str):
    """One SVG with a group for every setting's layers, those of ``first`` shown and drawn:
    (svg, layout, max out, hidden layers' markup by "layer:key").

    Layers are shared wherever settings agree, which keeps hundreds of settings in ~200 kB:
    an input per (input size, padding), a kernel per size, a window per (kernel, dilation), an
    output grid per shape, a hatched strip per unread (padded size, row or column), and one
    block of output number places the script fills with each setting's precomputed numbers.
    A hidden layer's group is written empty, in its place; its markup goes with the states
    (read when a slider first moves), and the script fills the group when it first shows it: a
    page that loads parses a few hundred SVG elements fewer (lesson 3: ~60 kB, about 20 ms of a
    desktop's main thread, four times that on a phone).
    """
    input_size, padding = first.input.shape[0], first.padding
    kernel, dilation = first.kernel.shape[0], first.dilation
    lay = layout_for(
        tuple(max(st.padded.shape[i] for st in possible.values()) for i in (0, 1)),
        tuple(max(st.kernel.shape[i] for st in possible.values()) for i in (0, 1)),
        tuple(max(st.output_shape[i] for st in possible.values()) for i in (0, 1)))

    later: dict[str, str] = {}

    def group(layer: str, key: str, shown: bool, markup: str) -> str:
        if shown:
            return f'<g data-layer="{layer}" data-key="{key}">{markup}</g>'
        later[f"{layer}:{key}"] = markup
        return f'<g data-layer="{layer}" data-key="{key}" {HIDDEN}></g>'

    # The picture starts as tall as the first setting needs (the script refits it per setting).
    rows = max(first.padded.shape[0], first.kernel.shape[0], first.output_shape[0])
    first_lay = replace(lay, height=lay.top + rows * CELL + 2)
    label = messages.SENTENCE_JOINER.join((first.title_text, first.step_text(step)))
    layers = [svg_open(first_lay, label), defs(uid)]
    seen_p, seen_k, seen_win = {}, {}, {}
    for st in possible.values():
        seen_p.setdefault(f"{st.input.shape[0]},{st.padding}", st)
        seen_k.setdefault(st.kernel.shape[0], st)
        seen_win.setdefault((st.kernel.shape[0], st.dilation), st)
    for p, st in seen_p.items():
        layers.append(group("in", p, p == f"{input_size},{padding}", input_layer(st, lay, uid)))
    for k, st in seen_k.items():
        layers.append(group("k", str(k), k == kernel, kernel_layer(st, lay)))
    for shape in sorted({st.output_shape for st in possible.values()}):
        layers.append(group("out", f"{shape[0]},{shape[1]}", shape == first.output_shape,
                            output_frame(*shape, lay)))
    max_out = tuple(max(st.output_shape[i] for st in possible.values()) for i in (0, 1))
    layers.append(output_number_slots(first, *max_out, lay))
    # One strip per (padded size, row or column) any setting leaves unread, shared by settings.
    strips = sorted({(st.padded.shape[0], r) for st in possible.values() for r in st.unreached_rows})
    for size, r in strips:
        on = size == first.padded.shape[0] and r in first.unreached_rows
        layers.append(group("ur", f"{size},{r}", on, unreached_row(r, size, lay, uid)))
    strips = sorted({(st.padded.shape[1], c) for st in possible.values() for c in st.unreached_cols})
    for size, c in strips:
        on = size == first.padded.shape[1] and c in first.unreached_cols
        layers.append(group("uc", f"{size},{c}", on, unreached_col(c, size, lay, uid)))
    win, hl = step_transforms(first, step)
    layers.append(f'<g transform="translate({lay.in_x} {lay.top})">'
                  f'<g data-role="window" transform="{win}">')
    for (k, d), st in seen_win.items():
        layers.append(group("win", f"{k},{d}", (k, d) == (kernel, dilation), window_shape(st)))
    layers.append(f'</g></g><g transform="translate({lay.out_x} {lay.top})">'
                  f'<g data-role="highlight" transform="{hl}">{highlight_rect()}</g></g></svg>')
    return "".join(layers), lay, max_out, later


def static_explorer_html(input_size: int = 5, padding: int = 1, stride: int = 1, kernel: int = 3,
                         dilation: int = 1, step: int = 0, *, ranges: StaticRanges | None = None,
                         uid: str = "ckx") -> str:
    """The explorer as one HTML fragment (``<div class="convcourse-explorer">``), all states inside.

    The arguments are the setting shown first (and when JavaScript is off); ``uid`` keeps ids
    unique if a page holds two explorers.
    """
    ranges = ranges or StaticRanges()
    states = _states(ranges)
    first_key = _key(input_size, padding, stride, kernel, dilation)
    if first_key not in states:  # a lesson author's slip, not a reader's: plain English is fine
        raise ValueError(f"the first setting {first_key} (input, padding, stride, kernel, "
                         f"dilation) is not on the sliders: {ranges}")
    first = states[first_key]
    if isinstance(first, str):
        raise ImpossibleConvolution(first)
    first.step(step)  # a plain message if the first step does not exist
    possible = {key: st for key, st in states.items() if not isinstance(st, str)}
    geometry = {key: step_geometry(st) for key, st in possible.items()}
    svg, lay, max_out, hidden_layers = _picture(possible, first, step, uid)
    data = {
        "cell": CELL, "top": lay.top, "width": lay.width, "slots": max_out[1],
        "fixed": {"input": input_size, "padding": padding, "stride": stride, "kernel": kernel,
                  "dilation": dilation},
        "strings": {"term": messages.TERM, "terms": messages.TERMS, "joiner": messages.TERM_JOINER,
                    "shape": messages.OUTPUT_SHAPE, "counter": messages.STEP_COUNTER,
                    "step": messages.SVG_STEP, "announce": messages.ANNOUNCE,
                    "title": messages.SVG_TITLE, "call": messages.CALL,
                    "unreached": messages.UNREACHED, "unreached_none": messages.UNREACHED_NONE,
                    "none": messages.NONE_LIST, "list": messages.LIST_JOINER,
                    "sentences": messages.SENTENCE_JOINER,
                    "announce_step": messages.ANNOUNCE_STEP},
        "padded": {f"{st.input.shape[0]},{st.padding}": json_values(st.padded)
                   for st in possible.values()},
        "kernels": {str(st.kernel.shape[0]): json_values(st.kernel) for st in possible.values()},
        "taps": {f"{st.kernel.shape[0]},{st.dilation}": geometry[key]["taps"]
                 for key, st in possible.items()},
        "states": {key: ({"m": st} if isinstance(st, str) else
                         {"o": json_values(st.output), "sh": st.shapes_text,
                          "ur": list(st.unreached_rows), "uc": list(st.unreached_cols),
                          "h": lay.top + max(st.padded.shape[0], st.kernel.shape[0],
                                             st.output_shape[0]) * CELL + 2,
                          "rs": geometry[key]["rs"], "cs": geometry[key]["cs"]})
                   for key, st in states.items()},
        "layers": hidden_layers,
    }
    counter = messages.STEP_COUNTER.format(step=step + 1, total=first.n_steps)
    controls = [
        _control(uid, "input", messages.LABEL_INPUT, ranges.input_size, input_size),
        _control(uid, "padding", messages.LABEL_PADDING, ranges.padding, padding),
        _control(uid, "stride", messages.LABEL_STRIDE, ranges.stride, stride),
        _control(uid, "kernel", messages.LABEL_KERNEL, ranges.kernel, kernel),
        _control(uid, "dilation", messages.LABEL_DILATION, ranges.dilation, dilation),
        # What a screen reader says for the step slider: the counter the script keeps up to date.
        _control(uid, "step", messages.LABEL_STEP, range(1, first.n_steps + 1), step + 1,
                 valuetext=counter),
    ]
    return (
        f'<div class="convcourse-explorer" id="{uid}">'
        f"{style_html()}"
        f'<div class="ck-controls">{"".join(controls)}</div>'
        f'<p class="ck-message" data-role="message" hidden></p>'
        f'<div data-role="picture" class="ck-picture" tabindex="0">{svg}</div>'
        f'<div data-role="details">'
        f'<p class="ck-text"><strong data-role="output-shape">'
        f"{escape(first.output_shape_text)}</strong> · "
        f'<span data-role="step-counter">{escape(counter)}</span></p>'
        f'<p class="ck-text"><code data-role="call">{escape(first.call_text)}</code> '
        f'<span data-role="shapes">{escape(first.shapes_text)}</span></p>'
        f'<p class="ck-text ck-terms" data-role="terms">{escape(first.terms_text(step))}</p>'
        f'<p class="ck-text" data-role="unreached">{escape(first.unreached_text)}</p></div>'
        f'<details><summary>{escape(messages.LEGEND_TITLE)}</summary>'
        f'{legend_html()}</details>'
        f'<div class="ck-sr" aria-live="polite" data-role="announce"></div>'
        f"{data_script(data)}{script_html()}</div>"
    )
