"""Lesson 6's exercise checks, with right, wrong and malformed answers written here.

The right answers are written independently of the lesson's solutions; the wrong ones are the
mistakes the hints are about; the malformed ones must get a one-line hint, never a traceback.
"""

from __future__ import annotations

import numpy as np
import torch
from checks_testing import (
    Cases,
    assert_fails_with_a_one_line_hint,
    case_tests,
    raises,
    returns_nan,
    returns_none,
)
from torch import nn

from convcourse.checks import lesson6

MALFORMED_FUNCTIONS = [None, "size", 3, raises, returns_none, returns_nan]

# --- check_receptive_field_prediction ------------------------------------------------------

# Three layers, kernel 3, strides 2, 2, 1: r = 1 + 2*1 + 2*2 + 2*4 = 15, counted by hand here.
RIGHT_FIELD = 15

# --- check_transposed_output_size ----------------------------------------------------------


def transposed_size(i, k, s, p, q, d):
    return s * (i - 1) - 2 * p + d * (k - 1) + q + 1


def transposed_size_numpy(i, k, s, p, q, d):
    return np.int64((i - 1) * s + d * (k - 1) + 1 - 2 * p + q)


def transposed_size_by_stretching(i, k, s, p, q, d):
    stretched = s * (i - 1) + 1            # i cells with s - 1 zeros between them
    full = stretched + 2 * (d * (k - 1))  # full padding of the dilated span on both sides
    return full - d * (k - 1) - 2 * p + q  # the convolution's own shrink, then the trims


def transposed_size_without_output_padding(i, k, s, p, q, d):
    return s * (i - 1) - 2 * p + d * (k - 1) + 1


def transposed_size_without_dilation(i, k, s, p, q, d):
    return s * (i - 1) - 2 * p + (k - 1) + q + 1


def convolution_size_instead(i, k, s, p, q, d):
    return (i + 2 * p - d * (k - 1) - 1) // s + 1


# --- check_doubling_layer ------------------------------------------------------------------


def doubling_with_output_padding(channels):
    return nn.ConvTranspose2d(channels, channels, 3, stride=2, padding=1, output_padding=1)


def doubling_with_an_even_kernel(channels):
    return nn.ConvTranspose2d(channels, channels, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1),
                              bias=False)


def doubling_by_upsampling(channels):
    return nn.Upsample(scale_factor=2, mode="nearest")


def doubling_in_float64(channels):
    return doubling_with_output_padding(channels).double()


def one_short(channels):
    return nn.ConvTranspose2d(channels, channels, 3, stride=2, padding=1)


def keeps_the_size(channels):
    return nn.ConvTranspose2d(channels, channels, 3, padding=1)


def wrong_channels(channels):
    return nn.ConvTranspose2d(channels, channels + 1, 4, stride=2, padding=1)


class ForwardReturnsNone(nn.Module):
    def forward(self, x):
        return None


CASES = {
    "check_receptive_field_prediction": Cases(
        right=[RIGHT_FIELD, np.int64(RIGHT_FIELD), torch.tensor(RIGHT_FIELD)],
        wrong=[7, 9, 16],
        malformed=[None, "15", 15.5, float("nan"), 15 + 0j, [15], raises, True],
    ),
    "check_transposed_output_size": Cases(
        right=[transposed_size, transposed_size_numpy, transposed_size_by_stretching],
        wrong=[transposed_size_without_output_padding, transposed_size_without_dilation,
               convolution_size_instead],
        malformed=MALFORMED_FUNCTIONS,
    ),
    "check_doubling_layer": Cases(
        right=[doubling_with_output_padding, doubling_with_an_even_kernel, doubling_by_upsampling,
               doubling_in_float64],
        wrong=[one_short, keeps_the_size, wrong_channels],
        malformed=[*MALFORMED_FUNCTIONS, lambda channels: ForwardReturnsNone(), lambda channels: "layer"],
    ),
}

test_a_right_answer_passes, test_a_wrong_or_malformed_answer_fails_with_a_one_line_hint = case_tests(CASES)


def test_the_hints_name_the_mistake(capsys):
    assert "stride-1" in assert_fails_with_a_one_line_hint("check_receptive_field_prediction", 7, capsys)
    hint = assert_fails_with_a_one_line_hint("check_transposed_output_size",
                                             transposed_size_without_output_padding, capsys)
    assert "output_padding" in hint
    hint = assert_fails_with_a_one_line_hint("check_transposed_output_size",
                                             transposed_size_without_dilation, capsys)
    assert "dilation" in hint
    assert "one row and column short" in assert_fails_with_a_one_line_hint(
        "check_doubling_layer", one_short, capsys)


def test_the_receptive_field_is_measured_from_the_rows_that_reach_an_output():
    # Independent of the recursion: the fields of two stacks counted by hand.
    assert lesson6.measured_receptive_field() == RIGHT_FIELD
    assert lesson6.measured_receptive_field(((3, 1), (3, 1), (3, 1))) == 7
    assert lesson6.reached_rows([(3, 1)], index=0, size=5) == [0, 1, 2]
    assert lesson6.reached_rows([(3, 1, 1)], index=0, size=5) == [0, 1]  # padding above row 0


def test_every_setting_the_size_check_tries_is_one_torch_accepts():
    for i, k, s, p, q, d in lesson6._transposed_cases(60):
        assert lesson6._transposed_size(i, k, s, p, q, d) == transposed_size(i, k, s, p, q, d)
