"""The Chinese edition's notebooks and book source, generated from the English ones and the catalogues.

    zh/lessons/NN_*.ipynb   the Chinese notebooks: the English notebook with every message of its
                            markdown cells and its code cells' comments translated
                            (translation/code_comments.py), and a setup cell that switches
                            convcourse to Chinese; the code itself is the English code.
    _build/zh/source/       the Chinese book: those notebooks, the pages translated the same way,
                            _config.yml and _toc.yml with the Chinese title and captions.
"""

from __future__ import annotations

import copy
import json
import os
import re
import sys
from pathlib import Path

import polib
import yaml

from translation import catalogues, terms
from translation.code_comments import comment_blocks, translate_comments
from translation.myst_text import translate_text

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import setup_cell  # noqa: E402

LANGUAGE = "zh_CN"
NOTEBOOK_DIR = ROOT / "zh" / "lessons"
SOURCE_DIR = ROOT / "_build" / "zh" / "source"
# The book's own folders the Chinese book uses as they are (extensions, templates, favicon).
SHARED = ("book/_ext", "book/_templates", "book/static")


def notebook_cell_line(line: int) -> tuple[int, int]:
    """gettext's line for a notebook, (cell + 1) * 10000 + line + 2, as (cell, line), 0-based."""
    return line // 10000 - 1, line % 10000 - 2


# Between two cells when a notebook's markdown is joined into one text: no message can span it.
CELL_BREAK = "\n\x00\n"


def chinese_notebook(page: str) -> dict:
    english = json.loads((ROOT / f"{page}.ipynb").read_text())
    notebook = copy.deepcopy(english)
    cells = notebook["cells"]
    # One text of every cell, code cells empty (no message is in code), so that a message without
    # a line (a table cell) is found after the one before it even across cells.
    texts = ["".join(cell["source"]) if cell["cell_type"] == "markdown" else "" for cell in cells]
    first_line, line = [], 0
    for text in texts:
        first_line.append(line)
        line += text.count("\n") + 2
    found = []
    comments: dict[int, dict[int, str]] = {}  # cell: {first line of a comment block: its translation}
    for message in catalogues.messages(page):
        if message.line is None:
            found.append((None, message.msgid, message.msgstr))
            continue
        cell, line = notebook_cell_line(message.line)
        if cells[cell]["cell_type"] == "code":
            comments.setdefault(cell, {})[line] = message.msgstr or None  # untranslated: English
            continue
        if not texts[cell]:
            raise ValueError(f"{page}: cell {cell} holds a message but is not a markdown cell: "
                             "the catalogue is out of step (run `python tools/translate.py update`).")
        found.append((first_line[cell] + line, message.msgid, message.msgstr))
    translated = translate_text(CELL_BREAK.join(texts), found, where=f"{page}.ipynb").split(CELL_BREAK)
    for cell, text in zip(cells, translated, strict=True):
        if cell["cell_type"] == "markdown":
            cell["source"] = text.splitlines(keepends=True)
    for index, translation in comments.items():
        source = "".join(cells[index]["source"])
        starts = {block.first_line for block in comment_blocks(source)}
        if set(translation) - starts:
            raise ValueError(f"{page}: cell {index} has no comment where the catalogue has one: "
                             "the catalogue is out of step (run `python tools/translate.py update`).")
        cells[index]["source"] = translate_comments(source, translation).splitlines(keepends=True)
    cells[0]["source"] = setup_cell.setup_source(language=LANGUAGE).splitlines(keepends=True)
    notebook["metadata"]["language"] = "zh-CN"  # not read by Jupyter; tells people and tools
    return notebook


def notebook_text(notebook: dict) -> str:
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def lesson_pages() -> list[str]:
    return sorted(p.relative_to(ROOT).with_suffix("").as_posix() for p in (ROOT / "lessons").glob("*.ipynb"))


def write_notebooks(directory: Path = NOTEBOOK_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for page in lesson_pages():
        path = directory / f"{Path(page).name}.ipynb"
        path.write_text(notebook_text(chinese_notebook(page)))
        written.append(path)
    for stale in set(directory.glob("*.ipynb")) - set(written):
        stale.unlink()
    return written


def notebooks_out_of_step() -> list[str]:
    """The Chinese notebooks that differ from what the English ones and the catalogues give."""
    stale = []
    for page in lesson_pages():
        path = NOTEBOOK_DIR / f"{Path(page).name}.ipynb"
        if not path.exists() or path.read_text() != notebook_text(chinese_notebook(page)):
            stale.append(path.relative_to(ROOT).as_posix())
    extra = {p.relative_to(ROOT).as_posix() for p in NOTEBOOK_DIR.glob("*.ipynb")}
    extra -= {f"zh/lessons/{Path(p).name}.ipynb" for p in lesson_pages()}
    return stale + sorted(extra)


def toc() -> dict:
    return yaml.safe_load((ROOT / "_toc.yml").read_text())


def toc_captions() -> list[str]:
    return [part["caption"] for part in toc().get("parts", []) if "caption" in part]


def chinese_page(page: str) -> str:
    """A markdown page of book/, translated (gettext numbers its lines from 1)."""
    text = (ROOT / f"{page}.md").read_text()
    # The root page's catalogue also holds the table of contents' captions (jupyter-book puts the
    # toctree there); they are not in its source: chinese_toc() uses them.
    skip = set(toc_captions()) if page == toc()["root"] else set()
    found = [(None if m.line is None else m.line - 1, m.msgid, m.msgstr)
             for m in catalogues.messages(page) if m.msgid not in skip]
    return translate_text(text, found, where=f"{page}.md")


def site_translations() -> dict[str, str]:
    """The root page's messages: its title is the book's title; it holds the toc's captions."""
    return catalogues.translations(toc()["root"])


# Settings whose values are words a reader sees, with the English the extensions use when the
# setting is not given: the Chinese book sets each to its translation in the "sphinx" catalogue
# (tools/translation/extract.py adds these words to it). sphinx-togglebutton's own zh-cn catalogue
# is not found under Sphinx's language code zh_CN, so its button said "Click to show".
TRANSLATED_SETTINGS = {
    "togglebutton_hint": "Click to show",
    "togglebutton_hint_hide": "Click to hide",
}
# The same for the theme's documented options (html_theme_options; _config.yml merges them into
# Jupyter Book's own with recursive_update): sphinx-book-theme's default search-field words.
TRANSLATED_THEME_OPTIONS = {
    "search_bar_text": "Search this book...",
}


# Sphinx's Chinese search cuts the pages into words with jieba, and a query is looked up as one
# word: "特征图", which jieba cuts into 特征 + 图, found nothing. The glossary's Chinese terms go to
# jieba as a user dictionary (Sphinx's documented html_search_options "dict" for zh), so each is
# indexed as one word too.
SEARCH_DICTIONARY = "search_terms.txt"


def search_dictionary() -> str:
    """jieba's user dictionary: one glossary term a line, with its Chinese alternatives."""
    words = []
    for chinese in terms.term_base().values():
        words += [w for w in re.split(r"[\s（）()，,、/]+", chinese) if terms.CJK.search(w)]
    return "".join(f"{word}\n" for word in dict.fromkeys(words))


def chinese_config(source_dir: Path = SOURCE_DIR) -> dict:
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    words = site_translations()
    config["title"] = words.get(config["title"], config["title"])
    config["sphinx"]["config"]["language"] = LANGUAGE
    site = catalogues.translations(catalogues.SITE_CATALOGUE)
    for setting, english in TRANSLATED_SETTINGS.items():
        config["sphinx"]["config"][setting] = site[english]
    theme_options = config["sphinx"]["config"].setdefault("html_theme_options", {})
    for option, english in TRANSLATED_THEME_OPTIONS.items():
        theme_options[option] = site[english]
    config["sphinx"]["config"]["html_search_options"] = {"dict": str(source_dir / SEARCH_DICTIONARY)}
    # The launch buttons open the Chinese notebooks where the repository keeps them.
    config["repository"]["path_to_book"] = "zh"
    return config


def chinese_toc() -> dict:
    chinese = toc()
    words = site_translations()
    for part in chinese.get("parts", []):
        if "caption" in part:
            part["caption"] = words.get(part["caption"], part["caption"])
    return chinese


def source_files(directory: Path = SOURCE_DIR) -> dict[str, bytes]:
    """Every file of the Chinese book's source tree but the shared folders, by relative path."""
    files = {f"lessons/{nb.name}": nb.read_bytes() for nb in sorted(NOTEBOOK_DIR.glob("*.ipynb"))}
    for page in catalogues.pages():
        if page.startswith("book/"):
            files[f"{page}.md"] = chinese_page(page).encode()
    dump = {"allow_unicode": True, "sort_keys": False}
    files["_config.yml"] = yaml.safe_dump(chinese_config(directory.resolve()), **dump).encode()
    files[SEARCH_DICTIONARY] = search_dictionary().encode()
    files["_toc.yml"] = yaml.safe_dump(chinese_toc(), **dump).encode()
    # The templates' own words (Sphinx's "sphinx" domain) come from a compiled catalogue.
    site = polib.pofile(str(catalogues.catalogue_path(catalogues.SITE_CATALOGUE)))
    files[f"locales/{LANGUAGE}/LC_MESSAGES/sphinx.mo"] = site.to_binary()
    return files


def write_source(directory: Path = SOURCE_DIR) -> Path:
    """The Chinese book's source tree; `jupyter-book build` builds it like the English one.

    Only files whose content changed are written, so Sphinx re-reads only the pages that changed.
    """
    files = source_files(directory)
    for relative, content in files.items():
        target = directory / relative
        if not target.exists() or target.read_bytes() != content:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    for shared in SHARED:
        link = directory / shared
        if not link.is_symlink():
            link.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(os.path.relpath(ROOT / shared, link.parent), link)
    for path in directory.rglob("*"):
        relative = path.relative_to(directory).as_posix()
        inside_shared = any(relative == s or relative.startswith(f"{s}/") for s in SHARED)
        stale = relative not in files and not relative.startswith("_build/")
        if path.is_file() and not inside_shared and stale:
            path.unlink()
    return directory
