"""How every exercise check is tested: with right, wrong and malformed answers.

Each ``tests/package/checks/test_lesson*.py`` defines ``CASES``: for every check of its lesson, a
:class:`Cases` with answers written in the test (independently of the lesson's solutions):

- ``right``: every one must pass (in-place versions, numpy integers, 0-d tensors, tuples for
  lists, another registration order... whatever a correct learner may write);
- ``wrong``: every one must fail with a one-line hint (the mistakes the hints are about);
- ``malformed``: None, a string, NaN, a function that raises, a module whose forward returns
  None...: every one must fail with a one-line hint and never raise.

``tests/package/checks/test_core.py`` asserts that every public check has a ``Cases`` with at least one
answer of each kind, so a new check without tests fails the suite.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass, field
from typing import Any

import pytest
from paths import ROOT

from convcourse import checks

CASE_FILES = ROOT / "tests" / "package" / "checks"

# Malformed answers every lesson's CASES use: a learner's function that raises, one whose body
# was never filled in, and one that returns NaN.


def raises(*args):
    raise RuntimeError("a learner's bug")


def returns_none(*args):
    return None


def returns_nan(*args):
    return float("nan")


@dataclass
class Cases:
    right: list[Any] = field(default_factory=list)
    wrong: list[Any] = field(default_factory=list)
    malformed: list[Any] = field(default_factory=list)


def run_check(name: str, answer, capsys):
    """Call ``checks.<name>(answer)``; return (result, what it printed). Never swallows errors:
    a check that raises fails the test that called it."""
    result = getattr(checks, name)(answer)
    return result, capsys.readouterr().out


def assert_passes(name: str, answer, capsys) -> None:
    result, printed = run_check(name, answer, capsys)
    assert result, f"{name} refused a right answer {answer!r}: {printed}"
    assert checks.PASS_MARK in printed and checks.HINT_MARK not in printed, printed


def assert_fails_with_a_one_line_hint(name: str, answer, capsys) -> str:
    """The answer fails, one line is printed with the hint mark, no traceback; returns the hint."""
    result, printed = run_check(name, answer, capsys)
    assert not result, f"{name} accepted a wrong answer {answer!r}: {printed}"
    lines = printed.strip().splitlines()
    assert len(lines) == 1, f"{name}: expected one line, got {printed!r}"
    assert checks.HINT_MARK in lines[0] and "Hint: " in lines[0], printed
    assert "Traceback" not in printed
    assert result.hint and result.hint in printed
    return result.hint


def case_tests(cases: dict[str, Cases]):
    """The two tests every ``tests/package/checks/test_lessonN.py`` runs over its ``CASES``.

    Assign them in the lesson's module (so they run there, with its fixtures):
    ``test_a_right_answer_passes, test_a_wrong_or_malformed_answer_fails_with_a_one_line_hint =
    case_tests(CASES)``.
    """

    def params(kind: str):
        return [pytest.param(name, answer, id=f"{name}-{kind}{index}")
                for name, entry in cases.items() for index, answer in enumerate(getattr(entry, kind))]

    @pytest.mark.parametrize(("name", "answer"), params("right"))
    def test_a_right_answer_passes(name, answer, capsys):
        assert_passes(name, answer, capsys)

    @pytest.mark.parametrize(("name", "answer"), params("wrong") + params("malformed"))
    def test_a_wrong_or_malformed_answer_fails_with_a_one_line_hint(name, answer, capsys):
        assert_fails_with_a_one_line_hint(name, answer, capsys)

    return test_a_right_answer_passes, test_a_wrong_or_malformed_answer_fails_with_a_one_line_hint


def lesson_cases(lesson: int) -> dict[str, Cases]:
    """The ``CASES`` of ``tests/package/checks/test_lesson<lesson>.py``, loaded by its path (test
    modules are not importable by name: pytest's importlib mode)."""
    path = CASE_FILES / f"test_lesson{lesson}.py"
    name = f"_cases_{path.stem}"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules[name].CASES


def all_cases() -> dict[str, Cases]:
    """Every ``CASES`` entry of every lesson's case file, by check name."""
    cases = {}
    for path in sorted(CASE_FILES.glob("test_lesson*.py")):
        for name, entry in lesson_cases(int(path.stem.removeprefix("test_lesson"))).items():
            assert name not in cases, f"{name} has cases in two files"
            cases[name] = entry
    return cases
