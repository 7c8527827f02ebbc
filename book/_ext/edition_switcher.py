"""A link on every page to the same page in the other edition (English <-> 中文).

The English site is the root of the published site and the Chinese one its ``zh/`` folder
(tools/translation builds it from the same sources), so the same page of the other edition is
the same path, with ``zh/`` added or taken away. The link sits in the article header
(book/_templates/edition-switcher.html). There is no ``<link rel="alternate" hreflang>`` in the
head: search engines (and Lighthouse's SEO audit) want an absolute URL there, and the site's own
address is not known when it is built.
"""

from __future__ import annotations

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


def add_link(app, pagename, templatename, context, doctree) -> None:
    context["edition_link"] = edition_link(pagename, app.config.language)


def setup(app):
    app.connect("html-page-context", add_link)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
