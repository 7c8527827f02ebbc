"""Every page of both editions of the built site is valid HTML (the Nu Html Checker), passes pa11y
(WCAG 2 AA), and links only to pages and #anchors that exist.

LinkChecker (PyPI) follows the same links with anchors, and external ones never; it takes minutes,
so the weekly workflow runs it (`make linkcheck`); the link test here reads the built HTML itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import site_audit
from html_checks import nu_html_errors, pa11y_errors
from site_audit import site_directory_under_test

pytestmark = pytest.mark.browser  # needs the built site, like the browser tests

SITE = site_directory_under_test()
EDITIONS = site_audit.EDITIONS


def edition_pages(edition: str) -> list[Path]:
    pages = [SITE / page for page in site_audit.edition_pages(EDITIONS[edition], SITE)]
    missing = [page for page in pages if not page.is_file()]
    assert not missing, f"not built: {missing}"
    return pages


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_is_valid_html(edition):
    pages = edition_pages(edition)
    errors = nu_html_errors(pages, names=lambda path: path.relative_to(SITE).as_posix())
    found = {page: messages for page, messages in errors.items() if messages}
    assert not found, "the Nu Html Checker:\n" + "\n".join(
        f"  {page} {message}" for page, messages in found.items() for message in messages[:10])


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_passes_pa11y(edition):
    pages = edition_pages(edition)
    found = {url: issues for url, issues in pa11y_errors([page.as_uri() for page in pages]).items()
             if issues}
    assert not found, "pa11y (WCAG 2 AA):\n" + "\n".join(
        f"  {url.removeprefix(SITE.as_uri())}: {issue['code']}: {issue['message'][:120]} "
        f"at {issue['selector']}"
        for url, issues in found.items() for issue in issues[:10])


HREF = re.compile(r'<a\b[^>]*\shref="([^"]*)"')
ID = re.compile(r'\sid="([^"]*)"')


def broken_links(page: Path, ids_of) -> list[str]:
    """The links of a page to a missing file or a missing #anchor of the site."""
    broken = []
    for href in HREF.findall(page.read_text(encoding="utf-8")):
        parts = urlsplit(href.replace("&amp;", "&"))
        if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
            continue  # outside the site: not followed
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{href}: no such file")
        elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids_of(target):
            broken.append(f"{href}: no id {parts.fragment!r} in {target.relative_to(SITE)}")
    return broken


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_link_inside_the_site_reaches_its_page_and_anchor(edition):
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(ID.findall(path.read_text(encoding="utf-8")))
        return ids[path]

    found = {page.relative_to(SITE).as_posix(): links for page in edition_pages(edition)
             if (links := broken_links(page, ids_of))}
    assert not found, "broken links:\n" + "\n".join(
        f"  {page}: {link}" for page, links in found.items() for link in links[:10])
