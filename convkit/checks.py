"""Automatic checks for the lessons' exercises.

Each check compares a learner's answer with torch on fresh random inputs and prints a clear
pass, or a hint. It returns True or False, so a solution cell can ``assert`` it and CI
proves the solution right. A check never raises on a wrong answer: a learner's mistake
gets a hint, not a traceback.
"""

from __future__ import annotations

PASS_MARK = "✅"
HINT_MARK = "❌"


def report(passed: bool, exercise: str, hint: str = "") -> bool:
    """Print the outcome of one exercise check and return it."""
    if passed:
        print(f"{PASS_MARK} {exercise}: correct.")
    else:
        print(f"{HINT_MARK} {exercise}: not yet. Hint: {hint}")
    return passed


# --- Lessons 1 and 2 (nn.Module, conv2d by hand) ------------------------------------------


# --- Lessons 3 and 4 (padding and stride, the Conv2d layer) -------------------------------
