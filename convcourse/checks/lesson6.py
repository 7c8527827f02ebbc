"""Exercise checks of lesson 6 (receptive fields and the transposed convolution).

Every expected value comes from torch: the receptive field from which input rows reach one
output of the layers themselves, the transposed convolution's sizes from ``F.conv_transpose2d``.
"""

from __future__ import annotations

import functools
import random

from convcourse import messages
from convcourse.checks.core import Hint, as_int, as_tensor, call, check, float_dtype

#: The stack of the receptive-field prediction exercise: (kernel_size, stride) per layer.
RF_EXERCISE_LAYERS = ((3, 2), (3, 2), (3, 1))


def reached_rows(layers, index: int, size: int) -> list[int]:
    """The input rows that reach output ``index`` of a stack of all-ones convolutions along one
    dimension (``layers``: (kernel_size, stride) or (kernel_size, stride, padding)): a 1 put in
    the row alone gives that output a non-zero value. No weight is negative, so nothing cancels."""
    import torch
    import torch.nn.functional as F

    found = []
    for row in range(size):
        y = torch.zeros(1, 1, size, 1)
        y[0, 0, row, 0] = 1.0
        for layer in layers:
            k, s, p = (*layer, 0)[:3]
            y = F.conv2d(y, torch.ones(1, 1, k, 1), stride=(s, 1), padding=(p, 0))
        if y[0, 0, index, 0] != 0:
            found.append(row)
    return found


def measured_receptive_field(layers=RF_EXERCISE_LAYERS, size=64) -> int:
    """How many input rows one output in the middle of the stack's output reaches."""
    import torch
    import torch.nn.functional as F

    y = torch.zeros(1, 1, size, 1)
    for k, s in layers:
        y = F.conv2d(y, torch.ones(1, 1, k, 1), stride=(s, 1))
    return len(reached_rows(layers, y.shape[2] // 2, size))


@check(lambda: messages.CHECK6_RF_PREDICTION)
def check_receptive_field_prediction(predicted):
    """``predicted``: the receptive field (in input rows) of one output of the exercise's stack,
    ``RF_EXERCISE_LAYERS``; compared with the rows that reach it."""
    if predicted is None:
        raise Hint(messages.CHECK6_HINT_PREDICTION_NONE)
    got = as_int(predicted, messages.CHECK6_WHAT_PREDICTION)
    want = measured_receptive_field()
    if got == want:
        return
    ignoring_strides = 1 + sum(k - 1 for k, _ in RF_EXERCISE_LAYERS)
    if got == ignoring_strides:
        raise Hint(messages.CHECK6_HINT_RF_NO_STRIDES.format(got=got))
    raise Hint(messages.CHECK6_HINT_RF_WRONG.format(got=got))


@functools.cache
def _transposed_size(i, k, s, p, q, d):
    """The output height torch's F.conv_transpose2d gives (a one-column input)."""
    import torch
    import torch.nn.functional as F

    x, w = torch.zeros(1, 1, i, 1), torch.zeros(1, 1, k, 1)
    return F.conv_transpose2d(x, w, stride=(s, 1), padding=(p, 0), output_padding=(q, 0),
                              dilation=(d, 1)).shape[2]


def _transposed_cases(count: int, seed: int = 0) -> list[tuple[int, int, int, int, int, int]]:
    """(i, k, s, p, output_padding, d) that torch accepts: output_padding below the stride or the
    dilation, an output of at least one position."""
    rng = random.Random(seed)
    cases = [(4, 3, 2, 1, 1, 1), (3, 3, 1, 0, 0, 2)]  # the lesson's case; a dilated one
    while len(cases) < count:
        i, k, s, p, d = (rng.randint(1, 10), rng.randint(1, 5), rng.randint(1, 4), rng.randint(0, 3),
                         rng.randint(1, 3))
        q = rng.randint(0, max(s, d) - 1)
        if s * (i - 1) - 2 * p + d * (k - 1) + q + 1 >= 1:
            cases.append((i, k, s, p, q, d))
    return cases


@check(lambda: messages.CHECK6_TRANSPOSED_SIZE, answer="function")
def check_transposed_output_size(size_fn):
    """``size_fn(i, k, s, p, output_padding, d)``: the output size of a transposed convolution along
    one dimension, compared with torch's F.conv_transpose2d on random settings."""
    for i, k, s, p, q, d in _transposed_cases(60):
        case = messages.CHECK6_CASE.format(i=i, k=k, s=s, p=p, q=q, d=d)
        what = messages.CHECK6_WHAT_CALL.format(name="size_fn", case=case)
        got = as_int(call(size_fn, i, k, s, p, q, d, what=what), what)
        want = _transposed_size(i, k, s, p, q, d)
        if got != want:
            if got == want - q:
                advice = messages.CHECK6_HINT_OUTPUT_PADDING
            elif got == want - (d - 1) * (k - 1):
                advice = messages.CHECK6_HINT_DILATION
            else:
                advice = messages.CHECK6_HINT_FORMULA
            raise Hint(messages.SENTENCE_JOINER.join(
                (messages.CHECK6_HINT_SIZE_DIFFERS.format(what=what, got=got, want=want), advice)))


@check(lambda: messages.CHECK6_DOUBLING, answer="function")
def check_doubling_layer(build_fn):
    """``build_fn(channels)`` returns a module that keeps the channels and turns every height and
    width i into exactly 2 * i (run by torch on random sizes)."""
    import torch

    rng = random.Random(0)
    for channels in (1, 3, 4):
        what = messages.CHECK6_WHAT_CALL.format(name="build_fn", case=f"channels={channels}")
        layer = call(build_fn, channels, what=what)
        if layer is None:
            raise Hint(messages.CHECK_HINT_RETURNED_NONE.format(what=what))
        if not isinstance(layer, torch.nn.Module):
            raise Hint(messages.CHECK6_HINT_NOT_A_MODULE.format(what=what, got=type(layer).__name__))
        for _ in range(5):
            h, w = rng.randint(1, 12), rng.randint(1, 12)
            shape = (2, channels, h, w)
            what = messages.CHECK6_WHAT_LAYER.format(shape=shape)
            with torch.no_grad():  # the input in the layer's own dtype (float32 or float64)
                x = torch.randn(shape, dtype=float_dtype(layer))
                got = tuple(as_tensor(call(layer, x, what=what), what).shape)
            want = (2, channels, 2 * h, 2 * w)
            if got != want:
                odd = got[2:] == (2 * h - 1, 2 * w - 1)
                hint = messages.CHECK6_HINT_DOUBLING_ONE_SHORT if odd else messages.CHECK6_HINT_DOUBLING_SHAPE
                raise Hint(hint.format(shape=shape, got=got, want=want))
