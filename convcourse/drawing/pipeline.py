"""A model drawn as a pipeline of boxes: one box per step, the data's shape under its name.

Lesson 1 draws its example model (input, convolution, ReLU, convolution, ReLU) this way, with
shapes measured by running a tensor through the steps (:func:`measure_steps`), never typed in.

    >>> import matplotlib.pyplot as plt
    >>> import torch
    >>> steps = measure_steps(torch.zeros(1, 1, 4, 4), [("double", "conv", lambda t: 2 * t)])
    >>> steps
    [('x', 'input', (1, 4, 4)), ('double', 'conv', (1, 4, 4))]
    >>> fig, ax = plt.subplots()
    >>> ax = draw_pipeline(ax, steps)
    >>> [text.get_text() for text in ax.texts]
    ['x', '1×4×4', 'double', '1×4×4']

Words: the box names are code (layer names); shapes are numbers. Nothing else is written.
"""

from __future__ import annotations

from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from convcourse import messages

#: Okabe-Ito colours, and a different outline per kind of step, so colour is not the only cue.
KIND_STYLES = {
    "input": {"facecolor": "#E69F00", "boxstyle": "square,pad=0.02", "linestyle": "--"},
    "conv": {"facecolor": "#56B4E9", "boxstyle": "square,pad=0.02", "linestyle": "-"},
    "relu": {"facecolor": "#F0E442", "boxstyle": "round,pad=0.02,rounding_size=0.3", "linestyle": "-"},
}
BOX_WIDTH, GAP = 1.5, 0.5


def measure_steps(x, layers, input_name: str = "x"):
    """Run ``x`` through ``layers`` = [(name, kind, callable), ...] in turn; return
    [(name, kind, shape without the batch dimension), ...], the input first (kind 'input')."""
    import torch

    if not isinstance(x, torch.Tensor) or x.dim() < 1:
        raise TypeError(messages.FIGURE_PIPELINE_NOT_A_TENSOR.format(type=type(x).__name__))
    steps = [(input_name, "input", tuple(x.shape[1:]))]
    for layer_tuple in _items(layers, messages.FIGURE_PIPELINE_BAD_LAYER, "layer"):
        well_formed = isinstance(layer_tuple, (tuple, list)) and len(layer_tuple) == 3
        if not well_formed or not callable(layer_tuple[2]):
            raise TypeError(messages.FIGURE_PIPELINE_BAD_LAYER.format(layer=repr(layer_tuple)[:60]))
        name, kind, layer = layer_tuple
        x = layer(x)
        if not isinstance(x, torch.Tensor):
            raise TypeError(messages.FIGURE_PIPELINE_LAYER_OUTPUT.format(name=name, type=type(x).__name__))
        steps.append((name, kind, tuple(x.shape[1:])))
    return steps


def _items(values, message: str, field: str) -> list:
    """``list(values)`` for a list or tuple; a TypeError with ``message`` for anything else."""
    if not isinstance(values, (list, tuple)):
        raise TypeError(message.format(**{field: repr(values)[:60], "step": repr(values)[:60]}))
    return list(values)


def draw_pipeline(ax, steps, fontsize: int = 13):
    """Draw ``steps`` = [(name, kind, shape), ...] left to right on ``ax``, with arrows between
    them; ``kind`` is 'input', 'conv' or 'relu' (see ``KIND_STYLES``). Returns ``ax``."""
    steps = _items(steps, messages.FIGURE_PIPELINE_BAD_STEP, "step")
    if not steps:
        raise ValueError(messages.FIGURE_PIPELINE_NO_STEPS)
    for step in steps:
        if not isinstance(step, (tuple, list)) or len(step) != 3 or not isinstance(step[2], (tuple, list)):
            raise TypeError(messages.FIGURE_PIPELINE_BAD_STEP.format(step=repr(step)[:60]))
        name, kind, _shape = step
        if kind not in KIND_STYLES:
            raise ValueError(messages.FIGURE_PIPELINE_BAD_KIND.format(kind=kind, name=name,
                                                                     kinds=sorted(KIND_STYLES)))
    for index, (name, kind, shape) in enumerate(steps):
        style = KIND_STYLES[kind]
        left = index * (BOX_WIDTH + GAP)
        ax.add_patch(FancyBboxPatch((left, 0), BOX_WIDTH, 1, boxstyle=style["boxstyle"],
                                    facecolor=style["facecolor"], edgecolor="black", linewidth=1.5,
                                    linestyle=style["linestyle"]))
        # A name is code (monospace); a character the monospace font lacks (a Chinese name)
        # comes from the sans-serif font, which set_language("zh_CN") makes a CJK one.
        ax.text(left + BOX_WIDTH / 2, 0.62, name, ha="center", va="center", fontsize=fontsize,
                family=["monospace", "sans-serif"])
        ax.text(left + BOX_WIDTH / 2, 0.3, "×".join(str(d) for d in shape), ha="center",
                va="center", fontsize=fontsize - 3)
        if index:
            ax.add_patch(FancyArrowPatch((left - GAP, 0.5), (left, 0.5), arrowstyle="-|>",
                                         mutation_scale=15, color="black"))
    ax.set_xlim(-0.1, len(steps) * (BOX_WIDTH + GAP) - GAP + 0.1)
    ax.set_ylim(-0.1, 1.1)
    ax.axis("off")
    return ax
