"""convcourse.set_seed: one number seeds random, numpy and torch; a bad seed seeds nothing."""

from __future__ import annotations

import doctest
import random

import numpy as np
import pytest
import torch

import convcourse
import convcourse.seed


def draws():
    return random.random(), float(np.random.rand()), float(torch.rand(1))


@pytest.mark.parametrize("seed", [0, 1, 2016, 2**32 - 1, np.int64(5), np.uint32(7)])
def test_the_same_seed_gives_the_same_draws_from_all_three_generators(seed):
    convcourse.set_seed(seed)
    first = draws()
    convcourse.set_seed(seed)
    assert draws() == first


def test_different_seeds_give_different_draws_from_each_generator():
    convcourse.set_seed(0)
    zero = draws()
    convcourse.set_seed(1)
    assert all(a != b for a, b in zip(zero, draws(), strict=True))


@pytest.mark.parametrize("seed, error", [
    (True, TypeError), (1.0, TypeError), (0.5, TypeError), ("3", TypeError), (None, TypeError),
    ([1], TypeError), (-1, ValueError), (2**32, ValueError), (10**30, ValueError),
    (np.int64(-3), ValueError),
])
def test_a_bad_seed_raises_one_clear_line_and_seeds_nothing(seed, error):
    states = random.getstate(), np.random.get_state(), torch.get_rng_state()
    with pytest.raises(error) as raised:
        convcourse.set_seed(seed)
    message = str(raised.value)
    assert "\n" not in message and message.startswith("The seed must be")
    assert str(2**32 - 1) in message  # it says which seeds are allowed
    # Nothing was seeded: every generator is exactly where it was.
    assert random.getstate() == states[0]
    after = np.random.get_state()
    assert all(np.array_equal(a, b) for a, b in zip(after, states[1], strict=True))
    assert torch.equal(torch.get_rng_state(), states[2])


def test_docstring_examples_run():
    assert doctest.testmod(convcourse.seed).failed == 0
