"""The built site in headless Chromium: every page of every edition, as a reader's browser runs it.

Every HTML page of _build/html, in each edition (tests/support/site_audit.py's EDITIONS: English at the
root, Chinese under zh/), is visited twice, and every check of a page reads one of these visits:

- on a desktop (1280 px) from a local server: console errors, failed requests, requests to any
  other host, accessibility (axe-core: no violation of any impact), lazy images that never show,
  typeset math, the page's weight, a screenshot (`make screenshots`); then its explorer's
  sliders are moved with the keyboard and its gallery's animations stepped;
- on a phone (390 px) from file://: the page fits the screen, works without a server (no error,
  no failed or outside request, the explorer's sliders still move), a screenshot (`make screenshots`).

No visit with the network cut: a page that sends no request to another host, whether loading or
being used (asserted on the desktop visit, interactions included), loads and works the same when
no other host can be reached, so such a visit would prove nothing more. file:// is a different
condition (another origin, no server, fetch() blocked), so it keeps a visit of its own.

Checks of the HTML files themselves (no browser) cover the same pages: no build machine path, a
meta description, the search scripts only on the search page, image sizes and lazy loading.
Screenshots: artifacts/screenshots/<edition>/<page>-desktop.png and -mobile.png, whole pages, when
SITE_SCREENSHOTS=1 (`make screenshots`). `make test` takes none: no check reads them, and drawing
and encoding 48 pages up to 15,000 px tall was a minute of its two cores; they are for people.

Search over file://: Sphinx's search page loads its index with a <script> tag, so searching
works from file:// too (tested); only the snippet under each result needs http, since it is
fetch()ed and Chromium blocks fetch from file:// (the file:// search test tolerates exactly that).
"""

from __future__ import annotations

import functools
import math
import os
import re
from pathlib import Path

import pytest
import site_audit
from paths import ROOT
from site_audit import site_directory_under_test

pytestmark = pytest.mark.browser

EDITIONS = site_audit.EDITIONS
SITE = site_directory_under_test()
# Every page of every edition, as paths from the site's root ("lessons/x.html", "zh/lessons/x.html").
PAGES = [page for edition in EDITIONS.values() for page in site_audit.edition_pages(edition, SITE)]
EXPLORER_PAGE = "lessons/03_padding_and_stride.html"  # in every edition
FORMULA_PAGE = EXPLORER_PAGE  # the lesson that derives the output-size formula
CONTROLS = ("padding", "stride")


def page_source(site: Path, page: str) -> str:
    path = site / page
    assert path.is_file(), f"{page} is not in the build ({site})"
    return path.read_text(encoding="utf-8")


def pages_of(edition: str) -> list[str]:
    return [page for page in PAGES if site_audit.edition_of(page).name == edition]


# --- Using the page: the explorer's sliders and the gallery's step buttons ----------------------

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


def shape_problems(root, when: str) -> list[str]:
    geometry = root.evaluate(READ_GEOMETRY)
    missing = [name for name in ("i", "k", "p", "s") if geometry[name] is None]
    if missing:
        return [f"cannot read {missing} from the explorer: expected data-input-size / data-kernel-size "
                f"on div.convcourse-explorer (or [data-control=input|kernel]) and "
                f"[data-control=padding|stride] inputs; found {geometry}"]
    expected = output_size(**geometry)
    shown_text = root.locator("[data-role=output-shape]").inner_text()
    if spatial_size(shown_text) != (expected, expected):
        return [f"{when}: the explorer shows {shown_text!r}, the formula gives {expected} × {expected} "
                f"for {geometry}"]
    return []


def move_slider(tab, root, control: str) -> list[str]:
    """Move the control's slider one step with the keyboard; what went wrong, if anything.

    The slider is found by its data-control attribute and its <label> read from the page, so the
    check is the same in every language."""
    if root.count() == 0:
        return ["no div.convcourse-explorer: the static explorer is not in the build"]
    # As a reader does: the page lays out what is far from the screen only when it comes near.
    root.scroll_into_view_if_needed()
    slider = root.locator(f"input[type=range][data-control={control}]")
    if slider.count() != 1:
        return [f"expected one input[type=range][data-control={control}], found {slider.count()}"]
    label = slider.evaluate("el => el.labels.length ? el.labels[0].textContent.trim() : ''")
    if not label:
        return [f"the {control} slider has no <label> naming it"]
    if root.get_by_role("slider", name=label, exact=True).count() != 1:
        return [f"the {control} slider's accessible name is not its label {label!r}"]
    problems = shape_problems(root, f"before moving {control}")
    picture = root.locator("[data-role=picture]")
    picture_before = picture.inner_html()
    value_before = float(slider.input_value())
    at_maximum = value_before >= float(slider.get_attribute("max") or "inf")
    slider.focus()
    tab.keyboard.press("ArrowLeft" if at_maximum else "ArrowRight")
    if float(slider.input_value()) == value_before:
        return [*problems, f"{control}: the key did not move it"]
    if picture.inner_html() == picture_before:
        problems.append(f"moving {control} left the picture as it was")
    return problems + shape_problems(root, f"after moving {control}")


def step_every_animation(tab) -> list[str]:
    animations = tab.locator(".convcourse-gallery .convcourse-animation[data-case]")
    if animations.count() == 0:
        return [".convcourse-gallery holds no .convcourse-animation[data-case]"]
    problems = []
    for index in range(animations.count()):
        animation = animations.nth(index)
        animation.scroll_into_view_if_needed()  # laid out only near the screen, as a reader sees it
        frame = animation.locator("[data-role=frame]")
        before = frame.inner_text()
        animation.locator("button[data-action=step]").click()
        if frame.inner_text() == before:
            problems.append(f"step did not advance animation {animation.get_attribute('data-case')!r}")
    return problems


def use_the_page(tab, record, page: str) -> dict[str, list[str]]:
    """Each interactive part of the page used as a reader would: part -> problems found.

    Errors the page logs or raises meanwhile are the part's problems too."""
    parts = {}
    if site_audit.without_folder(site_audit.edition_of(page), page) == EXPLORER_PAGE:
        root = tab.locator("div.convcourse-explorer").first
        for control in CONTROLS:
            parts[f"explorer-{control}"] = functools.partial(move_slider, tab, root, control)
    if tab.locator(".convcourse-gallery").count():
        parts["gallery"] = functools.partial(step_every_animation, tab)
    found = {}
    for name, use in parts.items():
        errors_before = len(record.page_errors) + len(record.console_errors)
        try:
            found[name] = use()
        except Exception as error:  # noqa: BLE001 - a locator timing out is a problem of this part
            found[name] = [f"{type(error).__name__}: {str(error).splitlines()[0]}"]
        errors = (record.page_errors + record.console_errors)[errors_before:]
        found[name] += [f"logged: {error}" for error in errors]
    return found


def selected_pages(session) -> list[str]:
    """The pages whose visits the selected tests read, in the order the tests run."""
    pages = []
    for item in session.items:
        callspec = getattr(item, "callspec", None)
        if "site_visit" not in getattr(item, "fixturenames", ()) or callspec is None:
            continue
        params = callspec.params
        page = params.get("page") or (EDITIONS[params["edition"]].folder + EXPLORER_PAGE
                                      if "edition" in params else None)
        if page and page not in pages:
            pages.append(page)
    return pages


@pytest.fixture(scope="session")
def site_visit(request, browser, site_url, site_directory, screenshot_directory):
    """site_visit(page) -> site_audit.PageVisits: the page's desktop and phone visits, made once."""
    screenshots = screenshot_directory if os.environ.get("SITE_SCREENSHOTS") == "1" else None
    visits = site_audit.SiteVisits(browser, site_url, site_directory, selected_pages(request.session),
                                   screenshots=screenshots, interact=use_the_page)
    try:
        yield visits
    finally:
        visits.close()


# --- Every page, on the desktop visit ------------------------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
def test_edition_has_every_page_of_the_table_of_contents(site_directory, edition):
    folder = EDITIONS[edition].folder
    built = set(site_audit.site_pages(site_directory))
    expected = {folder + page for page in (*site_audit.toc_pages(), *site_audit.SPHINX_PAGES)}
    assert expected <= built, f"pages missing from the {edition} edition: {sorted(expected - built)}"


LANG = re.compile(r'<html\b[^>]*\blang="([^"]*)"')
REDIRECT = re.compile(r'<meta http-equiv="Refresh" content="0; url=([^"]+)"', re.IGNORECASE)


@pytest.mark.parametrize("page", PAGES)
def test_page_declares_its_edition_language(site_directory, page):
    language = site_audit.edition_of(page).language
    text = page_source(site_directory, page)
    declared, redirect = LANG.search(text), REDIRECT.search(text)
    if declared is None and redirect:  # index.html: a bare redirect; the page it opens must declare it
        target = ((site_directory / page).parent / redirect[1]).resolve()
        assert target.is_file(), f"{page} redirects to {redirect[1]}, which is not in the build"
        declared = LANG.search(target.read_text(encoding="utf-8"))
    assert declared and declared[1] == language, (
        f"{page} declares lang={declared[1] if declared else None!r}; its edition is {language!r}")


@pytest.mark.parametrize("page", PAGES)
def test_page_logs_no_console_error(site_visit, page):
    visit = site_visit(page).desktop()
    errors = visit.console_errors + [f"uncaught: {error}" for error in visit.page_errors]
    assert not errors, f"{page} logged errors:\n  " + "\n  ".join(errors)


@pytest.mark.parametrize("page", PAGES)
def test_every_image_shows_a_picture_once_scrolled_to(site_visit, page):
    # Lazy loading must defer pictures, never lose them (the screenshots show them too).
    missing = site_visit(page).desktop().images_without_picture
    assert not missing, f"{page}: these images load no picture: {missing}"


@pytest.mark.parametrize("page", PAGES)
def test_page_has_no_failed_request(site_visit, page):
    failed = site_visit(page).desktop().failed_requests
    assert not failed, f"{page}: failed requests:\n  " + "\n  ".join(failed)


@pytest.mark.parametrize("page", PAGES)
def test_page_requests_nothing_but_the_site_itself(site_visit, page):
    # Loading and using the page (the explorer's sliders, the gallery's buttons): this is why no
    # visit with the network cut is needed (module docstring).
    visit = site_visit(page).desktop()
    assert visit.request_urls, f"{page}: no request recorded at all; is the recorder attached?"
    other = sorted(visit.other_hosts)
    assert not other, f"{page} contacted other hosts: {other}"


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("page", PAGES)
def test_page_has_no_accessibility_violation_of_any_impact_as_loaded(site_visit, page, viewport):
    # Minor and moderate too: e.g. `region` (content outside any landmark), `empty-table-header`,
    # `scrollable-region-focusable` (a block that scrolls sideways with no tab stop). Audited right
    # after load, nothing scrolled: what a keyboard or screen-reader user meets first.
    visit = site_visit(page).desktop() if viewport == "desktop" else site_visit(page).phone()
    assert not visit.violations, (
        f"{page} ({viewport}, as loaded): axe-core found violations:\n"
        + site_audit.describe_violations(visit.violations)
    )


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_padding_and_stride_lesson_writes_the_output_size_formula_as_math(site_directory, edition):
    page = EDITIONS[edition].folder + FORMULA_PAGE
    assert 'class="math' in page_source(site_directory, page), (
        f"{page} has no math (no class=\"math\"): the output-size formula should be there"
    )


@pytest.mark.parametrize("page", PAGES)
def test_math_is_prerendered_and_needs_no_mathjax(site_directory, site_visit, page):
    # The build renders every formula to SVG (book/_ext/prerender_math.py): no page loads a math
    # script, and every formula shows as MathJax's SVG output with no error mark.
    visit = site_visit(page).desktop()
    math_requests = [url for url in visit.request_urls if "mathjax" in url.lower()]
    assert not math_requests, f"{page} loads MathJax: {math_requests}"
    if 'class="math' in page_source(site_directory, page):
        assert visit.typeset_math > 0, f"{page} has math but no rendered formula (no mjx-container)"
    assert visit.math_errors == 0, f"{page}: {visit.math_errors} formulas carry a MathJax error mark"


# Every formula of the page: where its picture is, where its MathML for screen readers is, and
# the MathML elements in the page.
FORMULA_BOXES = """() => [...document.querySelectorAll('mjx-container')].map((formula) => {
  const box = (element) => { const r = element.getBoundingClientRect();
                             return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  // A formula in a closed solution (sphinx-togglebutton hides it with visibility: hidden) is
  // out of the accessibility tree until the reader opens it, as the rest of the solution is.
  const mml = formula.querySelector(':scope > mjx-assistive-mml');
  return {tex: formula.closest('.math').textContent.slice(0, 60), formula: box(formula),
          folded: getComputedStyle(mml).visibility === 'hidden',
          in_closed_solution: formula.closest('.toggle-hidden, details:not([open])') !== null,
          display: formula.getAttribute('display') === 'true',
          picture: box(formula.querySelector(':scope > svg')),
          mathml: box(formula.querySelector(':scope > mjx-assistive-mml'))};
})"""


@pytest.mark.parametrize("edition", EDITIONS)
def test_formulas_mathml_takes_no_room_on_screen_and_screen_readers_get_it(browser, site_url, edition):
    # book/_ext/prerender_math.py keeps MathJax's MathML beside each picture in the line (not
    # positioned absolutely, which is costly to lay out): it must add no width to the formula,
    # sit on the picture's line (no second line under a wide formula), stay 1 px, and be read.
    context = browser.new_context(viewport=site_audit.MOBILE_VIEWPORT)
    tab = context.new_page()
    try:
        tab.goto(site_url + EDITIONS[edition].folder + FORMULA_PAGE)
        found_formulas = tab.evaluate(FORMULA_BOXES)
        tree = context.new_cdp_session(tab).send("Accessibility.getFullAXTree")["nodes"]
    finally:
        context.close()
    folded = [found for found in found_formulas if found["folded"]]
    assert all(found["in_closed_solution"] for found in folded), folded  # hidden only when folded
    formulas = [found for found in found_formulas if not found["folded"]]
    assert len(formulas) > 50
    for found in formulas:
        formula, picture, mathml = found["formula"], found["picture"], found["mathml"]
        where = f"{FORMULA_PAGE}, formula {found['tex']!r}: {found}"
        left_gap, right_gap = picture["left"] - formula["left"], formula["right"] - picture["right"]
        if found["display"] and right_gap >= 0:  # a block: the picture centred in it
            assert abs(left_gap - right_gap) < 1, where
        elif found["display"]:  # wider than the column: from its left edge (it scrolls)
            assert abs(left_gap) < 1, where
        else:  # in a line: no wider than its picture
            assert abs(left_gap) < 1 and abs(right_gap) < 1, where
        assert mathml["right"] - mathml["left"] <= 1 and mathml["bottom"] - mathml["top"] <= 1, where
        assert picture["top"] - 1 <= mathml["top"] and mathml["bottom"] <= picture["bottom"] + 1, where
    read = [node for node in tree
            if node.get("role", {}).get("value") == "MathMLMath" and not node.get("ignored")]
    assert len(read) == len(formulas), f"screen readers get {len(read)} of {len(formulas)} formulas"


@pytest.mark.parametrize("edition", EDITIONS)
def test_explorer_page_weighs_at_most_one_and_a_half_megabytes(site_visit, edition):
    # The budget of the lesson that hosts the explorer and the gallery, all states included:
    # every response of one page load, uncompressed (as `python -m http.server` serves it).
    page = EDITIONS[edition].folder + EXPLORER_PAGE
    weight = site_visit(page).desktop().transferred_bytes
    assert weight <= 1_500_000, f"{page} weighs {weight / 1e6:.2f} MB, over its 1.5 MB budget"


# --- Every page, on the phone visit from file:// -------------------------------------------------

@pytest.mark.parametrize("page", PAGES)
def test_page_fits_a_phone_screen(site_visit, page):
    # Wide code and tables scroll inside their own box; the page itself must not.
    width = site_visit(page).phone().page_width
    assert width <= site_audit.MOBILE_VIEWPORT["width"] + 1, (
        f"{page} is {width} px wide on a 390 px phone: something overflows sideways"
    )


# What the page may move while it loads on a phone, untouched (Lighthouse's cumulative layout
# shift; "good" is up to 0.1). The theme's header moves once by about 0.0025 as its last item
# arrives.
LAYOUT_SHIFT_BUDGET = 0.01


@pytest.mark.parametrize("page", PAGES)
def test_page_does_not_move_while_it_loads_on_a_phone(site_visit, page):
    shifts = site_visit(page).phone().layout_shifts
    assert sum(score for score, _ in shifts) <= LAYOUT_SHIFT_BUDGET, (
        f"{page} moved while it loaded on a 390 px phone:\n  "
        + "\n  ".join(f"{score:.4f}: {moved}" for score, moved in shifts))


@pytest.mark.parametrize("page", PAGES)
def test_page_works_from_a_file_url(site_visit, page):
    # The whole page laid out and every image loaded, from file://, then used (explorer sliders).
    visit = site_visit(page).phone()
    problems = (visit.page_errors + visit.console_errors + visit.failed_requests
                + [f"request to {host}" for host in sorted(visit.other_hosts)]
                + [f"no picture: {image}" for image in visit.images_without_picture])
    assert not problems, f"{page} from file://:\n  " + "\n  ".join(problems)


# --- The convolution explorer (static HTML + JS) and the animation gallery ------------------------

@pytest.mark.parametrize("condition", ["http", "file"])
@pytest.mark.parametrize("control", CONTROLS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_explorer_slider_moves_with_the_keyboard_and_shape_follows_formula(
        site_visit, edition, control, condition):
    # http: on the desktop visit; file: on the phone visit (from file://).
    visits = site_visit(EDITIONS[edition].folder + EXPLORER_PAGE)
    visit = visits.desktop() if condition == "http" else visits.phone()
    problems = visit.interactions.get(f"explorer-{control}", ["the explorer was not used"])
    assert not problems, f"{visits.page} ({condition}), {control}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("edition", EDITIONS)
def test_gallery_step_button_advances_every_animation(site_directory, site_visit, edition):
    pages = [page for page in pages_of(edition) if (site_directory / page).is_file()
             and "convcourse-gallery" in page_source(site_directory, page)]
    assert pages, f"no page of the {edition} edition has a .convcourse-gallery"
    for page in pages:
        problems = site_visit(page).desktop().interactions.get("gallery", ["the gallery was not used"])
        assert not problems, f"{page}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("base", ["http", "file"])
@pytest.mark.parametrize("edition", EDITIONS)
def test_search_finds_the_lessons(browser, site_url, site_directory, edition, base):
    # A visit of its own: a search is another state of the search page.
    term = EDITIONS[edition].search_term
    root = (site_url if base == "http" else site_directory.as_uri() + "/") + EDITIONS[edition].folder
    context, page, record = site_audit.open_page(browser, f"{root}search.html?q={term}")
    try:
        results = page.locator("#search-results ul.search li")
        results.first.wait_for(timeout=15000)
        count = results.count()
    finally:
        context.close()
    assert count > 0, f"searching the {edition} edition for {term!r} found nothing"
    errors = record.page_errors + record.console_errors
    if base == "file":
        # From file:// the results are listed, but the snippet under each one is fetch()ed
        # from the page itself, which Chromium blocks for file:// (CORS): expected, harmless.
        errors = [e for e in errors if e != "Failed to fetch" and "blocked by CORS policy" not in e
                  and "net::ERR_FAILED" not in e]
    assert not errors, f"search ({edition}, {base}) logged errors: {errors}"


# --- What each page carries and loads (book/_ext/, book/_templates/) ------------------------------

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


@pytest.mark.parametrize("edition", EDITIONS)
def test_each_lesson_has_its_own_description(site_directory, edition):
    lessons = [page for page in pages_of(edition)
               if site_audit.without_folder(EDITIONS[edition], page).startswith("lessons/")]
    descriptions = {meta_description(page_source(site_directory, page)) for page in lessons}
    assert len(descriptions) == len(lessons), f"two lessons of the {edition} edition share a description"


SEARCH_SCRIPTS = ("searchtools.js", "language_data.js", "searchindex.js")
SCRIPT_TAG = re.compile(r"<script\b[^>]*>")


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_the_search_scripts_only_on_the_search_page(site_directory, page):
    # book/_templates/layout.html's extrahead leaves them out; the theme's search.html loads them.
    tags = SCRIPT_TAG.findall(page_source(site_directory, page))
    search = [tag for tag in tags if any(name in tag for name in SEARCH_SCRIPTS)]
    if site_audit.without_folder(site_audit.edition_of(page), page) == "search.html":
        assert len(search) == len(SEARCH_SCRIPTS), f"{page} loads {search}"
    else:
        assert not search, f"{page} loads the search scripts: {search}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_font_awesome_script_is_the_empty_stand_in(site_directory, edition):
    # book/_ext/fontawesome_css_only.py: the theme's 1.5 MB script is replaced by
    # book/static/scripts/fontawesome.js, and the stylesheet draws the icons.
    served = site_directory / EDITIONS[edition].folder / "_static" / "scripts" / "fontawesome.js"
    assert served.read_bytes() == (ROOT / "book" / "static" / "scripts" / "fontawesome.js").read_bytes()
    assert served.stat().st_size < 200


def stylesheets_of(site: Path, page: str) -> list[Path]:
    # Files only: the explorer and the gallery carry their stylesheet in a data: URL (no request).
    links = re.findall(r'<link rel="stylesheet"[^>]*href="(?!data:)([^"]+)"', page_source(site, page))
    return [((site / page).parent / link.split("?")[0]).resolve() for link in links]


@pytest.mark.parametrize("edition", EDITIONS)
def test_purgecss_trimmed_the_stylesheets_and_kept_what_the_pages_use(site_directory, edition):
    page = EDITIONS[edition].folder + EXPLORER_PAGE
    css = "\n".join(path.read_text(encoding="utf-8") for path in stylesheets_of(site_directory, page))
    # The theme styles ABlog's blog posts and Bootstrap's accordions; no page or script has one.
    assert ".ablog-post" not in css and ".accordion-button" not in css, (
        "the stylesheets still hold rules no page uses")
    assert ".bd-sidebar-primary" in css and ".highlight" in css, "rules the pages use were removed"
    assert ".course-sidebar" in css and "toggle-hidden" in css, "the book's and togglebutton's rules went"


@pytest.mark.parametrize("edition", EDITIONS)
def test_icon_fonts_hold_only_the_glyphs_the_stylesheets_name(site_directory, edition):
    # book/_ext/subset_fonts.py: Font Awesome's solid font (156 kB as the theme ships it) is cut
    # down to the glyphs the trimmed stylesheets can show, the header's icons among them.
    from fontTools.ttLib import TTFont

    fonts = site_directory / EDITIONS[edition].folder / "_static/vendor/fontawesome/webfonts"
    font = fonts / "fa-solid-900.woff2"
    assert font.stat().st_size < 20_000, f"{font} is {font.stat().st_size} bytes: not subset"
    glyphs = TTFont(str(font)).getBestCmap()
    for icon, code in (("fa-bars", 0xF0C9), ("fa-download", 0xF019), ("fa-magnifying-glass", 0xF002)):
        assert code in glyphs, f"{font} lost {icon} (U+{code:04X}), which the header shows"
