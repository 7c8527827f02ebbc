"""convcourse.hooks: shape traces and captured outputs, with the hooks removed afterwards."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from convcourse.hooks import capture_outputs, shape_trace


def net():
    return nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.Conv2d(4, 2, 3, stride=2), nn.Flatten())


def test_shape_trace_lists_every_sub_module_in_running_order_with_its_output_shape():
    model = net()
    assert shape_trace(model, torch.zeros(2, 1, 9, 9)) == [
        ("0", "Conv2d", (2, 4, 9, 9)), ("1", "ReLU", (2, 4, 9, 9)), ("2", "Conv2d", (2, 2, 4, 4)),
        ("3", "Flatten", (2, 32)),
    ]
    assert all(not module._forward_hooks for module in model.modules())


def test_hooks_are_removed_even_when_the_forward_fails():
    model = net()
    with pytest.raises(RuntimeError):
        shape_trace(model, torch.zeros(2, 3, 9, 9))  # three channels for a one-channel layer
    assert all(not module._forward_hooks for module in model.modules())


def test_capture_outputs_returns_what_the_named_layers_produced():
    model = net()
    x = torch.randn(1, 1, 9, 9)
    outputs = capture_outputs(model, x, ["0", "1"])
    with torch.no_grad():
        assert torch.equal(outputs["0"], model[0](x)) and torch.equal(outputs["1"], F.relu(model[0](x)))
    with pytest.raises(KeyError, match="no sub-module called 'conv9'"):
        capture_outputs(model, x, ["conv9"])


@pytest.mark.parametrize("module", ["hooks", "layers", "costs", "training", "digits", "drawing.learned"])
def test_the_docstring_examples_of_lesson_5s_modules_hold(module):
    import doctest
    import importlib

    assert doctest.testmod(importlib.import_module(f"convcourse.{module}")).failed == 0
