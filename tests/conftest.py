"""Shared fixtures: the matplotlib figures of the drawing tests, and the browser (`-m browser`)
and JupyterLab (`-m lab`) tests.

The site tests read the built site in _build/html (`make book-force` builds it); set
SITE_HTML=/path/to/html to test another build. They fail, never skip, when the site or
Debian's chromium is missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib
import pytest

# Figures are drawn off screen: there is no display in tests.
matplotlib.use("Agg")

# The page-loading helpers (tests/support/site_audit.py) are shared with tools/site_report.py, so
# that the report and these tests measure pages the same way.
import site_audit  # noqa: E402
from site_audit import site_directory_under_test  # noqa: E402


@pytest.fixture(scope="session")
def site_directory() -> Path:
    site = site_directory_under_test()
    if not (site / "index.html").is_file():
        pytest.fail(
            f"No built site at {site} (index.html missing): run `make book-force` first.",
            pytrace=False,
        )
    return site


@pytest.fixture(scope="session")
def site_url(site_directory) -> str:
    """Base URL ("http://127.0.0.1:PORT/") of a local server of the built site."""
    with site_audit.serve_directory(site_directory) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser():
    # Imported here so that `make unit` does not need Playwright importable.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = site_audit.launch_chromium(playwright)
        except FileNotFoundError as missing:  # no browser at all: stop the run with one line
            pytest.exit(str(missing), returncode=1)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def screenshot_directory() -> Path:
    directory = site_audit.ARTIFACTS_DIRECTORY / "screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture
def close_new_figures():
    """Close every matplotlib figure the test opened (the drawing tests use it for each test)."""
    import matplotlib.pyplot as plt

    before = set(plt.get_fignums())
    yield
    for number in set(plt.get_fignums()) - before:
        plt.close(number)


@pytest.fixture
def ax(close_new_figures):
    """A fresh matplotlib axes to draw on."""
    import matplotlib.pyplot as plt

    return plt.subplots()[1]


@pytest.fixture(scope="session", autouse=True)
def one_torch_thread():
    """torch on one thread for the whole run, then as it was: the tests' tensors are tiny, and tiny
    tensors are many times faster on one thread than on two on a busy 2-core machine. Only where
    the tests imported torch (the browser tests do not need it)."""
    torch = sys.modules.get("torch")
    if torch is None:
        yield
        return
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)
