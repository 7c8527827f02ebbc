"""The handwritten digits that scikit-learn ships inside its wheel: no download (lesson 5).

``sklearn.datasets.load_digits`` gives 1,797 grayscale images of 8 x 8 pixels with values 0 to
16, and their labels 0 to 9. ``digits_split`` returns them as float tensors in [0, 1], shaped
(N, 1, 8, 8) for a convolution, split into a training and a held-out part by a seeded shuffle.

    >>> x_train, y_train, x_test, y_test = digits_split(test_fraction=0.25, seed=0)
    >>> tuple(x_train.shape), tuple(x_test.shape), float(x_train.max())
    ((1348, 1, 8, 8), (449, 1, 8, 8), 1.0)
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import torch

from convcourse import messages

#: The largest pixel value in scikit-learn's digits.
DIGITS_MAX_VALUE = 16


def _digits_array() -> np.ndarray:
    """The (1797, 65) table of pixels and labels that scikit-learn ships.

    It is read straight from scikit-learn's package folder, the file ``load_digits`` reads:
    importing ``sklearn.datasets`` takes seconds, reading the file does not. If a future
    scikit-learn moves the file, ``load_digits`` itself is used.
    """
    spec = importlib.util.find_spec("sklearn")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(messages.DIGITS_NEED_SKLEARN)
    path = Path(spec.submodule_search_locations[0]) / "datasets" / "data" / "digits.csv.gz"
    if path.is_file():
        return np.loadtxt(path, delimiter=",")
    from sklearn.datasets import load_digits

    digits = load_digits()
    return np.column_stack([digits.data, digits.target])


def load_digits_tensors() -> tuple[torch.Tensor, torch.Tensor]:
    """All 1,797 digits as (images (N, 1, 8, 8) in [0, 1], labels (N,) int64)."""
    table = _digits_array()
    images = torch.tensor(table[:, :-1], dtype=torch.float32).reshape(-1, 1, 8, 8) / DIGITS_MAX_VALUE
    return images, torch.tensor(table[:, -1], dtype=torch.int64)


def digits_split(test_fraction: float = 0.25, seed: int = 0):
    """(x_train, y_train, x_test, y_test): a seeded shuffle, the last ``test_fraction`` held out."""
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1 (exclusive), got {test_fraction!r}")
    images, labels = load_digits_tensors()
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(seed))
    n_test = round(len(labels) * test_fraction)
    train, test = order[:-n_test], order[-n_test:]
    return images[train], labels[train], images[test], labels[test]


def all_conv_net():
    """Lesson 5's digits classifier, made of convolutions only: strides downsample, no pooling,
    no linear layer."""
    from torch import nn

    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(),  # 8x8 -> 8x8
        nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),  # 8x8 -> 4x4
        nn.Conv2d(32, 32, 3, stride=2, padding=1), nn.ReLU(),  # 4x4 -> 2x2
        nn.Conv2d(32, 10, 2),  # 2x2 -> 1x1: ten class scores
        nn.Flatten(),  # (N, 10, 1, 1) -> (N, 10)
    )


#: How lesson 5 (and ``make bench``) trains ``all_conv_net``: convcourse.training.train's options.
TRAINING_OPTIONS = {"steps": 200, "lr": 3e-3, "batch_size": 32, "seed": 0}
