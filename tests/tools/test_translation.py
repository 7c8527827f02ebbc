"""The Chinese edition's sources: catalogues complete and faithful, notebooks in step.

The machinery is tools/translation (see its __init__); these tests run it. They need no built
site; tests/site/test_zh_edition.py checks the built Chinese pages.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import polib
import pytest
from paths import ROOT
from translation import catalogues, checks, code_comments, edition, extract, terms  # noqa: E402
from translation.myst_text import MessageNotFound, translate_text  # noqa: E402

CATALOGUES = sorted(catalogues.CATALOGUE_DIR.rglob("*.po"))


# --- The term base -------------------------------------------------------------------------

def test_glossary_gives_one_chinese_term_per_english_term_with_the_d2l_zh_terms():
    base = terms.term_base()
    # The terms the issue names, as Chinese deep-learning texts (d2l-zh) write them.
    expected = {
        "convolution": "卷积", "cross-correlation": "互相关", "kernel": "卷积核", "padding": "填充",
        "stride": "步幅", "channel": "通道", "feature map": "特征图", "receptive field": "感受野",
        "transposed convolution": "转置卷积", "depthwise separable convolution": "深度可分离卷积",
        "pointwise convolution": "逐点卷积", "grouped convolution": "分组卷积",
        "dilated convolution": "空洞卷积", "dilation": "扩张", "bias": "偏置",
        "forward pass": "前向传播", "backpropagation": "反向传播", "hook": "钩子",
        "sub-module": "子模块", "state dict": "状态字典",
    }
    assert {english: base.get(english) for english in expected} == expected
    alternatives = [chinese for chinese in base.values()
                    if not terms.CJK.search(chinese) or re.search(r"[()（）/]", chinese)]
    assert not alternatives, "one Chinese term per English term, without alternatives in brackets"


def test_term_pattern_finds_plurals_and_skips_longer_words_and_class_names():
    assert terms.terms_used("Two kernels and one stride", {"kernel": "卷积核", "stride": "步幅"}) == [
        "kernel", "stride"]
    assert terms.terms_used("a sub-module of nn.Module", {"module": "模块"}) == []
    assert terms.terms_used("Biases are added", {"bias": "偏置"}) == ["bias"]


# --- The checks on one message -------------------------------------------------------------

BASE = {"kernel": "卷积核", "stride": "步幅"}


def problems(msgid: str, msgstr: str, *, tcomment: str = "", flags: list[str] | None = None) -> list[str]:
    return checks.entry_problems(polib.POEntry(msgid=msgid, msgstr=msgstr, tcomment=tcomment,
                                               flags=flags or []), BASE)


def test_a_faithful_translation_passes():
    assert problems("The kernel `w` moves by stride $s = 2$ over [the input](#input), 3 times.",
                    "卷积核 `w` 以步幅 $s = 2$ 在[输入](#input)上移动 3 次。") == []


@pytest.mark.parametrize(("msgstr", "complaint"), [
    ("卷积核 `x` 以步幅 $s = 2$ 在[输入](#input)上移动 3 次。", "inline code"),
    ("卷积核 `w` 以步幅 $s = 3$ 在[输入](#input)上移动 3 次。", "math"),
    ("卷积核 `w` 以步幅 $s = 2$ 在[输入](#other)上移动 3 次。", "link target"),
    ("卷积核 `w` 以步幅 $s = 2$ 在[输入](#input)上移动三次。", "number"),
    ("卷积核 `w` 以步幅 $s = 2$ 在[输入](#input)上移动 3 次，共 4 步。", "number"),
    ("核 `w` 以步幅 $s = 2$ 在[输入](#input)上移动 3 次。", "term"),
    ("The kernel `w` moves by stride $s = 2$ over [the input](#input), 3 times.", "no Chinese"),
    ("", "not translated"),
])
def test_an_unfaithful_translation_is_named(msgstr, complaint):
    found = problems("The kernel `w` moves by stride $s = 2$ over [the input](#input), 3 times.", msgstr)
    assert any(complaint in line for line in found), found


def test_fuzzy_and_display_math_and_exemptions():
    assert any("fuzzy" in p for p in problems("Stride", "步幅", flags=["fuzzy"]))
    math = "\no = \\lfloor (i - k)/s \\rfloor + 1\n"
    assert problems(math, math) == []
    assert any("display-math" in p for p in problems(math, math.replace("1", "2")))
    jupyter = "Restart the kernel."
    assert any("term" in p for p in problems(jupyter, "重启内核。"))
    assert problems(jupyter, "重启内核。", tcomment="term-exempt: kernel") == []


@pytest.mark.parametrize(("msgstr", "fine"), [
    ("`conv2d` 计算二维卷积，步幅为 2。", True),
    ("`conv2d` 计算 2 维卷积，步幅为 2。", False),  # a digit the English does not have
    ("`conv2d` 计算 2-D 卷积，步幅为 2。", False),
    ("`conv2d` 计算卷积，步幅为 2。", False),  # 二维 dropped
])
def test_2_d_is_the_word_two_dimensional(msgstr, fine):
    found = problems("`conv2d` computes a 2-D convolution with stride 2.", msgstr)
    assert (found == []) == fine, found


# --- Putting translations in place ---------------------------------------------------------

def test_translation_replaces_a_paragraph_across_its_line_breaks_and_keeps_the_rest():
    source = "# Title\n\nA long\nparagraph here.\n\n```python\nA long\n```\n"
    out = translate_text(source, [(0, "Title", "标题"), (2, "A long paragraph here.", "一段话。")])
    assert out == "# 标题\n\n一段话。\n\n```python\nA long\n```\n"


def test_two_messages_on_one_line_and_messages_without_a_line():
    source = "| a | b |\n|---|---|\n| cat | dog |\n"
    out = translate_text(source, [(None, "a", "甲"), (None, "b", "乙"), (2, "cat", "猫"), (2, "dog", "狗")])
    assert out == "| 甲 | 乙 |\n|---|---|\n| 猫 | 狗 |\n"


def test_a_message_missing_from_the_source_is_an_error_naming_it():
    with pytest.raises(MessageNotFound, match="Gone paragraph"):
        translate_text("# Title\n\nOther text.\n", [(2, "Gone paragraph.", "不见了。")], where="page")


# --- The catalogues and the Chinese notebooks ---------------------------------------------

@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.relative_to(catalogues.CATALOGUE_DIR).as_posix())
def test_catalogue_is_complete_and_faithful(path):
    found = checks.catalogue_problems(path)
    assert not found, f"{len(found)} problems (python tools/translate.py check):\n" + "\n".join(found)


@pytest.fixture(scope="module")
def fresh_pot(tmp_path_factory) -> Path:
    return extract.extract_pot(tmp_path_factory.mktemp("gettext"))


def test_catalogues_hold_exactly_the_messages_of_the_english_sources(fresh_pot):
    stale = []
    for pot in sorted(fresh_pot.rglob("*.pot")):
        page = pot.relative_to(fresh_pot).with_suffix("").as_posix()
        english = {entry.msgid for entry in polib.pofile(str(pot))}
        translated = {e.msgid for e in catalogues.load(page) if not e.obsolete}
        stale += [f"{page}: new English message {m[:60]!r}" for m in sorted(english - translated)]
        stale += [f"{page}: no longer in the English {m[:60]!r}" for m in sorted(translated - english)]
    assert not stale, "run `python tools/translate.py update`, then translate:\n" + "\n".join(stale)


def test_chinese_notebooks_are_generated_from_the_english_ones_and_the_catalogues():
    assert edition.notebooks_out_of_step() == [], "run `python tools/translate.py notebooks`"


@pytest.mark.parametrize("lesson", sorted((ROOT / "lessons").glob("*.ipynb")), ids=lambda p: p.stem)
def test_chinese_notebook_has_the_english_code_and_chinese_prose(lesson):
    english = json.loads(lesson.read_text())
    chinese = json.loads((edition.NOTEBOOK_DIR / lesson.name).read_text())
    assert [c["cell_type"] for c in chinese["cells"]] == [c["cell_type"] for c in english["cells"]]
    for index, (en, zh) in enumerate(zip(english["cells"], chinese["cells"], strict=True)):
        assert zh.get("metadata") == en.get("metadata"), f"cell {index}: metadata (tags) differ"
        if en["cell_type"] == "code" and index > 0:
            en_code, zh_code = "".join(en["source"]), "".join(zh["source"])
            # Only the comments may differ (tools/translation/code_comments.py): the same tokens
            # once comments and line breaks between statements are set aside, the same syntax tree.
            assert code_comments.code_tokens(zh_code) == code_comments.code_tokens(en_code), \
                f"cell {index}: the code differs, not only its comments"
            assert ast.dump(ast.parse(zh_code)) == ast.dump(ast.parse(en_code)), f"cell {index}"
            # (That every comment is translated, in Chinese, is the catalogue tests' part: each
            # comment is a message, and the notebook is generated from the catalogue.)
            if code_comments.comment_blocks(en_code):
                assert zh_code != en_code, f"cell {index}: its comments are still the English ones"
            assert not zh.get("outputs"), f"cell {index}: committed with outputs"
        if en["cell_type"] == "markdown":
            # A cell of directive lines only (```{solution-start} label) has no prose to translate.
            prose = [line for line in en["source"] if not line.startswith(("```", ":"))]
            if re.search(r"[A-Za-z]{3}", "".join(prose)):
                assert terms.CJK.search("".join(zh["source"])), f"cell {index} has no Chinese"
    setup = "".join(chinese["cells"][0]["source"])
    assert 'convcourse.set_language("zh_CN")' in setup and "convcourse.set_seed(0)" in setup


def test_generated_chinese_book_has_no_english_message_left(tmp_path):
    """Extract the messages of the generated Chinese source: every one must be a translation."""
    source = edition.write_source(tmp_path / "source")
    # The gettext build of the Chinese tree, as extract_pot runs it for the English one.
    pot_dir = tmp_path / "gettext"
    from jupyter_book.sphinx import build_sphinx
    status = build_sphinx(source, pot_dir, noconfig=True, path_config=str(source / "_config.yml"),
                          confoverrides={"external_toc_path": (source / "_toc.yml").as_posix(),
                                         "latex_individualpages": False, "nb_execution_mode": "off"},
                          doctreedir=tmp_path / "doctrees", builder="gettext", freshenv=True,
                          warningiserror=True, keep_going=True, really_quiet=True)
    assert status == 0
    left = []
    for pot in sorted(pot_dir.rglob("*.pot")):
        page = pot.relative_to(pot_dir).with_suffix("").as_posix()
        if page == catalogues.SITE_CATALOGUE:
            continue
        english = {e.msgid: e.msgstr for e in catalogues.load(page)}
        for entry in polib.pofile(str(pot)):
            if entry.msgid in english and english[entry.msgid] != entry.msgid:
                left.append(f"{page}: {entry.msgid[:70]!r} is still in English")
    assert not left, "\n".join(left)
