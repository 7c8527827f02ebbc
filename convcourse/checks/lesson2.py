"""Exercise checks of lesson 2 (conv2d by hand)."""

from __future__ import annotations

from convcourse.checks.core import CheckResult, _compare, _run, report


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
