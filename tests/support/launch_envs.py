"""The fresh Python environments of the launch checks, and the kernels that run in them.

- colab: what Colab preinstalls that the lessons use (torch, numpy, matplotlib, ipywidgets,
  ipykernel, scikit-learn, at the course's pins) and NOT the course package: the lesson's setup
  cell must install it (tests/launch/test_colab.py).
- binder: binder/requirements.txt, as Binder installs it, on Python 3.11 (binder/runtime.txt)
  (tests/launch/test_binder.py). Offline, one line differs: when this machine's pip finds the
  same torch==2.13.0+cpu wheel in a local folder (PIP_FIND_LINKS or pip.conf's find-links), the CPU
  index of PyTorch (`--extra-index-url https://download.pytorch.org/whl/cpu`) is dropped and that
  wheel is installed; elsewhere the file is used as it is (and needs the network, as Binder does).

Building one takes minutes (torch alone is ~700 MB unpacked), so `make setup-launch` builds both
once, under .venv/launch/, and they are rebuilt only when what they install changes (a key file
records it). The tests build a missing or stale one themselves, and reset the colab one before
each use (the previous run's setup cell installed the course package into it).

    python tests/support/launch_envs.py colab binder   # build or refresh them
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from paths import ROOT

LAUNCH = ROOT / ".venv" / "launch"
PACKAGE = "convcourse"
COLAB_PACKAGES = ("torch", "numpy", "matplotlib", "ipywidgets", "ipykernel", "scikit-learn")
CPU_INDEX_LINE = "--extra-index-url https://download.pytorch.org/whl/cpu"
BUILD_TIMEOUT_S = 1800


def requirement_pins(path: Path) -> dict[str, str]:
    pins = {}
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if "==" in line and not line.startswith("-"):
            name, version = line.split("==")
            pins[name.strip().lower()] = version.strip()
    return pins


def colab_requirements() -> list[str]:
    pins = requirement_pins(ROOT / "requirements.txt")
    missing = [name for name in COLAB_PACKAGES if name not in pins]
    if missing:
        raise SystemExit(f"requirements.txt pins none of {missing}: the Colab environment copies its pins")
    return [f"{name}=={pins[name]}" for name in COLAB_PACKAGES]


def pip_find_links() -> list[Path]:
    """The folders pip is configured to look in for packages (PIP_FIND_LINKS, pip.conf)."""
    values = os.environ.get("PIP_FIND_LINKS", "").split()
    listed = subprocess.run([sys.executable, "-m", "pip", "config", "list"],
                            capture_output=True, text=True).stdout
    for key, _, value in (line.partition("=") for line in listed.splitlines()):
        if key.endswith(".find-links"):
            values += value.strip("'\"").split()
    return [Path(v.removeprefix("file://")) for v in values if not v.startswith(("http:", "https:"))]


def local_torch_wheel(version: str) -> Path | None:
    for folder in pip_find_links():
        found = sorted(folder.glob(f"torch-{version}-*.whl")) if folder.is_dir() else []
        if found:
            return found[0]
    return None


def binder_requirements_offline() -> str:
    """binder/requirements.txt, with PyTorch's CPU index dropped when this machine's pip has the
    same torch wheel in a local folder (see the module docstring); as it is otherwise."""
    text = (ROOT / "binder" / "requirements.txt").read_text()
    if CPU_INDEX_LINE not in text.splitlines():
        raise SystemExit(f"binder/requirements.txt has no line {CPU_INDEX_LINE!r} any more: update "
                         "tests/support/launch_envs.py, which swaps it for the local torch wheel offline")
    torch = requirement_pins(ROOT / "binder" / "requirements.txt")["torch"]
    if local_torch_wheel(torch) is None:
        return text  # no local wheel: PyTorch's CPU index, as on Binder (needs the network)
    return "\n".join(line for line in text.splitlines() if line != CPU_INDEX_LINE) + "\n"


def python_311() -> str:
    """A Python 3.11 interpreter: Binder's (binder/runtime.txt) and Colab's version."""
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    assert runtime == "python-3.11", (f"binder/runtime.txt says {runtime}; "
                                      "tests/support/launch_envs.py builds 3.11")
    for candidate in (shutil.which("python3.11"), sys.executable):
        if candidate:
            version = subprocess.run([candidate, "-c", "import sys; print(sys.version_info[:2])"],
                                     capture_output=True, text=True).stdout.strip()
            if version == "(3, 11)":
                return candidate
    raise SystemExit("the launch checks need Python 3.11 (python3.11 on PATH)")


def spec(kind: str) -> str:
    if kind == "colab":
        return "\n".join(colab_requirements())
    if kind == "binder":
        return binder_requirements_offline()
    raise SystemExit(f"unknown environment {kind!r}: colab or binder")


def environment_path(kind: str) -> Path:
    return LAUNCH / kind


def python_of(kind: str) -> Path:
    return environment_path(kind) / "bin" / "python"


def key_of(kind: str) -> str:
    return hashlib.sha256(f"{kind}\n{spec(kind)}\n{python_311()}".encode()).hexdigest()


def is_current(kind: str) -> bool:
    key_file = environment_path(kind) / ".launch-key"
    return python_of(kind).exists() and key_file.exists() and key_file.read_text() == key_of(kind)


def installed_versions(python: Path, names) -> dict[str, str | None]:
    """{name: version installed in python's environment, or None}, in one call (no pip: fast)."""
    completed = subprocess.run(
        [str(python), "-c", "import json, sys\nfrom importlib import metadata\nfound = {}\n"
         "for name in sys.argv[1:]:\n"
         "    try: found[name] = metadata.version(name)\n"
         "    except metadata.PackageNotFoundError: found[name] = None\n"
         "print(json.dumps(found))", *names],
        capture_output=True, text=True, check=True, cwd="/")
    return json.loads(completed.stdout)


def installed_version(python: Path, name: str) -> str | None:
    return installed_versions(python, [name])[name]


def build(kind: str) -> float:
    """Build the environment from nothing; returns the seconds it took."""
    started = time.monotonic()
    path = environment_path(kind)
    shutil.rmtree(path, ignore_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([python_311(), "-m", "venv", str(path)], check=True)
    requirements = path / "launch-requirements.txt"
    requirements.write_text(spec(kind) + "\n")
    # From the repository's folder: binder/requirements.txt installs the course with `-e .`.
    subprocess.run([str(python_of(kind)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-r", str(requirements)], check=True, cwd=ROOT, timeout=BUILD_TIMEOUT_S)
    if kind == "colab":
        assert installed_version(python_of(kind), PACKAGE) is None, "Colab's environment has no course"
    (path / ".launch-key").write_text(key_of(kind))
    return time.monotonic() - started


def course_key() -> str:
    """What Binder's editable install of the course depends on: pyproject.toml's [project]."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return hashlib.sha256(json.dumps(project, sort_keys=True).encode()).hexdigest()


def refresh_course(kind: str) -> None:
    """Binder installs the course with `-e .`: after a change of its version or dependencies,
    install it again (seconds), instead of rebuilding the whole environment (minutes)."""
    key_file = environment_path(kind) / ".course-key"
    if kind != "binder" or (key_file.exists() and key_file.read_text() == course_key()):
        return
    subprocess.run([str(python_of(kind)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-e", str(ROOT)], check=True, cwd=ROOT, timeout=BUILD_TIMEOUT_S)
    key_file.write_text(course_key())


def ensure(kind: str) -> Path:
    """The python of a current environment of that kind, built first if missing or stale."""
    if not is_current(kind):
        seconds = build(kind)
        print(f"launch environment {kind}: built in {seconds:.0f} s", file=sys.stderr)
    refresh_course(kind)
    return python_of(kind)


def reset_colab() -> Path:
    """The colab python, without the course package a previous run's setup cell installed."""
    python = ensure("colab")
    if installed_version(python, PACKAGE) is not None:
        subprocess.run([str(python), "-m", "pip", "uninstall", "--quiet", "--yes", PACKAGE], check=True)
    return python


NBVAL_TIMEOUT_S = 900


def run_nbval(notebooks: list[Path], kernel: str, environment: dict[str, str], cwd: Path) -> str:
    """Run notebooks, in their order, with nbval (each in a fresh kernel named kernel, as `make
    lessons-run` runs the lessons); returns nbval's report. On a failure the test fails with the
    cells nbval names, then the first failure in full (later ones often follow from it)."""
    import pytest

    command = [sys.executable, "-m", "pytest", "--nbval-lax", f"--nbval-kernel-name={kernel}",
               "-p", "no:cacheprovider", "-q", "--no-header", "-o", "addopts=", "--rootdir", str(cwd),
               *map(str, notebooks)]
    completed = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True,
                               timeout=NBVAL_TIMEOUT_S)
    output = completed.stdout
    print(output[-1500:])
    if completed.returncode != 0:
        failed = [line for line in output.splitlines() if line.startswith(("FAILED", "ERROR"))]
        first = output.find("___ ")
        pytest.fail(f"nbval failed with kernel {kernel}:\n" + "\n".join(failed) + "\n\n"
                    + (output[first:first + 5000] if first >= 0 else output[-5000:])
                    + completed.stderr[-2000:], pytrace=False)
    passed = re.search(r"\b(\d+) passed\b", output)
    assert passed and " failed" not in output, output[-2000:]
    return output


def write_kernelspec(jupyter_path: Path, name: str, python: Path, env: dict[str, str] | None = None) -> None:
    """A kernel named name that runs python's ipykernel, in jupyter_path/kernels/ (for JUPYTER_PATH)."""
    folder = jupyter_path / "kernels" / name
    folder.mkdir(parents=True, exist_ok=True)
    spec_json = {"argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                 "display_name": f"Python 3 ({name})", "language": "python", "env": env or {}}
    (folder / "kernel.json").write_text(json.dumps(spec_json, indent=1))


if __name__ == "__main__":
    kinds = sys.argv[1:] or ["colab", "binder"]
    for kind in kinds:
        if is_current(kind):
            print(f"launch environment {kind}: up to date ({environment_path(kind)})")
        else:
            print(f"launch environment {kind}: building {environment_path(kind)} ...", flush=True)
            print(f"launch environment {kind}: built in {build(kind):.0f} s")
        refresh_course(kind)
