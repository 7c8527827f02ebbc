"""Local images for the lessons: matplotlib's sample photo and a synthetic CIFAR-style batch.

Nothing here touches the network. The photo ships with matplotlib; the small 3x32x32
images are drawn from a seeded generator, so every run gives the same batch.

>>> sample_photo().shape
torch.Size([1, 150, 128])
>>> images, labels = synthetic_cifar(4, seed=0)
>>> tuple(images.shape), labels.tolist() == synthetic_cifar(4, seed=0)[1].tolist()
((4, 3, 32, 32), True)
"""

from __future__ import annotations

import math

import matplotlib.cbook
import matplotlib.image
import torch
import torch.nn.functional as F

#: The shapes :func:`synthetic_cifar` draws; a label is an index into this tuple.
SHAPE_NAMES = ("disc", "square", "stripes", "ring")

# ITU-R BT.601 luma weights: how much red, green and blue contribute to perceived brightness.
_LUMA = torch.tensor([0.299, 0.587, 0.114])


def sample_photo(grayscale: bool = True, downsample: int = 4, name: str = "grace_hopper.jpg") -> torch.Tensor:
    """A photo that ships with matplotlib, as a float tensor in [0, 1], shape (C, H, W).

    ``grayscale=True`` gives one channel (C = 1), otherwise three (RGB). ``downsample``
    averages ``downsample x downsample`` blocks of pixels, which keeps figures light.
    """
    if not isinstance(downsample, int) or downsample < 1:
        raise ValueError(f"downsample must be a positive int, got {downsample!r}")
    try:
        # get_sample_data only builds the path; a missing file shows up when it is read
        path = matplotlib.cbook.get_sample_data(name, asfileobj=False)
        array = matplotlib.image.imread(path)
    except (OSError, ValueError) as error:
        raise FileNotFoundError(f"matplotlib has no sample image called {name!r}") from error
    pixels = torch.from_numpy(array.copy()).float()
    if pixels.max() > 1:  # JPEG and friends come as 0..255 integers
        pixels = pixels / 255
    if pixels.ndim == 2:
        pixels = pixels.unsqueeze(-1).expand(-1, -1, 3)
    image = pixels[..., :3].permute(2, 0, 1)  # (H, W, C) -> (C, H, W); drop any alpha
    if grayscale:
        image = (image * _LUMA.view(3, 1, 1)).sum(0, keepdim=True)
    if downsample > 1:
        image = F.avg_pool2d(image.unsqueeze(0), downsample).squeeze(0)
    return image.contiguous()


def synthetic_cifar(n: int = 8, size: int = 32, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """A batch of ``n`` RGB images (n, 3, size, size) in [0, 1], CIFAR-10's format, and labels.

    Each image is a coloured shape (see :data:`SHAPE_NAMES`) on a soft colour gradient with a
    little noise. The generator is local, so calling this does not disturb torch's global seed.
    """
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a positive int, got {n!r}")
    if not isinstance(size, int) or size < 8:
        raise ValueError(f"size must be an int of at least 8, got {size!r}")
    gen = torch.Generator().manual_seed(seed)
    rows = torch.arange(size, dtype=torch.float32).view(-1, 1).expand(size, size)
    cols = torch.arange(size, dtype=torch.float32).view(1, -1).expand(size, size)
    images = torch.empty(n, 3, size, size)
    labels = torch.randint(len(SHAPE_NAMES), (n,), generator=gen)

    def uniform(low: float, high: float) -> float:
        return low + (high - low) * torch.rand((), generator=gen).item()

    for index in range(n):
        # background: a linear gradient between two muted colours, at a random angle
        angle = uniform(0, 2 * math.pi)
        ramp = (math.cos(angle) * cols + math.sin(angle) * rows) / size
        ramp = (ramp - ramp.min()) / (ramp.max() - ramp.min())
        start, end = 0.2 + 0.5 * torch.rand(3, generator=gen), 0.2 + 0.5 * torch.rand(3, generator=gen)
        background = start.view(3, 1, 1) + (end - start).view(3, 1, 1) * ramp
        # foreground: one shape, in a colour well away from the background's mean
        centre_r, centre_c = uniform(0.35, 0.65) * size, uniform(0.35, 0.65) * size
        radius = uniform(0.18, 0.3) * size
        distance = ((rows - centre_r) ** 2 + (cols - centre_c) ** 2).sqrt()
        shape = SHAPE_NAMES[labels[index]]
        if shape == "disc":
            mask = distance <= radius
        elif shape == "square":
            mask = ((rows - centre_r).abs() <= radius) & ((cols - centre_c).abs() <= radius)
        elif shape == "stripes":
            period = int(uniform(4, 8))
            mask = ((cols + rows * uniform(-1, 1)).floor().long() // (period // 2)) % 2 == 0
        else:  # ring
            mask = (distance <= radius) & (distance >= 0.55 * radius)
        colour = 1 - background.mean(dim=(1, 2))
        colour = (colour + 0.3 * (torch.rand(3, generator=gen) - 0.5)).clamp(0, 1)
        image = torch.where(mask, colour.view(3, 1, 1), background)
        image = image + 0.03 * torch.randn(3, size, size, generator=gen)
        images[index] = image.clamp(0, 1)
    return images, labels
