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


def is_explain(exercise_cell) -> bool:
    return text(exercise_cell).splitlines()[0].startswith("```{exercise} Explain:")


def exercises(path):
    """(exercise cell, the code cell after it, the solution code cell) for every exercise with a
    check (an explain exercise has none: see explain_exercises)."""
    found = cells(path)
    result = []
    for i, cell in enumerate(found):
        if text(cell).startswith("```{exercise}") and not is_explain(cell):
            stub = found[i + 1]
            start = next(j for j in range(i + 1, len(found))
                         if text(found[j]).startswith("```{solution-start}"))
            result.append((cell, stub, found[start + 1]))
    return result


def explain_exercises(path):
    """(exercise cell, the cells between solution-start and solution-end) for every explain
    exercise."""
    found = cells(path)
    result = []
    for i, cell in enumerate(found):
        if text(cell).startswith("```{exercise}") and is_explain(cell):
            end = next(j for j in range(i + 1, len(found)) if text(found[j]).startswith("```{solution-end}"))
            result.append((cell, found[i + 1:end + 1]))
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
def test_an_explain_exercise_has_no_check_and_a_hidden_model_answer_with_points_to_mention(path):
    found = explain_exercises(path)
    assert 1 <= len(found) <= 2
    for exercise, between in found:
        label = re.search(r":label: (\S+)", text(exercise)).group(1)
        opening, *inside = between
        assert text(opening).startswith(f"```{{solution-start}} {label}\n:class: dropdown"), text(opening)
        assert text(inside[-1]).startswith("```{solution-end}")
        answers = [cell for cell in inside[:-1] if cell["cell_type"] == "markdown"]
        assert len(answers) == 1, "one model answer, in its own markdown cell"
        (answer,) = answers
        assert answer["metadata"].get("jupyter", {}).get("source_hidden") is True  # folded in Jupyter too
        points = text(answer).split("Your answer should mention:\n\n", 1)[1]
        assert len([line for line in points.splitlines() if line.startswith("- ")]) >= 3
        for code in (cell for cell in inside if cell["cell_type"] == "code"):
            assert "checks.check_" not in text(code)
            names = defined_names(text(code))
            assert names and all(name.endswith("_solution") for name in names), names


@pytest.mark.parametrize("path", BOTH, ids=lambda p: p.stem)
def test_each_lesson_has_a_prediction_and_a_debug_exercise(path):
    titles = [text(exercise).splitlines()[0] for exercise, _, _ in exercises(path)]
    assert any("Predict, then run" in title for title in titles)
    assert any("Debug this" in title for title in titles)


def test_lesson_1_has_exercises_on_hooks_train_eval_and_registration_but_not_on_checkpoints():
    stubs = "".join(text(stub) for _, stub, _ in exercises(LESSON_1))
    for check in ("check_record_shapes", "check_predict", "check_parameter_count_prediction",
                  "check_small_net"):
        assert f"checks.{check}(" in stubs
    # Checkpoints (state_dict, strict=False, renamed keys) are lesson 8's, with a trained network.
    for moved in ("check_rename_keys", "check_missing_keys_prediction", "OldNet", "torch.save"):
        assert moved not in "".join(text(cell) for cell in cells(LESSON_1))
    assert "strict=False" not in markdown(LESSON_1)
    assert "lesson 8" in markdown(LESSON_1)


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


def test_lesson_1s_prediction_module_is_the_one_its_check_counts():
    from convcourse.checks import lesson1

    namespace = {}
    exec("import torch\nfrom torch import nn", namespace)  # noqa: S102 - the lesson's imports
    stub = next(text(stub) for _, stub, _ in exercises(LESSON_1) if "class HalfVisible" in text(stub))
    exec(stub.split("\npredicted_parameter_count")[0], namespace)  # noqa: S102 - the class only

    def layers(model):
        return [(name, tuple(p.shape)) for name, p in model.named_parameters()], [
            tuple(layer.weight.shape) for layer in model.rest]

    assert layers(namespace["HalfVisible"]()) == layers(lesson1.half_visible_model())


# --- Lesson 1: statements the review found wrong --------------------------------------------


def test_dropout_keeps_the_expected_value_not_the_mean_of_a_draw():
    lesson = markdown(LESSON_1)
    assert "so that the average stays the same" not in lesson
    assert "*expected value*" in lesson
    namespace = {}
    exec("import convcourse\nimport torch\nfrom torch import nn", namespace)  # noqa: S102
    printed = run_cells(LESSON_1, "dropout_net = nn.Sequential(", namespace=namespace)
    one_draw = float(re.search(r"\) mean (\S+)", printed).group(1))
    many = float(re.search(r"mean over \d+ draws: (\S+)", printed).group(1))
    assert one_draw != 1 and abs(many - 1) < 0.02


def test_the_call_stack_shows_wrapped_call_impl_and_call_impl_not_dunder_call():
    lesson = markdown(LESSON_1)
    assert "you arrived from\n   `Module.__call__`" not in lesson and "arrived from" not in lesson
    section = lesson[lesson.index("## Stepping through `forward`"):lesson.index("## Summary")]
    assert "`_wrapped_call_impl`" in section and "`_call_impl`" in section
    namespace = {}
    exec("import traceback\nimport torch\nfrom torch import nn\nx = torch.tensor(1.0)", namespace)  # noqa: S102
    printed = run_cells(LESSON_1, "class Recorder(nn.Module):", namespace=namespace)
    assert "_wrapped_call_impl -> _call_impl -> forward" in printed
    assert "__call__" not in printed


def test_lesson_1_says_where_tudui_comes_from_and_how_to_debug_in_an_ide():
    lesson = markdown(LESSON_1)
    assert "我是土堆" in lesson and "`Tudui`" in lesson
    section = lesson[lesson.index("### In PyCharm or VS Code"):lesson.index("### In JupyterLab")]
    for words in ("breakpoint", "gutter", "**Debug 'tudui'**", "**Run > Start", "**Step Over**",
                  "**Step Into**", "F8", "F10", "F7", "F11"):
        assert words in section, words
    assert "enable the debugger" in lesson[lesson.index("### In JupyterLab"):]


def test_a_lazy_linear_fix_of_lesson_1s_small_net_passes_its_check(capsys):
    from convcourse import checks

    (solution,) = [solution for exercise, _, solution in exercises(LESSON_1)
                   if "module-ex-debug" in text(exercise)]
    assert "nn.Linear(4 * 8 * 8, 10)" in text(solution)
    lazy = text(solution).replace("nn.Linear(4 * 8 * 8, 10)", "nn.LazyLinear(10)").split("\nassert")[0]
    namespace = {}
    exec("import torch\nimport torch.nn.functional as F\nfrom torch import nn\n" + lazy, namespace)  # noqa: S102
    result = checks.check_small_net(namespace["SmallNet_solution"])
    assert result, result.hint


# --- Lesson 2: statements the review found wrong --------------------------------------------


def test_lesson_2_gives_the_weight_shape_without_groups():
    lesson = markdown(LESSON_2)
    assert "in_channels / groups" not in lesson
    assert "(out_channels, in_channels, kH, kW)" in lesson
    assert lesson.count("Lesson 4 refines") + lesson.count("lesson 4 refines") >= 1


def test_lesson_2_explains_input_float_and_shows_nn_conv2d_refusing_integers():
    found = cells(LESSON_2)
    (refusal,) = [cell for cell in found if cell["cell_type"] == "code" and "nn.Conv2d(1, 1" in text(cell)]
    assert "raises-exception" in refusal["metadata"].get("tags", [])
    before = "".join(text(cell) for cell in found[:found.index(refusal)] if cell["cell_type"] == "markdown")
    assert "floating-point" in before.split("## Vectorised")[1]
    import torch
    from torch import nn

    with pytest.raises(RuntimeError):  # what the cell shows, measured here with torch
        nn.Conv2d(1, 1, kernel_size=3)(torch.zeros(1, 1, 5, 5, dtype=torch.int64))


def test_lesson_2s_element_exercise_asks_for_f_conv2d_and_its_check_names_the_flip(capsys):
    from convcourse import checks

    ((exercise, _, _),) = [entry for entry in exercises(LESSON_2) if "byhand-ex-element" in text(entry[0])]
    assert "of `F.conv2d(x, w)`" in text(exercise) and "of their convolution" not in text(exercise)

    def true_convolution(x, w, i, j):
        import torch

        kh, kw = w.shape
        return (x[i:i + kh, j:j + kw] * torch.flip(w, dims=(0, 1))).sum()

    result = checks.check_output_element(true_convolution)
    assert not result and "flip" in result.hint


def test_lesson_2s_im2col_exercise_asks_for_stride_and_padding_not_for_deleting_a_guard():
    ((exercise, stub, solution),) = [entry for entry in exercises(LESSON_2)
                                     if "byhand-ex-im2col" in text(entry[0])]
    assert "stride" in text(exercise) and "padding" in text(exercise)
    assert "checks.check_conv2d_im2col_stride_padding(" in text(stub)
    assert "F.unfold(x, kernel_size=(kh, kw), stride=stride, padding=padding)" in text(solution)
    lesson = "".join(text(cell) for cell in cells(LESSON_2))
    assert "only the check on the channel count goes" not in lesson


def test_lesson_2_has_no_sentences_written_for_the_courses_authors():
    lesson = "".join(text(cell) for cell in cells(LESSON_2))
    for sentence in ("so the page would stop if it ever changed", "The prose below relies on this",
                     "The assertion records the output"):
        assert sentence not in lesson


def test_the_height_width_correction_is_given_once_under_a_label_other_lessons_link_to():
    lesson = markdown(LESSON_2)
    assert "(pairs-height-width)=\n### Pairs are (height, width)" in lesson
    assert lesson.count("(horizontal, vertical)") == 1
    section = lesson[lesson.index("(pairs-height-width)="):lesson.index("## Stride 1")]
    assert "(horizontal, vertical)" in section  # where pairs first appear, in full
    assert lesson.index("(pairs-height-width)=") < lesson.index("`stride=(1, 2)` keeps every row")


@pytest.mark.parametrize("path", BOTH, ids=lambda p: p.stem)
def test_one_spelling_greyscale_in_prose_and_comments(path):
    # "gray", "grayscale", "grey scale", "gray-scale": one spelling, greyscale ("greyed out" is another word).
    words = re.compile(r"\bgray|\bgr[ae]y[\s-]+scale", re.IGNORECASE)
    for cell in cells(path):
        source = text(cell)
        if cell["cell_type"] == "code":
            source = "\n".join(line.partition("#")[2] for line in source.splitlines())  # comments only
        assert not words.search(source), source[:80]
