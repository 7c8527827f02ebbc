"""A from-scratch 2-D convolution with the semantics of ``torch.nn.functional.conv2d``.

``conv2d`` uses no convolution routine of torch. It adds up, for each kernel tap (i, j), the
input pixels that tap meets times that tap's weights: one batched matrix product per tap, the
batch being the groups. Those pixels form a plain slice of the flattened input (after splitting
it into stride phases when the stride is above 1), so no window is copied. On a ResNet-sized
layer this takes about 2-2.5x the time of ``F.conv2d`` on a quiet CPU, where the textbook
unfold-and-matmul takes about 4x (``benchmarks/bench_conv2d.py`` measures it).

Memory stays within a small multiple of the input, the unfolded input and the output, whatever
the arguments: the input is copied once into only the rows and columns some tap reads (padding
included, in any of ``nn.Conv2d``'s padding modes, without building the whole padded input),
each dimension in stride phases or unfolded, whichever is smaller; and the weight is never
copied per image. So a stride of 20000, a padding of 10000 or a dilation of 40000 costs no
more than the numbers it reads. (``tests/package/test_reference.py`` bounds every tensor
``conv2d`` allocates.)

Integer tensors: on the CPU, ``F.conv2d`` computes in the integer dtype itself (int64 in, int64
out; int8 wraps around on overflow). ``conv2d`` does the same and its integer results equal
torch's exactly. Input, weight and bias must share one dtype, as torch insists; bool tensors are
refused (torch has no bool convolution either).
"""

from __future__ import annotations

from typing import NamedTuple

import torch

from convcourse.shapes import (
    _int,
    _pair,
    conv_output_size,
    kernel_fits,
    kernel_span,
    same_padding_before_after,
)

PADDING_MODES = ("zeros", "reflect", "replicate", "circular")

# Tests may set this to a function ``(name, tensor) -> None``: conv2d hands it every tensor it
# allocates whose size depends on the arguments, so a test can bound the memory it uses.
_watch = None


def _seen(name: str, tensor: torch.Tensor) -> torch.Tensor:
    if _watch is not None:
        _watch(name, tensor)
    return tensor


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

    ho, wo = conv_output_size((height + top + bottom, width + left + right), (kh, kw), (sh, sw),
                              0, (dh, dw))
    if n == 0:  # (an unbatched input always has one image)
        return input.new_zeros(0, out_channels, ho, wo)
    rows = _axis(height, top, kh, dh, sh, ho, padding_mode)
    cols = _axis(width, left, kw, dw, sw, wo, padding_mode)
    flat = _phases(input, rows, cols, groups, (sh, sw), padding_mode)
    # Tap (i, j)'s weights for every group: (kH, kW, groups, O/groups, C/groups), no copy per image.
    taps = weight.reshape(groups, out_channels // groups, group_channels, kh, kw)
    taps = _seen("taps", taps.permute(3, 4, 0, 1, 2).contiguous())
    bias_rows = None if bias is None else bias.reshape(groups, out_channels // groups, 1)

    # A few images at a time, so that the output being summed into stays in the CPU cache
    # across the kh*kw products (about 1.5x faster than the whole batch at once).
    image = rows.length * cols.length
    images = min(max(1, _CHUNK_BYTES // (out_channels * image * input.element_size())), n)
    geometry = _Geometry((ho, wo), cols.length, image)
    out = _seen("output", input.new_empty(n, out_channels, ho, wo))
    for start in range(0, n, images):
        count = min(images, n - start)
        # Copying the chunk's strided view in also frees its sums before the next chunk.
        out[start:start + count] = _convolve_images(flat, start, count, taps, bias_rows, rows,
                                                    cols, geometry)
    return out.squeeze(0) if unbatched else out


_CHUNK_BYTES = 1 << 20  # about one core's L2 cache


class _Axis(NamedTuple):
    """How one dimension (rows or columns) of the input is read.

    The kept positions come in "phases": phase r holds the padded positions starts[r],
    starts[r] + s, starts[r] + 2s, ... (``length`` of them, s the stride). ``index`` lists, phase
    after phase, the input position each kept position comes from (-1: a zero of the padding);
    ``taps`` gives, for each kernel tap, its phase and its shift inside that phase.
    """

    index: torch.Tensor
    starts: tuple[int, ...]
    length: int
    taps: tuple[tuple[int, int], ...]


def _axis(size: int, before: int, k: int, d: int, s: int, out: int, mode: str) -> _Axis:
    """Which input positions one dimension reads, kept in whichever of two layouts is smaller.

    Stride phases: a window at stride s starts on padded positions 0, s, 2s, ...; its tap at
    offset t = i*d then reads t, t+s, t+2s, ...: consecutive positions of phase t mod s, from
    t // s on. So in its phase every tap is an ordinary shift, and a phase needs only ``out`` +
    the largest shift positions. Phases no tap reads (most of them when the stride exceeds the
    kernel's span) are never built: a stride of 20000 on a 5-wide input keeps at most k positions.

    One row per tap (the input unfolded along this dimension): tap i reads i*d, i*d + s, ...,
    ``out`` positions, no shift. This is smaller when a huge dilation leaves the phases mostly
    unread: a 2-tap kernel with dilation 40000 keeps 2 x out positions, not 40000 + out.
    """
    offsets = [i * d for i in range(k)]
    residues = tuple(sorted({t % s for t in offsets}))
    phase_length = out + max(offsets) // s
    if len(residues) * phase_length <= k * out:
        starts, length = residues, phase_length
        taps = tuple((residues.index(t % s), t // s) for t in offsets)
    else:
        starts, length, taps = tuple(offsets), out, tuple((i, 0) for i in range(k))
    positions = (torch.tensor(starts)[:, None] + s * torch.arange(length)).reshape(-1)
    source = positions - before
    if mode == "replicate":
        source = source.clamp(0, size - 1)
    elif mode == "reflect":
        source = torch.where(source < 0, -source, source)
        source = torch.where(source >= size, 2 * (size - 1) - source, source)
    elif mode == "circular":
        source = source % size
    else:  # zeros: -1 stands for a zero of the padding
        source = torch.where((source >= 0) & (source < size), source, -1)
    # Positions past the last one any window reads (the phases are cut to a common length)
    # feed only sums that are thrown away: a zero, or any input position, will do.
    last = (out - 1) * s + kernel_span(k, d) - 1
    source = torch.where(positions <= last, source, -1 if mode == "zeros" else 0)
    return _Axis(source, starts, length, taps)


def _runs(axis: _Axis):
    """For zero padding: per phase, (first, end, input start) of the kept positions read from
    the input, which are consecutive in the phase and ``stride`` apart in the input."""
    runs = []
    for phase in axis.index.reshape(len(axis.starts), axis.length).tolist():
        inside = [t for t, source in enumerate(phase) if source >= 0]
        runs.append((inside[0], inside[-1] + 1, phase[inside[0]]) if inside else (0, 0, 0))
    return runs


def _phases(input, rows: _Axis, cols: _Axis, groups: int, stride, mode) -> torch.Tensor:
    """(row phases, column phases, groups, C/groups, N * Hq * Wq): the input as taps read it.

    Within a group, phase and channel, the images follow each other, each as its Hq x Wq phase
    flattened: so one slice of the last dimension is a tap's window over several images.
    """
    n, channels, height, width = input.shape
    sh, sw = stride
    shape = (len(rows.starts), len(cols.starts), groups, channels // groups, n,
             rows.length, cols.length)
    # (groups, C/groups, N, H, W): a view, copied once below into the phases.
    x = input.reshape(n, groups, channels // groups, height, width).permute(1, 2, 0, 3, 4)
    if mode == "zeros":
        # Each phase's input positions form a strided slice: copy those, zeros elsewhere.
        phases = _seen("phases", input.new_zeros(shape))
        for a, (t0, t1, r0) in enumerate(_runs(rows)):
            for b, (u0, u1, c0) in enumerate(_runs(cols)):
                if t1 > t0 and u1 > u0:
                    phases[a, b, ..., t0:t1, u0:u1] = x[..., r0:r0 + (t1 - t0 - 1) * sh + 1:sh,
                                                        c0:c0 + (u1 - u0 - 1) * sw + 1:sw]
    else:  # reflect, replicate, circular: every kept position reads some input position
        x = _seen("gathered", x.index_select(3, rows.index.to(x.device)))
        x = _seen("gathered", x.index_select(4, cols.index.to(x.device)))
        x = x.reshape(*x.shape[:3], shape[0], shape[5], shape[1], shape[6])
        phases = _seen("phases", x.permute(3, 5, 0, 1, 2, 4, 6).contiguous())
    return phases.reshape(*shape[:4], -1)


class _Geometry(NamedTuple):
    out_size: tuple[int, int]
    row_length: int  # Wq: one phase row
    image: int  # Hq * Wq: one image's phase


def _convolve_images(flat, start, images, taps, bias_rows, rows, cols, geometry):
    """Convolve ``images`` images from ``start`` on: a strided (images, O, Ho, Wo) view of the sum.

    Output pixel (y, x) of image m sits at flat position m*Hq*Wq + y*Wq + x and reads its phase
    at that position + (qi*Wq + qj), where (qi, qj) is the tap's shift in that phase: so each
    tap's window over all these images is one slice, not a copy. The slice also covers the
    positions between output rows and between images; they are computed, then skipped by the
    returned view.
    """
    (ho, wo), wq, image = geometry
    length = (images - 1) * image + (ho - 1) * wq + wo  # up to the last output pixel
    base = start * image
    out = None
    for i, (a, qi) in enumerate(rows.taps):
        for j, (b, qj) in enumerate(cols.taps):
            offset = base + qi * wq + qj
            window = flat[a, b, :, :, offset:offset + length]
            out = _add_product(out, bias_rows, taps[i, j], window)
    out = _seen("sums", out)
    groups, per_group = out.shape[:2]
    return out.as_strided((images, groups * per_group, ho, wo), (image, length, wq, 1))


def _add_product(out, bias_rows, tap, window):
    """out + tap @ window, in place after the first tap (one buffer, not one per tap).

    With one input channel per group (a depthwise convolution) the product is a broadcast
    multiplication: far faster than a batch of 1 x 1 matrix products.
    """
    if tap.shape[-1] == 1:
        if out is not None:
            return out.addcmul_(tap, window)
        product = tap * window
        return product if bias_rows is None else product.add_(bias_rows)
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
    try:
        groups = _int(groups, "groups")  # numpy integers too, like stride and padding
    except TypeError:
        raise TypeError(f"groups must be an int, got {groups!r}") from None
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
    if not kernel_fits((hp, wp), (kh, kw), 0, (dh, dw)):
        span_h, span_w = kernel_span((kh, kw), (dh, dw))
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
