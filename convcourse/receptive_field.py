"""The receptive field of a stack of convolutions along one dimension, strides included.

Each layer is a tuple ``(kernel_size, stride)``, optionally followed by ``padding`` and
``dilation``, in the order ``nn.Conv2d`` takes them. Two numbers describe the outputs of a layer,
measured in input positions: the **receptive field** ``r`` (how many input positions one output
depends on, from its first to its last) and the **jump** ``j`` (how far apart two neighbouring
outputs are in the input). Before any layer, ``r = j = 1``; a layer with kernel ``k``, stride
``s`` and dilation ``d`` gives

    j_out = j_in * s,        r_out = r_in + (k - 1) * d * j_in.

    >>> receptive_field([(3, 2), (3, 2), (3, 1)])
    (15, 4)
    >>> receptive_field_steps([(3, 2), (3, 1)])
    [(1, 1), (3, 2), (7, 2)]
"""

from __future__ import annotations

import operator

from convcourse import messages
from convcourse.shapes import kernel_span


def _whole_number(value, name: str, minimum: int) -> int:
    if isinstance(value, bool):  # True is an int in Python, but never a kernel size
        raise TypeError(messages.RF_NOT_AN_INT.format(name=name, value=value))
    try:
        number = operator.index(value)  # ints and numpy integers; refuses 2.5 and "3"
    except TypeError:
        raise TypeError(messages.RF_NOT_AN_INT.format(name=name, value=repr(value))) from None
    if number < minimum:
        raise ValueError(messages.RF_TOO_SMALL.format(name=name, minimum=minimum, value=number))
    return number


def _layer(layer) -> tuple[int, int, int, int]:
    """``(k, s)``, ``(k, s, p)`` or ``(k, s, p, d)`` -> validated ``(k, s, p, d)``."""
    if not isinstance(layer, (tuple, list)) or not 2 <= len(layer) <= 4:
        raise TypeError(messages.RF_BAD_LAYER.format(layer=repr(layer)))
    k, s, p, d = (*layer, 0, 1)[:4] if len(layer) == 2 else (*layer, 1)[:4]
    return (_whole_number(k, "kernel_size", 1), _whole_number(s, "stride", 1),
            _whole_number(p, "padding", 0), _whole_number(d, "dilation", 1))


def _layers(layers) -> list[tuple[int, int, int, int]]:
    if isinstance(layers, (str, bytes)) or not hasattr(layers, "__iter__"):
        raise TypeError(messages.RF_BAD_LAYERS.format(layers=repr(layers)))
    return [_layer(layer) for layer in layers]


def receptive_field_steps(layers) -> list[tuple[int, int]]:
    """``(r, j)`` before the first layer and after each layer: the jump recursion step by step."""
    r, j = 1, 1
    steps = [(r, j)]
    for k, s, _, d in _layers(layers):
        r, j = r + (k - 1) * d * j, j * s
        steps.append((r, j))
    return steps


def receptive_field(layers) -> tuple[int, int]:
    """``(r, j)`` of the last layer's outputs: receptive field size and jump, in input positions."""
    return receptive_field_steps(layers)[-1]


def receptive_field_rows(layers, index: int, input_size: int) -> range:
    """The input positions from the first to the last that output ``index`` of the last layer
    depends on, padding left out.

    Away from the borders this is ``r`` positions (:func:`receptive_field`) starting at
    ``index * J - sum(p_l * j_l)`` (``J`` the total jump, ``j_l`` the jump before layer ``l``).
    Near a border, part of that span lies in the padding of some layer, or past the last window
    of some layer (rows a stride never reaches); the range is computed layer by layer, from the
    last back to the first, and cut to each layer's real input at each step. Outputs ``a .. b``
    of a layer read its input positions ``a * s - p .. b * s - p + d * (k - 1)``. When a stride
    is larger than the kernel's span, or with dilation, the field has holes: the range runs from
    its first to its last position all the same.

    >>> receptive_field_rows([(3, 2, 1)], 0, 8)
    range(0, 2)
    """
    checked = _layers(layers)
    index = _whole_number(index, "index", 0)
    input_size = _whole_number(input_size, "input_size", 1)
    sizes = [input_size]  # the input size of each layer, then the last layer's output size
    for number, (k, s, p, d) in enumerate(checked):
        span, room = kernel_span(k, d), sizes[-1] + 2 * p
        if span > room:
            raise ValueError(messages.RF_DOES_NOT_FIT.format(layer=number, span=span, room=room))
        sizes.append((room - span) // s + 1)
    if index >= sizes[-1]:
        raise ValueError(messages.RF_INDEX_OUTSIDE.format(index=index, outputs=sizes[-1],
                                                         input_size=input_size, last=sizes[-1] - 1))
    first, last = index, index
    for (k, s, p, d), size in zip(reversed(checked), reversed(sizes[:-1]), strict=True):
        first, last = max(first * s - p, 0), min(last * s - p + d * (k - 1), size - 1)
        if first > last:  # only padding: the output depends on no input position
            return range(0, 0)
    return range(first, last + 1)
