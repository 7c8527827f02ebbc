"""convcourse.costs: the MAC, parameter and memory formulas against torch's own counts."""

from __future__ import annotations

import pytest
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from convcourse.costs import conv_cost, counted_macs, median_seconds, model_cost, output_hw, param_count

LAYERS = [
    nn.Conv2d(3, 6, 3),
    nn.Conv2d(4, 8, (3, 5), stride=(2, 1), padding=(1, 2)),
    nn.Conv2d(8, 8, 3, padding="same", dilation=2, groups=8),
    nn.Conv2d(6, 4, 2, padding="valid", groups=2, bias=False),
    nn.Conv2d(3, 5, 3, padding=2, padding_mode="reflect"),
    nn.Conv2d(2, 2, 4, padding="same", padding_mode="circular"),
]


@pytest.mark.parametrize("layer", LAYERS, ids=repr)
def test_formulas_match_flop_counter_parameters_and_the_real_output(layer):
    shape = (2, layer.in_channels, 13, 11)
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        out = layer(torch.zeros(shape))
    cost = conv_cost(layer, shape)
    assert 2 * cost.macs == counter.get_total_flops()
    assert cost.params == sum(p.numel() for p in layer.parameters())
    assert cost.activation_bytes == out.numel() * out.element_size()
    assert output_hw(layer, shape[2:]) == tuple(out.shape[2:])


def test_model_cost_adds_up_the_convolutions_each_on_its_own_input():
    model = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.Conv2d(4, 8, 3, stride=2),
                          nn.Flatten())
    x = torch.zeros(3, 1, 10, 10)
    cost = model_cost(model, x.shape)
    assert cost.macs == counted_macs(model, x) == 3 * (4 * 100 * 9 + 8 * 16 * 36)
    assert cost.params == param_count(model)
    assert cost.activation_bytes == 4 * 3 * (4 * 100 + 8 * 16)
    assert not model[0]._forward_hooks  # the hooks are removed


def test_float64_layers_take_eight_bytes_per_number():
    layer = nn.Conv2d(1, 1, 3, dtype=torch.float64)
    assert conv_cost(layer, (1, 1, 5, 5)).activation_bytes == 9 * 8


def test_median_seconds_calls_the_function_warmup_plus_repeats_times():
    calls = []
    seconds = median_seconds(lambda: calls.append(1), repeats=5, warmup=2)
    assert len(calls) == 7 and seconds >= 0
