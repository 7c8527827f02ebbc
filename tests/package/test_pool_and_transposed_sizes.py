"""convcourse.pool_output_size and conv_transpose_output_size against the layers themselves.

Every expected size is the shape of a real nn.MaxPool2d, nn.AvgPool2d or nn.ConvTranspose2d
output on a tiny tensor; every setting torch refuses must be refused (ValueError) too.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch
from torch import nn

from convcourse import conv_transpose_output_size, pool_output_size


def torch_or_refused(layer, size):
    """The output's width, or None when torch refuses the setting or leaves no output."""
    try:
        width = layer(torch.zeros(1, 1, size, size)).shape[-1]
    except (RuntimeError, ValueError):
        return None
    return width or None


def ours_or_refused(function, *arguments):
    try:
        return function(*arguments)
    except ValueError:
        return None


def test_pool_output_size_is_max_pool2ds_on_a_grid_refusals_included():
    counts = {"agree": 0, "refused": 0}
    for i, k, s, p, d, ceil in itertools.product(range(1, 11), range(1, 5), range(1, 4),
                                                 range(3), (1, 2), (False, True)):
        want = torch_or_refused(nn.MaxPool2d(k, s, p, d, ceil_mode=ceil), i)
        assert ours_or_refused(pool_output_size, i, k, s, p, d, ceil) == want, (i, k, s, p, d, ceil)
        counts["agree" if want else "refused"] += 1
    assert counts["agree"] > 500 and counts["refused"] > 300  # both kinds were really tested


def test_pool_output_size_is_avg_pool2ds_too():
    for i, k, s, p, ceil in itertools.product(range(1, 11), range(1, 5), range(1, 4), range(3),
                                              (False, True)):
        want = torch_or_refused(nn.AvgPool2d(k, s, p, ceil_mode=ceil), i)
        assert ours_or_refused(pool_output_size, i, k, s, p, 1, ceil) == want, (i, k, s, p, ceil)


def test_pool_stride_defaults_to_the_window_and_pairs_are_height_width():
    layer = nn.MaxPool2d((2, 3), ceil_mode=True)
    assert layer(torch.zeros(1, 1, 7, 7)).shape[-2:] == pool_output_size((7, 7), (2, 3),
                                                                       ceil_mode=True)
    assert pool_output_size(np.int64(8), 2) == 4
    assert isinstance(pool_output_size(8, 2), int)


@pytest.mark.parametrize("bad", [1.5, "2", None, True])
def test_pool_output_size_refuses_what_is_not_a_whole_number_with_a_plain_message(bad):
    with pytest.raises(TypeError, match="must be an int"):
        pool_output_size(bad, 2)


def test_the_padding_limit_is_named():
    with pytest.raises(ValueError, match="half the window"):
        pool_output_size(6, 2, padding=2)


def test_conv_transpose_output_size_is_conv_transpose2ds_on_a_grid_refusals_included():
    counts = {"agree": 0, "refused": 0}
    for i, k, s, p, d, q in itertools.product(range(1, 8), range(1, 5), range(1, 4), range(4),
                                              range(1, 3), range(4)):
        want = torch_or_refused(nn.ConvTranspose2d(1, 1, k, s, p, output_padding=q, dilation=d), i)
        assert ours_or_refused(conv_transpose_output_size, i, k, s, p, q, d) == want, \
            (i, k, s, p, d, q)
        counts["agree" if want else "refused"] += 1
    assert counts["agree"] > 1000 and counts["refused"] > 1000


def test_conv_transpose_output_size_takes_pairs_and_names_the_output_padding_rule():
    layer = nn.ConvTranspose2d(1, 1, (3, 4), stride=(2, 1), padding=(1, 0))
    assert layer(torch.zeros(1, 1, 5, 6)).shape[-2:] == conv_transpose_output_size(
        (5, 6), (3, 4), (2, 1), (1, 0))
    with pytest.raises(ValueError, match="smaller than the stride or the dilation"):
        conv_transpose_output_size(4, 3, stride=2, output_padding=2)
