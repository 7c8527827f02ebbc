"""convcourse.tracing.trace_forward: lesson 1's line-by-line view of forward."""

from __future__ import annotations

import io
import sys

import pytest
import torch
from torch import nn

from convcourse.tracing import describe_value, tensor_shapes, trace_forward


class TwoSteps(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(3, 2)

    def forward(self, x):
        x = self.linear(x)
        y = x.relu()
        return y


class Fails(nn.Module):
    def forward(self, x):
        raise ValueError("inside forward")


def traced(module, *inputs):
    buffer = io.StringIO()
    result = trace_forward(module, *inputs, file=buffer)
    return result, buffer.getvalue().splitlines()


def test_each_line_of_forward_is_printed_with_the_shapes_before_it_runs():
    torch.manual_seed(0)
    model = TwoSteps()
    x = torch.randn(4, 3)
    result, lines = traced(model, x)
    assert torch.equal(result, model(x))
    assert len(lines) == 4
    assert lines[0].startswith("[x: (4, 3)]") and lines[0].endswith("next: x = self.linear(x)")
    assert lines[1].startswith("[x: (4, 2)]") and lines[1].endswith("next: y = x.relu()")
    assert lines[2].startswith("[x: (4, 2), y: (4, 2)]") and lines[2].endswith("next: return y")
    assert lines[3].strip() == "returns a tensor of shape (4, 2)"


def test_the_layers_forward_is_not_followed():
    _, lines = traced(TwoSteps(), torch.zeros(1, 3))
    assert not any("F.linear" in line for line in lines)


def test_a_previous_tracer_is_given_back_even_when_forward_raises():
    def other_tracer(frame, event, arg):
        return None

    sys.settrace(other_tracer)
    try:
        with pytest.raises(ValueError, match="inside forward"):
            traced(Fails(), torch.zeros(1))
        assert sys.gettrace() is other_tracer
    finally:
        sys.settrace(None)


def test_a_forward_that_raises_does_not_print_a_return_value():
    buffer = io.StringIO()
    with pytest.raises(ValueError):
        trace_forward(Fails(), torch.zeros(1), file=buffer)
    assert "returns" not in buffer.getvalue()


def test_values_are_described_as_tensors_or_by_their_repr():
    assert describe_value(torch.zeros(2, 1)) == "a tensor of shape (2, 1)"
    assert describe_value(2.0) == "2.0"
    assert tensor_shapes({"a": torch.zeros(3), "n": 4, "b": torch.zeros(())}) == "[a: (3,), b: ()]"


def test_a_module_without_a_python_forward_gets_a_clear_message():
    with pytest.raises(TypeError, match="defines forward"):
        trace_forward(object())


def test_docstring_examples_run():
    import doctest

    from convcourse import tracing

    assert doctest.testmod(tracing).failed == 0


def test_a_tuple_of_tensors_is_described_by_shapes_not_by_its_values():
    from convcourse.tracing import describe_value

    pair = (torch.zeros(200, 300), torch.ones(4))
    assert describe_value(pair) == "(a tensor of shape (200, 300), a tensor of shape (4,))"
    assert describe_value([torch.zeros(1)]) == "[a tensor of shape (1,)]"
    assert len(describe_value(list(range(10**5)))) < 100
