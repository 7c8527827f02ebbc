"""The message catalogues: English (convcourse/messages/en.py, the source) and its Simplified
Chinese translation (the gettext catalogue convcourse/locale/zh_CN/LC_MESSAGES/convcourse.po,
compiled to convcourse.mo) define the same names, the same template fields, the same shapes;
every Chinese message is Chinese, except code and the messages that mirror PyTorch's errors;
and the Chinese uses the course's term base (book/glossary.md) wherever the English uses a term.
"""

from __future__ import annotations

import re
import string

import polib
import pytest

from convcourse import messages
from convcourse.messages import en, gettext_catalogue

zh_CN = messages.catalogue("zh_CN")  # built from convcourse/locale/zh_CN/LC_MESSAGES/convcourse.mo
CHINESE_PO = gettext_catalogue.catalogue_path("zh_CN")

# Code and symbols: the same text in every language (a translation would break the code).
CODE = {
    "CALL": "a call to F.conv2d",
    "CALL_TRANSPOSED": "a call to F.conv_transpose2d",
    "TERMS": "output[row, col] = ...: torch's indexing",
    "TERM": "x×w",
    "TERM_JOINER": "' + ' between terms",
    "POOL_CALL_MAX": "a call to F.max_pool2d",
    "POOL_CALL_AVG": "a call to F.avg_pool2d",
    "POOL_TERMS_MAX": "output[row, col] = max(...): torch's indexing",
    "POOL_TERMS_AVG": "output[row, col] = mean(...): torch's indexing",
    "POOL_TERM": "a number",
    "POOL_TERM_JOINER": "', ' between the arguments of max(...)",
    "TRACE_SHAPE": "name: shape, inside a printed list",
    "TRACE_SHAPES_JOINER": "', ' inside a printed list",
    "CHECK_PASS_MARK": "✅",
    "CHECK_HINT_MARK": "❌",
    "FIGURE_WINDOWS_INPUT_ROW": "the symbol x on a figure's axis",
    "FIGURE_WINDOWS_AXIS": "the symbol $j$ on a figure's axis",
    "CHECK1_WHAT_BUILD": "the learner's class name",
    "CHECK1_WHAT_COUNT": "a call to count_fn",
    "CHECK1_WHAT_RECORDER": "a call to record_fn",
    "CHECK1_WHAT_PREDICT": "a call to predict_fn",
    "CHECK3_CASE_IKSPD": "i=..., k=..., the arguments of a call",
    "CHECK3_WHAT_CALL": "a call to the learner's function",
    "CHECK5_CASE": "i=..., k=..., the arguments of a call",
    "CHECK5_WHAT_CALL": "a call to the learner's function",
    "CHECK5_WHAT_BUILD": "a call to the learner's function",
    "CHECK6_CASE": "i=..., k=..., the arguments of a call",
    "CHECK6_WHAT_CALL": "a call to the learner's function",
    "CHECK4_CASE_CONV": "a Conv2d(...) call",
    "CHECK7_FIXED_CONV": "the exercise's class name FixedConv2d",
    "CHECK7_CASE_CONV": "a FixedConv2d(...) call",
    "CHECK7_WHAT_LEARN": "a call to learn_layer",
}
# MyConv2d refuses what nn.Conv2d refuses in PyTorch's own words: torch's errors are English in
# every locale, so these stay English (a learner compares them with nn.Conv2d's, searches them).
PYTORCH_MIRRORS = {
    "CONV_GROUPS_NOT_POSITIVE", "CONV_IN_CHANNELS_NOT_DIVISIBLE", "CONV_OUT_CHANNELS_NOT_DIVISIBLE",
    "CONV_BAD_PADDING_STRING", "CONV_SAME_WITH_STRIDE", "CONV_BAD_PADDING_MODE",
}
# Punctuation that differs by language and holds no letter in Chinese.
PUNCTUATION = {"SENTENCE_JOINER": "Chinese sentences end with 。 and follow each other with no space"}
# Full-width punctuation counts as Chinese (、 is the Chinese list joiner).
CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")

# The term base (book/glossary.md, d2l-zh usage): English term (a regex, matched as a word in
# the English message's prose, outside code) -> the Chinese term its translation must contain.
TERM_BASE = {
    r"convolutions?": "卷积",
    r"cross-correlations?": "互相关",
    r"kernels?": "卷积核",
    r"weights?": "权重",
    r"strides?": "步幅",
    r"padding": "填充",
    r"padding modes?": "填充模式",
    r"channels?": "通道",
    r"input channels?": "输入通道",
    r"output channels?": "输出通道",
    r"feature maps?": "特征图",
    r"kernel sizes?": "卷积核大小",
    r"batch(?:es)?": "批量",
    r"dilation": "扩张",
    r"dilated convolutions?": "空洞卷积",
    r"grouped convolutions?": "分组卷积",
    r"bias(?:es)?": "偏置",
    r"receptive fields?": "感受野",
    r"modules?": "模块",
    r"sub-modules?": "子模块",
    r"forward pass(?:es)?": "前向传播",
    r"parameters?": "参数",
    r"tensors?": "张量",
    r"loss(?:es)?": "损失",
    r"gradients?": "梯度",
    r"learning rates?": "学习率",
    r"backpropagation": "反向传播",
    r"transposed[- ]convolutions?": "转置卷积",
    r"hooks?": "钩子",
    r"state dicts?": "状态字典",
    r"steps?": "步",
    r"output[- ]sizes?": "输出尺寸",
    r"exercises?": "练习",
    r"hints?": "提示",
}
# Where an English message has a term's words without meaning the term.
TERM_EXEMPTIONS = {
    ("CHECK7_HINT_FORWARD", r"forward pass(?:es)?"):
        "'Does forward pass the bias...': the method forward, then the verb pass",
}


def entries(module) -> dict[str, str]:
    """Every message of a catalogue as text: NAME, NAME[i] for tuples, NAME[key] for dicts."""
    out = {}
    for name in messages.message_names(module):
        value = getattr(module, name)
        if isinstance(value, tuple):
            out.update({f"{name}[{i}]": item for i, item in enumerate(value)})
        elif isinstance(value, dict):
            out.update({f"{name}[{key}]": item for key, item in value.items()})
        else:
            out[name] = value
    return out


def fields(template: str) -> set[tuple[str, str, str | None]]:
    """The template's fields as (name, format spec, conversion)."""
    return {(name, spec, conversion)
            for _, name, spec, conversion in string.Formatter().parse(template) if name is not None}


def base_name(entry: str) -> str:
    return entry.split("[")[0]


def prose(text: str) -> str:
    """The English words of a message outside code: no {fields}, no calls or tuples holding
    code, no token with code characters (nn.Conv2d, kernel_size=3, 'bias', d*(k-1)+1)."""
    text = re.sub(r"\{[^{}]*\}", " ", text)
    text = re.sub(r"'s\b", "", text)
    previous = None
    while previous != text:  # innermost first: F.conv2d(x, w, stride=...), (kernel_size, stride)
        previous, text = text, re.sub(r"\([^()]*[_=.*][^()]*\)", " ", text)
    words = []
    for token in text.split():
        core = token.rstrip(".,;:!?")
        if re.search(r"[_.=<>'\"`*/\[\]{}]|\w\(|\d[A-Za-z]|[A-Za-z]\d", core):
            continue
        words.append(core.strip("()"))
    return " ".join(words)


EN, ZH = entries(en), entries(zh_CN)


def test_both_catalogues_define_exactly_the_same_names():
    english, chinese = set(messages.message_names(en)), set(messages.message_names(zh_CN))
    assert not english - chinese, f"untranslated (missing from convcourse.po): {sorted(english - chinese)}"
    assert not chinese - english, f"in convcourse.po but not in en.py: {sorted(chinese - english)}"


def test_every_message_has_the_same_type_and_tuples_and_dicts_the_same_shape():
    for name in messages.message_names(en):
        english, chinese = getattr(en, name), getattr(zh_CN, name, None)
        assert type(english) is type(chinese), f"{name}: {type(english)} in en, {type(chinese)} in zh_CN"
        if isinstance(english, tuple):
            assert len(english) == len(chinese), f"{name}: {len(english)} items in en, {len(chinese)}"
        if isinstance(english, dict):
            assert list(english) == list(chinese), f"{name}: the keys differ"
    assert set(EN) == set(ZH)


@pytest.mark.parametrize("entry", sorted(EN))
def test_every_template_keeps_its_fields_and_format_specs(entry):
    assert fields(ZH[entry]) == fields(EN[entry]), (
        f"{entry}: the Chinese template's fields {sorted(fields(ZH[entry]))} are not the "
        f"English {sorted(fields(EN[entry]))}")


def test_the_tuples_built_from_other_messages_are_built_from_the_translations():
    assert zh_CN.LEGEND == (zh_CN.LEGEND_PANELS, zh_CN.LEGEND_PADDING, zh_CN.LEGEND_WINDOW,
                            zh_CN.LEGEND_OUTPUT, zh_CN.LEGEND_UNREACHED)
    assert zh_CN.GALLERY_LEGEND == zh_CN.LEGEND + (zh_CN.LEGEND_INSERTED, zh_CN.LEGEND_FLIPPED)
    assert zh_CN.POOL_LEGEND == (zh_CN.POOL_LEGEND_PANELS, zh_CN.POOL_LEGEND_WINDOW,
                                 zh_CN.LEGEND_OUTPUT, zh_CN.POOL_LEGEND_OUTSIDE,
                                 zh_CN.POOL_LEGEND_UNREACHED)


def test_code_and_the_messages_mirroring_pytorch_are_identical_in_both_catalogues():
    differ = [name for name in (*CODE, *PYTORCH_MIRRORS) if getattr(en, name) != getattr(zh_CN, name)]
    assert not differ, f"code or PyTorch's words changed in convcourse.po: {differ}"


def test_every_other_chinese_message_is_chinese():
    kept = set(CODE) | PYTORCH_MIRRORS | set(PUNCTUATION)
    english = [entry for entry, text in ZH.items() if base_name(entry) not in kept and not CJK.search(text)]
    assert not english, f"left untranslated in convcourse.po (no Chinese character): {english}"


def test_the_exemption_lists_name_real_messages():
    names = set(messages.message_names(en))
    assert set(CODE) <= names and PYTORCH_MIRRORS <= names and set(PUNCTUATION) <= names
    for name, term in TERM_EXEMPTIONS:
        assert name in names and term in TERM_BASE
        assert re.search(rf"\b{term}\b", prose(getattr(en, name)), re.IGNORECASE), \
            f"{name} no longer has {term!r}: drop its exemption"


def test_prose_drops_code_and_keeps_words():
    assert prose("use kernel_size=3, no padding, stride 1.") == "use no padding stride 1"
    assert prose("F.conv2d(x, w, stride={s}, padding={p}) of a kernel") == "of a kernel"
    assert prose("parameters() has no 'bias': a tensor") == "has no a tensor"
    assert "stride" not in prose("a tuple (kernel_size, stride) or (kernel_size, stride, padding)")


def test_every_term_the_english_uses_is_translated_with_the_term_base():
    missing = []
    for entry, english in EN.items():
        if base_name(entry) in set(CODE) | PYTORCH_MIRRORS:
            continue
        words = prose(english)
        for term, chinese in TERM_BASE.items():
            if (base_name(entry), term) in TERM_EXEMPTIONS:
                continue
            if re.search(rf"\b{term}\b", words, re.IGNORECASE) and chinese not in ZH[entry]:
                missing.append(f"{entry}: {term!r} -> {chinese} not in {ZH[entry]!r}")
    assert not missing, "the term base is not followed:\n" + "\n".join(missing)


def test_chinese_text_uses_full_width_punctuation_and_spaces_latin_words_apart():
    problems = []
    for entry, text in ZH.items():
        if base_name(entry) in set(CODE) | PYTORCH_MIRRORS:
            continue
        # A half-width comma, semicolon, colon, question or exclamation mark after a Chinese
        # character (code keeps its own: "x: (1, 3)", "{error}: {message}").
        problems += [f"{entry}: half-width {m.group()!r}" for m in
                     re.finditer("(?<=[\u4e00-\u9fff])[,;:?!]", text)]
        # A Latin letter or digit touching a Chinese character with no space between them.
        problems += [f"{entry}: no space in {m.group()!r}" for m in
                     re.finditer(r"[\u4e00-\u9fff][A-Za-z0-9]|[A-Za-z0-9][\u4e00-\u9fff]", text)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("catalogue", [en, zh_CN], ids=["en", "zh_CN"])
@pytest.mark.parametrize("button", ["PLAY", "PAUSE", "STEP"])
def test_a_buttons_accessible_name_holds_its_visible_word(catalogue, button):
    # WCAG 2.5.3 (label in name; Lighthouse's label-content-name-mismatch): speech-input users
    # name a button by what it shows.
    visible = getattr(catalogue, f"BUTTON_{button}")
    name = getattr(catalogue, f"{button}_ACCESSIBLE_NAME")
    assert visible.casefold() in name.casefold(), (visible, name)


def test_the_chinese_catalogue_holds_every_english_string_once_translated_and_none_other():
    catalogue = polib.pofile(str(CHINESE_PO))
    english = {context: text for name in messages.message_names(en)
               for context, text in gettext_catalogue.message_entries(name, getattr(en, name))}
    found = {entry.msgctxt: entry for entry in catalogue if not entry.obsolete}
    assert set(found) == set(english), (
        f"run `python tools/translate.py package`: new {sorted(set(english) - set(found))[:5]}, "
        f"gone {sorted(set(found) - set(english))[:5]}")
    stale = [context for context, entry in found.items() if entry.msgid != english[context]]
    assert not stale, f"the English changed since the catalogue was updated: {stale[:5]}"
    problems = [context for context, entry in found.items() if not entry.msgstr or "fuzzy" in entry.flags]
    assert not problems, f"untranslated or fuzzy in {CHINESE_PO.name}: {problems[:5]}"
    assert not [entry for entry in catalogue if entry.obsolete], "delete the obsolete entries"


def test_the_compiled_catalogue_is_the_catalogue_compiled():
    compiled = gettext_catalogue.catalogue_path("zh_CN", ".mo")
    assert compiled.read_bytes() == polib.pofile(str(CHINESE_PO)).to_binary(), (
        "convcourse.mo is out of step with convcourse.po: run `python tools/translate.py package`")
