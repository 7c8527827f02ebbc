"""A from-scratch 2-D convolution with the semantics of ``torch.nn.functional.conv2d``.

``conv2d`` uses no convolution routine of torch. It pads with ``F.pad`` (in any of
``nn.Conv2d``'s padding modes), then adds up, for each kernel tap (i, j), the input pixels that
tap meets times that tap's weights: one batched matrix product per tap. Those pixels form a
plain slice of the flattened input (after splitting it into stride phases when the stride is
above 1), so no window is copied. On a ResNet-sized layer this takes about 2-2.5x the time of
``F.conv2d`` on a quiet CPU, where the textbook unfold-and-matmul takes about 4x
(``benchmarks/bench_conv2d.py`` measures it).

Integer tensors: on the CPU, ``F.conv2d`` computes in the integer dtype itself (int64 in, int64
out; int8 wraps around on overflow). ``conv2d`` does the same and its integer results equal
torch's exactly. Input, weight and bias must share one dtype, as torch insists; bool tensors are
refused (torch has no bool convolution either).
"""

from __future__ import annotations

from typing import NamedTuple

import torch
import torch.nn.functional as F

from convcourse.shapes import _pair, conv_output_size, same_padding_before_after

PADDING_MODES = ("zeros", "reflect", "replicate", "circular")


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1,
           padding_mode="zeros"):
    """Cross-correlate ``input`` (N, C, H, W) or (C, H, W) with ``weight`` (O, C/groups, kH, kW).

    Arguments mean what they mean for ``F.conv2d``; ``padding`` may be an int, a pair,
    ``'same'`` or ``'valid'``; ``padding_mode`` is ``nn.Conv2d``'s (zeros, reflect, replicate,
    circular). Bad arguments raise ValueError or TypeError naming the problem.

    >>> x = torch.arange(16.0).reshape(1, 1, 4, 4)
    >>> conv2d(x, torch.ones(1, 1, 2, 2)).squeeze().tolist()
    [[10.0, 14.0, 18.0], [26.0, 30.0, 34.0], [42.0, 46.0, 50.0]]
    """
    _check_tensors(input, weight, bias)
    unbatched = input.dim() == 3
    if unbatched:
        input = input.unsqueeze(0)
    n, channels, height, width = input.shape
    out_channels, group_channels, kh, kw = weight.shape
    groups = _check_groups(groups, channels, weight)
    _check_bias(bias, out_channels)
    sh, sw = _positive_pair(stride, "stride")
    dh, dw = _positive_pair(dilation, "dilation")
    if padding_mode not in PADDING_MODES:
        raise ValueError(f"padding_mode must be one of {PADDING_MODES}, got {padding_mode!r}")
    (top, bottom), (left, right) = _padding_amounts(padding, (kh, kw), (sh, sw), (dh, dw))
    _check_fits(height + top + bottom, width + left + right, kh, kw, dh, dw, padding)
    _check_pad_mode(padding_mode, (top, bottom, left, right), height, width)

    mode = "constant" if padding_mode == "zeros" else padding_mode
    padded = F.pad(input, (left, right, top, bottom), mode=mode)
    ho, wo = conv_output_size(tuple(padded.shape[-2:]), (kh, kw), (sh, sw), 0, (dh, dw))
    phases = _stride_phases(padded, sh, sw)
    geometry = _Geometry((ho, wo), (dh, dw), groups)

    # A few images at a time, so that the output being summed into stays in the CPU cache
    # across the kh*kw products (about 1.5x faster than the whole batch at once).
    image_bytes = out_channels * phases.shape[-2] * phases.shape[-1] * padded.element_size()
    images = min(max(1, _CHUNK_BYTES // image_bytes), max(n, 1))
    taps = _tap_matrices(weight, groups, images)
    rows = _bias_rows(bias, groups, images)
    parts = [_convolve_images(phases[:, :, start:start + images], taps, rows, geometry)
             for start in range(0, n, images)] or [padded.new_zeros(0, out_channels, ho, wo)]
    # Joining the parts also turns their strided views into one contiguous tensor.
    out = torch.cat(parts) if len(parts) > 1 else parts[0].contiguous()
    return out.squeeze(0) if unbatched else out


_CHUNK_BYTES = 1 << 20  # about one core's L2 cache


class _Geometry(NamedTuple):
    out_size: tuple[int, int]
    dilation: tuple[int, int]
    groups: int


def _stride_phases(padded, sh, sw):
    """(sh, sw, N, C, Hq, Wq): phase (a, b) holds the padded input's rows a, a+sh, a+2sh, ...
    and columns b, b+sw, ...

    A window at stride s starts on rows 0, s, 2s, ...; its tap at row offset r then reads rows
    r, r+s, r+2s, ...: consecutive rows of phase r mod s, from row r // s on. So in its phase,
    every tap is an ordinary stride-1 shift. At stride 1 there is one phase, the input itself.
    """
    n, channels, hp, wp = padded.shape
    hq, wq = -(-hp // sh), -(-wp // sw)  # ceil: the last phase rows may be shorter...
    # ...so pad to whole phases; the zeros added lie beyond every window and are never read.
    if (hq * sh, wq * sw) != (hp, wp):
        padded = F.pad(padded, (0, wq * sw - wp, 0, hq * sh - hp))
    return padded.reshape(n, channels, hq, sh, wq, sw).permute(3, 5, 0, 1, 2, 4)


def _tap_matrices(weight, groups, images):
    """(kH, kW, images*groups, O/groups, C/groups): tap (i, j)'s weights for each image and group.

    Batched matrix products need one weight matrix per (image, group) row of the batch.
    """
    out_channels, group_channels, kh, kw = weight.shape
    taps = weight.reshape(groups, out_channels // groups, group_channels, kh, kw)
    taps = taps.permute(3, 4, 0, 1, 2).unsqueeze(2)
    taps = taps.expand(kh, kw, images, *taps.shape[3:])
    return taps.reshape(kh, kw, images * groups, out_channels // groups, group_channels)


def _bias_rows(bias, groups, images):
    """The bias as (images*groups, O/groups, 1), to start the sum with; None without a bias."""
    if bias is None:
        return None
    rows = bias.reshape(1, groups, -1, 1).expand(images, -1, -1, -1)
    return rows.reshape(images * groups, -1, 1)


def _convolve_images(phases, taps, bias_rows, geometry):
    """Convolve a few images' stride phases: a strided (images, O, Ho, Wo) view of the sum.

    Flatten each phase (Hq, Wq) -> Hq*Wq. Output pixel (y, x), at flat position y*Wq + x,
    reads its phase at y*Wq + x + (qi*Wq + qj), where (qi, qj) is the tap's shift in that
    phase: so each tap's window is one slice, not a copy. The slice also covers the Wq - Wo
    positions between output rows; they are computed, then skipped by the returned view.
    """
    sh, sw, images, channels, hq, wq = phases.shape
    (ho, wo), (dh, dw), groups = geometry
    batch = images * groups
    taps = taps[:, :, :batch]
    bias_rows = None if bias_rows is None else bias_rows[:batch]
    flat = phases.reshape(sh, sw, batch, channels // groups, hq * wq)  # copies only if strided
    length = (ho - 1) * wq + wo  # the last output pixel sits at (ho - 1)*wq + wo - 1
    out = None
    for i in range(taps.shape[0]):
        qi, a = divmod(i * dh, sh)
        for j in range(taps.shape[1]):
            qj, b = divmod(j * dw, sw)
            offset = qi * wq + qj
            window = flat[a, b, :, :, offset:offset + length]
            out = _add_product(out, bias_rows, taps[i, j], window)
    out_channels = out.shape[1] * groups
    return out.as_strided((images, out_channels, ho, wo), (out_channels * length, length, wq, 1))


def _add_product(out, bias_rows, tap, window):
    """out + tap @ window, in place after the first tap (one buffer, not one per tap)."""
    if out is not None:
        return out.baddbmm_(tap, window)
    if bias_rows is None:
        return torch.bmm(tap, window)
    return torch.baddbmm(bias_rows, tap, window)


def _check_tensors(input, weight, bias):
    for name, value in (("input", input), ("weight", weight)):
        if not isinstance(value, torch.Tensor):
            raise TypeError(f"{name} must be a torch.Tensor, got {type(value).__name__}")
    if bias is not None and not isinstance(bias, torch.Tensor):
        raise TypeError(f"bias must be a torch.Tensor or None, got {type(bias).__name__}")
    if input.dim() not in (3, 4):
        raise ValueError(
            f"conv2d expects a 3-D (C, H, W) or 4-D (N, C, H, W) input, got a {input.dim()}-D "
            f"input of shape {tuple(input.shape)}")
    if weight.dim() != 4:
        raise ValueError(
            f"conv2d expects a 4-D weight (out_channels, in_channels/groups, kH, kW), got a "
            f"{weight.dim()}-D weight of shape {tuple(weight.shape)}")
    for name, value in (("weight", weight), ("bias", bias)):
        if value is not None and value.dtype != input.dtype:
            raise TypeError(
                f"input and {name} must have the same dtype, got input {input.dtype} and "
                f"{name} {value.dtype} (convert one with .to(...))")
        if value is not None and value.device != input.device:
            raise ValueError(
                f"input and {name} must be on the same device, got {input.device} and "
                f"{value.device}")
    if input.dtype == torch.bool:
        raise TypeError("conv2d does not take bool tensors (nor does torch): use an int or "
                        "float dtype")


def _check_groups(groups, channels, weight):
    if isinstance(groups, bool) or not isinstance(groups, int):
        raise TypeError(f"groups must be an int, got {groups!r}")
    out_channels, group_channels = weight.shape[:2]
    if groups < 1:
        raise ValueError(f"groups must be at least 1, got {groups}")
    if min(weight.shape) < 1:
        raise ValueError(f"the weight needs at least one output channel, input channel, row and "
                         f"column, got shape {tuple(weight.shape)}")
    if out_channels % groups:
        raise ValueError(f"groups={groups} must divide the {out_channels} output channels "
                         f"(weight.shape[0])")
    if channels != group_channels * groups:
        raise ValueError(
            f"the input has {channels} channels but the weight expects weight.shape[1] x groups "
            f"= {group_channels} x {groups} = {group_channels * groups}")
    return groups


def _check_bias(bias, out_channels):
    if bias is not None and tuple(bias.shape) != (out_channels,):
        raise ValueError(f"bias must have shape ({out_channels},), one value per output "
                         f"channel, got {tuple(bias.shape)}")


def _positive_pair(value, name):
    pair = _pair(value, name)
    if min(pair) < 1:
        raise ValueError(f"{name} must be at least 1, got {value!r}")
    return pair


def _padding_amounts(padding, kernel, stride, dilation):
    """((top, bottom), (left, right)) for an int, a pair, 'valid' or 'same'."""
    if isinstance(padding, str):
        if padding == "valid":
            return (0, 0), (0, 0)
        if padding == "same":
            if stride != (1, 1):
                raise ValueError(f"padding='same' needs stride 1 (the output could not keep the "
                                 f"input size otherwise), got stride {stride}")
            return same_padding_before_after(kernel, dilation)
        raise ValueError(f"padding must be an int, a pair, 'same' or 'valid', got {padding!r}")
    ph, pw = _pair(padding, "padding")
    if min(ph, pw) < 0:
        raise ValueError(f"padding must be at least 0, got {padding!r}")
    return (ph, ph), (pw, pw)


def _check_fits(hp, wp, kh, kw, dh, dw, padding):
    span_h, span_w = dh * (kh - 1) + 1, dw * (kw - 1) + 1
    if span_h > hp or span_w > wp:
        raise ValueError(
            f"the kernel spans {span_h} x {span_w} (dilation x (kernel - 1) + 1) but the padded "
            f"input is only {hp} x {wp} (padding {padding!r}): use a smaller kernel or dilation, "
            f"or more padding")


def _check_pad_mode(mode, amounts, height, width):
    top, bottom, left, right = amounts
    if mode == "reflect" and (max(top, bottom) >= height or max(left, right) >= width):
        raise ValueError(
            f"reflect padding must be smaller than the input it mirrors, got padding "
            f"{max(top, bottom)} x {max(left, right)} for an input of {height} x {width}")
    if mode == "circular" and (max(top, bottom) > height or max(left, right) > width):
        raise ValueError(
            f"circular padding can wrap around at most once, got padding "
            f"{max(top, bottom)} x {max(left, right)} for an input of {height} x {width}")
