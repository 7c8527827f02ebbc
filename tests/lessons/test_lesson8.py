"""Lesson 8 as a file: its training is seeded and timed from the notebook's own code, its exercises
follow the course's conventions, and statements the review found wrong stay out.

The lesson's numbers (the accuracy, the kernel figures, the checkpoint) are asserted by code in
the lesson itself, which nbval runs; here the notebook's cells are run only to check that two
seeded trainings give the same numbers, and that the benchmark times that very code.
"""

from __future__ import annotations

import ast
import importlib.util
import json

import pytest
from paths import ROOT

LESSON = ROOT / "lessons" / "08_training_a_cnn.ipynb"
BENCHMARK = ROOT / "benchmarks" / "bench_training.py"


def cells():
    return json.loads(LESSON.read_text(encoding="utf-8"))["cells"]


def text(cell):
    return "".join(cell["source"])


def defined_names(source):
    tree = ast.parse(source)
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)} | {
        target.id for node in tree.body if isinstance(node, ast.Assign)
        for target in node.targets if isinstance(target, ast.Name)}


@pytest.fixture(scope="module")
def benchmark():
    spec = importlib.util.spec_from_file_location("bench_training", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_runs_the_lessons_own_model_and_loop_up_to_its_training_cell(benchmark):
    sources = benchmark.lesson_training_cells()
    code_cells = [text(cell) for cell in cells() if cell["cell_type"] == "code"]
    assert all(source in code_cells for source in sources)  # the notebook's cells, not copies
    assert not any("%pip" in source for source in sources)  # not the hidden setup cell
    names = set().union(*(defined_names(source) for source in sources))
    assert {"make_cnn", "train_one_epoch", "evaluate", "fit", "training_seconds"} <= names
    last = sources[-1]
    assert "training_seconds" in defined_names(last) and "fit(model, train_set, x_test, y_test)" in last


def test_two_seeded_trainings_with_the_lessons_code_give_the_same_numbers(benchmark):
    # The definitions and the data of the lesson, without its full training (the benchmark runs
    # that several times); two short seeded runs from them.
    namespace = benchmark.run_lesson_cells(benchmark.lesson_training_cells()[:-1])
    convcourse, fit, make_cnn = namespace["convcourse"], namespace["fit"], namespace["make_cnn"]
    data = namespace["train_set"], namespace["x_test"], namespace["y_test"]
    runs = []
    for _ in range(2):
        convcourse.set_seed(0)
        runs.append(fit(make_cnn(), *data, epochs=2, show=False))
    assert runs[0] == runs[1]
    assert runs[0][0][1] < runs[0][0][0]  # it does train: the loss falls


def test_the_lessons_exercise_networks_are_the_ones_its_checks_build(benchmark):
    from convcourse.checks import lesson8

    imports = next(text(cell) for cell in cells() if text(cell).startswith("import io"))
    wanted = ("def make_cnn", "class OldCNN", "unpadded = ")
    sources = [imports] + [text(cell) for cell in cells() if text(cell).startswith(wanted)]
    namespace = benchmark.run_lesson_cells(sources)

    def shapes(model):
        return {key: tuple(value.shape) for key, value in model.state_dict().items()}

    assert shapes(namespace["OldCNN"]()) == shapes(lesson8.old_checkpoint_model())
    assert shapes(namespace["make_cnn"]()) == shapes(lesson8.new_checkpoint_model())
    assert repr(namespace["unpadded"]) == repr(lesson8.unpadded_features())


def test_every_solution_is_collapsed_and_never_overwrites_the_learners_answer():
    found = cells()
    starts = [index for index, cell in enumerate(found)
              if cell["cell_type"] == "markdown" and text(cell).lstrip().startswith("```{solution-start}")]
    assert len(starts) == 6
    learner_names = set()
    for cell in found:
        if cell["cell_type"] == "code" and "checks.check_" in text(cell) and "assert" not in text(cell):
            learner_names |= defined_names(text(cell))
    code_solutions = [found[index + 1] for index in starts if found[index + 1]["cell_type"] == "code"]
    code_solutions += [found[index + 2] for index in starts if found[index + 1]["cell_type"] == "markdown"
                       and found[index + 2]["cell_type"] == "code"]
    assert len(code_solutions) == 4  # the two "Explain" exercises have a written answer only
    for cell in code_solutions:
        assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True
        names = defined_names(text(cell))
        assert names and all(name.endswith("_solution") for name in names), names
        assert not names & learner_names
        assert "assert checks.check_" in text(cell)


def test_the_exercises_explain_predict_debug_and_load_checkpoints():
    titles = [text(cell).splitlines()[0] for cell in cells() if text(cell).startswith("```{exercise}")]
    assert sum("Explain:" in title for title in titles) == 2
    assert any("Predict, then run" in title for title in titles)
    assert any("Debug this" in title for title in titles)
    stubs = "".join(text(cell) for cell in cells() if cell["cell_type"] == "code")
    for check in ("check_cnn_shapes_prediction", "check_train_one_epoch", "check_missing_keys_prediction",
                  "check_rename_keys"):
        assert f"checks.{check}(" in stubs
    explained = [text(cell) for cell in cells() if "solution-start} cnn-ex-held-out" in text(cell)
                 or "solution-start} cnn-ex-shuffle" in text(cell)]
    assert len(explained) == 2 and all("Your answer should mention:" in answer for answer in explained)


def test_wrong_statements_stay_out():
    markdown = "\n".join(text(cell) for cell in cells() if cell["cell_type"] == "markdown")
    code = "\n".join(text(cell) for cell in cells() if cell["cell_type"] == "code")
    # Lesson 7 once claimed detectors that its code never showed.
    assert "turn out to be" not in markdown
    # The CIFAR-10 model has its ReLU between the two linear layers.
    assert "nn.Linear(64 * 4 * 4, 64), nn.ReLU(), nn.Linear(64, 10)" in code
