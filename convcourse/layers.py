"""``MyConv2d``: ``nn.Conv2d`` written out as an ordinary module (lesson 7).

Two ``nn.Parameter`` attributes, a ``reset_parameters`` that draws exactly what ``nn.Conv2d``
draws under the same seed, a ``forward`` that is one call of ``F.conv2d`` (after ``F.pad`` for
the non-zero padding modes), and an ``extra_repr``. Lesson 7 shows this source; the unit tests
compare it with ``nn.Conv2d`` over many argument combinations.

    >>> import torch
    >>> from torch import nn
    >>> _ = torch.manual_seed(0); mine = MyConv2d(3, 6, 3, padding=1)
    >>> _ = torch.manual_seed(0); theirs = nn.Conv2d(3, 6, 3, padding=1)
    >>> torch.equal(mine.weight, theirs.weight) and torch.equal(mine.bias, theirs.bias)
    True
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import torch
import torch.nn.functional as F
from torch import nn

from convcourse import messages

PADDING_MODES = ("zeros", "reflect", "replicate", "circular")


def _pair(value):
    """3 -> (3, 3); a pair stays a pair (the rule nn.Conv2d applies to every size argument)."""
    return tuple(value) if isinstance(value, Iterable) else (value, value)


class MyConv2d(nn.Module):
    """A 2-D convolution layer with the arguments, parameters and initialisation of nn.Conv2d."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
                 groups=1, bias=True, padding_mode="zeros", device=None, dtype=None):
        super().__init__()
        # The same refusals as nn.Conv2d, with PyTorch's own words.
        if groups <= 0:
            raise ValueError(messages.CONV_GROUPS_NOT_POSITIVE)
        if in_channels % groups != 0:
            raise ValueError(messages.CONV_IN_CHANNELS_NOT_DIVISIBLE)
        if out_channels % groups != 0:
            raise ValueError(messages.CONV_OUT_CHANNELS_NOT_DIVISIBLE)
        stride = _pair(stride)
        if isinstance(padding, str):
            if padding not in ("same", "valid"):
                raise ValueError(messages.CONV_BAD_PADDING_STRING.format(padding=padding))
            if padding == "same" and any(s != 1 for s in stride):
                raise ValueError(messages.CONV_SAME_WITH_STRIDE)
        if padding_mode not in PADDING_MODES:
            raise ValueError(messages.CONV_BAD_PADDING_MODE.format(padding_mode=padding_mode))

        self.in_channels, self.out_channels, self.groups = in_channels, out_channels, groups
        self.kernel_size, self.stride, self.dilation = _pair(kernel_size), stride, _pair(dilation)
        self.padding = padding if isinstance(padding, str) else _pair(padding)
        self.padding_mode = padding_mode
        # The two learnable tensors. Assigning an nn.Parameter registers it (lesson 1).
        factory = {"device": device, "dtype": dtype}
        self.weight = nn.Parameter(torch.empty(out_channels, in_channels // groups, *self.kernel_size,
                                               **factory))
        if bias:
            self.bias = nn.Parameter(torch.empty(out_channels, **factory))
        else:
            self.register_parameter("bias", None)  # so that self.bias exists and is None
        self.reset_parameters()

    def reset_parameters(self):
        """Weight and bias uniform on [-b, b], b = 1 / sqrt(fan_in): nn.Conv2d's default.

        nn.Conv2d writes this as kaiming_uniform_(weight, a=sqrt(5)); with that a, Kaiming's
        bound gain * sqrt(3 / fan_in) works out to 1 / sqrt(fan_in). The weight is drawn first,
        then the bias, so the same seed gives the same numbers as nn.Conv2d.
        """
        fan_in = math.prod(self.weight.shape[1:])  # (in_channels / groups) * kH * kW
        bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
        with torch.no_grad():
            self.weight.uniform_(-bound, bound)
            if self.bias is not None:
                self.bias.uniform_(-bound, bound)

    def _padding_for_pad(self):
        """The padding as F.pad wants it: (left, right, top, bottom)."""
        if self.padding == "valid":
            return (0, 0, 0, 0)
        if self.padding == "same":  # the extra row or column goes after, as nn.Conv2d does
            (d_h, d_w), (k_h, k_w) = self.dilation, self.kernel_size
            total_h, total_w = d_h * (k_h - 1), d_w * (k_w - 1)
            return (total_w // 2, total_w - total_w // 2, total_h // 2, total_h - total_h // 2)
        p_h, p_w = self.padding
        return (p_w, p_w, p_h, p_h)

    def forward(self, x):
        if self.padding_mode == "zeros":
            return F.conv2d(x, self.weight, self.bias, self.stride, self.padding, self.dilation,
                            self.groups)
        # reflect, replicate, circular: pad first, then convolve without padding
        padded = F.pad(x, self._padding_for_pad(), mode=self.padding_mode)
        return F.conv2d(padded, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)

    def extra_repr(self):
        text = (f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, "
                f"stride={self.stride}")
        if self.padding != (0, 0):
            text += f", padding={self.padding}"
        if self.dilation != (1, 1):
            text += f", dilation={self.dilation}"
        if self.groups != 1:
            text += f", groups={self.groups}"
        if self.bias is None:
            text += ", bias=False"
        if self.padding_mode != "zeros":
            text += f", padding_mode={self.padding_mode}"
        return text
