"""Lessons 3 and 4 as files: the drawing kept out of hidden cells, and statements the review found
wrong (they must not come back); tests/lessons/test_exercises.py checks every lesson's
exercises. Their numbers are checked where
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


def test_the_review_fixes_of_lessons_3_and_4_stay():
    lesson_3 = "".join(text(cell) for cell in cells(LESSON_3))
    lesson_4 = "".join(text(cell) for cell in cells(LESSON_4))
    # The last padded position a strided window reaches has the dilation in it.
    assert "$s(o-1) + d(k-1)$" in lesson_3 and "$s(o-1) + k - 1$" not in lesson_3
    # The uneven 'same' split is about d(k - 1) being odd, not about even kernels.
    assert "When $d(k-1)$ is **odd**" in lesson_3 and "An even kernel loses an **odd** number" not in lesson_3
    # Lesson 3 counts coverage without autograd, which lesson 7 teaches.
    assert "requires_grad" not in lesson_3 and ".backward()" not in lesson_3
    assert "requires_grad" not in lesson_4 and ".backward()" not in lesson_4
    # A depth multiplier is depthwise too; a 4-tuple padding and reflect's limit are explained.
    assert "*depth multiplier*" in lesson_4 and "ZeroPad2d" in lesson_4 and "padding=(1, 2, 1, 2)" in lesson_4
    # The weights are drawn once, when the layer is built; the a = sqrt(5) default's origin.
    assert "drawn **once**" in lesson_4 and "15314" in lesson_4
    # No claim about the random layer's maps that the code does not show.
    assert "noisy mixtures of blurs" not in lesson_4
