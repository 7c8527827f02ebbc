"""convcourse.digits: scikit-learn's bundled digits as tensors, split by a seeded shuffle."""

from __future__ import annotations

import pytest
import torch

from convcourse.digits import digits_split, load_digits_tensors


def test_all_1797_digits_load_as_unit_range_images_with_their_labels():
    images, labels = load_digits_tensors()
    assert images.shape == (1797, 1, 8, 8) and labels.shape == (1797,)
    assert images.min() == 0 and images.max() == 1
    assert sorted(labels.unique().tolist()) == list(range(10))


def test_the_digits_are_exactly_scikit_learns():
    from sklearn.datasets import load_digits

    digits = load_digits()
    images, labels = load_digits_tensors()
    assert torch.equal(images[:, 0] * 16, torch.tensor(digits.images, dtype=torch.float32))
    assert torch.equal(labels, torch.tensor(digits.target))


def test_the_split_is_seeded_disjoint_and_complete():
    first, second, other = digits_split(seed=0), digits_split(seed=0), digits_split(seed=1)
    assert all(torch.equal(a, b) for a, b in zip(first, second, strict=True))
    assert not torch.equal(first[2], other[2])
    x_train, y_train, x_test, y_test = first
    assert len(x_train) + len(x_test) == 1797 and len(x_test) == round(1797 * 0.25)
    images, _ = load_digits_tensors()
    # every image ends up on exactly one side: the two sides together are all the images
    together = torch.cat([x_train, x_test]).flatten(1)
    assert torch.equal(together.sort(dim=0).values, images.flatten(1).sort(dim=0).values)


@pytest.mark.parametrize("fraction", [0, 1, -0.5, 1.5])
def test_a_test_fraction_outside_zero_to_one_is_refused(fraction):
    with pytest.raises(ValueError, match="test_fraction"):
        digits_split(test_fraction=fraction)
