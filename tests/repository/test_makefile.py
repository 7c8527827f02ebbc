"""Learners need only Python: `make lab` installs and runs nothing from Node.js or npm, while the
site build does need them. Read from `make -n` (what make would run) in a fresh copy."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from paths import ROOT

NEEDED = ["Makefile", "requirements.txt", "requirements-test.txt", "requirements-test.lock",
          "pyproject.toml", "package.json", "package-lock.json", "binder/requirements.txt",
          "binder/runtime.txt", "tests/support/launch_envs.py"]


def dry_run(tmp_path: Path, target: str) -> str:
    for name in NEEDED:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tmp_path / name)
    completed = subprocess.run(["make", "-n", target], cwd=tmp_path, capture_output=True, text=True,
                               timeout=60)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def test_make_lab_on_a_fresh_clone_needs_no_node_or_npm(tmp_path):
    commands = dry_run(tmp_path, "lab")
    assert "pip install" in commands and "jupyter lab" in commands
    assert "npm" not in commands and "node " not in commands, commands


def test_make_lab_installs_the_lock_with_its_hashes_then_the_course_without_dependencies(tmp_path):
    lines = dry_run(tmp_path, "lab").splitlines()

    def first(words: str) -> int:
        return next(index for index, line in enumerate(lines) if words in line)

    assert first("pip install --quiet --require-hashes -r requirements-test.lock") \
        < first("pip install --quiet --no-deps --no-build-isolation -e .") < first("pip check"), lines
    assert not any("-r requirements" in line and ".lock" not in line for line in lines), lines


def test_make_book_on_a_fresh_clone_installs_the_npm_packages(tmp_path):
    # The check above could not fail if no target used npm.
    assert "npm ci" in dry_run(tmp_path, "book")


def test_make_setup_builds_the_launch_environments(tmp_path):
    assert "tests/support/launch_envs.py colab binder" in dry_run(tmp_path, "setup")


def test_make_book_runs_the_lessons_again_when_a_convcourse_file_changes(tmp_path):
    # The execution cache keys a notebook by its code only; outputs made with an older explorer or
    # older check messages must not be reused.
    helper = tmp_path / "convcourse" / "explorer" / "static.py"
    stamp = tmp_path / "_build" / ".executed-with-convcourse"
    helper.parent.mkdir(parents=True)
    stamp.parent.mkdir(parents=True)
    helper.write_text("", encoding="utf-8")
    stamp.write_text("", encoding="utf-8")
    # Sphinx's environment too: kept, it would read again only the notebooks whose files changed.
    clearing = ("rm -rf _build/.jupyter_cache _build/.doctrees _build/zh/_build/.jupyter_cache "
                "_build/zh/_build/.doctrees")
    os.utime(helper, (1_000_000, 1_000_000))
    os.utime(stamp, (2_000_000, 2_000_000))
    assert clearing not in dry_run(tmp_path, "book")  # built after the last change: the cache is kept
    os.utime(helper, (3_000_000, 3_000_000))
    assert clearing in dry_run(tmp_path, "book")
