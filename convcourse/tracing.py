"""Watch a module's ``forward`` run, line by line, without a debugger (lesson 1).

``trace_forward(module, *inputs)`` calls ``module(*inputs)`` and prints, before each line of the
module's own ``forward`` runs, that line and the shape of every tensor variable in scope; then
what ``forward`` returns. It uses ``sys.settrace``, the mechanism Python debuggers are built on,
follows only ``forward`` itself (not the layers it calls), and gives back any tracer that was
active before (a debugger, a coverage tool).

    >>> import torch
    >>> from torch import nn
    >>> class AddOne(nn.Module):
    ...     def forward(self, x):
    ...         y = x + 1
    ...         return y
    >>> _ = trace_forward(AddOne(), torch.zeros(2, 3))  # doctest: +NORMALIZE_WHITESPACE
    [x: (2, 3)]              next: y = x + 1
    [x: (2, 3), y: (2, 3)]   next: return y
                             returns a tensor of shape (2, 3)

The words it prints come from ``convcourse.messages`` (``TRACE_*``).
"""

from __future__ import annotations

import linecache
import sys

from convcourse import messages


def describe_value(value) -> str:
    """'a tensor of shape (2, 3)' for a tensor, the same for each tensor in a tuple or list
    (never the tensors' values, which can be long), a short repr of anything else."""
    import reprlib

    import torch

    if isinstance(value, torch.Tensor):
        return messages.TRACE_TENSOR.format(shape=tuple(value.shape))
    if isinstance(value, (tuple, list)) and any(isinstance(item, torch.Tensor) for item in value):
        items = ", ".join(describe_value(item) for item in value[:8]) + (", ..." if len(value) > 8 else "")
        return f"({items})" if isinstance(value, tuple) else f"[{items}]"
    return reprlib.repr(value)


def tensor_shapes(variables) -> str:
    """'[x: (2, 3), y: (4,)]': the shape of every tensor among ``variables`` (a dict)."""
    import torch

    shapes = [messages.TRACE_SHAPE.format(name=name, shape=tuple(value.shape))
              for name, value in variables.items() if isinstance(value, torch.Tensor)]
    return "[" + messages.TRACE_SHAPES_JOINER.join(shapes) + "]"


def trace_forward(module, *inputs, file=None):
    """Call ``module(*inputs)``, printing each line of its ``forward`` with the tensor shapes in
    scope before it runs, and what ``forward`` returns; return the module's output."""
    forward = getattr(type(module), "forward", None)
    code = getattr(forward, "__code__", None)
    if code is None:
        raise TypeError(messages.TRACE_NOT_A_MODULE.format(type=type(module).__name__))
    out = sys.stdout if file is None else file
    raised = []

    def tracer(frame, event, arg):
        if frame.f_code is not code:
            return None  # only follow forward itself, not the layers it calls
        if event == "line":
            raised.clear()  # an exception caught inside forward: forward goes on
            line = linecache.getline(frame.f_code.co_filename, frame.f_lineno).strip()
            print(messages.TRACE_LINE.format(shapes=tensor_shapes(frame.f_locals), line=line), file=out)
        elif event == "exception":
            raised.append(frame)  # the "return" that follows carries no value: print nothing
        elif event == "return" and not (raised and raised[-1] is frame):
            print(messages.TRACE_RETURN.format(blank="", value=describe_value(arg)), file=out)
        return tracer

    previous = sys.gettrace()  # a debugger may be tracing already: give it back afterwards
    sys.settrace(tracer)
    try:
        return module(*inputs)
    finally:
        sys.settrace(previous)
