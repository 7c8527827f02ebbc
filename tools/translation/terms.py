"""The term base: the glossary's terms, one Chinese term per English term.

book/glossary.md is the one place the terms are written: each term of its ``{glossary}``
directive is ``english chinese`` ("feature map 特征图"). The Chinese starts at the first word
with a CJK character.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "book" / "glossary.md"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def term_base(glossary: Path = GLOSSARY) -> dict[str, str]:
    """{english: chinese} for every term of the glossary, in its order."""
    text = glossary.read_text()
    block = re.search(r"```\{glossary\}\n(.*?)\n```", text, re.S)
    if block is None:
        raise ValueError(f"{glossary}: no {{glossary}} directive")
    terms = {}
    for line in block.group(1).splitlines():
        if not line.strip() or line.startswith((" ", "\t")):
            continue  # a blank line or a definition
        words = line.split()
        first_cjk = next((i for i, word in enumerate(words) if CJK.search(word)), None)
        if not first_cjk:
            raise ValueError(f"{glossary}: the term {line!r} has no Chinese after its English")
        english, chinese = " ".join(words[:first_cjk]), " ".join(words[first_cjk:])
        if english in terms:
            raise ValueError(f"{glossary}: the term {english!r} is defined twice")
        terms[english] = chinese
    return terms


def term_pattern(english: str) -> re.Pattern[str]:
    """The English term as a word, any case, plural too; not inside a longer hyphenated word."""
    words = [re.escape(word) for word in english.split()]
    # Not after a dot either: "nn.Module" names the class, not the term.
    return re.compile(r"(?<![\w.-])" + r"\s+".join(words) + r"(?:s|es)?(?![\w-])", re.I)


def terms_used(prose: str, terms: dict[str, str]) -> list[str]:
    return [english for english in terms if term_pattern(english).search(prose)]
