"""Exercise checks of lesson 7 (from hand-made kernels to learned ones).

Every expected value comes from torch: strided convolutions of shifted inputs, nn.Conv2d under
the same seed, a hidden layer the targets were made with, FlopCounterMode, and autograd.
"""

from __future__ import annotations

from convcourse import messages
from convcourse.checks.core import Hint, as_int, as_ints, as_tensor, build, call, check, compare, generator

#: The candidate shifts of the prediction exercise.
SHIFT_CANDIDATES = (1, 2, 3, 4, 5, 6)


def _shifts_that_survive() -> set[int]:
    """The shifts r (from SHIFT_CANDIDATES) for which the stride-2 layer's output of the shifted
    image is an exact (circular) shift of its output, measured with torch."""
    import torch
    from torch import nn

    gen = generator(5)
    layer = nn.Conv2d(1, 1, 3, stride=2, padding=1, padding_mode="circular")
    with torch.no_grad():
        layer.weight.copy_(torch.randn(1, 1, 3, 3, generator=gen))
        image = torch.randn(1, 1, 16, 16, generator=gen)
        original = layer(image)
        survive = set()
        for right in SHIFT_CANDIDATES:
            shifted = layer(torch.roll(image, right, dims=3))
            if any(torch.allclose(shifted, torch.roll(original, m, dims=3), atol=1e-5)
                   for m in range(original.shape[3])):
                survive.add(right)
    return survive


@check(lambda: messages.CHECK7_SHIFTS)
def check_shift_prediction(answer):
    """``answer``: the shifts among 1..6 (a list, tuple, set or tensor of whole numbers) that a
    stride-2 convolution keeps exact; compared with torch."""
    if isinstance(answer, (set, frozenset)):
        answer = sorted(answer, key=lambda item: (str(type(item)), str(item)))
    got = as_ints(answer, messages.CHECK7_WHAT_PREDICTION)
    unknown = [r for r in got if r not in SHIFT_CANDIDATES]
    if unknown:
        raise Hint(messages.CHECK7_HINT_SHIFT_RANGE.format(value=unknown[0]))
    want = _shifts_that_survive()
    missing, extra = sorted(want - set(got)), sorted(set(got) - want)
    if extra:
        raise Hint(messages.CHECK7_HINT_SHIFT_EXTRA.format(shifts=extra))
    if missing:
        raise Hint(messages.CHECK7_HINT_SHIFT_MISSING.format(shifts=missing))


@check(lambda: messages.CHECK7_FIXED_CONV)
def check_fixed_conv2d(cls):
    """``cls(in_channels, out_channels, kernel_size, padding=...)`` must behave like nn.Conv2d:
    registered weight and bias, nn.Conv2d's initial values under the same seed, the same output."""
    import random

    import torch
    from torch import nn

    rng = random.Random(0)
    for case_number in range(6):
        c_in, c_out = rng.randint(1, 4), rng.randint(1, 5)
        k, padding = rng.choice([1, 3, 5]), rng.randint(0, 2)
        case = messages.CHECK7_CASE_CONV.format(c_in=c_in, c_out=c_out, k=k, padding=padding)
        what = messages.CHECK7_WHAT_BUILD.format(case=case)
        torch.manual_seed(100 + case_number)
        layer = build(cls, c_in, c_out, k, padding, what=what)
        torch.manual_seed(100 + case_number)
        reference = nn.Conv2d(c_in, c_out, k, padding=padding)
        names = {name: tuple(p.shape) for name, p in layer.named_parameters()}
        if "weight" not in names:
            raise Hint(messages.CHECK7_HINT_WEIGHT_NOT_PARAMETER)
        if "bias" not in names:
            raise Hint(messages.CHECK7_HINT_BIAS_NOT_PARAMETER)
        for name, p in reference.named_parameters():
            if names[name] != tuple(p.shape):
                raise Hint(messages.CHECK7_HINT_PARAM_SHAPE.format(case=case, name=name, got=names[name],
                                                                   want=tuple(p.shape)))
        for name, p in reference.named_parameters():
            mine = getattr(layer, name)
            if not torch.allclose(mine.detach(), p.detach(), atol=1e-6):
                raise Hint(messages.CHECK7_HINT_INIT.format(case=case, name=name))
        x = torch.randn(2, c_in, 7, 9, generator=generator(case_number))
        with torch.no_grad():
            want = nn.functional.conv2d(x, layer.weight, layer.bias, padding=padding)
            got = call(layer, x, what=messages.CHECK7_WHAT_FORWARD.format(case=case))
        compare(got, want, messages.CHECK7_WHAT_FORWARD.format(case=case), hint=messages.CHECK7_HINT_FORWARD)


@check(lambda: messages.CHECK7_LEARN_LAYER)
def check_learn_layer(learn_fn):
    """``learn_fn(inputs, targets, steps)`` trains and returns an nn.Conv2d(2, 3, 3, padding=1);
    its weight and bias must come close to those of the hidden layer that made the targets."""
    import torch
    from torch import nn

    gen = generator(7)
    hidden = nn.Conv2d(2, 3, 3, padding=1)
    with torch.no_grad():
        hidden.weight.copy_(torch.randn(3, 2, 3, 3, generator=gen) * 0.5)
        hidden.bias.copy_(torch.randn(3, generator=gen) * 0.5)
        inputs = torch.randn(4, 2, 10, 10, generator=gen)
        targets = hidden(inputs)
    what = messages.CHECK7_WHAT_LEARN
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny tensors: one thread is much faster on a busy machine
    try:
        layer = call(learn_fn, inputs.clone(), targets.clone(), 400, what=what)
    finally:
        torch.set_num_threads(threads)
    if layer is None:
        raise Hint(messages.CHECK_HINT_RETURNED_NONE.format(what=what))
    if not isinstance(layer, nn.Conv2d):
        raise Hint(messages.CHECK7_HINT_NOT_CONV.format(got=type(layer).__name__))
    if tuple(layer.weight.shape) != (3, 2, 3, 3) or layer.bias is None:
        raise Hint(messages.CHECK7_HINT_LEARN_SHAPE.format(got=tuple(layer.weight.shape)))
    weight = as_tensor(layer.weight.detach(), messages.CHECK7_WHAT_WEIGHT)
    bias = as_tensor(layer.bias.detach(), messages.CHECK7_WHAT_BIAS)
    worst = max((weight - hidden.weight).abs().max().item(), (bias - hidden.bias).abs().max().item())
    if worst > 0.02:
        raise Hint(messages.CHECK7_HINT_NOT_LEARNED.format(worst=worst))


@check(lambda: messages.CHECK7_MACS)
def check_conv_macs(macs_fn):
    """``macs_fn(layer, input_shape)``: the multiply-accumulates of an nn.Conv2d on a batch,
    compared with torch.utils.flop_counter.FlopCounterMode (FLOPs / 2) on random layers."""
    import random

    import torch
    from torch import nn
    from torch.utils.flop_counter import FlopCounterMode

    rng = random.Random(3)
    for _ in range(10):
        groups = rng.choice([1, 1, 2, 4])
        c_in, c_out = groups * rng.randint(1, 3), groups * rng.randint(1, 3)
        k, stride = rng.choice([1, 3, 5]), rng.randint(1, 3)
        padding, dilation = rng.randint(0, 2), rng.choice([1, 1, 2])
        shape = (rng.randint(1, 3), c_in, rng.randint(11, 20), rng.randint(11, 20))
        layer = nn.Conv2d(c_in, c_out, k, stride=stride, padding=padding, dilation=dilation, groups=groups)
        with torch.no_grad(), FlopCounterMode(display=False) as counter:
            layer(torch.zeros(shape))
        want = counter.get_total_flops() // 2
        case = messages.CHECK7_CASE_MACS.format(layer=layer, shape=shape)
        what = messages.CHECK7_WHAT_MACS.format(case=case)
        got = as_int(call(macs_fn, layer, shape, what=what), what)
        if got == want:
            continue
        if got == 2 * want:
            raise Hint(messages.CHECK7_HINT_MACS_FLOPS.format(case=case))
        if groups > 1 and got == want * groups:
            raise Hint(messages.CHECK7_HINT_MACS_GROUPS.format(case=case))
        if shape[0] > 1 and got * shape[0] == want:
            raise Hint(messages.CHECK7_HINT_MACS_BATCH.format(case=case))
        raise Hint(messages.CHECK7_HINT_MACS.format(case=case, got=got, want=want))


@check(lambda: messages.CHECK7_INPUT_GRADIENT)
def check_input_gradient(grad_fn):
    """``grad_fn(grad_out, weight, stride, padding, dilation, input_size)`` returns dL/dx for
    y = conv2d(x, weight, stride, padding, dilation); compared with autograd, strides 1 to 3 and
    dilations 1 to 3."""
    import torch
    import torch.nn.functional as F

    gen = generator(11)
    for stride, padding, dilation, height, width in [(1, 0, 2, 9, 8), (1, 1, 1, 6, 6), (2, 1, 2, 9, 9),
                                                     (2, 1, 1, 8, 9), (3, 2, 3, 12, 11), (2, 0, 2, 9, 10)]:
        x = torch.randn(2, 3, height, width, generator=gen, requires_grad=True)
        weight = torch.randn(4, 3, 3, 3, generator=gen)
        y = F.conv2d(x, weight, stride=stride, padding=padding, dilation=dilation)
        grad_out = torch.randn(y.shape, generator=gen)
        (want,) = torch.autograd.grad(y, x, grad_out)
        case = messages.CHECK7_CASE_GRADIENT.format(stride=stride, padding=padding, dilation=dilation,
                                                    height=height, width=width)
        what = messages.CHECK7_WHAT_GRADIENT.format(case=case)
        got = call(grad_fn, grad_out.clone(), weight.clone(), stride, padding, dilation, (height, width),
                   what=what)
        got = as_tensor(got, what)
        if tuple(got.shape) != tuple(want.shape):
            raise Hint(messages.CHECK7_HINT_GRADIENT_SHAPE.format(case=case, got=tuple(got.shape),
                                                                  want=tuple(want.shape)))
        compare(got, want, what, hint=messages.CHECK7_HINT_GRADIENT_VALUES)


@check(lambda: messages.CHECK7_BIAS_GRADIENT)
def check_bias_gradient(grad_fn):
    """``grad_fn(grad_out)`` returns dL/db for y = conv2d(x, w, b), given dL/dy; compared with
    autograd on several shapes."""
    import torch
    import torch.nn.functional as F

    gen = generator(13)
    for batch, c_out, height, width in [(2, 4, 5, 6), (1, 3, 4, 4), (3, 2, 1, 7), (4, 1, 6, 3)]:
        x = torch.randn(batch, 2, height + 2, width + 2, generator=gen)
        weight = torch.randn(c_out, 2, 3, 3, generator=gen)
        bias = torch.randn(c_out, generator=gen, requires_grad=True)
        y = F.conv2d(x, weight, bias)
        grad_out = torch.randn(y.shape, generator=gen)
        (want,) = torch.autograd.grad(y, bias, grad_out)
        what = messages.CHECK7_WHAT_BIAS_GRADIENT.format(shape=tuple(grad_out.shape))
        got = as_tensor(call(grad_fn, grad_out.clone(), what=what), what)
        if tuple(got.shape) != tuple(want.shape):
            raise Hint(messages.CHECK7_HINT_BIAS_GRADIENT_SHAPE.format(what=what, got=tuple(got.shape),
                                                                       want=tuple(want.shape)))
        compare(got, want, what, hint=messages.CHECK7_HINT_BIAS_GRADIENT_VALUES)
