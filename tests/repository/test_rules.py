"""The repository's own rules: stripped notebooks, one setup cell, exact pins, Binder's environment."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from paths import ROOT

LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
from setup_cell import package_version, setup_source  # noqa: E402

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def find_unstripped(paths) -> list[str]:
    """Name every notebook that carries outputs, execution counts or widget state, and why."""
    problems = []
    for path in paths:
        nb = nbformat.read(str(path), as_version=4)
        if WIDGET_STATE in nb.metadata.get("widgets", {}):
            problems.append(f"{Path(path).name}: saved widget state in the notebook metadata")
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            if cell.get("outputs"):
                problems.append(f"{Path(path).name}: cell {index} has outputs")
            if cell.get("execution_count") is not None:
                problems.append(f"{Path(path).name}: cell {index} has an execution count")
    return problems


def test_there_are_eight_lessons():
    assert [p.stem for p in LESSONS] == [
        "01_module_skeleton", "02_conv2d_by_hand", "03_padding_and_stride", "04_conv2d_layer",
        "05_pooling", "06_receptive_fields_and_transposed", "07_learned_kernels", "08_training_a_cnn",
    ]


def test_every_committed_lesson_is_stripped():
    problems = find_unstripped(LESSONS)
    assert not problems, "Strip these notebooks (e.g. `nbstripout`):\n" + "\n".join(problems)


def test_stripped_check_names_a_notebook_with_outputs(tmp_path):
    nb = nbformat.read(str(LESSONS[0]), as_version=4)
    code = next(c for c in nb.cells if c.cell_type == "code")
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hi\n")]
    code.execution_count = 3
    nb.metadata["widgets"] = {WIDGET_STATE: {"state": {}}}
    dirty = tmp_path / "dirty_lesson.ipynb"
    nbformat.write(nb, str(dirty))
    problems = find_unstripped([dirty])
    assert any("dirty_lesson.ipynb: cell" in p and "outputs" in p for p in problems)
    assert any("execution count" in p for p in problems)
    assert any("widget state" in p for p in problems)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_starts_with_the_hidden_setup_cell(lesson):
    first = nbformat.read(str(lesson), as_version=4).cells[0]
    assert first.cell_type == "code"
    assert first.source == setup_source(), "run `python tools/setup_cell.py` to rewrite it"
    assert "remove-cell" in first.metadata.get("tags", []), "the setup cell is hidden on the site"


def test_setup_cell_pins_the_version_in_pyproject():
    version = package_version()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), version
    source = nbformat.read(str(LESSONS[0]), as_version=4).cells[0].source
    assert f"%pip install --quiet convcourse=={version}\n" in source
    assert "git+" not in source, "learners install the published package, never a git URL"


def test_setup_cell_pin_follows_a_version_bump():
    # The check above is not a tautology: a bumped pyproject version gives another cell.
    assert "convcourse==9.9.9" in setup_source("9.9.9")
    assert setup_source("9.9.9") != setup_source()


def test_table_of_contents_lists_every_lesson_and_page():
    toc_text = (ROOT / "_toc.yml").read_text()
    for lesson in LESSONS:
        assert f"lessons/{lesson.stem}" in toc_text
    for page in (ROOT / "book").glob("*.md"):
        assert f"book/{page.stem}" in toc_text


def requirement_lines(path: Path) -> list[str]:
    lines = []
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and not line.startswith(("-r ", "-e ", "--")):
            lines.append(line)
    return lines


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-test.txt", "binder/requirements.txt"])
def test_every_direct_dependency_is_pinned_exactly(name):
    loose = [line for line in requirement_lines(ROOT / name)
             if not re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.+\-]+", line)]
    assert not loose, f"{name}: pin these exactly (name==version): {loose}"


def pins(path: Path) -> dict[str, str]:
    return {n.lower(): v for n, v in (line.split("==") for line in requirement_lines(path))}


def test_binder_pins_match_the_course_pins():
    # The course's pins, and the test pins for what only a class's hub needs (nbgitpuller).
    course = pins(ROOT / "requirements-test.txt") | pins(ROOT / "requirements.txt")
    binder = pins(ROOT / "binder/requirements.txt")
    assert "nbgitpuller" in binder, "a hub's image is built from binder/: its buttons need nbgitpuller"
    assert binder["torch"] == course["torch"] + "+cpu", "Binder must install the CPU build of the same torch"
    for name, version in binder.items():
        if name != "torch":
            assert course.get(name) == version, (
                f"{name}: binder pins {version}, the course pins {course.get(name)}"
            )


def test_binder_environment_is_python_311_cpu_torch_and_convcourse(tmp_path):
    repo2docker = Path(sys.executable).parent / "repo2docker"
    assert repo2docker.exists(), "jupyter-repo2docker is not installed (requirements-test.txt)"
    # Only what repo2docker inspects, so it does not walk .venv or node_modules.
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "binder", copy / "binder")
    shutil.copy2(ROOT / "pyproject.toml", copy / "pyproject.toml")
    result = subprocess.run(
        [str(repo2docker), "--no-build", "--no-run", "--debug", str(copy)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dockerfile = result.stdout + result.stderr
    assert "python=3.11" in dockerfile, "repo2docker did not pick Python 3.11 from binder/runtime.txt"
    install = re.search(r'pip install .*-r "?binder/requirements.txt', dockerfile)
    assert install, "repo2docker does not install binder/requirements.txt"
    # `-e .` needs the whole repository in the image before that pip install runs.
    copy_all = dockerfile.find("COPY --chown=0:0 src/ ${REPO_DIR}/")
    assert 0 <= copy_all < install.start(), "the repository is not copied before `pip install -e .`"
    binder_reqs = (ROOT / "binder/requirements.txt").read_text()
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in binder_reqs
    assert re.search(r"^-e \.$", binder_reqs, re.M), "Binder must install convcourse from the repository"
    # The Chinese lessons' figures need a CJK font in the image (binder/apt.txt).
    apt_install = re.search(r"apt-get .*install.*fonts-wqy-microhei", dockerfile, re.S)
    assert apt_install, "repo2docker does not install binder/apt.txt's CJK font"


def test_there_is_no_root_static_folder():
    # With a _static/ folder, Jupyter Book injects every .js/.css under it into every page,
    # unasked; the pages' scripts are chosen on purpose (book/_ext/).
    assert not (ROOT / "_static").exists(), "hand-written assets go in book/static/"


def test_the_class_hub_guide_names_the_versions_the_tests_run():
    # book/running_the_lessons.md says which versions its JupyterHub guide was written for: those
    # pinned in requirements-test.txt, which the launch tests run (tests/launch/test_jupyterhub.py).
    guide = (ROOT / "book" / "running_the_lessons.md").read_text()
    section = guide.split("## For teachers: serving a whole class", 1)[-1].split("\n## ", 1)[0]
    section = " ".join(section.split())  # the prose's line breaks fall anywhere
    test_pins = pins(ROOT / "requirements-test.txt")
    for name, words in [("jupyterhub", "JupyterHub"), ("nbgitpuller", "nbgitpuller"),
                        ("jupyter-repo2docker", "repo2docker")]:
        named = f"{words} {test_pins[name]}"
        assert named in section, f"the class guide does not say {named}"
    assert "jupyter-repo2docker --no-run --image-name" in section, "the guide's image command is gone"
