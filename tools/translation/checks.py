"""What every translation must keep, checked mechanically (tests/tools/test_translation.py runs them).

- every message translated, none fuzzy, none obsolete;
- the same inline code, math, link targets, MyST roles, footnote references, URLs and numbers
  (as multisets: a translation may reorder them, not change, drop or add one); "2-D" in the
  prose is a word, written 二维 (一维, 三维), not a number;
- Chinese where the English has words (a message left in English is not translated);
- the term base: where the English uses a glossary term, the Chinese uses the glossary's Chinese,
  unless the entry says otherwise in a translator comment ``term-exempt: kernel`` (the Jupyter
  kernel is 内核, not 卷积核).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import polib

from translation.terms import CJK, term_base, terms_used

# Order matters: each kind is taken out of the text before the next is looked for.
PROTECTED = {
    "MyST role": re.compile(r"\{[\w:-]+\}`[^`]*`"),
    "inline code": re.compile(r"(`+)(?:(?!\1).)+?\1", re.S),
    "math": re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$", re.S),
    "link target": re.compile(r"\]\([^)\s]*\)"),
    "footnote reference": re.compile(r"\[\^[^\]]+\]"),
    "URL": re.compile(r"https?://[^\s)>\]]+"),
    "number": re.compile(r"\d+(?:[.,]\d+)*"),
}
EXEMPT = re.compile(r"term-exempt:\s*(.+)")
# "2-D" is a word, not a number: Chinese writes 二维 (d2l-zh), not "2 维" or "2-D".
DIMENSIONS = re.compile(r"(?<![\w.-])([1-4])-D(?![\w-])")
CHINESE_DIMENSIONS = {"1": "一维", "2": "二维", "3": "三维", "4": "四维"}


def protected_parts(text: str, words: re.Pattern[str] | None = None) -> tuple[dict[str, Counter], str]:
    """The protected parts of a message by kind, and the prose left when they are taken out
    (``words``: what is taken out of the prose before its numbers, as words, not numbers)."""
    found = {}
    for kind, pattern in PROTECTED.items():
        if kind == "number" and words is not None:
            text = words.sub(" ", text)
        found[kind] = Counter(match.group(0) for match in pattern.finditer(text))
        text = pattern.sub(" ", text)
    return found, text


def is_display_math(msgid: str) -> bool:
    """A ``$$ ... $$`` block's message: its content between the two newlines of the delimiters."""
    return msgid.startswith("\n") and msgid.endswith("\n")


def exempt_terms(entry: polib.POEntry) -> set[str]:
    exempt = set()
    for comment in (entry.tcomment or "").splitlines():
        match = EXEMPT.search(comment)
        if match:
            exempt |= {term.strip() for term in match.group(1).split(",")}
    return exempt


def entry_problems(entry: polib.POEntry, terms: dict[str, str]) -> list[str]:
    if entry.obsolete:
        return ["obsolete (the English message is gone): delete the entry"]
    if not entry.msgstr:
        return ["not translated"]
    problems = []
    if "fuzzy" in entry.flags:
        problems.append("fuzzy (the English changed): check the translation, then remove the flag")
    if is_display_math(entry.msgid):
        if entry.msgstr != entry.msgid:
            problems.append("a display-math block must stay exactly as it is (msgstr = msgid)")
        return problems
    english, english_prose = protected_parts(entry.msgid, words=DIMENSIONS)
    chinese, chinese_prose = protected_parts(entry.msgstr)
    outside_code = PROTECTED["math"].sub(" ", PROTECTED["inline code"].sub(" ", entry.msgid))
    for digit in sorted(set(DIMENSIONS.findall(outside_code))):
        if CHINESE_DIMENSIONS[digit] not in entry.msgstr:
            problems.append(f"write {digit}-D as {CHINESE_DIMENSIONS[digit]}")
    for kind in PROTECTED:
        missing = english[kind] - chinese[kind]
        added = chinese[kind] - english[kind]
        if missing:
            problems.append(f"{kind} missing or changed: {', '.join(sorted(missing))}")
        if added:
            problems.append(f"{kind} not in the English: {', '.join(sorted(added))}")
    if re.search(r"[A-Za-z]{2}", english_prose) and not CJK.search(entry.msgstr):
        # English words outside code and math: the Chinese must have Chinese in it. (A name alone,
        # such as a reference's authors and title, may stay as it is: mark it term-exempt: *.)
        if "*" not in exempt_terms(entry):
            problems.append("no Chinese in the translation")
    exempt = exempt_terms(entry)
    for english_term in terms_used(english_prose, terms):
        if english_term in exempt or "*" in exempt:
            continue
        if terms[english_term] not in chinese_prose:
            problems.append(f"term: the English uses '{english_term}', "
                            f"the Chinese lacks '{terms[english_term]}'")
    return problems


def catalogue_problems(path: Path, terms: dict[str, str] | None = None) -> list[str]:
    """One line per problem: file, message (shortened), what is wrong."""
    terms = term_base() if terms is None else terms
    lines = []
    for entry in polib.pofile(str(path)):
        for problem in entry_problems(entry, terms):
            lines.append(f"{path}: {entry.msgid[:70]!r}: {problem}")
    return lines
