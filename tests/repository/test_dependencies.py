"""The lock (requirements-test.lock) is in step with the requirements, hashed and installed, and
every package the code imports is a direct, pinned dependency. Each check has a companion that
plants what it must catch, so that none of them passes for want of anything to find."""

from __future__ import annotations

import ast
import hashlib
import shutil
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import nbformat
from IPython.core.inputtransformer2 import TransformerManager
from launch_envs import local_torch_wheel, requirement_pins
from lock_requirements import LOCK_NAME, LOCKED_FROM, REGENERATE, recorded_digest, requirements_digest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version
from paths import ROOT

# The code whose imports are read, and the part of it that the lessons and the book run: what
# that imports must be pinned in requirements.txt, the rest may be pinned in requirements-test.txt.
# tools/translate.py (with its package) is in the book's part: `make book` runs it.
SCANNED = ("convcourse", "book/_ext", "tools", "tests", "benchmarks", "lessons")
BOOK_AND_LESSONS = ("convcourse", "book/_ext", "lessons", "tools/translate.py", "tools/translation")


@dataclass(frozen=True)
class LockEntry:
    line: str
    version: str | None  # None: not pinned to one version (an editable or a URL, say)
    hashes: tuple[str, ...]


def lock_entries(lock_text: str) -> dict[str, LockEntry]:
    """{canonical name: entry} of a requirements file written with hashes; options are skipped."""
    entries = {}
    for logical in lock_text.replace("\\\n", " ").splitlines():
        line = logical.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "--")):
            continue
        if line.startswith("-e "):
            entries[line] = LockEntry(line, None, ())
            continue
        requirement_text, *options = line.split(" --")
        requirement = Requirement(requirement_text)
        pins = [spec.version for spec in requirement.specifier if spec.operator == "=="]
        hashes = tuple(option.removeprefix("hash=") for option in options if option.startswith("hash="))
        entries[canonicalize_name(requirement.name)] = LockEntry(line, pins[0] if len(pins) == 1 else None,
                                                                 hashes)
    return entries


def direct_pins(root: Path) -> dict[str, tuple[str, str]]:
    """{canonical name: (version, file)} of the pins in requirements.txt and requirements-test.txt."""
    return {canonicalize_name(name): (version, file_name)
            for file_name in LOCKED_FROM for name, version in requirement_pins(root / file_name).items()}


def pins_missing_from_lock(pins: dict[str, tuple[str, str]], entries: dict[str, LockEntry]) -> list[str]:
    problems = []
    for name, (version, file_name) in pins.items():
        entry = entries.get(name)
        if entry is None:
            problems.append(f"{name}=={version} ({file_name}) is not in the lock")
        # ==2.13.0 is met by the local version 2.13.0+cpu (PEP 440), as pip installs it.
        elif entry.version is None or not Requirement(f"{name}=={version}").specifier.contains(
                entry.version, prereleases=True):
            problems.append(f"{name}: {file_name} pins {version}, the lock has {entry.version}")
    return problems


def unhashed_entries(entries: dict[str, LockEntry]) -> list[str]:
    return [entry.line for entry in entries.values()
            if not any(value.startswith("sha256:") for value in entry.hashes)]


def environment_mismatches(entries: dict[str, LockEntry]) -> list[str]:
    """What the running environment (the test environment) has other than the lock says."""
    problems = []
    for name, entry in entries.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{name}: the lock has {entry.version}, none is installed")
            continue
        if entry.version is None or Version(installed) != Version(entry.version):
            problems.append(f"{name}: the lock has {entry.version}, {installed} is installed")
    return problems


def code_sources(root: Path) -> Iterator[tuple[Path, str]]:
    """(file, Python source) of every module and of every lesson's code cells, magics turned into
    the Python that IPython runs for them (`%pip install ...` is no Python to ast)."""
    magics = TransformerManager()
    for folder in SCANNED:
        for path in sorted((root / folder).rglob("*.py")):
            yield path, path.read_text(encoding="utf-8")
        for path in sorted((root / folder).glob("*.ipynb")):
            cells = nbformat.read(str(path), as_version=4).cells
            code = [cell.source for cell in cells if cell.cell_type == "code"]
            yield path, "\n".join(magics.transform_cell(source) for source in code)


def imported_top_level_names(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def module_names(folder: Path) -> set[str]:
    return ({path.stem for path in folder.glob("*.py")}
            | {path.name for path in folder.iterdir() if (path / "__init__.py").exists()})


def pythonpath_module_names(root: Path) -> set[str]:
    """The modules and packages on pytest's pythonpath: where the tests, the tools and the book's
    extensions find each other (a file also imports those of its own folder)."""
    options = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]
    return set().union(*(module_names(root / entry) for entry in options["ini_options"]["pythonpath"]))


def undeclared_imports(root: Path) -> list[str]:
    """Every third-party import that no requirements file pins directly where it must be."""
    book_pins = {canonicalize_name(name) for name in requirement_pins(root / "requirements.txt")}
    all_pins = set(direct_pins(root))
    stdlib_and_pythonpath = set(sys.stdlib_module_names) | pythonpath_module_names(root)
    providers = metadata.packages_distributions()
    problems = []
    for path, source in code_sources(root):
        relative = path.relative_to(root).as_posix()
        in_book = any(relative == part or relative.startswith(f"{part}/") for part in BOOK_AND_LESSONS)
        declared, where = ((book_pins, "requirements.txt") if in_book
                           else (all_pins, "either requirements file"))
        not_third_party = stdlib_and_pythonpath | module_names(path.parent)
        for module in sorted(imported_top_level_names(source) - not_third_party):
            distributions = providers.get(module)
            if not distributions:
                problems.append(f"{relative}: imports {module}, which no installed distribution provides")
            elif not declared & {canonicalize_name(name) for name in distributions}:
                problems.append(f"{relative}: imports {module} ({', '.join(distributions)}), "
                                f"which {where} does not pin")
    return problems


def read_lock(root: Path = ROOT) -> str:
    return (root / LOCK_NAME).read_text(encoding="utf-8")


def test_every_direct_pin_is_locked_at_its_version():
    problems = pins_missing_from_lock(direct_pins(ROOT), lock_entries(read_lock()))
    assert not problems, f"run `{REGENERATE}`:\n" + "\n".join(problems)


def test_every_lock_entry_carries_a_hash():
    problems = unhashed_entries(lock_entries(read_lock()))
    assert not problems, "pip --require-hashes refuses these lock lines:\n" + "\n".join(problems)


def test_lock_was_compiled_from_the_requirements_as_they_are():
    # Compiling again needs the network; the header's digest of what the lock was compiled from
    # (tools/lock_requirements.py) does not.
    assert recorded_digest(read_lock()) == requirements_digest(ROOT), (
        f"{', '.join(LOCKED_FROM)} or pyproject.toml's dependencies changed since {LOCK_NAME} was "
        f"compiled: run `{REGENERATE}`")


def test_every_imported_package_is_pinned_directly():
    problems = undeclared_imports(ROOT)
    assert not problems, "pin these where they are needed, at the lock's version:\n" + "\n".join(problems)


def test_installed_environment_matches_the_lock():
    problems = environment_mismatches(lock_entries(read_lock()))
    assert not problems, f"install {LOCK_NAME} (make setup):\n" + "\n".join(problems)


def test_torch_is_locked_as_the_cpu_build_of_this_machines_wheel():
    torch = lock_entries(read_lock())["torch"]
    assert torch.version.endswith("+cpu"), f"torch is locked as {torch.version}, not its CPU build"
    wheel = local_torch_wheel(torch.version)
    if wheel is not None:  # elsewhere pip takes it from PyTorch's CPU index, checked by the same hash
        assert f"sha256:{hashlib.sha256(wheel.read_bytes()).hexdigest()}" in torch.hashes, wheel


# The checks above, each made to fail on a planted mismatch.

def repository_copy(tmp_path: Path, *names: str) -> Path:
    for name in ("pyproject.toml", LOCK_NAME, *LOCKED_FROM, *names):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tmp_path / name)
    return tmp_path


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} has no {old!r} to plant a change in"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_bumped_pin_or_a_new_one_is_named_until_the_lock_follows(tmp_path):
    copy = repository_copy(tmp_path)
    replace_in(copy / "requirements.txt", "numpy==2.4.6", "numpy==2.4.7")
    with (copy / "requirements-test.txt").open("a", encoding="utf-8") as requirements:
        requirements.write("not-a-locked-package==1.0\n")
    problems = pins_missing_from_lock(direct_pins(copy), lock_entries(read_lock(copy)))
    assert problems == ["numpy: requirements.txt pins 2.4.7, the lock has 2.4.6",
                        "not-a-locked-package==1.0 (requirements-test.txt) is not in the lock"]


def test_a_lock_line_without_a_sha256_is_named():
    lock = ("polib==1.2.0\n    # via -r requirements.txt\n"
            "jieba==0.42.1 \\\n    --hash=sha256:0123\n"
            "six==1.17.0 --hash=md5:0123\n"
            "-e .\n")
    assert unhashed_entries(lock_entries(lock)) == ["polib==1.2.0", "six==1.17.0 --hash=md5:0123", "-e ."]


def test_an_edited_requirements_file_or_dependency_list_makes_the_lock_stale(tmp_path):
    copy = repository_copy(tmp_path)
    assert recorded_digest(read_lock(copy)) == requirements_digest(copy)
    replace_in(copy / "requirements-test.txt", "pytest==9.2.0", "pytest==9.2.1")
    assert requirements_digest(copy) != recorded_digest(read_lock(copy))
    copy = repository_copy(tmp_path / "again")
    replace_in(copy / "pyproject.toml", '"numpy>=1.24",', '"numpy>=1.24", "rich",')
    assert requirements_digest(copy) != recorded_digest(read_lock(copy))


def test_an_undeclared_import_is_named_with_its_file(tmp_path):
    copy = repository_copy(tmp_path, "tests/support/paths.py")
    for folder in SCANNED:
        (copy / folder).mkdir(parents=True, exist_ok=True)
    (copy / "convcourse" / "planted.py").write_text("import bs4\nimport numpy\nfrom . import planted\n")
    (copy / "tests" / "test_planted.py").write_text("import paths\nimport requests\nimport bs4\n")
    (copy / "tools" / "planted_tool.py").write_text("import no_such_module_anywhere\n")
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("%pip install --quiet convcourse\nimport tabulate")])
    nbformat.write(notebook, str(copy / "lessons" / "planted.ipynb"))
    assert undeclared_imports(copy) == [
        "convcourse/planted.py: imports bs4 (beautifulsoup4), which requirements.txt does not pin",
        "tools/planted_tool.py: imports no_such_module_anywhere, which no installed distribution provides",
        "tests/test_planted.py: imports requests (requests), which either requirements file does not pin",
        "lessons/planted.ipynb: imports tabulate (tabulate), which requirements.txt does not pin",
    ]


def test_an_installed_version_other_than_the_locked_one_is_named():
    entries = lock_entries("numpy==1.0.0 --hash=sha256:00\nnot-installed-anywhere==1.0 --hash=sha256:00\n"
                           f"torch=={metadata.version('torch')} --hash=sha256:00\n")
    assert environment_mismatches(entries) == [
        f"numpy: the lock has 1.0.0, {metadata.version('numpy')} is installed",
        "not-installed-anywhere: the lock has 1.0, none is installed",
    ]
