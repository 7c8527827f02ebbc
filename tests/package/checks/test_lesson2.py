"""Lesson 2's exercise checks with right, wrong and malformed answers (see checks_testing.py).

The answers are written here with torch, independently of the lesson's solutions.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from checks_testing import Cases, assert_fails_with_a_one_line_hint, case_tests, raises, returns_none
from torch import nn

from convcourse.checks import lesson2

# --- One output element --------------------------------------------------------------------


def output_element(x, w, i, j):
    kh, kw = w.shape
    return (x[i:i + kh, j:j + kw] * w).sum()


def output_element_as_float(x, w, i, j):
    return output_element(x, w, i, j).item()


def output_element_as_numpy(x, w, i, j):
    return np.float32(output_element(x, w, i, j).numpy())


def output_element_with_torch(x, w, i, j):
    return F.conv2d(x[None, None], w[None, None])[0, 0, i, j]


def output_element_off_by_one(x, w, i, j):
    return output_element(x, w, i, j) + 1


def output_element_transposed_window(x, w, i, j):
    kh, kw = w.shape
    return (x[j:j + kh, i:i + kw] * w).sum() if x[j:j + kh, i:i + kw].shape == w.shape else x.sum()


def output_element_forgot_sum(x, w, i, j):
    kh, kw = w.shape
    return x[i:i + kh, j:j + kw] * w


# --- Loop convolutions ---------------------------------------------------------------------


def conv2d_stride(x, w, stride):
    return F.conv2d(x[None, None], w[None, None], stride=stride)[0, 0]


def conv2d_stride_loops(x, w, stride):
    kh, kw = w.shape
    out = torch.zeros((x.shape[0] - kh) // stride + 1, (x.shape[1] - kw) // stride + 1)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = (x[i * stride:i * stride + kh, j * stride:j * stride + kw] * w).sum()
    return out


def conv2d_ignoring_stride(x, w, stride):
    return F.conv2d(x[None, None], w[None, None])[0, 0]


def conv2d_padding(x, w, padding):
    return F.conv2d(x[None, None], w[None, None], padding=padding)[0, 0]


def conv2d_padding_in_place(x, w, padding):
    x.mul_(1.0)  # touches the input in place; harmless
    padded = torch.zeros(x.shape[0] + 2 * padding, x.shape[1] + 2 * padding, dtype=torch.float64)
    padded[padding:padding + x.shape[0], padding:padding + x.shape[1]] = x
    return F.conv2d(padded[None, None], w.double()[None, None])[0, 0]


def conv2d_ignoring_padding(x, w, padding):
    return F.conv2d(x[None, None], w[None, None])[0, 0]


def conv2d_padding_one_side(x, w, padding):
    return F.conv2d(F.pad(x, (2 * padding, 0, 2 * padding, 0))[None, None], w[None, None])[0, 0]


def conv2d_single(x, w):
    kh, kw = w.shape
    out = torch.zeros(x.shape[0] - kh + 1, x.shape[1] - kw + 1)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = (x[i:i + kh, j:j + kw] * w).sum()
    return out


def conv2d_single_swapped_window(x, w):  # right only for square kernels
    kh, kw = w.shape
    out = torch.zeros(x.shape[0] - kh + 1, x.shape[1] - kw + 1)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            window = x[i:i + kw, j:j + kh]
            out[i, j] = (window * w).sum() if window.shape == w.shape else 0.0
    return out


def conv2d_single_one_short(x, w):
    return conv2d_single(x, w)[:-1, :]


def conv2d_single_complex(x, w):
    return conv2d_single(x, w).to(torch.complex64)


def conv2d_single_nan(x, w):
    return conv2d_single(x, w) * float("nan")


# --- im2col --------------------------------------------------------------------------------


def conv2d_im2col(x, w):
    n, _, h, width = x.shape
    c_out, _, kh, kw = w.shape
    columns = F.unfold(x, (kh, kw))  # (N, C*kh*kw, L)
    return (w.reshape(c_out, -1) @ columns).reshape(n, c_out, h - kh + 1, width - kw + 1)


def conv2d_im2col_einsum(x, w):
    _, _, kh, kw = w.shape
    patches = x.unfold(2, kh, 1).unfold(3, kw, 1)  # (N, C, out_h, out_w, kh, kw)
    return torch.einsum("nchwij,ocij->nohw", patches, w)


def conv2d_flipped_kernel(x, w):
    return F.conv2d(x, w.flip(-2, -1))  # true convolution, not torch's cross-correlation


def conv2d_im2col_as_list(x, w):
    return conv2d_im2col(x, w).tolist()


# --- Prediction ----------------------------------------------------------------------------

SHAPE = (2, 4, 10, 6)


CASES = {
    "check_output_element": Cases(
        right=[output_element, output_element_as_float, output_element_as_numpy, output_element_with_torch],
        wrong=[output_element_off_by_one, output_element_transposed_window],
        malformed=[None, "element", raises, returns_none, output_element_forgot_sum,
                   lambda x, w, i, j: float("nan"), lambda x, w, i, j: 1 + 2j, lambda x, w, i, j: "3",
                   lambda x, w, i, j: [1.0], nn.Identity()],
    ),
    "check_conv2d_stride": Cases(
        right=[conv2d_stride, conv2d_stride_loops],
        wrong=[conv2d_ignoring_stride],
        malformed=[None, "conv", raises, returns_none, lambda x, w, s: conv2d_stride(x, w, s).tolist(),
                   lambda x, w, s: conv2d_stride(x, w, s).numpy()],
    ),
    "check_conv2d_padding": Cases(
        right=[conv2d_padding, conv2d_padding_in_place],
        wrong=[conv2d_ignoring_padding, conv2d_padding_one_side],
        malformed=[None, 7, raises, returns_none, lambda x, w, p: conv2d_padding(x, w, p) * float("inf")],
    ),
    "check_conv2d_single": Cases(
        right=[conv2d_single, lambda x, w: F.conv2d(x[None, None], w[None, None])[0, 0]],
        wrong=[conv2d_single_swapped_window, conv2d_single_one_short,
               lambda x, w: torch.zeros(x.shape[0] - w.shape[0] + 1, x.shape[1] - w.shape[1] + 1)],
        malformed=[None, "conv", raises, returns_none, conv2d_single_complex, conv2d_single_nan],
    ),
    "check_conv2d_im2col": Cases(
        right=[conv2d_im2col, conv2d_im2col_einsum],
        wrong=[conv2d_flipped_kernel],
        malformed=[None, "conv", raises, returns_none, conv2d_im2col_as_list],
    ),
    "check_conv2d_shape_prediction": Cases(
        right=[SHAPE, list(SHAPE), torch.Size(SHAPE), tuple(np.int64(d) for d in SHAPE), torch.tensor(SHAPE)],
        wrong=[(2, 4, 8, 4), (2, 3, 10, 6), (4, 2, 10, 6), (2, 4, 10, 8)],
        malformed=[None, "(2, 4, 10, 6)", (2, 4, 10), (2.0, 4.0, 10.0, 6.0), [2, 4, float("nan"), 6], 24],
    ),
}


test_a_right_answer_passes, test_a_wrong_or_malformed_answer_fails_with_a_one_line_hint = case_tests(CASES)


def test_a_forgotten_sum_gets_a_hint_about_sum(capsys):
    hint = assert_fails_with_a_one_line_hint("check_output_element", output_element_forgot_sum, capsys)
    assert ".sum()" in hint


def test_nan_is_not_accepted_as_an_element(capsys):
    hint = assert_fails_with_a_one_line_hint("check_output_element", lambda x, w, i, j: float("nan"), capsys)
    assert "nan" in hint


def test_the_prediction_is_measured_with_torch():
    out = F.conv2d(torch.zeros(2, 3, 10, 8), torch.zeros(4, 3, 3, 5), padding=1)
    assert tuple(out.shape) == SHAPE == lesson2.predicted_shape_answer()


def test_the_checks_leave_the_learners_random_numbers_alone(capsys):
    torch.manual_seed(3)
    expected = torch.rand(4)
    torch.manual_seed(3)
    assert lesson2.check_conv2d_im2col(conv2d_im2col)
    assert torch.equal(torch.rand(4), expected)
