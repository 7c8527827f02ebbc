"""Putting translations in place of their messages in a page's MyST source.

A message is the MyST source of one paragraph, heading, list item, table cell or caption, with
its line breaks turned into spaces (Sphinx's gettext builder does that). Its translation replaces
exactly that text, found from the line gettext recorded, so every character of the page that is
not a message (code, directives, labels, blank lines) stays as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


class MessageNotFound(ValueError):
    """A message is not in the source where gettext saw it: the catalogue is out of step."""


def message_pattern(msgid: str) -> re.Pattern[str]:
    # A space of the message may be a line break in the source, followed by the indentation of a
    # list item's or a directive's continuation lines.
    pieces = [re.escape(piece) for piece in msgid.split(" ")]
    return re.compile(r"(?:[ ]|\n[ \t>]*)".join(pieces))


def line_offsets(text: str) -> list[int]:
    offsets = [0]
    for index, char in enumerate(text):
        if char == "\n":
            offsets.append(index + 1)
    return offsets


def translate_text(text: str, messages: Iterable[tuple[int | None, str, str]], where: str = "") -> str:
    """Replace each ``(line, msgid, msgstr)`` (line 0-based in ``text``) by its ``msgstr``.

    Messages are taken in the page's order; two on one line (a table row) are found one after
    the other, and one without a line (a table cell) is the next match after the one before it.
    A message with an empty msgstr is left in English (the checks report it as untranslated).
    """
    offsets = line_offsets(text)
    spans: list[tuple[int, int, str]] = []
    previous_line, cursor = -1, 0
    for line, msgid, msgstr in messages:
        pattern = message_pattern(msgid)
        match = None
        if line is not None and 0 <= line < len(offsets):
            match = pattern.search(text, cursor if line == previous_line else offsets[line])
            if match is not None and text.count("\n", offsets[line], match.start()) > 0:
                match = None  # not on its line
        if match is None:
            # No line, or not on it (docutils numbers a directive's content from the directive,
            # as in the glossary): the message comes after the one before it.
            match = pattern.search(text, cursor)
        if match is None:
            raise MessageNotFound(
                f"{where}: message {msgid[:60]!r} is not in the source after the message before it: the "
                "English changed since the catalogue was updated (run `python tools/translate.py update`)."
            )
        spans.append((match.start(), match.end(), msgstr or match.group(0)))
        previous_line, cursor = line, match.end()
    pieces, end = [], len(text)
    for start, stop, replacement in sorted(spans, reverse=True):
        if stop > end:
            raise MessageNotFound(f"{where}: two messages overlap at character {start}")
        pieces.append(text[stop:end])
        pieces.append(replacement)
        end = start
    pieces.append(text[:end])
    return "".join(reversed(pieces))
