"""Binder's environment itself: binder/requirements.txt installed into a fresh Python 3.11
environment, with exactly its pins and the course from the repository, and the first lesson run
there with nbval (its kernel starts; its setup cell finds the course installed and installs
nothing).

The other lessons are not run a second time here: the packages they use are Binder's pins,
checked above, and every English lesson already runs with nbval in the Colab-like environment
(tests/launch/test_colab.py), which has the same pins as Binder's and less besides (no
JupyterLab, the course from its wheel instead of the repository), so a missing dependency or
packaged file shows there first. The Chinese lessons' code cells are the English ones byte for
byte (tests/tools/test_translation.py); they run in the Chinese book's build, and lesson 3 cell by cell
in JupyterLab through its JupyterHub button (tests/launch/test_jupyterhub.py). `make
lessons-run` runs nbval over both editions in .venv.

Offline, one line of binder/requirements.txt is swapped: PyTorch's CPU index is dropped and the
same torch==2.13.0+cpu wheel comes from this machine's local wheel folder, where pip's
configuration has one (tests/support/launch_envs.py; elsewhere the file is installed as it is, online).
How repo2docker reads binder/ (Python 3.11, that file, the repository copied first) is checked
without Docker by tests/repository/test_rules.py (`repo2docker --no-build`).
"""

from __future__ import annotations

import os
import subprocess
import time
import tomllib
from pathlib import Path

import launch_envs
import pytest
from paths import ROOT

pytestmark = pytest.mark.launch


VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
KERNEL = "binder-check"


@pytest.fixture(scope="module")
def binder_python() -> Path:
    started = time.monotonic()
    python = launch_envs.ensure("binder")
    print(f"Binder environment ready in {time.monotonic() - started:.0f} s")
    return python


def test_binder_environment_has_exactly_binders_pins(binder_python):
    version = subprocess.run([str(binder_python), "-c", "import sys; print(*sys.version_info[:2])"],
                             capture_output=True, text=True, check=True).stdout.split()
    assert version == ["3", "11"], "binder/runtime.txt asks for Python 3.11"
    wanted = launch_envs.requirement_pins(ROOT / "binder" / "requirements.txt")
    installed = launch_envs.installed_versions(binder_python, [*wanted, launch_envs.PACKAGE])
    wrong = {name: (pin, installed.get(name)) for name, pin in wanted.items() if installed.get(name) != pin}
    assert not wrong, f"binder/requirements.txt pins (wanted, installed): {wrong}"
    assert installed.get(launch_envs.PACKAGE) == VERSION, "Binder installs the course from the repository"
    where = subprocess.run([str(binder_python), "-c", "import convcourse; print(convcourse.__file__)"],
                           capture_output=True, text=True, check=True, cwd="/").stdout.strip()
    assert Path(where).is_relative_to(ROOT / "convcourse"), f"convcourse is from {where}, not the repository"


def test_the_first_lesson_runs_with_nbval_in_binders_environment(binder_python, tmp_path):
    launch_envs.write_kernelspec(tmp_path / "jupyter", KERNEL, binder_python,
                                 env={"IPYTHONDIR": str(tmp_path / "ipython")})
    environment = dict(os.environ, JUPYTER_PATH=str(tmp_path / "jupyter"))
    first = sorted((ROOT / "lessons").glob("*.ipynb"))[0]
    launch_envs.run_nbval([first.relative_to(ROOT)], KERNEL, environment, cwd=ROOT)
