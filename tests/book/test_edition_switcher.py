"""book/_ext/edition_switcher.py: the link to the same page of the other edition."""

from __future__ import annotations

import edition_switcher


def test_the_other_editions_page_is_named_for_search_engines_only_by_an_absolute_address():
    link = {"href": "../zh/lessons/x.html", "hreflang": "zh-CN", "label": "中文"}
    assert edition_switcher.edition_alternate(link, None) is None
    page_url = "https://a.github.io/course/lessons/x.html"
    assert edition_switcher.edition_alternate(link, page_url) == "https://a.github.io/course/zh/lessons/x.html"


