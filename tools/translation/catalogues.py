"""Reading the Chinese catalogues: one .po per page, named after the page (``lessons/02_...``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE_DIR = ROOT / "locales" / "zh_CN" / "LC_MESSAGES"
# The catalogue of the words outside the pages (templates, the book's title, the toc captions).
SITE_CATALOGUE = "sphinx"


@dataclass(frozen=True)
class Message:
    """One translated message at one place of a page's source."""

    msgid: str
    msgstr: str
    # As gettext records it: notebooks (cell + 1) * 10000 + line + 2; pages the line number.
    # None where docutils records no line (table cells, glossary terms): the message then comes
    # after the one before it, since a catalogue lists its messages in the page's order.
    line: int | None


def catalogue_path(page: str) -> Path:
    return CATALOGUE_DIR / f"{page}.po"


def pages() -> list[str]:
    """Every page that has a catalogue, as a docname (``book/index``, ``lessons/01_...``)."""
    found = sorted(p.relative_to(CATALOGUE_DIR).with_suffix("").as_posix()
                   for p in CATALOGUE_DIR.rglob("*.po"))
    return [page for page in found if page != SITE_CATALOGUE]


def load(page: str) -> polib.POFile:
    path = catalogue_path(page)
    if not path.exists():
        raise FileNotFoundError(f"{path.relative_to(ROOT)}: no catalogue for the page {page}; "
                                "run `python tools/translate.py update`.")
    return polib.pofile(str(path), wrapwidth=0)


def messages(page: str) -> list[Message]:
    """Every place a message occurs on the page, with its translation, in the page's order."""
    found = []
    for entry in load(page):
        if entry.obsolete:
            continue
        for _, line in entry.occurrences:
            found.append(Message(entry.msgid, entry.msgstr, int(line) if line else None))
    return found


def translations(page: str) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in load(page) if not e.obsolete and e.msgstr}
