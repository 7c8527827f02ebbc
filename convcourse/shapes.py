"""Output-size arithmetic of a 2-D convolution (Dumoulin & Visin 2016, section 2), of pooling
(``pool_output_size``) and of a transposed convolution (``conv_transpose_output_size``).

Every function takes ints or (height, width) pairs. It answers with a pair when any argument
is a pair, and with an int when all are ints. Names follow the guide: i input size, k kernel
size, s stride, p padding, d dilation, o output size.

The fit rule lives here and only here: a dilated kernel spans ``kernel_span(k, d)`` =
d(k - 1) + 1 input positions, and it fits when that span is at most the padded input,
``kernel_fits(i, k, p, d)``. The reference convolution, the explorer and the checks ask these
two functions instead of writing the rule again.

A refusal is a ValueError (a TypeError for a value that is not an int) whose one line comes
from the message catalogue, in the reader's language.
"""

from __future__ import annotations

import operator

from convcourse import messages


def _int(value, name: str) -> int:
    # bool is an int subclass; stride=True is a mistake, not a stride of 1 (torch refuses it too).
    if isinstance(value, bool):
        raise TypeError(messages.SHAPE_BOOL.format(name=name, value=value))
    try:
        return operator.index(value)  # accepts numpy integers, refuses floats such as 1.5
    except TypeError:
        raise TypeError(messages.SHAPE_NOT_AN_INT.format(name=name, value=value)) from None


def _pair(value, name: str) -> tuple[int, int]:
    """``3`` -> ``(3, 3)``; ``(3, 5)`` -> ``(3, 5)``; a 1-element sequence counts as an int."""
    if isinstance(value, (tuple, list)):
        if len(value) == 1:
            value = value[0]
        elif len(value) == 2:
            return _int(value[0], name), _int(value[1], name)
        else:
            raise TypeError(messages.SHAPE_NOT_AN_INT.format(name=name, value=value))
    number = _int(value, name)
    return number, number


def _is_pair(value) -> bool:
    return isinstance(value, (tuple, list)) and len(value) == 2


def _answer(values, *arguments):
    """A pair when any argument is a pair; else the int (a 1-element list counts as an int).

    ``values`` holds one answer per dimension, computed from the arguments as pairs, so an int
    answer only comes from arguments that are the same along both dimensions.
    """
    return tuple(values) if any(_is_pair(a) for a in arguments) else values[0]


def kernel_span(kernel_size, dilation=1):
    """Input positions a dilated kernel covers from its first tap to its last: d(k - 1) + 1.

    >>> kernel_span(3)
    3
    >>> kernel_span(3, dilation=2)
    5
    >>> kernel_span((3, 2), dilation=(1, 4))
    (3, 5)
    """
    answer = []
    for k, d in zip(_pair(kernel_size, "kernel_size"), _pair(dilation, "dilation"), strict=True):
        _check_kernel_and_dilation(k, d)
        answer.append(d * (k - 1) + 1)
    return _answer(answer, kernel_size, dilation)


def kernel_fits(input_size, kernel_size, padding=0, dilation=1) -> bool:
    """The fit rule: the kernel's span d(k - 1) + 1 is at most the padded input i + 2p.

    True only when it holds along every dimension (ints or (height, width) pairs). For uneven
    padding, pass the padded size as ``input_size`` and ``padding=0``. Torch refuses exactly
    the settings where this is False.

    >>> kernel_fits(5, 3), kernel_fits(5, 7), kernel_fits(5, 7, padding=1)
    (True, False, True)
    >>> kernel_fits((5, 5), (3, 3), dilation=(1, 3))
    False
    """
    spans = _pair(kernel_span(kernel_size, dilation), "kernel_size")
    return all(span <= i + 2 * p for span, i, p in zip(
        spans, _pair(input_size, "input_size"), _pair(padding, "padding"), strict=True))


def _check_dim(i: int, k: int, s: int, p: int, d: int) -> int:
    """Validate one dimension's arguments and return the span d(k - 1) + 1 of the kernel."""
    if i < 1 or k < 1:
        raise ValueError(messages.SHAPE_SIZES_TOO_SMALL.format(i=i, k=k))
    _check_stride_dilation_padding(s, p, d)
    span = kernel_span(k, d)
    if not kernel_fits(i, k, p, d):
        raise ValueError(messages.SHAPE_KERNEL_TOO_BIG.format(span=span, d=d, k=k,
                                                              padded=i + 2 * p, i=i, p=p))
    return span


def _check_stride_dilation_padding(s: int, p: int, d: int) -> None:
    if s < 1 or d < 1:
        raise ValueError(messages.SHAPE_STRIDE_DILATION_TOO_SMALL.format(s=s, d=d))
    if p < 0:
        raise ValueError(messages.SHAPE_PADDING_NEGATIVE.format(p=p))


def _per_dim(input_size, kernel_size, stride, padding, dilation):
    return zip(_pair(input_size, "input_size"), _pair(kernel_size, "kernel_size"),
               _pair(stride, "stride"), _pair(padding, "padding"),
               _pair(dilation, "dilation"), strict=True)


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    """Output size along one or two dimensions: floor((i + 2p - d(k-1) - 1) / s) + 1.

    Every argument is an int or an (height, width) pair; the answer is a pair when any
    argument is a pair.

    >>> conv_output_size(5, 3)
    3
    >>> conv_output_size((5, 5), 3, stride=2, padding=1)
    (3, 3)
    >>> conv_output_size(5, (3, 4))
    (3, 2)
    """
    answer = []
    for i, k, s, p, d in _per_dim(input_size, kernel_size, stride, padding, dilation):
        span = _check_dim(i, k, s, p, d)
        answer.append((i + 2 * p - span) // s + 1)
    return _answer(answer, input_size, kernel_size, stride, padding, dilation)


def pool_output_size(input_size, kernel_size, stride=None, padding=0, dilation=1,
                     ceil_mode=False):
    """Output size of ``nn.MaxPool2d`` (and, with dilation 1, ``nn.AvgPool2d``).

    o = floor((i + 2p - d(k-1) - 1) / s) + 1, or with ``ceil_mode`` the ceiling, minus one if
    that last window would start at or after i + p (entirely in the right or bottom padding).
    ``stride=None`` means the window size, as in the layers. Ints or (height, width) pairs, as
    ``conv_output_size``. Refuses (ValueError) exactly what PyTorch 2.13 refuses: a size or stride
    below 1, a negative padding, a padding of more than half the window (2p > k; PyTorch leaves
    the dilation out of this test), and an output smaller than 1.

    >>> pool_output_size(5, 3)
    1
    >>> pool_output_size(5, 3, ceil_mode=True)
    2
    >>> pool_output_size((6, 5), 2, stride=1)
    (5, 4)
    """
    if stride is None:
        stride = kernel_size
    if isinstance(ceil_mode, bool):
        ceil = ceil_mode
    else:  # ceil_mode="yes" would count as true; torch refuses anything but a bool too
        raise TypeError(messages.SHAPE_NOT_A_BOOL.format(name="ceil_mode", value=ceil_mode))
    answer = []
    for i, k, s, p, d in _per_dim(input_size, kernel_size, stride, padding, dilation):
        if i < 1 or k < 1:
            raise ValueError(messages.POOL_SIZES_TOO_SMALL.format(i=i, k=k))
        _check_stride_dilation_padding(s, p, d)
        if 2 * p > k:
            raise ValueError(messages.POOL_PADDING_TOO_BIG.format(p=p, k=k, most=k // 2))
        span = kernel_span(k, d)
        room = i + 2 * p - span  # how far the window can move and still lie inside
        o = (-(-room // s) if ceil else room // s) + 1
        if ceil and (o - 1) * s >= i + p:
            o -= 1  # the last window would start in the padding after the input: dropped
        if o < 1:
            raise ValueError(messages.POOL_NO_OUTPUT.format(
                span=span, d=d, k=k, padded=i + 2 * p, i=i, p=p, s=s, o=o))
        answer.append(o)
    return _answer(answer, input_size, kernel_size, stride, padding, dilation)


def conv_transpose_output_size(input_size, kernel_size, stride=1, padding=0, output_padding=0,
                               dilation=1):
    """Output size of ``nn.ConvTranspose2d``: s(i - 1) - 2p + d(k - 1) + output_padding + 1.

    Ints or (height, width) pairs, as ``conv_output_size``. Refuses (ValueError) what PyTorch
    2.13 refuses: sizes, strides or dilations below 1, a negative padding or output padding, an
    output padding not smaller than the stride or the dilation (it must be less than at least
    one of them), and an output smaller than 1. (For an output of exactly 0, torch returns an
    empty tensor instead of raising; an output with no cells is refused here, not passed on.)

    >>> conv_transpose_output_size(3, 3, stride=2)
    7
    >>> conv_transpose_output_size(4, 4, stride=2, padding=1)
    8
    >>> conv_transpose_output_size(3, 3, 2, 1, 1)
    6
    """
    answer = []
    for (i, k, s, p, d), q in zip(_per_dim(input_size, kernel_size, stride, padding, dilation),
                                  _pair(output_padding, "output_padding"), strict=True):
        if i < 1 or k < 1:
            raise ValueError(messages.SHAPE_SIZES_TOO_SMALL.format(i=i, k=k))
        _check_stride_dilation_padding(s, p, d)
        if q < 0:
            raise ValueError(messages.TRANSPOSED_OUTPUT_PADDING_NEGATIVE.format(q=q))
        if q >= max(s, d):
            raise ValueError(messages.TRANSPOSED_OUTPUT_PADDING_TOO_BIG.format(
                q=q, s=s, d=d, most=max(s, d) - 1))
        o = s * (i - 1) - 2 * p + d * (k - 1) + q + 1
        if o < 1:
            raise ValueError(messages.TRANSPOSED_SIZE_NO_OUTPUT.format(
                s=s, i=i, p=p, d=d, k=k, q=q, o=o))
        answer.append(o)
    return _answer(answer, input_size, kernel_size, stride, padding, output_padding, dilation)


def unreached_input(input_size, kernel_size, stride=1, padding=0, dilation=1):
    """Rows (or columns) at the bottom (or right) of the padded input no window reaches.

    The window's last start leaves (i + 2p - d(k-1) - 1) mod s positions untouched: the
    floor in ``conv_output_size`` throws them away. Zero means the windows fit exactly.

    >>> unreached_input(5, 3, stride=2)   # windows start at 0 and 2, ending at row 4
    0
    >>> unreached_input(6, 3, stride=2)   # the same windows miss row 5
    1
    """
    answer = []
    for i, k, s, p, d in _per_dim(input_size, kernel_size, stride, padding, dilation):
        span = _check_dim(i, k, s, p, d)
        answer.append((i + 2 * p - span) % s)
    return _answer(answer, input_size, kernel_size, stride, padding, dilation)


def full_padding(kernel_size, dilation=1):
    """Padding d(k - 1): every partial overlap of kernel and input counts, o = i + d(k - 1).

    >>> full_padding(3)
    2
    >>> full_padding((3, 5), dilation=2)
    (4, 8)
    >>> full_padding(3, dilation=(1, 2))
    (2, 4)
    """
    answer = []
    for k, d in zip(_pair(kernel_size, "kernel_size"), _pair(dilation, "dilation"), strict=True):
        _check_kernel_and_dilation(k, d)
        answer.append(kernel_span(k, d) - 1)
    return _answer(answer, kernel_size, dilation)


def same_padding_before_after(kernel_size, dilation=1):
    """The (before, after) padding that keeps o = i at stride 1, split as torch's 'same' does.

    The total is d(k - 1); torch puts half (rounded down) before, i.e. top/left, and the rest
    after, i.e. bottom/right. The answer is a pair per dimension: ``((top, bottom), (left,
    right))`` when the kernel size or the dilation is a pair, ``(before, after)`` for ints.

    >>> same_padding_before_after(3)
    (1, 1)
    >>> same_padding_before_after((3, 4))
    ((1, 1), (1, 2))
    """
    answer = []
    for k, d in zip(_pair(kernel_size, "kernel_size"), _pair(dilation, "dilation"), strict=True):
        _check_kernel_and_dilation(k, d)
        total = kernel_span(k, d) - 1
        answer.append((total // 2, total - total // 2))
    return _answer(answer, kernel_size, dilation)


def same_padding(kernel_size, dilation=1):
    """Half padding d(k - 1) / 2: the same on both sides, and o = i at stride 1.

    It exists only when the dilated kernel's span d(k - 1) + 1 is odd (any odd k, or any d
    that makes d(k - 1) even). For an even span no symmetric padding keeps the size, so this
    raises ValueError; ``padding='same'`` then pads one more at the bottom/right (see
    ``same_padding_before_after``).

    >>> same_padding(3)
    1
    >>> same_padding((3, 5), dilation=(1, 2))
    (1, 4)
    """
    answer = []
    for k, d in zip(_pair(kernel_size, "kernel_size"), _pair(dilation, "dilation"), strict=True):
        _check_kernel_and_dilation(k, d)
        total = kernel_span(k, d) - 1
        if total % 2:
            raise ValueError(
                f"no symmetric padding keeps the size of a kernel spanning {total + 1} positions "
                f"(dilation {d} x (kernel {k} - 1) + 1 is even): padding='same' pads "
                f"{total // 2} before and {total - total // 2} after"
            )
        answer.append(total // 2)
    return _answer(answer, kernel_size, dilation)


def _check_kernel_and_dilation(k: int, d: int) -> None:
    if k < 1:
        raise ValueError(f"kernel size must be at least 1, got {k}")
    if d < 1:
        raise ValueError(f"dilation must be at least 1, got {d}")
