"""Output-size arithmetic of a 2-D convolution (Dumoulin & Visin 2016, section 2).

Every function takes ints or (height, width) pairs and answers in the same form as its
first argument. Names follow the guide: i input size, k kernel size, s stride, p padding,
d dilation, o output size; a dilated kernel spans d(k - 1) + 1 input positions.
"""

from __future__ import annotations

import operator


def _int(value, name: str) -> int:
    # bool is an int subclass; stride=True is a mistake, not a stride of 1 (torch refuses it too).
    if isinstance(value, bool):
        raise TypeError(f"{name} must be an int, got the bool {value!r}")
    try:
        return operator.index(value)  # accepts numpy integers, refuses floats such as 1.5
    except TypeError:
        raise TypeError(f"{name} must be an int or a pair of ints, got {value!r}") from None


def _pair(value, name: str) -> tuple[int, int]:
    """``3`` -> ``(3, 3)``; ``(3, 5)`` -> ``(3, 5)``; a 1-element sequence counts as an int."""
    if isinstance(value, (tuple, list)):
        if len(value) == 1:
            value = value[0]
        elif len(value) == 2:
            return _int(value[0], name), _int(value[1], name)
        else:
            raise TypeError(f"{name} must be an int or a pair of ints, got {value!r}")
    number = _int(value, name)
    return number, number


def _answer(values, like):
    # Answer in the caller's form: a pair for a pair, an int for an int (or a 1-element list).
    return tuple(values) if isinstance(like, (tuple, list)) and len(like) == 2 else values[0]


def _check_dim(i: int, k: int, s: int, p: int, d: int) -> int:
    """Validate one dimension's arguments and return the span d(k - 1) + 1 of the kernel."""
    if i < 1 or k < 1:
        raise ValueError(f"input and kernel sizes must be at least 1, got input {i}, kernel {k}")
    if s < 1 or d < 1:
        raise ValueError(f"stride and dilation must be at least 1, got stride {s}, dilation {d}")
    if p < 0:
        raise ValueError(f"padding must be at least 0, got {p}")
    span = d * (k - 1) + 1
    if span > i + 2 * p:
        raise ValueError(
            f"the kernel spans {span} positions (dilation {d} x (kernel {k} - 1) + 1) but the "
            f"padded input has only {i + 2 * p} (input {i} + 2 x padding {p})"
        )
    return span


def _per_dim(input_size, kernel_size, stride, padding, dilation):
    return zip(_pair(input_size, "input_size"), _pair(kernel_size, "kernel_size"),
               _pair(stride, "stride"), _pair(padding, "padding"),
               _pair(dilation, "dilation"), strict=True)


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    """Output size along one or two dimensions: floor((i + 2p - d(k-1) - 1) / s) + 1.

    Every argument is an int or an (height, width) pair; the answer has the same form
    as ``input_size``.

    >>> conv_output_size(5, 3)
    3
    >>> conv_output_size((5, 5), 3, stride=2, padding=1)
    (3, 3)
    """
    answer = []
    for i, k, s, p, d in _per_dim(input_size, kernel_size, stride, padding, dilation):
        span = _check_dim(i, k, s, p, d)
        answer.append((i + 2 * p - span) // s + 1)
    return _answer(answer, input_size)


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
    return _answer(answer, input_size)


def full_padding(kernel_size, dilation=1):
    """Padding d(k - 1): every partial overlap of kernel and input counts, o = i + d(k - 1).

    >>> full_padding(3)
    2
    >>> full_padding((3, 5), dilation=2)
    (4, 8)
    """
    answer = []
    for k, d in zip(_pair(kernel_size, "kernel_size"), _pair(dilation, "dilation"), strict=True):
        _check_kernel_and_dilation(k, d)
        answer.append(d * (k - 1))
    return _answer(answer, kernel_size)


def same_padding_before_after(kernel_size, dilation=1):
    """The (before, after) padding that keeps o = i at stride 1, split as torch's 'same' does.

    The total is d(k - 1); torch puts half (rounded down) before, i.e. top/left, and the rest
    after, i.e. bottom/right. The answer is a pair per dimension: ``((top, bottom), (left,
    right))`` for a pair of kernel sizes, ``(before, after)`` for an int.

    >>> same_padding_before_after(3)
    (1, 1)
    >>> same_padding_before_after((3, 4))
    ((1, 1), (1, 2))
    """
    answer = []
    for k, d in zip(_pair(kernel_size, "kernel_size"), _pair(dilation, "dilation"), strict=True):
        _check_kernel_and_dilation(k, d)
        total = d * (k - 1)
        answer.append((total // 2, total - total // 2))
    return _answer(answer, kernel_size)


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
        total = d * (k - 1)
        if total % 2:
            raise ValueError(
                f"no symmetric padding keeps the size of a kernel spanning {total + 1} positions "
                f"(dilation {d} x (kernel {k} - 1) + 1 is even): padding='same' pads "
                f"{total // 2} before and {total - total // 2} after"
            )
        answer.append(total // 2)
    return _answer(answer, kernel_size)


def _check_kernel_and_dilation(k: int, d: int) -> None:
    if k < 1:
        raise ValueError(f"kernel size must be at least 1, got {k}")
    if d < 1:
        raise ValueError(f"dilation must be at least 1, got {d}")
