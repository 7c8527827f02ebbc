"""convcourse.conv2d against torch: same numbers, same shapes, an error wherever torch errs.

The expected values always come from torch itself: ``F.conv2d`` for zero padding, and for
the other padding modes an ``nn.Conv2d``'s own forward (pad in its mode, then ``F.conv2d``).
"""

from __future__ import annotations

import ast
import doctest
import inspect
import warnings

import pytest
import torch
import torch.nn.functional as F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import convcourse
import convcourse.reference

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, derandomize=True,
                             suppress_health_check=[HealthCheck.too_slow])


def torch_conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1,
                 padding_mode="zeros"):
    """What torch computes: F.conv2d, or nn.Conv2d for a padding_mode F.conv2d lacks."""
    with warnings.catch_warnings():
        # torch warns that 'same' with an even kernel copies the input: true, and irrelevant here.
        warnings.simplefilter("ignore", UserWarning)
        if padding_mode == "zeros":
            return F.conv2d(x, weight, bias, stride, padding, dilation, groups)
        out_channels, group_channels, kh, kw = weight.shape
        layer = torch.nn.Conv2d(group_channels * groups, out_channels, (kh, kw), stride, padding,
                                dilation, groups, bias is not None, padding_mode)
        # The layer's own forward with our tensors as its parameters (which may be integers,
        # which nn.Parameter refuses): it pads in its padding_mode, then calls F.conv2d.
        return layer._conv_forward(x, weight, bias)


def _as_argument(pair, draw):
    """Pass a pair as an int when both halves agree, sometimes, to cover both spellings."""
    if pair[0] == pair[1] and draw(st.booleans()):
        return pair[0]
    return tuple(pair) if draw(st.booleans()) else list(pair)


@st.composite
def conv_cases(draw, dtype=torch.float64):
    """A valid set of conv2d arguments, covering every combination the function accepts."""
    groups = draw(st.integers(1, 3))
    group_channels = draw(st.integers(1, 3))
    out_per_group = draw(st.integers(1, 3))
    depthwise = draw(st.booleans())
    if depthwise:  # one input channel per group, as in a depthwise convolution
        group_channels, groups = 1, draw(st.integers(1, 4))
    kernel = (draw(st.integers(1, 4)), draw(st.integers(1, 4)))
    dilation = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    padding_mode = draw(st.sampled_from(["zeros", "reflect", "replicate", "circular"]))
    kind = draw(st.sampled_from(["int", "pair", "same", "valid"]))
    stride = (1, 1) if kind == "same" else (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    if kind == "same":
        totals = [t - 1 for t in convcourse.kernel_span(kernel, dilation)]
        pads = [(t // 2, t - t // 2) for t in totals]
        padding = "same"
    elif kind == "valid":
        pads, padding = [(0, 0), (0, 0)], "valid"
    else:
        both = draw(st.integers(0, 3)) if kind == "int" else None
        ph, pw = (both, both) if kind == "int" else (draw(st.integers(0, 3)),
                                                    draw(st.integers(0, 3)))
        pads, padding = [(ph, ph), (pw, pw)], both if kind == "int" else (ph, pw)
    sizes = []
    for k, d, (before, after) in zip(kernel, dilation, pads, strict=True):
        smallest = max(1, convcourse.kernel_span(k, d) - before - after)  # the fit rule
        if padding_mode == "reflect":  # torch's reflect needs padding < size
            smallest = max(smallest, max(before, after) + 1)
        if padding_mode == "circular":  # and circular, padding <= size
            smallest = max(smallest, max(before, after))
        sizes.append(draw(st.integers(smallest, smallest + 6)))
    batch = draw(st.sampled_from([None, 1, 2, 3]))
    channels = group_channels * groups
    shape = (channels, *sizes) if batch is None else (batch, channels, *sizes)
    seed = draw(st.integers(0, 2**16))
    generator = torch.Generator().manual_seed(seed)

    def tensor(*size):
        if dtype.is_floating_point:
            return torch.randn(*size, generator=generator, dtype=dtype)
        return torch.randint(-9, 10, size, generator=generator, dtype=dtype)

    x = tensor(*shape)
    weight = tensor(out_per_group * groups, group_channels, *kernel)
    bias = tensor(out_per_group * groups) if draw(st.booleans()) else None
    kwargs = dict(stride=_as_argument(stride, draw), padding=padding,
                  dilation=_as_argument(dilation, draw), groups=groups,
                  padding_mode=padding_mode)
    if kind == "pair":
        kwargs["padding"] = _as_argument(padding, draw)
    return x, weight, bias, kwargs


@PROPERTY_SETTINGS
@given(conv_cases())
def test_conv2d_matches_torch_for_every_argument_combination(case):
    x, weight, bias, kwargs = case
    expected = torch_conv2d(x, weight, bias, **kwargs)
    got = convcourse.conv2d(x, weight, bias, **kwargs)
    assert got.shape == expected.shape
    assert got.dtype == expected.dtype
    torch.testing.assert_close(got, expected, rtol=1e-10, atol=1e-10)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(conv_cases(dtype=torch.int64))
def test_conv2d_of_integer_tensors_is_exact_like_torch(case):
    x, weight, bias, kwargs = case
    got = convcourse.conv2d(x, weight, bias, **kwargs)
    assert got.dtype == torch.int64
    assert torch.equal(got, torch_conv2d(x, weight, bias, **kwargs))


def test_int8_overflow_wraps_around_exactly_as_torch_does():
    x = torch.full((1, 2, 4, 4), 100, dtype=torch.int8)
    weight = torch.full((1, 2, 3, 3), 100, dtype=torch.int8)
    expected = F.conv2d(x, weight)
    assert not torch.equal(expected.long(), F.conv2d(x.long(), weight.long()))  # it overflows
    assert torch.equal(convcourse.conv2d(x, weight), expected)


@pytest.mark.parametrize("dtype, tolerance", [(torch.float32, 1e-5), (torch.complex128, 1e-12),
                                              (torch.bfloat16, 0.1)])
@pytest.mark.parametrize("padding_mode", ["zeros", "reflect"])
def test_other_dtypes_match_torch_within_their_precision(dtype, tolerance, padding_mode):
    generator = torch.Generator().manual_seed(1)
    x = torch.randn(2, 4, 7, 6, generator=generator, dtype=torch.float64).to(dtype)
    weight = torch.randn(6, 2, 3, 2, generator=generator, dtype=torch.float64).to(dtype)
    kwargs = dict(padding=1, groups=2, padding_mode=padding_mode)
    got, expected = convcourse.conv2d(x, weight, **kwargs), torch_conv2d(x, weight, **kwargs)
    assert got.dtype == expected.dtype == dtype
    torch.testing.assert_close(got, expected, rtol=tolerance, atol=tolerance)


def test_lesson_style_integer_example_matches_torch():
    x = torch.tensor([[[[1, 2, 3, 0], [4, 5, 6, 1], [7, 8, 9, 2], [0, 1, 2, 3]]]])
    weight = torch.tensor([[[[1, 0], [0, -1]]]])
    assert torch.equal(convcourse.conv2d(x, weight, padding=1), F.conv2d(x, weight, padding=1))


@pytest.mark.parametrize("stride", [1, 2])
def test_gradients_match_torch(stride):
    generator = torch.Generator().manual_seed(0)
    inputs = [torch.randn(2, 4, 7, 6, generator=generator, dtype=torch.float64),
              torch.randn(6, 2, 3, 2, generator=generator, dtype=torch.float64),
              torch.randn(6, generator=generator, dtype=torch.float64)]
    grads = []
    for function in (F.conv2d, convcourse.conv2d):
        leaves = [t.clone().requires_grad_() for t in inputs]
        out = function(*leaves, stride=stride, padding=1, groups=2)
        weights = torch.linspace(-1, 1, out.numel(), dtype=out.dtype).reshape(out.shape)
        (out * weights).sum().backward()  # a loss whose gradient differs at every output
        grads.append([leaf.grad for leaf in leaves])
    for ours, theirs in zip(grads[1], grads[0], strict=True):
        torch.testing.assert_close(ours, theirs, rtol=1e-10, atol=1e-10)


def test_empty_batch_gives_empty_output_of_torchs_shape():
    x, weight = torch.randn(0, 3, 6, 6), torch.randn(4, 3, 3, 3)
    assert convcourse.conv2d(x, weight, padding=1).shape == F.conv2d(x, weight, padding=1).shape


def test_non_contiguous_input_gives_torchs_result():
    x = torch.randn(2, 3, 7, 9, dtype=torch.float64).to(memory_format=torch.channels_last)
    transposed = torch.randn(2, 3, 9, 7, dtype=torch.float64).transpose(2, 3)
    weight = torch.randn(4, 3, 3, 3, dtype=torch.float64)
    for tensor in (x, transposed):
        torch.testing.assert_close(convcourse.conv2d(tensor, weight, padding=1),
                                   F.conv2d(tensor, weight, padding=1))


def test_output_is_contiguous_like_torchs():
    out = convcourse.conv2d(torch.randn(2, 3, 8, 8), torch.randn(4, 3, 3, 3), padding=1)
    assert out.is_contiguous()


def test_large_batch_split_into_chunks_still_matches_torch():
    # Enough images that conv2d works on them a few at a time (see _CHUNK_BYTES).
    x = torch.randn(9, 16, 40, 40, dtype=torch.float64)
    weight, bias = torch.randn(32, 16, 3, 3, dtype=torch.float64), torch.randn(32, dtype=x.dtype)
    images_per_chunk = convcourse.reference._CHUNK_BYTES // (32 * 42 * 42 * 8)
    assert 1 <= images_per_chunk < 9
    for stride in (1, 2):
        torch.testing.assert_close(convcourse.conv2d(x, weight, bias, stride=stride, padding=1),
                                   F.conv2d(x, weight, bias, stride=stride, padding=1))


def test_same_padding_with_even_kernel_puts_the_extra_row_and_column_at_bottom_right():
    x = torch.zeros(1, 1, 5, 5, dtype=torch.float64)
    x[0, 0, 0, 0] = 1.0  # an impulse in the top-left corner
    weight = torch.arange(1.0, 5.0, dtype=torch.float64).reshape(1, 1, 2, 2)
    got = convcourse.conv2d(x, weight, padding="same")
    torch.testing.assert_close(got, torch_conv2d(x, weight, padding="same"))
    # No padding on top/left: the impulse only meets the kernel's top-left tap at (0, 0).
    assert got[0, 0, 0, 0].item() == weight[0, 0, 0, 0].item()


def test_conv2d_uses_no_torch_convolution_routine(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("convcourse.conv2d called a torch convolution")

    for module in (torch, F, torch.nn.functional):
        for name in ("conv2d", "conv1d", "conv3d", "convolution", "_convolution",
                     "conv_transpose2d"):
            if hasattr(module, name):
                monkeypatch.setattr(module, name, forbidden)
    x, weight = torch.randn(2, 4, 6, 6), torch.randn(4, 2, 3, 3)
    for kwargs in ({}, {"stride": 2}, {"padding": "same", "padding_mode": "reflect"}):
        convcourse.conv2d(x, weight, groups=2, **kwargs)


def test_reference_source_names_no_convolution_function():
    tree = ast.parse(inspect.getsource(convcourse.reference))
    names = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    names |= {alias.name for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom) and node.module.startswith("torch")
              for alias in node.names}
    assert not {name for name in names if name.lower().startswith(("conv", "_conv"))}


def test_docstring_examples_run():
    assert doctest.testmod(convcourse.reference).failed == 0


X = torch.randn(2, 4, 6, 6)
W = torch.randn(6, 2, 3, 3)

# (case, keyword arguments to both functions, words convcourse's message must contain)
BAD_INPUTS = [
    ("2-D input", dict(input=X[0, 0], weight=W), r"3-D \(C, H, W\) or 4-D.*2-D"),
    ("5-D input", dict(input=X[None], weight=W), r"got a 5-D input of shape \(1, 2, 4, 6, 6\)"),
    ("3-D weight", dict(input=X, weight=W[0]), r"4-D weight.*3-D"),
    ("channels mismatch", dict(input=X, weight=W),
     r"input has 4 channels but the weight expects .* = 2 x 1 = 2"),
    ("groups not dividing in channels", dict(input=X, weight=torch.randn(6, 1, 3, 3), groups=3),
     r"input has 4 channels .* 1 x 3 = 3"),
    ("groups not dividing out channels", dict(input=X, weight=torch.randn(6, 1, 3, 3), groups=4),
     r"groups=4 must divide the 6 output channels"),
    ("groups zero", dict(input=X, weight=W, groups=0), r"groups must be at least 1, got 0"),
    ("groups float", dict(input=X, weight=W, groups=2.0), r"groups must be an int, got 2.0"),
    ("zero output channels", dict(input=X, weight=torch.randn(0, 4, 3, 3)),
     r"at least one output channel.*got shape \(0, 4, 3, 3\)"),
    ("empty kernel", dict(input=X, weight=torch.randn(3, 4, 0, 3)),
     r"at least one output channel, input channel, row and column, got shape \(3, 4, 0, 3\)"),
    ("same with stride 2", dict(input=X, weight=W, groups=2, padding="same", stride=2),
     r"padding='same' needs stride 1.*\(2, 2\)"),
    ("same with stride (1, 2)", dict(input=X, weight=W, groups=2, padding="same", stride=(1, 2)),
     r"padding='same' needs stride 1.*\(1, 2\)"),
    ("kernel larger than input", dict(input=X, weight=torch.randn(6, 4, 7, 7)),
     r"kernel spans 7 x 7 .* padded input is only 6 x 6"),
    ("dilated kernel larger than input", dict(input=X, weight=W, groups=2, dilation=3),
     r"kernel spans 7 x 7 .* only 6 x 6"),
    ("zero-height input", dict(input=torch.randn(1, 4, 0, 5), weight=torch.randn(3, 4, 1, 1)),
     r"kernel spans 1 x 1 .* only 0 x 5"),
    ("stride zero", dict(input=X, weight=W, groups=2, stride=0), r"stride must be at least 1"),
    ("stride negative", dict(input=X, weight=W, groups=2, stride=(1, -1)),
     r"stride must be at least 1, got \(1, -1\)"),
    ("stride float", dict(input=X, weight=W, groups=2, stride=1.5),
     r"stride must be an int or a pair of ints, got 1.5"),
    ("stride of three", dict(input=X, weight=W, groups=2, stride=(1, 1, 1)),
     r"stride must be an int or a pair of ints, got \(1, 1, 1\)"),
    ("stride bool", dict(input=X, weight=W, groups=2, stride=(True, 1)), r"stride must be an int"),
    ("dilation zero", dict(input=X, weight=W, groups=2, dilation=0),
     r"dilation must be at least 1, got 0"),
    ("negative padding", dict(input=X, weight=W, groups=2, padding=-1),
     r"padding must be at least 0, got -1"),
    ("unknown padding string", dict(input=X, weight=W, groups=2, padding="full"),
     r"'same' or 'valid', got 'full'"),
    ("bias of wrong length", dict(input=X, weight=W, groups=2, bias=torch.randn(5)),
     r"bias must have shape \(6,\).*got \(5,\)"),
    ("bias of wrong rank", dict(input=X, weight=W, groups=2, bias=torch.randn(6, 1)),
     r"bias must have shape \(6,\).*got \(6, 1\)"),
    ("float input, int weight", dict(input=X, weight=W.long(), groups=2),
     r"same dtype, got input torch.float32 and weight torch.int64"),
    ("int input, float weight", dict(input=X.long(), weight=W, groups=2),
     r"same dtype, got input torch.int64 and weight torch.float32"),
    ("float input, int bias", dict(input=X, weight=W, groups=2, bias=torch.ones(6).long()),
     r"same dtype, got input torch.float32 and bias torch.int64"),
    ("double input, float weight", dict(input=X.double(), weight=W, groups=2),
     r"torch.float64 and weight torch.float32"),
    ("bool tensors", dict(input=X.bool(), weight=W.bool(), groups=2), r"bool"),
    ("list input", dict(input=X.tolist(), weight=W, groups=2), r"input must be a torch.Tensor"),
]


@pytest.mark.parametrize("kwargs, message", [case[1:] for case in BAD_INPUTS],
                         ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_raises_a_clear_error_where_torch_raises(kwargs, message):
    with pytest.raises((RuntimeError, ValueError, TypeError, NotImplementedError)):
        F.conv2d(**kwargs)
    with pytest.raises((ValueError, TypeError), match=message):
        convcourse.conv2d(**kwargs)


BAD_PADDING_MODES = [
    ("unknown padding mode", dict(padding=1, padding_mode="mirror"),
     r"padding_mode must be one of .*'mirror'"),
    ("reflect padding as large as the input", dict(padding=6, padding_mode="reflect"),
     r"reflect padding must be smaller .* padding 6 x 6 for an input of 6 x 6"),
    ("circular padding wrapping twice", dict(padding=(1, 7), padding_mode="circular"),
     r"circular padding can wrap around at most once.*1 x 7 for an input of 6 x 6"),
]


@pytest.mark.parametrize("kwargs, message", [case[1:] for case in BAD_PADDING_MODES],
                         ids=[case[0] for case in BAD_PADDING_MODES])
def test_bad_padding_mode_raises_a_clear_error_where_nn_conv2d_raises(kwargs, message):
    with pytest.raises((RuntimeError, ValueError)):
        torch.nn.Conv2d(4, 6, 3, groups=2, **kwargs)(X)
    with pytest.raises(ValueError, match=message):
        convcourse.conv2d(X, W, groups=2, **kwargs)


def test_largest_padding_torch_allows_is_accepted_in_each_mode():
    # The boundary cases of the checks above: reflect up to size - 1, circular up to size.
    for mode, padding in (("reflect", 5), ("circular", 6), ("replicate", 9)):
        torch.testing.assert_close(
            convcourse.conv2d(X, W, groups=2, padding=padding, padding_mode=mode),
            torch_conv2d(X, W, groups=2, padding=padding, padding_mode=mode))


# --- Memory: bounded by the input, the unfolded input and the output, whatever the arguments ---

def _unfolded_numel(x, weight, stride, padding, dilation):
    """The size of the unfolded input (im2col), as torch's F.unfold builds it."""
    columns = F.unfold(x, weight.shape[-2:], dilation=dilation, padding=padding, stride=stride)
    return columns.numel()


MEMORY_CASES = [
    # (case, input shape, weight shape, keyword arguments)
    ("stride 5000 on 5 x 5", (1, 1, 5, 5), (1, 1, 3, 3), dict(stride=5000)),
    ("stride 20000 on 5 x 5, 8 channels", (2, 8, 5, 5), (4, 8, 3, 3), dict(stride=20000)),
    ("stride (7000, 3) with padding", (1, 2, 9, 9), (3, 2, 2, 3), dict(stride=(7000, 3), padding=2)),
    ("padding 3000, stride 3000", (1, 1, 5, 5), (1, 1, 3, 3), dict(stride=3000, padding=3000)),
    ("groups 2, many small images", (512, 64, 1, 1), (64, 32, 3, 3), dict(padding=1, groups=2)),
    ("depthwise, many images", (256, 32, 4, 4), (32, 1, 3, 3), dict(padding=1, groups=32)),
    # The kernel's two columns 40000 apart: the 40000 columns between them are never read.
    ("dilation 40000", (1, 1, 3, 40001), (256, 1, 2, 2), dict(dilation=(1, 40000))),
    ("dilation 3000 both ways, stride 2", (1, 2, 3001, 3001), (8, 2, 2, 2),
     dict(dilation=3000, stride=2)),
]


@pytest.mark.parametrize("shape, weight_shape, kwargs", [case[1:] for case in MEMORY_CASES],
                         ids=[case[0] for case in MEMORY_CASES])
def test_intermediate_tensors_stay_within_a_small_multiple_of_input_unfolded_input_and_output(
        monkeypatch, shape, weight_shape, kwargs):
    generator = torch.Generator().manual_seed(3)
    x = torch.randn(*shape, generator=generator)
    weight = torch.randn(*weight_shape, generator=generator)
    expected = F.conv2d(x, weight, **kwargs)
    unfolded = _unfolded_numel(x, weight, kwargs.get("stride", 1), kwargs.get("padding", 0),
                               kwargs.get("dilation", 1))
    bound = 4 * (x.numel() + weight.numel() + unfolded + expected.numel()) + (1 << 20)
    seen = []
    monkeypatch.setattr(convcourse.reference, "_watch",
                        lambda name, tensor: seen.append((name, tensor.numel())))
    got = convcourse.conv2d(x, weight, **kwargs)
    torch.testing.assert_close(got, expected)
    assert {name for name, _ in seen} >= {"phases", "taps", "sums", "output"}
    too_big = [(name, numel) for name, numel in seen if numel > bound]
    assert not too_big, f"intermediate tensors above {bound} elements: {too_big}"


PEAK_MEMORY_SCRIPT = """
import resource, sys, torch
import convcourse
torch.manual_seed(0)
cases = [
    (torch.randn(1, 8, 5, 5), torch.randn(4, 8, 3, 3), dict(stride=20000)),
    (torch.randn(1, 1, 5, 5), torch.randn(1, 1, 3, 3), dict(stride=5000)),
    (torch.randn(512, 512, 1, 1), torch.randn(512, 256, 3, 3), dict(padding=1, groups=2)),
]
convcourse.conv2d(torch.randn(2, 4, 6, 6), torch.randn(4, 2, 3, 3), padding=1, groups=2)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
for x, weight, kwargs in cases:
    convcourse.conv2d(x, weight, **kwargs)
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024)
"""


def test_large_strides_and_groups_raise_the_peak_memory_by_little():
    # A fresh process, so its peak resident memory is this script's alone (Linux: ru_maxrss in
    # kB). Before the fix, stride 20000 padded the input to 20000 x 20000 per channel (12.8 GB)
    # and the groups case copied its 4.7 MB weight once per image (+270 MB).
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", PEAK_MEMORY_SCRIPT], capture_output=True,
                            text=True, timeout=300, check=True)
    growth_mb = float(result.stdout.split()[-1])
    assert growth_mb < 100, f"peak memory grew by {growth_mb:.0f} MB"


def test_numpy_integers_are_accepted_for_groups_like_for_stride_and_padding():
    import numpy as np

    x, weight = torch.randn(2, 4, 6, 6), torch.randn(6, 2, 3, 3)
    expected = F.conv2d(x, weight, stride=2, padding=1, groups=2)
    got = convcourse.conv2d(x, weight, stride=np.int64(2), padding=np.int32(1),
                            groups=np.int64(2))
    torch.testing.assert_close(got, expected)
    with pytest.raises(TypeError, match="groups must be an int, got True"):
        convcourse.conv2d(x, weight, groups=True)
