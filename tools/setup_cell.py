"""The hidden first cell of every lesson, and the command that writes it into the notebooks.

The cell installs exactly the version of the course's helper package that the lessons were
built with (the version in pyproject.toml), the way d2l's notebooks pin ``d2l==X.Y.Z``, and
stops with one clear line when that install fails. In a clone (``make lab``) or on Binder the
package is already installed at that version and pip is not called.

    python tools/setup_cell.py   # rewrite the first cell of every lesson after a version bump

tests/test_repository.py keeps every lesson's first cell equal to ``setup_source()``.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "convcourse"


def package_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def setup_source(version: str | None = None) -> str:
    version = version or package_version()
    pin = f"{PACKAGE}=={version}"
    return f'''\
# @title Setup: install {pin} and seed every random generator
# The lessons were built with {pin}. Opened on its own (on Colab, or downloaded), a
# lesson installs exactly that version; in a clone of the course or on Binder it is there already.
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
    raise SystemExit("This lesson needs {pin} and it could not be installed: "
                     "check the network connection, then run  %pip install {pin}")
import {PACKAGE}

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
