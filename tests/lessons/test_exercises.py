"""Every lesson's exercises, as files: each lesson asks for a prediction, a repair and an
explanation besides the functions to write; a written answer's solution is folded, hidden, never
overwrites the learner's names and runs its check; an explanation's solution is a model answer
with a short list to check one's own against."""

from __future__ import annotations

import ast
import json
import re

import pytest
from paths import ROOT

LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
SELF_CHECK = "Your answer should mention:"


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def text(cell):
    return "".join(cell["source"])


def exercises(path):
    """(title, the cells of its solution) of every exercise of a lesson."""
    found, all_cells = [], cells(path)
    for index, cell in enumerate(all_cells):
        if cell["cell_type"] == "markdown" and text(cell).startswith("```{exercise}"):
            title = text(cell).splitlines()[0].removeprefix("```{exercise}").strip()
            start = next(i for i in range(index, len(all_cells))
                         if text(all_cells[i]).lstrip().startswith("```{solution-start}"))
            end = next(i for i in range(start, len(all_cells)) if "```{solution-end}" in text(all_cells[i]))
            found.append((title, all_cells[start:end + 1]))
    return found


def defined_names(source):
    tree = ast.parse(source)
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)} | {
        target.id for node in tree.body if isinstance(node, ast.Assign)
        for target in node.targets if isinstance(target, ast.Name)}


def model_answer(solution) -> str | None:
    """The written model answer of an explanation's solution (in the solution-start cell or a
    markdown cell of its own), or None for a solution in code."""
    answers = [text(cell) for cell in solution
               if cell["cell_type"] == "markdown" and SELF_CHECK in text(cell)]
    return answers[0] if answers else None


def is_explanation(solution) -> bool:
    return model_answer(solution) is not None


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.stem)
def test_a_lesson_asks_for_a_prediction_a_repair_and_an_explanation(lesson):
    found = exercises(lesson)
    titles = [title for title, _ in found]
    assert any(re.search(r"\bPredict\b", title) for title in titles), titles
    assert any(re.search(r"\bDebug\b|\bbugs?\b", title) for title in titles), titles
    assert any(is_explanation(solution) for _, solution in found), f"{lesson.name}: no explain exercise"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.stem)
def test_an_explanation_has_a_model_answer_and_a_list_to_check_against(lesson):
    for title, solution in exercises(lesson):
        if is_explanation(solution):
            answer, checklist = model_answer(solution).split(SELF_CHECK, 1)
            assert "A model answer" in answer and len(answer.split()) > 40, title
            assert len(re.findall(r"^- ", checklist, re.M)) >= 2, title


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.stem)
def test_a_written_solution_is_folded_hidden_and_never_overwrites_the_learners_answer(lesson):
    learners = set()
    for cell in cells(lesson):
        stub = "# your code here" in text(cell).lower() or "= None  #" in text(cell)
        if cell["cell_type"] == "code" and stub:
            learners |= defined_names(text(cell))
    for title, solution in exercises(lesson):
        assert ":class: dropdown" in text(solution[0]), title
        code = [cell for cell in solution if cell["cell_type"] == "code"]
        # An explanation may add a demonstration in code; anything else is solved in code, checked.
        assert code or is_explanation(solution), f"{title}: a written exercise's solution has code"
        for cell in code:
            assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True, title
            names = defined_names(text(cell))
            assert names and all(name.endswith(("_solution", "Solution")) for name in names), (title, names)
            assert not names & learners, title
            if not is_explanation(solution):
                assert "assert checks.check_" in text(cell), title
