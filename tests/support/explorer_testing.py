"""What the explorer's and the gallery's tests compare with: torch's own numbers."""

from __future__ import annotations

import torch.nn.functional as F

from convcourse.explorer.state import default_values


def torch_conv(i, k, p, s, d):
    """``F.conv2d`` of the explorer's input of size i and kernel of size k (its default values)."""
    x, w = default_values(i, kernel=False), default_values(k, kernel=True)
    return F.conv2d(x[None, None], w[None, None], stride=s, padding=p, dilation=d)[0, 0]
