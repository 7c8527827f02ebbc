"""Load pages of the built site in headless Chromium and record what they did.

Shared by the browser tests (tests/conftest.py, tests/test_site.py) and
tools/site_report.py, which prints the per-page figures. Debian's chromium is driven (set
CHROMIUM to use another binary); without it, Playwright's own browser (launch_chromium).
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))  # tools/ is a folder of scripts, not a package
import serve_site  # noqa: E402

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


def serve_directory(directory: Path):
    """Serve directory, uncompressed, on 127.0.0.1 on a free port in a thread; a context manager
    that yields the base URL (tools/serve_site.py's server, without its gzip)."""
    return serve_site.serve_in_thread(directory, compress=False)


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
    listening: bool = True

    def stop_listening(self) -> None:
        """Ignore what happens from now on (axe-core fetches stylesheets itself while it runs)."""
        self.listening = False

    def hosts_other_than(self, local_netloc: str) -> set[str]:
        """Hosts of requests that did not go to local_netloc (file: and data: URLs are local)."""
        hosts = set()
        for url in self.request_urls + self.aborted_requests:
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
        if record.listening and message.type == "error":
            location = message.location or {}
            record.console_errors.append(f"{message.text} (at {location.get('url', '?')})")

    def on_page_error(error):
        if record.listening:
            record.page_errors.append(str(error))

    def on_request(request):
        if record.listening:
            record.request_urls.append(request.url)

    def on_request_failed(request):
        # Requests aborted on purpose by the offline mode are reported as aborted_requests.
        if record.listening and request.url not in record.aborted_requests:
            record.failed_requests.append(f"{request.url}: {request.failure}")

    def on_response(response):
        if record.listening and response.status >= 400:
            record.failed_requests.append(f"{response.url}: HTTP {response.status}")

    def on_request_finished(request):
        if record.listening:
            record.finished_requests.append(request)

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    page.on("request", on_request)
    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)
    page.on("requestfinished", on_request_finished)
    return record


def is_local(url: str, local_netloc: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("file", "data", "blob", "about") or parts.netloc == local_netloc


def open_page(browser, url: str, *, viewport=DESKTOP_VIEWPORT, offline: bool = False):
    """Load url in a fresh context (empty cache); returns (context, page, record).

    offline: abort every request that leaves the local server, as an unreachable network
    would; aborted URLs land in record.aborted_requests. Close the context when done.
    """
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    record = record_page(page, url)
    if offline:
        local_netloc = urlsplit(url).netloc

        def route(route_request):
            request_url = route_request.request.url
            if is_local(request_url, local_netloc):
                route_request.continue_()
            else:
                record.aborted_requests.append(request_url)
                route_request.abort("internetdisconnected")

        context.route("**/*", route)
    page.goto(url, wait_until="load")
    settle(page)
    return context, page, record


def reveal_everything(page, timeout_ms: int = 20_000) -> list[str]:
    """Lay out and load the whole page, as a reader who scrolls to its end would see it.

    Images below the fold load lazily and far sections are not laid out (content-visibility:
    auto), so a full-page screenshot taken at once shows blank boxes where a reader would see
    figures. Returns the address of every image that still has no picture (empty when all load).
    """
    page.add_style_tag(content="* { content-visibility: visible !important; }")
    page.evaluate("() => { for (const image of document.images) image.loading = 'eager'; }")
    page.wait_for_function("() => Array.from(document.images).every(image => image.complete)",
                           timeout=timeout_ms)
    return page.evaluate("() => Array.from(document.images).filter(image => image.naturalWidth === 0)"
                         ".map(image => image.currentSrc || image.src)")


def settle(page, attempts: int = 4) -> None:
    """Wait for the page to finish loading and follow a meta-refresh redirect."""
    from playwright.sync_api import Error as PlaywrightError

    for _ in range(attempts):
        try:
            page.wait_for_load_state("load")
            page.wait_for_load_state("networkidle")
            target = redirect_target(page)
            if target and page.url != target:
                page.wait_for_url(target, wait_until="load")
                continue
            return
        except PlaywrightError as error:
            # A redirect replaced the document while we were looking at it: look again.
            if "context was destroyed" not in str(error):
                raise
    raise RuntimeError(f"{page.url} kept navigating: no stable page after {attempts} tries")


def redirect_target(page) -> str | None:
    """The absolute URL a <meta http-equiv="refresh"> page sends the reader to, if any."""
    return page.evaluate(
        """() => {
            const meta = document.querySelector('meta[http-equiv="Refresh" i]');
            if (!meta) return null;
            const match = /url=(.*)$/i.exec(meta.content);
            return match ? new URL(match[1].trim(), document.baseURI).href : null;
        }"""
    )



NO_CHROMIUM = (
    "No chromium: install Debian's (`apt-get install -y chromium`; CI does: .ci/run) or Playwright's "
    "(`.venv/bin/python -m playwright install chromium`), or set CHROMIUM=/path/to/chromium."
)


def launch_chromium(playwright):
    """Debian's chromium (or $CHROMIUM); without it, Playwright's own, installed if need be."""
    executable = chromium_executable()
    if executable is not None:
        return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGUMENTS)
    if os.environ.get("CHROMIUM"):  # a wrong path given on purpose: say so, do not guess
        raise FileNotFoundError(f"CHROMIUM={os.environ['CHROMIUM']} does not exist. " + NO_CHROMIUM)
    if not Path(playwright.chromium.executable_path).exists():
        import subprocess
        import sys

        installed = subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"],
                                   capture_output=True, text=True, timeout=600)
        if installed.returncode != 0 or not Path(playwright.chromium.executable_path).exists():
            raise FileNotFoundError(NO_CHROMIUM)
    return playwright.chromium.launch(args=CHROMIUM_ARGUMENTS)


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
