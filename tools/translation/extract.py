"""Extract the English messages (.pot) and bring the Chinese catalogues (.po) in step with them."""

from __future__ import annotations

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
    (pot_dir / "sphinx.pot").unlink(missing_ok=True)  # the toc captions: the edition sets its own
    return pot_dir


def update_catalogues(pot_dir: Path = POT_DIR, locale_dir: Path = LOCALE_DIR) -> None:
    """sphinx-intl: new messages are added untranslated, changed ones marked fuzzy, gone ones obsolete."""
    subprocess.run(
        [sys.executable, "-m", "sphinx_intl", "update", "--pot-dir", str(pot_dir),
         "--locale-dir", str(locale_dir), "--language", LANGUAGE, "--line-width", "-1"],
        check=True,
    )
