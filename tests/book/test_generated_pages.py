"""book/_ext/generated_pages.py: descriptions of the pages no document describes; the root page."""

from __future__ import annotations

import re

import generated_pages


def test_the_root_page_is_a_complete_redirect_in_the_editions_language():
    page = generated_pages.redirect_page("book/index.html", "A <course>", "zh_CN")
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">")
    assert "<title>A &lt;course&gt;</title>" in page and '<meta charset="utf-8" />' in page
    assert '<meta http-equiv="refresh" content="0; url=book/index.html" />' in page
    assert re.search(r'<a href="book/index.html">[^<]+</a>', page)
    assert '<meta name="description" content="' in page and 'rel="icon" href="data:,"' in page


def test_search_and_index_get_a_description_and_the_index_a_title():
    for page in ("search", "genindex"):
        context = {"metatags": ""}
        generated_pages.describe_generated_page(None, page, "page.html", context, None)
        assert re.fullmatch(r'\n<meta name="description" content="[^"]{40,160}" />', context["metatags"])
    context = {"metatags": ""}
    generated_pages.describe_generated_page(None, "genindex", "genindex.html", context, None)
    assert context["pagetitle"]
    lesson = {"metatags": "", "pagetitle": "Lesson"}
    generated_pages.describe_generated_page(None, "lessons/x", "page.html", lesson, object())
    assert lesson == {"metatags": "", "pagetitle": "Lesson"}
