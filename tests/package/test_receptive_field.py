"""The receptive-field recursion, checked against torch's autograd, never against itself."""

from __future__ import annotations

import random

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from convcourse.receptive_field import receptive_field, receptive_field_rows, receptive_field_steps


def rows_with_gradient(layers, index, input_size):
    """Input rows where d output[index] / d input is non-zero, for a stack of all-ones kernels."""
    x = torch.ones(1, 1, input_size, 1, requires_grad=True)
    y = x
    for k, s, p, d in [(*layer, 0, 1)[:4] if len(layer) == 2 else (*layer, 1)[:4] for layer in layers]:
        y = F.conv2d(y, torch.ones(1, 1, k, 1), stride=(s, 1), padding=(p, 0), dilation=(d, 1))
    y[0, 0, index, 0].backward()
    return [row for row in range(input_size) if x.grad[0, 0, row, 0] != 0]


STACKS = [
    [(3, 1)],
    [(3, 2)],
    [(3, 2), (3, 2), (3, 1)],
    [(5, 3), (2, 2)],
    [(7, 2, 3), (3, 2, 1), (3, 2, 1)],  # a small ResNet-like stem, padded
    [(2, 2), (3, 1)],
    [(3, 1, 0, 2), (3, 1, 0, 1)],  # dilation 2 then an ordinary layer fills the holes
]


@pytest.mark.parametrize("layers", STACKS)
def test_the_gradient_of_one_output_is_non_zero_exactly_on_its_receptive_field(layers):
    size = 64
    out = torch.ones(1, 1, size, 1)
    for k, s, p, d in [(*layer, 0, 1)[:4] if len(layer) == 2 else (*layer, 1)[:4] for layer in layers]:
        out = F.conv2d(out, torch.ones(1, 1, k, 1), stride=(s, 1), padding=(p, 0), dilation=(d, 1))
    for index in {0, 1, out.shape[2] // 2, out.shape[2] - 1}:
        assert list(receptive_field_rows(layers, index, size)) == rows_with_gradient(layers, index, size)


def test_an_unpadded_field_has_the_size_the_recursion_gives():
    # Away from the borders nothing is cut, so the field's length is r itself.
    layers = [(3, 2), (3, 2), (3, 1)]
    rows = rows_with_gradient(layers, 3, 64)
    assert receptive_field(layers) == (len(rows), 4)
    assert rows == list(range(rows[0], rows[0] + 15))


def test_a_stride_larger_than_the_kernel_leaves_holes_inside_the_field():
    # Kernel 1, stride 4, then kernel 3: the field spans 9 rows but reads only every fourth.
    layers = [(1, 4), (3, 1)]
    rows = rows_with_gradient(layers, 2, 64)
    field = receptive_field_rows(layers, 2, 64)
    assert (len(field), rows[0], rows[-1]) == (9, field[0], field[-1])
    assert rows == list(field)[::4]


def test_strides_multiply_the_jump_and_widen_later_layers():
    # A stride-1 stack grows by k - 1 per layer; the same kernels after a stride 2 grow twice as fast.
    assert receptive_field([(3, 1)] * 3) == (7, 1)
    assert receptive_field([(3, 2)] * 3) == (15, 8)
    assert receptive_field_steps([(3, 2), (3, 2)]) == [(1, 1), (3, 2), (7, 4)]


def test_dilation_multiplies_the_kernels_reach():
    assert receptive_field([(3, 1, 0, 1), (3, 1, 0, 2), (3, 1, 0, 4)]) == (15, 1)


def test_numpy_integers_and_lists_are_accepted():
    assert receptive_field([[np.int64(3), np.int32(2)]]) == (3, 2)


@pytest.mark.parametrize("layers, error", [
    ([(3,)], TypeError), ([(3, 1, 0, 1, 9)], TypeError), ([3], TypeError), ("33", TypeError),
    (None, TypeError), ([(3.0, 1)], TypeError), ([(True, 1)], TypeError), ([(3, 0)], ValueError),
    ([(0, 1)], ValueError), ([(3, 1, -1)], ValueError), ([(3, 1, 0, 0)], ValueError),
])
def test_bad_layers_get_a_one_line_message(layers, error):
    with pytest.raises(error) as caught:
        receptive_field(layers)
    assert "\n" not in str(caught.value) and str(caught.value)


def test_no_layers_means_one_input_position():
    assert receptive_field([]) == (1, 1)


def test_an_output_that_does_not_exist_is_refused_not_answered_with_an_empty_range():
    with pytest.raises(ValueError, match="output 100 does not exist"):
        receptive_field_rows([(3, 1)], 100, 5)
    with pytest.raises(ValueError, match="does not fit"):
        receptive_field_rows([(7, 1)], 0, 5)


def test_an_output_that_reads_only_padding_has_an_empty_field_as_autograd_says():
    layers = [(3, 1, 5)]  # padding 5 > kernel: output 0 reads padding rows only
    rows = receptive_field_rows(layers, 0, 5)
    assert list(rows) == [] and rows.start == rows.stop
    assert rows_with_gradient(layers, 0, 5) == []


def random_stacks(seed, count, holes):
    """Random stacks of 1-3 layers: without holes (dilation 1, stride at most the kernel) or with."""
    rng = random.Random(seed)
    for _ in range(count):
        layers = []
        for _ in range(rng.randint(1, 3)):
            k = rng.randint(1, 4)
            s, d = (rng.randint(1, 3), rng.randint(1, 2)) if holes else (rng.randint(1, k), 1)
            layers.append((k, s, rng.randint(0, 2), d))
        size = rng.randint(8, 24)
        try:
            receptive_field_rows(layers, 0, size)
        except ValueError:
            continue  # a layer does not fit: no output to ask about
        yield layers, size


def output_count(layers, size):
    for k, s, p, d in layers:
        size = (size + 2 * p - d * (k - 1) - 1) // s + 1
    return size


def test_near_the_borders_the_rows_are_exact_for_every_output_of_random_stacks_without_holes():
    # Padding or rows past the last window of an intermediate layer used to be counted in.
    for layers, size in random_stacks(seed=3, count=60, holes=False):
        for index in range(output_count(layers, size)):
            rows = receptive_field_rows(layers, index, size)
            assert list(rows) == rows_with_gradient(layers, index, size), (layers, size, index)


def test_with_holes_every_row_reached_is_inside_the_range():
    for layers, size in random_stacks(seed=4, count=60, holes=True):
        for index in range(output_count(layers, size)):
            rows = receptive_field_rows(layers, index, size)
            assert set(rows_with_gradient(layers, index, size)) <= set(rows), (layers, size, index)
