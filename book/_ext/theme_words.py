"""The themes' own words in the page's language, through public hooks.

- pydata-sphinx-theme's template words ("Color mode", "System Settings", "Breadcrumb", ...) go
  through Sphinx's "sphinx" catalogue, where the book's own catalogue (locale_dirs) comes before
  the theme's: tools/translation/extract.py adds every word of the theme's sphinx.pot to the
  book's, so the Chinese edition translates them in locales/zh_CN/LC_MESSAGES/sphinx.po. (The
  theme's zh catalogue leaves "Color mode" empty and "Breadcrumb" in English.) Nothing here.
- The search field's words are sphinx-book-theme's documented option ``search_bar_text``: the
  Chinese book sets it (tools/translation/edition.py, TRANSLATED_THEME_OPTIONS).
- sphinx-book-theme's zh_CN catalogue ("booktheme") gives "Print to PDF" as the Taiwanese
  「列印成 PDF」. Its header buttons are built in ``context["header_buttons"]`` by handlers of
  html-page-context at priority 501, the theme's documented place to add or change a button; the
  handler below, after them, relabels that one button from the book's "sphinx" catalogue
  (「打印为 PDF」). It warns, once a build, when the theme's translation is no longer the Taiwanese
  one (a fixed booktheme.po upstream, executablebooks/sphinx-book-theme,
  src/sphinx_book_theme/assets/translations): then delete this handler.
"""

from __future__ import annotations

from sphinx.locale import _, get_translation
from sphinx.util import logging

logger = logging.getLogger(__name__)

PRINT = "Print to PDF"
TAIWANESE_PRINT = "列印成 PDF"
_booktheme = get_translation("booktheme")  # sphinx-book-theme's own catalogue, as it reads it
_warned: set[str] = set()  # one warning a build (a process), not one a page


def buttons(header_buttons: list[dict]):
    """Every header button, those inside a dropdown too."""
    for button in header_buttons:
        yield button
        yield from buttons(button.get("buttons", []))


def relabel_print_button(app, pagename, templatename, context, doctree) -> None:
    if not app.config.language.startswith("zh"):
        return
    theme_words = str(_booktheme(PRINT))
    if theme_words != TAIWANESE_PRINT:
        if PRINT not in _warned:
            _warned.add(PRINT)
            logger.warning(f"theme_words: sphinx-book-theme now translates {PRINT!r} as "
                           f"{theme_words!r}, not {TAIWANESE_PRINT!r}: the relabelling in "
                           "book/_ext/theme_words.py is obsolete; delete it")
        return
    ours = str(_(PRINT))
    for button in buttons(context.get("header_buttons", [])):
        if button.get("tooltip") == TAIWANESE_PRINT:
            button["tooltip"] = ours
        if button.get("label") == TAIWANESE_PRINT:
            button["label"] = ours


def setup(app):
    # After sphinx-book-theme's add_header_buttons (priority 501), which builds the button.
    app.connect("html-page-context", relabel_print_button, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
