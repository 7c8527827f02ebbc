"""Exercise checks of lesson 3 (padding and stride).

Every size is measured with torch (``F.conv2d`` on a one-column input), never computed with the
formula the learner is asked to write.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from collections.abc import Iterator, KeysView

from convcourse import messages
from convcourse.checks.core import Hint, as_int, as_ints, as_tensor, call, check, float_dtype
from convcourse.shapes import kernel_fits, kernel_span


@functools.cache
def _torch_size(i, k, s=1, p=0, d=1):
    """The output height torch gives for one input dimension (a one-column input)."""
    import torch
    import torch.nn.functional as F

    x, w = torch.zeros(1, 1, i, 1), torch.zeros(1, 1, k, 1)
    return F.conv2d(x, w, stride=(s, 1), padding=(p, 0), dilation=(d, 1)).shape[2]


@check(lambda: messages.CHECK3_OUTPUT_SIZE, answer="function")
def check_output_size(size_fn):
    """``size_fn(i, k, s, p, d)`` returns the output size along one dimension; compared with the
    shape of torch's F.conv2d output on random sizes."""
    rng = random.Random(0)
    tried = 0
    while tried < 60:
        i, k, s = rng.randint(1, 20), rng.randint(1, 7), rng.randint(1, 4)
        p, d = rng.randint(0, 3), rng.randint(1, 3)
        if not kernel_fits(i, k, padding=p, dilation=d):
            continue
        tried += 1
        case = messages.CHECK3_CASE_IKSPD.format(i=i, k=k, s=s, p=p, d=d)
        what = messages.CHECK3_WHAT_CALL.format(name="size_fn", case=case)
        got = as_int(call(size_fn, i, k, s, p, d, what=what), what)
        want = _torch_size(i, k, s, p, d)
        if got != want:
            advice = (messages.CHECK3_HINT_DILATION_SPAN if d > 1
                      else messages.CHECK3_HINT_COUNT_POSITIONS)
            raise Hint(messages.SENTENCE_JOINER.join(
                (messages.CHECK3_HINT_SIZE_DIFFERS.format(what=what, got=got, want=want), advice)))


@check(lambda: messages.CHECK3_SAME_PADDING, answer="function")
def check_same_padding(padding_fn):
    """``padding_fn(k, d)`` returns the padding that keeps the size at stride 1 (for an odd span
    d*(k-1)+1); the size is measured with torch."""
    rng = random.Random(0)
    cases = [(k, d) for k in range(1, 8) for d in range(1, 5) if d * (k - 1) % 2 == 0]
    for k, d in cases:  # all 22 (a sample could miss the few even kernels)
        what = messages.CHECK3_WHAT_CALL.format(name="padding_fn", case=f"k={k}, d={d}")
        padding = as_int(call(padding_fn, k, d, what=what), what)
        if padding < 0:
            raise Hint(messages.CHECK3_HINT_NEGATIVE_PADDING.format(what=what, got=padding))
        for i in (kernel_span(k, d), rng.randint(kernel_span(k, d), 40)):
            out = _torch_size(i, k, 1, padding, d)
            if out != i:
                raise Hint(messages.CHECK3_HINT_SAME_PADDING.format(k=k, d=d, p=padding, i=i, out=out))


@functools.cache
def _unreached_rows(i, k, s, p):
    """Input rows that no window touches, found by torch's autograd: their gradient is zero."""
    import torch
    import torch.nn.functional as F

    x = torch.ones(1, 1, i, 1, requires_grad=True)
    F.conv2d(x, torch.ones(1, 1, k, 1), stride=(s, 1), padding=(p, 0)).sum().backward()
    return tuple(row for row in range(i) if x.grad[0, 0, row, 0] == 0)


@check(lambda: messages.CHECK3_UNREACHED_ROWS, answer="function")
def check_unreached_rows(rows_fn):
    """``rows_fn(i, k, s, p)`` lists the input rows (0-based) that no window reaches, in any order
    (a list, tuple, set or 1-D tensor); the truth comes from torch's autograd."""
    rng = random.Random(0)
    cases = [(6, 3, 2, 1), (5, 1, 2, 0)]  # one the lesson shows, one with gaps between windows
    while len(cases) < 40:
        i, k, s, p = rng.randint(1, 16), rng.randint(1, 5), rng.randint(1, 5), rng.randint(0, 2)
        if k <= i + 2 * p and p < k:
            cases.append((i, k, s, p))
    for i, k, s, p in cases:
        what = messages.CHECK3_WHAT_CALL.format(name="rows_fn", case=f"i={i}, k={k}, s={s}, p={p}")
        got = call(rows_fn, i, k, s, p, what=what)
        if isinstance(got, (set, frozenset, Iterator, KeysView)):
            got = list(itertools.islice(got, i + 1))  # more than i rows is wrong: read no further
        rows = sorted(as_ints(got, what))
        want = list(_unreached_rows(i, k, s, p))
        if rows != want:
            raise Hint(messages.CHECK3_HINT_UNREACHED.format(what=what, got=rows, want=want))


@check(lambda: messages.CHECK3_TARGET_SIZE, answer="function")
def check_stride_padding_for_target(choose_fn):
    """``choose_fn(i, k, target)`` returns (stride, padding), padding at most k - 1, that turn
    size i into size target; the size is measured with torch."""
    rng = random.Random(0)
    for _ in range(30):
        k = rng.choice([1, 2, 3, 4, 5, 7])
        i = rng.randint(max(k, 4), 40)
        target = _torch_size(i, k, rng.randint(1, 3), rng.randint(0, k - 1))
        what = messages.CHECK3_WHAT_CALL.format(name="choose_fn", case=f"i={i}, k={k}, target={target}")
        s, p = as_ints(call(choose_fn, i, k, target, what=what), what, length=2)
        if s < 1 or not 0 <= p <= k - 1:
            raise Hint(messages.CHECK3_HINT_TARGET_RANGE.format(what=what, s=s, p=p))
        out = _torch_size(i, k, s, p)
        if out != target:
            raise Hint(messages.CHECK3_HINT_TARGET_MISSED.format(what=what, s=s, p=p, out=out))


#: The setting of the prediction exercise: input size, kernel, stride, padding.
PREDICTION_SETTING = {"i": 10, "k": 4, "s": 3, "p": 2}


@check(lambda: messages.CHECK3_SIZE_PREDICTION)
def check_strided_size_prediction(predicted):
    """``predicted``: the output height of F.conv2d on a 10 x 10 input with a 4 x 4 kernel, stride
    3 and padding 2 (PREDICTION_SETTING); compared with torch's."""
    if predicted is None:
        raise Hint(messages.CHECK3_HINT_PREDICTION_NONE)
    got = as_int(predicted, messages.CHECK3_WHAT_PREDICTION)
    i, k, s, p = (PREDICTION_SETTING[name] for name in "iksp")
    want = _torch_size(i, k, s, p)
    if got == want:
        return
    if got == -(-(i + 2 * p - k) // s) + 1:
        raise Hint(messages.CHECK3_HINT_PREDICTION_CEIL.format(got=got))
    if got == (i - k) // s + 1:
        raise Hint(messages.CHECK3_HINT_PREDICTION_NO_PADDING.format(got=got))
    raise Hint(messages.CHECK3_HINT_PREDICTION_WRONG.format(got=got))


@check(lambda: messages.CHECK3_HALVING, answer="function")
def check_halving_conv(build_fn):
    """``build_fn(channels)`` returns an nn.Conv2d with a 3 x 3 kernel that keeps the channels and
    turns every height and width i into ceil(i / 2); run by torch on random sizes."""
    import torch
    from torch import nn

    rng = random.Random(0)
    for channels in (1, 3, 4):
        what = messages.CHECK3_WHAT_CALL.format(name="build_fn", case=f"channels={channels}")
        try:
            layer = call(build_fn, channels, what=what)
        except Hint as hint:  # padding='same' with stride 2: PyTorch refuses to build the layer
            if "same" in str(hint) and "stride" in str(hint):
                raise Hint(messages.CHECK3_HINT_HALVING_SAME) from None
            raise
        if layer is None:
            raise Hint(messages.CHECK_HINT_RETURNED_NONE.format(what=what))
        if not isinstance(layer, nn.Conv2d):
            raise Hint(messages.CHECK3_HINT_NOT_A_CONV.format(what=what, got=type(layer).__name__))
        if tuple(layer.kernel_size) != (3, 3):
            raise Hint(messages.CHECK3_HINT_HALVING_KERNEL.format(got=tuple(layer.kernel_size)))
        for _ in range(6):
            h, w = rng.randint(3, 24), rng.randint(3, 24)
            shape = (2, channels, h, w)
            what = messages.CHECK3_WHAT_LAYER.format(shape=shape)
            with torch.no_grad():  # the input in the layer's own dtype (float32 or float64)
                x = torch.randn(shape, dtype=float_dtype(layer))
                got = tuple(as_tensor(call(layer, x, what=what), what).shape)
            want = (2, channels, math.ceil(h / 2), math.ceil(w / 2))
            if got != want:
                raise Hint(messages.CHECK3_HINT_HALVING_SHAPE.format(shape=shape, got=got, want=want))
