"""What the fragments share (explorer/page.py): the stylesheet in a data: URL, the JSON block;
and a page holding the static explorer and the gallery is valid HTML for the Nu Html Checker."""

from __future__ import annotations

import base64
import json
import re

from html_checks import nu_html_errors

import convcourse
from convcourse.explorer.gallery import gallery_html, pooling_html
from convcourse.explorer.page import STYLESHEET, asset, data_script, style_html
from convcourse.explorer.static import static_explorer_html


def test_the_stylesheet_is_the_css_file_itself_in_a_data_url():
    href = re.fullmatch(r'<link rel="stylesheet" href="([^"]+)">', style_html()).group(1)
    prefix = "data:text/css;charset=utf-8;base64,"
    assert href.startswith(prefix)
    assert base64.b64decode(href[len(prefix):]).decode("utf-8") == asset(STYLESHEET)


def test_the_data_block_cannot_end_its_script_early_and_reads_back_as_written():
    data = {"text": "</script><script>alert(1)</script>", "n": [1, 2.5]}
    block = data_script(data)
    body = re.fullmatch(r'<script type="application/json" data-role="data">(.*)</script>', block,
                        re.S).group(1)
    assert "</" not in body
    assert json.loads(body) == data


def html_document(language: str, body: str) -> str:
    """The smallest valid HTML5 document around ``body``."""
    return (f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
            f"<title>convcourse</title></head><body>{body}</body></html>")


def test_a_page_with_the_explorer_the_gallery_and_the_pooling_animations_is_valid_html(tmp_path):
    # One page per language (the words differ), and a planted error, without which this test
    # could not fail if the checker passed everything: an SVG group with HTML's hidden attribute.
    pages = {}
    for language, tag in (("en", "en"), ("zh_CN", "zh-CN")):
        convcourse.set_language(language)
        try:
            pages[f"{language}.html"] = html_document(tag, static_explorer_html() + gallery_html()
                                                      + pooling_html())
        finally:
            convcourse.set_language("en")
    pages["planted.html"] = html_document("en", '<svg><g hidden=""></g></svg>')
    for name, page in pages.items():
        (tmp_path / name).write_text(page, encoding="utf-8")
    errors = nu_html_errors([tmp_path / name for name in pages])
    assert [error.split(": ", 1)[1] for error in errors.pop("planted.html")] == [
        "Attribute “hidden” not allowed on element “g” at this point."]
    assert errors == {"en.html": [], "zh_CN.html": []}, "\n".join(
        f"{name} {error}" for name, found in errors.items() for error in found[:20])
