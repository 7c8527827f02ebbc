"""The convolution explorer in Jupyter: ipywidgets sliders redrawing the one SVG renderer.

``explore()`` returns a :class:`ConvExplorer`. Displayed in JupyterLab it is the live widget; it
also carries the static explorer as ``text/html``, which the built site shows instead (the book
gives ``text/html`` priority over the widget view), so one lesson cell serves both worlds.

>>> ex = ConvExplorer(padding=1)
>>> ex.sliders["stride"].value = 2
>>> ex.shape_text
'Output shape: 3 × 3'
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

import ipywidgets as widgets

from convcourse import messages
from convcourse.explorer.page import style_html
from convcourse.explorer.state import (
    MOST,
    ConvState,
    ImpossibleConvolution,
    _OneLine,
    explorer_state,
    whole_number,
)
from convcourse.explorer.static import StaticRanges, static_explorer_html
from convcourse.explorer.svg import legend_html, svg_template
from convcourse.shapes import kernel_fits

# Slider bounds: small enough that every number stays readable in the picture.
BOUNDS = {"input_size": (1, 9), "kernel_size": (1, 7), "padding": (0, 4), "stride": (1, 4),
          "dilation": (1, 4)}
# Each setting's slider label and its name in messages, as names of convcourse.messages: the
# words are read when shown, in the active language.
LABELS = {"input_size": "LABEL_INPUT", "kernel_size": "LABEL_KERNEL", "padding": "LABEL_PADDING",
          "stride": "LABEL_STRIDE", "dilation": "LABEL_DILATION"}
WHAT = {"input_size": "WHAT_INPUT", "kernel_size": "WHAT_KERNEL", "padding": "WHAT_PADDING",
        "stride": "WHAT_STRIDE", "dilation": "WHAT_DILATION"}
PLAY_INTERVAL_MS = 800


class UnknownSetting(_OneLine, TypeError):
    """A keyword the explorer does not have, e.g. ``set(foo=1)``: one plain line."""


def checked_setting(values: dict) -> dict:
    """The explorer's settings as ints, or one plain sentence as the error, nothing clamped.

    The constructor and ``set()`` both go through here: an unknown name raises
    :class:`UnknownSetting` (a TypeError), a value that is not a whole number raises a TypeError,
    a value below a slider's minimum or above the explorer's largest raises a ValueError.
    (A kernel that does not fit the padded input is a setting the sliders can reach: the
    explorer shows its message instead of the picture.)
    """
    unknown = [name for name in values if name not in BOUNDS]
    if unknown:
        raise UnknownSetting(messages.UNKNOWN_SETTING.format(
            name=unknown[0], names=", ".join([*BOUNDS, "step"])))
    return {name: whole_number(value, getattr(messages, WHAT[name]), BOUNDS[name][0], MOST[name])
            for name, value in values.items()}


def _setting(i: int, k: int, p: int, s: int, d: int):
    """(state, step -> svg) for a setting, or its plain message; cached so revisits are free."""
    return _setting_in(i, k, p, s, d, messages.active_language())


@lru_cache(maxsize=256)
def _setting_in(i: int, k: int, p: int, s: int, d: int, language: str):
    """``_setting`` in one language (the message of an impossible setting is in its words)."""
    try:
        state = explorer_state(i, k, p, s, d)
    except ImpossibleConvolution as err:
        return str(err)
    return state, svg_template(state, uid=f"ckl{i}_{k}_{p}_{s}_{d}")


def kernel_fit_max(i: int, p: int, d: int, cap: int = BOUNDS["kernel_size"][1]) -> int:
    """The largest kernel, up to ``cap``, that fits the padded input (at least 1)."""
    return max([k for k in range(1, cap + 1) if kernel_fits(i, k, p, d)], default=1)


def dilation_fit_max(i: int, p: int, k: int, cap: int = BOUNDS["dilation"][1]) -> int:
    """The largest dilation, up to ``cap``, with which the kernel fits (at least 1)."""
    return max([d for d in range(1, cap + 1) if kernel_fits(i, k, p, d)], default=1)


class ConvExplorer:
    """Sliders for input size, kernel size, padding, stride, dilation and step, plus Play.

    ``widget`` is the ipywidgets box; ``set(padding=2, ...)`` changes several sliders at once.
    A setting no convolution can have shows its plain message in place of the picture.
    """

    def __init__(self, input_size: int = 5, kernel_size: int = 3, padding: int = 0,
                 stride: int = 1, dilation: int = 1, step: int = 0):
        start = checked_setting({"input_size": input_size, "kernel_size": kernel_size,
                                 "padding": padding, "stride": stride, "dilation": dilation})
        step = self._checked_step(start, step)
        self.sliders = {name: widgets.IntSlider(
            value=value, min=BOUNDS[name][0], max=max(BOUNDS[name][1], value),
            description=getattr(messages, LABELS[name]), continuous_update=True,
            style={"description_width": "initial"}) for name, value in start.items()}
        self.step_slider = widgets.IntSlider(value=step + 1, min=1, max=max(1, step + 1),
                                             description=messages.LABEL_STEP,
                                             style={"description_width": "initial"})
        self.play = widgets.Play(interval=PLAY_INTERVAL_MS, min=1, max=self.step_slider.max,
                                 description=messages.LABEL_PLAY)
        widgets.jslink((self.play, "value"), (self.step_slider, "value"))
        self.picture = widgets.HTML()
        self.message = widgets.HTML(layout=widgets.Layout(display="none"))
        self.info = widgets.HTML()
        self.terms = widgets.HTML()
        self.widget = widgets.VBox([
            widgets.HTML(style_html()),
            widgets.HBox([self.sliders["input_size"], self.sliders["kernel_size"],
                          self.sliders["dilation"]], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.sliders["padding"], self.sliders["stride"]],
                         layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.play, self.step_slider]),
            self.message, self.picture, self.info, self.terms,
            widgets.HTML(legend_html()),
        ])
        self.widget.add_class("ck-live")
        self._busy = False
        self._message = ""
        self.state: ConvState | None = None
        for slider in self.sliders.values():
            slider.observe(self._on_setting, names="value")
        self.step_slider.observe(self._on_step, names="value")
        self._redraw_setting()

    # --- reading the current setting ---------------------------------------------------------
    @property
    def setting(self) -> tuple[int, int, int, int, int]:
        v = {name: s.value for name, s in self.sliders.items()}
        return v["input_size"], v["kernel_size"], v["padding"], v["stride"], v["dilation"]

    @property
    def shape_text(self) -> str:
        """The output-shape line, or the plain message when the setting is impossible."""
        return self.state.output_shape_text if self.state else self.error

    @property
    def error(self) -> str:
        """The plain message shown instead of the picture ('' when there is none)."""
        return "" if self.state else self._message

    def set(self, **values: int) -> None:
        """Set several sliders (names as in ``sliders``, or ``step``), redrawing once.

        Every value is checked first, by the same rules as the constructor's: a bad one raises
        one plain line and leaves the explorer as it was.
        """
        values = dict(values)
        step = values.pop("step", None)
        setting = {name: s.value for name, s in self.sliders.items()}
        setting.update(checked_setting(values))
        if step is not None:
            step = self._checked_step(setting, step)
        self._busy = True
        try:
            for name, value in setting.items():
                # Lift the adapted maximum first, or the slider would clamp the value.
                self.sliders[name].max = max(BOUNDS[name][1], value)
                self.sliders[name].value = value
        finally:
            self._busy = False
        self._redraw_setting()
        if step is not None and self.state is not None:
            self.step_slider.value = step + 1

    @staticmethod
    def _checked_step(setting: dict, step) -> int:
        """``step`` as an int that exists in this setting (any whole number >= 0 when the
        setting is impossible: its message shows, and there are no steps to choose from)."""
        step = whole_number(step, messages.WHAT_STEP, 0)
        cached = _setting(*(setting[name] for name in BOUNDS))
        if not isinstance(cached, str) and step >= cached[0].n_steps:
            total = cached[0].n_steps
            raise ImpossibleConvolution(messages.STEP_OUT_OF_RANGE.format(
                total=total, last=total - 1, step=step))
        return step

    # --- redrawing ----------------------------------------------------------------------------
    def _on_setting(self, change) -> None:
        if not self._busy:
            self._redraw_setting()

    def _on_step(self, change) -> None:
        if not self._busy and self.state is not None:
            self._draw_step()

    def _adapt_ranges(self, i: int, k: int, p: int, d: int) -> None:
        """Offer only kernels and dilations that fit, never yanking the current value away."""
        k_max = min(BOUNDS["kernel_size"][1], kernel_fit_max(i, p, d))
        d_max = min(BOUNDS["dilation"][1], dilation_fit_max(i, p, k, BOUNDS["dilation"][1]))
        self.sliders["kernel_size"].max = max(k_max, k, 1)
        self.sliders["dilation"].max = max(d_max, d, 1)

    def _redraw_setting(self) -> None:
        i, k, p, s, d = self.setting
        self._busy = True
        try:
            self._adapt_ranges(i, k, p, d)
            cached = _setting(i, k, p, s, d)
            if isinstance(cached, str):
                self._show_message(cached)
                return
            self.state, self._render = cached
            self._message = ""
            self.message.layout.display = "none"
            for w in (self.picture, self.info, self.terms):
                w.layout.display = None
            self.step_slider.disabled = self.play.disabled = False
            n = self.state.n_steps
            # Lower the value before the max so the slider never clamps behind our back.
            self.step_slider.value = min(self.step_slider.value, n)
            self.step_slider.max = self.play.max = n
            self.info.value = (f"<p><strong>{escape(self.state.output_shape_text)}</strong><br>"
                               f"<code>{escape(self.state.call_text)}</code> "
                               f"{escape(self.state.shapes_text)}<br>"
                               f"{escape(self.state.unreached_text)}</p>")
        finally:
            self._busy = False
        self._draw_step()

    def _show_message(self, text: str) -> None:
        self.state, self._render, self._message = None, None, text
        self.message.value = f'<p class="ck-message" role="alert">{escape(text)}</p>'
        self.message.layout.display = None
        for w in (self.picture, self.info, self.terms):
            w.layout.display = "none"
        self.step_slider.disabled = self.play.disabled = True

    def _draw_step(self) -> None:
        step = self.step_slider.value - 1
        self.picture.value = self._render(step)
        counter = messages.STEP_COUNTER.format(step=step + 1, total=self.state.n_steps)
        self.terms.value = (f'<p>{escape(counter)}<br><span class="ck-terms">'
                            f"{escape(self.state.terms_text(step))}</span></p>")

    # --- display: the widget in Jupyter, the static explorer on the built site --------------
    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        bundle["text/html"] = static_html_for(*self.setting)
        return bundle


def static_html_for(i: int, k: int, p: int, s: int, d: int) -> str:
    """The static explorer starting at this setting when it has it, else at its default."""
    r = StaticRanges()
    fits = (i in r.input_size and p in r.padding and s in r.stride and k in r.kernel
            and d in r.dilation and not isinstance(_setting(i, k, p, s, d), str))
    return static_explorer_html(i, p, s, k, d) if fits else static_explorer_html()


def explore(input_size: int = 5, kernel_size: int = 3, padding: int = 0, stride: int = 1,
            dilation: int = 1) -> ConvExplorer:
    """The explorer for a lesson cell: live in Jupyter, precomputed sliders on the built site.

    Every value must be a whole number within the explorer's range: anything else raises one
    plain line (see :func:`checked_setting`) instead of being clamped.
    """
    return ConvExplorer(input_size, kernel_size, padding, stride, dilation)
