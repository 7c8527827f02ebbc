"""Load pages of the built site in headless Chromium and record what they did.

Shared by the browser tests (tests/conftest.py, tests/site/test_pages.py) and
tools/site_report.py, which prints the per-page figures. Debian's chromium is driven (set
CHROMIUM to use another binary); without it, Playwright's own browser (launch_chromium).
"""

from __future__ import annotations

import functools
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import serve_site
from paths import ROOT

SITE_DIRECTORY = Path(os.environ.get("SITE_HTML", ROOT / "_build" / "html"))


def site_directory_under_test() -> Path:
    """The built site the browser tests read: _build/html, or SITE_HTML when set."""
    return Path(os.environ.get("SITE_HTML", SITE_DIRECTORY)).resolve()
ARTIFACTS_DIRECTORY = ROOT / "artifacts"
TOC_FILE = ROOT / "_toc.yml"

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

# Pages every edition has besides those of the table of contents.
SPHINX_PAGES = ("index.html", "search.html", "genindex.html")


@dataclass(frozen=True)
class Edition:
    """One language of the course: its pages live under `folder` of the built site, with the
    same paths in every edition ("zh/" + "lessons/01_module_skeleton.html")."""

    name: str
    folder: str  # "" for the site's root, else "<name>/"
    language: str  # what its pages declare in <html lang="...">
    search_term: str  # a word of every lesson that the edition's search must find (glossary term)


# THE list of editions: the site checks (tests/site/test_pages.py), the JupyterHub test and the site report
# take their editions from here.
EDITIONS = {edition.name: edition for edition in (
    Edition("en", "", "en", "convolution"),
    Edition("zh", "zh/", "zh-CN", "卷积"),
)}


def chromium_executable() -> str | None:
    """The chromium binary to drive, or None when the machine has none."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def toc_pages() -> list[str]:
    """The pages _toc.yml promises ("book/index.html", "lessons/....html"), the same in every edition."""
    import yaml

    toc = yaml.safe_load(TOC_FILE.read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part.get("chapters", [])]
    files += [chapter["file"] for chapter in toc.get("chapters", [])]
    return [f"{name}.html" for name in files]


def site_pages(site: Path = SITE_DIRECTORY) -> list[str]:
    """Every HTML page of the built site (tools/serve_site.py's rule, which Lighthouse's run uses
    too), as paths relative to its root ("lessons/x.html", "zh/lessons/x.html")."""
    return serve_site.site_pages(site)


def edition_of(page: str) -> Edition:
    """The edition a page of the site belongs to (the one with the longest matching folder)."""
    return max((edition for edition in EDITIONS.values() if page.startswith(edition.folder)),
               key=lambda edition: len(edition.folder))


def edition_pages(edition: Edition, site: Path = SITE_DIRECTORY) -> list[str]:
    """The edition's pages, relative to the site's root: those built, and those it must have
    (the table of contents' pages and Sphinx's own), built or not -- so that an edition missing
    from the build gives failing checks, not no checks."""
    built = {page for page in site_pages(site) if edition_of(page) == edition}
    expected = {edition.folder + page for page in (*toc_pages(), *SPHINX_PAGES)}
    return sorted(built | expected)


def parsed_page(site: Path, edition: str, page: str):
    """(path, parsed HTML) of the edition's page of the built site ("lessons/x.html")."""
    from bs4 import BeautifulSoup

    path = site / (EDITIONS[edition].folder + page)
    assert path.is_file(), f"{path} is missing: the page was not built (make book-force)"
    return path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def without_folder(edition: Edition, page: str) -> str:
    """The page's path inside its edition ("zh/lessons/x.html" -> "lessons/x.html")."""
    return page.removeprefix(edition.folder)


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
    listening: bool = True

    def stop_listening(self) -> None:
        """Ignore what happens from now on (axe-core fetches stylesheets itself while it runs)."""
        self.listening = False

    def resume_listening(self) -> None:
        self.listening = True

    def hosts_other_than(self, local_netloc: str) -> set[str]:
        """Hosts of requests that did not go to local_netloc (file: and data: URLs are local)."""
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
        if record.listening:
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


# A JavaScript function naming an element for a message: tag#id.class.class.
DESCRIBE_ELEMENT = """(node) => node.nodeName.toLowerCase() + (node.id ? '#' + node.id : '')
    + (node.className ? '.' + String(node.className).trim().split(/\\s+/).join('.') : '')"""

# Adds up, from the start of loading, how far what is on the screen moves without the reader
# doing anything (the layout shifts Lighthouse's cumulative layout shift adds up).
COUNT_LAYOUT_SHIFTS = f"""(() => {{
    window.__auditLayoutShifts = [];
    const describe = {DESCRIBE_ELEMENT};
    new PerformanceObserver((list) => {{
        for (const entry of list.getEntries()) {{
            if (entry.hadRecentInput) continue;
            const moved = entry.sources.map(({{node}}) => node ? describe(node) : '?');
            window.__auditLayoutShifts.push([entry.value, moved.join(', ')]);
        }}
    }}).observe({{type: 'layout-shift', buffered: true}});
}})();"""


def open_page(browser, url: str, *, viewport=DESKTOP_VIEWPORT):
    """Load url in a fresh context (empty cache); returns (context, page, record).
    Close the context when done."""
    context = browser.new_context(viewport=viewport)
    try:
        context.add_init_script(COUNT_LAYOUT_SHIFTS)
        page = context.new_page()
        record = record_page(page, url)
        page.goto(url, wait_until="load")
        settle(page)
    except BaseException:
        context.close()
        raise
    return context, page, record


def reveal_everything(page, timeout_ms: int = 20_000) -> list[str]:
    """Load every image, as a reader who scrolls to the page's end would see it (an image marked
    loading="lazy" loads only near the screen). Returns the address of every image that still has
    no picture (empty when all load)."""
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



# --- One visit per page and viewport ---------------------------------------------------------------
#
# Each page is loaded twice: on a desktop over http (what every reader gets) and on a phone from
# file:// (a downloaded site). Every check of a page reads one of these two visits. While axe-core
# works on one page in its renderer (most of a visit's time, one core), Python loads the next page
# in another: two pages in flight, on two cores, instead of one after the other.

AXE_OPTIONS = {"resultTypes": ["violations"]}
# From file:// axe-core cannot fetch the page's stylesheets to read their rules (the browser
# blocks the request, and logs it as the page's error): there it runs on the rendered page alone,
# without the one rule that reads them (css-orientation-lock, which the http visit checks).
AXE_OPTIONS_FILE = {**AXE_OPTIONS, "preload": False}


@functools.cache
def axe_script() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def start_axe(page, options: dict = AXE_OPTIONS) -> None:
    """Inject axe-core and start it on the whole page, without waiting for it.

    axe.run does most of its work before it returns its promise, so it is started from a timer:
    this call returns at once and the page's renderer runs axe-core while Python does other work."""
    page.evaluate(axe_script())
    page.evaluate("""options => {
        window.__siteAuditAxe = new Promise(resolve => setTimeout(resolve, 0))
            .then(() => axe.run(document, options));
    }""", options)


def axe_violations(page) -> list[dict]:
    """The violations (any impact) of the run start_axe started, once it has finished."""
    return page.evaluate("() => window.__siteAuditAxe.then(results => results.violations)")


@dataclass
class DesktopVisit:
    """What loading one page over http (1280 px wide, fresh cache) did, what axe-core found, and
    what using its interactive parts did (interactions: part -> problems found)."""

    console_errors: list[str]
    page_errors: list[str]
    failed_requests: list[str]
    other_hosts: set[str]
    request_urls: list[str]
    transferred_bytes: int
    typeset_math: int
    math_errors: int
    images_without_picture: list[str]
    violations: list[dict]
    interactions: dict[str, list[str]]


@dataclass
class PhoneVisit:
    """What loading one page from file:// on a phone (390 px wide) did, what axe-core found as it
    was loaded, and, every image loaded, what using its interactive parts did."""

    console_errors: list[str]
    page_errors: list[str]
    failed_requests: list[str]
    other_hosts: set[str]
    images_without_picture: list[str]
    page_width: int
    # Each layout shift while the page loaded, before it was touched: (score, what moved).
    layout_shifts: list[tuple[float, str]]
    # axe-core's violations (any impact) at phone width, right after load, nothing scrolled.
    violations: list[dict]
    interactions: dict[str, list[str]]


@dataclass
class PageVisits:
    """A page's two visits; each the visit, or the exception that stopped it."""

    page: str
    desktop_outcome: DesktopVisit | BaseException
    phone_outcome: PhoneVisit | BaseException | None

    def desktop(self) -> DesktopVisit:
        return self._visit(self.desktop_outcome, "desktop")

    def phone(self) -> PhoneVisit:
        return self._visit(self.phone_outcome, "phone")

    def _visit(self, outcome, viewport: str):
        if outcome is None:
            raise RuntimeError(f"{self.page}: no {viewport} visit was made")
        if isinstance(outcome, BaseException):
            raise RuntimeError(f"{self.page}: the {viewport} visit failed: {outcome}") from outcome
        return outcome


def slug(page: str) -> str:
    """The name of a page's screenshots, inside its edition's folder."""
    return without_folder(edition_of(page), page).removesuffix(".html").replace("/", "--")


@dataclass
class _DesktopLoad:
    context: object
    page: object
    record: PageRecord
    transferred_bytes: int


class SiteVisits:
    """visits(page) -> PageVisits, each page visited once, the next page of `order` begun while
    axe-core works on the current one.

    axe-core audits each page as it is loaded, before anything scrolls it or loads its images:
    what a keyboard or screen-reader user meets first. Only then are the images loaded and the
    interactive parts used. interact(tab, record, page) -> {part: problems} uses the page's
    interactive parts after the other measurements; screenshots go to
    screenshots/<edition>/<page>-desktop.png and -mobile.png when a folder is given.
    """

    def __init__(self, browser, base_url: str, site: Path, order: list[str], *, screenshots: Path | None,
                 interact=None, phone: bool = True):
        self.browser, self.base_url, self.site, self.order = browser, base_url, site, list(order)
        self.screenshots, self.interact, self.with_phone = screenshots, interact, phone
        self.local_netloc = urlsplit(base_url).netloc
        self.begun: dict[str, _DesktopLoad | BaseException] = {}
        self.done: dict[str, PageVisits] = {}

    def __call__(self, page: str) -> PageVisits:
        if page not in self.done:
            self._begin(page)
            phone = self._phone(page) if self.with_phone else None
            following = [other for other in self.order if other not in self.done and other not in self.begun]
            if following:
                self._begin(following[0])
            self.done[page] = PageVisits(page, self._finish(page), phone)
        return self.done[page]

    def close(self) -> None:
        for load in self.begun.values():
            if isinstance(load, _DesktopLoad):
                load.context.close()
        self.begun.clear()

    def _screenshot(self, tab, page: str, viewport: str) -> None:
        if self.screenshots is not None:
            folder = self.screenshots / edition_of(page).name
            folder.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=folder / f"{slug(page)}-{viewport}.png", full_page=True)

    def _begin(self, page: str) -> None:
        """Load the page and start axe-core on it as loaded."""
        if page in self.begun:
            return
        try:
            if not (self.site / page).is_file():
                raise FileNotFoundError(f"{page} is not in the build ({self.site})")
            context, tab, record = open_page(self.browser, self.base_url + page)
        except Exception as error:  # noqa: BLE001 - kept, and raised by every check of this page
            self.begun[page] = error
            return
        try:
            record.stop_listening()  # axe-core fetches stylesheets itself: not the page's doing
            load = _DesktopLoad(context, tab, record, transferred_bytes=record.transferred_bytes())
            start_axe(tab)
            self.begun[page] = load
        except Exception as error:  # noqa: BLE001
            context.close()
            self.begun[page] = error

    def _finish(self, page: str) -> DesktopVisit | BaseException:
        load = self.begun.pop(page)
        if isinstance(load, BaseException):
            return load
        try:
            violations = axe_violations(load.page)
            images_without_picture = reveal_everything(load.page)
            self._screenshot(load.page, page, "desktop")
            typeset_math = load.page.locator("mjx-container").count()
            math_errors = load.page.locator("mjx-merror, [data-mjx-error]").count()
            load.record.resume_listening()  # what using the page does counts again
            interactions = self.interact(load.page, load.record, page) if self.interact else {}
            record = load.record
            return DesktopVisit(
                console_errors=list(record.console_errors), page_errors=list(record.page_errors),
                failed_requests=list(record.failed_requests),
                other_hosts=record.hosts_other_than(self.local_netloc),
                request_urls=list(record.request_urls), transferred_bytes=load.transferred_bytes,
                typeset_math=typeset_math, math_errors=math_errors,
                images_without_picture=images_without_picture, violations=violations,
                interactions=interactions)
        except Exception as error:  # noqa: BLE001
            return error
        finally:
            load.context.close()

    def _phone(self, page: str) -> PhoneVisit | BaseException:
        """From file://, 390 px wide: axe-core as loaded, the layout shifts while it loaded, every
        image loaded, the page's width, its screenshot."""
        try:
            if not (self.site / page).is_file():
                raise FileNotFoundError(f"{page} is not in the build ({self.site})")
            context, tab, record = open_page(self.browser, (self.site / page).as_uri(),
                                             viewport=MOBILE_VIEWPORT)
        except Exception as error:  # noqa: BLE001
            return error
        try:
            # Before anything here moves the page: what moved while it loaded by itself.
            layout_shifts = [tuple(shift) for shift in tab.evaluate("window.__auditLayoutShifts || []")]
            start_axe(tab, AXE_OPTIONS_FILE)
            violations = axe_violations(tab)
            images_without_picture = reveal_everything(tab)
            self._screenshot(tab, page, "mobile")
            page_width = tab.evaluate("document.documentElement.scrollWidth")
            interactions = self.interact(tab, record, page) if self.interact else {}
            return PhoneVisit(
                console_errors=list(record.console_errors), page_errors=list(record.page_errors),
                failed_requests=list(record.failed_requests), other_hosts=record.hosts_other_than(""),
                images_without_picture=images_without_picture, page_width=page_width,
                layout_shifts=layout_shifts, violations=violations, interactions=interactions)
        except Exception as error:  # noqa: BLE001
            return error
        finally:
            context.close()


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
