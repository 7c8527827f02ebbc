"""Output-size arithmetic of a 2-D convolution (Dumoulin & Visin 2016, section 2)."""

from __future__ import annotations


def _pair(value, name: str) -> tuple[int, int]:
    if isinstance(value, int):
        return value, value
    if isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return int(value[0]), int(value[1])
    raise TypeError(f"{name} must be an int or a pair of ints, got {value!r}")


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    """Output size along one or two dimensions: floor((i + 2p - d(k-1) - 1) / s) + 1.

    Every argument is an int or an (height, width) pair; the answer has the same form
    as ``input_size``.

    >>> conv_output_size(5, 3)
    3
    >>> conv_output_size((5, 5), 3, stride=2, padding=1)
    (3, 3)
    """
    two_d = not isinstance(input_size, int)
    sizes = [_pair(input_size, "input_size"), _pair(kernel_size, "kernel_size"),
             _pair(stride, "stride"), _pair(padding, "padding"), _pair(dilation, "dilation")]
    answer = []
    for i, k, s, p, d in zip(*sizes, strict=True):
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
        answer.append((i + 2 * p - span) // s + 1)
    return tuple(answer) if two_d else answer[0]
