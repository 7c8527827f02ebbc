"""Exercise checks of lesson 2 (conv2d by hand).

Every expected value is computed with ``F.conv2d`` before the learner's code runs; the random
cases come from the check's own seeded generator.
"""

from __future__ import annotations

from convcourse import messages
from convcourse.checks.core import Hint, as_ints, as_number, as_tensor, call, check, compare, generator

#: The prediction exercise: F.conv2d(x, w, padding=1) for x and w of these shapes.
PREDICTION_INPUT_SHAPE = (2, 3, 10, 8)
PREDICTION_WEIGHT_SHAPE = (4, 3, 3, 5)
PREDICTION_PADDING = 1


def _random_conv_case(rng, channels=False, square=False):
    """A random (x, w) pair: 2-D single-channel, or a 4-D batch and a 4-D weight."""
    import torch

    def size(low, high):
        return int(torch.randint(low, high + 1, (), generator=rng))

    kh = size(1, 4)
    kw = kh if square else size(1, 4)
    h, w = size(kh, 9), size(kw, 9)
    if not channels:
        return (torch.randn(h, w, generator=rng), torch.randn(kh, kw, generator=rng))
    n, c_in, c_out = size(1, 3), size(1, 4), size(1, 4)
    return (torch.randn(n, c_in, h, w, generator=rng), torch.randn(c_out, c_in, kh, kw, generator=rng))


def _torch_conv_2d(x, w, **options):
    """F.conv2d on a single-channel 2-D input and kernel, returning a 2-D result."""
    import torch.nn.functional as F

    return F.conv2d(x[None, None], w[None, None], **options)[0, 0]


def _shapes(x, w) -> str:
    return messages.CHECK2_SHAPES.format(x=tuple(x.shape), w=tuple(w.shape))


def _flipped(w):
    """The kernel rotated by 180 degrees: what a learner who computes the true convolution uses."""
    import torch

    return torch.flip(w, dims=(-2, -1))


@check(lambda: messages.CHECK2_OUTPUT_ELEMENT, answer="function")
def check_output_element(element_fn):
    """``element_fn(x, w, i, j)`` returns the number at row i, column j of F.conv2d(x, w) (stride 1,
    no padding: the cross-correlation) for a 2-D input x and a 2-D kernel w. An answer that
    flips the kernel (the true convolution) gets a hint about the flip."""
    import torch

    rng = generator(4)
    for _ in range(10):
        x, w = _random_conv_case(rng)
        want = _torch_conv_2d(x, w)
        flipped = _torch_conv_2d(x, _flipped(w))
        i = int(torch.randint(want.shape[0], (), generator=rng))
        j = int(torch.randint(want.shape[1], (), generator=rng))
        what = messages.CHECK2_WHAT_ELEMENT.format(i=i, j=j, shapes=_shapes(x, w))
        got = as_number(call(element_fn, x.clone(), w.clone(), i, j, what=what), what)
        if abs(got - want[i, j].item()) <= 1e-4:
            continue
        if abs(got - flipped[i, j].item()) <= 1e-4:
            raise Hint(messages.CHECK2_HINT_FLIPPED.format(what=what))
        raise Hint(messages.CHECK2_HINT_ELEMENT.format(what=what, want=want[i, j].item(), got=got))


def _check_against_torch(conv_fn, seed: int, argument: str | None, values: tuple[int, int], hint: str,
                         square: bool = False):
    """``conv_fn(x, w[, value])`` on 2-D tensors equals F.conv2d(..., argument=value) for random
    cases, values drawn from range(*values)."""
    import torch

    rng = generator(seed)
    for _ in range(12):
        x, w = _random_conv_case(rng, square=square)
        if argument is None:
            want, args = _torch_conv_2d(x, w), ()
            what = messages.CHECK2_WHAT_CALL.format(name="conv_fn", extra="", shapes=_shapes(x, w))
        else:
            value = int(torch.randint(*values, (), generator=rng))
            want, args = _torch_conv_2d(x, w, **{argument: value}), (value,)
            what = messages.CHECK2_WHAT_CALL.format(name="conv_fn", extra=f", {argument}={value}",
                                                    shapes=_shapes(x, w))
        compare(call(conv_fn, x.clone(), w.clone(), *args, what=what), want, what, hint=hint)


@check(lambda: messages.CHECK2_STRIDE, answer="function")
def check_conv2d_stride(conv_fn):
    """``conv_fn(x, w, stride)`` on 2-D tensors equals F.conv2d(..., stride=stride)."""
    _check_against_torch(conv_fn, 5, "stride", (1, 4), messages.CHECK2_HINT_STRIDE)


@check(lambda: messages.CHECK2_PADDING, answer="function")
def check_conv2d_padding(conv_fn):
    """``conv_fn(x, w, padding)`` on 2-D tensors equals F.conv2d(..., padding=padding)."""
    _check_against_torch(conv_fn, 6, "padding", (0, 3), messages.CHECK2_HINT_PADDING)


@check(lambda: messages.CHECK2_DEBUG_SINGLE, answer="function")
def check_conv2d_single(conv_fn):
    """The repaired loop convolution ``conv_fn(x, w)`` on 2-D tensors (kernels of any kH x kW)
    equals F.conv2d(x, w) with stride 1 and no padding."""
    _check_against_torch(conv_fn, 10, None, (0, 0), messages.CHECK2_HINT_DEBUG_SINGLE)


#: The (stride, padding) pairs the im2col exercise is checked with, in turn: each of them above
#: its default, alone and together.
IM2COL_SETTINGS = ((1, 0), (2, 0), (1, 1), (2, 1), (3, 2), (1, 2), (2, 2), (3, 0))


@check(lambda: messages.CHECK2_IM2COL, answer="function")
def check_conv2d_im2col_stride_padding(conv_fn):
    """``conv_fn(x, weight, stride, padding)`` on a 4-D batch and a 4-D weight, with an int stride
    and an int padding, equals F.conv2d(x, weight, stride=stride, padding=padding)."""
    import torch.nn.functional as F

    rng = generator(7)
    for case in range(12):
        stride, padding = IM2COL_SETTINGS[case % len(IM2COL_SETTINGS)]
        x, w = _random_conv_case(rng, channels=True)
        want = F.conv2d(x, w, stride=stride, padding=padding)
        what = messages.CHECK2_WHAT_CALL.format(name="conv_fn", extra=f", stride={stride}, padding={padding}",
                                                shapes=_shapes(x, w))
        got = as_tensor(call(conv_fn, x.clone(), w.clone(), stride, padding, what=what), what, kind=None)
        if tuple(got.shape) != tuple(want.shape):
            raise Hint(messages.CHECK2_HINT_IM2COL_SIZE.format(what=what, got=tuple(got.shape),
                                                               want=tuple(want.shape)))
        flipped = F.conv2d(x, _flipped(w), stride=stride, padding=padding)
        if not _close(got, want) and _close(got, flipped):
            raise Hint(messages.CHECK2_HINT_FLIPPED.format(what=what))
        compare(got, want, what, hint=messages.CHECK2_HINT_IM2COL)


def _close(got, want) -> bool:
    import torch

    return bool(torch.allclose(got.detach().to(want.dtype), want, rtol=1e-4, atol=1e-4))


def predicted_shape_answer() -> tuple[int, ...]:
    """The shape the prediction exercise asks for, measured with F.conv2d."""
    import torch
    import torch.nn.functional as F

    x, w = torch.zeros(PREDICTION_INPUT_SHAPE), torch.zeros(PREDICTION_WEIGHT_SHAPE)
    return tuple(F.conv2d(x, w, padding=PREDICTION_PADDING).shape)


@check(lambda: messages.CHECK2_SHAPE_PREDICTION)
def check_conv2d_shape_prediction(predicted):
    """``predicted``: the shape (4 whole numbers, a tuple, list or torch.Size) of
    F.conv2d(x, w, padding=1) for x (2, 3, 10, 8) and w (4, 3, 3, 5)."""
    want = predicted_shape_answer()
    if predicted is None:
        raise Hint(messages.CHECK_HINT_PREDICTION_NONE.format(what=messages.CHECK2_WHAT_PREDICTION))
    got = as_ints(predicted, messages.CHECK2_WHAT_PREDICTION, length=len(want))
    if got == want:
        return
    if got[:2] != want[:2]:
        raise Hint(messages.CHECK2_HINT_PREDICT_LEADING.format(got=got))
    raise Hint(messages.CHECK2_HINT_PREDICT_SIZE.format(got=got))
