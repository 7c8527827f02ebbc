"""The live explorer: setting sliders from Python redraws with torch's numbers; no tracebacks."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from explorer_testing import torch_conv

from convcourse import messages
from convcourse.explorer.live import (
    BOUNDS,
    ConvExplorer,
    dilation_fit_max,
    explore,
    kernel_fit_max,
)
from convcourse.explorer.state import MOST, format_number


def output_numbers(svg: str, count: int) -> list[str]:
    """The last ``count`` cell numbers before the window group: the output grid's."""
    body = svg.split('data-role="window"')[0]
    return [t for t in re.findall(r"<text [^>]*>([^<]*)</text>", body) if t != "✕"][-count:]


def test_setting_sliders_changes_the_shape_text_and_the_picture():
    ex = ConvExplorer()
    before = ex.picture.value
    ex.sliders["padding"].value = 1
    ex.sliders["stride"].value = 2
    out = torch_conv(5, 3, 1, 2, 1)
    assert ex.shape_text == messages.OUTPUT_SHAPE.format(rows=out.shape[0], cols=out.shape[1])
    assert ex.shape_text in ex.info.value
    assert "F.conv2d(x, w, stride=2, padding=1, dilation=1)" in ex.info.value
    assert ex.picture.value != before
    assert output_numbers(ex.picture.value, out.numel()) == [
        format_number(v) for v in out.flatten().tolist()]
    assert ex.step_slider.max == ex.play.max == out.numel()


def test_step_moves_the_window_and_shows_that_steps_sum():
    ex = ConvExplorer(padding=1, stride=2)
    out = torch_conv(5, 3, 1, 2, 1)
    ex.step_slider.value = 5  # the fifth output cell: row 1, column 1
    assert 'data-role="window" transform="translate(56 56)"' in ex.picture.value
    assert "output[1, 1] = " in ex.terms.value
    assert ex.terms.value.endswith(f"= {format_number(out[1, 1].item())}</span></p>")


def test_input_size_and_kernel_sliders_redraw_with_new_values():
    ex = ConvExplorer()
    ex.set(input_size=7, kernel_size=2, dilation=3)
    out = torch_conv(7, 2, 0, 1, 3)
    assert ex.shape_text == messages.OUTPUT_SHAPE.format(rows=out.shape[0], cols=out.shape[1])
    assert output_numbers(ex.picture.value, out.numel()) == [
        format_number(v) for v in out.flatten().tolist()]


def test_impossible_combination_shows_the_plain_message_not_a_traceback():
    ex = ConvExplorer(padding=2, kernel_size=7)
    assert ex.message.layout.display == "none"
    ex.sliders["padding"].value = 0  # a 7-wide kernel on a 5-wide input
    assert "does not fit" in ex.message.value and "Traceback" not in ex.message.value
    assert ex.message.layout.display is None
    assert ex.picture.layout.display == "none"
    assert ex.step_slider.disabled and ex.play.disabled
    assert ex.shape_text.startswith("This kernel does not fit")
    ex.sliders["kernel_size"].value = 3  # back to a possible setting
    assert ex.message.layout.display == "none" and not ex.step_slider.disabled


def test_ranges_adapt_without_moving_the_current_value():
    ex = ConvExplorer(input_size=5, kernel_size=3, padding=0)
    assert ex.sliders["kernel_size"].max == 5  # 5 + 2 × 0 fits kernels up to 5
    assert ex.sliders["dilation"].max == 2  # 2 × (3 - 1) + 1 = 5 fits, 3 would span 7
    ex.sliders["padding"].value = 1
    assert ex.sliders["kernel_size"].max == 7
    out = torch_conv(5, 3, 1, 1, 1)
    ex.step_slider.value = ex.step_slider.max
    assert ex.step_slider.max == out.numel()
    ex.sliders["stride"].value = 2  # fewer steps: the step slider shrinks with them
    fewer = torch_conv(5, 3, 1, 2, 1).numel()
    assert ex.step_slider.max == ex.step_slider.value == fewer < out.numel()


def test_one_display_carries_the_widget_and_the_static_explorer():
    bundle = explore(input_size=6, padding=2)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    html = bundle["text/html"]
    assert html.startswith('<div class="convcourse-explorer"')
    # The static explorer starts at the live setting.
    assert '<g data-layer="in" data-key="6,2">' in html
    assert "F.conv2d(x, w, stride=1, padding=2, dilation=1)" in html


# (keyword arguments, error type, the one line the reader gets)
BAD_SETTINGS = [
    ({"input_size": 0}, ValueError, messages.TOO_SMALL.format(what=messages.WHAT_INPUT, least=1,
                                                               value=0)),
    ({"padding": -1}, ValueError, messages.TOO_SMALL.format(what=messages.WHAT_PADDING, least=0,
                                                             value=-1)),
    ({"stride": 0}, ValueError, messages.TOO_SMALL.format(what=messages.WHAT_STRIDE, least=1,
                                                           value=0)),
    ({"input_size": 5.5}, TypeError, messages.NOT_A_NUMBER.format(what=messages.WHAT_INPUT,
                                                                   value=5.5)),
    ({"input_size": "5"}, TypeError, messages.NOT_A_NUMBER.format(what=messages.WHAT_INPUT,
                                                                   value="5")),
    ({"dilation": None}, TypeError, messages.NOT_A_NUMBER.format(what=messages.WHAT_DILATION,
                                                                  value=None)),
    ({"kernel_size": True}, TypeError, messages.NOT_A_NUMBER.format(what=messages.WHAT_KERNEL,
                                                                     value=True)),
    ({"input_size": 10**6}, ValueError, messages.TOO_BIG.format(
        what=messages.WHAT_INPUT, most=MOST["input_size"], value=10**6)),
]


@pytest.mark.parametrize("kwargs, error, line", BAD_SETTINGS, ids=[str(b[0]) for b in BAD_SETTINGS])
def test_the_constructor_refuses_a_bad_value_with_one_plain_line_instead_of_clamping_it(
        kwargs, error, line):
    with pytest.raises(error) as raised:
        explore(**kwargs)
    assert str(raised.value) == line
    # In Jupyter the reader sees that one line, not a traceback.
    assert raised.value._render_traceback_() == [f"{type(raised.value).__name__}: {line}"]


@pytest.mark.parametrize("kwargs, error, line", BAD_SETTINGS, ids=[str(b[0]) for b in BAD_SETTINGS])
def test_set_refuses_the_same_values_by_the_same_rules_and_changes_nothing(kwargs, error, line):
    ex = ConvExplorer(padding=1, stride=2)
    ex.step_slider.value = 3
    before = (ex.setting, ex.step_slider.value, ex.picture.value, ex.info.value)
    with pytest.raises(error) as raised:
        # A good value next to the bad one is not applied either.
        good = {"kernel_size": 2} if "kernel_size" not in kwargs else {"padding": 0}
        ex.set(**good, **kwargs)
    assert str(raised.value) == line
    assert (ex.setting, ex.step_slider.value, ex.picture.value, ex.info.value) == before


def test_an_unknown_setting_is_one_plain_line_naming_the_settings():
    ex = ConvExplorer()
    with pytest.raises(TypeError) as raised:
        ex.set(foo=1)
    assert str(raised.value) == messages.UNKNOWN_SETTING.format(
        name="foo", names=", ".join([*BOUNDS, "step"]))
    assert len(raised.value._render_traceback_()) == 1
    assert ex.setting == (5, 3, 0, 1, 1)


def test_a_step_that_does_not_exist_is_refused_not_clamped():
    ex = ConvExplorer()  # 9 steps, 0 to 8
    with pytest.raises(ValueError, match="only 9 steps"):
        ex.set(step=9)
    with pytest.raises(ValueError, match="only 9 steps"):
        ConvExplorer(step=9)
    with pytest.raises(TypeError, match="step must be a whole number"):
        ex.set(step=1.5)
    ex.set(step=8)
    assert ex.step_slider.value == 9 and ex.terms.value.count("output[2, 2]") == 1
    # A step checked against the new setting, not the old one: stride 2 leaves 4 steps.
    with pytest.raises(ValueError, match="only 4 steps"):
        ex.set(stride=2, step=4)


def test_numpy_integers_work_in_the_constructor_and_in_set():
    ex = explore(input_size=np.int64(6), padding=np.int32(1))
    ex.set(stride=np.int64(2), dilation=np.uint8(1), step=np.int64(1))
    out = torch_conv(6, 3, 1, 2, 1)
    assert ex.setting == (6, 3, 1, 2, 1) and all(type(v) is int for v in ex.setting)
    assert ex.shape_text == messages.OUTPUT_SHAPE.format(rows=out.shape[0], cols=out.shape[1])
    assert ex.step_slider.value == 2


def test_a_kernel_too_big_is_a_setting_the_sliders_reach_so_both_show_its_message():
    # Not an error: the same message in the widget from the constructor and from set().
    built = ConvExplorer(kernel_size=7)
    moved = ConvExplorer()
    moved.set(kernel_size=7)
    assert built.error == moved.error and built.error.startswith("This kernel does not fit")
    assert "Traceback" not in built.message.value


def test_slider_ranges_offer_exactly_the_kernels_and_dilations_torch_accepts():
    def accepted(i, k, p, d):
        try:
            F.conv2d(torch.zeros(1, 1, i, i), torch.zeros(1, 1, k, k), padding=p, dilation=d)
        except RuntimeError:
            return False
        return True

    for i in range(1, 10):
        for p in range(0, 5):
            for d in range(1, 5):
                assert kernel_fit_max(i, p, d) == max(k for k in range(1, 8) if accepted(i, k, p, d))
            for k in range(1, 8):
                fitting = [d for d in range(1, 5) if accepted(i, k, p, d)]
                assert dilation_fit_max(i, p, k) == max(fitting, default=1)
