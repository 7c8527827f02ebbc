"""Lesson 5's exercise checks, with right, wrong and malformed answers written here.

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
)
from torch import nn

from convcourse.checks import lesson5

MALFORMED_FUNCTIONS = [None, "size", 3, raises, returns_none, returns_nan]

# --- check_pool_output_size ----------------------------------------------------------------


def pool_size(i, k, s, p, d, ceil_mode):
    room = i + 2 * p - d * (k - 1) - 1
    size = (math.ceil(room / s) if ceil_mode else room // s) + 1
    return size - 1 if ceil_mode and (size - 1) * s >= i + p else size


def pool_size_numpy(i, k, s, p, d, ceil_mode):
    return np.int64(pool_size(i, k, s, p, d, ceil_mode))


def pool_size_as_a_tensor(i, k, s, p, d, ceil_mode):
    return torch.tensor(pool_size(i, k, s, p, d, ceil_mode))


def pool_size_always_floor(i, k, s, p, d, ceil_mode):
    return (i + 2 * p - d * (k - 1) - 1) // s + 1


def pool_size_without_the_last_window_rule(i, k, s, p, d, ceil_mode):
    room = i + 2 * p - d * (k - 1) - 1
    return (math.ceil(room / s) if ceil_mode else room // s) + 1


def pool_size_ignoring_dilation(i, k, s, p, d, ceil_mode):
    return pool_size(i, k, s, p, 1, ceil_mode)


# --- check_pool_shape_prediction -----------------------------------------------------------

# (1, 16, 7, 7) through MaxPool2d(2): stride 2; starts 0, 2, 4 fit, 6 hangs over (counted with
# ceil_mode), worked out by hand here.
RIGHT_SHAPES = ((1, 16, 3, 3), (1, 16, 4, 4))

# --- check_halving_pool --------------------------------------------------------------------


def halving_pool():
    return nn.MaxPool2d(kernel_size=2, ceil_mode=True)


def halving_pool_tuples():
    return nn.MaxPool2d(kernel_size=(2, 2), stride=(2, 2), ceil_mode=True)


def halving_pool_functional():
    class Pool(nn.Module):
        def forward(self, x):
            return F.max_pool2d(x, 2, ceil_mode=True)
    return Pool()


def halving_pool_as_written():
    return nn.MaxPool2d(kernel_size=2, padding=2)


def halving_pool_floor():
    return nn.MaxPool2d(kernel_size=2)


def halving_pool_padding_one():
    return nn.MaxPool2d(kernel_size=2, padding=1)  # floor(i / 2) + 1: one too many for even i


def halving_by_averaging():
    return nn.AvgPool2d(kernel_size=2, ceil_mode=True)


class ForwardReturnsNone(nn.Module):
    def forward(self, x):
        return None


CASES = {
    "check_pool_output_size": Cases(
        right=[pool_size, pool_size_numpy, pool_size_as_a_tensor],
        wrong=[pool_size_always_floor, pool_size_without_the_last_window_rule, pool_size_ignoring_dilation],
        malformed=MALFORMED_FUNCTIONS,
    ),
    "check_pool_shape_prediction": Cases(
        right=[RIGHT_SHAPES, [list(RIGHT_SHAPES[0]), list(RIGHT_SHAPES[1])],
               (torch.Size(RIGHT_SHAPES[0]), np.array(RIGHT_SHAPES[1]))],
        wrong=[((1, 16, 3, 3), (1, 16, 3, 3)), ((1, 16, 4, 4), (1, 16, 4, 4)), ((1, 8, 3, 3), (1, 8, 4, 4))],
        malformed=[None, (None, None), "(1, 16, 3, 3)", ((1, 16, 3), (1, 16, 4)), (1, 16, 3, 3), raises,
                   ((1, 16, 3.5, 3), (1, 16, 4, 4))],
    ),
    "check_halving_pool": Cases(
        right=[halving_pool, halving_pool_tuples, halving_pool_functional],
        wrong=[halving_pool_as_written, halving_pool_floor, halving_pool_padding_one, halving_by_averaging],
        malformed=[None, "pool", raises, returns_none, lambda: ForwardReturnsNone(), lambda: "a layer"],
    ),
}

test_a_right_answer_passes, test_a_wrong_or_malformed_answer_fails_with_a_one_line_hint = case_tests(CASES)


def test_the_hints_name_the_mistake(capsys):
    hint = assert_fails_with_a_one_line_hint("check_pool_output_size", pool_size_always_floor, capsys)
    assert "ceiling" in hint
    hint = assert_fails_with_a_one_line_hint("check_pool_output_size",
                                             pool_size_without_the_last_window_rule, capsys)
    assert "(o - 1) * s >= i + p" in hint
    hint = assert_fails_with_a_one_line_hint("check_halving_pool", halving_pool_as_written, capsys)
    assert "half the window" in hint


def test_every_setting_the_size_check_tries_is_one_torch_accepts_and_the_rule_agrees():
    for case in lesson5._pool_cases(80):
        assert lesson5._torch_pool_size(*case) == pool_size(*case)


def test_the_prediction_is_torchs_shapes():
    x = torch.zeros(lesson5.PREDICTION_SHAPE)
    assert (tuple(nn.MaxPool2d(2)(x).shape), tuple(nn.MaxPool2d(2, ceil_mode=True)(x).shape)) == RIGHT_SHAPES
