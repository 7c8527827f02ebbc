"""Load pages of the built site in headless Chromium and record what they did.

Shared by the browser tests (tests/conftest.py, tests/test_site.py) and
tools/site_report.py, which prints the per-page figures. Only Debian's chromium is
driven (no Playwright browser download): set CHROMIUM to use another binary.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SITE_DIRECTORY = ROOT / "_build" / "html"
ARTIFACTS_DIRECTORY = ROOT / "artifacts"

# What a closed network needs: no sandbox (root in containers), no GPU, and none of the
# background traffic (QUIC probes, component updates, sync) that would count as requests.
CHROMIUM_ARGUMENTS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

DESKTOP_VIEWPORT = {"width": 1280, "height": 800}
MOBILE_VIEWPORT = {"width": 390, "height": 844}

# Folders of the build that hold assets, not pages.
NON_PAGE_FOLDERS = {"_static", "_sources", "_images", "_downloads", "_sphinx_design_static"}


def chromium_executable() -> str | None:
    """The chromium binary to drive, or None when the machine has none."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def site_pages(site: Path = SITE_DIRECTORY) -> list[str]:
    """Every HTML page of the built site, as paths relative to its root ("lessons/x.html")."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        if relative.parts[0] in NON_PAGE_FOLDERS:
            continue
        pages.append(relative.as_posix())
    return pages


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature http.server calls
        pass  # one line per asset would bury pytest's own output


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve directory on 127.0.0.1 on a free port in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class PageRecord:
    """What one page load did: every request, and everything that went wrong."""

    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    request_urls: list[str] = field(default_factory=list)
    finished_requests: list = field(default_factory=list)
    aborted_requests: list[str] = field(default_factory=list)

    def hosts_other_than(self, local_netloc: str) -> set[str]:
        """Hosts of requests that did not go to local_netloc (file:// and data: are local)."""
        hosts = set()
        for url in self.request_urls:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "file", "about"):
                continue
            if parts.netloc != local_netloc:
                hosts.add(parts.netloc or url)
        return hosts

    def transferred_bytes(self) -> int:
        """Sum of response headers and bodies of every finished request (the page weight)."""
        total = 0
        for request in self.finished_requests:
            sizes = request.sizes()
            total += max(sizes["responseBodySize"], 0) + max(sizes["responseHeadersSize"], 0)
        return total


def record_page(page, url: str) -> PageRecord:
    """Attach listeners to page that fill a PageRecord; call before page.goto(url)."""
    record = PageRecord(url=url)

    def on_console(message):
        if message.type == "error":
            location = message.location or {}
            record.console_errors.append(f"{message.text} (at {location.get('url', '?')})")

    def on_request_failed(request):
        text = f"{request.url}: {request.failure}"
        if request.url in record.aborted_requests:
            return  # blocked on purpose by block_other_hosts; counted there
        record.failed_requests.append(text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: record.page_errors.append(str(error)))
    page.on("request", lambda request: record.request_urls.append(request.url))
    page.on("requestfailed", on_request_failed)
    page.on("requestfinished", lambda request: record.finished_requests.append(request))
    return record


def block_other_hosts(context, local_netloc: str, record_of_page) -> None:
    """Abort every request not for local_netloc (or file://), as an unreachable network would.

    record_of_page(): the PageRecord currently being filled, which notes each aborted URL.
    """

    def route(route_request):
        url = route_request.request.url
        parts = urlsplit(url)
        if parts.scheme in ("file", "data", "blob") or parts.netloc == local_netloc:
            route_request.continue_()
        else:
            record_of_page().aborted_requests.append(url)
            route_request.abort("internetdisconnected")

    context.route("**/*", route)


def wait_for_mathjax(page) -> None:
    """Wait until MathJax, when the page loads it, has typeset the page.

    Call after the load event: Sphinx loads MathJax deferred, so by then it has started.
    """
    page.evaluate(
        "async () => { if (window.MathJax && MathJax.startup && MathJax.startup.promise)"
        " { await MathJax.startup.promise; } }"
    )


def launch_chromium(playwright):
    executable = chromium_executable()
    if executable is None:
        raise FileNotFoundError(
            "No chromium: install Debian's with `apt-get install -y chromium` (CI does: .ci/run),"
            " or set CHROMIUM=/path/to/chromium. Playwright's own browser download is not used."
        )
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGUMENTS)


def serious_violations(axe_response: dict) -> list[dict]:
    """The axe-core violations of impact critical or serious."""
    return [v for v in axe_response["violations"] if v.get("impact") in ("critical", "serious")]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:10]:
            lines.append(f"      at {', '.join(map(str, node['target']))}")
        if len(violation["nodes"]) > 10:
            lines.append(f"      ... and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)
