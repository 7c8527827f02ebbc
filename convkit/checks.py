"""Automatic checks for the lessons' exercises.

Each check compares a learner's answer with torch on random inputs and prints a clear pass,
or a hint. The random cases come from a fixed seed (some checks take ``seed=`` to vary them),
so a lesson prints the same hints on every run and two builds of the site are identical.
A check returns a :class:`CheckResult`, which is true exactly when the answer passed, so a
solution cell can ``assert`` it and CI proves the solution right. A check never
raises on a wrong answer: a learner's mistake gets a hint, not a traceback.

    >>> result = report(False, "Doubler", "return 2 * x.")
    ❌ Doubler: not yet. Hint: return 2 * x.
    >>> bool(result), result.hint
    (False, 'return 2 * x.')
"""

from __future__ import annotations

from dataclasses import dataclass

PASS_MARK = "✅"
HINT_MARK = "❌"


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: true when the answer passed (``assert check_x(...)`` works)."""

    passed: bool
    exercise: str
    hint: str = ""

    def __bool__(self) -> bool:
        return self.passed

    def _ipython_display_(self) -> None:
        # The check already printed its verdict; as a cell's last line it would otherwise
        # add a stray "False" under the hint.
        pass


def report(passed: bool, exercise: str, hint: str = "") -> CheckResult:
    """Print the outcome of one exercise check and return it."""
    if passed:
        print(f"{PASS_MARK} {exercise}: correct.")
    else:
        print(f"{HINT_MARK} {exercise}: not yet. Hint: {hint}")
    return CheckResult(bool(passed), exercise, "" if passed else hint)


# --- Lessons 1 and 2 (nn.Module, conv2d by hand) ------------------------------------------
# torch is imported inside each check (the section shares the file's import block with others).


def _run(fn, *args):
    """Call a learner's function; return (result, None) or (None, a one-line description)."""
    try:
        return fn(*args), None
    except Exception as error:  # a learner's bug becomes a hint, never a traceback
        return None, f"calling it raised {type(error).__name__}: {error}"


def _compare(got, want, what: str) -> str:
    """Return '' if ``got`` is a tensor close to ``want``, else what is wrong with it."""
    import torch

    if got is None:
        return f"{what} returned None; fill in the body so that it returns a tensor."
    if not isinstance(got, torch.Tensor):
        return f"{what} returned a {type(got).__name__}, expected a torch.Tensor."
    if got.shape != want.shape:
        return f"{what} returned shape {tuple(got.shape)}, expected {tuple(want.shape)}."
    if not torch.allclose(got.to(want.dtype), want, rtol=1e-4, atol=1e-4):
        worst = (got.to(want.dtype) - want).abs().max().item()
        return f"{what} has the right shape but values differ from torch's (by up to {worst:.3g})."
    return ""


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


def _random_conv_case(generator, channels=False):
    """A random (x, w) pair: 2-D single-channel, or 4-D batch and 4-D weight."""
    import torch

    def size(low, high):
        return int(torch.randint(low, high + 1, (), generator=generator))

    kh, kw = size(1, 4), size(1, 4)
    h, w = size(kh, 9), size(kw, 9)
    if not channels:
        return (torch.randn(h, w, generator=generator),
                torch.randn(kh, kw, generator=generator))
    n, c_in, c_out = size(1, 3), size(1, 4), size(1, 4)
    return (torch.randn(n, c_in, h, w, generator=generator),
            torch.randn(c_out, c_in, kh, kw, generator=generator))


def _torch_conv_2d(x, w, **options):
    """F.conv2d on a single-channel 2-D input and kernel, returning a 2-D result."""
    import torch.nn.functional as F

    return F.conv2d(x[None, None], w[None, None], **options)[0, 0]


def check_output_element(element_fn) -> CheckResult:
    """Lesson 2: ``element_fn(x, w, i, j)`` returns output[i, j] of a stride-1, unpadded
    convolution of the 2-D input x with the 2-D kernel w."""
    import torch

    name = "One output element"
    generator = torch.Generator().manual_seed(4)
    for _ in range(10):
        x, w = _random_conv_case(generator)
        want = _torch_conv_2d(x, w)
        i = int(torch.randint(want.shape[0], (), generator=generator))
        j = int(torch.randint(want.shape[1], (), generator=generator))
        got, error = _run(element_fn, x, w, i, j)
        if error:
            return report(False, name, error)
        if got is None:
            return report(False, name, "the function returned None; return the number.")
        value = float(got)
        if abs(value - want[i, j].item()) > 1e-4:
            return report(False, name, f"for a {tuple(x.shape)} input and a {tuple(w.shape)} "
                          f"kernel, element ({i}, {j}) is {want[i, j].item():.4f} but you "
                          f"returned {value:.4f}. The window starts at row i, column j.")
    return report(True, name)


def _check_loop_conv_argument(conv_fn, name: str, seed: int, argument: str, values: tuple[int, int],
                              hint: str) -> CheckResult:
    """``conv_fn(x, w, value)`` on 2-D tensors equals F.conv2d(..., argument=value) for random
    cases and values drawn from range(*values)."""
    import torch

    generator = torch.Generator().manual_seed(seed)
    for _ in range(12):
        x, w = _random_conv_case(generator)
        value = int(torch.randint(*values, (), generator=generator))
        got, error = _run(conv_fn, x, w, value)
        problem = error or _compare(got, _torch_conv_2d(x, w, **{argument: value}),
                                    f"conv_fn(x, w, {argument}={value}) with x {tuple(x.shape)}, "
                                    f"w {tuple(w.shape)}")
        if problem and got is None and not error:
            return report(False, name, problem)
        if problem:
            return report(False, name, f"{problem} {hint}")
    return report(True, name)


def check_conv2d_stride(conv_fn) -> CheckResult:
    """Lesson 2: ``conv_fn(x, w, stride)`` on 2-D tensors equals F.conv2d(..., stride=stride)."""
    return _check_loop_conv_argument(
        conv_fn, "Stride in the loop version", 5, "stride", (1, 4),
        "Output (i, j) reads the window starting at row i*stride, column j*stride.")


def check_conv2d_padding(conv_fn) -> CheckResult:
    """Lesson 2: ``conv_fn(x, w, padding)`` on 2-D tensors equals F.conv2d(..., padding=...)."""
    return _check_loop_conv_argument(
        conv_fn, "Zero padding", 6, "padding", (0, 3),
        "Put the input inside a zero tensor with padding extra rows and columns on every side, "
        "then convolve.")


def check_conv2d_im2col(conv_fn) -> CheckResult:
    """Lesson 2: ``conv_fn(x, w)`` on a 4-D batch and 4-D weight equals F.conv2d(x, w)."""
    import torch
    import torch.nn.functional as F

    name = "Multi-channel im2col"
    generator = torch.Generator().manual_seed(7)
    for _ in range(12):
        x, w = _random_conv_case(generator, channels=True)
        got, error = _run(conv_fn, x, w)
        problem = error or _compare(got, F.conv2d(x, w), f"conv_fn(x, w) with x "
                                    f"{tuple(x.shape)}, w {tuple(w.shape)}")
        if problem and got is None and not error:
            return report(False, name, problem)
        if problem:
            return report(False, name, problem + " F.unfold gives (N, C*kH*kW, L); multiply "
                          "by w reshaped to (out_channels, C*kH*kW), then reshape L to "
                          "(out_h, out_w).")
    return report(True, name)


# --- Lessons 3 and 4 (padding and stride, the Conv2d layer) -------------------------------
# Imported inside each check, like the section above; private helpers here start with _l34.


def _l34_torch_size(i, k, s=1, p=0, d=1):
    """The output height torch gives for one input dimension (a one-column input)."""
    import torch
    import torch.nn.functional as F

    x, w = torch.zeros(1, 1, i, 1), torch.zeros(1, 1, k, 1)
    return F.conv2d(x, w, stride=(s, 1), padding=(p, 0), dilation=(d, 1)).shape[2]


def _l34_is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_stride_output_size(size_fn, seed=0) -> CheckResult:
    """Lesson 3: ``size_fn(i, k, s, p, d)`` returns the output size along one dimension;
    compared with the shape of torch's F.conv2d output on random sizes."""
    import random

    name = "Output-size formula"
    rng = random.Random(seed)
    tried = 0
    while tried < 60:
        i, k, s = rng.randint(1, 20), rng.randint(1, 7), rng.randint(1, 4)
        p, d = rng.randint(0, 3), rng.randint(1, 3)
        if d * (k - 1) + 1 > i + 2 * p:
            continue
        tried += 1
        want = _l34_torch_size(i, k, s, p, d)
        got, error = _run(size_fn, i, k, s, p, d)
        case = f"i={i}, k={k}, s={s}, p={p}, d={d}"
        if error:
            return report(False, name, f"for {case} {error}")
        if got is None:
            return report(False, name, "the function returned None; return the output size as an int.")
        if got != want:
            hint = f"for {case} you returned {got!r}; torch gives {want}. "
            if not _l34_is_int(got):
                hint += "Return an int: use // (floor division), not /."
            elif d > 1:
                hint += "With dilation the kernel spans d*(k-1)+1 input positions, not k."
            else:
                hint += "Count the positions where the window fits in the padded input, then step by s."
            return report(False, name, hint)
    return report(True, name)


def check_stride_same_padding(padding_fn, seed=0) -> CheckResult:
    """Lesson 3: ``padding_fn(k, d)`` returns the padding that keeps the size at stride 1
    (for an odd span d*(k-1)+1); the size is measured with torch."""
    import random

    name = "Same padding"
    rng = random.Random(seed)
    cases = [(k, d) for k in range(1, 8) for d in range(1, 5) if d * (k - 1) % 2 == 0]
    for k, d in rng.sample(cases, 12):
        got, error = _run(padding_fn, k, d)
        if error:
            return report(False, name, f"for k={k}, d={d} {error}")
        if got is None:
            return report(False, name, "the function returned None; return the padding as an int.")
        if not _l34_is_int(got) or got < 0:
            return report(False, name, f"for k={k}, d={d} you returned {got!r}; return an int >= 0 (use //).")
        for i in (d * (k - 1) + 1, rng.randint(d * (k - 1) + 1, 40)):
            out = _l34_torch_size(i, k, 1, got, d)
            if out != i:
                return report(False, name, f"with k={k}, d={d}, padding {got}, an input of size {i} "
                              f"gives {out} in torch. The kernel spans d*(k-1)+1 positions and "
                              "loses d*(k-1) of them; share that between the two sides.")
    return report(True, name)


def _l34_unreached_rows(i, k, s, p):
    """Input rows that no window touches, found by torch's autograd: their gradient is zero."""
    import torch
    import torch.nn.functional as F

    x = torch.ones(1, 1, i, 1, requires_grad=True)
    F.conv2d(x, torch.ones(1, 1, k, 1), stride=(s, 1), padding=(p, 0)).sum().backward()
    return [row for row in range(i) if x.grad[0, 0, row, 0] == 0]


def check_stride_unreached_rows(rows_fn, seed=0) -> CheckResult:
    """Lesson 3: ``rows_fn(i, k, s, p)`` lists the input rows (0-based) that no window
    reaches; the truth comes from torch's autograd (an unreached row gets no gradient)."""
    import random

    name = "Unreached rows"
    rng = random.Random(seed)
    cases = [(6, 3, 2, 1), (5, 1, 2, 0)]  # one the lesson shows, one with gaps between windows
    while len(cases) < 40:
        i, k, s, p = rng.randint(1, 16), rng.randint(1, 5), rng.randint(1, 5), rng.randint(0, 2)
        if k <= i + 2 * p and p < k:
            cases.append((i, k, s, p))
    for i, k, s, p in cases:
        want = _l34_unreached_rows(i, k, s, p)
        got, error = _run(rows_fn, i, k, s, p)
        case = f"i={i}, k={k}, s={s}, p={p}"
        if error:
            return report(False, name, f"for {case} {error}")
        if got is None:
            return report(False, name, "the function returned None; return a list of row indices.")
        try:
            got_rows = sorted(int(row) for row in got)
        except (TypeError, ValueError):
            return report(False, name, f"for {case} you returned {got!r}; return a list of ints.")
        if got_rows != want:
            return report(False, name, f"for {case} you returned {got_rows}; torch's autograd finds "
                          f"{want}. Window j covers padded rows j*s .. j*s+k-1; subtract p to get "
                          "input rows. When s > k there are gaps between windows too.")
    return report(True, name)


def check_stride_target_size(choose_fn, seed=0) -> CheckResult:
    """Lesson 3: ``choose_fn(i, k, target)`` returns (stride, padding), padding at most k - 1,
    that turn size i into size target; the size is measured with torch."""
    import random

    name = "Reach a target size"
    rng = random.Random(seed)
    for _ in range(30):
        k = rng.choice([1, 2, 3, 4, 5, 7])
        i = rng.randint(max(k, 4), 40)
        target = _l34_torch_size(i, k, rng.randint(1, 3), rng.randint(0, k - 1))
        got, error = _run(choose_fn, i, k, target)
        case = f"i={i}, k={k}, target={target}"
        if error:
            return report(False, name, f"for {case} {error}")
        if got is None:
            return report(False, name, "the function returned None; return a pair (stride, padding).")
        try:
            s, p = got
        except (TypeError, ValueError):
            return report(False, name, f"for {case} you returned {got!r}; return a pair (stride, padding).")
        if not (_l34_is_int(s) and _l34_is_int(p)) or s < 1 or not 0 <= p <= k - 1:
            return report(False, name, f"for {case} you returned {got!r}; stride must be an int >= 1 "
                          "and padding an int between 0 and k - 1.")
        out = _l34_torch_size(i, k, s, p)
        if out != target:
            return report(False, name, f"for {case}, stride {s} and padding {p} give {out} in torch. "
                          "Try each stride from 1 up and each padding from 0 to k - 1, and keep the first "
                          "pair whose output size is the target.")
    return report(True, name)


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
