"""A link on every page to the same page in the other edition (English <-> 中文).

The English site is the root of the published site and the Chinese one its ``zh/`` folder
(tools/translation builds it from the same sources), so the same page of the other edition is
the same path, with ``zh/`` added or taken away. The link sits in the article header
(book/_templates/edition-switcher.html). The head names the other edition's page for search
engines (``<link rel="alternate" hreflang>``, added to the page's ``metatags``) only when the
site's own address is known (html_baseurl): search engines, and Lighthouse's SEO audit, want an
absolute URL there.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urljoin

EDITIONS = {
    # language: (folder of the site root, hreflang, the link's words in that edition's language)
    "en": ("", "en", "English"),
    "zh_CN": ("zh/", "zh-CN", "中文"),
}


def other_edition(language: str) -> str:
    return "zh_CN" if language == "en" else "en"


def edition_link(pagename: str, language: str) -> dict[str, str]:
    """The link from ``pagename`` of the edition in ``language`` to the other edition's page."""
    if language not in EDITIONS:
        raise ValueError(f"edition_switcher: no edition for the language {language!r}; "
                         f"the editions are {', '.join(EDITIONS)}")
    here, _, _ = EDITIONS[language]
    other = other_edition(language)
    there, hreflang, label = EDITIONS[other]
    # From the page up to the edition's root, up out of its folder, then down into the other's.
    up = "../" * pagename.count("/") + "../" * here.count("/")
    return {"href": f"{up}{there}{pagename}.html", "hreflang": hreflang, "label": label}


def edition_alternate(link: dict[str, str], pageurl: str | None) -> str | None:
    """The other edition's page as an absolute URL (search engines read a relative hreflang link
    as an error), or None when the site's address (html_baseurl, hence pageurl) is not known."""
    if not pageurl or "://" not in pageurl:
        return None
    return urljoin(pageurl, link["href"])


def add_link(app, pagename, templatename, context, doctree) -> None:
    link = edition_link(pagename, app.config.language)
    context["edition_link"] = link
    alternate = edition_alternate(link, context.get("pageurl"))
    if alternate:
        context["metatags"] = (context.get("metatags", "") + f'\n<link rel="alternate" '
                               f'hreflang="{link["hreflang"]}" href="{escape(alternate)}" />')


def setup(app):
    app.connect("html-page-context", add_link)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
