"""Seeding, so every lesson prints the same numbers on every run."""

import operator
import random

import numpy as np
import torch

from convcourse import messages

LARGEST_SEED = 2**32 - 1  # numpy's np.random.seed takes 0 ... 2**32 - 1 only


def check_seed(seed) -> int:
    """The seed as an int, or one clear TypeError/ValueError line: nothing is seeded before.

    Whole numbers from 0 to 2**32 - 1 (numpy integers too); a bool, a float, a string or a
    number out of that range is refused, since numpy would refuse it after ``random`` and torch
    had already been seeded.

    >>> check_seed(np.int64(7))
    7
    """
    if isinstance(seed, bool):  # an int subclass, but set_seed(True) is a slip, not seed 1
        raise TypeError(messages.SEED_NOT_A_NUMBER.format(most=LARGEST_SEED, value=seed))
    try:
        number = operator.index(seed)
    except TypeError:
        raise TypeError(messages.SEED_NOT_A_NUMBER.format(most=LARGEST_SEED, value=seed)) from None
    if not 0 <= number <= LARGEST_SEED:
        raise ValueError(messages.SEED_OUT_OF_RANGE.format(most=LARGEST_SEED, value=number))
    return number


def set_seed(seed: int = 0) -> None:
    """Seed Python's ``random``, numpy and torch (CPU) with one number from 0 to 2**32 - 1.

    The seed is checked first, so a bad one raises before any generator is seeded.

    >>> set_seed(0); a = torch.rand(2)
    >>> set_seed(0); torch.equal(a, torch.rand(2))
    True
    """
    seed = check_seed(seed)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
