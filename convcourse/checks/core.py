"""The shared core of the exercise checks: the verdict, running a learner's code, comparing tensors.

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
