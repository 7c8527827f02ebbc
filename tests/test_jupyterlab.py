"""JupyterLab end to end: every lesson runs in a real JupyterLab, driven in Chromium.

A JupyterLab server (token auth, 127.0.0.1, a free port) serves a temporary copy of
lessons/; its runtime, config, settings and workspace folders are temporary too, so nothing
is written into the repository. Each lesson is opened, Run > Run All Cells is clicked, and
once the run is over the notebook is saved and read back through the server's REST API.

Why read the saved notebook instead of the page: JupyterLab 4 renders an error output with
the stderr renderer (data-mime-type="application/vnd.jupyter.stderr", the same as a
warning), so the page cannot tell an error from a warning; the saved notebook can
(output_type "error"). A planted notebook proves the detector sees errors at all.

Cells tagged "raises-exception" raise on purpose. JupyterLab itself sends them with
stop_on_error=False, so Run All goes on after them, as nbclient does; every other error
stops the run, which the "every cell ran" check then reports too.

On the padding-and-stride lesson the live explorer's padding slider is moved with the
keyboard and the output shape it shows must become what the formula gives.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT

from convcourse import messages

pytestmark = pytest.mark.lab

LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
EXPLORER_LESSON = "03_padding_and_stride.ipynb"
PLANTED = "planted_error.ipynb"
ALLOWED_TO_RAISE = "raises-exception"

# Each lesson runs in under 15 s here; the margins allow a slow CI machine, not a hang.
SERVER_START_TIMEOUT_S = 60
NOTEBOOK_OPEN_TIMEOUT_MS = 30_000
RUN_START_TIMEOUT_MS = 15_000
RUN_TIMEOUT_S = 120
SAVE_TIMEOUT_S = 15
WIDGET_TIMEOUT_MS = 10_000
UI_TIMEOUT_MS = 10_000

# User settings of the temporary server: no news or update toasts, no kernel dialog, and
# every cell kept in the page (windowing would drop off-screen cells from the DOM).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings":
        {"windowingMode": "none", "autoStartDefaultKernel": True},
}

VISIBLE_NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"
CELL = f"{VISIBLE_NOTEBOOK} .jp-Notebook .jp-Cell"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def code_cell(source: str, tags: tuple[str, ...] = ()) -> dict:
    return {"cell_type": "code", "execution_count": None, "metadata": {"tags": list(tags)},
            "outputs": [], "source": source}


def write_planted_notebook(path: Path) -> None:
    """An allowed error the run must go past, then an unexpected one that stops it."""
    cells = [
        code_cell('print("before")'),
        code_cell('raise ValueError("allowed")', tags=(ALLOWED_TO_RAISE,)),
        code_cell('print("after the allowed error")'),
        code_cell('raise RuntimeError("planted")'),
        code_cell('print("never reached")'),
    ]
    notebook = {"cells": cells, "metadata": {"kernelspec": {
        "name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}
    for number, cell in enumerate(cells):
        cell["id"] = f"planted-{number}"
    path.write_text(json.dumps(notebook))


def api(base_url: str, token: str, path: str, method: str = "GET"):
    request = urllib.request.Request(f"{base_url}{path}", method=method,
                                     headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        return json.loads(body) if body else None


def processes_mentioning(text: str) -> list[tuple[int, str]]:
    """(pid, command line) of every process whose command line contains text."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # it ended while we looked
            continue
        if text in command:
            found.append((int(entry.name), command.strip()))
    return found


def stop_server(server: subprocess.Popen, base_url: str, token: str) -> None:
    try:  # kernels run in sessions of their own: ask the server to shut them down first
        for kernel in api(base_url, token, "api/kernels") or []:
            api(base_url, token, f"api/kernels/{kernel['id']}", method="DELETE")
    except OSError:
        pass
    for stop_signal, grace_seconds in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(server.pid, stop_signal)
            server.wait(timeout=grace_seconds)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """(base URL, token, notebook folder) of a JupyterLab on a copy of the lessons.

    Always stopped; fails the run if any process of it (server or kernel) outlives it.
    """
    workspace = tmp_path_factory.mktemp("jupyterlab")
    notebooks = workspace / "lessons"
    notebooks.mkdir()
    for lesson in LESSONS:
        shutil.copy(lesson, notebooks / lesson.name)
    write_planted_notebook(notebooks / PLANTED)
    for relative, values in LAB_SETTINGS.items():
        settings_file = workspace / "settings" / relative
        settings_file.parent.mkdir(parents=True, exist_ok=True)
        settings_file.write_text(json.dumps(values))

    port, token = free_port(), secrets.token_hex(16)
    environment = dict(
        os.environ,
        JUPYTER_RUNTIME_DIR=str(workspace / "runtime"),
        JUPYTER_CONFIG_DIR=str(workspace / "config"),  # ignore the developer's own config
        JUPYTERLAB_SETTINGS_DIR=str(workspace / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(workspace / "workspaces"),
        IPYTHONDIR=str(workspace / "ipython"),  # kernels' history database
    )
    command = [
        str(ROOT / ".venv" / "bin" / "jupyter"), "lab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={notebooks}",
        "--ServerApp.terminals_enabled=False",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if os.geteuid() == 0:  # CI containers run as root (.ci/run); the server refuses without this
        command.append("--allow-root")
    log_path = workspace / "jupyterlab.log"
    with open(log_path, "wb") as log:
        # Its own process group, so that stopping it also stops whatever it started.
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment,
                                  cwd=workspace, start_new_session=True)
    base_url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while True:
            if server.poll() is not None:
                pytest.fail(f"jupyter lab exited ({server.returncode}):\n{log_path.read_text()}")
            try:
                api(base_url, token, "api/status")
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"jupyter lab did not answer in {SERVER_START_TIMEOUT_S} s:\n"
                                f"{log_path.read_text()}")
                time.sleep(0.5)
        yield base_url, token, notebooks
    finally:
        stop_server(server, base_url, token)
        # The workspace path is unique to this run: anything naming it is ours.
        left_running = processes_mentioning(str(workspace))
        for pid, _ in left_running:
            os.kill(pid, signal.SIGKILL)
        if left_running:
            pytest.fail("JupyterLab left processes running (now killed):\n"
                        + "\n".join(f"  {pid}: {line}" for pid, line in left_running))


@pytest.fixture
def lab_page(browser, lab_server):
    """A fresh page; afterwards the kernels it started are shut down (one lesson at a time)."""
    base_url, token, _ = lab_server
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(UI_TIMEOUT_MS)  # clicks and waits fail fast, not after 30 s
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    try:
        yield page, page_errors
    finally:
        context.close()
        for session in api(base_url, token, "api/sessions") or []:
            api(base_url, token, f"api/sessions/{session['id']}", method="DELETE")


def open_notebook(page, lab_server, name: str) -> dict:
    """Open name in a workspace of its own, wait for its kernel; returns the notebook as on disk."""
    base_url, token, notebooks = lab_server
    notebook = json.loads((notebooks / name).read_text())
    # A new workspace per page: the default one would reopen the previous tests' notebooks.
    workspace = f"test-{secrets.token_hex(4)}"
    page.goto(f"{base_url}lab/workspaces/{workspace}/tree/{urllib.parse.quote(name)}?token={token}",
              wait_until="load")
    page.wait_for_function(
        "([selector, count]) => document.querySelectorAll(selector).length === count",
        arg=[CELL, len(notebook["cells"])], timeout=NOTEBOOK_OPEN_TIMEOUT_MS,
    )
    # The status bar reads "No Kernel | Initializing", "... | Connecting", then "<kernel> | Idle";
    # Run All before that would open the kernel picker instead of running.
    kernel_name = re.escape(notebook["metadata"]["kernelspec"]["display_name"])
    page.locator("#jp-main-statusbar").get_by_text(
        re.compile(rf"^{kernel_name}\s*\|\s*Idle$")).wait_for(timeout=NOTEBOOK_OPEN_TIMEOUT_MS)
    return notebook


def click_menu(page, menu: str, item: str) -> None:
    """Click menu > item, both found by their exact label (shortcuts sit beside the label)."""
    def exact(text: str):
        return re.compile(rf"^\s*{re.escape(text)}\s*$")

    page.locator(".lm-MenuBar-item").filter(
        has=page.locator(".lm-MenuBar-itemLabel", has_text=exact(menu))).click()
    page.locator(".lm-Menu-item").filter(
        has=page.locator(".lm-Menu-itemLabel", has_text=exact(item))).click()


def run_state(page) -> dict:
    return page.evaluate(
        """(visible) => ({
            status: document.querySelector(visible + ' .jp-Notebook-ExecutionIndicator')
                ?.dataset.status,
            prompts: [...document.querySelectorAll(visible + ' .jp-CodeCell .jp-InputPrompt')]
                .map(prompt => prompt.textContent.trim()),
        })""",
        VISIBLE_NOTEBOOK,
    )


def run_all_cells(page) -> None:
    """Run > Run All Cells, then wait until the kernel is idle and no cell is queued ([*])."""
    click_menu(page, "Run", "Run All Cells")
    page.wait_for_function(
        "(selector) => [...document.querySelectorAll(selector)]"
        ".some(prompt => /\\[(\\*|\\d+)\\]/.test(prompt.textContent))",
        arg=f"{VISIBLE_NOTEBOOK} .jp-CodeCell .jp-InputPrompt", timeout=RUN_START_TIMEOUT_MS,
    )
    deadline = time.monotonic() + RUN_TIMEOUT_S
    finished_polls = 0
    while finished_polls < 2:  # twice in a row: the kernel is briefly idle between two cells
        state = run_state(page)
        finished = state["status"] == "idle" and not any("*" in p for p in state["prompts"])
        finished_polls = finished_polls + 1 if finished else 0
        if time.monotonic() > deadline:
            pytest.fail(f"the run did not finish in {RUN_TIMEOUT_S} s: kernel {state['status']}, "
                        f"prompts {' '.join(state['prompts'])}", pytrace=False)
        page.wait_for_timeout(400)


def save_and_read_back(page, lab_server, name: str) -> dict:
    """File > Save Notebook, then the notebook as the server stored it (outputs included)."""
    base_url, token, _ = lab_server
    path = f"api/contents/{urllib.parse.quote(name)}"
    before = api(base_url, token, f"{path}?content=0")["last_modified"]
    click_menu(page, "File", "Save Notebook")
    deadline = time.monotonic() + SAVE_TIMEOUT_S
    while api(base_url, token, f"{path}?content=0")["last_modified"] == before:
        if time.monotonic() > deadline:
            pytest.fail(f"{name} was not saved within {SAVE_TIMEOUT_S} s", pytrace=False)
        time.sleep(0.2)
    return api(base_url, token, f"{path}?content=1")["content"]


def describe_error(output: dict) -> str:
    return f"{output.get('ename')}: {output.get('evalue')}"[:300]


def source_text(cell: dict) -> str:
    source = cell["source"]  # nbformat allows a string or a list of lines
    return "".join(source) if isinstance(source, list) else source


def run_problems(original: dict, saved: dict, prompts: list[str]) -> list[str]:
    """What went wrong in a Run All, one line per cell (numbered as in the .ipynb, from 0).

    original: the notebook before the run (its tags say which cells may raise);
    saved: the notebook JupyterLab saved after it; prompts: the code cells' prompts on the page.
    """
    cells, saved_cells = original["cells"], saved["cells"]
    if list(map(source_text, cells)) != list(map(source_text, saved_cells)):
        return ["the saved notebook's cells are not the lesson's cells: cannot map them"]
    problems = []
    code_number = 0
    for index, (cell, saved_cell) in enumerate(zip(cells, saved_cells, strict=True)):
        if cell["cell_type"] != "code":
            continue
        prompt = prompts[code_number] if code_number < len(prompts) else "(no prompt)"
        code_number += 1
        allowed = ALLOWED_TO_RAISE in cell["metadata"].get("tags", [])
        errors = [o for o in saved_cell["outputs"] if o["output_type"] == "error"]
        if saved_cell["execution_count"] is None or not re.fullmatch(r"\[\d+\]:", prompt):
            problems.append(f"cell {index}: did not run (prompt {prompt})")
        elif errors and not allowed:
            problems.append(f"cell {index}: error output {describe_error(errors[0])}")
        elif allowed and not errors:
            problems.append(f"cell {index}: tagged {ALLOWED_TO_RAISE} but raised nothing")
    return problems


def run_notebook_in_lab(page, lab_server, name: str) -> list[str]:
    original = open_notebook(page, lab_server, name)
    run_all_cells(page)
    saved = save_and_read_back(page, lab_server, name)
    return run_problems(original, saved, run_state(page)["prompts"])


def test_detector_sees_a_planted_error_and_the_cells_it_stopped(lab_page, lab_server):
    page, _ = lab_page
    problems = run_notebook_in_lab(page, lab_server, PLANTED)
    # Cell 1's tagged error is allowed and the run goes past it; cell 3's stops the run.
    assert problems == [
        "cell 3: error output RuntimeError: planted",
        "cell 4: did not run (prompt [ ]:)",
    ], "the detector does not see what the planted notebook does"


@pytest.mark.parametrize("lesson", [lesson.name for lesson in LESSONS])
def test_lesson_runs_in_jupyterlab_without_error(lab_page, lab_server, lesson,
                                                 screenshot_directory):
    page, page_errors = lab_page
    problems = run_notebook_in_lab(page, lab_server, lesson)
    if problems:
        page.screenshot(path=str(screenshot_directory / f"jupyterlab-{lesson}.png"))
    assert not problems, f"{lesson} in JupyterLab:\n  " + "\n  ".join(problems)
    assert not page_errors, f"{lesson}: JupyterLab's page raised: {page_errors}"


def output_size(i: int, k: int, p: int, s: int, d: int) -> int:
    """o = floor((i + 2p - d(k-1) - 1) / s) + 1, PyTorch's Conv2d output size."""
    return (i + 2 * p - d * (k - 1) - 1) // s + 1


def explorer_sliders(explorer) -> dict[str, int]:
    """The value of every slider of the live explorer, by its label."""
    return explorer.evaluate(
        """root => Object.fromEntries([...root.querySelectorAll('.widget-slider')].map(slider =>
            [slider.querySelector('.widget-label').textContent.trim(),
             Number(slider.querySelector('[role=slider]').getAttribute('aria-valuenow'))]))"""
    )


def test_live_explorer_padding_slider_changes_the_output_shape(lab_page, lab_server):
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    page, _ = lab_page
    problems = run_notebook_in_lab(page, lab_server, EXPLORER_LESSON)
    assert not problems, f"{EXPLORER_LESSON} did not run cleanly:\n  " + "\n  ".join(problems)
    explorer = page.locator(f"{VISIBLE_NOTEBOOK} .ck-live")
    explorer.wait_for(timeout=WIDGET_TIMEOUT_MS)
    assert explorer.count() == 1, f"expected one live explorer, found {explorer.count()}"

    before = explorer_sliders(explorer)
    names = (messages.LABEL_INPUT, messages.LABEL_KERNEL, messages.LABEL_PADDING,
             messages.LABEL_STRIDE, messages.LABEL_DILATION)
    assert set(names) <= set(before), f"explorer sliders are {sorted(before)}, expected {names}"
    i, k, p, s, d = (before[name] for name in names)
    shape_text = explorer.get_by_text(re.compile(
        "^" + re.escape(messages.OUTPUT_SHAPE).replace(r"\{rows\}", r"\d+")
        .replace(r"\{cols\}", r"\d+") + "$"))
    shown_before = messages.OUTPUT_SHAPE.format(rows=output_size(i, k, p, s, d),
                                                cols=output_size(i, k, p, s, d))
    assert shape_text.inner_text() == shown_before, "the explorer's first shape is not the formula's"

    padding_slider = explorer.locator(".widget-slider").filter(
        has=page.locator(".widget-label", has_text=re.compile(
            rf"^\s*{re.escape(messages.LABEL_PADDING)}\s*$")))
    padding_slider.locator("[role=slider]").focus()
    page.keyboard.press("ArrowRight")
    expected = output_size(i, k, p + 1, s, d)
    expected_text = messages.OUTPUT_SHAPE.format(rows=expected, cols=expected)
    assert expected_text != shown_before  # else the check below would prove nothing
    try:
        shape_text.filter(has_text=expected_text).wait_for(timeout=WIDGET_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        pass  # the assertions below say what the widget shows instead
    after = explorer_sliders(explorer)
    assert after[messages.LABEL_PADDING] == p + 1, f"ArrowRight did not move padding: {after}"
    assert shape_text.inner_text() == expected_text, (
        f"padding {p} -> {p + 1} with i={i}, k={k}, s={s}, d={d}: the explorer shows "
        f"{shape_text.inner_text()!r}, the formula gives {expected_text!r}"
    )
