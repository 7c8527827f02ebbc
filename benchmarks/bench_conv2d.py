"""How much slower is convcourse's from-scratch conv2d than torch's own?

One run: the ResNet-like case (8, 64, 56, 56) float32 input, 64 filters of 3x3, padding 1.
Each function is warmed up, then timed several times in turn; the medians are printed with
their ratio to F.conv2d, next to a plain unfold-and-matmul (im2col) for context, and the
largest difference between convcourse's result and torch's.

Then the cases that used to blow up (issue 8), each timed against F.conv2d with the total size
of the tensors convcourse allocates for it (seen through ``convcourse.reference._watch``): a
huge stride on a small input, groups > 1 on many small images, and a depthwise convolution.

Usage: .venv/bin/python benchmarks/bench_conv2d.py
"""

from __future__ import annotations

import functools
import statistics
import time

import torch
import torch.nn.functional as F

import convcourse
import convcourse.reference

SHAPE = (8, 64, 56, 56)
FILTERS, KERNEL, PADDING = 64, 3, 1
WARMUP, REPEATS = 3, 15

# (name, input shape, weight shape, keyword arguments): the arguments that used to blow up.
HARD_CASES = [
    ("stride 5000 on 5x5", (1, 1, 5, 5), (1, 1, 3, 3), dict(stride=5000)),
    ("stride 20000 on 8x5x5", (1, 8, 5, 5), (4, 8, 3, 3), dict(stride=20000)),
    ("groups=2 on (512, 512, 1, 1)", (512, 512, 1, 1), (512, 256, 3, 3), dict(padding=1, groups=2)),
    ("depthwise on (256, 64, 8, 8)", (256, 64, 8, 8), (64, 1, 3, 3), dict(padding=1, groups=64)),
]


def unfold_matmul(x, weight, padding):
    """The textbook im2col: every window copied into a column, then one matrix product."""
    n, _, height, width = x.shape
    out_channels, _, kh, kw = weight.shape
    columns = F.unfold(x, (kh, kw), padding=padding)  # (N, C*kh*kw, L)
    out = weight.reshape(out_channels, -1) @ columns
    ho, wo = convcourse.conv_output_size((height, width), (kh, kw), padding=padding)
    return out.reshape(n, out_channels, ho, wo)


def _medians(functions: dict, warmup: int, repeats: int) -> dict:
    for function in functions.values():
        for _ in range(warmup):
            function()
    times = {name: [] for name in functions}
    # Interleaved, so that a burst of load on a shared machine hits every contender alike.
    for _ in range(repeats):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def main(warmup: int = WARMUP, repeats: int = REPEATS) -> dict:
    convcourse.set_seed(0)
    x = torch.randn(*SHAPE)
    weight = torch.randn(FILTERS, SHAPE[1], KERNEL, KERNEL)
    bias = torch.randn(FILTERS)

    expected = F.conv2d(x, weight, bias, padding=PADDING)
    ours = convcourse.conv2d(x, weight, bias, padding=PADDING)
    naive = unfold_matmul(x, weight, PADDING) + bias.reshape(1, -1, 1, 1)
    with torch.no_grad():
        medians = _medians({
            "torch": lambda: F.conv2d(x, weight, bias, padding=PADDING),
            "convcourse": lambda: convcourse.conv2d(x, weight, bias, padding=PADDING),
            "unfold_matmul": lambda: unfold_matmul(x, weight, PADDING),
        }, warmup, repeats)
    figures = {
        "case": f"input {SHAPE} float32, {FILTERS} filters {KERNEL}x{KERNEL}, padding {PADDING}",
        "threads": torch.get_num_threads(),
        "repeats": repeats,
        "torch_ms": medians["torch"] * 1e3,
        "convcourse_ms": medians["convcourse"] * 1e3,
        "unfold_matmul_ms": medians["unfold_matmul"] * 1e3,
        "convcourse_ratio": medians["convcourse"] / medians["torch"],
        "unfold_matmul_ratio": medians["unfold_matmul"] / medians["torch"],
        "convcourse_max_abs_diff": (ours - expected).abs().max().item(),
        # float32 sums of 576 products: agreement to float32 rounding, not bit for bit.
        "convcourse_agrees": torch.allclose(ours, expected, rtol=1e-4, atol=1e-4),
        "unfold_matmul_max_abs_diff": (naive - expected).abs().max().item(),
    }
    _report(figures)
    figures["hard_cases"] = hard_cases(warmup=1, repeats=5)
    return figures


def _report(figures: dict) -> None:
    print(f"conv2d: {figures['case']}; {figures['threads']} torch threads, "
          f"median of {figures['repeats']}")
    print(f"  F.conv2d          {figures['torch_ms']:8.2f} ms")
    print(f"  convcourse.conv2d    {figures['convcourse_ms']:8.2f} ms  "
          f"{figures['convcourse_ratio']:.2f}x F.conv2d  "
          f"(max abs diff {figures['convcourse_max_abs_diff']:.1e}, "
          f"{'agrees' if figures['convcourse_agrees'] else 'DISAGREES'} with F.conv2d)")
    print(f"  unfold + matmul   {figures['unfold_matmul_ms']:8.2f} ms  "
          f"{figures['unfold_matmul_ratio']:.2f}x F.conv2d  "
          f"(max abs diff {figures['unfold_matmul_max_abs_diff']:.1e})")


def _allocated_mb(function) -> float:
    """Megabytes of the tensors conv2d allocates while running ``function`` once."""
    sizes = []
    convcourse.reference._watch = lambda name, t: sizes.append(t.numel() * t.element_size())
    try:
        function()
    finally:
        convcourse.reference._watch = None
    return sum(sizes) / 1e6


def hard_cases(warmup: int = 1, repeats: int = 5) -> list[dict]:
    """Time and allocated memory of convcourse.conv2d on HARD_CASES, next to F.conv2d."""
    generator = torch.Generator().manual_seed(0)
    rows = []
    print(f"cases that used to blow up (median of {repeats}; MB: every tensor conv2d allocates, "
          "input and weight excluded):")
    for name, shape, weight_shape, kwargs in HARD_CASES:
        x = torch.randn(*shape, generator=generator)
        weight = torch.randn(*weight_shape, generator=generator)
        theirs = functools.partial(F.conv2d, x, weight, **kwargs)
        ours = functools.partial(convcourse.conv2d, x, weight, **kwargs)
        with torch.no_grad():
            allocated = _allocated_mb(ours)
            medians = _medians({"torch": theirs, "convcourse": ours}, warmup, repeats)
        row = {"case": name, "torch_ms": medians["torch"] * 1e3,
               "convcourse_ms": medians["convcourse"] * 1e3,
               "ratio": medians["convcourse"] / medians["torch"], "allocated_mb": allocated,
               "input_mb": x.numel() * x.element_size() / 1e6,
               "agrees": torch.allclose(ours(), theirs(), rtol=1e-4, atol=1e-4)}
        rows.append(row)
        print(f"  {name:30s} F.conv2d {row['torch_ms']:8.2f} ms  convcourse "
              f"{row['convcourse_ms']:8.2f} ms  {row['ratio']:6.2f}x  "
              f"{allocated:7.1f} MB (input {row['input_mb']:.1f} MB)  "
              f"{'agrees' if row['agrees'] else 'DISAGREES'}")
    return rows

if __name__ == "__main__":
    main()
