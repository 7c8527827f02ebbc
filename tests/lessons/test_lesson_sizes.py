"""Each lesson is one sitting: at most 2,500 words of prose, at most 45 minutes of reading, and the
time it states is honest (tests/support/lesson_files.py says how each figure is read)."""

from __future__ import annotations

import lesson_files
import pytest
from paths import ROOT

LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.stem)
def test_a_lesson_has_at_most_2500_words_of_prose(lesson):
    words = lesson_files.prose_words(lesson)
    assert words <= lesson_files.MAX_PROSE_WORDS, f"{lesson.name}: {words} words of prose"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.stem)
def test_a_lesson_states_an_honest_time_of_one_sitting(lesson):
    stated = lesson_files.stated_minutes(lesson)
    assert stated, f"{lesson.name} states no time as 'About N minutes of reading, plus M for the exercises.'"
    reading, exercises = stated
    words, lines = lesson_files.prose_words(lesson), lesson_files.code_lines(lesson)
    needed = lesson_files.reading_minutes(words, lines)
    assert reading <= lesson_files.MAX_READING_MINUTES, f"{lesson.name}: {reading} minutes is not one sitting"
    assert reading >= needed, (f"{lesson.name} states {reading} minutes; its {words} words and {lines} lines "
                               f"of code need at least {needed}")
    assert exercises > 0


def test_the_prose_count_leaves_out_code_and_math_and_keeps_exercise_titles(tmp_path):
    import json

    text = ("Two words `not_counted()` $x + y$\n\n$$\na = b\n$$\n\n```python\nskipped = 1\n```\n\n"
            "```{exercise} Three title words\n:label: ex-1\n\nFour more words here.\n```\n")
    lesson = tmp_path / "l.ipynb"
    lesson.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": [text], "metadata": {}},
                                            {"cell_type": "code", "source": ["a = 1\n\nb = 2\n"],
                                             "metadata": {}}]}))
    assert lesson_files.prose_words(lesson) == 2 + 3 + 4
    assert lesson_files.code_lines(lesson) == 2
    assert lesson_files.reading_minutes(130, 15) == 2
