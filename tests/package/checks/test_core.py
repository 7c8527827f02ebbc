"""The checks' shared core (convcourse/checks/core.py), and the rule that every check is tested.

Every public ``check_*`` must have a ``Cases`` entry (>= 1 right, >= 1 wrong, >= 1 malformed
answer) in the ``CASES`` of some ``tests/package/checks/test_lesson*.py``; those files run the cases.
"""

from __future__ import annotations

import inspect
import random

import numpy as np
import pytest
import torch
from checks_testing import all_cases
from IPython.core.formatters import DisplayFormatter
from torch import nn

from convcourse import checks, messages
from convcourse.checks import core
from convcourse.checks.core import Hint


def public_checks() -> set[str]:
    return {name for name, function in inspect.getmembers(checks, inspect.isfunction)
            if name.startswith("check_") and function.__module__.startswith(checks.__name__ + ".")}


def test_every_public_check_has_right_wrong_and_malformed_cases():
    cases = all_cases()
    missing = public_checks() - set(cases)
    assert not missing, f"checks without CASES in tests/package/checks/test_lesson*.py: {sorted(missing)}"
    for name, entry in cases.items():
        assert name in public_checks(), f"CASES names {name}, which convcourse.checks does not export"
        assert entry.right and entry.wrong and entry.malformed, f"{name} needs all three kinds"


def test_every_public_check_is_made_safe_by_the_decorator():
    unsafe = {name for name in public_checks()
              if not hasattr(getattr(checks, name), "exercise")}
    assert not unsafe, f"checks not written with @check: {sorted(unsafe)}"


# --- report and CheckResult ----------------------------------------------------------------


def test_report_prints_one_verdict_line_and_is_true_exactly_when_passed(capsys):
    passed = checks.report(True, "Exercise")
    failed = checks.report(False, "Exercise", "try\nagain.")
    assert capsys.readouterr().out.splitlines() == [
        f"{checks.PASS_MARK} Exercise: correct.",
        f"{checks.HINT_MARK} Exercise: not yet. Hint: try again.",
    ]
    assert passed and passed.passed and not failed and not failed.passed
    assert (passed.hint, failed.hint) == ("", "try again.")


def test_a_check_result_as_a_cells_last_line_displays_nothing(capsys):
    result = checks.report(False, "Exercise", "no.")
    assert DisplayFormatter().format(result) == ({}, {})
    assert DisplayFormatter().format(False) != ({}, {})  # the formatter would show a plain bool


def test_a_very_long_hint_is_shortened_to_one_line(capsys):
    result = checks.report(False, "Exercise", "word " * 500)
    assert len(result.hint) <= core.MAX_HINT_LENGTH and "\n" not in capsys.readouterr().out.strip()


# --- the decorator -------------------------------------------------------------------------


@core.check("Decorated")
def check_example(answer):
    if answer == "hint":
        raise Hint("a hint\nover two lines")
    if answer == "bug":
        raise ValueError("first line\nsecond line")
    if answer == "recursion":
        raise RecursionError("maximum recursion depth exceeded")


def test_the_decorator_passes_when_the_body_returns(capsys):
    assert check_example("fine")
    assert capsys.readouterr().out == f"{checks.PASS_MARK} Decorated: correct.\n"


@pytest.mark.parametrize("answer", ["hint", "bug", "recursion"])
def test_the_decorator_turns_any_exception_into_a_one_line_hint(answer, capsys):
    result = check_example(answer)
    printed = capsys.readouterr().out
    assert not result and len(printed.strip().splitlines()) == 1 and "Traceback" not in printed
    assert checks.HINT_MARK in printed and result.hint in printed


def test_an_unforeseen_error_names_its_type(capsys):
    assert "ValueError" in check_example("bug").hint


def test_a_check_does_not_disturb_the_learners_random_numbers(capsys):
    @core.check("Random")
    def check_draws(answer):
        random.random()
        np.random.rand(3)
        torch.rand(5)
        nn.Linear(4, 4)  # initialisation draws from torch's global generator

    def draws():
        return random.random(), np.random.rand(), torch.rand(1).item()

    random.seed(11)
    np.random.seed(11)
    torch.manual_seed(11)
    expected = draws()
    random.seed(11)
    np.random.seed(11)
    torch.manual_seed(11)
    check_draws(None)
    assert draws() == expected


def test_inside_a_check_the_global_generators_start_from_a_fixed_seed(capsys):
    seen = []

    @core.check("Seeded")
    def check_records(answer):
        seen.append((random.random(), torch.rand(1).item(), nn.Linear(2, 2).weight.sum().item()))

    torch.manual_seed(1)
    random.seed(1)
    check_records(None)
    torch.manual_seed(2)
    random.seed(2)
    check_records(None)
    assert seen[0] == seen[1]


# --- the helpers ---------------------------------------------------------------------------


def hint_of(helper, *args, **kwargs) -> str:
    with pytest.raises(Hint) as caught:
        helper(*args, **kwargs)
    return str(caught.value)


def test_generator_is_seeded():
    assert torch.equal(torch.rand(3, generator=core.generator(4)), torch.rand(3, generator=core.generator(4)))


def test_call_returns_the_result_or_a_hint_naming_the_error():
    assert core.call(lambda a, b: a + b, 1, 2, what="f(1, 2)") == 3
    assert hint_of(core.call, None, what="f(x)") == messages.CHECK_HINT_NONE_NOT_CALLABLE.format(what="f(x)")
    assert "str" in hint_of(core.call, "text", what="f(x)")

    def raises(x):
        raise KeyError("oops")

    assert "f(x) raised KeyError" in hint_of(core.call, raises, 1, what="f(x)")


@pytest.mark.parametrize("value", [2, np.int64(2), np.int32(2), torch.tensor(2), torch.tensor([2]),
                                   np.array(2)])
def test_as_int_accepts_every_kind_of_whole_number(value):
    assert core.as_int(value, "n") == 2 and type(core.as_int(value, "n")) is int


@pytest.mark.parametrize("value", [2.0, 2.5, True, None, "2", 2 + 0j, torch.tensor(2.0),
                                   torch.tensor([1, 2]), [2], float("nan")])
def test_as_int_refuses_everything_else_with_a_hint(value):
    assert hint_of(core.as_int, value, "n").startswith("n ")


def test_as_int_says_use_floor_division_for_a_float_but_not_for_nan():
    assert "//" in hint_of(core.as_int, 2.5, "n")
    assert "//" not in hint_of(core.as_int, float("nan"), "n")
    assert "finite" in hint_of(core.as_int, float("inf"), "n")


@pytest.mark.parametrize("value", [1.5, np.float32(1.5), np.float64(1.5), torch.tensor(1.5),
                                   torch.tensor([[1.5]]), torch.tensor(1.5, requires_grad=True)])
def test_as_number_accepts_every_kind_of_real_number(value):
    assert core.as_number(value, "x") == 1.5


def test_as_number_accepts_integers_as_numbers():
    assert core.as_number(np.int64(3), "x") == 3.0 and core.as_number(torch.tensor(3), "x") == 3.0


@pytest.mark.parametrize("value", [float("nan"), float("inf"), torch.tensor(float("nan")), 1 + 2j,
                                   torch.tensor(1 + 2j), None, "1.5", True, [1.5], torch.ones(2, 2),
                                   np.ones(3)])
def test_as_number_refuses_everything_else_with_a_hint(value):
    assert hint_of(core.as_number, value, "x").startswith("x ")


def test_as_number_suggests_sum_for_a_tensor_of_several_elements():
    assert ".sum()" in hint_of(core.as_number, torch.ones(2, 2), "x")


@pytest.mark.parametrize("value", [[1, 2], (1, 2), torch.tensor([1, 2]), np.array([1, 2]), range(1, 3),
                                   [np.int64(1), torch.tensor(2)]])
def test_as_ints_accepts_lists_tuples_and_1d_arrays(value):
    assert core.as_ints(value, "rows") == (1, 2)


@pytest.mark.parametrize("value", [None, "12", 12, [1.5, 2], [[1], [2]], torch.ones(2, 2, dtype=torch.int64),
                                   {1, 2}])
def test_as_ints_refuses_everything_else_with_a_hint(value):
    assert hint_of(core.as_ints, value, "rows")


def test_as_ints_checks_the_length():
    assert "3" in hint_of(core.as_ints, [1, 2], "pair", length=3)


def test_as_tensor_accepts_a_real_tensor_of_the_right_kind_and_shape():
    x = torch.ones(2, 3)
    assert core.as_tensor(x, "y", shape=(2, 3)) is x
    assert core.as_tensor(torch.ones(2, dtype=torch.int64), "y", kind="int") is not None
    assert core.as_tensor(torch.ones(2, dtype=torch.int64), "y", kind=None) is not None


@pytest.mark.parametrize("value", [None, [1.0, 2.0], np.ones(2), "tensor",
                                   torch.ones(2, dtype=torch.complex64),
                                   torch.ones(2, dtype=torch.int64), torch.tensor([1.0, float("nan")]),
                                   torch.tensor([1.0, float("inf")]), torch.ones(3)])
def test_as_tensor_refuses_everything_else_with_a_hint(value):
    assert hint_of(core.as_tensor, value, "y", shape=(2,)).startswith("y ")


class BadRepr:
    def __repr__(self):
        raise RuntimeError("no repr")


def test_a_huge_or_unprintable_answer_is_described_briefly():
    assert len(hint_of(core.as_tensor, list(range(10**6)), "y")) < 200
    assert "BadRepr" in hint_of(core.as_tensor, BadRepr(), "y")


def test_as_tensor_names_the_problem():
    assert "None" in hint_of(core.as_tensor, None, "y")
    assert "complex" in hint_of(core.as_tensor, torch.ones(2, dtype=torch.complex64), "y")
    assert "NaN" in hint_of(core.as_tensor, torch.tensor([float("nan")]), "y")
    assert "(3,)" in hint_of(core.as_tensor, torch.ones(3), "y", shape=(2,))
    assert "list" in hint_of(core.as_tensor, [1.0], "y")


def test_compare_accepts_close_values_in_another_float_dtype_and_refuses_others():
    want = torch.tensor([1.0, 2.0])
    core.compare(torch.tensor([1.0, 2.0], dtype=torch.float64), want, "y")
    core.compare(torch.tensor([1.0, 2.0], requires_grad=True) * 1, want, "y")
    assert "differ" in hint_of(core.compare, torch.tensor([1.0, 2.5]), want, "y")
    assert hint_of(core.compare, torch.tensor([1.0, 2.5]), want, "y", hint="Add more.").endswith("Add more.")
    assert "complex" in hint_of(core.compare, want.to(torch.complex64), want, "y")


def test_compare_adds_the_exercises_advice_to_a_wrong_shape_but_not_to_a_wrong_type():
    want = torch.zeros(2, 2)
    hint = hint_of(core.compare, torch.zeros(3), want, "y", hint="Mind the stride.")
    assert hint.endswith("Mind the stride.") and "(3,)" in hint
    assert "stride" not in hint_of(core.compare, None, want, "y", hint="Mind the stride.")


class Identity(nn.Module):
    def forward(self, x):
        return x


class ForwardReturnsNone(nn.Module):
    def forward(self, x):
        return None


class InitFails(nn.Module):
    def __init__(self):
        raise TypeError("missing argument")


def test_module_helpers_build_and_run_a_learners_module():
    model = core.build(Identity, what="Identity()")
    assert torch.equal(core.forward(model, torch.ones(2), "model(x)"), torch.ones(2))
    assert "None" in hint_of(core.forward, ForwardReturnsNone(), torch.ones(2), "model(x)")
    assert "class itself" in hint_of(core.build, Identity(), what="M()")
    assert "nn.Module" in hint_of(core.build, int, what="M()")
    assert "None" in hint_of(core.build, None, what="M()")
    assert "TypeError" in hint_of(core.build, InitFails, what="M()")


def test_the_old_run_and_compare_helpers_still_work():
    assert core._run(lambda: 1) == (1, None)
    assert "raised" in core._run(lambda: 1 / 0)[1]
    assert core._compare(torch.ones(1), torch.ones(1), "y") == ""
    assert "None" in core._compare(None, torch.ones(1), "y")


def test_docstring_examples_run(capsys):
    import doctest

    assert doctest.testmod(core).failed == 0


def named_function():
    return 3


class PlainObject:
    pass


@pytest.mark.parametrize("helper", [core.as_number, core.as_int, core.as_ints, core.as_tensor])
@pytest.mark.parametrize("answer, name", [(named_function, "named_function"), (lambda: 3, "lambda"),
                                          (torch.nn.Linear, "Linear"), (PlainObject(), "PlainObject"),
                                          (BadRepr(), "BadRepr"), ((n for n in range(3)), "generator")])
def test_a_function_class_or_plain_object_is_named_without_its_memory_address(helper, answer, name):
    hint = hint_of(helper, answer, "your prediction")
    assert name in hint
    assert "0x" not in hint and " at " not in hint and "…" not in hint, hint


@pytest.mark.parametrize("helper", [core.as_number, core.as_int, core.as_ints])
def test_a_function_where_a_value_is_due_gets_advice_to_give_the_value(helper):
    assert "not a function or a class" in hint_of(helper, named_function, "your prediction")


def test_a_module_object_where_a_function_is_due_gets_a_hint_saying_so(capsys):
    @core.check("Function", answer="function")
    def check_function(fn):
        core.call(fn, 3, what="fn(3)")

    result = check_function(nn.Conv2d(1, 1, 3))
    assert not result and "a module of class Conv2d, not a function" in result.hint
    assert bool(check_function(lambda n: n))
    assert bool(check_function(nn.Identity))  # a class that builds the module may be right
    capsys.readouterr()
