"""Exercise checks of lesson 5 (pooling).

Every size and every output comes from torch (``nn.MaxPool2d``), never from the formula the
learner is asked to write.
"""

from __future__ import annotations

import functools
import math
import random

from convcourse import messages
from convcourse.checks.core import Hint, as_int, as_ints, as_tensor, call, check, float_dtype


@functools.cache
def _torch_pool_size(i, k, s, p, d, ceil_mode):
    """The output height of nn.MaxPool2d on a one-column input, or None where torch refuses."""
    import torch
    from torch import nn

    pool = nn.MaxPool2d((k, 1), stride=(s, 1), padding=(p, 0), dilation=(d, 1), ceil_mode=ceil_mode)
    try:
        return pool(torch.zeros(1, 1, i, 1)).shape[2]
    except RuntimeError:
        return None


def _pool_cases(count: int, seed: int = 0) -> list[tuple[int, int, int, int, int, bool]]:
    """Settings torch accepts, among them the ones where ceil_mode makes a difference."""
    rng = random.Random(seed)
    cases = [(5, 3, 3, 0, 1, True), (7, 2, 2, 0, 1, True), (6, 3, 2, 1, 1, True)]
    while len(cases) < count:
        case = (rng.randint(1, 16), rng.randint(1, 5), rng.randint(1, 4), rng.randint(0, 2),
                rng.randint(1, 3), rng.random() < 0.5)
        if _torch_pool_size(*case) is not None:
            cases.append(case)
    return cases


@check(lambda: messages.CHECK5_POOL_SIZE, answer="function")
def check_pool_output_size(size_fn):
    """``size_fn(i, k, s, p, d, ceil_mode)``: nn.MaxPool2d's output size along one dimension,
    compared with torch's on random settings it accepts."""
    for i, k, s, p, d, ceil_mode in _pool_cases(80):
        case = messages.CHECK5_CASE.format(i=i, k=k, s=s, p=p, d=d, ceil_mode=ceil_mode)
        what = messages.CHECK5_WHAT_CALL.format(name="size_fn", case=case)
        got = as_int(call(size_fn, i, k, s, p, d, ceil_mode, what=what), what)
        want = _torch_pool_size(i, k, s, p, d, ceil_mode)
        if got != want:
            room = i + 2 * p - d * (k - 1) - 1
            if ceil_mode and got == math.ceil(room / s) + 1:
                advice = messages.CHECK5_HINT_LAST_WINDOW
            elif ceil_mode and got == room // s + 1:
                advice = messages.CHECK5_HINT_CEIL
            elif d > 1 and got == _torch_pool_size(i, k, s, p, 1, ceil_mode):
                advice = messages.CHECK5_HINT_DILATION
            else:
                advice = messages.CHECK5_HINT_FORMULA
            raise Hint(messages.SENTENCE_JOINER.join(
                (messages.CHECK5_HINT_SIZE_DIFFERS.format(what=what, got=got, want=want), advice)))


#: The prediction exercise: the input's shape, then nn.MaxPool2d(2) without and with ceil_mode.
PREDICTION_SHAPE = (1, 16, 7, 7)


@check(lambda: messages.CHECK5_SHAPE_PREDICTION)
def check_pool_shape_prediction(predicted):
    """``predicted``: (the shape without ceil_mode, the shape with it) of nn.MaxPool2d(2) on a
    batch of PREDICTION_SHAPE; compared with torch's."""
    import torch
    from torch import nn

    if predicted is None or (isinstance(predicted, (tuple, list)) and any(p is None for p in predicted)):
        raise Hint(messages.CHECK5_HINT_PREDICTION_NONE)
    if not isinstance(predicted, (tuple, list)) or len(predicted) != 2:
        raise Hint(messages.CHECK5_HINT_PREDICTION_PAIR)
    x = torch.zeros(PREDICTION_SHAPE)
    for shape, ceil_mode in zip(predicted, (False, True), strict=True):
        what = messages.CHECK5_WHAT_PREDICTION.format(mode=ceil_mode)
        got = as_ints(shape, what, length=4)
        want = tuple(nn.MaxPool2d(2, ceil_mode=ceil_mode)(x).shape)
        if got != want:
            hint = (messages.CHECK5_HINT_PREDICTION_CHANNELS if got[:2] != want[:2]
                    else messages.CHECK5_HINT_PREDICTION_SIZE)
            raise Hint(hint.format(what=what, got=got))


@check(lambda: messages.CHECK5_HALVING, answer="function")
def check_halving_pool(build_fn):
    """``build_fn()`` returns a 2 x 2 max-pooling layer that turns every height and width i into
    ceil(i / 2); its output is compared with torch's max pooling on random sizes, odd ones included."""
    import torch
    import torch.nn.functional as F
    from torch import nn

    what = messages.CHECK5_WHAT_BUILD
    layer = call(build_fn, what=what)
    if layer is None:
        raise Hint(messages.CHECK_HINT_RETURNED_NONE.format(what=what))
    if not isinstance(layer, nn.Module):
        raise Hint(messages.CHECK5_HINT_NOT_A_MODULE.format(what=what, got=type(layer).__name__))
    rng = random.Random(0)
    for h, w in [(7, 6), (8, 8), (5, 9), *((rng.randint(1, 15), rng.randint(1, 15)) for _ in range(5))]:
        shape = (2, 3, h, w)
        what = messages.CHECK5_WHAT_LAYER.format(shape=shape)
        x = torch.randn(shape, dtype=float_dtype(layer))
        try:
            got = as_tensor(call(layer, x, what=what), what)
        except Hint as hint:
            if "pad should be at most half" in str(hint):
                raise Hint(messages.CHECK5_HINT_HALVING_PADDING) from None
            raise
        want = F.max_pool2d(x, 2, ceil_mode=True)
        if tuple(got.shape) != tuple(want.shape):
            raise Hint(messages.CHECK5_HINT_HALVING_SHAPE.format(shape=shape, got=tuple(got.shape),
                                                                 want=tuple(want.shape)))
        if not torch.equal(got, want):
            raise Hint(messages.CHECK5_HINT_HALVING_VALUES)
