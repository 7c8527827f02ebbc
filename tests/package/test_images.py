"""The lessons' local images: matplotlib's sample photo and the synthetic CIFAR-style batch."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from convcourse.images import SHAPE_NAMES, sample_photo, synthetic_cifar

# ITU-R BT.601 luma weights, as published (not read from convcourse).
BT601 = torch.tensor([0.299, 0.587, 0.114])


def test_sample_photo_is_a_float_image_in_the_unit_range():
    gray, rgb = sample_photo(), sample_photo(grayscale=False)
    assert gray.dtype == rgb.dtype == torch.float32
    assert gray.shape[0] == 1 and rgb.shape[0] == 3 and gray.shape[1:] == rgb.shape[1:]
    for image in (gray, rgb):
        assert 0 <= image.min() < image.max() <= 1


def test_grayscale_photo_is_the_bt601_luma_of_the_colour_one():
    rgb = sample_photo(grayscale=False)
    luma = (rgb * BT601.view(3, 1, 1)).sum(0, keepdim=True)
    torch.testing.assert_close(sample_photo(grayscale=True), luma)


def test_downsampling_averages_blocks_of_the_full_photo():
    full = sample_photo(grayscale=False, downsample=1)
    want = F.avg_pool2d(full.unsqueeze(0), 3).squeeze(0)
    torch.testing.assert_close(sample_photo(grayscale=False, downsample=3), want)
    assert sample_photo(downsample=4).shape[1:] == (full.shape[1] // 4, full.shape[2] // 4)


@pytest.mark.parametrize("downsample", [0, -2, 1.5, "2"])
def test_sample_photo_rejects_a_bad_downsample(downsample):
    with pytest.raises(ValueError, match="downsample must be a positive int"):
        sample_photo(downsample=downsample)


def test_sample_photo_names_a_missing_image():
    with pytest.raises(FileNotFoundError, match="no sample image called 'no_such_photo.png'"):
        sample_photo(name="no_such_photo.png")


def test_synthetic_cifar_has_cifar_shapes_values_and_labels():
    images, labels = synthetic_cifar(64, seed=1)
    assert images.shape == (64, 3, 32, 32) and images.dtype == torch.float32
    assert 0 <= images.min() and images.max() <= 1
    assert labels.shape == (64,) and labels.dtype == torch.int64
    assert set(labels.tolist()) == set(range(len(SHAPE_NAMES)))  # every kind of shape appears
    assert synthetic_cifar(3, size=16)[0].shape == (3, 3, 16, 16)


def test_synthetic_cifar_images_differ_from_each_other():
    images, _ = synthetic_cifar(8, seed=0)
    flat = images.flatten(1)
    assert torch.cdist(flat, flat).fill_diagonal_(float("inf")).min() > 1


def test_synthetic_cifar_is_determined_by_its_seed():
    first, first_labels = synthetic_cifar(6, seed=3)
    again, again_labels = synthetic_cifar(6, seed=3)
    other, _ = synthetic_cifar(6, seed=4)
    assert torch.equal(first, again) and torch.equal(first_labels, again_labels)
    assert not torch.equal(first, other)


def test_synthetic_cifar_leaves_the_global_torch_generator_alone():
    torch.manual_seed(123)
    expected = torch.rand(5)
    torch.manual_seed(123)
    synthetic_cifar(4, seed=0)
    assert torch.equal(torch.rand(5), expected)


@pytest.mark.parametrize(("arguments", "message"), [
    ({"n": 0}, "n must be a positive int"),
    ({"n": 2.5}, "n must be a positive int"),
    ({"size": 4}, "size must be an int of at least 8"),
    ({"size": 16.0}, "size must be an int of at least 8"),
])
def test_synthetic_cifar_rejects_bad_arguments(arguments, message):
    with pytest.raises(ValueError, match=message):
        synthetic_cifar(**arguments)
