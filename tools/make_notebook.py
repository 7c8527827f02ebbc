"""Write a lesson notebook from a list of cells, stripped of outputs.

Lessons are authored as plain Python lists of ("markdown" | "code", source, tags)
so that they diff well in review; this writes the .ipynb that Jupyter Book and
nbval read. Every lesson starts with the same hidden setup cell.

    python tools/make_notebook.py  # (imported by the lesson authoring scripts)
"""

from __future__ import annotations

from pathlib import Path

import nbformat

REPOSITORY_URL = "https://github.com/conv2d-course/conv2d-course"

SETUP_SOURCE = f'''\
# @title Setup: install convkit if it is missing, then seed every random generator
# Opened on its own (downloaded, or on Colab), a lesson installs the course's helper
# package from the repository; inside a clone it is already installed.
try:
    import convkit
except ImportError:
    %pip install --quiet "convkit @ git+{REPOSITORY_URL}"
    import convkit

convkit.set_seed(0)'''


def setup_cell() -> nbformat.NotebookNode:
    # remove-cell: it runs at build time but would sit above the title on the site;
    # Colab folds it by its "# @title" line.
    return nbformat.v4.new_code_cell(SETUP_SOURCE, metadata={"tags": ["remove-cell"]})


def write_notebook(path: str | Path, cells: list[tuple]) -> None:
    """cells: (kind, source) or (kind, source, tags); the setup cell is added first."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
        "language_info": {"name": "python"},
    }
    nb.cells.append(setup_cell())
    for cell in cells:
        kind, source, tags = (*cell, [])[:3]
        meta = {"tags": list(tags)} if tags else {}
        if kind == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(source.strip("\n"), metadata=meta))
        elif kind == "code":
            nb.cells.append(nbformat.v4.new_code_cell(source.strip("\n"), metadata=meta))
        else:
            raise ValueError(f"unknown cell kind {kind!r}: use 'markdown' or 'code'")
    for cell in nb.cells:  # nbformat >= 5.1 gives every cell an id; keep them stable across rewrites
        cell.pop("id", None)
    nb.nbformat_minor = 4
    nbformat.write(nb, str(path))
