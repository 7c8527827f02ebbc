"""What a convolution layer costs: multiply-accumulates, parameters, activation memory (lesson 7).

The formulas, for ``nn.Conv2d(C_in, C_out, (kH, kW), groups=g)`` on a batch of N images whose
output is ``H_out x W_out``:

- multiply-accumulates (MACs): ``N * C_out * H_out * W_out * (C_in / g) * kH * kW``: every
  output number is a sum of ``(C_in / g) * kH * kW`` products (the bias additions are not
  counted, as PyTorch's FLOP counter does not count them);
- parameters: ``C_out * (C_in / g) * kH * kW`` weights, plus ``C_out`` biases;
- activation memory: the output tensor, ``N * C_out * H_out * W_out`` numbers of the layer's
  dtype (4 bytes each for float32).

``counted_macs`` measures the first one with ``torch.utils.flop_counter.FlopCounterMode``,
which counts a multiply-accumulate as 2 floating-point operations.

    >>> from torch import nn
    >>> conv_cost(nn.Conv2d(3, 6, 3), (1, 3, 32, 32)).macs
    145800
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

import torch
from torch import nn

from convcourse.shapes import conv_output_size


@dataclass(frozen=True)
class ConvCost:
    macs: int
    params: int
    activation_bytes: int


def output_hw(layer: nn.Conv2d, input_hw) -> tuple[int, int]:
    """The output height and width of ``layer`` on an input of ``input_hw`` (lesson 3's formula)."""
    if layer.padding == "same":
        return tuple(int(n) for n in input_hw)
    padding = (0, 0) if layer.padding == "valid" else layer.padding
    return conv_output_size(tuple(int(n) for n in input_hw), layer.kernel_size, layer.stride, padding,
                            layer.dilation)


def conv_cost(layer: nn.Conv2d, input_shape) -> ConvCost:
    """MACs, parameters and output bytes of ``layer`` on a batch of ``input_shape`` (N, C, H, W),
    from the formulas above (no tensor is created)."""
    n, _, height, width = (int(d) for d in input_shape)
    h_out, w_out = output_hw(layer, (height, width))
    k_h, k_w = layer.kernel_size
    per_output = (layer.in_channels // layer.groups) * k_h * k_w
    outputs = n * layer.out_channels * h_out * w_out
    params = layer.out_channels * per_output + (layer.out_channels if layer.bias is not None else 0)
    bytes_per_number = torch.empty((), dtype=layer.weight.dtype).element_size()
    return ConvCost(outputs * per_output, params, outputs * bytes_per_number)


def model_cost(model: nn.Module, input_shape) -> ConvCost:
    """The sum of ``conv_cost`` over the model's Conv2d layers, each on the input it receives
    (found by running one zero batch through the model with forward hooks)."""
    totals = [0, 0, 0]
    handles = []

    def add(layer, inputs, output):
        cost = conv_cost(layer, inputs[0].shape)
        for index, value in enumerate((cost.macs, cost.params, cost.activation_bytes)):
            totals[index] += value

    for module in model.modules():
        if isinstance(module, nn.Conv2d):
            handles.append(module.register_forward_hook(add))
    try:
        with torch.no_grad():
            model(torch.zeros(input_shape))
    finally:
        for handle in handles:
            handle.remove()
    return ConvCost(*totals)


def counted_macs(model: nn.Module, x: torch.Tensor) -> int:
    """Run ``model(x)`` under FlopCounterMode and return its FLOPs / 2."""
    from torch.utils.flop_counter import FlopCounterMode

    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        model(x)
    flops = counter.get_total_flops()
    assert flops % 2 == 0, flops
    return flops // 2


def median_seconds(function, repeats: int = 7, warmup: int = 2) -> float:
    """The median wall-clock time of ``function()`` over ``repeats`` calls, after ``warmup`` calls."""
    for _ in range(warmup):
        function()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def param_count(model: nn.Module) -> int:
    """The number of learnable numbers of ``model``, as torch counts them."""
    return sum(p.numel() for p in model.parameters())


__all__ = ["ConvCost", "conv_cost", "counted_macs", "median_seconds", "model_cost", "output_hw",
           "param_count"]
