"""The live explorer: setting sliders from Python redraws with torch's numbers; no tracebacks."""

from __future__ import annotations

import re

import torch.nn.functional as F

from convcourse import messages
from convcourse.explorer_live import ConvExplorer, explore
from convcourse.explorer_state import default_values, format_number


def torch_conv(i, k, p, s, d):
    x, w = default_values(i, kernel=False), default_values(k, kernel=True)
    return F.conv2d(x[None, None], w[None, None], stride=s, padding=p, dilation=d)[0, 0]


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


def test_values_below_a_slider_minimum_give_the_message_instead_of_being_clamped():
    ex = ConvExplorer()
    ex.set(stride=0)
    assert ex.error == messages.TOO_SMALL.format(what=messages.WHAT_STRIDE, least=1, value=0)
    assert ex.error in ex.message.value and ex.sliders["stride"].value == 1
