"""The HTML and accessibility checkers the tests run: the Nu Html Checker (npm vnu-jar, on the
system's Java) and pa11y (npm, on Debian's chromium). A missing tool fails the test with one line
naming what to install, never a skip."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import site_audit
from paths import ROOT

# From the npm package vnu-jar (package.json), which `npm ci` installs.
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# The checker runs once per test: the JIT's quick tier (C1) is enough, and C1's deeper stack
# frames need the larger thread stack the checker asks for.
JAVA_OPTIONS = ["-Xss4m", "-XX:TieredStopAtLevel=1"]
PA11Y_RUNNER = Path(__file__).resolve().parent / "pa11y_pages.cjs"


def nu_html_errors(paths, *, names=lambda path: Path(path).name) -> dict[str, list[str]]:
    """The Nu Html Checker's errors in these files, by name (names(path); the file name unless
    given): ['line N: message', ...]."""
    if shutil.which("java") is None:
        pytest.fail("No java for the Nu Html Checker: apt-get install -y default-jre-headless",
                    pytrace=False)
    if not VNU_JAR.is_file():
        pytest.fail(f"No {VNU_JAR.relative_to(ROOT)}: npm ci", pytrace=False)
    paths = [Path(path) for path in paths]
    run = subprocess.run(["java", *JAVA_OPTIONS, "-jar", str(VNU_JAR), "--errors-only",
                          "--format", "json", "--stdout", *map(str, paths)],
                         capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(run.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"The Nu Html Checker gave no report: {run.stderr.strip()}", pytrace=False)
    by_path = {path.resolve(): names(path) for path in paths}
    errors = {names(path): [] for path in paths}
    for message in messages:
        url = message.get("url", "?")  # file:/tmp/a.html, as the checker writes it
        file = Path(unquote(urlsplit(url).path)).resolve() if url.startswith("file:") else None
        name = by_path.get(file, url)
        errors.setdefault(name, []).append(f"line {message.get('lastLine', '?')}: {message['message']}")
    return errors


def pa11y_errors(urls: list[str]) -> dict[str, list[dict]]:
    """pa11y's errors (WCAG 2 AA) on each URL, one browser for all of them."""
    node, chromium = shutil.which("node"), site_audit.chromium_executable()
    if node is None:
        pytest.fail("No node for pa11y: apt-get install -y nodejs npm", pytrace=False)
    if chromium is None:
        pytest.fail(site_audit.NO_CHROMIUM, pytrace=False)
    if not (ROOT / "node_modules" / "pa11y").is_dir():
        pytest.fail("No node_modules/pa11y: npm ci --ignore-scripts", pytrace=False)
    run = subprocess.run([node, str(PA11Y_RUNNER), chromium, *urls], capture_output=True, text=True,
                         timeout=60 + 30 * len(urls), cwd=ROOT)
    if run.returncode != 0:
        pytest.fail(f"pa11y failed: {run.stderr.strip()[-2000:]}", pytrace=False)
    return json.loads(run.stdout)
