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


def output_element_flipped(x, w, i, j):  # the true convolution: the kernel read backwards
    kh, kw = w.shape
    return (x[i:i + kh, j:j + kw] * torch.flip(w, dims=(0, 1))).sum()


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


# --- im2col with stride and padding -------------------------------------------------------


def conv2d_im2col(x, w, stride, padding):
    n, _, h, width = x.shape
    c_out, _, kh, kw = w.shape
    out_h, out_w = (h + 2 * padding - kh) // stride + 1, (width + 2 * padding - kw) // stride + 1
    columns = F.unfold(x, (kh, kw), padding=padding, stride=stride)  # (N, C*kh*kw, L)
    return (w.reshape(c_out, -1) @ columns).reshape(n, c_out, out_h, out_w)


def conv2d_im2col_padded_first(x, w, stride, padding):
    padded = F.pad(x, (padding,) * 4)
    n, _, h, width = padded.shape
    c_out, _, kh, kw = w.shape
    columns = F.unfold(padded, (kh, kw), stride=(stride, stride))
    return (w.reshape(c_out, -1) @ columns).view(n, c_out, (h - kh) // stride + 1, (width - kw) // stride + 1)


def conv2d_im2col_einsum(x, w, stride, padding):
    _, _, kh, kw = w.shape
    patches = F.pad(x, (padding,) * 4).unfold(2, kh, stride).unfold(3, kw, stride)  # (N, C, oh, ow, kh, kw)
    return torch.einsum("nchwij,ocij->nohw", patches.double(), w.double())


def conv2d_im2col_ignoring_stride(x, w, stride, padding):
    return conv2d_im2col(x, w, 1, padding)


def conv2d_im2col_ignoring_padding(x, w, stride, padding):
    return conv2d_im2col(x, w, stride, 0)


def conv2d_im2col_padding_in_unfold_only(x, w, stride, padding):
    # Pads, but computes the output size as if there were no padding: the reshape fails or mixes rows.
    n, _, h, width = x.shape
    c_out, _, kh, kw = w.shape
    columns = F.unfold(x, (kh, kw), padding=padding, stride=stride)
    rows = (h - kh) // stride + 1
    return (w.reshape(c_out, -1) @ columns).reshape(n, c_out, rows, -1)


def conv2d_im2col_flipped_kernel(x, w, stride, padding):
    return conv2d_im2col(x, w.flip(-2, -1), stride, padding)  # true convolution


def conv2d_im2col_weight_transposed(x, w, stride, padding):
    # Flattens each kernel column by column: the wrong order, unless the kernel is 1 x 1.
    return conv2d_im2col(x, w.transpose(-2, -1).reshape(w.shape), stride, padding)


def conv2d_im2col_as_list(x, w, stride, padding):
    return conv2d_im2col(x, w, stride, padding).tolist()


def conv2d_im2col_old_signature(x, w):  # the lesson's function, before the exercise
    return conv2d_im2col(x, w, 1, 0)


# --- Prediction ----------------------------------------------------------------------------

SHAPE = (2, 4, 10, 6)


CASES = {
    "check_output_element": Cases(
        right=[output_element, output_element_as_float, output_element_as_numpy, output_element_with_torch],
        wrong=[output_element_off_by_one, output_element_transposed_window, output_element_flipped],
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
    "check_conv2d_im2col_stride_padding": Cases(
        right=[conv2d_im2col, conv2d_im2col_padded_first, conv2d_im2col_einsum,
               lambda x, w, s, p: F.conv2d(x, w, stride=s, padding=p)],
        wrong=[conv2d_im2col_ignoring_stride, conv2d_im2col_ignoring_padding,
               conv2d_im2col_padding_in_unfold_only, conv2d_im2col_flipped_kernel,
               conv2d_im2col_weight_transposed],
        malformed=[None, "conv", raises, returns_none, conv2d_im2col_as_list, conv2d_im2col_old_signature,
                   lambda x, w, s, p: conv2d_im2col(x, w, s, p) * float("nan"), nn.Unfold(3)],
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


def test_a_learner_who_flips_the_kernel_is_told_about_the_flip(capsys):
    # The true convolution is a natural mistake here: the hint must name the flip, not the window.
    hint = assert_fails_with_a_one_line_hint("check_output_element", output_element_flipped, capsys)
    assert "flip" in hint and "window" not in hint
    hint = assert_fails_with_a_one_line_hint("check_conv2d_im2col_stride_padding",
                                             conv2d_im2col_flipped_kernel, capsys)
    assert "flip" in hint


def test_an_answer_that_is_wrong_in_another_way_is_not_told_about_the_flip(capsys):
    hint = assert_fails_with_a_one_line_hint("check_output_element", output_element_off_by_one, capsys)
    assert "flip" not in hint and "window starts at row i" in hint


def test_the_im2col_check_gives_the_output_size_when_stride_or_padding_is_ignored(capsys):
    for answer in (conv2d_im2col_ignoring_stride, conv2d_im2col_ignoring_padding):
        hint = assert_fails_with_a_one_line_hint("check_conv2d_im2col_stride_padding", answer, capsys)
        assert "stride=" in hint and "padding=" in hint and "// stride + 1" in hint


def test_the_im2col_check_uses_strides_and_paddings_above_their_defaults():
    assert any(stride > 1 for stride, _ in lesson2.IM2COL_SETTINGS)
    assert any(padding > 0 for _, padding in lesson2.IM2COL_SETTINGS)
    assert any(stride > 1 and padding > 0 for stride, padding in lesson2.IM2COL_SETTINGS)


def test_the_prediction_is_measured_with_torch():
    out = F.conv2d(torch.zeros(2, 3, 10, 8), torch.zeros(4, 3, 3, 5), padding=1)
    assert tuple(out.shape) == SHAPE == lesson2.predicted_shape_answer()


def test_the_checks_leave_the_learners_random_numbers_alone(capsys):
    torch.manual_seed(3)
    expected = torch.rand(4)
    torch.manual_seed(3)
    assert lesson2.check_conv2d_im2col_stride_padding(conv2d_im2col)
    assert torch.equal(torch.rand(4), expected)
