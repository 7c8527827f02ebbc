"""The shared core of the exercise checks: a decorator that makes a check safe, and helpers.

Every check in ``convcourse.checks.lessonN`` is written with this core, so that every check
behaves the same way:

- it prints ONE line: ``✅ <exercise>: correct.`` or ``❌ <exercise>: not yet. Hint: <hint>``;
- it returns a :class:`CheckResult`, true exactly when the answer passed (a solution cell can
  ``assert check_x(x_solution)``);
- it never raises and never prints a traceback, whatever the learner passes;
- it never disturbs the learner's random numbers, and its own random cases come from a fixed seed.

The API (stable: lessons 1-5 use it)
------------------------------------

``@check(exercise, answer=None)``
    Decorator for a check function (``answer="function"``: the answer must be a function, and
    a layer or model object passed instead gets a hint saying so). ``exercise`` is the title, or
    a function returning it: the lessons' checks pass ``lambda: messages.CHECK1_DOUBLER``, so
    the title is read in the active language (``convcourse.set_language``) at each call.
    Inside the body, call the helpers below; any of them, or the body itself, may
    ``raise Hint("...")`` to fail with that hint. If the body returns normally the answer
    passed. Any *other* exception (a learner's object doing something odd that the check did
    not foresee, or a bug in the check) becomes the one-line hint
    ``messages.CHECK_HINT_UNEXPECTED``. The body runs with the global ``random``, numpy and torch
    generators seeded from a fixed seed (so modules a learner builds get the same weights every
    run), and the learner's generator states are restored afterwards.
``Hint(text)``
    The exception that fails a check with ``text`` as its hint (made one line, shortened).
``report(passed, exercise, hint="")``
    Print one verdict line and return a :class:`CheckResult` (used by ``@check``).
``generator(seed)``
    A ``torch.Generator`` seeded with ``seed``: draw a check's random cases from it.
``call(fn, *args, what=...)``
    Call the learner's ``fn``; if it raises, fail with "``what`` raised TypeError: ...".
``as_int(value, what)``
    An ``int`` from an int, a numpy integer or a 0-d/one-element integer tensor; fails on
    bool, float, complex, None, strings, NaN...
``as_number(value, what)``
    A finite ``float`` from an int, float, numpy number or a tensor with one element; fails on
    complex, NaN, inf, None, strings, bools and tensors with more than one element.
``as_ints(value, what, length=None)``
    A ``tuple`` of ints from a list, tuple, 1-D integer tensor or numpy array.
``as_tensor(value, what, shape=None, kind="float")``
    The value itself if it is a ``torch.Tensor`` of the right dtype kind (``"float"``, ``"int"``,
    ``"bool"`` or ``None`` for any real kind), shape (if given), with no NaN or inf; fails on
    None, lists, numpy arrays, complex tensors...
``compare(got, want, what)``
    ``as_tensor`` with ``want``'s shape, then close to ``want`` (rtol = atol = 1e-4).
``module_class(value, what)`` / ``build(cls, *args, what=...)`` / ``forward(model, x, what)``
    A learner's ``nn.Module`` subclass; an instance built with ``args``; ``model(x)`` as a
    checked tensor (a forward returning None fails with a hint saying so).
``float_dtype(module)``
    The dtype of the module's floating parameters (float32 if none): build a check's inputs in it.

Every word these helpers print comes from ``convcourse.messages``, read when it is printed.

    >>> import torch
    >>> @check("Doubler")
    ... def check_double(fn):
    ...     x = torch.arange(3.0)
    ...     compare(call(fn, x, what="fn(x)"), 2 * x, "fn(x)")
    >>> bool(check_double(lambda x: x + x))
    ✅ Doubler: correct.
    True
    >>> check_double(None).hint
    ❌ Doubler: not yet. Hint: fn(x) could not be called: the answer is None, not a function.
    'fn(x) could not be called: the answer is None, not a function.'
"""

from __future__ import annotations

import functools
import numbers
import random
import re
import reprlib
import types
from dataclasses import dataclass

from convcourse import messages

CHECK_SEED = 0
MAX_HINT_LENGTH = 400


def __getattr__(name: str):
    # PASS_MARK and HINT_MARK: the active language's marks (the same ✅ and ❌ in every one).
    if name == "PASS_MARK":
        return messages.CHECK_PASS_MARK
    if name == "HINT_MARK":
        return messages.CHECK_HINT_MARK
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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


class Hint(Exception):
    """Raised inside a ``@check`` body to fail the check with this hint."""


def _one_line(text: str) -> str:
    line = " ".join(str(text).split())
    if len(line) > MAX_HINT_LENGTH:
        line = line[: MAX_HINT_LENGTH - 1].rstrip() + "…"
    return line


def report(passed: bool, exercise: str, hint: str = "") -> CheckResult:
    """Print the outcome of one exercise check (one line) and return it."""
    hint = "" if passed else _one_line(messages.tidy_spacing(str(hint)))
    if passed:
        print(messages.CHECK_PASSED.format(mark=messages.CHECK_PASS_MARK, exercise=exercise))
    else:
        print(messages.CHECK_FAILED.format(mark=messages.CHECK_HINT_MARK, exercise=exercise,
                                           hint=hint))
    return CheckResult(bool(passed), exercise, hint)


class _IsolatedRandomState:
    """Seed random, numpy and torch for the check; give the learner's states back afterwards."""

    def __enter__(self):
        import numpy as np
        import torch

        self.states = (random.getstate(), np.random.get_state(), torch.get_rng_state())
        random.seed(CHECK_SEED)
        np.random.seed(CHECK_SEED)
        torch.manual_seed(CHECK_SEED)
        return self

    def __exit__(self, *exc):
        import numpy as np
        import torch

        python_state, numpy_state, torch_state = self.states
        random.setstate(python_state)
        np.random.set_state(numpy_state)
        torch.set_rng_state(torch_state)
        return False


def check(exercise, answer: str | None = None):
    """Decorator: turn a check body into a safe check (see the module's docstring). With
    ``answer="function"`` the learner's answer (the first argument) must be a function: a layer
    or model object, or an nn.Module class, gets a hint saying so before the body runs.
    ``exercise`` is the title (a str) or a function returning it, called at each check."""

    def decorate(body):
        @functools.wraps(body)
        def safe_check(*args, **kwargs) -> CheckResult:
            title = exercise() if callable(exercise) else exercise
            try:
                if answer == "function" and args:
                    _refuse_a_module(args[0])
                with _IsolatedRandomState():
                    body(*args, **kwargs)
            except Hint as hint:
                return report(False, title, str(hint))
            except Exception as error:  # noqa: BLE001 - a check must never raise
                return report(False, title, messages.CHECK_HINT_UNEXPECTED.format(
                    error=type(error).__name__, message=_one_line(error)))
            return report(True, title)

        safe_check.exercise = exercise
        return safe_check

    return decorate


def _refuse_a_module(value) -> None:
    """A Hint if ``value`` is an nn.Module object where a function is due. (A module *class*
    may be right: calling a class whose constructor takes the arguments builds the module.)"""
    from torch import nn

    if isinstance(value, nn.Module):
        got = messages.CHECK_DESCRIBE_MODULE.format(type=type(value).__name__)
        raise Hint(messages.CHECK_HINT_MODULE_NOT_FUNCTION.format(got=got))


def generator(seed: int):
    """A torch.Generator seeded with ``seed``: a check's own random numbers."""
    import torch

    return torch.Generator().manual_seed(seed)


def call(fn, *args, what: str):
    """``fn(*args)``; a learner's exception becomes a hint naming ``what``."""
    if fn is None:
        raise Hint(messages.CHECK_HINT_NONE_NOT_CALLABLE.format(what=what))
    if not callable(fn):
        raise Hint(messages.CHECK_HINT_NOT_CALLABLE.format(what=what, type=type(fn).__name__))
    try:
        return fn(*args)
    except Hint:
        raise
    except Exception as error:  # noqa: BLE001 - a learner's bug becomes a hint
        raise Hint(messages.CHECK_HINT_RAISED.format(
            what=what, error=type(error).__name__, message=_one_line(error))) from None


def _describe(value) -> str:
    """A short name for a value's kind, for hints: 'None', 'a str', 'a tensor of shape (2, 3)'."""
    import torch

    if value is None:
        return "None"
    if isinstance(value, torch.Tensor):
        return messages.CHECK_DESCRIBE_TENSOR.format(shape=tuple(value.shape), dtype=value.dtype)
    if isinstance(value, type):
        return messages.CHECK_DESCRIBE_CLASS.format(name=value.__name__)
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, types.MethodType)):
        name = getattr(value, "__name__", "")
        if name == "<lambda>":
            return messages.CHECK_DESCRIBE_LAMBDA
        return messages.CHECK_DESCRIBE_FUNCTION.format(name=name)
    text = _short_repr(value)
    if text is None:
        return messages.CHECK_DESCRIBE_OBJECT.format(type=type(value).__name__)
    return messages.CHECK_DESCRIBE_VALUE.format(type=type(value).__name__, value=text)


def _is_function_or_class(value) -> bool:
    """True for a function, method or class (a learner passing the maker instead of the value)."""
    return isinstance(value, (type, types.FunctionType, types.BuiltinFunctionType, types.MethodType))


_ADDRESS = re.compile(r" at 0x|\.\.\.x?[0-9a-fA-F]{6,}>$")
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxtuple, _REPR.maxdict = 2, 4, 4, 3
_REPR.maxstring = _REPR.maxother = 30


def _short_repr(value) -> str | None:
    """A short repr that never builds the full text of a huge list or string; None when the
    repr says nothing a learner can use (it raises, or shows only a memory address)."""
    try:
        text = _REPR.repr(value)
    except Exception:  # noqa: BLE001 - an object whose repr raises still gets a hint
        return None
    if _ADDRESS.search(text):  # reprlib may have cut "at 0x7f..." down to "...x7f...>"
        return None
    return text if len(text) <= 40 else text[:39] + "…"


def _scalar_from_tensor(value, what: str):
    """The one element of a tensor, or a Hint if it has more than one (a forgotten .sum())."""
    if value.numel() != 1:
        raise Hint(messages.CHECK_HINT_NOT_ONE_NUMBER.format(what=what, got=_describe(value)))
    return value.reshape(()).item()


def _plain_number(value, what: str):
    """A Python int/float/complex from numbers, numpy scalars and one-element tensors."""
    import numpy as np
    import torch

    if value is None:
        raise Hint(messages.CHECK_HINT_RETURNED_NONE.format(what=what))
    if isinstance(value, (bool, np.bool_)):
        raise Hint(messages.CHECK_HINT_NOT_A_NUMBER.format(what=what, got=_describe(value)))
    if _is_function_or_class(value):
        raise Hint(messages.CHECK_HINT_FUNCTION_NOT_VALUE.format(
            what=what, got=_describe(value), expected=messages.CHECK_EXPECTED_NUMBER))
    if isinstance(value, torch.Tensor):
        if value.dtype == torch.bool:
            raise Hint(messages.CHECK_HINT_NOT_A_NUMBER.format(what=what, got=_describe(value)))
        return _scalar_from_tensor(value.detach(), what)
    if isinstance(value, np.ndarray):
        if value.dtype == bool or value.size != 1:
            raise Hint(messages.CHECK_HINT_NOT_ONE_NUMBER.format(what=what, got=_describe(value)))
        return value.reshape(()).item()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, numbers.Number):
        return value
    raise Hint(messages.CHECK_HINT_NOT_A_NUMBER.format(what=what, got=_describe(value)))


def as_number(value, what: str) -> float:
    """A finite real number as a float, or a Hint saying what is wrong with ``value``."""
    import math

    number = _plain_number(value, what)
    if isinstance(number, complex):
        raise Hint(messages.CHECK_HINT_COMPLEX.format(what=what))
    number = float(number)
    if not math.isfinite(number):
        raise Hint(messages.CHECK_HINT_NOT_FINITE.format(what=what, value=number))
    return number


def as_int(value, what: str) -> int:
    """A whole number as an int (numpy integers and one-element integer tensors welcome)."""
    number = _plain_number(value, what)
    if isinstance(number, complex):
        raise Hint(messages.CHECK_HINT_COMPLEX.format(what=what))
    if isinstance(number, float):
        import math

        if not math.isfinite(number):
            raise Hint(messages.CHECK_HINT_NOT_FINITE.format(what=what, value=number))
        raise Hint(messages.CHECK_HINT_NOT_WHOLE.format(what=what, value=number))
    return int(number)


def as_ints(value, what: str, length: int | None = None) -> tuple[int, ...]:
    """A tuple of whole numbers from a list, tuple, 1-D tensor or numpy array (or a Hint)."""
    import numpy as np
    import torch

    if value is None:
        raise Hint(messages.CHECK_HINT_RETURNED_NONE.format(what=what))
    if _is_function_or_class(value):
        raise Hint(messages.CHECK_HINT_FUNCTION_NOT_VALUE.format(
            what=what, got=_describe(value), expected=messages.CHECK_EXPECTED_NUMBERS))
    if isinstance(value, torch.Tensor) or isinstance(value, np.ndarray):
        if value.ndim != 1:
            raise Hint(messages.CHECK_HINT_NOT_A_SEQUENCE.format(what=what, got=_describe(value)))
        items = list(value)
    elif isinstance(value, (list, tuple, range)):
        items = list(value)
    else:
        raise Hint(messages.CHECK_HINT_NOT_A_SEQUENCE.format(what=what, got=_describe(value)))
    if length is not None and len(items) != length:
        raise Hint(messages.CHECK_HINT_WRONG_LENGTH.format(what=what, length=length, got=len(items)))
    return tuple(as_int(item, messages.CHECK_WHAT_ITEM.format(what=what, index=index))
                 for index, item in enumerate(items))


def _kind_of(tensor) -> str:
    import torch

    if tensor.is_complex():
        return "complex"
    if tensor.dtype == torch.bool:
        return "bool"
    if tensor.is_floating_point():
        return "float"
    return "int"


def as_tensor(value, what: str, shape=None, kind: str | None = "float"):
    """``value`` if it is a real torch.Tensor of dtype kind ``kind`` (``None``: any real kind),
    of ``shape`` (if given) and with no NaN or inf; otherwise a Hint."""
    import torch

    if value is None:
        raise Hint(messages.CHECK_HINT_RETURNED_NONE.format(what=what))
    if not isinstance(value, torch.Tensor):
        raise Hint(messages.CHECK_HINT_NOT_A_TENSOR.format(what=what, got=_describe(value)))
    got_kind = _kind_of(value)
    if got_kind == "complex":
        raise Hint(messages.CHECK_HINT_COMPLEX.format(what=what))
    if kind is not None and got_kind != kind:
        raise Hint(messages.CHECK_HINT_WRONG_KIND.format(what=what, kind=kind, dtype=value.dtype))
    if shape is not None and tuple(value.shape) != tuple(shape):
        raise Hint(messages.CHECK_HINT_WRONG_SHAPE.format(what=what, got=tuple(value.shape),
                                                          want=tuple(shape)))
    if got_kind == "float" and not bool(torch.isfinite(value.detach()).all()):
        raise Hint(messages.CHECK_HINT_NOT_FINITE_TENSOR.format(what=what))
    return value


def _tensor_type():
    import torch

    return torch.Tensor


def compare(got, want, what: str, hint: str = "", rtol: float = 1e-4, atol: float = 1e-4):
    """Fail unless ``got`` is a real tensor of ``want``'s shape and close to it; ``hint`` is added
    to the message when the shape or the values differ. Returns ``got``."""
    import torch

    try:
        got = as_tensor(got, what, shape=want.shape, kind=None)
    except Hint as problem:
        if hint and isinstance(got, _tensor_type()) and tuple(got.shape) != tuple(want.shape):
            # A wrong shape: the exercise's advice helps.
            raise Hint(messages.SENTENCE_JOINER.join((str(problem), hint))) from None
        raise
    got_values = got.detach().to(want.dtype)
    if not torch.allclose(got_values, want.detach(), rtol=rtol, atol=atol):
        worst = (got_values - want.detach()).abs().max().item()
        text = messages.CHECK_HINT_VALUES_DIFFER.format(what=what, worst=worst)
        raise Hint(messages.SENTENCE_JOINER.join((text, hint)) if hint else text)
    return got


def module_class(value, what: str):
    """``value`` if it is a subclass of nn.Module (the class itself), else a Hint."""
    from torch import nn

    if isinstance(value, nn.Module):
        raise Hint(messages.CHECK_HINT_INSTANCE_NOT_CLASS.format(what=what))
    if not (isinstance(value, type) and issubclass(value, nn.Module)):
        raise Hint(messages.CHECK_HINT_NOT_A_MODULE_CLASS.format(what=what, got=_describe(value)))
    return value


def build(cls, *args, what: str):
    """``cls(*args)`` for a learner's nn.Module subclass; a failure becomes a Hint."""
    from torch import nn

    model = call(module_class(cls, what), *args, what=what)
    if not isinstance(model, nn.Module):
        raise Hint(messages.CHECK_HINT_NOT_A_MODULE.format(what=what, got=_describe(model)))
    return model


def float_dtype(module):
    """The dtype of a module's first floating-point parameter (float32 if it has none): a check
    feeds a learner's layer inputs of that dtype, so a layer built in float64 is judged fairly."""
    import torch

    return next((p.dtype for p in module.parameters() if p.is_floating_point()), torch.float32)


def forward(model, x, what: str, shape=None):
    """``model(x)`` as a checked float tensor (see :func:`as_tensor`)."""
    return as_tensor(call(model, x, what=what), what, shape=shape)


# Kept for code written before the decorator existed; new checks use call/compare and Hint.
def _run(fn, *args):
    """Call a learner's function; return (result, None) or (None, a one-line description)."""
    try:
        return call(fn, *args, what=messages.CHECK_WHAT_IT), None
    except Hint as hint:
        return None, str(hint)


def _compare(got, want, what: str) -> str:
    """Return '' if ``got`` is a tensor close to ``want``, else what is wrong with it."""
    try:
        compare(got, want, what)
    except Hint as hint:
        return str(hint)
    return ""
