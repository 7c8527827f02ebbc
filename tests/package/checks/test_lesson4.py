"""Lesson 4's exercise checks, with right, wrong and malformed answers written here.

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


def returns_text(*args):
    return "Conv2d"


MALFORMED_FUNCTIONS = [None, "my_function", raises, returns_none, returns_nan, returns_text, [1, 2]]


# --- check_param_shapes --------------------------------------------------------------------


def conv_shapes(in_channels, out_channels, kernel_size, groups, bias):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    weight = (out_channels, in_channels // groups, kh, kw)
    count = out_channels * in_channels // groups * kh * kw + (out_channels if bias else 0)
    return weight, (out_channels,) if bias else None, count


def conv_shapes_as_lists_and_numpy(in_channels, out_channels, kernel_size, groups, bias):
    weight, bias_shape, count = conv_shapes(in_channels, out_channels, kernel_size, groups, bias)
    return [list(weight), None if bias_shape is None else list(bias_shape), np.int64(count)]


def conv_shapes_as_torch(in_channels, out_channels, kernel_size, groups, bias):
    weight, bias_shape, count = conv_shapes(in_channels, out_channels, kernel_size, groups, bias)
    return torch.Size(weight), None if bias_shape is None else torch.Size(bias_shape), torch.tensor(count)


def conv_shapes_ignoring_groups(in_channels, out_channels, kernel_size, groups, bias):
    return conv_shapes(in_channels, out_channels, kernel_size, 1, bias)


def conv_shapes_always_with_bias(in_channels, out_channels, kernel_size, groups, bias):
    weight, _, count = conv_shapes(in_channels, out_channels, kernel_size, groups, True)
    return weight, (out_channels,), count


def conv_shapes_count_without_bias(in_channels, out_channels, kernel_size, groups, bias):
    weight, bias_shape, count = conv_shapes(in_channels, out_channels, kernel_size, groups, False)
    return weight, bias_shape if not bias else (out_channels,), count


def conv_shapes_pair(in_channels, out_channels, kernel_size, groups, bias):
    return conv_shapes(in_channels, out_channels, kernel_size, groups, bias)[:2]


def conv_shapes_float_count(in_channels, out_channels, kernel_size, groups, bias):
    weight, bias_shape, count = conv_shapes(in_channels, out_channels, kernel_size, groups, bias)
    return weight, bias_shape, count / 1


# --- check_conv_for_target_shape -----------------------------------------------------------


def conv_for_target_shape(in_shape, out_shape):
    for k in range(1, 6):
        for s in range(1, 4):
            for p in range(3):
                layer = nn.Conv2d(in_shape[1], out_shape[1], k, stride=s, padding=p)
                if k <= min(in_shape[2:]) + 2 * p and layer(torch.zeros(in_shape)).shape == out_shape:
                    return layer
    return None


def conv_for_target_shape_in_float64(in_shape, out_shape):
    return conv_for_target_shape(in_shape, out_shape).double()


def conv_3x3_whatever_the_shape(in_shape, out_shape):
    return nn.Conv2d(in_shape[1], out_shape[1], 3)


def conv_wrong_in_channels(in_shape, out_shape):
    layer = conv_for_target_shape(in_shape, out_shape)
    return nn.Conv2d(in_shape[1] + 1, out_shape[1], layer.kernel_size, layer.stride, layer.padding)


def sequential_around_the_conv(in_shape, out_shape):
    return nn.Sequential(conv_for_target_shape(in_shape, out_shape))


# --- check_separable_block -----------------------------------------------------------------


def separable_block(in_channels, out_channels, k):
    return nn.Sequential(nn.Conv2d(in_channels, in_channels, k, padding=k // 2, groups=in_channels),
                         nn.Conv2d(in_channels, out_channels, 1))


def separable_block_in_float64(in_channels, out_channels, k):
    return separable_block(in_channels, out_channels, k).double()


class PointwiseRegisteredFirst(nn.Module):
    """Right: registers the pointwise layer before the depthwise one, but applies them in order."""

    def __init__(self, in_channels, out_channels, k):
        super().__init__()
        self.pointwise = nn.Conv2d(in_channels, out_channels, 1, bias=False)
        self.depthwise = nn.Conv2d(in_channels, in_channels, k, padding=k // 2, groups=in_channels)

    def forward(self, x):
        return self.pointwise(self.depthwise(x))


class ReLUBetween(nn.Module):
    def __init__(self, in_channels, out_channels, k):
        super().__init__()
        self.depthwise, self.pointwise = separable_block(in_channels, out_channels, k)

    def forward(self, x):
        return self.pointwise(torch.relu(self.depthwise(x)))


class ForwardReturnsNone(PointwiseRegisteredFirst):
    def forward(self, x):
        return None


def separable_block_with_a_depth_multiplier(in_channels, out_channels, k):
    # Two kernels per input channel: still depthwise (groups = in_channels), then pointwise.
    return nn.Sequential(nn.Conv2d(in_channels, 2 * in_channels, k, padding=k // 2, groups=in_channels),
                         nn.Conv2d(2 * in_channels, out_channels, 1))


def separable_block_with_relu_between(in_channels, out_channels, k):
    depthwise, pointwise = separable_block(in_channels, out_channels, k)
    return nn.Sequential(depthwise, nn.ReLU(), pointwise)


def separable_block_reflect_padding(in_channels, out_channels, k):
    depthwise, pointwise = separable_block(in_channels, out_channels, k)
    depthwise.padding_mode = "reflect" if k > 1 else "zeros"
    return nn.Sequential(depthwise, pointwise)


def separable_block_not_depthwise(in_channels, out_channels, k):
    return nn.Sequential(nn.Conv2d(in_channels, in_channels, k, padding=k // 2),
                         nn.Conv2d(in_channels, out_channels, 1))


def separable_block_no_padding(in_channels, out_channels, k):
    return nn.Sequential(nn.Conv2d(in_channels, in_channels, k, groups=in_channels),
                         nn.Conv2d(in_channels, out_channels, 1))


def one_standard_conv(in_channels, out_channels, k):
    return nn.Conv2d(in_channels, out_channels, k, padding=k // 2)


# --- check_sobel_x_layer and check_box_blur_layer ------------------------------------------

SOBEL_X = [[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]


def layer_with(kernel, sign=1.0, bias=False, padding=0):
    layer = nn.Conv2d(1, 1, 3, bias=bias, padding=padding)
    with torch.no_grad():
        layer.weight.copy_(sign * torch.tensor(kernel).view(1, 1, 3, 3))
        if bias:
            layer.bias.zero_()
    return layer


def sobel_x_layer():
    return layer_with(SOBEL_X)


def sobel_x_layer_with_zero_bias():
    return layer_with(SOBEL_X, bias=True)


def sobel_x_layer_in_float64():
    return layer_with(SOBEL_X).double()


def sobel_x_layer_flipped():
    return layer_with(SOBEL_X, sign=-1.0)  # the convolution-flips-the-kernel habit


def sobel_x_layer_random_bias():
    layer = nn.Conv2d(1, 1, 3)
    with torch.no_grad():
        layer.weight.copy_(torch.tensor(SOBEL_X).view(1, 1, 3, 3))
        layer.bias.fill_(0.3)
    return layer


def sobel_y_layer():
    return layer_with([list(row) for row in zip(*SOBEL_X, strict=True)])


def sobel_x_layer_padded():
    return layer_with(SOBEL_X, padding=1)


class SobelForwardReturnsNone(nn.Conv2d):
    def forward(self, x):
        return None


def box_blur_layer():
    return layer_with([[1 / 9] * 3] * 3, padding=1)


def box_blur_layer_in_place():
    layer = nn.Conv2d(1, 1, 3, padding=1)
    with torch.no_grad():
        layer.weight.fill_(1 / 9)
        layer.bias.zero_()
    return layer


def box_blur_layer_in_float64():
    return box_blur_layer_in_place().double()


def box_blur_layer_as_written_in_the_lesson():
    layer = nn.Conv2d(1, 1, 3, padding=1)
    layer.weight = torch.full((1, 1, 3, 3), 1 / 9)  # a plain tensor: nn.Module refuses it
    return layer


def box_blur_layer_keeping_the_random_bias():
    layer = nn.Conv2d(1, 1, 3, padding=1)
    with torch.no_grad():
        layer.weight.fill_(1 / 9)
    return layer


def box_sum_layer():
    return layer_with([[1.0] * 3] * 3, padding=1)


def box_blur_layer_unpadded():
    return layer_with([[1 / 9] * 3] * 3)


def box_blur_layer_reflect():
    layer = box_blur_layer()
    layer.padding_mode = "reflect"
    return layer


def box_blur_layer_nan():
    return layer_with([[float("nan")] * 3] * 3, padding=1)


class ComplexBlur(nn.Conv2d):
    def forward(self, x):
        return super().forward(x).to(torch.complex64)  # the right values, as complex numbers


def box_blur_layer_complex():
    layer = ComplexBlur(1, 1, 3, padding=1, bias=False)
    with torch.no_grad():
        layer.weight.fill_(1 / 9)
    return layer


# --- check_output_shape_prediction ---------------------------------------------------------

# nn.Conv2d(3, 8, kernel_size=(3, 5), stride=(2, 1)) on (1, 3, 9, 12), worked by hand:
# height (9 - 3) // 2 + 1 = 4, width (12 - 5) // 1 + 1 = 8.
RIGHT_SHAPE = (1, 8, 4, 8)


CASES = {
    "check_param_shapes": Cases(
        right=[conv_shapes, conv_shapes_as_lists_and_numpy, conv_shapes_as_torch],
        wrong=[conv_shapes_ignoring_groups, conv_shapes_always_with_bias, conv_shapes_count_without_bias],
        malformed=[*MALFORMED_FUNCTIONS, conv_shapes_pair, conv_shapes_float_count],
    ),
    "check_conv_for_target_shape": Cases(
        right=[conv_for_target_shape, conv_for_target_shape_in_float64],
        wrong=[conv_3x3_whatever_the_shape, conv_wrong_in_channels, sequential_around_the_conv],
        malformed=MALFORMED_FUNCTIONS,
    ),
    "check_separable_block": Cases(
        right=[separable_block, PointwiseRegisteredFirst, separable_block_in_float64,
               separable_block_with_a_depth_multiplier],
        wrong=[separable_block_with_relu_between, ReLUBetween, separable_block_reflect_padding,
               separable_block_not_depthwise, separable_block_no_padding, one_standard_conv],
        malformed=[*MALFORMED_FUNCTIONS, ForwardReturnsNone],
    ),
    "check_sobel_x_layer": Cases(
        right=[sobel_x_layer, sobel_x_layer_with_zero_bias, sobel_x_layer_in_float64],
        wrong=[sobel_x_layer_flipped, sobel_x_layer_random_bias, sobel_y_layer, sobel_x_layer_padded],
        malformed=[*MALFORMED_FUNCTIONS, lambda: SobelForwardReturnsNone(1, 1, 3)],
    ),
    "check_box_blur_layer": Cases(
        right=[box_blur_layer, box_blur_layer_in_place, box_blur_layer_in_float64],
        wrong=[box_blur_layer_as_written_in_the_lesson, box_blur_layer_keeping_the_random_bias,
               box_sum_layer, box_blur_layer_unpadded, box_blur_layer_reflect],
        malformed=[*MALFORMED_FUNCTIONS, box_blur_layer_nan, box_blur_layer_complex, box_blur_layer()],
    ),
    "check_output_shape_prediction": Cases(
        right=[RIGHT_SHAPE, list(RIGHT_SHAPE), torch.Size(RIGHT_SHAPE), torch.tensor(RIGHT_SHAPE),
               tuple(np.int64(n) for n in RIGHT_SHAPE)],
        wrong=[(1, 8, 5, 5), (1, 3, 4, 8), (1, 8, 7, 10), (8, 4, 8, 1)],
        malformed=[None, "(1, 8, 4, 8)", (1, 8, 4), (1, 8, 4.0, 8.0), (1, 8, float("nan"), 8), 1 + 0j,
                   raises],
    ),
}

test_a_right_answer_passes, test_a_wrong_or_malformed_answer_fails_with_a_one_line_hint = case_tests(CASES)


def test_the_hints_name_the_mistake(capsys):
    hint = assert_fails_with_a_one_line_hint("check_output_shape_prediction", (1, 8, 5, 5), capsys)
    assert "(height, width)" in hint
    hint = assert_fails_with_a_one_line_hint("check_sobel_x_layer", sobel_x_layer_flipped, capsys)
    assert "flipped" in hint
    hint = assert_fails_with_a_one_line_hint("check_box_blur_layer", box_sum_layer, capsys)
    assert "9" in hint
    hint = assert_fails_with_a_one_line_hint("check_box_blur_layer", box_blur_layer_keeping_the_random_bias,
                                             capsys)
    assert "bias" in hint


def test_a_complex_output_fails_even_with_the_right_values(capsys):
    hint = assert_fails_with_a_one_line_hint("check_box_blur_layer", box_blur_layer_complex, capsys)
    assert "complex" in hint


def test_the_right_shape_is_torchs():
    layer = nn.Conv2d(3, 8, kernel_size=(3, 5), stride=(2, 1))
    assert tuple(layer(torch.zeros(1, 3, 9, 12)).shape) == RIGHT_SHAPE
