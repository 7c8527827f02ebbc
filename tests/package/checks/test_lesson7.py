"""Lesson 7's exercise checks, with right, wrong and malformed answers written here.

The right answers are written independently of the lesson's solutions (other registration
orders, torch.nn.grad, numpy integers, sets); the wrong ones are the mistakes the hints are
about; the malformed ones must get a one-line hint, never a traceback.
"""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F
from checks_testing import Cases, assert_fails_with_a_one_line_hint, case_tests, raises, returns_none
from torch import nn


def returns_text(*args):
    return "Conv2d"


MALFORMED_FUNCTIONS = [None, "my_function", raises, returns_none, returns_text, [1, 2]]


# --- check_shift_prediction ------------------------------------------------------------------

# --- check_fixed_conv2d -------------------------------------------------------------------------


class FixedConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, padding=0):
        super().__init__()
        self.padding = padding
        self.weight = nn.Parameter(torch.empty(out_channels, in_channels, kernel_size, kernel_size))
        self.bias = nn.Parameter(torch.empty(out_channels))
        fan_in = in_channels * kernel_size * kernel_size
        nn.init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        nn.init.uniform_(self.bias, -1 / math.sqrt(fan_in), 1 / math.sqrt(fan_in))

    def forward(self, x):
        return F.conv2d(x, self.weight, self.bias, padding=self.padding)


class FixedConv2dWrapping(nn.Module):
    """Registers an nn.Conv2d's parameters as its own: same names, same draws."""

    def __init__(self, in_channels, out_channels, kernel_size, padding=0):
        super().__init__()
        conv = nn.Conv2d(in_channels, out_channels, kernel_size, padding=padding)
        self.weight, self.bias, self.padding = conv.weight, conv.bias, padding

    def forward(self, x):
        return F.conv2d(x, self.weight, self.bias, padding=self.padding)


class WeightAsPlainTensor(FixedConv2d):
    def __init__(self, in_channels, out_channels, kernel_size, padding=0):
        super().__init__(in_channels, out_channels, kernel_size, padding)
        weight = self.weight.detach().clone()
        del self.weight
        self.weight = weight


class FanInFromOutChannels(FixedConv2d):
    def __init__(self, in_channels, out_channels, kernel_size, padding=0):
        super().__init__(in_channels, out_channels, kernel_size, padding)
        bound = 1 / math.sqrt(out_channels * kernel_size * kernel_size)
        with torch.no_grad():
            self.weight.uniform_(-bound, bound)
            self.bias.uniform_(-bound, bound)


class BiasForgotten(FixedConv2d):
    def forward(self, x):
        return F.conv2d(x, self.weight, padding=self.padding)


class PaddingForgotten(FixedConv2d):
    def forward(self, x):
        return F.conv2d(x, self.weight, self.bias)


class ForwardReturnsNone(FixedConv2d):
    def forward(self, x):
        return None


class ForwardReturnsNaN(FixedConv2d):
    def forward(self, x):
        return torch.full_like(super().forward(x), float("nan"))


# --- check_learn_layer --------------------------------------------------------------------------


def learn_layer_adam(inputs, targets, steps):
    layer = nn.Conv2d(2, 3, 3, padding=1)
    optimiser = torch.optim.Adam(layer.parameters(), lr=0.05)
    for _ in range(steps):
        optimiser.zero_grad()
        F.mse_loss(layer(inputs), targets).backward()
        optimiser.step()
    return layer


def learn_layer_by_least_squares(inputs, targets, steps):
    """Not gradient descent, but a right answer: solve the linear least-squares problem."""
    columns = F.unfold(inputs, 3, padding=1).transpose(1, 2).reshape(-1, 18)  # (N * 144, 18)
    columns = torch.cat([columns, torch.ones(len(columns), 1)], dim=1)
    outputs = targets.flatten(2).transpose(1, 2).reshape(-1, 3)
    solution = torch.linalg.lstsq(columns, outputs).solution  # (19, 3)
    layer = nn.Conv2d(2, 3, 3, padding=1)
    with torch.no_grad():
        layer.weight.copy_(solution[:18].T.reshape(3, 2, 3, 3))
        layer.bias.copy_(solution[18])
    return layer


def learn_layer_without_zero_grad(inputs, targets, steps):
    layer = nn.Conv2d(2, 3, 3, padding=1)
    optimiser = torch.optim.SGD(layer.parameters(), lr=0.001)
    for _ in range(steps):
        F.mse_loss(layer(inputs), targets).backward()  # gradients pile up
        optimiser.step()
    return layer


def learn_layer_untrained(inputs, targets, steps):
    return nn.Conv2d(2, 3, 3, padding=1)


def learn_layer_without_bias(inputs, targets, steps):
    return nn.Conv2d(2, 3, 3, padding=1, bias=False)


def learn_layer_returns_weight(inputs, targets, steps):
    return learn_layer_adam(inputs, targets, steps).weight


def learn_layer_nan(inputs, targets, steps):
    layer = nn.Conv2d(2, 3, 3, padding=1)
    with torch.no_grad():
        layer.weight.fill_(float("nan"))
    return layer


# --- check_conv_macs ----------------------------------------------------------------------------


def conv_macs(layer, input_shape):
    n, _, h, w = input_shape
    (kh, kw), (sh, sw), (ph, pw), (dh, dw) = layer.kernel_size, layer.stride, layer.padding, layer.dilation
    h_out = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    w_out = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    return n * layer.out_channels * h_out * w_out * layer.in_channels // layer.groups * kh * kw


def conv_macs_by_running_it(layer, input_shape):
    out = layer(torch.zeros(input_shape))
    return np.int64(out.numel() * layer.weight[0].numel())


def conv_macs_as_tensor(layer, input_shape):
    return torch.tensor(conv_macs(layer, input_shape))


def conv_flops(layer, input_shape):
    return 2 * conv_macs(layer, input_shape)


def conv_macs_ignoring_groups(layer, input_shape):
    return conv_macs(layer, input_shape) * layer.groups


def conv_macs_per_image(layer, input_shape):
    return conv_macs(layer, (1, *input_shape[1:]))


def conv_macs_ignoring_stride(layer, input_shape):
    n, _, h, w = input_shape
    kh, kw = layer.kernel_size
    return n * layer.out_channels * (h - kh + 1) * (w - kw + 1) * layer.in_channels // layer.groups * kh * kw


def conv_macs_float(layer, input_shape):
    return conv_macs(layer, input_shape) / 1.0


# --- check_input_gradient -----------------------------------------------------------------------


def input_gradient(grad_out, weight, stride, padding, dilation, input_size):
    k_h, k_w = weight.shape[2:]
    h_out, w_out = grad_out.shape[2:]
    output_padding = (input_size[0] - ((h_out - 1) * stride - 2 * padding + dilation * (k_h - 1) + 1),
                      input_size[1] - ((w_out - 1) * stride - 2 * padding + dilation * (k_w - 1) + 1))
    return F.conv_transpose2d(grad_out, weight, stride=stride, padding=padding,
                              output_padding=output_padding, dilation=dilation)


def input_gradient_by_torch_nn_grad(grad_out, weight, stride, padding, dilation, input_size):
    shape = (grad_out.shape[0], weight.shape[1], *input_size)
    return torch.nn.grad.conv2d_input(shape, weight, grad_out, stride=stride, padding=padding,
                                      dilation=dilation)


def input_gradient_without_output_padding(grad_out, weight, stride, padding, dilation, input_size):
    return F.conv_transpose2d(grad_out, weight, stride=stride, padding=padding, dilation=dilation)


def input_gradient_without_dilation(grad_out, weight, stride, padding, dilation, input_size):
    # the lesson's function as shown: right for dilation 1 only
    k_h, k_w = weight.shape[2:]
    h_out, w_out = grad_out.shape[2:]
    output_padding = (input_size[0] - ((h_out - 1) * stride - 2 * padding + k_h),
                      input_size[1] - ((w_out - 1) * stride - 2 * padding + k_w))
    return F.conv_transpose2d(grad_out, weight, stride=stride, padding=padding,
                              output_padding=tuple(max(0, min(q, stride - 1)) for q in output_padding))


def input_gradient_flipped_weight(grad_out, weight, stride, padding, dilation, input_size):
    return input_gradient(grad_out, weight.flip(2, 3), stride, padding, dilation, input_size)


def input_gradient_complex(grad_out, weight, stride, padding, dilation, input_size):
    return input_gradient(grad_out, weight, stride, padding, dilation, input_size).to(torch.complex64)


def input_gradient_numpy(grad_out, weight, stride, padding, dilation, input_size):
    return input_gradient(grad_out, weight, stride, padding, dilation, input_size).numpy()


# --- check_bias_gradient ------------------------------------------------------------------------


def bias_gradient(grad_out):
    return grad_out.sum(dim=(0, 2, 3))


def bias_gradient_in_steps(grad_out):
    return grad_out.sum(0).sum(-1).sum(-1)


def bias_gradient_by_einsum(grad_out):
    return torch.einsum("nohw->o", grad_out)


def bias_gradient_of_one_image(grad_out):
    return grad_out[0].sum(dim=(1, 2))


def bias_gradient_mean(grad_out):
    return grad_out.mean(dim=(0, 2, 3))


def bias_gradient_per_position(grad_out):
    return grad_out.sum(dim=0)


def bias_gradient_as_list(grad_out):
    return bias_gradient(grad_out).tolist()


CASES = {
    "check_shift_prediction": Cases(
        right=[[2, 4, 6], (6, 4, 2), {2, 4, 6}, [np.int64(2), np.int64(4), np.int64(6)],
               torch.tensor([2, 4, 6])],
        wrong=[[], [1, 3, 5], [2, 4], [1, 2, 3, 4, 5, 6], [2, 4, 6, 8]],
        malformed=[None, "2, 4, 6", 2, [2.5, 4], [float("nan")], raises, [2 + 0j]],
    ),
    "check_fixed_conv2d": Cases(
        right=[FixedConv2d, FixedConv2dWrapping],
        wrong=[WeightAsPlainTensor, FanInFromOutChannels, BiasForgotten, PaddingForgotten],
        malformed=[None, "FixedConv2d", FixedConv2d(1, 1, 3), raises, ForwardReturnsNone, ForwardReturnsNaN],
    ),
    "check_learn_layer": Cases(
        right=[learn_layer_adam, learn_layer_by_least_squares],
        wrong=[learn_layer_untrained, learn_layer_without_zero_grad, learn_layer_without_bias],
        malformed=[*MALFORMED_FUNCTIONS, learn_layer_returns_weight, learn_layer_nan],
    ),
    "check_conv_macs": Cases(
        right=[conv_macs, conv_macs_by_running_it, conv_macs_as_tensor],
        wrong=[conv_flops, conv_macs_ignoring_groups, conv_macs_per_image, conv_macs_ignoring_stride],
        malformed=[*MALFORMED_FUNCTIONS, conv_macs_float, lambda layer, shape: float("nan")],
    ),
    "check_input_gradient": Cases(
        right=[input_gradient, input_gradient_by_torch_nn_grad],
        wrong=[input_gradient_without_output_padding, input_gradient_without_dilation,
               input_gradient_flipped_weight],
        malformed=[*MALFORMED_FUNCTIONS, input_gradient_complex, input_gradient_numpy],
    ),
    "check_bias_gradient": Cases(
        right=[bias_gradient, bias_gradient_in_steps, bias_gradient_by_einsum],
        wrong=[bias_gradient_of_one_image, bias_gradient_mean, bias_gradient_per_position],
        malformed=[*MALFORMED_FUNCTIONS, bias_gradient_as_list],
    ),
}

test_a_right_answer_passes, test_a_wrong_or_malformed_answer_fails_with_a_one_line_hint = case_tests(CASES)


def test_the_hints_name_the_mistake(capsys):
    assert "nn.Parameter" in assert_fails_with_a_one_line_hint("check_fixed_conv2d", WeightAsPlainTensor,
                                                               capsys)
    assert "fan_in" in assert_fails_with_a_one_line_hint("check_fixed_conv2d", FanInFromOutChannels, capsys)
    assert "bias" in assert_fails_with_a_one_line_hint("check_fixed_conv2d", BiasForgotten, capsys)
    assert "twice" in assert_fails_with_a_one_line_hint("check_conv_macs", conv_flops, capsys)
    assert "groups" in assert_fails_with_a_one_line_hint("check_conv_macs", conv_macs_ignoring_groups, capsys)
    assert "batch" in assert_fails_with_a_one_line_hint("check_conv_macs", conv_macs_per_image, capsys)
    assert "output_padding" in assert_fails_with_a_one_line_hint(
        "check_input_gradient", input_gradient_without_output_padding, capsys)
    assert "zero_grad" in assert_fails_with_a_one_line_hint("check_learn_layer", learn_layer_untrained,
                                                            capsys)


def test_only_even_shifts_survive_a_stride_of_two():
    # Independent of the check: a stride-2 layer on an image and on its shifted copies.
    from convcourse.checks.lesson7 import _shifts_that_survive

    assert _shifts_that_survive() == {2, 4, 6}


def test_a_check_leaves_the_learners_random_numbers_alone(capsys):
    from convcourse import checks

    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    checks.check_fixed_conv2d(FixedConv2d)
    checks.check_learn_layer(learn_layer_adam)
    assert torch.equal(torch.rand(3), expected)
