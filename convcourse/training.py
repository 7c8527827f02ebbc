"""A small seeded training loop that stops, naming the step, when the loss is not finite (lesson 5).

    >>> import torch
    >>> from torch import nn
    >>> _ = torch.manual_seed(0); model = nn.Linear(1, 1)
    >>> x = torch.linspace(-1, 1, 32).unsqueeze(1)
    >>> losses = train(model, x, 3 * x, nn.functional.mse_loss, steps=200, lr=0.1)
    >>> round(model.weight.item(), 3)
    3.0
"""

from __future__ import annotations

import math

import torch

from convcourse import messages


class TrainingDiverged(RuntimeError):
    """The loss became NaN or infinite at ``step``; the message names the step.

    ``step`` and ``loss`` are attributes too, so code can test them in any language.
    """

    def __init__(self, message: str, step: int, loss: float):
        super().__init__(message)
        self.step = step
        self.loss = loss


def stop_if_not_finite(loss, step: int) -> float:
    """Return ``loss`` as a float, or raise TrainingDiverged naming ``step`` if it is NaN or inf."""
    value = float(loss.detach()) if isinstance(loss, torch.Tensor) else float(loss)
    if not math.isfinite(value):
        raise TrainingDiverged(messages.TRAINING_DIVERGED.format(step=step, loss=value), step, value)
    return value


def train(model, x, y, loss_fn, *, steps: int, lr: float, batch_size: int | None = None,
          optimizer: str = "adam", seed: int = 0) -> list[float]:
    """Train ``model`` on ``(x, y)`` for ``steps`` optimiser steps; return the loss of every step.

    ``batch_size=None`` uses the whole set at every step; otherwise the set is shuffled (by a
    generator seeded with ``seed``) at the start of every pass and cut into batches of
    ``batch_size`` (a last, incomplete batch is left out). ``optimizer`` is ``"adam"`` or
    ``"sgd"``. A NaN or infinite loss raises :class:`TrainingDiverged` naming the step, before
    the bad gradient touches the weights.
    """
    if optimizer not in ("adam", "sgd"):
        raise ValueError(messages.TRAINING_BAD_OPTIMIZER.format(optimizer=optimizer))
    if not isinstance(steps, int) or steps < 1:
        raise ValueError(messages.TRAINING_BAD_STEPS.format(steps=steps))
    chosen = torch.optim.Adam if optimizer == "adam" else torch.optim.SGD
    opt = chosen(model.parameters(), lr=lr)
    generator = torch.Generator().manual_seed(seed)
    n = len(x)
    size = n if batch_size is None else min(int(batch_size), n)
    batches = []
    losses = []
    model.train()
    for step in range(1, steps + 1):
        if not batches:
            order = torch.arange(n) if batch_size is None else torch.randperm(n, generator=generator)
            batches = [order[start:start + size] for start in range(0, n - size + 1, size)]
        index = batches.pop(0)
        loss = loss_fn(model(x[index]), y[index])
        losses.append(stop_if_not_finite(loss, step))
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    return losses


def accuracy(model, x, y) -> float:
    """The fraction of ``x`` that ``model`` classifies as ``y`` (largest output wins)."""
    with torch.no_grad():
        return (model(x).argmax(dim=1) == y).float().mean().item()
