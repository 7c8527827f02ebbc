"""convcourse.shapes against the shapes torch actually returns, and the guide's relationships.

Every expected size is read off a real ``F.conv2d`` output (on tiny tensors), never typed in.
Relationships are from Dumoulin & Visin, "A guide to convolution arithmetic" (2016).
"""

from __future__ import annotations

import doctest
import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

import convcourse
import convcourse.shapes

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True)


def torch_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    """The (height, width) of F.conv2d's output for these arguments."""
    x = torch.zeros(1, 1, *input_size)
    weight = torch.zeros(1, 1, *kernel_size)
    return tuple(F.conv2d(x, weight, stride=stride, padding=padding, dilation=dilation).shape[-2:])


def torch_length(i, k, s=1, p=0, d=1):
    """F.conv2d's output length along one dimension (the other is 1 wide)."""
    return torch_size((i, 1), (k, 1), (s, 1), (p, 0), (d, 1))[0]


def torch_fits(input_size, kernel_size, padding=0, dilation=1) -> bool:
    """Whether F.conv2d accepts this kernel on this input (it raises when the kernel is too big)."""
    try:
        torch_size(*(_as_pair(v) for v in (input_size, kernel_size)), 1, padding, dilation)
    except RuntimeError:
        return False
    return True


def _as_pair(value):
    return tuple(value) if isinstance(value, (tuple, list)) else (value, value)


dims = st.tuples(st.integers(1, 12), st.integers(1, 5), st.integers(1, 4), st.integers(0, 4),
                 st.integers(1, 3))


@SETTINGS
@given(dims, dims)
def test_conv_output_size_matches_torch_for_every_argument(height, width):
    i, k, s, p, d = zip(height, width, strict=True)
    if not torch_fits(i, k, p, d):
        with pytest.raises(RuntimeError):
            torch_size(i, k, s, p, d)
        with pytest.raises(ValueError, match="the kernel spans"):
            convcourse.conv_output_size(i, k, s, p, d)
        return
    assert convcourse.conv_output_size(i, k, s, p, d) == torch_size(i, k, s, p, d)
    if height == width:  # the int form gives the same number
        scalar = convcourse.conv_output_size(i[0], k[0], s[0], p[0], d[0])
        assert scalar == torch_size(i, k, s, p, d)[0]


@pytest.mark.parametrize("i", [4, 5, 9])
@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_no_padding_unit_stride_gives_input_minus_kernel_plus_one(i, k):
    assert torch_length(i, k) == i - k + 1 == convcourse.conv_output_size(i, k)


@pytest.mark.parametrize("i", [4, 5, 9])
@pytest.mark.parametrize("k", [1, 2, 3, 4])
@pytest.mark.parametrize("p", [1, 2])
def test_zero_padding_unit_stride_gives_input_minus_kernel_plus_twice_padding_plus_one(i, k, p):
    assert torch_length(i, k, p=p) == i - k + 2 * p + 1 == convcourse.conv_output_size(i, k, padding=p)


@pytest.mark.parametrize("i", [1, 4, 5, 8])
@pytest.mark.parametrize("k", [1, 3, 5, 7])
@pytest.mark.parametrize("d", [1, 2])
def test_same_padding_keeps_size_for_odd_kernels(i, k, d):
    p = convcourse.same_padding(k, dilation=d)
    assert torch_length(i, k, p=p, d=d) == i


@pytest.mark.parametrize("k, d", [(3, 1), (2, 2), (4, 2), (5, 3)])
def test_same_padding_keeps_size_whenever_the_dilated_span_is_odd(k, d):
    assert torch_length(7, k, p=convcourse.same_padding(k, dilation=d), d=d) == 7


@pytest.mark.parametrize("k, d", [(2, 1), (4, 1), (4, 3), (6, 1)])
def test_same_padding_refuses_even_spans_where_no_symmetric_padding_keeps_size(k, d):
    fitting = [p for p in range(d * k) if torch_fits((8, 1), (k, 1), (p, 0), (d, 1))]
    sizes = {torch_length(8, k, p=p, d=d) for p in fitting}
    assert 8 not in sizes  # torch confirms: no symmetric padding gives o = i
    with pytest.raises(ValueError, match="padding='same' pads"):
        convcourse.same_padding(k, dilation=d)


@pytest.mark.parametrize("kernel", [(2, 2), (3, 4), (4, 1), (1, 5)])
@pytest.mark.parametrize("dilation", [1, (1, 2), (3, 1)])
def test_same_padding_before_after_is_the_split_torch_uses_for_padding_same(kernel, dilation):
    generator = torch.Generator().manual_seed(0)
    x = torch.randn(1, 1, 9, 10, generator=generator, dtype=torch.float64)
    weight = torch.randn(1, 1, *kernel, generator=generator, dtype=torch.float64)
    (top, bottom), (left, right) = convcourse.same_padding_before_after(kernel, dilation)
    padded = F.pad(x, (left, right, top, bottom))
    with warnings.catch_warnings():
        # torch warns that an even span makes it copy the input to pad it unevenly: expected.
        warnings.simplefilter("ignore", UserWarning)
        expected = F.conv2d(x, weight, padding="same", dilation=dilation)
    torch.testing.assert_close(F.conv2d(padded, weight, dilation=dilation), expected)


def test_same_padding_before_after_puts_the_extra_after_for_even_kernels():
    before, after = convcourse.same_padding_before_after(4)
    assert after == before + 1 and before + after == convcourse.full_padding(4)


@pytest.mark.parametrize("i", [1, 3, 6])
@pytest.mark.parametrize("k", [1, 2, 3, 5])
@pytest.mark.parametrize("d", [1, 2])
def test_full_padding_gives_input_plus_dilated_kernel_minus_one(i, k, d):
    p = convcourse.full_padding(k, dilation=d)
    assert torch_length(i, k, p=p, d=d) == i + d * (k - 1)


def test_full_padding_lets_the_corner_window_see_only_the_corner_pixel():
    x = torch.zeros(1, 1, 4, 4, dtype=torch.float64)
    x[0, 0, 0, 0] = 1.0
    weight = torch.arange(1.0, 10.0, dtype=torch.float64).reshape(1, 1, 3, 3)
    out = F.conv2d(x, weight, padding=convcourse.full_padding(3))
    # The first window overlaps the input in one pixel, met by the kernel's last tap.
    assert out[0, 0, 0, 0].item() == weight[0, 0, 2, 2].item()


@pytest.mark.parametrize("i", [5, 6, 7, 8])
@pytest.mark.parametrize("k", [1, 2, 3])
@pytest.mark.parametrize("s", [2, 3])
def test_no_padding_with_stride_gives_floor_of_input_minus_kernel_over_stride_plus_one(i, k, s):
    assert torch_length(i, k, s=s) == (i - k) // s + 1 == convcourse.conv_output_size(i, k, s)


@pytest.mark.parametrize("k", [2, 3, 4])
@pytest.mark.parametrize("d", [2, 3])
def test_dilated_kernel_sizes_like_a_kernel_of_k_plus_k_minus_one_times_d_minus_one(k, d):
    effective = k + (k - 1) * (d - 1)
    assert torch_length(12, k, d=d) == torch_length(12, effective)
    assert convcourse.conv_output_size(12, k, dilation=d) == convcourse.conv_output_size(12, effective)


@settings(max_examples=120, deadline=None, derandomize=True)
@given(st.integers(1, 12), st.integers(1, 4), st.integers(1, 4), st.integers(0, 3),
       st.integers(1, 3))
def test_unreached_input_rows_do_not_change_the_output_but_the_row_before_does(i, k, s, p, d):
    padded_length = i + 2 * p
    if not torch_fits((i, 1), (k, 1), (p, 0), (d, 1)):
        with pytest.raises(ValueError):
            convcourse.unreached_input(i, k, s, p, d)
        return
    unreached = convcourse.unreached_input(i, k, s, p, d)
    assert 0 <= unreached < s
    # Work on the padded input directly (padding 0): then every row can be changed.
    x = torch.rand(1, 1, padded_length, 1, dtype=torch.float64)
    weight = torch.ones(1, 1, k, 1, dtype=torch.float64)

    def out(tensor):
        return F.conv2d(tensor, weight, stride=(s, 1), dilation=(d, 1))

    changed_tail = x.clone()
    changed_tail[0, 0, padded_length - unreached:] += 1.0
    assert torch.equal(out(changed_tail), out(x))
    changed_last_reached = x.clone()
    changed_last_reached[0, 0, padded_length - unreached - 1] += 1.0
    assert not torch.equal(out(changed_last_reached), out(x))


def test_unreached_input_answers_pairs_for_pairs():
    answer = convcourse.unreached_input((6, 7), 3, stride=(2, 3))
    assert answer == tuple(convcourse.unreached_input(i, 3, s) for i, s in ((6, 2), (7, 3)))


@pytest.mark.parametrize("bad, message", [
    (dict(input_size=5, kernel_size=1.5), "kernel_size must be an int or a pair"),
    (dict(input_size=5, kernel_size=3, stride=(True, 1)), "stride must be an int, got the bool"),
    (dict(input_size=(5, 5, 5), kernel_size=3), "input_size must be an int or a pair"),
    (dict(input_size=5, kernel_size=3, stride=0), "stride and dilation must be at least 1"),
    (dict(input_size=5, kernel_size=3, padding=-1), "padding must be at least 0, got -1"),
    (dict(input_size=0, kernel_size=1), "input and kernel sizes must be at least 1"),
])
def test_conv_output_size_rejects_bad_arguments_by_name(bad, message):
    with pytest.raises((TypeError, ValueError), match=message):
        convcourse.conv_output_size(**bad)


def test_conv_output_size_accepts_numpy_integers_like_torch():
    size = convcourse.conv_output_size(np.int64(7), np.int64(3), stride=np.int64(2))
    assert size == torch_length(7, 3, s=2)


@pytest.mark.parametrize("function", [convcourse.same_padding, convcourse.full_padding,
                                      convcourse.same_padding_before_after])
def test_padding_helpers_reject_kernel_or_dilation_below_one(function):
    with pytest.raises(ValueError, match="kernel size must be at least 1"):
        function(0)
    with pytest.raises(ValueError, match="dilation must be at least 1"):
        function(3, dilation=0)


def test_docstring_examples_run():
    assert doctest.testmod(convcourse.shapes).failed == 0


# --- One fit rule, and pairs in, pairs out -------------------------------------------------

@SETTINGS
@given(dims, dims)
def test_kernel_fits_exactly_where_torch_accepts_the_kernel(height, width):
    i, k, _, p, d = zip(height, width, strict=True)
    assert convcourse.kernel_fits(i, k, p, d) == torch_fits(i, k, p, d)
    if height == width:
        assert convcourse.kernel_fits(i[0], k[0], p[0], d[0]) == torch_fits(i, k, p, d)


@pytest.mark.parametrize("k, d", [(1, 1), (3, 1), (3, 2), (2, 5), ((3, 2), (1, 4))])
def test_kernel_span_is_the_smallest_input_the_kernel_fits(k, d):
    span = convcourse.kernel_span(k, d)
    # The smallest input torch accepts (no padding) along each dimension is the span.
    smallest = tuple(min(i for i in range(1, 40) if torch_fits((i, 1), (kk, 1), 0, (dd, 1)))
                     for kk, dd in zip(_as_pair(k), _as_pair(d), strict=True))
    assert _as_pair(span) == smallest
    assert isinstance(span, tuple) == isinstance(k, tuple)


def test_conv_output_size_keeps_the_width_of_a_pair_kernel():
    assert convcourse.conv_output_size(5, (3, 4)) == torch_size((5, 5), (3, 4))


def test_full_padding_keeps_the_width_of_a_pair_dilation():
    p = convcourse.full_padding(3, dilation=(1, 2))
    assert isinstance(p, tuple) and len(p) == 2
    # Full padding grows the output by the padding along each dimension: o = i + p.
    assert torch_size((6, 6), (3, 3), padding=p, dilation=(1, 2)) == (6 + p[0], 6 + p[1])


# Each helper with ints that are the same along both dimensions: (function, arguments).
HELPERS = [
    (convcourse.conv_output_size, (9, 3, 2, 1, 2)),
    (convcourse.unreached_input, (9, 3, 2, 1, 2)),
    (convcourse.full_padding, (3, 2)),
    (convcourse.same_padding, (3, 2)),
    (convcourse.same_padding_before_after, (4, 1)),
    (convcourse.kernel_span, (3, 2)),
]


@pytest.mark.parametrize("function, arguments", HELPERS, ids=[f.__name__ for f, _ in HELPERS])
def test_every_shape_helper_answers_a_pair_when_any_argument_is_a_pair(function, arguments):
    as_ints = function(*arguments)
    assert not isinstance(as_ints, tuple) or function is convcourse.same_padding_before_after
    for position in range(len(arguments)):
        for spelling in (tuple, list):
            paired = list(arguments)
            paired[position] = spelling((arguments[position], arguments[position]))
            answer = function(*paired)
            # The same numbers along both dimensions, now as a (height, width) pair.
            assert answer == (as_ints, as_ints), (position, answer)


def test_shape_helpers_answer_ints_for_numpy_integers():
    size = convcourse.conv_output_size(np.int64(9), np.int32(3), np.int64(2))
    assert type(size) is int and size == torch_length(9, 3, s=2)
    assert type(convcourse.full_padding(np.int64(3))) is int
