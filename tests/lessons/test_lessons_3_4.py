"""Lessons 3 and 4 as files: the solution convention, the drawing kept out of hidden cells, and
statements the review found wrong (they must not come back). Their numbers are checked where
they are computed: every claim below is also asserted by code in the lesson, which nbval runs."""

from __future__ import annotations

import ast
import json

import pytest
from paths import ROOT

LESSONS = ROOT / "lessons"
LESSON_3 = LESSONS / "03_padding_and_stride.ipynb"
LESSON_4 = LESSONS / "04_conv2d_layer.ipynb"
REFERENCES = ROOT / "book" / "references.md"


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def text(cell):
    return "".join(cell["source"])


def solution_cells(path):
    """The code cell that follows each ```{solution-start} marker."""
    found = cells(path)
    return [found[i + 1] for i, cell in enumerate(found[:-1])
            if cell["cell_type"] == "markdown" and text(cell).lstrip().startswith("```{solution-start}")]


def defined_names(source):
    tree = ast.parse(source)
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)} | {
        target.id for node in tree.body if isinstance(node, ast.Assign)
        for target in node.targets if isinstance(target, ast.Name)}


@pytest.mark.parametrize("path", [LESSON_3, LESSON_4], ids=lambda p: p.stem)
def test_every_solution_is_collapsed_and_never_overwrites_the_learners_answer(path):
    solutions = solution_cells(path)
    assert len(solutions) >= 6
    exercise_names = set()
    for cell in cells(path):
        if cell["cell_type"] == "code" and ("# your code here" in text(cell) or "= None  #" in text(cell)):
            exercise_names |= defined_names(text(cell))
    for cell in solutions:
        assert cell["cell_type"] == "code"
        assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True
        names = defined_names(text(cell))
        assert names and all(name.endswith("_solution") for name in names), names
        assert not names & exercise_names
        assert "assert checks.check_" in text(cell)


@pytest.mark.parametrize("path", [LESSON_3, LESSON_4], ids=lambda p: p.stem)
def test_each_lesson_has_a_prediction_and_a_debug_exercise(path):
    titles = [text(cell).splitlines()[0] for cell in cells(path) if text(cell).startswith("```{exercise}")]
    assert any("Predict, then run" in title for title in titles)
    assert any("Debug this" in title for title in titles)


@pytest.mark.parametrize("path", [LESSON_3, LESSON_4], ids=lambda p: p.stem)
def test_figures_are_drawn_by_the_package_not_by_long_hidden_cells(path):
    for cell in cells(path):
        if "hide-input" in cell["metadata"].get("tags", []):
            assert len(cell["source"]) <= 12, text(cell)
            assert "imshow" not in text(cell) and "add_patch" not in text(cell)


@pytest.mark.parametrize("path", [LESSON_3, LESSON_4], ids=lambda p: p.stem)
def test_pairs_are_explained_as_height_width_where_they_first_appear(path):
    assert "(height, width)" in "".join(text(cell) for cell in cells(path) if cell["cell_type"] == "markdown")


def test_wrong_statements_stay_out():
    lesson_3 = "".join(text(cell) for cell in cells(LESSON_3))
    lesson_4 = "".join(text(cell) for cell in cells(LESSON_4))
    references = REFERENCES.read_text(encoding="utf-8")
    assert "transposed convolution undoes" not in lesson_3
    assert "PyTorch chooses the padding once, when the layer is built" not in lesson_3
    assert "run the CIFAR-10 data set" not in lesson_4
    assert "The initialisation that `nn.Conv2d` uses by default" not in references
    assert "**not**" in references.split("He, Xiangyu Zhang")[1].split("\n- ")[0]
