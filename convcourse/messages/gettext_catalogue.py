"""The helper package's translations, from gettext catalogues (one translation format for the
whole course: the pages' .po files and the package's are edited with the same tools).

``en.py`` is the source: every message is written there first, in English, as a Python constant
(a string, or a tuple or a dict of strings). Each other language is a catalogue of the
``convcourse`` domain, ``convcourse/locale/<language>/LC_MESSAGES/convcourse.po``, compiled to
``convcourse.mo`` beside it (shipped in the wheel; ``python tools/translate.py package`` updates
the .po from en.py and compiles it). An entry's context (msgctxt) is the message's name:
``NAME``, ``NAME[i]`` for the items of a tuple, ``NAME[key]`` for the values of a dict; its msgid
is the English, its msgstr the translation.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

DOMAIN = "convcourse"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
# Punctuation rules, not words: how one sentence follows another. gettext cannot hold an empty
# translation (an empty msgstr means "not translated"), and in Chinese a sentence ends with 。
# and the next follows with no space; so these are set per language here, not in a catalogue.
PUNCTUATION_RULES = {"SENTENCE_JOINER": {"zh_CN": ""}}


def message_entries(name: str, value) -> Iterator[tuple[str, str]]:
    """(context, English) of each string of one message of en.py (none for a punctuation rule)."""
    if name in PUNCTUATION_RULES:
        return
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            yield f"{name}[{index}]", item
    elif isinstance(value, dict):
        for key, item in value.items():
            yield f"{name}[{key}]", item
    else:
        yield name, value


def catalogue_path(language: str, suffix: str = ".po") -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def translated_module(english: ModuleType, language: str, names: list[str]) -> ModuleType:
    """A module with every name of ``english``, each string translated from the compiled
    catalogue of ``language`` (a string the catalogue lacks stays English)."""
    translation = gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[language])
    module = ModuleType(f"convcourse.messages.{language}",
                        f"convcourse's words in {language}, from {catalogue_path(language, '.mo')}")

    def words(context: str, text: str) -> str:
        return translation.pgettext(context, text)

    for name in names:
        value = getattr(english, name)
        if name in PUNCTUATION_RULES:
            setattr(module, name, PUNCTUATION_RULES[name].get(language, value))
            continue
        if isinstance(value, tuple):
            translated = tuple(words(context, text) for context, text in message_entries(name, value))
        elif isinstance(value, dict):
            translated = {key: words(f"{name}[{key}]", text) for key, text in value.items()}
        else:
            translated = words(name, value)
        setattr(module, name, translated)
    return module
