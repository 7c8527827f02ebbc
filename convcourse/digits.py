"""The handwritten digits that scikit-learn ships inside its wheel: no download (lesson 5).

``sklearn.datasets.load_digits`` holds 1,797 grayscale images of 8 x 8 pixels with values 0 to
16, and their labels 0 to 9. ``digits_split`` returns them as float tensors in [0, 1], shaped
(N, 1, 8, 8) for a convolution, split into a training and a held-out part by a seeded shuffle.

    >>> x_train, y_train, x_test, y_test = digits_split(test_fraction=0.25, seed=0)
    >>> tuple(x_train.shape), tuple(x_test.shape), float(x_train.max())
    ((1348, 1, 8, 8), (449, 1, 8, 8), 1.0)
"""

from __future__ import annotations

import torch

#: The largest pixel value in scikit-learn's digits.
DIGITS_MAX_VALUE = 16


def load_digits_tensors() -> tuple[torch.Tensor, torch.Tensor]:
    """All 1,797 digits as (images (N, 1, 8, 8) in [0, 1], labels (N,) int64)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    images = torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / DIGITS_MAX_VALUE
    return images, torch.tensor(digits.target, dtype=torch.int64)


def digits_split(test_fraction: float = 0.25, seed: int = 0):
    """(x_train, y_train, x_test, y_test): a seeded shuffle, the last ``test_fraction`` held out."""
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1 (exclusive), got {test_fraction!r}")
    images, labels = load_digits_tensors()
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(seed))
    n_test = round(len(labels) * test_fraction)
    train, test = order[:-n_test], order[-n_test:]
    return images[train], labels[train], images[test], labels[test]
