"""The built site in headless Chromium: every page, as a reader's browser runs it.

Every HTML page of _build/html is loaded from a local server and checked for console
errors, failed requests, requests to any other host, accessibility (axe-core: no violation
of any impact), typeset math, no build machine path, what each page loads, and that it
works from file:// and with the network unreachable. The convolution explorer and the
animation gallery are driven with the keyboard and the mouse. Screenshots (1280 px and
390 px wide) go to artifacts/screenshots/.

Search over file://: Sphinx's search page loads its index with a <script> tag, so searching
works from file:// too (tested); only the snippet under each result needs http, since it is
fetch()ed and Chromium blocks fetch from file:// (the file:// search test tolerates exactly that).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import ROOT, site_audit, site_directory_under_test

pytestmark = pytest.mark.browser

PAGES = site_audit.site_pages(site_directory_under_test()) or ["<no built site: run make book-force>"]
EXPLORER_PAGE = "lessons/03_padding_and_stride.html"
FORMULA_PAGE = EXPLORER_PAGE  # the lesson that derives the output-size formula
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())


def toc_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part.get("chapters", [])]
    return [f"{name}.html" for name in files]


def page_source(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def slug(page: str) -> str:
    return page.removesuffix(".html").replace("/", "--")


@dataclass
class DesktopVisit:
    """What loading one page (1280 px wide, fresh cache) did, and what axe-core found."""

    console_errors: list[str]
    page_errors: list[str]
    failed_requests: list[str]
    other_hosts: set[str]
    request_urls: list[str]
    transferred_bytes: int
    typeset_math: int
    math_errors: int
    images_without_picture: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)


@pytest.fixture(scope="session")
def desktop_visit(browser, site_url, site_directory, screenshot_directory):
    """visit(page) loads page once per session and keeps what it saw."""
    from axe_playwright_python.sync_playwright import Axe

    visits: dict[str, DesktopVisit] = {}
    local_netloc = urlsplit(site_url).netloc

    def visit(page_path: str) -> DesktopVisit:
        if page_path not in visits:
            assert (site_directory / page_path).is_file(), f"{page_path} is not in the build"
            context, page, record = site_audit.open_page(browser, site_url + page_path)
            try:
                record.stop_listening()  # axe-core fetches stylesheets itself: not the page's doing
                images_without_picture = site_audit.reveal_everything(page)
                page.screenshot(path=screenshot_directory / f"{slug(page_path)}-desktop.png",
                                full_page=True)
                axe_response = Axe().run(page).response
                visits[page_path] = DesktopVisit(
                    console_errors=record.console_errors,
                    page_errors=record.page_errors,
                    failed_requests=record.failed_requests,
                    other_hosts=record.hosts_other_than(local_netloc),
                    request_urls=record.request_urls,
                    transferred_bytes=record.transferred_bytes(),
                    typeset_math=page.locator("mjx-container").count(),
                    math_errors=page.locator("mjx-merror, [data-mjx-error]").count(),
                    images_without_picture=images_without_picture,
                    violations=axe_response["violations"],
                )
            finally:
                context.close()
        return visits[page_path]

    return visit


def test_site_has_every_page_of_the_table_of_contents(site_directory):
    built = set(site_audit.site_pages(site_directory))
    expected = set(toc_pages()) | {"index.html", "search.html", "genindex.html"}
    assert expected <= built, f"pages missing from the build: {sorted(expected - built)}"


@pytest.mark.parametrize("page", PAGES)
def test_page_logs_no_console_error(desktop_visit, page):
    visit = desktop_visit(page)
    errors = visit.console_errors + [f"uncaught: {error}" for error in visit.page_errors]
    assert not errors, f"{page} logged errors:\n  " + "\n  ".join(errors)


@pytest.mark.parametrize("page", PAGES)
def test_every_image_shows_a_picture_once_scrolled_to(desktop_visit, page):
    # Lazy loading must defer pictures, never lose them (the screenshots show them too).
    missing = desktop_visit(page).images_without_picture
    assert not missing, f"{page}: these images load no picture: {missing}"


@pytest.mark.parametrize("page", PAGES)
def test_page_has_no_failed_request(desktop_visit, page):
    failed = desktop_visit(page).failed_requests
    assert not failed, f"{page}: failed requests:\n  " + "\n  ".join(failed)


@pytest.mark.parametrize("page", PAGES)
def test_page_requests_nothing_but_the_site_itself(desktop_visit, page):
    visit = desktop_visit(page)
    assert visit.request_urls, f"{page}: no request recorded at all; is the recorder attached?"
    other = sorted(visit.other_hosts)
    assert not other, f"{page} contacted other hosts: {other}"


@pytest.mark.parametrize("page", PAGES)
def test_page_has_no_accessibility_violation_of_any_impact(desktop_visit, page):
    # Minor and moderate too: e.g. `region` (content outside any landmark), `empty-table-header`.
    violations = desktop_visit(page).violations
    assert not violations, (
        f"{page}: axe-core found violations:\n"
        + site_audit.describe_violations(violations)
    )


def pages_with_math() -> list[str]:
    site = site_directory_under_test()
    found = [page for page in PAGES if (site / page).is_file()
             and 'class="math' in page_source(site, page)]
    return found or ["<no page has math>"]


def test_the_padding_and_stride_lesson_writes_the_output_size_formula_as_math(site_directory):
    assert 'class="math' in page_source(site_directory, FORMULA_PAGE), (
        f"{FORMULA_PAGE} has no math (no class=\"math\"): the output-size formula should be there"
    )


@pytest.mark.parametrize("page", pages_with_math())
def test_math_is_prerendered_and_needs_no_mathjax(desktop_visit, page):
    # The build renders every formula to SVG (book/_ext/prerender_math.py): no math script
    # loads, and every formula shows as MathJax's SVG output with no error mark.
    assert page != "<no page has math>", "no page of the build contains math (class=\"math\")"
    visit = desktop_visit(page)
    math_requests = [url for url in visit.request_urls if "mathjax" in url.lower()]
    assert not math_requests, f"{page} still loads MathJax: {math_requests}"
    assert visit.typeset_math > 0, f"{page} has math but no rendered formula (no mjx-container)"
    assert visit.math_errors == 0, f"{page}: {visit.math_errors} formulas carry a MathJax error mark"


@pytest.mark.parametrize("page", PAGES)
def test_page_fits_a_phone_screen(browser, site_url, screenshot_directory, page):
    context, tab, _ = site_audit.open_page(browser, site_url + page,
                                           viewport=site_audit.MOBILE_VIEWPORT)
    try:
        # Sections far from the screen are not laid out (content-visibility: auto) and lazy
        # images not loaded, so their overflow would not count: lay everything out first.
        site_audit.reveal_everything(tab)
        tab.screenshot(path=screenshot_directory / f"{slug(page)}-mobile.png", full_page=True)
        # Wide code and tables scroll inside their own box; the page itself must not.
        page_width = tab.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()
    assert page_width <= site_audit.MOBILE_VIEWPORT["width"] + 1, (
        f"{page} is {page_width} px wide on a 390 px phone: something overflows sideways"
    )


@pytest.mark.parametrize("page", PAGES)
def test_page_works_from_a_file_url(browser, site_directory, page):
    context, tab, record = site_audit.open_page(browser, (site_directory / page).as_uri())
    context.close()
    problems = (record.page_errors + record.console_errors + record.failed_requests
                + [f"request to {host}" for host in sorted(record.hosts_other_than(""))])
    assert not problems, f"{page} from file://:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("page", PAGES)
def test_page_needs_no_network_to_read(browser, site_url, page):
    context, _, record = site_audit.open_page(browser, site_url + page, offline=True)
    context.close()
    problems = (record.page_errors + record.console_errors + record.failed_requests
                + [f"blocked: {url}" for url in record.aborted_requests])
    assert not problems, f"{page} with the network unreachable:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("base", ["http", "file"])
def test_search_finds_the_lessons(browser, site_url, site_directory, base):
    root = site_url if base == "http" else site_directory.as_uri() + "/"
    context, page, record = site_audit.open_page(browser, root + "search.html?q=convolution")
    try:
        results = page.locator("#search-results ul.search li")
        results.first.wait_for(timeout=15000)
        count = results.count()
    finally:
        context.close()
    assert count > 0, "searching for 'convolution' found nothing"
    errors = record.page_errors + record.console_errors
    if base == "file":
        # From file:// the results are listed, but the snippet under each one is fetch()ed
        # from the page itself, which Chromium blocks for file:// (CORS): expected, harmless.
        errors = [e for e in errors if e != "Failed to fetch" and "blocked by CORS policy" not in e
                  and "net::ERR_FAILED" not in e]
    assert not errors, f"search ({base}) logged errors: {errors}"


# --- The convolution explorer (static HTML + JS) and the animation gallery --------------------

def output_size(i: int, k: int, p: int, s: int, d: int) -> int:
    return math.floor((i + 2 * p - d * (k - 1) - 1) / s) + 1


def spatial_size(shape_text: str) -> tuple[int, int]:
    """(height, width) from the shown output shape: its last two integers ("4 × 4",
    "torch.Size([1, 1, 4, 4])"), or one integer n meaning n × n."""
    numbers = [int(n) for n in re.findall(r"\d+", shape_text)]
    assert numbers, f"no number in the output shape text {shape_text!r}"
    return (numbers[-2], numbers[-1]) if len(numbers) >= 2 else (numbers[0], numbers[0])


READ_GEOMETRY = """root => {
    const control = name => {
        const el = root.querySelector(`[data-control=${name}]`);
        return el ? Number(el.value) : null;
    };
    const attribute = name => name in root.dataset ? Number(root.dataset[name]) : null;
    return {
        i: attribute("inputSize") ?? control("input"),
        k: attribute("kernelSize") ?? control("kernel"),
        d: attribute("dilation") ?? control("dilation") ?? 1,
        p: control("padding"),
        s: control("stride"),
    };
}"""


def assert_shape_follows_formula(root, when: str) -> None:
    geometry = root.evaluate(READ_GEOMETRY)
    missing = [name for name in ("i", "k", "p", "s") if geometry[name] is None]
    assert not missing, (
        f"cannot read {missing} from the explorer: expected data-input-size / data-kernel-size "
        f"on div.convcourse-explorer (or [data-control=input|kernel]) and "
        f"[data-control=padding|stride] inputs; found {geometry}"
    )
    expected = output_size(**geometry)
    shown_text = root.locator("[data-role=output-shape]").inner_text()
    assert spatial_size(shown_text) == (expected, expected), (
        f"{when}: the explorer shows {shown_text!r}, the formula gives {expected} × {expected} "
        f"for {geometry}"
    )


def open_explorer(browser, url: str, offline: bool = False):
    context, page, record = site_audit.open_page(browser, url, offline=offline)
    roots = page.locator("div.convcourse-explorer")
    if roots.count() == 0:
        context.close()
        pytest.fail(f"no div.convcourse-explorer on {EXPLORER_PAGE}: the static explorer is not "
                    "in the build yet", pytrace=False)
    # As a reader does: the page lays out what is far from the screen only when it comes near.
    roots.first.scroll_into_view_if_needed()
    return context, page, record, roots.first


@pytest.mark.parametrize("mode", ["http", "offline", "file"])
@pytest.mark.parametrize("control", ["padding", "stride"])
def test_explorer_slider_moves_with_the_keyboard_and_shape_follows_formula(
        browser, site_url, site_directory, control, mode):
    url = ((site_directory / EXPLORER_PAGE).as_uri() if mode == "file"
           else site_url + EXPLORER_PAGE)
    context, page, record, root = open_explorer(browser, url, offline=(mode == "offline"))
    try:
        slider = root.locator(f"input[type=range][data-control={control}]")
        assert slider.count() == 1, f"expected one input[type=range][data-control={control}]"
        labelled = root.get_by_role("slider", name=re.compile(control, re.IGNORECASE))
        assert labelled.count() >= 1 and slider.evaluate("el => el.labels.length") > 0, (
            f"the {control} slider has no <label> naming it"
        )
        picture = root.locator("[data-role=picture]")
        assert_shape_follows_formula(root, "before any move")

        picture_before = picture.inner_html()
        value_before = float(slider.input_value())
        at_maximum = value_before >= float(slider.get_attribute("max") or "inf")
        slider.focus()
        page.keyboard.press("ArrowLeft" if at_maximum else "ArrowRight")

        assert float(slider.input_value()) != value_before, f"{control}: the key did not move it"
        assert picture.inner_html() != picture_before, f"moving {control} left the picture as it was"
        assert_shape_follows_formula(root, f"after moving {control}")
        errors = record.page_errors + record.console_errors
        assert not errors, f"the explorer logged errors ({mode}): {errors}"
    finally:
        context.close()


def pages_with_gallery() -> list[str]:
    site = site_directory_under_test()
    found = [page for page in PAGES if (site / page).is_file()
             and "convcourse-gallery" in page_source(site, page)]
    return found or ["<no page has a gallery>"]


@pytest.mark.parametrize("page", pages_with_gallery())
def test_gallery_step_button_advances_every_animation(browser, site_url, page):
    assert page != "<no page has a gallery>", (
        "no page of the build has a .convcourse-gallery: the animation gallery is not in the build yet"
    )
    context, tab, record = site_audit.open_page(browser, site_url + page)
    try:
        animations = tab.locator(".convcourse-gallery .convcourse-animation[data-case]")
        assert animations.count() > 0, (
            f"{page}: .convcourse-gallery holds no .convcourse-animation[data-case]")
        for index in range(animations.count()):
            animation = animations.nth(index)
            animation.scroll_into_view_if_needed()  # laid out only near the screen, as a reader sees it
            case = animation.get_attribute("data-case")
            frame = animation.locator("[data-role=frame]")
            before = frame.inner_text()
            animation.locator("button[data-action=step]").click()
            assert frame.inner_text() != before, f"{page}: step did not advance animation {case!r}"
        assert not (record.page_errors + record.console_errors)
    finally:
        context.close()


def test_explorer_page_weighs_at_most_one_and_a_half_megabytes(browser, site_url):
    # The budget of the lesson that hosts the explorer and the gallery, all states included:
    # every response of one page load, uncompressed (as `python -m http.server` serves it).
    context, _, record = site_audit.open_page(browser, site_url + EXPLORER_PAGE)
    weight = record.transferred_bytes()  # before closing: the sizes are read from the browser
    context.close()
    assert weight <= 1_500_000, f"{EXPLORER_PAGE} weighs {weight / 1e6:.2f} MB, over its 1.5 MB budget"


# --- What each page carries and loads (book/_ext/lean_pages.py, book/_templates/) ----------------

def build_machine_paths() -> list[str]:
    """Paths of the machine that built the site, none of which a page may show."""
    import sys

    return sorted({str(ROOT), sys.prefix, str(Path(sys.prefix).resolve())})


# A path under a folder only a build machine has (/root/..., /home/x/..., /tmp/..., /work/...).
MACHINE_PATH = re.compile(r"(?<![\w.~-])/(?:root|home|tmp|work)/[\w.-]+")


@pytest.mark.parametrize("page", PAGES)
def test_page_shows_no_path_of_the_build_machine(site_directory, page):
    # Tracebacks of raises-exception cells named site-packages files by their full path.
    text = page_source(site_directory, page)
    shown = [path for path in build_machine_paths() if path in text]
    shown += sorted(set(MACHINE_PATH.findall(text)))
    assert not shown, f"{page} shows paths of the build machine: {shown[:10]}"


def meta_description(text: str) -> str | None:
    match = re.search(r'<meta name="description" content="([^"]*)"', text)
    return match[1] if match else None


@pytest.mark.parametrize("page", PAGES)
def test_page_has_a_meta_description(site_directory, page):
    description = meta_description(page_source(site_directory, page))
    assert description and len(description.strip()) >= 20, f"{page}: no useful meta description"
    assert len(description) <= 160, f"{page}: the description is {len(description)} characters long"


def test_each_lesson_has_its_own_description(site_directory):
    lessons = [page for page in site_audit.site_pages(site_directory) if page.startswith("lessons/")]
    descriptions = {meta_description(page_source(site_directory, page)) for page in lessons}
    assert len(descriptions) == len(lessons), "two lessons share a meta description"


SEARCH_SCRIPTS = ("searchtools.js", "language_data.js", "searchindex.js")
SCRIPT_TAG = re.compile(r"<script\b[^>]*>")


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_search_only_where_search_runs_and_defers_its_scripts(site_directory, page):
    tags = SCRIPT_TAG.findall(page_source(site_directory, page))
    search = [tag for tag in tags if any(name in tag for name in SEARCH_SCRIPTS)]
    if page == "search.html":
        assert len(search) == len(SEARCH_SCRIPTS), f"search.html loads {search}"
    else:
        assert not search, f"{page} loads the search scripts: {search}"
    blocking = [tag for tag in tags if " src=" in tag and "defer" not in tag and "async" not in tag]
    assert not blocking, f"{page}: scripts that block rendering: {blocking}"
    assert "fontawesome.js" not in page_source(site_directory, page)


IMAGE_TAG = re.compile(r"<img\b[^>]*>")


@pytest.mark.parametrize("page", PAGES)
def test_images_have_their_size_and_load_lazily_after_the_first(site_directory, page):
    text = page_source(site_directory, page)
    article = text[text.find('<article class="bd-article"'):] if "bd-article" in text else text
    images = IMAGE_TAG.findall(article)
    unsized = [tag for tag in images if not re.search(r' width="\d+"', tag)
               or not re.search(r' height="\d+"', tag)]
    assert not unsized, f"{page}: images without width and height: {unsized[:3]}"
    eager = [tag for tag in images[1:] if 'loading="lazy"' not in tag]
    assert not eager, f"{page}: images after the first that do not load lazily: {eager[:3]}"


def test_each_page_links_one_stylesheet_that_purgecss_trimmed(site_directory):
    page = page_source(site_directory, EXPLORER_PAGE)
    links = re.findall(r'<link rel="stylesheet"[^>]*href="([^"]+)"', page)
    assert len(links) == 1, f"{EXPLORER_PAGE} links {len(links)} stylesheets: {links}"
    stylesheet = (site_directory / EXPLORER_PAGE).parent / links[0].split("?")[0]
    css = stylesheet.read_text(encoding="utf-8")
    # The theme styles ABlog's blog posts and Bootstrap's accordions; no page or script has one.
    assert ".ablog-post" not in css and ".accordion-button" not in css, (
        "the stylesheet still holds rules no page uses")
    assert ".bd-sidebar-primary" in css and ".highlight" in css, "rules the pages use were removed"
