"""Lesson 3's exercise checks, with right, wrong and malformed answers written here.

The right answers are written independently of the lesson's solutions; the wrong ones are the
mistakes the hints are about; the malformed ones must get a one-line hint, never a traceback.
"""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F
from checks_testing import (
    Cases,
    assert_fails_with_a_one_line_hint,
    case_tests,
    raises,
    returns_nan,
    returns_none,
    run_check,
)
from torch import nn


def returns_complex(*args):
    return 3 + 0j


def returns_text(*args):
    return "3"


MALFORMED_FUNCTIONS = [None, "my_function", raises, returns_none, returns_nan, returns_complex,
                       returns_text, [1, 2]]


# --- check_output_size ---------------------------------------------------------------------


def output_size(i, k, s, p, d):
    return (i + 2 * p - d * (k - 1) - 1) // s + 1


def output_size_numpy(i, k, s, p, d):
    return np.int64(output_size(i, k, s, p, d))


def output_size_0d_tensor(i, k, s, p, d):
    return torch.tensor(output_size(i, k, s, p, d))


def output_size_by_counting(i, k, s, p, d):
    return len(range(0, i + 2 * p - d * (k - 1), s))


def output_size_without_plus_one(i, k, s, p, d):
    return (i + 2 * p - d * (k - 1) - 1) // s


def output_size_true_division(i, k, s, p, d):
    return (i + 2 * p - d * (k - 1) - 1) / s + 1


def output_size_ignoring_dilation(i, k, s, p, d):
    return (i + 2 * p - k) // s + 1


# --- check_same_padding --------------------------------------------------------------------


def same_padding(k, d):
    return d * (k - 1) // 2


def same_padding_numpy(k, d):
    return np.int64(d) * (k - 1) // 2  # a numpy integer, e.g. from an array of settings


def same_padding_0d_tensor(k, d):
    return torch.tensor(d * (k - 1)) // 2


def same_padding_ignoring_dilation(k, d):
    return (k - 1) // 2


def same_padding_true_division(k, d):
    return d * (k - 1) / 2


def same_padding_negative(k, d):
    return -1


def same_padding_halving_the_kernel_first(k, d):
    return (k - 1) // 2 * d  # right for odd kernels only: k=2, d=2 needs 1, not 0


# --- check_unreached_rows ------------------------------------------------------------------


def unreached_rows(i, k, s, p):
    windows = (i + 2 * p - k) // s + 1
    reached = {j * s + t - p for j in range(windows) for t in range(k)}
    return [row for row in range(i) if row not in reached]


def unreached_rows_tuple_reversed(i, k, s, p):
    return tuple(reversed(unreached_rows(i, k, s, p)))


def unreached_rows_set(i, k, s, p):
    return set(unreached_rows(i, k, s, p))


def unreached_rows_tensor(i, k, s, p):
    return torch.tensor(unreached_rows(i, k, s, p), dtype=torch.int64)


def unreached_rows_numpy_ints(i, k, s, p):
    return [np.int64(row) for row in unreached_rows(i, k, s, p)]


def unreached_rows_generator(i, k, s, p):
    return (row for row in unreached_rows(i, k, s, p))


def endless_rows(i, k, s, p):
    return iter(int, 1)  # an iterator that never stops: the check must not hang or fill memory


def no_rows_unreached(i, k, s, p):
    return []


def unreached_rows_ignoring_padding(i, k, s, p):
    return unreached_rows(i, k, s, 0) if k <= i else []


def unreached_rows_as_floats(i, k, s, p):
    return [float(row) for row in unreached_rows(i, k, s, p)] or [0.5]


# --- check_stride_padding_for_target -------------------------------------------------------


def torch_output_size(i, k, s, p):
    return F.conv2d(torch.zeros(1, 1, i, 1), torch.zeros(1, 1, k, 1), stride=(s, 1), padding=(p, 0)).shape[2]


def stride_and_padding_for(i, k, target):
    for s in range(1, i + 1):
        for p in range(k):
            if torch_output_size(i, k, s, p) == target:
                return s, p
    return None


def stride_and_padding_as_list_of_numpy(i, k, target):
    s, p = stride_and_padding_for(i, k, target)
    return [np.int64(s), np.int64(p)]


def stride_and_padding_largest_padding(i, k, target):
    # Another correct answer: prefer the largest padding that works.
    for s in range(1, i + 1):
        for p in reversed(range(k)):
            if torch_output_size(i, k, s, p) == target:
                return s, p
    return None


def always_stride_one_no_padding(i, k, target):
    return 1, 0


def stride_zero(i, k, target):
    return 0, 0


def padding_too_large(i, k, target):
    return 1, k


def only_a_stride(i, k, target):
    return 1


# --- check_strided_size_prediction --------------------------------------------------------

# i = 10, k = 4, s = 3, p = 2: the starts 0, 3, 6, 9 fit in the 14 padded positions (12 does not:
# 12 + 4 > 14), counted by hand here.
RIGHT_SIZE = 4


# --- check_halving_conv --------------------------------------------------------------------


def halving_conv(channels):
    return nn.Conv2d(channels, channels, kernel_size=3, stride=2, padding=1)


def halving_conv_tuples(channels):
    return nn.Conv2d(channels, channels, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1),
                     padding_mode="reflect", bias=False)


def halving_conv_in_float64(channels):
    return nn.Conv2d(channels, channels, kernel_size=3, stride=2, padding=1).double()


def halving_conv_as_written_in_the_lesson(channels):
    return nn.Conv2d(channels, channels, kernel_size=3, stride=2, padding="same")


def halving_conv_no_padding(channels):
    return nn.Conv2d(channels, channels, kernel_size=3, stride=2)


def halving_conv_stride_one(channels):
    return nn.Conv2d(channels, channels, kernel_size=3, padding=1)


def halving_conv_kernel_one(channels):
    return nn.Conv2d(channels, channels, kernel_size=1, stride=2)


def halving_conv_wrong_channels(channels):
    return nn.Conv2d(channels, 2 * channels, kernel_size=3, stride=2, padding=1)


def halving_by_pooling(channels):
    return nn.MaxPool2d(3, stride=2, padding=1)


class ConvForwardReturnsNone(nn.Conv2d):
    def forward(self, x):
        return None


def halving_conv_forward_returns_none(channels):
    return ConvForwardReturnsNone(channels, channels, 3, stride=2, padding=1)


CASES = {
    "check_output_size": Cases(
        right=[output_size, output_size_numpy, output_size_0d_tensor, output_size_by_counting],
        wrong=[output_size_without_plus_one, output_size_true_division, output_size_ignoring_dilation],
        malformed=MALFORMED_FUNCTIONS,
    ),
    "check_same_padding": Cases(
        right=[same_padding, same_padding_numpy, same_padding_0d_tensor],
        wrong=[same_padding_ignoring_dilation, same_padding_true_division, same_padding_negative,
               same_padding_halving_the_kernel_first],
        malformed=MALFORMED_FUNCTIONS,
    ),
    "check_unreached_rows": Cases(
        right=[unreached_rows, unreached_rows_tuple_reversed, unreached_rows_set, unreached_rows_tensor,
               unreached_rows_numpy_ints, unreached_rows_generator],
        wrong=[no_rows_unreached, unreached_rows_ignoring_padding],
        malformed=[*MALFORMED_FUNCTIONS, unreached_rows_as_floats, endless_rows],
    ),
    "check_stride_padding_for_target": Cases(
        right=[stride_and_padding_for, stride_and_padding_as_list_of_numpy,
               stride_and_padding_largest_padding],
        wrong=[always_stride_one_no_padding, stride_zero, padding_too_large],
        malformed=[*MALFORMED_FUNCTIONS, only_a_stride],
    ),
    "check_strided_size_prediction": Cases(
        right=[RIGHT_SIZE, np.int64(RIGHT_SIZE), torch.tensor(RIGHT_SIZE)],
        wrong=[5, 3, 14],
        malformed=[None, "4", 4.5, float("nan"), 4 + 0j, [4], raises, True],
    ),
    "check_halving_conv": Cases(
        right=[halving_conv, halving_conv_tuples, halving_conv_in_float64],
        wrong=[halving_conv_as_written_in_the_lesson, halving_conv_no_padding, halving_conv_stride_one,
               halving_conv_kernel_one, halving_conv_wrong_channels, halving_by_pooling],
        malformed=[*MALFORMED_FUNCTIONS, halving_conv_forward_returns_none, halving_conv(3)],
    ),
}

test_a_right_answer_passes, test_a_wrong_or_malformed_answer_fails_with_a_one_line_hint = case_tests(CASES)


def test_a_numpy_integer_is_not_told_to_use_floor_division(capsys):
    # The old check refused np.int64(2) with "use //"; a float answer still gets that advice.
    assert run_check("check_same_padding", same_padding_numpy, capsys)[0]
    assert "//" in assert_fails_with_a_one_line_hint("check_same_padding", same_padding_true_division, capsys)


def test_a_complex_result_fails(capsys):
    assert "complex" in assert_fails_with_a_one_line_hint("check_output_size", returns_complex, capsys)


def test_the_hints_name_the_mistake(capsys):
    assert "floor" in assert_fails_with_a_one_line_hint("check_strided_size_prediction", 5, capsys)
    assert "padding" in assert_fails_with_a_one_line_hint("check_strided_size_prediction", 3, capsys)
    hint = assert_fails_with_a_one_line_hint(
        "check_halving_conv", halving_conv_as_written_in_the_lesson, capsys)
    assert "padding='same'" in hint
    hint = assert_fails_with_a_one_line_hint("check_output_size", output_size_ignoring_dilation, capsys)
    assert "dilation" in hint


def test_the_prediction_is_torchs_size():
    out = F.conv2d(torch.zeros(1, 1, 10, 10), torch.zeros(1, 1, 4, 4), stride=3, padding=2)
    assert out.shape[2] == RIGHT_SIZE


def test_the_halving_layer_really_gives_ceil_half():
    for i in range(3, 30):
        assert halving_conv(1)(torch.zeros(1, 1, i, i)).shape[2] == math.ceil(i / 2)
