"""Extract the English messages (.pot) and bring the Chinese catalogues (.po) in step with them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POT_DIR = ROOT / "_build" / "i18n" / "gettext"
LOCALE_DIR = ROOT / "locales"
LANGUAGE = "zh_CN"


def extract_pot(pot_dir: Path = POT_DIR) -> Path:
    """Run Sphinx's gettext builder over the book, without executing any notebook.

    The messages are the prose (headings, paragraphs, list items, table cells, captions); code
    cells and their outputs are not messages, so nothing needs to run.
    """
    from jupyter_book.sphinx import build_sphinx  # the book's own config handling

    if pot_dir.exists():
        shutil.rmtree(pot_dir)
    doctrees = pot_dir.parent / "doctrees"
    status = build_sphinx(
        ROOT,
        pot_dir,
        noconfig=True,
        path_config=str(ROOT / "_config.yml"),
        # What `jupyter-book build` passes too, plus: execute nothing.
        confoverrides={"external_toc_path": (ROOT / "_toc.yml").as_posix(),
                       "latex_individualpages": False, "nb_execution_mode": "off"},
        doctreedir=doctrees,
        builder="gettext",
        freshenv=True,
        warningiserror=True,
        keep_going=True,
        really_quiet=True,
    )
    if status:
        raise SystemExit(f"The gettext build failed (status {status}).")
    for pot in pot_dir.rglob("*.pot"):
        add_directive_titles(pot, pot_dir)
        add_code_comments(pot, pot_dir)
    add_extension_words(pot_dir / "sphinx.pot")
    return pot_dir


def book_extension(name: str):
    """A module of book/_ext, the book's own Sphinx extensions (its folder put on sys.path once)."""
    import importlib

    folder = str(ROOT / "book" / "_ext")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module(name)


def hidden_cell_prompts() -> list[str]:
    """The words on the fold above a hidden code cell (myst-nb's nb_code_prompt_show and
    nb_code_prompt_hide, from _config.yml or myst-nb's defaults): book/_ext/hidden_cells.py
    shows them through the "sphinx" catalogue."""
    import yaml
    from myst_nb.core.config import NbParserConfig

    hidden_cells = book_extension("hidden_cells")
    settings = (yaml.safe_load((ROOT / "_config.yml").read_text()).get("sphinx", {})
                .get("config", {}))
    defaults = NbParserConfig()
    return hidden_cells.hidden_cell_prompts(
        settings.get("nb_code_prompt_show", defaults.code_prompt_show),
        settings.get("nb_code_prompt_hide", defaults.code_prompt_hide))


# The book's extensions that show words through the "sphinx" catalogue (their TRANSLATED_WORDS).
WORDED_EXTENSIONS = ("generated_pages",)


def theme_template_words() -> list[str]:
    """Every message of pydata-sphinx-theme's templates, from the catalogue template it ships
    (locale/sphinx.pot): the book's "sphinx" catalogue comes before the theme's, so the Chinese
    edition gives each its mainland wording (book/_ext/theme_words.py)."""
    import polib
    import pydata_sphinx_theme

    pot = Path(pydata_sphinx_theme.__file__).parent / "locale" / "sphinx.pot"
    return [entry.msgid for entry in polib.pofile(str(pot)) if entry.msgid]


def extension_words() -> list[tuple[str, str]]:
    """(words, where they come from) of what the "sphinx" catalogue must translate beyond the
    templates: the hidden cells' folds, the words of the book's extensions, the settings whose
    values are words (tools/translation/edition.py's TRANSLATED_SETTINGS and
    TRANSLATED_THEME_OPTIONS, given in _config.yml's stead by the Chinese book) and the themes'
    words (book/_ext/theme_words.py)."""
    from translation.edition import TRANSLATED_SETTINGS, TRANSLATED_THEME_OPTIONS

    settings = [*TRANSLATED_SETTINGS.values(), *TRANSLATED_THEME_OPTIONS.values()]
    theme_words = book_extension("theme_words")
    return ([(prompt, "hidden_cells.py") for prompt in hidden_cell_prompts()]
            + [(words, f"{name}.py") for name in WORDED_EXTENSIONS
               for words in book_extension(name).TRANSLATED_WORDS]
            + [(words, "../../tools/translation/edition.py") for words in settings]
            + [(words, "theme_words.py") for words in [*theme_template_words(), theme_words.PRINT]])


def add_extension_words(pot_path: Path) -> None:
    import polib

    pot = polib.pofile(str(pot_path))
    for words, extension in extension_words():
        reference = os.path.relpath(ROOT / "book" / "_ext" / extension, pot_path.parent)
        if pot.find(words) is None:
            pot.append(polib.POEntry(msgid=words, msgstr="", occurrences=[(reference, "")]))
    pot.save()


# Directives whose argument is a title a reader sees. Sphinx's gettext builder does not extract
# directive arguments, so they are added to the page's catalogue here, with the line gettext
# would give them, and the Chinese edition translates them like every other message.
TITLED_DIRECTIVES = ("exercise",)
DIRECTIVE_TITLE = re.compile(
    r"^(?:`{3,}|:{3,})\{(" + "|".join(TITLED_DIRECTIVES) + r")\}[ \t]+(\S.*?)\s*$", re.M)


def directive_titles(page: Path) -> list[tuple[str, int]]:
    """(title, gettext's line) of every titled directive of a page's source."""
    if page.suffix == ".ipynb":
        cells = json.loads(page.read_text())["cells"]
        sources = [(index, "".join(cell["source"])) for index, cell in enumerate(cells)
                   if cell["cell_type"] == "markdown"]
    else:
        sources = [(None, page.read_text())]
    found = []
    for cell, text in sources:
        for match in DIRECTIVE_TITLE.finditer(text):
            line = text.count("\n", 0, match.start())
            # gettext's numbering: a notebook's (cell + 1) * 10000 + line + 2; a page's line from 1.
            number = line + 1 if cell is None else (cell + 1) * 10000 + line + 2
            found.append((match.group(2), number))
    return found


def add_directive_titles(pot_path: Path, pot_dir: Path) -> None:
    import polib

    docname = pot_path.relative_to(pot_dir).with_suffix("").as_posix()
    page = next((p for p in (ROOT / f"{docname}.ipynb", ROOT / f"{docname}.md") if p.exists()), None)
    if page is None:
        return
    titles = directive_titles(page)
    if not titles:
        return
    pot = polib.pofile(str(pot_path))
    reference = os.path.relpath(page, pot_dir)  # as Sphinx writes it
    for title, line in titles:
        entry = pot.find(title)
        if entry is None:
            # In the page's order, as Sphinx writes its messages, so that the Chinese edition
            # finds each in turn: before the first message known to come later.
            entry = polib.POEntry(msgid=title, msgstr="")
            later = next((i for i, e in enumerate(pot)
                          if any(n and int(n) > line for _, n in e.occurrences)), len(pot))
            pot.insert(later, entry)
        entry.occurrences.append((reference, str(line)))
    pot.save()


def code_comments(notebook: Path) -> list[tuple[str, int]]:
    """(message, gettext's line) of every comment message of a notebook's code cells
    (tools/translation/code_comments.py says which comments are messages)."""
    from translation.code_comments import comment_blocks, gettext_line

    cells = json.loads(notebook.read_text())["cells"]
    return [(block.text, gettext_line(index, block.first_line))
            for index, cell in enumerate(cells) if cell["cell_type"] == "code" and index > 0
            for block in comment_blocks("".join(cell["source"]))]


def add_code_comments(pot_path: Path, pot_dir: Path) -> None:
    """The code cells' comments, after the page's prose messages (a message's cell tells the
    Chinese edition whether it belongs to a markdown cell or a code cell)."""
    import polib

    docname = pot_path.relative_to(pot_dir).with_suffix("").as_posix()
    notebook = ROOT / f"{docname}.ipynb"
    if not notebook.exists():
        return
    comments = code_comments(notebook)
    if not comments:
        return
    pot = polib.pofile(str(pot_path))
    reference = os.path.relpath(notebook, pot_dir)
    for text, line in comments:
        entry = pot.find(text)
        if entry is None:
            entry = polib.POEntry(msgid=text, msgstr="", comment="a code comment")
            pot.append(entry)
        entry.occurrences.append((reference, str(line)))
    pot.save()


def update_catalogues(pot_dir: Path = POT_DIR, locale_dir: Path = LOCALE_DIR) -> None:
    """sphinx-intl: new messages are added untranslated, changed ones marked fuzzy, gone ones obsolete."""
    subprocess.run(
        [sys.executable, "-m", "sphinx_intl", "update", "--pot-dir", str(pot_dir),
         "--locale-dir", str(locale_dir), "--language", LANGUAGE, "--line-width", "-1"],
        check=True,
    )
