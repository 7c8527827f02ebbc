"""book/_ext/exercise_sections.py: sphinx-exercise's repeated ids become classes."""

from __future__ import annotations

import exercise_sections
from docutils import nodes


def test_each_repeated_id_becomes_a_class_and_other_ids_stay():
    page = nodes.document("", "")
    for name in ("exercise-content", "solution-content", "exercise-content"):
        page += nodes.section(ids=[name])
    page += nodes.section(ids=["the-summary"])
    assert exercise_sections.ids_to_classes(page) == 3
    sections = list(page.findall(nodes.section))
    assert [s["ids"] for s in sections] == [[], [], [], ["the-summary"]]
    assert [s["classes"] for s in sections[:3]] == [
        ["exercise-content"], ["solution-content"], ["exercise-content"]]
    assert exercise_sections.ids_to_classes(page) == 0  # a second pass finds none
