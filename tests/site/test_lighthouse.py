"""Lighthouse (npm, pinned) on the built site, as a phone on slow 4G loads it: the goal of issue 11.

The home page and the heaviest lesson are measured (tools/lighthouse.py: the site served with
gzip on 127.0.0.1 as GitHub Pages serves it, the mobile preset, simulated throttling, Debian's
chromium); each must reach performance >= 95, accessibility, best practices and SEO 100, and a
largest contentful paint <= 2.0 s, its speed judged by the median of three runs. `make
lighthouse` measures every page. The unit tests below check the pieces the measurement relies
on: the gzip server, the reading of a report, and the median's early decision.
"""

from __future__ import annotations

import gzip
import json
import sys
import urllib.request
from pathlib import Path

import lighthouse  # noqa: E402
import pytest
import serve_site  # noqa: E402
from paths import ROOT

# The heaviest lesson (lesson 3, with the explorer and the gallery) transfers 147 kB with gzip
# today (486 kB before issue 11's work); the budget leaves room for small changes only.
LESSON_TRANSFER_BUDGET_BYTES = 200_000


def heaviest_lesson(site: Path) -> str:
    """The largest lesson page of either edition (today the Chinese lesson 3)."""
    lessons = sorted([*(site / "lessons").glob("*.html"), *(site / "zh" / "lessons").glob("*.html")],
                     key=lambda page: page.stat().st_size)
    assert lessons, f"no lesson in {site}/lessons"
    return lessons[-1].relative_to(site).as_posix()


@pytest.mark.lighthouse
def test_the_home_page_and_the_heaviest_lesson_meet_the_goal(site_directory):
    """The whole goal, on the home page and on the heaviest lesson of either edition. The lesson's
    speed is judged by the median of three runs (lighthouse.judge), as Lighthouse's
    docs/variability.md advises: its single runs scored 93 to 100 on one idle 2-core machine
    within an hour, as the machine's speed varied (Lighthouse's benchmark index 1,100 to 2,100).
    The home page, far from the goal's edge (100 in every run on record, total blocking time at
    most 70 ms), is judged by one run: a median would change nothing there and cost 12 s. make
    test runs this check last, alone: other work on the same cores slows the timings Lighthouse
    observes (the Chinese home page scored 87 beside other checks, 100 alone). Each run takes 12
    to 20 s; the runs and verdicts are written to artifacts/lighthouse/goal-check.txt. `make
    lighthouse` measures every page.
    """
    pages = {"book/index.html": 1, heaviest_lesson(site_directory): 3}
    lines: list[str] = []
    verdicts = lighthouse.judge(site_directory, pages, lighthouse.REPORT_DIRECTORY, echo=lines.append)
    table = "\n".join(lines)
    (lighthouse.REPORT_DIRECTORY / "goal-check.txt").write_text(table + "\n", encoding="utf-8")
    missed = [verdict.page for verdict in verdicts if verdict.shortfalls()]
    assert not missed, f"the goal is missed on {missed} (reports: artifacts/lighthouse/):\n" + table
    lesson = verdicts[1].runs[0]
    assert lesson.transfer_bytes <= LESSON_TRANSFER_BUDGET_BYTES, table


# --- The pieces, without a browser ----------------------------------------------------------------

def fetch(url: str, accept_encoding: str | None) -> tuple[dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept_encoding} if accept_encoding
                                     else {})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - a local server
        return dict(response.headers), response.read()


def test_the_server_gzips_text_like_github_pages_and_leaves_images_alone(tmp_path):
    page = "<!DOCTYPE html><title>t</title>" + "<p>convolution</p>" * 500
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2000))
    with serve_site.serve_in_thread(tmp_path) as base:
        headers, body = fetch(base + "index.html", "gzip, deflate, br")
        assert headers.get("Content-Encoding") == "gzip" and "Accept-Encoding" in headers.get("Vary", "")
        assert gzip.decompress(body).decode("utf-8") == page and len(body) < len(page) / 10
        assert headers.get("Cache-Control") == "max-age=600"
        headers, body = fetch(base + "index.html", None)  # a client that does not accept gzip
        assert "Content-Encoding" not in headers and body.decode("utf-8") == page
        headers, body = fetch(base + "picture.png", "gzip")
        assert "Content-Encoding" not in headers and len(body) == 2008


@pytest.mark.parametrize(("header", "accepted"), [
    ("gzip", True), ("deflate, gzip;q=0.5", True), ("*", True), ("br", False), ("", False),
    ("gzip;q=0", False), ("identity", False)])
def test_accept_encoding_is_read_as_browsers_mean_it(header, accepted):
    assert serve_site.wants_gzip(header) is accepted


def report(performance=0.97, accessibility=1.0, lcp_ms=1800.0, fcp_ms=1200.0, tti_ms=2500.0) -> dict:
    scores = {"performance": performance, "accessibility": accessibility, "best-practices": 1.0,
              "seo": 1.0}
    return {"categories": {name: {"score": score} for name, score in scores.items()},
            "audits": {"first-contentful-paint": {"numericValue": fcp_ms},
                       "largest-contentful-paint": {"numericValue": lcp_ms},
                       "total-blocking-time": {"numericValue": 30.0},
                       "total-byte-weight": {"numericValue": 91234},
                       "interactive": {"numericValue": tti_ms}}}


def test_the_median_run_is_the_one_closest_to_the_median_fcp_and_time_to_interactive():
    # Lighthouse's computeMedianRun: not the median score, which could be any run's.
    runs = [lighthouse.parse_report("a.html", report(performance=p / 100, fcp_ms=fcp, tti_ms=tti))
            for p, fcp, tti in [(99, 1000, 2000), (90, 1400, 4200), (95, 1200, 2600), (97, 1300, 2400)]]
    # Medians: FCP (1200 + 1300) / 2 = 1250, TTI (2400 + 2600) / 2 = 2500; the third run is
    # 50^2 + 100^2 away, the fourth 50^2 + 100^2 too: on a tie, the first of them.
    assert lighthouse.median_run(runs).scores["performance"] == 95
    assert lighthouse.median_run(runs[:3]).scores["performance"] == 95  # FCP 1200, TTI 2600
    assert lighthouse.median_run([runs[1]]) == runs[1]
    with pytest.raises(ValueError):
        lighthouse.median_run([])


def speed_run(performance: int, lcp_s: float = 1.5, page: str = "a.html") -> lighthouse.Result:
    return lighthouse.parse_report(page, report(performance=performance / 100, lcp_ms=lcp_s * 1000),
                                   ("performance",))


@pytest.mark.parametrize(("median_of", "runs", "decided", "met"), [
    (3, [97, 99], True, True),            # two runs meet the goal: the median of three will
    (3, [90, 94], True, False),           # two miss it: the median of three misses it too
    (3, [97, 90], False, None),           # they disagree: the third decides
    (3, [97, 90, 96], True, True),
    (3, [97, 90, 94], True, False),
    (3, [95], False, None),
    (1, [95], True, True),                # a page judged by one run
    (1, [94], True, False),
])
def test_speed_is_the_median_of_the_runs_known_as_soon_as_a_majority_agrees(median_of, runs, decided, met):
    results = [speed_run(score) for score in runs]
    assert lighthouse.speed_decided(results, median_of) is decided
    if decided:
        first = lighthouse.parse_report("a.html", report(performance=runs[0] / 100))
        verdict = lighthouse.Verdict("a.html", (first, *results[1:]), median_of)
        assert (not verdict.shortfalls()) is met, verdict.summary()
        assert ("met" if met else "MISSED") in verdict.summary()


def test_a_slow_largest_paint_decides_like_a_low_score_and_other_scores_come_from_the_first_run():
    every_category = lighthouse.parse_report("a.html", report(performance=0.99, lcp_ms=2400))
    slow = [every_category, speed_run(99, lcp_s=2.2)]
    assert lighthouse.speed_decided(slow)
    assert lighthouse.Verdict("a.html", tuple(slow)).shortfalls() == ["LCP <= 2.0 s in 0 of 2 runs"]
    # Fast enough in two runs out of three, each missing a different goal in one run: the median
    # score (96) and the median LCP (1.8 s) both meet the goal.
    mixed = [speed_run(99, lcp_s=2.4), speed_run(93, lcp_s=1.8), speed_run(96, lcp_s=1.5)]
    assert not lighthouse.speed_decided(mixed[:2]) and lighthouse.speed_decided(mixed)
    first = lighthouse.parse_report("a.html", report(performance=0.99, accessibility=0.96, lcp_ms=2400))
    verdict = lighthouse.Verdict("a.html", (first, *mixed[1:]))
    assert verdict.shortfalls() == ["accessibility 96 < 100"]


def test_a_performance_only_run_has_no_other_score_and_shows_a_dash():
    result = speed_run(97)
    assert result.scores == {"performance": 97} and result.shortfalls() == []
    assert lighthouse.row(result).split()[1:5] == ["97", "-", "-", "-"]


def test_runs_must_be_a_whole_number_of_one_or_more(capsys, tmp_path, monkeypatch):
    (tmp_path / "index.html").write_text("<html></html>")
    monkeypatch.setenv("SITE_HTML", str(tmp_path))
    for bad in (["--runs"], ["--runs", "0"], ["--runs", "three"]):
        assert lighthouse.main(bad) == 2
        assert "--runs takes a whole number" in capsys.readouterr().err


def test_a_report_that_meets_the_goal_has_no_shortfall():
    result = lighthouse.parse_report("a.html", report())
    assert result.scores == {"performance": 97, "accessibility": 100, "best-practices": 100, "seo": 100}
    assert result.shortfalls() == [] and "met" in lighthouse.row(result)


def test_each_shortfall_is_named():
    result = lighthouse.parse_report("a.html", report(performance=0.94, accessibility=0.96, lcp_ms=2100))
    assert result.shortfalls() == ["performance 94 < 95", "accessibility 96 < 100", "LCP 2.1 s > 2.0 s"]


def test_a_failed_run_is_an_error_not_a_score_of_zero():
    broken = report()
    broken["categories"]["seo"]["score"] = None
    with pytest.raises(RuntimeError, match="no seo score"):
        lighthouse.parse_report("a.html", broken)
    broken = report() | {"runtimeError": {"code": "NO_FCP", "message": "The page did not paint"}}
    with pytest.raises(RuntimeError, match="NO_FCP"):
        lighthouse.parse_report("a.html", broken)


def test_the_sites_pages_are_its_html_files_outside_either_editions_assets(tmp_path):
    # zh/_static/webpack-macros.html was once measured as a page.
    for name in ("index.html", "lessons/a.html", "zh/index.html", "zh/lessons/a.html",
                 "_static/x.html", "zh/_static/webpack-macros.html", "_sources/lessons/a.html",
                 "zh/_sphinx_design_static/y.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<html></html>")
    assert serve_site.site_pages(tmp_path) == ["index.html", "lessons/a.html", "zh/index.html",
                                               "zh/lessons/a.html"]
    assert serve_site.site_pages(tmp_path / "no-site") == []


def test_the_json_reports_are_named_after_their_pages(tmp_path):
    assert lighthouse.report_path("lessons/03_x.html", tmp_path) == tmp_path / "lessons--03_x.json"
    assert json.dumps(report())  # the fixture itself is a JSON document, as Lighthouse writes


# --- book/_ext/lean_pages.py: what each page carries ----------------------------------------------

import lean_pages  # noqa: E402


def test_tracebacks_lose_the_build_machines_paths():
    prefixes = [("/opt/venv/lib/python3.11/site-packages/", "site-packages/"),
                ("/home/ci/course/", "")]
    text = ("File /opt/venv/lib/python3.11/site-packages/torch/nn/modules/conv.py:549, in forward\n"
            "File /home/ci/course/convcourse/shapes.py:12\n"
            "File /tmp/ipykernel_77/3311.py:2\n"
            "File /root/.cache/x/site-packages/numpy/core.py:3")
    cleaned = lean_pages.without_machine_paths(text, prefixes)
    assert "site-packages/torch/nn/modules/conv.py:549" in cleaned
    assert "File convcourse/shapes.py:12" in cleaned and "3311.py:2" in cleaned
    assert "site-packages/numpy/core.py:3" in cleaned
    assert not any(folder in cleaned for folder in ("/opt/", "/home/", "/tmp/", "/root/"))


def test_this_machines_own_prefixes_are_known():
    found = dict(lean_pages.machine_prefixes())
    assert str(ROOT) + "/" in found and sys.prefix.rstrip("/") + "/" in found
    lengths = [len(prefix) for prefix, _ in lean_pages.machine_prefixes()]
    assert lengths == sorted(lengths, reverse=True), "the longest prefix must be replaced first"


def test_a_description_is_cut_at_a_word_and_marked():
    text = "word " * 60
    short = lean_pages.shorten(text)
    assert len(short) <= lean_pages.DESCRIPTION_LENGTH and short.endswith("word…")
    assert lean_pages.shorten("  A short   one. ") == "A short one."


def test_the_description_comes_from_front_matter_else_the_first_paragraph_of_prose():
    from docutils import nodes

    page = nodes.document("", "")
    section = nodes.section()
    note = nodes.note()
    note += nodes.paragraph(text="A note is not what the page is about, even when it is long enough.")
    section += note
    section += nodes.paragraph(text="Too short.")
    section += nodes.paragraph(text="Padding and stride decide where the window goes and how big it is.")
    page += section
    assert lean_pages.page_description("lessons/x", {}, page).startswith("Padding and stride decide")
    described = {"meta": {"description": "From the front matter."}}
    assert lean_pages.page_description("lessons/x", described, page) == "From the front matter."
    assert lean_pages.page_description("search", {}, None) == lean_pages.GENERATED_DESCRIPTIONS["search"]


def test_files_are_deferred_widget_state_dropped_and_dependent_inline_scripts_wait():
    from sphinx.builders.html._assets import _JavaScript

    scripts = [_JavaScript("_static/documentation_options.js"),
               _JavaScript("_static/thebe.js", **{"async": "async"}),
               _JavaScript("", body="let toggleHintShow = 'Click';"),
               _JavaScript("", body="DOCUMENTATION_OPTIONS.pagename = 'x';"),
               _JavaScript("", type=lean_pages.WIDGET_STATE, body="{}")]
    kept = lean_pages.lean_scripts(scripts)
    assert [s.filename for s in kept] == ["_static/documentation_options.js", "_static/thebe.js", "", ""]
    assert kept[0].attributes.get("defer") == "defer" and "defer" not in kept[1].attributes
    assert "type" not in kept[2].attributes  # runs at once: it only declares a name
    assert kept[3].attributes.get("type") == "module"  # runs after the deferred file it needs


def test_the_theme_version_check_names_the_version_it_was_written_for(monkeypatch):
    from types import SimpleNamespace

    from sphinx.errors import ExtensionError

    monkeypatch.setattr(lean_pages, "theme_version", lambda: "0.99.0")
    app = SimpleNamespace(confdir=str(ROOT))
    with pytest.raises(ExtensionError, match=r"written for pydata-sphinx-theme 0\.17\.1, but 0\.99\.0"):
        lean_pages.check_theme_and_add_templates(app, SimpleNamespace(templates_path=[]))


def test_tabs_and_thebe_scripts_only_where_a_page_can_use_them():
    from types import SimpleNamespace

    from docutils import nodes
    from sphinx.builders.html._assets import _JavaScript

    scripts = [_JavaScript("_static/doctools.js"), _JavaScript("_static/design-tabs.js"),
               _JavaScript("", body='const THEBE_JS_URL = "https://unpkg.com/thebe"; const x = 1'),
               _JavaScript("_static/sphinx-thebe.js", **{"async": "async"})]
    kept = lean_pages.without_unused_scripts(scripts, tabs=False, thebe=False)
    assert [s.filename for s in kept] == ["_static/doctools.js"]
    assert lean_pages.without_unused_scripts(scripts, tabs=True, thebe=True) == scripts
    page = nodes.document("", "")
    assert not lean_pages.has_tab_set(page)
    page += nodes.container(classes=["sd-tab-set"])
    assert lean_pages.has_tab_set(page)
    off = SimpleNamespace(html_theme_options={"launch_buttons": {"thebe": False}}, thebe_config={})
    assert not lean_pages.thebe_wanted(off)
    assert lean_pages.thebe_wanted(SimpleNamespace(html_theme_options={}, thebe_config={"always_load": True}))


def test_thebes_page_settings_leave_the_page_only_when_no_page_can_start_thebe():
    from types import SimpleNamespace

    from docutils import nodes

    def page():
        document = nodes.document("", "")
        document += nodes.paragraph(text="text")
        document += nodes.raw(text='\n    <script type="text/x-thebe-config">\n    {requestKernel: true}'
                                   "\n    </script>\n    ", format="html")
        document += nodes.raw(text="<script>kernelName = 'python3'</script>", format="html")
        document += nodes.raw(text="<script>kept()</script>", format="html")
        return document

    off = SimpleNamespace(config=SimpleNamespace(html_theme_options={"launch_buttons": {"thebe": False}},
                                                 thebe_config={}))
    without = page()
    lean_pages.without_thebe_settings(off, without, "lessons/x")
    assert [node.astext() for node in without.findall(nodes.raw)] == ["<script>kept()</script>"]
    assert without.astext().startswith("text")
    on = SimpleNamespace(config=SimpleNamespace(html_theme_options={"launch_buttons": {"thebe": True}},
                                                thebe_config={}))
    kept = page()
    lean_pages.without_thebe_settings(on, kept, "lessons/x")
    assert len(list(kept.findall(nodes.raw))) == 3


def test_the_other_editions_page_is_named_for_search_engines_only_by_an_absolute_address():
    import edition_switcher

    link = {"href": "../zh/lessons/x.html", "hreflang": "zh-CN", "label": "中文"}
    assert edition_switcher.edition_alternate(link, None) is None
    page_url = "https://a.github.io/course/lessons/x.html"
    assert edition_switcher.edition_alternate(link, page_url) == "https://a.github.io/course/zh/lessons/x.html"


def installed_theme_script(site: Path) -> tuple[Path, str]:
    """The installed theme's pydata-sphinx-theme.js, written where a build puts it under site:
    (its path there, its text)."""
    from importlib import resources

    theme_js = (resources.files("pydata_sphinx_theme") / "theme" / "pydata_sphinx_theme" / "static"
                / "scripts" / "pydata-sphinx-theme.js").read_text(encoding="utf-8")
    target = site / lean_pages.THEME_JS
    target.parent.mkdir(parents=True)
    target.write_text(theme_js, encoding="utf-8")
    return target, theme_js


def test_the_themes_load_time_measurement_of_scrollables_is_blanked_once_and_checked(tmp_path, monkeypatch):
    from sphinx.errors import ExtensionError

    target, theme_js = installed_theme_script(tmp_path)
    lean_pages.measure_scrollables_lazily(tmp_path)
    blanked = target.read_text(encoding="utf-8")
    assert lean_pages.SCROLLABLE_CALL not in blanked and len(blanked) == len(theme_js)  # the map fits
    lean_pages.measure_scrollables_lazily(tmp_path)  # a second build finds it blanked already
    assert target.read_text(encoding="utf-8") == blanked
    target.write_text(theme_js.replace(lean_pages.SCROLLABLE_FUNCTION, "function I(){}"), encoding="utf-8")
    monkeypatch.setattr(lean_pages, "theme_version", lambda: "0.18.0")
    with pytest.raises(ExtensionError,
                       match=r"written for pydata-sphinx-theme 0\.17\.1 \(installed: 0\.18\.0\)"):
        lean_pages.measure_scrollables_lazily(tmp_path)


def test_script_files_wait_for_the_first_paint_in_order_and_their_settings_follow_them():
    from sphinx.builders.html._assets import _JavaScript
    from sphinx.errors import ExtensionError

    scripts = lean_pages.lean_scripts([
        _JavaScript("_static/documentation_options.js"), _JavaScript("_static/doctools.js"),
        _JavaScript("", body="let toggleHintShow = 'Click';"), _JavaScript("_static/togglebutton.js"),
        _JavaScript("", body="DOCUMENTATION_OPTIONS.pagename = 'x';"),
        _JavaScript("_static/copybutton.js", **{"data-x": "1"})])
    def js_tag(script):
        return f'<script defer="defer" src="../{script.filename}?v=1&amp;a=2"></script>'
    written, late = lean_pages.late_scripts(scripts, js_tag)
    # Written in <head>: inline settings that need nothing, and togglebutton.js (deferred: it
    # folds solutions away before they are drawn).
    assert [(s.filename, s.attributes.get("body")) for s in written] == [
        ("", "let toggleHintShow = 'Click';"), ("_static/togglebutton.js", None)]
    assert late == [
        {"src": "../_static/documentation_options.js?v=1&a=2", "attributes": {},
         "then": ["DOCUMENTATION_OPTIONS.pagename = 'x';"]},
        {"src": "../_static/doctools.js?v=1&a=2", "attributes": {}, "then": []},
        {"src": "../_static/copybutton.js?v=1&a=2", "attributes": {"data-x": "1"}, "then": []}]
    orphan = lean_pages.lean_scripts([_JavaScript("", body="DOCUMENTATION_OPTIONS.x = 1;")])
    with pytest.raises(ExtensionError, match="comes before documentation_options.js"):
        lean_pages.late_scripts(orphan, js_tag)


def test_code_has_no_span_around_tokens_the_themes_styles_draw_as_plain_text():
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer
    from pygments.token import Keyword, Name, Operator, Punctuation, Text, Whitespace

    plain = lean_pages.plain_token_types(lean_pages.PYGMENTS_STYLES)
    assert {Text, Name, Punctuation, Whitespace} <= plain and not {Keyword, Operator, Name.Builtin} & plain
    lean = lean_pages.formatter_without_plain_spans(HtmlFormatter, plain)
    html = highlight("import torch\nx = len(y)\n", PythonLexer(), lean())
    assert 'class="n"' not in html and 'class="p"' not in html and 'class="nn"' not in html
    assert '<span class="kn">import</span> torch' in html and '<span class="o">=</span>' in html
    assert '<span class="nb">len</span>(y)' in html
    assert lean(style="default").get_style_defs() == HtmlFormatter(style="default").get_style_defs()


def test_togglebutton_only_where_something_folds_and_copybutton_only_where_there_is_code():
    from docutils import nodes
    from sphinx.builders.html._assets import _JavaScript

    scripts = [_JavaScript("", body="let toggleHintShow = 'Click to show';"),
               _JavaScript("_static/togglebutton.js"),
               _JavaScript("", body="var togglebuttonSelector = '.toggle, .admonition.dropdown';"),
               _JavaScript("_static/clipboard.min.js"), _JavaScript("_static/copybutton.js"),
               _JavaScript("_static/doctools.js")]
    kept = lean_pages.without_unused_scripts(scripts, tabs=False, thebe=False, toggles=False, code=False)
    assert [s.filename for s in kept] == ["_static/doctools.js"]
    page = nodes.document("", "")
    default = lean_pages.TOGGLE_DEFAULT_SELECTOR
    assert not lean_pages.has_toggles(page, default) and not lean_pages.has_code(page)
    assert lean_pages.has_toggles(page, ".my-own-fold")  # another selector: kept everywhere
    page += nodes.admonition("", classes=["solution", "dropdown"])
    page += nodes.literal_block("x = 1", "x = 1")
    assert lean_pages.has_toggles(page, default) and lean_pages.has_code(page)
    assert not lean_pages.has_toggles(None, default) and not lean_pages.has_code(None)


def test_the_build_stops_when_a_page_or_the_theme_needs_more_of_bootstrap(tmp_path, monkeypatch):
    # book/static/theme_controls.js does the dropdowns, tooltips and back-to-top of the theme's
    # bootstrap.js, which no page loads: anything else that needs Bootstrap must stop the build.
    from sphinx.errors import ExtensionError

    target, theme_js = installed_theme_script(tmp_path)
    page = tmp_path / "page.html"
    handled = ('<button data-bs-toggle="dropdown"></button>'
               '<a title="x" data-bs-placement="left" data-bs-toggle="tooltip"></a>')
    page.write_text(handled, encoding="utf-8")
    lean_pages.theme_controls_cover_the_pages(tmp_path, [page])  # the theme as it is: fine
    monkeypatch.setattr(lean_pages, "theme_version", lambda: "0.18.0")
    for html in (handled + '<button data-bs-toggle="collapse"></button>',
                 handled + '<button id="pst-collapse-sidebar-button"></button>'):
        page.write_text(html, encoding="utf-8")
        needs = r"page\.html needs Bootstrap.*0\.17\.1 \(installed: 0\.18\.0\)"
        with pytest.raises(ExtensionError, match=needs):
            lean_pages.theme_controls_cover_the_pages(tmp_path, [page])
    page.write_text(handled, encoding="utf-8")
    target.write_text(theme_js + ';new bootstrap.Modal(document.body)', encoding="utf-8")
    with pytest.raises(ExtensionError, match=r"uses the bootstrap global as .*Modal"):
        lean_pages.theme_controls_cover_the_pages(tmp_path, [page])
