"""What a lesson notebook holds, read as a file: its prose, its code, the time it states.

The size rules of a lesson (tests/lessons/test_lesson_sizes.py) read their figures from here:

- prose words: the words of the markdown cells a reader reads as text, leaving out code (inline
  spans and fenced blocks), math, directive lines and option lines;
- code lines: the non-blank lines of the code cells a reader sees (not the hidden setup cell,
  not `remove-cell` cells);
- the stated time: "About N minutes of reading, plus M for the exercises." in the lesson's
  "Time needed" section.

A lesson is one sitting when N is at most MAX_READING_MINUTES, and the time is honest when N is at
least READING_MINUTES(prose words, code lines): prose read at PROSE_WORDS_PER_MINUTE, code at
CODE_LINES_PER_MINUTE (a careful reader of technical text in a second language).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

MAX_PROSE_WORDS = 2500
MAX_READING_MINUTES = 45
PROSE_WORDS_PER_MINUTE = 130
CODE_LINES_PER_MINUTE = 15
STATED_TIME = re.compile(r"About (\d+) minutes of reading, plus (\d+) (?:minutes )?for the exercises\.")

_FENCE = re.compile(r"^(`{3,}|:{3,})(.*?)^\1\s*$", re.M | re.S)
_DIRECTIVE = re.compile(r"^[`:]{3,}\{(exercise|solution-start|solution-end)\}(.*)$", re.M)
_MATH_BLOCK = re.compile(r"\$\$.*?\$\$", re.S)
_MATH_INLINE = re.compile(r"\$[^$\n]+\$")
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_OPTION = re.compile(r"^:[\w-]+:.*$", re.M)
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")


def cells(lesson: Path) -> list[dict]:
    return json.loads(lesson.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def prose(text: str) -> str:
    """A markdown cell's text as read: directive titles kept, their fences, code and math left out."""
    text = _DIRECTIVE.sub(lambda directive: directive[2], text)  # an exercise's title is prose
    text = _FENCE.sub(lambda fence: fence[2] if fence[1].startswith(":") else "", text)
    for pattern in (_MATH_BLOCK, _MATH_INLINE, _CODE_SPAN, _OPTION):
        text = pattern.sub(" ", text)
    return text


def prose_words(lesson: Path) -> int:
    return sum(len(_WORD.findall(prose(source(cell)))) for cell in cells(lesson)
               if cell["cell_type"] == "markdown")


def code_lines(lesson: Path) -> int:
    return sum(1 for cell in cells(lesson) if cell["cell_type"] == "code"
               and "remove-cell" not in cell.get("metadata", {}).get("tags", [])
               for line in source(cell).splitlines() if line.strip())


def stated_minutes(lesson: Path) -> tuple[int, int] | None:
    """(reading, exercises) minutes the lesson states, or None when it states none."""
    for cell in cells(lesson):
        found = STATED_TIME.search(source(cell)) if cell["cell_type"] == "markdown" else None
        if found:
            return int(found[1]), int(found[2])
    return None


def reading_minutes(words: int, lines: int) -> int:
    """The reading time a lesson of this many prose words and code lines needs, at least."""
    return math.ceil(words / PROSE_WORDS_PER_MINUTE + lines / CODE_LINES_PER_MINUTE)
