"""MyConv2d (lesson 7) against nn.Conv2d: same draws under the same seed, same outputs, same repr,
interchangeable state_dicts, and the same refusals, over many argument combinations."""

from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from convcourse.layers import MyConv2d

# 60 fixed (derandomized) draws of the eight arguments: every padding mode, groups, both forms.
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True)

sizes = st.one_of(st.integers(1, 4), st.tuples(st.integers(1, 4), st.integers(1, 4)))
small = st.one_of(st.integers(1, 3), st.tuples(st.integers(1, 3), st.integers(1, 3)))
paddings = st.one_of(st.integers(0, 2), st.tuples(st.integers(0, 2), st.integers(0, 2)),
                     st.sampled_from(["same", "valid"]))


@st.composite
def conv_arguments(draw):
    groups = draw(st.sampled_from([1, 1, 2, 3]))
    kwargs = dict(
        in_channels=groups * draw(st.integers(1, 3)),
        out_channels=groups * draw(st.integers(1, 3)),
        kernel_size=draw(sizes),
        dilation=draw(small),
        groups=groups,
        bias=draw(st.booleans()),
        padding_mode=draw(st.sampled_from(["zeros", "reflect", "replicate", "circular"])),
    )
    padding = draw(paddings)
    kwargs["padding"] = padding
    kwargs["stride"] = 1 if padding == "same" else draw(small)
    return kwargs


def build_both(kwargs, seed=0):
    torch.manual_seed(seed)
    mine = MyConv2d(**kwargs)
    torch.manual_seed(seed)
    theirs = nn.Conv2d(**kwargs)
    return mine, theirs


def run_or_error(layer, x):
    try:
        with torch.no_grad():
            return layer(x), None
    except (RuntimeError, ValueError) as error:
        return None, type(error)


# PyTorch warns that an even kernel with padding='same' copies the input: true for both layers.
@pytest.mark.filterwarnings("ignore:Using padding='same' with even kernel lengths")
@SETTINGS
@given(conv_arguments(), st.integers(0, 2**31 - 1), st.integers(1, 9), st.integers(1, 9))
def test_my_conv2d_matches_nn_conv2d_bit_for_bit(kwargs, seed, height, width):
    mine, theirs = build_both(kwargs, seed)
    assert torch.equal(mine.weight, theirs.weight)
    assert (mine.bias is None) == (theirs.bias is None)
    if theirs.bias is not None:
        assert torch.equal(mine.bias, theirs.bias)
    assert repr(mine) == repr(theirs).replace("Conv2d", "MyConv2d", 1)
    assert list(mine.state_dict()) == list(theirs.state_dict())
    x = torch.randn(2, kwargs["in_channels"], height, width, generator=torch.Generator().manual_seed(seed))
    got, got_error = run_or_error(mine, x)
    want, want_error = run_or_error(theirs, x)
    assert got_error == want_error  # an input too small for the kernel fails in both
    if want is not None:
        assert torch.equal(got, want)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(conv_arguments(), st.integers(0, 1000))
def test_state_dicts_load_both_ways(kwargs, seed):
    mine, theirs = build_both(kwargs, seed)
    other_mine, other_theirs = build_both(kwargs, seed + 1)
    x = torch.randn(1, kwargs["in_channels"], 12, 12)  # room for the widest dilated kernel
    other_theirs.load_state_dict(mine.state_dict())
    other_mine.load_state_dict(theirs.state_dict())
    with torch.no_grad():
        assert torch.equal(other_theirs(x), mine(x))
        assert torch.equal(other_mine(x), theirs(x))


@pytest.mark.parametrize("extra", [
    {"groups": 0}, {"groups": -1}, {"groups": 4}, {"groups": 5, "in_channels": 10}, {"padding": "full"},
    {"padding": "SAME"}, {"padding": "same", "stride": 2}, {"padding": "same", "stride": (1, 2)},
    {"padding_mode": "mirror"}, {"padding_mode": "constant"},
])
def test_my_conv2d_refuses_what_nn_conv2d_refuses_with_the_same_message(extra):
    kwargs = {"in_channels": 6, "out_channels": 6, "kernel_size": 3, **extra}
    with pytest.raises(ValueError) as theirs:
        nn.Conv2d(**kwargs)
    with pytest.raises(ValueError) as mine:
        MyConv2d(**kwargs)
    # The same words; a set of names may print in another order.
    assert str(mine.value)[:20] == str(theirs.value)[:20]
    assert sorted(str(mine.value)) == sorted(str(theirs.value))


def test_my_conv2d_holds_exactly_two_parameters_and_none_for_a_missing_bias():
    layer = MyConv2d(3, 6, 3)
    assert [name for name, _ in layer.named_parameters()] == ["weight", "bias"]
    assert all(isinstance(p, nn.Parameter) for p in layer.parameters())
    no_bias = MyConv2d(3, 6, 3, bias=False)
    assert no_bias.bias is None and [name for name, _ in no_bias.named_parameters()] == ["weight"]


def test_my_conv2d_initialisation_is_uniform_within_one_over_root_fan_in():
    layer = MyConv2d(64, 128, 3)
    bound = 1 / (64 * 9) ** 0.5
    assert layer.weight.abs().max() <= bound and layer.weight.abs().max() > 0.99 * bound
    # U(-b, b) has variance b^2 / 3, a sixth of He's 2 / fan_in
    assert abs(layer.weight.var().item() - bound**2 / 3) < 0.02 * bound**2


def test_my_conv2d_learns_like_nn_conv2d():
    mine, theirs = build_both({"in_channels": 2, "out_channels": 3, "kernel_size": 3, "padding": 1}, 0)
    x = torch.randn(4, 2, 6, 6, generator=torch.Generator().manual_seed(1))
    mine(x).square().sum().backward()
    theirs(x).square().sum().backward()
    assert torch.allclose(mine.weight.grad, theirs.weight.grad, atol=1e-5)
    assert torch.allclose(mine.bias.grad, theirs.bias.grad, atol=1e-5)


def test_my_conv2d_keeps_device_and_dtype_arguments():
    layer = MyConv2d(1, 2, 3, dtype=torch.float64)
    assert layer.weight.dtype == torch.float64 and layer.bias.dtype == torch.float64
    assert MyConv2d(1, 2, 3, device="meta").weight.is_meta
