"""Binder's environment itself: binder/requirements.txt installed into a fresh Python 3.11
environment, and every English lesson (lessons/) run there with nbval (`make test`'s nbval run of
the lessons). The Chinese lessons are not run a second time here: their code cells are the
English ones byte for byte (tests/test_translation.py), and every cell of every Chinese lesson
runs in JupyterLab through its JupyterHub button (tests/test_launch_jupyterhub.py) and in the
book's build. `make lessons-run` runs nbval over both editions.

Offline, one line of binder/requirements.txt is swapped: PyTorch's CPU index is dropped and the
same torch==2.13.0+cpu wheel comes from this machine's local wheel folder, where pip's
configuration has one (tests/launch_envs.py; elsewhere the file is installed as it is, online).
How repo2docker reads binder/ (Python 3.11, that file, the repository copied first) is checked
without Docker by tests/test_repository.py (`repo2docker --no-build`).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import launch_envs
import pytest

pytestmark = pytest.mark.launch

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
KERNEL = "binder-check"
NBVAL_TIMEOUT_S = 900


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


def test_every_lesson_runs_with_nbval_in_binders_environment(binder_python, tmp_path):
    launch_envs.write_kernelspec(tmp_path / "jupyter", KERNEL, binder_python,
                                 env={"IPYTHONDIR": str(tmp_path / "ipython")})
    environment = dict(os.environ, JUPYTER_PATH=str(tmp_path / "jupyter"))
    command = [sys.executable, "-m", "pytest", "--nbval-lax", f"--nbval-kernel-name={KERNEL}",
               "-p", "no:cacheprovider", "-q", "--no-header", "-o", "addopts=", "lessons/"]
    completed = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True,
                               timeout=NBVAL_TIMEOUT_S)
    output = completed.stdout
    print(output[-1500:])
    if completed.returncode != 0:
        # The cells nbval names, then the first failure in full (later ones often follow from it).
        failed = [line for line in output.splitlines() if line.startswith(("FAILED", "ERROR"))]
        first = output.find("___ lessons/")
        pytest.fail("lessons failed in Binder's environment:\n" + "\n".join(failed) + "\n\n"
                    + (output[first:first + 5000] if first >= 0 else output[-5000:])
                    + completed.stderr[-2000:], pytrace=False)
    assert re.search(r"\b\d+ passed\b", output) and " failed" not in output, output[-2000:]
