"""The Chinese edition of the built site (_build/html/zh), beside the English one.

The browser checks every page shares (console, requests, axe, file://, phone width,
screenshots, the explorer from the keyboard) run over both editions in tests/site/test_pages.py; here is
what only the two editions together have: a Chinese page for every English page, the link between
them, the Chinese notebooks behind the download buttons, Chinese search, and Chinese glyphs drawn
with a CJK font, not as boxes.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from paths import ROOT
from translation.terms import CJK  # noqa: E402

pytestmark = pytest.mark.browser

NOT_PAGES = {"_static", "_sources", "_images", "_downloads", "zh"}
EXPECTED_PAGES = ["book/index.html", "book/glossary.html", "book/references.html",
                  "book/running_the_lessons.html", "search.html",
                  *[f"lessons/{p.stem}.html" for p in sorted((ROOT / "lessons").glob("*.ipynb"))]]


def english_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if p.relative_to(site).parts[0] not in NOT_PAGES and p.name != "genindex.html"
                  and p.relative_to(site).as_posix() != "index.html")


def switcher(html: str) -> tuple[str, str]:
    found = re.search(r'<a class="[^"]*edition-switcher[^"]*" href="([^"]+)" hreflang="([^"]+)"', html)
    assert found, "no link to the other edition (a.edition-switcher)"
    return found.group(1), found.group(2)


def test_every_english_page_has_a_chinese_page(site_directory):
    pages = english_pages(site_directory)
    assert set(EXPECTED_PAGES) <= set(pages)
    missing = [p for p in pages if not (site_directory / "zh" / p).is_file()]
    assert not missing, f"no Chinese page for {missing}"
    not_chinese = [p for p in pages if '<html lang="zh-CN"' not in (site_directory / "zh" / p).read_text()]
    assert not not_chinese, f"zh pages without lang=zh-CN: {not_chinese}"
    for page in pages:
        html = (site_directory / "zh" / page).read_text()
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert CJK.search(title), f"zh/{page}: the title {title!r} is not Chinese"


@pytest.mark.parametrize("page", EXPECTED_PAGES)
def test_switcher_leads_to_the_same_page_of_the_other_edition_and_back(site_directory, page):
    english = site_directory / page
    href, hreflang = switcher(english.read_text())
    assert hreflang == "zh-CN"
    chinese = (english.parent / href).resolve()
    assert chinese == (site_directory / "zh" / page).resolve(), f"{page}: leads to {href}"
    back, hreflang = switcher(chinese.read_text())
    assert hreflang == "en"
    assert (chinese.parent / back).resolve() == english.resolve(), f"zh/{page}: leads back to {back}"


@pytest.mark.parametrize("lesson", sorted((ROOT / "lessons").glob("*.ipynb")), ids=lambda p: p.stem)
def test_chinese_lesson_download_is_the_chinese_notebook(site_directory, lesson):
    page = site_directory / "zh" / "lessons" / f"{lesson.stem}.html"
    links = re.findall(rf'href="([^"]*_sources/lessons/{re.escape(lesson.stem)}\.ipynb)"', page.read_text())
    assert links, f"zh/lessons/{lesson.stem}.html has no .ipynb download link"
    notebook = (page.parent / links[0]).resolve()
    assert notebook.is_relative_to((site_directory / "zh").resolve())
    assert notebook.read_text() == (ROOT / "zh" / "lessons" / lesson.name).read_text(), \
        "the download is not the committed Chinese notebook"


def test_no_page_of_either_edition_shows_a_missing_glyph_warning(site_directory):
    shown = [p.relative_to(site_directory).as_posix() for p in site_directory.rglob("*.html")
             if re.search(r"Glyph \d+|missing from (current )?font|findfont", p.read_text())]
    assert not shown, f"matplotlib font warnings on {shown}"


@pytest.mark.parametrize(("query", "lesson", "base"), [
    ("卷积", "02_conv2d_by_hand", "http"), ("步幅", "03_padding_and_stride", "http"),
    ("填充", "03_padding_and_stride", "http"),
    # The words of 小土堆's course and of d2l-zh that learners search for (issue 22).
    ("步长", "03_padding_and_stride", "http"), ("池化", "05_pooling", "http"),
    ("特征图", "04_conv2d_layer", "http"), ("调试模式", "01_module_skeleton", "http"),
    # From file:// the index loads by a <script> tag: one query proves the search works there too
    # (the index is the same file for every query).
    ("特征图", "04_conv2d_layer", "file"),
])
def test_chinese_search_finds_the_lesson(browser, site_url, site_directory, query, lesson, base):
    root = (site_url if base == "http" else site_directory.as_uri() + "/") + "zh/"
    page = browser.new_page()
    try:
        page.goto(root + f"search.html?q={query}")
        results = page.locator("#search-results ul.search li a")
        results.first.wait_for(timeout=15000)
        found = [results.nth(i).get_attribute("href") for i in range(results.count())]
    finally:
        page.close()
    assert any(f"lessons/{lesson}.html" in (href or "") for href in found), \
        f"searching {query!r} on the Chinese site found {found}, not lesson {lesson}"


# The fonts Chromium may draw Chinese with on Linux, macOS and Windows; none is downloaded.
CJK_FONTS = re.compile(r"Noto Sans CJK|Source Han|WenQuanYi|PingFang|Microsoft YaHei|SimHei|Heiti|"
                       r"Hiragino|Droid Sans Fallback|AR PL", re.I)


@pytest.mark.parametrize("page", ["book/index.html", "lessons/03_padding_and_stride.html"])
def test_chinese_text_is_drawn_with_a_cjk_font(browser, site_url, page):
    tab = browser.new_page()
    try:
        tab.goto(urljoin(site_url, "zh/" + page))
        cdp = tab.context.new_cdp_session(tab)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        document = cdp.send("DOM.getDocument", {"depth": -1})
        # The first paragraph (its own text nodes: an h1's text sits in child nodes).
        node = cdp.send("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": "article p"})
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    finally:
        tab.close()
    used = [f["familyName"] for f in fonts if f["glyphCount"] > 0]
    assert any(CJK_FONTS.search(name) for name in used), \
        f"zh/{page}: the first paragraph is drawn with {used}, no CJK font (install fonts-wqy-microhei)"


def test_chinese_explorer_speaks_chinese(site_directory):
    html = (site_directory / "zh" / "lessons" / "03_padding_and_stride.html").read_text()
    explorer = re.search(r'<div class="convcourse-explorer".*?</div>', html, re.S)
    assert explorer, "no explorer on the Chinese lesson 3"
    labels = re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)
    assert labels and all(CJK.search(label) for label in labels), f"explorer labels: {labels[:6]}"


@pytest.mark.parametrize("edition, show", [("", "Show code cell source"), ("zh/", "显示代码单元格的源代码")])
def test_hidden_code_folds_are_named_by_their_words_in_the_pages_language(site_directory, edition, show):
    # book/_ext/hidden_cells.py: myst-nb's English aria-label is gone (the visible words are the
    # name: WCAG 2.5.3), and the words come from the page's language catalogue.
    html = (site_directory / f"{edition}lessons/03_padding_and_stride.html").read_text()
    summaries = re.findall(r'<details class="admonition hide[^"]*">\s*<summary([^>]*)>(.*?)</summary>',
                           html, re.S)
    assert summaries, f"{edition}lessons/03: no hidden code cell"
    assert all(attributes == "" for attributes, _ in summaries), summaries[0]
    assert all(show in words for _, words in summaries), summaries[0][1]


def words_around_the_article(html: str) -> list[str]:
    """The words a reader (or a screen reader) meets outside the article: text, and the
    aria-label, title, placeholder and tooltip attributes of the theme's controls."""
    html = re.sub(r"<article\b.*?</article>|<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->",
                  " ", html, flags=re.S)
    words = re.findall(r'(?:aria-label|title|placeholder|data-bs-title)="([^"]*)"', html)
    words += [text.strip() for text in re.findall(r">([^<>]+)<", html) if text.strip()]
    return words


# pydata-sphinx-theme's and sphinx-book-theme's words that the Chinese edition translates in its
# "sphinx" catalogue (book/_ext/theme_words.py), and the theme's Taiwanese wording it replaces.
THEME_WORDS = ["Color mode", "System Settings", "Light", "Dark", "Breadcrumb", "Home",
               "Search this book...", "Print to PDF", "Back to top", "Skip to main content"]


@pytest.mark.parametrize("page", ["lessons/03_padding_and_stride.html", "book/index.html", "search.html"])
def test_the_themes_words_are_in_mainland_chinese_on_the_chinese_pages(site_directory, page):
    from translation import catalogues

    site_words = catalogues.translations(catalogues.SITE_CATALOGUE)
    words = words_around_the_article((site_directory / "zh" / page).read_text())
    english = [w for w in words if w in THEME_WORDS]
    assert not english, f"zh/{page}: the theme's words left in English: {sorted(set(english))}"
    assert "列印成 PDF" not in words, f"zh/{page}: the print button says 列印成 PDF (Taiwanese)"
    for english_words in ("Color mode", "Search this book..."):
        assert site_words[english_words] in words, f"zh/{page}: no {site_words[english_words]!r}"
    if page.startswith("lessons/"):
        printing = site_words["Print to PDF"]
        assert printing in words, f"zh/{page}: no print button named {printing!r}"


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_the_site_is_named_by_the_books_title_in_its_language(site_directory, edition):
    # book/_ext/site_name.py: Sphinx's default project name is never shown.
    lesson = (site_directory / f"{edition}lessons/03_padding_and_stride.html").read_text()
    redirect = (site_directory / f"{edition}index.html").read_text()
    book_title = re.search(r'<meta property="og:site_name" content="([^"]*)"', lesson)
    assert book_title, f"{edition}lessons/03: no og:site_name"
    assert "Project name not set" not in lesson + redirect
    assert f"<title>{book_title.group(1)}</title>" in redirect
    import yaml
    from translation import edition as editions

    config = yaml.safe_load((ROOT / "_config.yml").read_text()) if not edition else editions.chinese_config()
    assert book_title.group(1) == config["title"]
    assert bool(CJK.search(book_title.group(1))) == (edition == "zh/"), book_title.group(1)
