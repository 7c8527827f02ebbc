"""Every exercise check accepts a right answer, and gives a hint (never a traceback) otherwise.

The right answers are written here, independently of the lessons' solutions, with torch; the
wrong ones are the mistakes the hints are about. ``ANSWERS`` must name every public check, so
a new check without a test fails the suite.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any

import pytest
import torch
import torch.nn.functional as F
from IPython.core.formatters import DisplayFormatter
from torch import nn

from convcourse import checks

# --- Lesson 1 ------------------------------------------------------------------------------


class Doubler(nn.Module):
    def forward(self, x):
        return 2 * x


class Tripler(nn.Module):
    def forward(self, x):
        return 3 * x


def conv_param_count(in_channels, out_channels, kernel_size, bias):
    return sum(p.numel() for p in nn.Conv2d(in_channels, out_channels, kernel_size, bias=bias).parameters())


def conv_param_count_always_with_bias(in_channels, out_channels, kernel_size, bias):
    return out_channels * in_channels * kernel_size**2 + out_channels


class LayerStack(nn.Module):
    def __init__(self, n_layers, width):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(width, width) for _ in range(n_layers))

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class LayerStackInPlainList(nn.Module):
    def __init__(self, n_layers, width):
        super().__init__()
        self.layers = [nn.Linear(width, width) for _ in range(n_layers)]  # invisible to .parameters()

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class TwoConvs(nn.Module):
    def __init__(self):
        super().__init__()
        self.first = nn.Conv2d(3, 8, 3)  # 32 -> 30
        self.second = nn.Conv2d(8, 16, 5)  # 30 -> 26

    def forward(self, x):
        return self.second(torch.relu(self.first(x)))


class TwoConvsPadded(TwoConvs):
    def __init__(self):
        super().__init__()
        self.second = nn.Conv2d(8, 16, 5, padding=2)  # keeps 30: not the 26 asked for


def broken(module_class):
    """Two subclasses of a right answer: one whose forward raises, one whose forward returns None."""

    class ForwardRaises(module_class):
        def forward(self, x):
            raise RuntimeError("a learner's bug")

    class ForwardReturnsNone(module_class):
        def forward(self, x):
            return None

    return ForwardRaises, ForwardReturnsNone


# --- Lesson 2 ------------------------------------------------------------------------------


def output_element(x, w, i, j):
    kh, kw = w.shape
    return (x[i:i + kh, j:j + kw] * w).sum()


def output_element_off_by_one(x, w, i, j):
    return output_element(x, w, i, j) + 1


def conv2d_stride(x, w, stride):
    return F.conv2d(x[None, None], w[None, None], stride=stride)[0, 0]


def conv2d_ignoring_stride(x, w, stride):
    return F.conv2d(x[None, None], w[None, None])[0, 0]


def conv2d_padding(x, w, padding):
    return F.conv2d(x[None, None], w[None, None], padding=padding)[0, 0]


def conv2d_ignoring_padding(x, w, padding):
    return F.conv2d(x[None, None], w[None, None])[0, 0]


def conv2d_im2col(x, w):
    n, _, h, width = x.shape
    c_out, _, kh, kw = w.shape
    columns = F.unfold(x, (kh, kw))  # (N, C*kh*kw, L)
    return (w.reshape(c_out, -1) @ columns).reshape(n, c_out, h - kh + 1, width - kw + 1)


def conv2d_flipped_kernel(x, w):
    return F.conv2d(x, w.flip(-2, -1))  # true convolution, not torch's cross-correlation


# --- Lesson 3 ------------------------------------------------------------------------------


def output_size(i, k, s, p, d):
    return (i + 2 * p - d * (k - 1) - 1) // s + 1


def output_size_without_plus_one(i, k, s, p, d):
    return (i + 2 * p - d * (k - 1) - 1) // s


def same_padding(k, d):
    return d * (k - 1) // 2


def same_padding_ignoring_dilation(k, d):
    return (k - 1) // 2


def unreached_rows(i, k, s, p):
    windows = (i + 2 * p - k) // s + 1
    reached = {j * s + t - p for j in range(windows) for t in range(k)}
    return [row for row in range(i) if row not in reached]


def no_rows_unreached(i, k, s, p):
    return []


def torch_output_size(i, k, s, p):
    return F.conv2d(torch.zeros(1, 1, i, 1), torch.zeros(1, 1, k, 1), stride=(s, 1), padding=(p, 0)).shape[2]


def stride_and_padding_for(i, k, target):
    for s in range(1, i + 1):
        for p in range(k):
            if torch_output_size(i, k, s, p) == target:
                return s, p
    return None


def always_stride_one_no_padding(i, k, target):
    return 1, 0


# --- Lesson 4 ------------------------------------------------------------------------------


def conv_shapes(in_channels, out_channels, kernel_size, groups, bias):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    weight = (out_channels, in_channels // groups, kh, kw)
    count = out_channels * in_channels // groups * kh * kw + (out_channels if bias else 0)
    return weight, (out_channels,) if bias else None, count


def conv_shapes_ignoring_groups(in_channels, out_channels, kernel_size, groups, bias):
    return conv_shapes(in_channels, out_channels, kernel_size, 1, bias)


def conv_for_target_shape(in_shape, out_shape):
    for k in range(1, 6):
        for s in range(1, 4):
            for p in range(3):
                layer = nn.Conv2d(in_shape[1], out_shape[1], k, stride=s, padding=p)
                if k <= min(in_shape[2:]) + 2 * p and layer(torch.zeros(in_shape)).shape == out_shape:
                    return layer
    return None


def conv_3x3_whatever_the_shape(in_shape, out_shape):
    return nn.Conv2d(in_shape[1], out_shape[1], 3)


def separable_block(in_channels, out_channels, k):
    return nn.Sequential(nn.Conv2d(in_channels, in_channels, k, padding=k // 2, groups=in_channels),
                         nn.Conv2d(in_channels, out_channels, 1))


def separable_block_with_relu_between(in_channels, out_channels, k):
    depthwise, pointwise = separable_block(in_channels, out_channels, k)
    return nn.Sequential(depthwise, nn.ReLU(), pointwise)


SOBEL_X = [[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]


def sobel_x_layer(sign=1.0):
    layer = nn.Conv2d(1, 1, 3, bias=False)
    with torch.no_grad():
        layer.weight.copy_(sign * torch.tensor(SOBEL_X).view(1, 1, 3, 3))
    return layer


def sobel_x_layer_flipped():
    return sobel_x_layer(sign=-1.0)  # the convolution-flips-the-kernel habit


# --- The table of answers ------------------------------------------------------------------


def raises(*args):
    raise RuntimeError("a learner's bug")


def returns_none(*args):
    return None


@dataclass(frozen=True)
class Answers:
    correct: Any
    wrong: Any
    raising: Any = raises
    none: Any = returns_none


ANSWERS = {
    "check_doubler": Answers(Doubler, Tripler, *broken(Doubler)),
    "check_conv_param_count": Answers(conv_param_count, conv_param_count_always_with_bias),
    "check_layer_stack": Answers(LayerStack, LayerStackInPlainList, *broken(LayerStack)),
    "check_two_convs": Answers(TwoConvs, TwoConvsPadded, *broken(TwoConvs)),
    "check_output_element": Answers(output_element, output_element_off_by_one),
    "check_conv2d_stride": Answers(conv2d_stride, conv2d_ignoring_stride),
    "check_conv2d_padding": Answers(conv2d_padding, conv2d_ignoring_padding),
    "check_conv2d_im2col": Answers(conv2d_im2col, conv2d_flipped_kernel),
    "check_stride_output_size": Answers(output_size, output_size_without_plus_one),
    "check_stride_same_padding": Answers(same_padding, same_padding_ignoring_dilation),
    "check_stride_unreached_rows": Answers(unreached_rows, no_rows_unreached),
    "check_stride_target_size": Answers(stride_and_padding_for, always_stride_one_no_padding),
    "check_layer_param_shapes": Answers(conv_shapes, conv_shapes_ignoring_groups),
    "check_layer_target_shape": Answers(conv_for_target_shape, conv_3x3_whatever_the_shape),
    "check_layer_separable_block": Answers(separable_block, separable_block_with_relu_between),
    "check_layer_sobel_x": Answers(sobel_x_layer, sobel_x_layer_flipped),
}

CHECK_NAMES = sorted(ANSWERS)


def public_checks() -> set[str]:
    return {name for name, function in inspect.getmembers(checks, inspect.isfunction)
            if name.startswith("check_") and function.__module__.startswith(checks.__name__ + ".")}


def test_every_public_check_has_answers_here():
    assert public_checks() == set(ANSWERS)


def run_check(name, answer, capsys):
    result = getattr(checks, name)(answer)
    return result, capsys.readouterr().out


@pytest.mark.parametrize("name", CHECK_NAMES)
def test_a_correct_answer_passes_and_prints_the_pass_mark(name, capsys):
    result, printed = run_check(name, ANSWERS[name].correct, capsys)
    assert result, printed
    assert checks.PASS_MARK in printed and checks.HINT_MARK not in printed


@pytest.mark.parametrize("kind", ["wrong", "raising", "none"])
@pytest.mark.parametrize("name", CHECK_NAMES)
def test_a_wrong_answer_fails_with_a_hint_and_no_traceback(name, kind, capsys):
    result, printed = run_check(name, getattr(ANSWERS[name], kind), capsys)
    assert not result
    assert checks.HINT_MARK in printed and "Hint: " in printed
    assert result.hint and result.hint in printed
    if kind == "raising":
        assert "raised RuntimeError: a learner's bug" in result.hint
    if kind == "none":
        assert "None" in result.hint


def test_a_check_result_as_a_cells_last_line_displays_nothing(capsys):
    # A stub cell ends with check_x(...): IPython must not add "False" under the printed hint.
    result, _ = run_check("check_doubler", Tripler, capsys)
    assert DisplayFormatter().format(result) == ({}, {})
    assert DisplayFormatter().format(False) != ({}, {})  # the formatter would show a plain bool


def test_a_check_result_is_true_exactly_when_the_answer_passed(capsys):
    passed = checks.report(True, "Exercise")
    failed = checks.report(False, "Exercise", "try again.")
    assert capsys.readouterr().out.splitlines() == [
        f"{checks.PASS_MARK} Exercise: correct.",
        f"{checks.HINT_MARK} Exercise: not yet. Hint: try again.",
    ]
    assert passed and passed.passed and not failed and not failed.passed
    assert (passed.hint, failed.hint) == ("", "try again.")
