"""Exercise checks of lesson 4 (the Conv2d layer)."""

from __future__ import annotations

from convcourse.checks.core import CheckResult, _run, report


def check_layer_param_shapes(shapes_fn, seed=0) -> CheckResult:
    """Lesson 4: ``shapes_fn(in_channels, out_channels, kernel_size, groups, bias)`` returns
    (weight shape, bias shape or None, number of parameters), compared with nn.Conv2d."""
    import random

    from torch import nn

    name = "Weight shape and parameter count"
    rng = random.Random(seed)
    for _ in range(20):
        groups = rng.choice([1, 1, 2, 3, 4])
        c_in, c_out = groups * rng.randint(1, 4), groups * rng.randint(1, 4)
        kernel = rng.choice([rng.randint(1, 5), (rng.randint(1, 5), rng.randint(1, 5))])
        bias = rng.random() < 0.5
        layer = nn.Conv2d(c_in, c_out, kernel, groups=groups, bias=bias)
        want = (tuple(layer.weight.shape), None if layer.bias is None else tuple(layer.bias.shape),
                sum(p.numel() for p in layer.parameters()))
        case = f"Conv2d({c_in}, {c_out}, kernel_size={kernel}, groups={groups}, bias={bias})"
        got, error = _run(shapes_fn, c_in, c_out, kernel, groups, bias)
        if error:
            return report(False, name, f"for {case} {error}")
        if got is None:
            return report(False, name, "the function returned None; "
                          "return (weight_shape, bias_shape, count).")
        try:
            weight_shape, bias_shape, count = got
            got = (tuple(weight_shape), None if bias_shape is None else tuple(bias_shape), count)
        except (TypeError, ValueError):
            return report(False, name, f"for {case} you returned {got!r}; return a triple "
                          "(weight_shape, bias_shape or None, count).")
        for index, what in enumerate(["weight shape", "bias shape", "parameter count"]):
            if got[index] != want[index]:
                hint = f"for {case} your {what} is {got[index]!r}; torch has {want[index]!r}."
                if index == 0:
                    hint += " The weight is (out_channels, in_channels // groups, kH, kW)."
                elif index == 2:
                    hint += " Multiply out the weight shape, then add the bias if there is one."
                return report(False, name, hint)
    return report(True, name)


def check_layer_target_shape(build_fn, seed=0) -> CheckResult:
    """Lesson 4: ``build_fn(in_shape, out_shape)`` returns an nn.Conv2d that maps a batch of
    in_shape to out_shape; run by torch on random inputs."""
    import random

    import torch
    from torch import nn

    name = "Conv2d for a target shape"
    rng = random.Random(seed)
    for _ in range(12):
        n, c_in, c_out = rng.randint(1, 3), rng.randint(1, 4), rng.randint(1, 8)
        h, w = rng.randint(6, 20), rng.randint(6, 20)
        k, s, p = rng.randint(1, 5), rng.randint(1, 3), rng.randint(0, 2)
        in_shape = (n, c_in, h, w)
        out_shape = tuple(nn.Conv2d(c_in, c_out, k, stride=s, padding=p)(torch.zeros(in_shape)).shape)
        layer, error = _run(build_fn, in_shape, out_shape)
        case = f"{in_shape} -> {out_shape}"
        if error:
            return report(False, name, f"for {case} {error}")
        if not isinstance(layer, nn.Conv2d):
            return report(False, name, f"for {case} you returned {type(layer).__name__}; "
                          "return an nn.Conv2d.")
        got, error = _run(layer, torch.randn(in_shape))
        if error:
            return report(False, name, f"for {case} running your layer failed ({error}); "
                          "in_channels must match in_shape[1].")
        if tuple(got.shape) != out_shape:
            return report(False, name, f"for {case} your layer gives {tuple(got.shape)}. "
                          "out_channels sets dimension 1; kernel_size, stride and padding set the "
                          "height and width (o = floor((i + 2p - k) / s) + 1).")
    return report(True, name)


def check_layer_separable_block(build_fn, seed=0) -> CheckResult:
    """Lesson 4: ``build_fn(in_channels, out_channels, k)`` returns a module made of a
    depthwise k x k convolution (zero padding k // 2) then a 1 x 1 pointwise one; its output
    is compared with two calls of F.conv2d using its own weights."""
    import random

    import torch
    import torch.nn.functional as F
    from torch import nn

    name = "Depthwise-separable block"
    rng = random.Random(seed)
    for _ in range(6):
        c_in, c_out, k = rng.randint(1, 6), rng.randint(1, 8), rng.choice([1, 3, 5])
        case = f"in_channels={c_in}, out_channels={c_out}, k={k}"
        block, error = _run(build_fn, c_in, c_out, k)
        if error:
            return report(False, name, f"for {case} {error}")
        if not isinstance(block, nn.Module):
            return report(False, name, f"for {case} you returned {type(block).__name__}; return an "
                          "nn.Module, e.g. nn.Sequential(depthwise, pointwise).")
        convs = [m for m in block.modules() if isinstance(m, nn.Conv2d)]
        if len(convs) != 2:
            return report(False, name, f"for {case} the block holds {len(convs)} nn.Conv2d "
                          "layers; it needs 2.")
        depthwise, pointwise = convs
        if tuple(depthwise.weight.shape) != (c_in, 1, k, k) or depthwise.groups != c_in:
            return report(False, name, f"for {case} the first layer's weight is "
                          f"{tuple(depthwise.weight.shape)} with groups={depthwise.groups}; a depthwise "
                          f"layer has groups=in_channels and weight ({c_in}, 1, {k}, {k}).")
        if tuple(pointwise.weight.shape) != (c_out, c_in, 1, 1):
            return report(False, name, f"for {case} the second layer's weight is "
                          f"{tuple(pointwise.weight.shape)}; a pointwise layer is a 1 x 1 convolution "
                          f"with weight ({c_out}, {c_in}, 1, 1).")
        x = torch.randn(2, c_in, rng.randint(5, 12), rng.randint(5, 12))
        with torch.no_grad():
            want = F.conv2d(x, depthwise.weight, depthwise.bias, padding=k // 2, groups=c_in)
            want = F.conv2d(want, pointwise.weight, pointwise.bias)
            got, error = _run(block, x)
        if error:
            return report(False, name, f"for {case} running the block failed: {error}")
        if not isinstance(got, torch.Tensor) or got.shape != want.shape:
            shape = tuple(got.shape) if isinstance(got, torch.Tensor) else type(got).__name__
            return report(False, name, f"for {case} the output is {shape}, expected {tuple(want.shape)}; "
                          "pad the depthwise layer by k // 2 so the size is kept.")
        if not torch.allclose(got, want, rtol=1e-4, atol=1e-5):
            return report(False, name, f"for {case} the output differs from depthwise-then-pointwise; "
                          "use zero padding and put nothing between the two layers.")
    return report(True, name)


def check_layer_sobel_x(build_fn, seed=0) -> CheckResult:
    """Lesson 4: ``build_fn()`` returns an nn.Conv2d(1, 1, 3) computing the Sobel x-derivative
    (right column minus left column, rows weighted 1, 2, 1); compared with tensor slicing."""
    import torch
    from torch import nn

    name = "Sobel edge detector"
    layer, error = _run(build_fn)
    if error:
        return report(False, name, error)
    if not isinstance(layer, nn.Conv2d):
        return report(False, name, f"you returned {type(layer).__name__}; return an nn.Conv2d(1, 1, 3).")
    generator = torch.Generator()
    generator.manual_seed(seed) if seed is not None else generator.seed()
    x = torch.randn(2, 1, 9, 11, generator=generator)

    def vertical_121(columns):
        return columns[..., :-2, :] + 2 * columns[..., 1:-1, :] + columns[..., 2:, :]

    want = vertical_121(x[..., 2:]) - vertical_121(x[..., :-2])
    with torch.no_grad():
        got, error = _run(layer, x)
    if error:
        return report(False, name, f"running your layer failed: {error}")
    if got.shape != want.shape:
        return report(False, name, f"your layer gives shape {tuple(got.shape)}, "
                      f"expected {tuple(want.shape)}: "
                      "use kernel_size=3, no padding, stride 1.")
    if torch.allclose(got, want, atol=1e-5):
        return report(True, name)
    if torch.allclose(got, -want, atol=1e-5):
        return report(False, name, "the sign is flipped: conv2d does not flip the kernel, so the +1, +2, +1 "
                      "column goes on the right (column 2).")
    if layer.bias is not None and layer.bias.abs().max() > 0:
        return report(False, name, "set the bias to zero (or build the layer with bias=False).")
    return report(False, name, "the weights are not the Sobel x kernel: columns (-1, -2, -1), "
                  "(0, 0, 0), (+1, +2, +1) from left to right. Set layer.weight under torch.no_grad().")
