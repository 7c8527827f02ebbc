"""The helper package's catalogue (convcourse/locale/zh_CN/LC_MESSAGES/convcourse.po), kept in step
with its source, convcourse/messages/en.py, the way sphinx-intl keeps the pages' catalogues in step
with the pages: a new message is added untranslated, a changed one is marked fuzzy (with its old
English), a removed one becomes obsolete; then the catalogue is compiled to convcourse.mo, which
the package reads (convcourse/messages/gettext_catalogue.py).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from convcourse.messages import gettext_catalogue  # noqa: E402

LANGUAGE = "zh_CN"


def english_entries() -> dict[str, str]:
    english = importlib.import_module("convcourse.messages.en")
    names = [name for name in vars(english) if name.isupper()]  # en.py's order
    return {context: text for name in names
            for context, text in gettext_catalogue.message_entries(name, getattr(english, name))}


def update(language: str = LANGUAGE) -> Path:
    path = gettext_catalogue.catalogue_path(language)
    catalogue = polib.pofile(str(path), wrapwidth=0)
    by_context = {entry.msgctxt: entry for entry in catalogue}
    english = english_entries()
    for context, text in english.items():
        entry = by_context.get(context)
        if entry is None:
            catalogue.append(polib.POEntry(msgctxt=context, msgid=text, msgstr=""))
        elif entry.msgid != text:
            entry.previous_msgid, entry.msgid = entry.msgid, text
            if "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
        if entry is not None:
            entry.obsolete = False
    for context, entry in by_context.items():
        if context not in english:
            entry.obsolete = True
    catalogue.save(str(path))
    compile_catalogue(language)
    return path


def compile_catalogue(language: str = LANGUAGE) -> Path:
    source = gettext_catalogue.catalogue_path(language)
    target = gettext_catalogue.catalogue_path(language, ".mo")
    target.write_bytes(polib.pofile(str(source)).to_binary())
    return target


def problems(language: str = LANGUAGE) -> list[str]:
    """What is left to do in the package's catalogue (its fields, code and terms are checked by
    tests/package/messages/test_catalogues.py)."""
    path = gettext_catalogue.catalogue_path(language)
    compiled = gettext_catalogue.catalogue_path(language, ".mo")
    found = []
    for entry in polib.pofile(str(path)):
        where = f"{path.relative_to(ROOT)}: {entry.msgctxt}"
        if entry.obsolete:
            found.append(f"{where}: obsolete (the English message is gone): delete the entry")
        elif not entry.msgstr:
            found.append(f"{where}: not translated")
        elif "fuzzy" in entry.flags:
            found.append(f"{where}: fuzzy (the English changed): check the translation, then remove the flag")
    if not compiled.exists() or compiled.read_bytes() != polib.pofile(str(path)).to_binary():
        found.append(f"{compiled.relative_to(ROOT)}: not compiled from the .po "
                     "(python tools/translate.py package)")
    return found
