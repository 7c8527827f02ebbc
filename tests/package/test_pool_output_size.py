"""convcourse.pool_output_size against the sizes nn.MaxPool2d and nn.AvgPool2d actually return.

Every expected size is read off a real pooling output on a tiny tensor, and every refusal is a
setting where torch raises: nothing here is copied from the function under test.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch
from torch import nn

import convcourse
from convcourse import messages

# Lesson 5's grid, widened: input 1..10, window 1..4, stride 1..3, padding 0..2, dilation 1..3.
GRID = list(itertools.product(range(1, 11), range(1, 5), range(1, 4), range(0, 3), range(1, 4),
                              (False, True)))


def torch_pool(layer, height, width=1):
    """The (height, width) of the layer's output, or None where torch refuses the setting."""
    try:
        return tuple(layer(torch.zeros(1, 1, height, width)).shape[-2:])
    except RuntimeError:
        return None


def test_pool_output_size_agrees_with_max_pool_on_the_grid_and_refuses_what_torch_refuses():
    agreed = refused = 0
    for i, k, s, p, d, ceil_mode in GRID:
        want = torch_pool(nn.MaxPool2d(k, stride=s, padding=p, dilation=d, ceil_mode=ceil_mode), i, i)
        if want is None:
            with pytest.raises(ValueError):
                convcourse.pool_output_size(i, k, s, p, d, ceil_mode)
            refused += 1
        else:
            assert convcourse.pool_output_size(i, k, s, p, d, ceil_mode) == want[0], (i, k, s, p, d)
            agreed += 1
    # Both kinds occur often enough for the test to mean something (numbers read off a run).
    assert agreed > 1000 and refused > 300, (agreed, refused)


def test_pool_output_size_agrees_with_avg_pool_on_the_grid():
    for i, k, s, p, _, ceil_mode in GRID:
        want = torch_pool(nn.AvgPool2d(k, stride=s, padding=p, ceil_mode=ceil_mode), i, i)
        if want is None:
            with pytest.raises(ValueError):
                convcourse.pool_output_size(i, k, s, p, 1, ceil_mode)
        else:
            assert convcourse.pool_output_size(i, k, s, p, 1, ceil_mode) == want[0]


@pytest.mark.parametrize("i", range(1, 9))
@pytest.mark.parametrize("k", range(1, 5))
def test_the_default_stride_is_the_window_size(i, k):
    want = torch_pool(nn.MaxPool2d(k), i, i)
    if want is None:
        with pytest.raises(ValueError):
            convcourse.pool_output_size(i, k)
    else:
        assert convcourse.pool_output_size(i, k) == want[0]
        assert nn.MaxPool2d(k).stride == k


def test_pairs_give_pairs_and_match_torch_per_dimension():
    layer = nn.MaxPool2d((3, 2), stride=(2, 1), padding=(1, 0), dilation=(1, 2), ceil_mode=True)
    want = torch_pool(layer, 7, 6)
    assert convcourse.pool_output_size((7, 6), (3, 2), (2, 1), (1, 0), (1, 2), True) == want
    assert convcourse.pool_output_size((5, 5), 2) == torch_pool(nn.MaxPool2d(2), 5, 5)


def test_a_padding_more_than_half_the_window_is_refused_whatever_the_dilation():
    # Torch tests 2p <= k, not against the dilated span: with dilation 3 a 2-wide window spans
    # 4, yet a padding of 2 is refused.
    assert torch_pool(nn.MaxPool2d(2, padding=2, dilation=3), 10, 10) is None
    with pytest.raises(ValueError, match="more than half the pooling window 2"):
        convcourse.pool_output_size(10, 2, padding=2, dilation=3)
    assert torch_pool(nn.MaxPool2d(2, padding=1, dilation=3), 10, 10) is not None
    convcourse.pool_output_size(10, 2, padding=1, dilation=3)


def test_ceil_mode_drops_a_last_window_that_would_start_in_the_padding():
    # i=5, k=2, s=2, p=1: the ceiling gives 4 windows, but the 4th would start at 6 = i + p.
    want = torch_pool(nn.MaxPool2d(2, stride=2, padding=1, ceil_mode=True), 5, 5)
    assert convcourse.pool_output_size(5, 2, 2, 1, ceil_mode=True) == want[0] == 3


@pytest.mark.parametrize("bad, error", [
    (dict(input_size=5, kernel_size=1.5), TypeError),
    (dict(input_size=5, kernel_size=2, stride=True), TypeError),
    (dict(input_size=5, kernel_size=2, ceil_mode=1), TypeError),
    (dict(input_size=(5, 5, 5), kernel_size=2), TypeError),
    (dict(input_size=0, kernel_size=2), ValueError),
    (dict(input_size=5, kernel_size=0), ValueError),
    (dict(input_size=5, kernel_size=2, stride=0), ValueError),
    (dict(input_size=5, kernel_size=2, stride=-1), ValueError),
    (dict(input_size=5, kernel_size=2, padding=-1), ValueError),
    (dict(input_size=5, kernel_size=2, dilation=0), ValueError),
])
def test_bad_arguments_get_one_line_errors_like_torch(bad, error):
    args = dict(bad)
    with pytest.raises(error) as raised:
        convcourse.pool_output_size(**args)
    assert "\n" not in str(raised.value)
    layer_args = {name: value for name, value in args.items() if name != "input_size"}
    size = args["input_size"]
    try:  # torch refuses each of these too (a TypeError for a bool ceil_mode, else RuntimeError)
        nn.MaxPool2d(**layer_args)(torch.zeros(1, 1, *((size,) * 2 if isinstance(size, int) else size)))
    except (RuntimeError, TypeError, ValueError):
        pass
    else:
        pytest.fail(f"torch accepts {bad}")


def test_numpy_integers_are_accepted():
    assert convcourse.pool_output_size(np.int64(7), np.int64(3), np.int64(2)) == \
        torch_pool(nn.MaxPool2d(3, 2), 7, 7)[0]


def test_refusals_speak_the_readers_language():
    try:
        convcourse.set_language("zh_CN")
        with pytest.raises(ValueError) as raised:
            convcourse.pool_output_size(6, 2, padding=2)
        assert str(raised.value) == messages.POOL_PADDING_TOO_BIG.format(p=2, k=2, most=1)
        assert "汇聚" in str(raised.value)
    finally:
        convcourse.set_language("en")
