"""Exercise checks of lesson 3 (padding and stride)."""

from __future__ import annotations

from convcourse.checks.core import CheckResult, _run, report


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
