"""Colab and a downloaded notebook, end to end and offline; the nbval run of every English lesson.

A fresh environment with only what Colab preinstalls (tests/support/launch_envs.py: torch, numpy,
matplotlib, ipywidgets, ipykernel, scikit-learn, at the course's pins; no course package) runs
each lesson's .ipynb as the built site's download button serves it (_build/html/_sources/lessons/,
after the forced build), with nbval (each lesson in a fresh kernel; a failing cell is named by
notebook and cell; cells tagged raises-exception may raise, as in the book build). Its pip sees
one package source only: a wheelhouse built here from this repository with `python -m build`,
the release workflow's command (PIP_NO_INDEX, PIP_FIND_LINKS, and no pip configuration file, in
the kernel's environment). So the first lesson's setup cell must install convcourse==<pyproject
version> itself; the other lessons then run in the same environment, as in a Colab runtime where
an earlier lesson ran: their setup cell finds the course installed and installs nothing (a fresh
install for each would prove the same thing five times over).

This is make test's nbval run of the English lessons: the environment with the least in it (the
course from its wheel, not the repository: a file the wheel lacks fails here) and the same pins
as Binder's (tests/launch/test_binder.py runs the first lesson there).

With an empty wheelhouse, the setup cell must stop with its one clear line, not with a
ModuleNotFoundError further down.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

import launch_envs
import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from paths import ROOT

pytestmark = pytest.mark.launch


LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
KERNEL = "colab-check"
KERNEL_EMPTY = "colab-check-empty-wheelhouse"
CELL_TIMEOUT_S = 300


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory) -> Path:
    """sdist and wheel of this repository, built as the release workflow builds them."""
    folder = tmp_path_factory.mktemp("wheelhouse")
    # --no-isolation: the build backend (setuptools) comes from .venv, not from the network.
    completed = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(folder),
                                str(ROOT)], capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-2000:]
    built = sorted(p.name for p in folder.iterdir())
    assert built == [f"convcourse-{VERSION}-py3-none-any.whl", f"convcourse-{VERSION}.tar.gz"], built
    # The package's Chinese words are a compiled gettext catalogue: set_language("zh_CN") reads it.
    with zipfile.ZipFile(folder / built[0]) as wheel:
        assert "convcourse/locale/zh_CN/LC_MESSAGES/convcourse.mo" in wheel.namelist()
    return folder


@pytest.fixture(scope="module")
def colab_kernels(tmp_path_factory, wheelhouse):
    """Kernels of the fresh Colab-like environment: one sees the wheelhouse, one an empty folder."""
    started = time.monotonic()
    python = launch_envs.ensure("colab")
    print(f"Colab environment ready in {time.monotonic() - started:.0f} s")
    jupyter_path = tmp_path_factory.mktemp("jupyter")
    empty = tmp_path_factory.mktemp("empty-wheelhouse")
    for name, links in ((KERNEL, wheelhouse), (KERNEL_EMPTY, empty)):
        launch_envs.write_kernelspec(jupyter_path, name, python, env={
            "PIP_CONFIG_FILE": os.devnull,  # not this machine's pip.conf: no other package source
            "PIP_NO_INDEX": "1",
            "PIP_FIND_LINKS": str(links),
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "IPYTHONDIR": str(jupyter_path / "ipython"),
        })
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(jupyter_path))
        yield python


def downloaded_notebook(site_directory: Path, lesson: Path) -> nbformat.NotebookNode:
    """The notebook the lesson page's download button links to."""
    page = site_directory / "lessons" / f"{lesson.stem}.html"
    assert page.is_file(), f"{page} is missing: run `make book-force` first"
    links = re.findall(rf'href="([^"]*_sources/lessons/{re.escape(lesson.stem)}\.ipynb)"', page.read_text())
    assert links, f"{page.name} has no .ipynb download link"
    target = (page.parent / links[0]).resolve()
    assert target.is_file(), f"the download link {links[0]} of {page.name} leads to no file"
    return nbformat.read(str(target), as_version=4)


def run(notebook, kernel: str, workdir: Path):
    client = NotebookClient(notebook, kernel_name=kernel, timeout=CELL_TIMEOUT_S, allow_errors=False,
                            resources={"metadata": {"path": str(workdir)}})
    client.execute()
    return notebook


def errors_of(notebook) -> list[tuple[int, str]]:
    return [(index, f"{output.ename}: {output.evalue}")
            for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"
            for output in cell.get("outputs", []) if output.output_type == "error"]


def test_downloaded_lessons_install_the_course_and_run_with_nbval_on_colab(colab_kernels, site_directory,
                                                                       tmp_path):
    python = launch_envs.reset_colab()
    assert launch_envs.installed_version(python, launch_envs.PACKAGE) is None, "the environment is not fresh"
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    code_cells = 0
    for lesson in LESSONS:  # in the lessons' order: the first one installs the course
        notebook = downloaded_notebook(site_directory, lesson)
        code_cells += sum(cell.cell_type == "code" for cell in notebook.cells)
        nbformat.write(notebook, str(downloads / lesson.name))
    report = launch_envs.run_nbval([downloads / lesson.name for lesson in LESSONS], KERNEL,
                                   dict(os.environ), cwd=downloads)
    # nbval checks one item per code cell: every cell of every lesson ran, and passed.
    passed = re.search(r"^(\d+) passed", report, re.MULTILINE)
    assert passed and int(passed[1]) == code_cells, f"expected {code_cells} cells to pass:\n{report[-2000:]}"
    installed = launch_envs.installed_version(python, launch_envs.PACKAGE)
    assert installed == VERSION, f"the setup cell left convcourse {installed}, not {VERSION}"


def test_setup_cell_stops_with_one_clear_line_when_the_install_fails(colab_kernels, site_directory,
                                                                    tmp_path):
    launch_envs.reset_colab()
    notebook = downloaded_notebook(site_directory, LESSONS[0])
    notebook.cells = notebook.cells[:1] + [nbformat.v4.new_code_cell("import convcourse")]
    with pytest.raises(CellExecutionError):
        run(notebook, KERNEL_EMPTY, tmp_path)
    errors = errors_of(notebook)
    assert len(errors) == 1 and errors[0][0] == 0, f"expected one error, in the setup cell: {errors}"
    name, _, message = errors[0][1].partition(": ")
    assert name == "SystemExit", errors
    assert "\n" not in message and f"convcourse=={VERSION}" in message and "could not be installed" in message
    assert notebook.cells[1].get("execution_count") is None, "the run went on after the setup cell"
