"""Lessons 1 and 2 as files: the solution convention, the kinds of exercise, figures drawn by the
package, and statements the review found wrong or unclear (they must not come back).

Numbers the lessons show are asserted by code in the lessons themselves, which nbval runs; the
few cells run here are the ones whose *printed form* was the problem.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import re

import pytest
from paths import ROOT

LESSONS = ROOT / "lessons"
LESSON_1 = LESSONS / "01_module_skeleton.ipynb"
LESSON_2 = LESSONS / "02_conv2d_by_hand.ipynb"
BOTH = [LESSON_1, LESSON_2]


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def text(cell):
    return "".join(cell["source"])


def markdown(path) -> str:
    return "\n".join(text(cell) for cell in cells(path) if cell["cell_type"] == "markdown")


def exercises(path):
    """(exercise cell, the code cell after it, the solution code cell) for every exercise."""
    found = cells(path)
    result = []
    for i, cell in enumerate(found):
        if text(cell).startswith("```{exercise}"):
            stub = found[i + 1]
            start = next(j for j in range(i + 1, len(found))
                         if text(found[j]).startswith("```{solution-start}"))
            result.append((cell, stub, found[start + 1]))
    return result


def defined_names(source):
    tree = ast.parse(source)
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)} | {
        target.id for node in tree.body if isinstance(node, ast.Assign)
        for target in node.targets if isinstance(target, ast.Name)}


@pytest.mark.parametrize("path", BOTH, ids=lambda p: p.stem)
def test_every_exercise_has_a_check_and_a_collapsed_solution_that_keeps_the_learners_answer(path):
    found = exercises(path)
    assert len(found) >= 6
    for exercise, stub, solution in found:
        assert stub["cell_type"] == "code" and "checks.check_" in text(stub), text(exercise)
        assert solution["cell_type"] == "code"
        assert solution["metadata"].get("jupyter", {}).get("source_hidden") is True, text(solution)
        names = defined_names(text(solution))
        assert names and all(name.endswith("_solution") for name in names), names
        assert not names & defined_names(text(stub))
        check = re.search(r"checks\.(check_\w+)\(", text(stub)).group(1)
        assert f"assert checks.{check}(" in text(solution)


@pytest.mark.parametrize("path", BOTH, ids=lambda p: p.stem)
def test_the_summary_and_the_exercises_heading_come_before_the_exercises(path):
    headings = [line for line in markdown(path).splitlines() if line.startswith("## ")]
    assert headings[-2:] == ["## Summary", "## Exercises"]


@pytest.mark.parametrize("path", BOTH, ids=lambda p: p.stem)
def test_each_lesson_has_a_prediction_and_a_debug_exercise(path):
    titles = [text(exercise).splitlines()[0] for exercise, _, _ in exercises(path)]
    assert any("Predict, then run" in title for title in titles)
    assert any("Debug this" in title for title in titles)


def test_lesson_1_has_exercises_on_hooks_state_dict_and_train_eval():
    stubs = "".join(text(stub) for _, stub, _ in exercises(LESSON_1))
    for check in ("check_record_shapes", "check_rename_keys", "check_missing_keys_prediction",
                  "check_predict"):
        assert f"checks.{check}(" in stubs
    assert "strict=False" in markdown(LESSON_1)


@pytest.mark.parametrize("path", BOTH, ids=lambda p: p.stem)
def test_figures_and_the_tracer_come_from_the_package_not_from_long_hidden_cells(path):
    for cell in cells(path):
        if cell["cell_type"] == "code":
            assert "sys.settrace" not in text(cell) and "add_patch" not in text(cell)
            if "hide-input" in cell["metadata"].get("tags", []):
                assert len(cell["source"]) <= 12, text(cell)


def run_cells(path, *starts, namespace=None):
    """Run the code cells starting with each of ``starts`` in one namespace; return the output."""
    namespace = {} if namespace is None else namespace
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        for start in starts:
            (cell,) = [c for c in cells(path) if c["cell_type"] == "code" and text(c).startswith(start)]
            exec(compile(text(cell), str(path), "exec"), namespace)  # noqa: S102 - the lesson's own code
    return output.getvalue()


def test_lesson_1s_hooks_print_tensors_as_tensors():
    namespace = {}
    exec("import torch\nfrom torch import nn", namespace)  # noqa: S102 - the lesson's imports
    printed = run_cells(LESSON_1, "class Tudui(nn.Module):", "def before(module, inputs):",
                        namespace=namespace)
    assert "receives (tensor(1.),)" in printed
    assert "returned tensor(2.)" in printed and "returned 2.0" not in printed


def test_the_true_convolution_formula_defines_kh_kw_and_the_index_ranges():
    lesson = markdown(LESSON_2)
    section = lesson[lesson.index("## Convolution or cross-correlation?"):lesson.index("## Writing `conv2d`")]
    assert "w[k-1-m" not in section  # the square, undefined k of the old formula
    assert "k_H" in section and "k_W" in section
    assert r"m = 0, \dots, k_H - 1" in section and r"n = 0, \dots, k_W - 1" in section
    assert r"i = 0, \dots, H - k_H" in section and r"j = 0, \dots, W - k_W" in section
    assert r"w[k_H-1-m,\ k_W-1-n]" in section


def test_lesson_2_works_a_two_in_two_out_example_and_draws_it():
    source = "".join(text(cell) for cell in cells(LESSON_2) if cell["cell_type"] == "code")
    assert "draw_multichannel(x_mc, w_mc, out_mc" in source
    assert "assert torch.equal(out_mc, F.conv2d(x_mc[None], w_mc)[0])" in source


def test_lesson_2_says_its_timing_table_is_the_one_output_that_changes():
    assert "only output of this lesson\nthat changes from one run to the next" in markdown(LESSON_2)
