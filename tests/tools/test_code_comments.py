"""Which comments of a code cell are messages, and how a translation goes back in
(tools/translation/code_comments.py)."""

from __future__ import annotations

import pytest
from translation.code_comments import (
    CommentBlock,
    code_tokens,
    comment_blocks,
    display_width,
    translate_comments,
    wrap,
)

CELL = '''# @title The gallery (generated)
from x import y  # noqa: F401
# The kernel spans d*(k-1)+1 positions, so it
# loses d*(k-1): give back half.
def f(k, d):
    # one line
    return d * (k - 1) // 2  # half, rounded down
    # 3
'''


def test_blocks_lines_titles_and_trailing_comments_are_told_apart():
    assert comment_blocks(CELL) == [
        CommentBlock(0, 0, 0, False, True, "The gallery (generated)"),
        CommentBlock(2, 3, 0, False, False,
                     "The kernel spans d*(k-1)+1 positions, so it loses d*(k-1): give back half."),
        CommentBlock(5, 5, 4, False, False, "one line"),
        CommentBlock(6, 6, 29, True, False, "half, rounded down"),
    ]  # the noqa directive and the comment without words are not messages


def test_comments_at_other_indentations_or_after_a_gap_are_separate_blocks():
    source = "# first\n    # indented\n\n# after a gap\n"
    assert [b.text for b in comment_blocks(source)] == ["first", "indented", "after a gap"]


def test_each_item_of_a_numbered_list_is_a_message():
    source = "# Bugs:\n# 1. the weight is a tensor,\n#    not a Parameter\n# 2. no bias\n"
    assert [b.text for b in comment_blocks(source)] == [
        "Bugs:", "1. the weight is a tensor, not a Parameter", "2. no bias"]


def test_a_cell_that_is_not_python_has_no_messages():
    assert comment_blocks("%%time\nx = (1,\n") == []


def test_translated_comments_change_nothing_but_the_comments():
    translation = {0: "动画集（生成的）", 2: "卷积核跨越 d*(k-1)+1 个位置" * 6, 5: "一行",
                   6: "一半，向下取整"}
    out = translate_comments(CELL, translation)
    assert code_tokens(out) == code_tokens(CELL)
    assert out.startswith("# @title 动画集（生成的）\nfrom x import y  # noqa: F401\n# 卷积核")
    assert "    return d * (k - 1) // 2  # 一半，向下取整\n" in out
    assert "    # 一行\n" in out and out.endswith("    # 3\n")
    long_block = [line for line in out.splitlines() if line.startswith("# 卷积核") or "跨越" in line]
    assert len(long_block) >= 2 and all(display_width(line) <= 96 for line in long_block)


def test_a_translators_line_break_does_not_break_the_code():
    out = translate_comments("x = 1  # one\n", {0: "一\n二"})
    assert out == "x = 1  # 一 二\n" and code_tokens(out) == code_tokens("x = 1  # one\n")


def test_comments_without_a_translation_stay_english():
    assert translate_comments(CELL, {}) == CELL


@pytest.mark.parametrize("text", ["看 `F.conv2d(x, w, padding=1)` 的输出" * 3,
                                  "the output of torch.nn.functional " * 4])
def test_wrap_never_breaks_inside_code_or_a_word(text):
    lines = wrap(text, 30)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert line.count("`") % 2 == 0, line
        assert not line.startswith(" ") and not line.endswith(" ")


def test_a_line_never_starts_with_a_closing_mark_and_breaks_after_punctuation():
    text = "对偶数尺寸多出一个" * 4 + "。不用 ceil_mode 时为" + "向下取整" * 5
    lines = wrap(text, 76)
    assert all(line[0] not in "。，、；：？！）" for line in lines), lines
    assert lines[0].endswith("。"), lines
