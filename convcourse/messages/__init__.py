"""Every word the helper package shows a reader: one message catalogue per language.

The explorer, the animation gallery and the exercise checks take their words from here: labels,
messages, captions, button names, text-alternative templates and the checks' verdicts and hints.
Each language is one module defining the same names:

- ``en.py`` -- English, the source: every message is written here first.
- Simplified Chinese is a gettext catalogue of the ``convcourse`` domain,
  ``convcourse/locale/zh_CN/LC_MESSAGES/convcourse.po`` (compiled to ``convcourse.mo``; see
  ``gettext_catalogue.py``), the same format as the pages' catalogues: same names (as contexts),
  same ``{fields}``; code, and the messages that mirror PyTorch's own errors, stay as they are.

``messages.NAME`` gives the active language's text (PEP 562 module ``__getattr__``), so code
reads ``messages.NAME`` when it shows the words, never copies one at import: then
``convcourse.set_language`` changes every label, caption, hint and figure word at once.
Templates use ``str.format`` fields; the ones the static page's script fills in use the same
``{name}`` fields (``convcourse/explorer/assets/convcourse.js`` replaces them), so a translator
edits one syntax.

The language is English unless the environment variable ``CONVCOURSE_LANGUAGE`` names another
when convcourse is imported; ``convcourse.set_language`` switches it (and matplotlib's fonts).
"""

from __future__ import annotations

import importlib
import os
import re
from types import ModuleType

from convcourse.messages.gettext_catalogue import translated_module

LANGUAGES = ("en", "zh_CN")
DEFAULT_LANGUAGE = "en"
ENVIRONMENT_VARIABLE = "CONVCOURSE_LANGUAGE"

_catalogues: dict[str, ModuleType] = {}


def catalogue(language: str) -> ModuleType:
    """The catalogue module of one language (``"en"`` or ``"zh_CN"``)."""
    code = known_language(language)
    if code not in _catalogues:
        english = importlib.import_module(f"{__name__}.{DEFAULT_LANGUAGE}")
        _catalogues[code] = english if code == DEFAULT_LANGUAGE else translated_module(
            english, code, message_names(english))
    return _catalogues[code]


def message_names(module: ModuleType) -> list[str]:
    """The names a catalogue defines: its upper-case module attributes, sorted."""
    return sorted(name for name in vars(module) if name.isupper())


def known_language(language) -> str:
    """The language's code as the catalogues spell it (``zh-CN`` and ``zh_cn`` give ``zh_CN``),
    or a one-line ValueError naming the known ones."""
    wanted = str(language).strip().replace("-", "_").lower()
    for code in LANGUAGES:
        if code.lower() == wanted:
            return code
    words = _catalogues.get(_active, None) or importlib.import_module(f"{__name__}.en")
    raise ValueError(words.LANGUAGE_UNKNOWN.format(
        name=language, known=", ".join(repr(code) for code in LANGUAGES)))


def active_language() -> str:
    return _active


def activate(language: str) -> str:
    """Make ``language`` the one ``messages.NAME`` reads; returns its code. Only the words:
    ``convcourse.set_language`` also sets matplotlib's fonts."""
    global _active
    code = known_language(language)
    catalogue(code)
    _active = code
    return code


# A space between two Chinese characters (or full-width punctuation marks) is never wanted; the
# Chinese templates put a space beside each field a check fills with code or a number, which is
# right beside Latin text and is removed here when the field turned out to be Chinese.
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}]) +(?=[{_CJK}])")


def tidy_spacing(text: str) -> str:
    """``text`` without spaces between two Chinese characters (English text is unchanged)."""
    return _SPACE_BETWEEN_CJK.sub("", text)


def __getattr__(name: str):
    if name.startswith("__"):
        raise AttributeError(name)
    try:
        return getattr(_catalogues[_active], name)
    except AttributeError:
        raise AttributeError(f"convcourse.messages has no message {name!r}") from None


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(message_names(_catalogues[_active])))


_active = DEFAULT_LANGUAGE
try:
    activate(os.environ.get(ENVIRONMENT_VARIABLE, "").strip() or DEFAULT_LANGUAGE)
except ValueError as error:
    raise ValueError(f"{ENVIRONMENT_VARIABLE}: {error}") from None
