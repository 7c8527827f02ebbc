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


def _run_with_hooks(module: nn.Module, batch: torch.Tensor, hooks: dict[nn.Module, object]) -> None:
    """Run ``module(batch)`` without gradients, with a forward hook on each given sub-module;
    the hooks are removed afterwards, even if the forward fails."""
    handles = [sub.register_forward_hook(hook) for sub, hook in hooks.items()]
    try:
        with torch.no_grad():
            module(batch)
    finally:
        for handle in handles:
            handle.remove()


def shape_trace(module: nn.Module, batch: torch.Tensor) -> list[tuple[str, str, tuple[int, ...]]]:
    """Run ``module(batch)`` and return (name, layer type, output shape) for every sub-module,
    in the order they ran. The hooks are removed afterwards, even if the forward fails."""
    records, hooks = [], {}
    for name, sub in module.named_modules():
        if sub is module:
            continue  # the model itself: its output is the last record anyway

        def hook(layer, inputs, output, name=name):
            records.append((name, type(layer).__name__, tuple(output.shape)))

        hooks[sub] = hook
    _run_with_hooks(module, batch, hooks)
    return records


def capture_outputs(module: nn.Module, batch: torch.Tensor, names) -> dict[str, torch.Tensor]:
    """Run ``module(batch)`` and return the outputs of the sub-modules called ``names``."""
    wanted = dict(module.named_modules())
    missing = [name for name in names if name not in wanted]
    if missing:
        raise KeyError(messages.HOOKS_NO_SUBMODULE.format(name=missing[0], names=list(wanted)[1:]))
    outputs, hooks = {}, {}
    for name in names:
        def hook(layer, inputs, output, name=name):
            outputs[name] = output.detach()

        hooks[wanted[name]] = hook
    _run_with_hooks(module, batch, hooks)
    return outputs
