"""Compiles requirements-test.lock: the test environment locked, every package that
requirements-test.txt (which includes requirements.txt) brings in, at one version, with the sha256
of its files, for these machines and CI (CPython 3.11.7, linux x86_64). `make lock` runs it with
the Python of a small environment of its own that holds uv (.venv/uv): uv is not part of the
environment it locks. Run it after editing either requirements file
(tests/repository/test_dependencies.py fails until then).

uv resolves, preferring the versions the lock already has, so a bump changes only what it must.
torch is locked as its CPU build (2.13.0+cpu), which PyPI does not have: uv finds it in the local
folders pip is configured with (find-links), where these machines keep the file PyTorch's CPU
index serves. The course package (-e .) is left out: an editable install has no hash, so the
Makefile installs it apart, with --no-deps.

The header records a digest of what the lock is compiled from; the test recomputes it, since
compiling again would need the network.

    .venv/uv/bin/python tools/lock_requirements.py    # what `make lock` runs
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "support"))
from launch_envs import pip_find_links  # noqa: E402

LOCK_NAME = "requirements-test.lock"
LOCKED_FROM = ("requirements.txt", "requirements-test.txt")
PYTHON_VERSION = "3.11.7"
PLATFORM = "x86_64-manylinux_2_28"
REGENERATE = "make lock"
DIGEST_PREFIX = "# Compiled from requirements with sha256: "


def project(root: Path = ROOT) -> dict:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def requirements_digest(root: Path = ROOT) -> str:
    """sha256 of everything the lock is compiled from: both requirements files and the course
    package's own dependencies (pyproject.toml's other settings do not change the lock)."""
    digest = hashlib.sha256()
    for name in LOCKED_FROM:
        digest.update(f"{name}\n".encode())
        digest.update((root / name).read_bytes())
    digest.update(json.dumps(project(root)["dependencies"]).encode())
    return digest.hexdigest()


def recorded_digest(lock_text: str) -> str | None:
    for line in lock_text.splitlines():
        if line.startswith(DIGEST_PREFIX):
            return line.removeprefix(DIGEST_PREFIX).strip()
    return None


def compile_arguments(root: Path = ROOT) -> list[str]:
    """uv's arguments, without the machine's find-links folders."""
    return ["pip", "compile", LOCKED_FROM[1], "--generate-hashes", "--no-header",
            "--python-version", PYTHON_VERSION, "--python-platform", PLATFORM,
            "--no-emit-package", project(root)["name"], "--output-file", LOCK_NAME]


def command_lines(arguments: list[str], width: int = 88) -> list[str]:
    """The command cut into lines for the header, never between an option and its value."""
    words: list[str] = []
    for argument in arguments:
        if words and words[-1].startswith("--") and " " not in words[-1] and not argument.startswith("--"):
            words[-1] += f" {argument}"
        else:
            words.append(argument)
    lines = [words[0]]
    for word in words[1:]:
        if len(lines[-1]) + 1 + len(word) > width:
            lines.append(f"    {word}")
        else:
            lines[-1] += f" {word}"
    return lines


def header(uv_version: str, root: Path = ROOT) -> str:
    return "\n".join([
        f"# {LOCK_NAME}: every package of the test environment ({LOCKED_FROM[1]}, which",
        f"# includes {LOCKED_FROM[0]}), pinned with the sha256 of its files, for CPython {PYTHON_VERSION}",
        "# on linux x86_64. The course package (-e .) is installed apart, with --no-deps (Makefile).",
        "# Do not edit: after changing a requirements file, regenerate it with",
        f"#     {REGENERATE}",
        f"# which runs tools/lock_requirements.py, that is, with uv {uv_version}:",
        *(f"#     {line}" for line in command_lines(
            ["uv", *compile_arguments(root), "--find-links", "<each local folder of pip's configuration>"])),
        f"{DIGEST_PREFIX}{requirements_digest(root)}",
        "",
    ])


def main() -> None:
    uv = Path(sys.executable).parent / "uv"
    if not uv.exists():
        raise SystemExit(f"no uv next to {sys.executable}: run `{REGENERATE}`, which installs it")
    find_links = [argument for folder in pip_find_links() for argument in ("--find-links", str(folder))]
    subprocess.run([str(uv), *compile_arguments(), *find_links], cwd=ROOT, check=True)
    uv_version = subprocess.run([str(uv), "--version"], capture_output=True, text=True, check=True)
    lock = ROOT / LOCK_NAME
    lock.write_text(header(uv_version.stdout.split()[1]) + lock.read_text(encoding="utf-8"), encoding="utf-8")
    print(f"{LOCK_NAME} written; the next make (make lab, make test) installs it")


if __name__ == "__main__":
    main()
