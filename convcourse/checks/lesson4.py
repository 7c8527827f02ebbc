"""Exercise checks of lesson 4 (the Conv2d layer).

Every expected shape and value comes from torch (real ``nn.Conv2d`` layers, ``F.conv2d``,
``F.avg_pool2d`` or tensor slicing), never from the formula the learner is asked to write.
"""

from __future__ import annotations

import random

from convcourse import messages
from convcourse.checks.core import (
    Hint,
    as_int,
    as_ints,
    as_tensor,
    call,
    check,
    compare,
    float_dtype,
    generator,
)

#: The layer and input of the shape-prediction exercise, in PyTorch's (height, width) order.
SHAPE_EXERCISE_INPUT = (1, 3, 9, 12)
SHAPE_EXERCISE_LAYER = {"in_channels": 3, "out_channels": 8, "kernel_size": (3, 5), "stride": (2, 1)}


@check(lambda: messages.CHECK4_PARAM_SHAPES, answer="function")
def check_param_shapes(shapes_fn):
    """``shapes_fn(in_channels, out_channels, kernel_size, groups, bias)`` returns
    (weight shape, bias shape or None, number of parameters), compared with nn.Conv2d."""
    from torch import nn

    rng = random.Random(0)
    for _ in range(20):
        groups = rng.choice([1, 1, 2, 3, 4])
        c_in, c_out = groups * rng.randint(1, 4), groups * rng.randint(1, 4)
        kernel = rng.choice([rng.randint(1, 5), (rng.randint(1, 5), rng.randint(1, 5))])
        bias = rng.random() < 0.5
        layer = nn.Conv2d(c_in, c_out, kernel, groups=groups, bias=bias)
        want = (tuple(layer.weight.shape), None if layer.bias is None else tuple(layer.bias.shape),
                sum(p.numel() for p in layer.parameters()))
        case = messages.CHECK4_CASE_CONV.format(c_in=c_in, c_out=c_out, kernel=kernel, groups=groups,
                                                bias=bias)
        what = messages.CHECK4_WHAT_SHAPES_FN.format(case=case)
        got = call(shapes_fn, c_in, c_out, kernel, groups, bias, what=what)
        if not isinstance(got, (tuple, list)) or len(got) != 3:
            raise Hint(messages.CHECK4_HINT_NOT_A_TRIPLE.format(what=what))
        weight_shape = as_ints(got[0], messages.CHECK4_WHAT_WEIGHT_SHAPE.format(what=what), length=4)
        bias_shape = None if got[1] is None else as_ints(
            got[1], messages.CHECK4_WHAT_BIAS_SHAPE.format(what=what), length=1)
        count = as_int(got[2], messages.CHECK4_WHAT_COUNT.format(what=what))
        if weight_shape != want[0]:
            raise Hint(messages.CHECK4_HINT_WEIGHT_SHAPE.format(case=case, got=weight_shape, want=want[0]))
        if bias_shape != want[1]:
            raise Hint(messages.CHECK4_HINT_BIAS_SHAPE.format(case=case, got=bias_shape, want=want[1]))
        if count != want[2]:
            raise Hint(messages.CHECK4_HINT_COUNT.format(case=case, got=count, want=want[2]))


def _as_conv(value, what):
    from torch import nn

    if value is None:
        raise Hint(messages.CHECK_HINT_RETURNED_NONE.format(what=what))
    if not isinstance(value, nn.Conv2d):
        raise Hint(messages.CHECK4_HINT_NOT_A_CONV.format(what=what, got=type(value).__name__))
    return value


@check(lambda: messages.CHECK4_TARGET_SHAPE, answer="function")
def check_conv_for_target_shape(build_fn):
    """``build_fn(in_shape, out_shape)`` returns an nn.Conv2d that maps a batch of in_shape to
    out_shape; run by torch on random inputs."""
    import torch
    from torch import nn

    rng = random.Random(0)
    for _ in range(12):
        n, c_in, c_out = rng.randint(1, 3), rng.randint(1, 4), rng.randint(1, 8)
        h, w = rng.randint(6, 20), rng.randint(6, 20)
        k, s, p = rng.randint(1, 5), rng.randint(1, 3), rng.randint(0, 2)
        in_shape = (n, c_in, h, w)
        out_shape = tuple(nn.Conv2d(c_in, c_out, k, stride=s, padding=p)(torch.zeros(in_shape)).shape)
        what = messages.CHECK4_WHAT_BUILD.format(case=f"{in_shape}, {out_shape}")
        layer = _as_conv(call(build_fn, in_shape, out_shape, what=what), what)
        with torch.no_grad():
            what = messages.CHECK4_WHAT_RUN.format(shape=in_shape)
            got = as_tensor(call(layer, torch.randn(in_shape, dtype=float_dtype(layer)), what=what), what)
        if tuple(got.shape) != out_shape:
            raise Hint(messages.CHECK4_HINT_TARGET_SHAPE.format(in_shape=in_shape, out_shape=out_shape,
                                                               got=tuple(got.shape)))


def _separable_roles(convs, c_in, c_out, k):
    """Every (depthwise, pointwise) assignment of the two layers that fits the roles' shapes. A
    depthwise layer may have a depth multiplier K (K * c_in output channels, still groups=c_in:
    each channel filtered by K kernels of its own); the pointwise layer then reads K * c_in."""
    roles = []
    for depthwise, pointwise in (convs, convs[::-1]):
        middle = depthwise.weight.shape[0]
        if (middle % c_in == 0 and tuple(depthwise.weight.shape) == (middle, 1, k, k)
                and depthwise.groups == c_in
                and tuple(pointwise.weight.shape) == (c_out, middle, 1, 1) and pointwise.groups == 1):
            roles.append((depthwise, pointwise))
    return roles


@check(lambda: messages.CHECK4_SEPARABLE, answer="function")
def check_separable_block(build_fn):
    """``build_fn(in_channels, out_channels, k)`` returns a module made of a depthwise k x k
    convolution (zero padding k // 2) then a 1 x 1 pointwise one. Its two nn.Conv2d layers are
    told apart by their shapes (not by the order they were registered in), and its output is
    compared with the two layers' own weights composed in that order by F.conv2d."""
    import torch
    import torch.nn.functional as F
    from torch import nn

    rng = random.Random(0)
    for _ in range(6):
        c_in, c_out, k = rng.randint(1, 6), rng.randint(1, 8), rng.choice([1, 3, 5])
        case = f"in_channels={c_in}, out_channels={c_out}, k={k}"
        what = messages.CHECK4_WHAT_BUILD.format(case=case)
        block = call(build_fn, c_in, c_out, k, what=what)
        if block is None:
            raise Hint(messages.CHECK_HINT_RETURNED_NONE.format(what=what))
        if not isinstance(block, nn.Module):
            raise Hint(messages.CHECK4_HINT_NOT_A_MODULE.format(what=what, got=type(block).__name__))
        convs = [m for m in block.modules() if isinstance(m, nn.Conv2d)]
        if len(convs) != 2:
            raise Hint(messages.CHECK4_HINT_TWO_CONVS.format(what=what, count=len(convs)))
        roles = _separable_roles(convs, c_in, c_out, k)
        if not roles:
            shapes = ", ".join(f"{tuple(m.weight.shape)} groups={m.groups}" for m in convs)
            raise Hint(messages.CHECK4_HINT_ROLES.format(what=what, shapes=shapes, c_in=c_in,
                                                         c_out=c_out, k=k))
        x = torch.randn(2, c_in, rng.randint(5, 12), rng.randint(5, 12), dtype=float_dtype(block))
        with torch.no_grad():
            got = call(block, x, what=messages.CHECK4_WHAT_RUN.format(shape=tuple(x.shape)))
            wants = [F.conv2d(F.conv2d(x, dw.weight, dw.bias, padding=k // 2, groups=c_in),
                              pw.weight, pw.bias) for dw, pw in roles]
        misses = []
        for want in wants:
            try:
                compare(got, want, messages.CHECK4_WHAT_BLOCK_OUTPUT.format(case=case),
                        messages.CHECK4_HINT_SEPARABLE_VALUES, atol=1e-5)
                break
            except Hint as hint:
                misses.append(hint)
        else:
            raise misses[0]


@check(lambda: messages.CHECK4_SOBEL, answer="function")
def check_sobel_x_layer(build_fn):
    """``build_fn()`` returns an nn.Conv2d(1, 1, 3) computing the Sobel x-derivative (right
    column minus left column, rows weighted 1, 2, 1); compared with tensor slicing."""
    import torch

    what = messages.CHECK4_WHAT_BUILD.format(case="")
    layer = _as_conv(call(build_fn, what=what), what)
    x = torch.randn(2, 1, 9, 11, generator=generator(0)).to(float_dtype(layer))

    def vertical_121(columns):
        return columns[..., :-2, :] + 2 * columns[..., 1:-1, :] + columns[..., 2:, :]

    want = vertical_121(x[..., 2:]) - vertical_121(x[..., :-2])
    what = messages.CHECK4_WHAT_RUN.format(shape=tuple(x.shape))
    with torch.no_grad():
        got = as_tensor(call(layer, x, what=what), what)
    if got.shape != want.shape:
        raise Hint(messages.CHECK4_HINT_SOBEL_SHAPE.format(got=tuple(got.shape), want=tuple(want.shape)))
    if torch.allclose(got, -want, atol=1e-5):
        raise Hint(messages.CHECK4_HINT_SOBEL_FLIPPED)
    if layer.bias is not None and bool(layer.bias.abs().max() > 0):
        raise Hint(messages.CHECK4_HINT_BIAS_NOT_ZERO)
    compare(got, want, messages.CHECK4_WHAT_LAYER_OUTPUT, messages.CHECK4_HINT_SOBEL_VALUES, atol=1e-5)


@check(lambda: messages.CHECK4_SHAPE_PREDICTION)
def check_output_shape_prediction(predicted):
    """``predicted``: the output shape of ``nn.Conv2d(**SHAPE_EXERCISE_LAYER)`` on an input of
    shape ``SHAPE_EXERCISE_INPUT`` (a tuple, list or torch.Size); compared with torch's."""
    import torch
    from torch import nn

    if predicted is None:
        raise Hint(messages.CHECK4_HINT_PREDICTION_NONE)
    got = as_ints(tuple(predicted) if isinstance(predicted, torch.Size) else predicted,
                  messages.CHECK4_WHAT_PREDICTION, length=4)
    with torch.no_grad():
        want = tuple(nn.Conv2d(**SHAPE_EXERCISE_LAYER)(torch.zeros(SHAPE_EXERCISE_INPUT)).shape)
        swapped = {name: value[::-1] if isinstance(value, tuple) else value
                   for name, value in SHAPE_EXERCISE_LAYER.items()}
        if_swapped = tuple(nn.Conv2d(**swapped)(torch.zeros(SHAPE_EXERCISE_INPUT)).shape)
    if got == want:
        return
    if got == if_swapped:
        raise Hint(messages.CHECK4_HINT_SHAPE_SWAPPED.format(got=got))
    raise Hint(messages.CHECK4_HINT_SHAPE_WRONG.format(got=got))


@check(lambda: messages.CHECK4_BOX_BLUR, answer="function")
def check_box_blur_layer(build_fn):
    """``build_fn()`` returns an nn.Conv2d(1, 1, 3, padding=1) whose output is the mean of each
    3 x 3 neighbourhood (zero padding counted); compared with F.avg_pool2d."""
    import torch
    import torch.nn.functional as F

    what = messages.CHECK4_WHAT_BUILD.format(case="")
    try:
        layer = _as_conv(call(build_fn, what=what), what)
    except Hint as hint:
        if "cannot assign" in str(hint):  # layer.weight = a plain tensor
            raise Hint(messages.CHECK4_HINT_BLUR_ASSIGN) from None
        raise
    x = (torch.rand(2, 1, 8, 10, generator=generator(0)) + 0.5).to(float_dtype(layer))
    want = F.avg_pool2d(x, 3, stride=1, padding=1, count_include_pad=True)
    what = messages.CHECK4_WHAT_RUN.format(shape=tuple(x.shape))
    with torch.no_grad():
        got = as_tensor(call(layer, x, what=what), what)
    if got.shape != want.shape:
        raise Hint(messages.CHECK4_HINT_BLUR_SHAPE.format(got=tuple(got.shape), want=tuple(want.shape)))
    if layer.bias is not None and bool(layer.bias.abs().max() > 0):
        raise Hint(messages.CHECK4_HINT_BIAS_NOT_ZERO)
    if torch.allclose(got, 9 * want, atol=1e-4):
        raise Hint(messages.CHECK4_HINT_BLUR_SUM)
    compare(got, want, messages.CHECK4_WHAT_LAYER_OUTPUT, messages.CHECK4_HINT_BLUR_VALUES, atol=1e-5)
