"""The comments of the lessons' code cells, as messages of the lessons' catalogues.

A Chinese learner reads a code cell's comments as much as its prose, so they are translated like
the prose, in the same .po file, and the Chinese notebook's code differs from the English only in
its comments (tests/tools/test_translation.py compares the two cells' tokens without the comments,
and their syntax trees). What is a message:

- a block of full-line comments, one under the other at the same indentation: one message, its
  lines joined by spaces (a sentence may run over several lines); the translation is wrapped
  again, at the same indentation. An item of a numbered list ("1. ...") starts a new block;
- a comment after code on its line: one message, kept on that line;
- ``# @title words`` (a Colab form's title): the words, the ``@title`` stays.

Not messages: the setup cell (cell 0, written by tools/setup_cell.py in each language), comments
with no word in them, and tool directives (``noqa``, ``type:``, ``fmt:``, ``pragma``).
A message's line is gettext's line for a notebook, (cell + 1) * 10000 + line + 2, the line of the
block's first comment, so a message of a code cell is told from a markdown one by its cell.
"""

from __future__ import annotations

import io
import re
import tokenize
import unicodedata
from dataclasses import dataclass

TITLE = "@title "
DIRECTIVE = re.compile(r"^(noqa|type:|fmt:|pragma|ruff:)", re.I)
WRAP_COLUMNS = 96  # a Chinese character counts two columns


@dataclass(frozen=True)
class CommentBlock:
    first_line: int  # 0-based, in the cell
    last_line: int
    column: int
    trailing: bool  # after code on its line
    title: bool  # a Colab form title
    text: str  # the message


def comment_text(comment: str) -> str:
    return comment[1:].strip()


def comment_blocks(source: str) -> list[CommentBlock]:
    """The comment messages of one code cell's source, in order."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return []  # not Python (a cell magic): no comment messages
    lines = source.splitlines()
    blocks: list[CommentBlock] = []
    for token in tokens:
        if token.type != tokenize.COMMENT:
            continue
        row, column = token.start[0] - 1, token.start[1]
        text = comment_text(token.string)
        trailing = bool(lines[row][:column].strip())
        if not re.search(r"[A-Za-z]{2}", text) or DIRECTIVE.match(text):
            continue
        title = text.startswith(TITLE)
        if title:
            text = text[len(TITLE):].strip()
        previous = blocks[-1] if blocks else None
        list_item = re.match(r"\d+[.)] ", text)  # a numbered list keeps one message per item
        if (previous and not trailing and not previous.trailing and not previous.title and not title
                and not list_item and previous.last_line == row - 1 and previous.column == column):
            blocks[-1] = CommentBlock(previous.first_line, row, column, False, False,
                                      f"{previous.text} {text}")
        else:
            blocks.append(CommentBlock(row, row, column, trailing, title, text))
    return blocks


def gettext_line(cell: int, line: int) -> int:
    return (cell + 1) * 10000 + line + 2


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


CLOSING = set("。，、；：？！）」』”》")
BREAK_AFTER = set("。，、；：？！）")
BREAK_WINDOW = 12  # characters back from the end of a line where a break after a mark is taken


def _inside_code(line: str, index: int) -> bool:
    return line.count("`", 0, index) % 2 == 1


def wrap(text: str, columns: int) -> list[str]:
    """Lines of at most ``columns`` display columns: breaks between words, and between two Chinese
    characters, never inside a word, a number or inline code."""
    pieces = re.findall(r"`[^`]*`|[A-Za-z0-9_.,:;!?'\"()\[\]{}=+\-*/<>%@#&|^~\\]+|\s+|.", text)
    lines, line = [], ""
    for piece in pieces:
        # A closing mark never starts a line (it stays on the line it closes, a little long).
        overflow = display_width(line + piece) > columns and piece not in CLOSING
        if line and overflow and not piece.isspace():
            # Break after a punctuation mark near the end of the line rather than inside a word.
            near_end = range(max(0, len(line) - BREAK_WINDOW), len(line))
            marks = [i for i in near_end if line[i] in BREAK_AFTER]
            spaces = [i for i in near_end if line[i] == " " and not _inside_code(line, i)]
            cut = marks[-1] + 1 if marks else spaces[-1] if spaces else len(line)
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        if not (piece.isspace() and not line):
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def translate_comments(source: str, translation: dict[int, str]) -> str:
    """``source`` with each comment block whose first line is in ``translation`` replaced by it."""
    lines = source.splitlines(keepends=True)
    for block in reversed(comment_blocks(source)):
        words = translation.get(block.first_line)
        if words is None:
            continue
        words = " ".join(words.split("\n"))  # a comment is one line: a translator's break goes
        first = lines[block.first_line]
        end = "\n" if first.endswith("\n") else ""
        if block.trailing or block.title:
            # The comment is the end of its line: the line up to the "#", then the new words.
            code_part = first[:block.column]
            prefix = f"# {TITLE}" if block.title else "# "
            lines[block.first_line] = f"{code_part}{prefix}{words}{end}"
            continue
        indent = first[:block.column]
        last_end = "\n" if lines[block.last_line].endswith("\n") else ""
        wrapped = wrap(words, max(24, WRAP_COLUMNS - len(indent) - 2))
        new = [f"{indent}# {line}\n" for line in wrapped]
        new[-1] = new[-1][:-1] + last_end
        lines[block.first_line:block.last_line + 1] = new
    return "".join(lines)


def code_tokens(source: str) -> list[tuple[int, str]]:
    """The cell's tokens without its comments and line breaks between statements: what the two
    editions must share exactly."""
    skip = {tokenize.COMMENT, tokenize.NL}
    return [(t.type, t.string) for t in tokenize.generate_tokens(io.StringIO(source).readline)
            if t.type not in skip]
