"""Look inside a model while it runs, with forward hooks (lessons 1 and 5).

    >>> import torch
    >>> from torch import nn
    >>> net = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU())
    >>> shape_trace(net, torch.zeros(2, 1, 8, 8))
    [('0', 'Conv2d', (2, 4, 6, 6)), ('1', 'ReLU', (2, 4, 6, 6))]
"""

from __future__ import annotations

import torch
from torch import nn

from convcourse import messages


def shape_trace(module: nn.Module, batch: torch.Tensor) -> list[tuple[str, str, tuple[int, ...]]]:
    """Run ``module(batch)`` and return (name, layer type, output shape) for every sub-module,
    in the order they ran. The hooks are removed afterwards, even if the forward fails."""
    records, handles = [], []
    for name, sub in module.named_modules():
        if sub is module:
            continue  # the model itself: its output is the last record anyway

        def hook(layer, inputs, output, name=name):
            records.append((name, type(layer).__name__, tuple(output.shape)))

        handles.append(sub.register_forward_hook(hook))
    try:
        with torch.no_grad():
            module(batch)
    finally:
        for handle in handles:
            handle.remove()
    return records


def capture_outputs(module: nn.Module, batch: torch.Tensor, names) -> dict[str, torch.Tensor]:
    """Run ``module(batch)`` and return the outputs of the sub-modules called ``names``."""
    wanted = dict(module.named_modules())
    missing = [name for name in names if name not in wanted]
    if missing:
        raise KeyError(messages.HOOKS_NO_SUBMODULE.format(name=missing[0], names=list(wanted)[1:]))
    outputs, handles = {}, []
    for name in names:
        def hook(layer, inputs, output, name=name):
            outputs[name] = output.detach()

        handles.append(wanted[name].register_forward_hook(hook))
    try:
        with torch.no_grad():
            module(batch)
    finally:
        for handle in handles:
            handle.remove()
    return outputs
