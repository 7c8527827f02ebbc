"""JupyterHub end to end, offline: the built pages' JupyterHub buttons, followed in headless Chromium.

On 127.0.0.1 this starts a real JupyterHub (jupyterhub, pinned in requirements-test.txt; its
proxy, configurable-http-proxy, from node_modules), with the dummy authenticator (any password)
and SimpleLocalProcessSpawner (each user's server is a local process, home folders in a temporary
directory). The single-user servers run in .venv, which has nbgitpuller and the course.

The lesson pages of every edition (tests/support/site_audit.py's EDITIONS) are built as `make book` builds
them -- the English book from the repository, the Chinese one from the source tools/translate.py
writes -- without executing them, into a temporary folder, with the hub's address as
COURSE_JUPYTERHUB_URL, so each page carries the JupyterHub button learners get. The button names
the course's GitHub repository; the user servers' git is told (url.<base>.insteadOf) to fetch that
address from a bare clone of this repository's working tree, so the clone happens offline while
the button's address is the published one.

One learner logs in once; one user server serves every lesson. Every lesson page's button, in
every edition, must name the repository, its main branch and the edition's own notebook. Two
buttons are followed to the end, one per edition: the Chinese explorer lesson's (JupyterLab opens
it, the kernel starts and every cell runs: Run > Run All Cells) and the first English lesson's (it
opens and its setup cell runs). The other buttons differ from these only by the file they name
(checked for every page); running the other lessons' cells in JupyterLab again would prove little
more: every cell of every lesson runs in the book's build of each edition, and every English one
with nbval (tests/launch/test_colab.py); lesson 3 is the only one with widgets. The notebook is
saved and read back from the learner's home folder. Why read the saved notebook instead of the
page: JupyterLab 4 renders an error output with the stderr renderer (the same as a warning), so
the page cannot tell an error from a warning; the saved notebook can (output_type "error"). A
planted notebook proves the detector sees errors at all. Cells tagged "raises-exception" raise on
purpose: JupyterLab sends them with stop_on_error=False, so Run All goes on after them; every
other error stops the run, which the "every cell ran" check reports.

On the Chinese padding-and-stride lesson the live explorer's padding slider is then moved with
the keyboard, and the output shape it shows must become what the formula gives (labels and shape
text read with the edition's own message catalogue).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import site_audit
import yaml
from paths import ROOT

from convcourse import messages

pytestmark = [pytest.mark.launch, pytest.mark.lab]


BIN = ROOT / ".venv" / "bin"
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
# The lessons' file names, the same in every edition (lessons/ and zh/lessons/).
LESSONS = [lesson.name for lesson in sorted((ROOT / "lessons").glob("*.ipynb"))]
EXPLORER_LESSON = "03_padding_and_stride.ipynb"
PLANTED = "planted_error.ipynb"
ALLOWED_TO_RAISE = "raises-exception"
EDITIONS = site_audit.EDITIONS
# The edition whose explorer lesson runs every cell; the others' first lesson opens and runs its setup cell.
FULL_RUN_EDITION = "zh"
USER = "learner"
from launch_settings import resolve  # noqa: E402
from translation import edition as chinese_edition  # noqa: E402

# The repository the buttons name: the configured one, or else one stand-in GitHub address. Either
# way git fetches it from the local bare clone, never from the network.
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
CONFIGURED_REPOSITORY = resolve(CONFIG["repository"]["url"], "")[0]
REPOSITORY = CONFIGURED_REPOSITORY or "https://github.com/convcourse-check/convcourse"
REPOSITORY_NAME = REPOSITORY.rsplit("/", 1)[1]
PASSWORD = "any"  # the dummy authenticator takes any password

# Each lesson runs in under 15 s alone; the margins allow a loaded 2-core machine, not a hang.
HUB_START_TIMEOUT_S = 90
BOOK_BUILD_TIMEOUT_S = 300
SPAWN_AND_PULL_TIMEOUT_MS = 120_000
NOTEBOOK_OPEN_TIMEOUT_MS = 60_000
RUN_START_TIMEOUT_MS = 20_000
RUN_TIMEOUT_S = 180
SAVE_TIMEOUT_S = 20
WIDGET_TIMEOUT_MS = 10_000
UI_TIMEOUT_MS = 15_000

# User settings of every user's JupyterLab: no news or update toasts, no kernel dialog, and
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
        code_cell('print("collapsed, never reached")'),
    ]
    cells[-1]["metadata"]["jupyter"] = {"source_hidden": True}  # as solution cells are
    notebook = {"cells": cells, "metadata": {"kernelspec": {
        "name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}
    for number, cell in enumerate(cells):
        cell["id"] = f"planted-{number}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook))


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


def hub_config(workspace: Path, port: int, hub_port: int, api_port: int, bare_repository: Path) -> str:
    settings = workspace / "lab-settings"
    for relative, values in LAB_SETTINGS.items():
        settings_file = settings / relative
        settings_file.parent.mkdir(parents=True, exist_ok=True)
        settings_file.write_text(json.dumps(values))
    arguments = ["--ServerApp.terminals_enabled=False", "--LabApp.news_url=None",
                 "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:  # CI containers run as root (.ci/run); the servers refuse without this
        arguments.append("--allow-root")
    environment = {
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        # The button's repository address is fetched from the bare clone (offline).
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"url.{bare_repository.as_uri()}.insteadOf",
        "GIT_CONFIG_VALUE_0": REPOSITORY,
        "GIT_TERMINAL_PROMPT": "0",
    }
    return "\n".join([
        f"c.JupyterHub.bind_url = 'http://127.0.0.1:{port}'",
        f"c.JupyterHub.hub_bind_url = 'http://127.0.0.1:{hub_port}'",
        f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{api_port}'",
        f"c.ConfigurableHTTPProxy.command = [{str(PROXY)!r}]",
        f"c.ConfigurableHTTPProxy.pid_file = {str(workspace / 'proxy.pid')!r}",
        f"c.JupyterHub.db_url = 'sqlite:///{workspace / 'jupyterhub.sqlite'}'",
        f"c.JupyterHub.cookie_secret_file = {str(workspace / 'cookie_secret')!r}",
        "c.JupyterHub.authenticator_class = 'dummy'",
        "c.JupyterHub.spawner_class = 'simple'",
        f"c.SimpleLocalProcessSpawner.home_dir_template = {str(workspace / 'home' / '{username}')!r}",
        f"c.Spawner.cmd = [{str(BIN / 'jupyterhub-singleuser')!r}]",
        f"c.Spawner.args = {arguments!r}",
        f"c.Spawner.notebook_dir = {str(workspace / 'home' / '{username}')!r}",
        f"c.Spawner.environment = {environment!r}",
        "c.Spawner.default_url = '/lab'",
        "c.Spawner.start_timeout = 120",
        "c.Spawner.http_timeout = 120",
    ]) + "\n"


def for_the_hub(source: Path) -> None:
    """The book reduced to its lesson pages, not executed (the buttons need neither outputs nor
    the other pages); its configuration otherwise as it is, extensions and all."""
    config = yaml.safe_load((source / "_config.yml").read_text())
    config["execute"]["execute_notebooks"] = "off"
    (source / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    toc = {"format": "jb-book", "root": f"lessons/{Path(LESSONS[0]).stem}",
           "chapters": [{"file": f"lessons/{Path(lesson).stem}"} for lesson in LESSONS[1:]]}
    (source / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False))


def write_english_book(source: Path) -> None:
    """The English book: the repository's lessons, configuration and book/ folder."""
    (source / "lessons").mkdir(parents=True)
    for lesson in LESSONS:
        shutil.copy(ROOT / "lessons" / lesson, source / "lessons" / lesson)
    # Linked, not copied: the local extensions find the repository from their real path.
    (source / "book").mkdir()
    for entry in (ROOT / "book").iterdir():
        if entry.name != "__pycache__":
            (source / "book" / entry.name).symlink_to(entry)
    shutil.copy(ROOT / "_config.yml", source / "_config.yml")


def write_chinese_book(source: Path) -> None:
    """The Chinese book as `make book` builds it (tools/translate.py source): its configuration
    sends the buttons to zh/lessons/."""
    chinese_edition.write_source(source)


# How each edition's book source is written, as `make book` writes it.
BOOK_WRITERS = {"en": write_english_book, "zh": write_chinese_book}


def serve_working_tree(bare: Path) -> Path:
    """A bare repository whose branch main holds the files of the working tree (tracked or new,
    not ignored): what the pages were built from, committed or not. On a clean clone, HEAD."""
    snapshot = bare.parent / "snapshot"
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():  # a deleted, not yet committed file is listed too
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, snapshot / name)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@localhost", "-c", "init.defaultBranch=main"]
    for command in (["init", "--quiet"], ["add", "--all"], ["commit", "--quiet", "-m", "working tree"]):
        subprocess.run(git + command, cwd=snapshot, check=True, capture_output=True)
    subprocess.run(["git", "clone", "--quiet", "--bare", str(snapshot), str(bare)], check=True)
    return bare


def wait_for_hub(hub: subprocess.Popen, url: str, log_path: Path) -> None:
    deadline = time.monotonic() + HUB_START_TIMEOUT_S
    while True:
        if hub.poll() is not None:
            pytest.fail(f"jupyterhub exited ({hub.returncode}):\n{log_path.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}/hub/api", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"jupyterhub did not answer in {HUB_START_TIMEOUT_S} s:\n"
                        f"{log_path.read_text()[-4000:]}")
        time.sleep(0.5)


def stop(process: subprocess.Popen) -> None:
    for stop_signal, grace_seconds in ((signal.SIGTERM, 30), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, stop_signal)
            process.wait(timeout=grace_seconds)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """{"url", "home", "html", "problems"} of a running JupyterHub and of the pages built for it
    (html and problems: by edition; an edition whose pages could not be built has its problem).

    Always stopped; fails the run if any process of it (proxy, user server, kernel) outlives it.
    """
    assert PROXY.exists(), f"{PROXY} is missing: run `npm ci` (make setup-npm)"
    workspace = tmp_path_factory.mktemp("jupyterhub")
    bare = serve_working_tree(workspace / "origin" / f"{REPOSITORY_NAME}.git")

    port, hub_port, api_port = free_port(), free_port(), free_port()
    url = f"http://127.0.0.1:{port}"
    (workspace / "jupyterhub_config.py").write_text(hub_config(workspace, port, hub_port, api_port, bare))
    log_path = workspace / "jupyterhub.log"
    builds, html, problems = {}, {}, {}
    with open(log_path, "wb") as log:
        # Each in a process group of its own, so that stopping it also stops what it started.
        hub_process = subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(workspace / "jupyterhub_config.py")],
            stdout=log, stderr=subprocess.STDOUT, cwd=workspace, start_new_session=True,
            env=dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}"))
    # Every edition's pages, built while the hub starts.
    for name in EDITIONS:
        source, output = workspace / "books" / name, workspace / "out" / name
        try:
            BOOK_WRITERS[name](source)
            for_the_hub(source)
        except Exception as error:  # noqa: BLE001 - that edition's tests fail with it; the others run
            problems[name] = f"its book source could not be written: {error!r}"
            continue
        html[name] = output / "_build" / "html"
        with open(workspace / f"book-{name}.log", "wb") as book_out:
            builds[name] = subprocess.Popen(
                [str(BIN / "jupyter-book"), "build", str(source), "--path-output", str(output)],
                stdout=book_out, stderr=subprocess.STDOUT, start_new_session=True,
                env=dict(os.environ, COURSE_REPOSITORY_URL=REPOSITORY, COURSE_JUPYTERHUB_URL=url))
    try:
        wait_for_hub(hub_process, url, log_path)
        for name, book in builds.items():
            try:
                book.wait(timeout=BOOK_BUILD_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                stop(book)
            if book.returncode != 0:
                problems[name] = ("its pages for the hub did not build:\n"
                                  + (workspace / f"book-{name}.log").read_text()[-4000:])
        yield {"url": url, "home": workspace / "home", "html": html, "problems": problems, "log": log_path}
    finally:
        for book in builds.values():
            stop(book)
        proxy_pid_file = workspace / "proxy.pid"
        proxy_pid = proxy_pid_file.read_text().strip() if proxy_pid_file.exists() else ""
        stop(hub_process)
        # The workspace path is unique to this run: user servers and kernels name it.
        left_running = processes_mentioning(str(workspace))
        if proxy_pid and Path(f"/proc/{proxy_pid}").exists():
            left_running.append((int(proxy_pid), "configurable-http-proxy"))
        for pid, _ in left_running:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if left_running:
            pytest.fail("JupyterHub left processes running (now killed):\n"
                        + "\n".join(f"  {pid}: {line}" for pid, line in left_running))


def edition_html(hub: dict, edition: str) -> Path:
    """The folder of the edition's pages built for the hub (fails with why when they are not)."""
    if edition in hub["problems"]:
        pytest.fail(f"the {edition} edition: {hub['problems'][edition]}", pytrace=False)
    return hub["html"][edition]


def hub_button(html: Path, lesson: str) -> str:
    """The href of the JupyterHub button of the lesson's built page."""
    page = html / "lessons" / lesson.replace(".ipynb", ".html")
    assert page.is_file(), f"{page} was not built"
    links = re.findall(r'href="([^"]*/hub/user-redirect/git-pull\?[^"]*)"', page.read_text())
    assert len(links) == 1, f"{page.name}: expected one JupyterHub button, found {links}"
    return unescape(links[0])


def in_repository(edition: str, lesson: str) -> str:
    """Where the repository keeps the edition's lesson ("lessons/x.ipynb", "zh/lessons/x.ipynb")."""
    return f"{EDITIONS[edition].folder}lessons/{lesson}"


@pytest.fixture(scope="module")
def learner(hub, browser):
    """The one learner's browser page: logged in at its first visit, one user server for every lesson."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(UI_TIMEOUT_MS)
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    try:
        yield page, page_errors
    finally:
        context.close()


@pytest.fixture
def lab(learner):
    """The learner's page for one test, and the errors JupyterLab raises during it; afterwards
    JupyterLab is left clean for the next lesson (leave_lab)."""
    page, page_errors = learner
    already = len(page_errors)
    try:
        yield page, lambda: page_errors[already:]
    finally:
        leave_lab(page)


def leave_lab(page) -> None:
    """Leave JupyterLab, stop the learner's kernels and forget the open tabs, so that the next
    lesson opens alone in a fresh kernel.

    One server serves every lesson: JupyterLab saves its workspace (the open notebooks) and,
    at the next lesson's address, reopens every notebook opened before, each with a kernel of its
    own; left open, it would start a new kernel for its notebook as soon as its session is
    deleted. So: leave the page, delete the sessions, delete the saved workspace, through the
    server's API with the XSRF token it asks of every request a cookie authenticates (a GET
    too: without it, 403).
    """
    match = re.search(r"^(.*/user/[^/]+/)", page.url)
    if not match:
        return
    base = match.group(1)
    page.goto("about:blank")
    request = page.context.request
    xsrf = next((cookie["value"] for cookie in page.context.cookies(base) if cookie["name"] == "_xsrf"), "")
    headers = {"X-XSRFToken": unquote(xsrf)}
    listed = request.get(f"{base}api/sessions", headers=headers)
    assert listed.ok, f"the learner's sessions could not be listed (HTTP {listed.status})"
    statuses = [request.delete(f"{base}api/sessions/{session['id']}", headers=headers).status
                for session in listed.json()]
    statuses.append(request.delete(f"{base}lab/api/workspaces/default", headers=headers).status)
    assert all(status == 204 for status in statuses), f"kernels or workspace not deleted: {statuses}"


def log_in(page, user: str) -> None:
    page.locator("#username_input").fill(user)
    page.locator("#password_input").fill(PASSWORD)
    page.locator("#login_submit").click()


def open_in_lab(page, url: str, opened: str) -> None:
    """Go to url as the learner, logging in if the hub asks, until JupyterLab shows opened (a
    regular expression of its address): the first time the hub starts the learner's server."""
    page.goto(url)
    if "/hub/login" in page.url:
        log_in(page, USER)
    page.wait_for_url(re.compile(opened), timeout=SPAWN_AND_PULL_TIMEOUT_MS)


def checked_hub_button(hub: dict, edition: str, lesson: str) -> tuple[str, str]:
    """The edition's lesson page's JupyterHub button (its address), checked to pull this
    repository's main branch and open the edition's notebook in JupyterLab; and that notebook's
    path in the repository."""
    href = hub_button(edition_html(hub, edition), lesson)
    query = parse_qs(urlsplit(href).query)
    path = in_repository(edition, lesson)
    assert href.startswith(f"{hub['url']}/hub/user-redirect/git-pull?"), href
    assert query["repo"] == [REPOSITORY] and query["branch"] == ["main"], query
    assert query["urlpath"] == [f"lab/tree/{REPOSITORY_NAME}/{path}"], query
    return href, path


def follow_hub_button(page, hub: dict, edition: str, lesson: str) -> tuple[dict, Path]:
    """Follow the edition's lesson page's JupyterHub button; returns the lesson as the button
    opened it (after checking that it is the edition's notebook) and its path in the clone."""
    href, path = checked_hub_button(hub, edition, lesson)
    # The hub starts the learner's server (once), nbgitpuller clones or pulls, JupyterLab opens it.
    open_in_lab(page, href, rf"/user/{USER}/lab/tree/{REPOSITORY_NAME}/{re.escape(path)}")
    clone = hub["home"] / USER / REPOSITORY_NAME
    assert (clone / ".git").is_dir(), f"nbgitpuller made no clone in {clone}"
    notebook = wait_for_notebook(page, clone / path)
    assert cell_sources(notebook) == cell_sources(json.loads((ROOT / path).read_text())), (
        f"the button opened a notebook that is not the repository's {path}")
    return notebook, clone / path


def wait_for_notebook(page, path: Path) -> dict:
    """Wait until the notebook at path shows all its cells and its kernel is idle."""
    notebook = json.loads(path.read_text())
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


def run_cells(page, item: str = "Run All Cells") -> None:
    """Run > item, then wait until the kernel is idle and no cell is queued ([*])."""
    click_menu(page, "Run", item)
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


def save_and_read_back(page, path: Path) -> dict:
    """File > Save Notebook, then the notebook as the server wrote it (outputs included)."""
    before = path.stat().st_mtime_ns
    click_menu(page, "File", "Save Notebook")
    deadline = time.monotonic() + SAVE_TIMEOUT_S
    while path.stat().st_mtime_ns == before:
        if time.monotonic() > deadline:
            pytest.fail(f"{path.name} was not saved within {SAVE_TIMEOUT_S} s", pytrace=False)
        time.sleep(0.2)
    time.sleep(0.3)  # the server writes to a temporary file and renames it: let the write finish
    return json.loads(path.read_text())


def describe_error(output: dict) -> str:
    return f"{output.get('ename')}: {output.get('evalue')}"[:300]


def source_text(cell: dict) -> str:
    source = cell["source"]  # nbformat allows a string or a list of lines
    return "".join(source) if isinstance(source, list) else source


def cell_sources(notebook: dict) -> list[str]:
    return list(map(source_text, notebook["cells"]))


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
        # A collapsed input (a solution cell) shows no prompt: its saved count says it ran.
        hidden = cell["metadata"].get("jupyter", {}).get("source_hidden", False)
        prompt_ran = re.fullmatch(r"\[\d+\]:", prompt) or (hidden and prompt == "")
        if saved_cell["execution_count"] is None or not prompt_ran:
            problems.append(f"cell {index}: did not run (prompt {prompt})")
        elif errors and not allowed:
            problems.append(f"cell {index}: error output {describe_error(errors[0])}")
        elif allowed and not errors:
            problems.append(f"cell {index}: tagged {ALLOWED_TO_RAISE} but raised nothing")
    return problems


def run_and_check(page, original: dict, path: Path) -> list[str]:
    run_cells(page)
    saved = save_and_read_back(page, path)
    return run_problems(original, saved, run_state(page)["prompts"])


def test_detector_sees_a_planted_error_and_the_cells_it_stopped(hub, lab):
    page, _ = lab
    path = hub["home"] / USER / PLANTED
    write_planted_notebook(path)
    open_in_lab(page, f"{hub['url']}/hub/user-redirect/lab/tree/{PLANTED}",
                rf"/user/{USER}/lab/tree/{PLANTED}")
    problems = run_and_check(page, wait_for_notebook(page, path), path)
    # Cell 1's tagged error is allowed and the run goes past it; cell 3's stops the run, so
    # neither cell 4 nor the collapsed cell 5 runs.
    assert problems[:2] == [
        "cell 3: error output RuntimeError: planted",
        "cell 4: did not run (prompt [ ]:)",
    ] and len(problems) == 3 and problems[2].startswith("cell 5: did not run"), (
        f"the detector does not see what the planted notebook does: {problems}")


def screenshot_if(problems: list[str], page, screenshot_directory: Path, edition: str, lesson: str) -> None:
    if problems:
        page.screenshot(path=str(screenshot_directory / f"jupyterhub-{edition}-{lesson}.png"))


# The other editions' buttons differ from the full-run edition's only by the folder they name
# (checked for every page below); the first lesson of each is followed to its setup cell.
PARTLY_RUN = [(edition, LESSONS[0]) for edition in EDITIONS if edition != FULL_RUN_EDITION]


@pytest.mark.parametrize("lesson", LESSONS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_lesson_pages_jupyterhub_button_opens_its_own_notebook(hub, edition, lesson):
    _, path = checked_hub_button(hub, edition, lesson)
    assert (ROOT / path).is_file(), f"{edition} {lesson}: the button opens {path}, not in the repository"


@pytest.mark.parametrize(("edition", "lesson"), PARTLY_RUN)
def test_lesson_opens_from_its_jupyterhub_button_and_its_setup_cell_runs(
        hub, lab, edition, lesson, screenshot_directory):
    page, page_errors = lab
    _, path = follow_hub_button(page, hub, edition, lesson)
    page.locator(CELL).first.locator(".jp-InputPrompt").click()  # the setup cell, selected
    run_cells(page, "Run Selected Cell and Do not Advance")
    saved = save_and_read_back(page, path)
    setup, *others = [cell for cell in saved["cells"] if cell["cell_type"] == "code"]
    errors = [describe_error(o) for o in setup["outputs"] if o["output_type"] == "error"]
    problems = ["the setup cell did not run"] if setup["execution_count"] is None else []
    problems += [f"the setup cell raised {error}" for error in errors]
    problems += [f"a cell after the setup cell ran: {source_text(cell)[:80]!r}"
                 for cell in others if cell["execution_count"] is not None]
    screenshot_if(problems, page, screenshot_directory, edition, lesson)
    assert not problems, f"{in_repository(edition, lesson)} through JupyterHub:\n  " + "\n  ".join(problems)
    assert not page_errors(), f"{lesson}: JupyterLab's page raised: {page_errors()}"


def run_lesson_through_the_hub(page, hub, edition: str, lesson: str, screenshot_directory) -> list[str]:
    original, path = follow_hub_button(page, hub, edition, lesson)
    problems = run_and_check(page, original, path)
    screenshot_if(problems, page, screenshot_directory, edition, lesson)
    return problems


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


@pytest.mark.parametrize("edition", [FULL_RUN_EDITION])
def test_explorer_lesson_runs_through_the_hub_and_its_padding_slider_changes_the_shape(
        hub, lab, edition, screenshot_directory):
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    page, page_errors = lab
    problems = run_lesson_through_the_hub(page, hub, edition, EXPLORER_LESSON, screenshot_directory)
    assert not problems, f"{EXPLORER_LESSON} through JupyterHub:\n  " + "\n  ".join(problems)
    assert not page_errors(), f"{EXPLORER_LESSON}: JupyterLab's page raised: {page_errors()}"

    # The explorer speaks the edition's language: its words come from that language's catalogue.
    words = messages.catalogue(EDITIONS[edition].language)
    explorer = page.locator(f"{VISIBLE_NOTEBOOK} .ck-live")
    explorer.wait_for(timeout=WIDGET_TIMEOUT_MS)
    assert explorer.count() == 1, f"expected one live explorer, found {explorer.count()}"
    before = explorer_sliders(explorer)
    names = (words.LABEL_INPUT, words.LABEL_KERNEL, words.LABEL_PADDING, words.LABEL_STRIDE,
             words.LABEL_DILATION)
    assert set(names) <= set(before), f"explorer sliders are {sorted(before)}, expected {names}"
    i, k, p, s, d = (before[name] for name in names)
    shape_text = explorer.get_by_text(re.compile(
        "^" + re.escape(words.OUTPUT_SHAPE).replace(r"\{rows\}", r"\d+")
        .replace(r"\{cols\}", r"\d+") + "$"))
    shown_before = words.OUTPUT_SHAPE.format(rows=output_size(i, k, p, s, d), cols=output_size(i, k, p, s, d))
    assert shape_text.inner_text() == shown_before, "the explorer's first shape is not the formula's"

    padding_slider = explorer.locator(".widget-slider").filter(
        has=page.locator(".widget-label", has_text=re.compile(rf"^\s*{re.escape(words.LABEL_PADDING)}\s*$")))
    padding_slider.locator("[role=slider]").focus()
    page.keyboard.press("ArrowRight")
    expected = output_size(i, k, p + 1, s, d)
    expected_text = words.OUTPUT_SHAPE.format(rows=expected, cols=expected)
    assert expected_text != shown_before  # else the check below would prove nothing
    try:
        shape_text.filter(has_text=expected_text).wait_for(timeout=WIDGET_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        pass  # the assertions below say what the widget shows instead
    after = explorer_sliders(explorer)
    assert after[words.LABEL_PADDING] == p + 1, f"ArrowRight did not move padding: {after}"
    assert shape_text.inner_text() == expected_text, (
        f"padding {p} -> {p + 1} with i={i}, k={k}, s={s}, d={d}: the explorer shows "
        f"{shape_text.inner_text()!r}, the formula gives {expected_text!r}"
    )


@pytest.mark.parametrize("edition", EDITIONS)
def test_pages_built_for_the_hub_carry_binder_colab_and_repository_buttons(hub, edition):
    # The site that `make test` builds may name no repository (then it has none of these buttons:
    # tests/site/test_built_pages.py); this build names one, and every button must point at it, in
    # each edition at the edition's own notebook.
    html_folder = edition_html(hub, edition)
    for lesson in LESSONS:
        html = (html_folder / "lessons" / lesson.replace(".ipynb", ".html")).read_text()
        owner_name = REPOSITORY.removeprefix("https://github.com/")
        path = in_repository(edition, lesson)
        assert f"https://mybinder.org/v2/gh/{owner_name}/main?urlpath=lab/tree/{path}" in html
        assert f"https://colab.research.google.com/github/{owner_name}/blob/main/{path}" in html
        assert f'href="{REPOSITORY}"' in html
