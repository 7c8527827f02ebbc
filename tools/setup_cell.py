"""The hidden first cell of every lesson, and the command that writes it into the notebooks.

The cell installs exactly the version of the course's helper package that the lessons were
built with (the version in pyproject.toml), the way d2l's notebooks pin ``d2l==X.Y.Z``, and
stops with one clear line when that install fails. In a clone (``make lab``) or on Binder the
package is already installed at that version and pip is not called.

    python tools/setup_cell.py   # rewrite the first cell of every lesson after a version bump

tests/repository/test_rules.py keeps every lesson's first cell equal to ``setup_source()``.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "convcourse"


def package_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


# The setup cell's words (its comments, its title, its one-line stop) in each edition's language;
# the code is the same. The Chinese notebooks (tools/translation/edition.py) also switch the
# helper package to Chinese, so its explorer, figures and checks speak the lesson's language.
SETUP_WORDS = {
    "en": {
        "title": "Setup: install {pin} and seed every random generator",
        "why": ("The lessons were built with {pin}. Opened on its own (on Colab, or downloaded), a\n"
                "# lesson installs exactly that version; in a clone of the course or on Binder it is "
                "there already."),
        # Two pieces: the two lines of the string in the cell.
        "failed": "This lesson needs {pin} and it could not be installed: ",
        "failed_more": "check the network connection, then run  %pip install {pin}",
        "language": "",
    },
    "zh_CN": {
        "title": "准备：安装 {pin}，并为所有随机数生成器设定种子",
        "why": ("本课用 {pin} 写成。单独打开时（在 Colab 上或下载后），本课会安装这个版本；\n"
                "# 在课程仓库的克隆中或在 Binder 上，它已经装好。"),
        "failed": "本课需要 {pin}，但无法安装：",
        "failed_more": "请检查网络连接，然后运行  %pip install {pin}",
        "language": '\n{package}.set_language("zh_CN")  # 辅助包的说明、图和练习检查都用中文',
    },
}


def setup_source(version: str | None = None, language: str = "en") -> str:
    version = version or package_version()
    pin = f"{PACKAGE}=={version}"
    words = {key: value.format(pin=pin, package=PACKAGE) for key, value in SETUP_WORDS[language].items()}
    return f'''\
# @title {words["title"]}
# {words["why"]}
from importlib import invalidate_caches, metadata


def _installed_version():
    try:
        return metadata.version("{PACKAGE}")
    except metadata.PackageNotFoundError:
        return None


if _installed_version() != "{version}":
    %pip install --quiet {pin}
    invalidate_caches()
if _installed_version() != "{version}":
    raise SystemExit("{words["failed"]}"
                     "{words["failed_more"]}")
import {PACKAGE}
{words["language"]}
{PACKAGE}.set_seed(0)'''


SETUP_TAGS = ["remove-cell"]  # hidden on the site; Colab folds the cell by its "# @title" line


def write_setup_cells(paths) -> None:
    """Replace the first cell of each notebook with the setup cell, touching nothing else."""
    for path in paths:
        nb = json.loads(Path(path).read_text())
        first = nb["cells"][0]
        if first["cell_type"] != "code" or "remove-cell" not in first.get("metadata", {}).get("tags", []):
            raise SystemExit(f"{path}: the first cell is not the hidden setup cell; add one by hand first")
        first["source"] = setup_source().splitlines(keepends=True)
        first["metadata"]["tags"] = SETUP_TAGS
        Path(path).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    write_setup_cells(sorted((ROOT / "lessons").glob("*.ipynb")))
