"""Exercise checks of lesson 1 (nn.Module)."""

from __future__ import annotations

from convcourse.checks.core import CheckResult, _compare, _run, report


def check_doubler(module_class) -> CheckResult:
    """Lesson 1: ``module_class()`` is an nn.Module whose forward returns twice its input."""
    import torch
    from torch import nn

    name = "Doubler"
    if not (isinstance(module_class, type) and issubclass(module_class, nn.Module)):
        return report(False, name, "pass the class itself, and make it subclass nn.Module.")
    model, error = _run(module_class)
    if error:
        return report(False, name, f"creating it with no arguments failed ({error}); "
                      "does __init__ call super().__init__()?")
    generator = torch.Generator().manual_seed(1)
    for shape in [(), (3,), (2, 4, 5)]:
        x = torch.randn(shape, generator=generator)
        got, error = _run(model, x)
        problem = error or _compare(got, 2 * x, f"model(x) for x of shape {tuple(shape)}")
        if problem:
            return report(False, name, problem)
    return report(True, name)


def check_conv_param_count(count_fn) -> CheckResult:
    """Lesson 1: ``count_fn(in_channels, out_channels, kernel_size, bias)`` counts a Conv2d's
    parameters; compared with ``nn.Conv2d(...).parameters()`` for random sizes."""
    import random

    from torch import nn

    name = "Parameter count"
    rng = random.Random(2)
    for _ in range(20):
        c_in, c_out, k = rng.randint(1, 8), rng.randint(1, 8), rng.randint(1, 7)
        bias = rng.random() < 0.5
        want = sum(p.numel() for p in nn.Conv2d(c_in, c_out, k, bias=bias).parameters())
        got, error = _run(count_fn, c_in, c_out, k, bias)
        if error:
            return report(False, name, error)
        if got is None:
            return report(False, name, "the function returned None; return a number.")
        if got != want:
            return report(False, name, f"for in_channels={c_in}, out_channels={c_out}, "
                          f"kernel_size={k}, bias={bias} you returned {got}; torch counts "
                          f"{want}. Each output channel has in_channels x k x k weights, "
                          "plus one bias if bias=True.")
    return report(True, name)


def check_layer_stack(stack_class) -> CheckResult:
    """Lesson 1: ``stack_class(n_layers, width)`` applies n_layers nn.Linear(width, width)
    in turn, with every layer registered (visible to .parameters(), .to() and state_dict)."""
    import torch
    from torch import nn

    name = "Registered layers"
    if not (isinstance(stack_class, type) and issubclass(stack_class, nn.Module)):
        return report(False, name, "pass the class itself, a subclass of nn.Module.")
    per_layer = sum(p.numel() for p in nn.Linear(3, 3).parameters())
    for n_layers in (1, 3):
        model, error = _run(stack_class, n_layers, 3)
        if error:
            return report(False, name, f"stack_class({n_layers}, 3) failed: {error}")
        counted = sum(p.numel() for p in model.parameters())
        if counted != n_layers * per_layer:
            return report(False, name, f"with n_layers={n_layers}, .parameters() sees {counted} "
                          f"numbers instead of {n_layers * per_layer}. Keep the layers in an "
                          "nn.ModuleList, not a Python list.")
        linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
        x = torch.randn(2, 3, generator=torch.Generator().manual_seed(n_layers))
        want = x
        for layer in linears:
            want = layer(want)
        got, error = _run(model, x)
        problem = error or _compare(got, want, "model(x)")
        if problem:
            return report(False, name, problem + " The forward should apply every layer in turn.")
        model.to(torch.float64)
        if any(p.dtype != torch.float64 for p in model.parameters()) or len(linears) != n_layers:
            return report(False, name, ".to(torch.float64) did not reach every layer.")
    return report(True, name)


def check_two_convs(module_class, in_shape=(2, 3, 32, 32), out_shape=(2, 16, 26, 26)) -> CheckResult:
    """Lesson 1: ``module_class()`` has exactly two nn.Conv2d layers and maps a batch of
    ``in_shape`` to ``out_shape``."""
    import torch
    from torch import nn

    name = "Two convolutions"
    if not (isinstance(module_class, type) and issubclass(module_class, nn.Module)):
        return report(False, name, "pass the class itself, a subclass of nn.Module.")
    model, error = _run(module_class)
    if error:
        return report(False, name, f"creating it failed: {error}")
    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    if len(convs) != 2:
        return report(False, name, f"found {len(convs)} registered nn.Conv2d layers, expected 2.")
    x = torch.randn(in_shape, generator=torch.Generator().manual_seed(3))
    got, error = _run(model, x)
    if error:
        return report(False, name, f"{error} (does each layer's in_channels match the "
                      "channels it receives?)")
    if not isinstance(got, torch.Tensor) or tuple(got.shape) != tuple(out_shape):
        shape = tuple(got.shape) if isinstance(got, torch.Tensor) else type(got).__name__
        return report(False, name, f"the output has shape {shape}, expected {tuple(out_shape)}. "
                      "Without padding, each k x k kernel shrinks height and width by k - 1.")
    return report(True, name)
