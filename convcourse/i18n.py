"""The language of the helper package: ``set_language`` and ``language``.

``set_language("zh_CN")`` switches every word convcourse shows (``convcourse.messages``: the
explorer, the gallery, the checks' verdicts and hints, figure labels, errors) to Simplified
Chinese, and lets matplotlib draw Chinese offline: it puts the CJK fonts that are installed, in
the order of :data:`CJK_FONTS`, first in ``font.sans-serif`` (DejaVu Sans stays, as the last
fallback), and sets ``axes.unicode_minus = False`` (CJK fonts have no U+2212 minus sign, which
would give "Glyph 8722 missing" warnings). No web font, no download: when none of these fonts is
installed it says so in one warning line naming what to install. ``set_language("en")`` gives
English back and restores the two rcParams as they were before the switch.

A Chinese notebook's hidden setup cell runs, after ``import convcourse``::

    convcourse.set_language("zh_CN")

The environment variable ``CONVCOURSE_LANGUAGE`` (e.g. ``zh_CN``), when set as convcourse is
imported, chooses the starting language the same way.
"""

from __future__ import annotations

import os
import re
import warnings

from convcourse import messages

# The fonts that draw Simplified Chinese, best first (Debian: fonts-noto-cjk, fonts-wqy-microhei,
# fonts-wqy-zenhei; Windows: Microsoft YaHei, SimHei; macOS: PingFang SC, Heiti SC, Arial Unicode
# MS). The other Noto CJK faces come last: an older matplotlib reads only the first face of
# NotoSansCJK-Regular.ttc, which is the Japanese one; it has every Chinese character too.
CJK_FONTS = (
    "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
    "Microsoft YaHei", "PingFang SC", "SimHei", "Heiti SC", "Arial Unicode MS",
    "Noto Sans CJK TC", "Noto Sans CJK HK", "Noto Sans CJK JP", "Noto Sans CJK KR",
)
FALLBACK_FONT = "DejaVu Sans"  # matplotlib's own font: always there, last in the list
FONT_LANGUAGES = frozenset({"zh_CN"})  # the languages whose figures need CJK fonts
RC_KEYS = ("font.family", "font.sans-serif", "axes.unicode_minus")  # what set_language changes, and restores

# The file names of those fonts, to find one installed after matplotlib built its font list.
_CJK_FILE = re.compile(r"wqy|wenquanyi|noto\w*cjk|sourcehan|source-han|msyh|pingfang|simhei|"
                       r"stheiti|heiti|arial\s*unicode", re.IGNORECASE)
_saved_rc: dict | None = None  # the rcParams before the first switch to a CJK language


def language() -> str:
    """The active language's code: ``"en"`` or ``"zh_CN"``."""
    return messages.active_language()


def set_language(language: str) -> None:
    """Show convcourse's words in ``language`` (``"en"`` or ``"zh_CN"``) from now on.

    ``"zh_CN"`` also sets matplotlib's fonts for Chinese (see the module's docstring); ``"en"``
    restores them. An unknown language raises a one-line ValueError naming the known ones.
    """
    code = messages.activate(language)
    if code in FONT_LANGUAGES:
        _use_cjk_fonts()
    else:
        _restore_fonts()


def installed_cjk_fonts() -> list[str]:
    """The fonts of :data:`CJK_FONTS` that matplotlib can use, in that order.

    A font installed after matplotlib built its font list (e.g. with apt-get in a running
    notebook) is added from the system's font directories, so no restart is needed.
    """
    from matplotlib import font_manager

    def found() -> list[str]:
        names = {entry.name for entry in font_manager.fontManager.ttflist}
        return [name for name in CJK_FONTS if name in names]

    if not found():
        for path in font_manager.findSystemFonts():
            if _CJK_FILE.search(os.path.basename(path)):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):  # an unreadable file: skip it
                    continue
    return found()


def _use_cjk_fonts() -> None:
    import matplotlib

    global _saved_rc
    if _saved_rc is None:
        _saved_rc = {key: _copy(matplotlib.rcParams[key]) for key in RC_KEYS}
    fonts = installed_cjk_fonts()
    if not fonts:
        warnings.warn(messages.FONT_MISSING, UserWarning, stacklevel=3)
    others = [name for name in _saved_rc["font.sans-serif"]
              if name not in CJK_FONTS and name != FALLBACK_FONT]
    matplotlib.rcParams["font.sans-serif"] = [*fonts, *others, FALLBACK_FONT]
    # matplotlib falls back glyph by glyph only along font.family's list of named fonts; the
    # generic "sans-serif" resolves to ONE font. A CJK font lacks symbols such as ⋆ (U+22C6), so
    # the family is the CJK fonts then DejaVu Sans: Chinese from the first, the rest from the last.
    if list(_saved_rc["font.family"]) == ["sans-serif"] and fonts:
        matplotlib.rcParams["font.family"] = [*fonts, FALLBACK_FONT]
    matplotlib.rcParams["axes.unicode_minus"] = False


def _restore_fonts() -> None:
    global _saved_rc
    if _saved_rc is None:  # never switched to a CJK language: nothing to give back
        return
    import matplotlib

    matplotlib.rcParams.update(_saved_rc)
    _saved_rc = None


def _copy(value):
    return list(value) if isinstance(value, list) else value
