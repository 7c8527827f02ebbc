"""convcourse.conv_transpose_output_size against the sizes nn.ConvTranspose2d actually returns.

Every expected size is read off a real layer's output on a tiny tensor, and every refusal is a
setting torch raises on (or, for an output of exactly 0, one where torch returns an empty
tensor): nothing here is copied from the function under test.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest
import torch
from torch import nn

import convcourse
from convcourse import messages

# input 1..7, kernel 1..4, stride 1..3, padding 0..3, dilation 1..3, output padding 0..4.
GRID = list(itertools.product(range(1, 8), range(1, 5), range(1, 4), range(0, 4), range(1, 4),
                              range(0, 5)))


def torch_transpose(height, width, kernel_size, stride=1, padding=0, output_padding=0,
                    dilation=1):
    """The (height, width) of nn.ConvTranspose2d's output, or None where torch raises."""
    layer = nn.ConvTranspose2d(1, 1, kernel_size, stride=stride, padding=padding,
                               output_padding=output_padding, dilation=dilation)
    try:
        return tuple(layer(torch.zeros(1, 1, height, width)).shape[-2:])
    except RuntimeError:
        return None


def test_conv_transpose_output_size_agrees_with_torch_on_the_grid_and_refuses_the_rest():
    agreed = refused = empty = 0
    for i, k, s, p, d, q in GRID:
        want = torch_transpose(i, i, k, s, p, q, d)
        if want is None or want[0] == 0:  # torch raised, or returned an empty output
            with pytest.raises(ValueError):
                convcourse.conv_transpose_output_size(i, k, s, p, q, d)
            refused += want is None
            empty += want is not None
        else:
            assert convcourse.conv_transpose_output_size(i, k, s, p, q, d) == want[0]
            agreed += 1
    assert agreed > 1500 and refused > 1500 and empty > 0, (agreed, refused, empty)


def test_output_padding_must_be_smaller_than_the_stride_or_the_dilation():
    # Smaller than either is enough: with stride 1, dilation 2 allows an output padding of 1.
    assert torch_transpose(3, 3, 3, stride=1, output_padding=1, dilation=2) is not None
    assert convcourse.conv_transpose_output_size(3, 3, 1, 0, 1, 2) == \
        torch_transpose(3, 3, 3, 1, 0, 1, 2)[0]
    assert torch_transpose(3, 3, 3, stride=2, output_padding=2) is None
    with pytest.raises(ValueError, match="output padding 2 must be smaller"):
        convcourse.conv_transpose_output_size(3, 3, 2, 0, 2)


def test_pairs_give_pairs_and_match_torch_per_dimension():
    want = torch_transpose(3, 4, (3, 2), (2, 3), (1, 0), (1, 2), (1, 2))
    assert convcourse.conv_transpose_output_size((3, 4), (3, 2), (2, 3), (1, 0), (1, 2), (1, 2)) == want
    assert convcourse.conv_transpose_output_size(3, 3, 2) == torch_transpose(3, 3, 3, 2)[0]


@pytest.mark.parametrize("bad, error", [
    (dict(input_size=3, kernel_size=1.5), TypeError),
    (dict(input_size=3, kernel_size=3, stride=True), TypeError),
    (dict(input_size=3, kernel_size=3, output_padding=(1, 1, 1)), TypeError),
    (dict(input_size=0, kernel_size=3), ValueError),
    (dict(input_size=3, kernel_size=0), ValueError),
    (dict(input_size=3, kernel_size=3, stride=0), ValueError),
    (dict(input_size=3, kernel_size=3, padding=-1), ValueError),
    (dict(input_size=3, kernel_size=3, output_padding=-1), ValueError),
    (dict(input_size=3, kernel_size=3, dilation=0), ValueError),
    (dict(input_size=2, kernel_size=3, padding=3), ValueError),
])
def test_bad_arguments_get_one_line_errors_where_torch_refuses_too(bad, error):
    args = dict(bad)
    with pytest.raises(error) as raised:
        convcourse.conv_transpose_output_size(**args)
    assert "\n" not in str(raised.value)
    size = args.pop("input_size")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a zero-sized kernel warns before it fails
            nn.ConvTranspose2d(1, 1, **args)(torch.zeros(1, 1, size, size))
    except (RuntimeError, TypeError, ValueError):
        pass
    else:
        pytest.fail(f"torch accepts {bad}")


def test_numpy_integers_are_accepted():
    assert convcourse.conv_transpose_output_size(np.int64(3), np.int64(3), np.int64(2)) == \
        torch_transpose(3, 3, 3, 2)[0]


def test_refusals_speak_the_readers_language():
    try:
        convcourse.set_language("zh_CN")
        with pytest.raises(ValueError) as raised:
            convcourse.conv_transpose_output_size(3, 3, 2, 0, 2)
        assert str(raised.value) == messages.TRANSPOSED_OUTPUT_PADDING_TOO_BIG.format(
            q=2, s=2, d=1, most=1)
        assert "输出填充" in str(raised.value)
    finally:
        convcourse.set_language("en")
