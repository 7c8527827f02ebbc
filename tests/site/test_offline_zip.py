"""The whole course offline in one file (tools/offline_zip.py, written by `make book`).

Unpacked into an empty folder, the zip gives both editions; a lesson opened from file:// loads
and works with no request leaving that folder; both home pages and the running-the-lessons page
link to the zip, and the link reaches it.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import offline_zip
import pytest
from site_audit import site_directory_under_test

pytestmark = pytest.mark.browser

SITE = site_directory_under_test()
ZIP = SITE / offline_zip.ZIP_NAME
LINKING_PAGES = ["book/index.html", "book/running_the_lessons.html",
                 "zh/book/index.html", "zh/book/running_the_lessons.html"]


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory) -> Path:
    assert ZIP.is_file(), f"no {ZIP.name} in the site: `make book` writes it"
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(ZIP) as archive:
        assert archive.testzip() is None, f"{ZIP.name} has a damaged entry"
        archive.extractall(folder)
    return folder / offline_zip.TOP_FOLDER


def test_the_zip_holds_every_file_of_both_editions(unpacked):
    site_files = {p.relative_to(SITE).as_posix() for p in SITE.rglob("*")
                  if p.is_file() and p != ZIP and not p.name.startswith(".")}
    unpacked_files = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()}
    assert site_files - unpacked_files == set(), sorted(site_files - unpacked_files)[:5]
    assert {"index.html", "zh/index.html", "README.txt"} <= unpacked_files
    assert offline_zip.ZIP_NAME not in unpacked_files, "the zip holds a copy of itself"


@pytest.mark.parametrize("page", ["lessons/03_padding_and_stride.html", "zh/lessons/05_pooling.html"])
def test_a_lesson_from_the_unpacked_zip_sends_no_request_outside_its_folder(browser, unpacked, page):
    from playwright.sync_api import expect

    folder = unpacked.resolve().as_uri() + "/"
    outside, failed = [], []
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.on("request", lambda r: None if r.url.startswith((folder, "data:", "blob:"))
               else outside.append(r.url))
        tab.on("requestfailed", lambda r: failed.append(r.url))
        tab.goto(folder + page, wait_until="load")
        expect(tab.locator("article h1").first).to_be_visible()
        expect(tab.locator("article")).to_contain_text(re.compile(r"\S{20}"))
    finally:
        context.close()
    assert not outside, f"{page} from the zip asked for {outside[:5]}"
    assert not failed, f"{page} from the zip failed to load {failed[:5]}"


@pytest.mark.parametrize("page", LINKING_PAGES)
def test_the_pages_link_to_the_zip(page):
    html = (SITE / page).read_text()
    links = re.findall(r'href="([^"]*' + re.escape(offline_zip.ZIP_NAME) + ')"', html)
    assert links, f"{page}: no link to {offline_zip.ZIP_NAME}"
    for link in links:
        reached = ((SITE / page).parent / link).resolve()
        assert reached == ZIP.resolve(), f"{page}: {link} does not reach the zip"


def test_the_same_site_gives_the_same_zip(tmp_path):
    site = tmp_path / "site"
    (site / "zh").mkdir(parents=True)
    (site / "index.html").write_text("<p>en</p>")
    (site / "zh" / "index.html").write_text("<p>中文</p>")
    first = offline_zip.write_zip(site).read_bytes()
    (site / "index.html").touch()  # a newer date, the same content
    assert offline_zip.write_zip(site).read_bytes() == first
    with zipfile.ZipFile(site / offline_zip.ZIP_NAME) as archive:
        assert sorted(archive.namelist()) == ["convcourse/README.txt", "convcourse/index.html",
                                              "convcourse/zh/index.html"]
