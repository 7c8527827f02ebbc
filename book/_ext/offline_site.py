"""Links to files at the root of the published site, from either edition's pages.

The whole course as one zip (tools/offline_zip.py, written by `make book` after both editions are
built) sits at the site's root, beside the English pages; the Chinese pages are one folder down
(zh/). A page links to it as ``[words](offline-site:convcourse-offline.zip)``, the same link in
both editions, so a translation keeps it as it is: MyST passes the scheme through as an external
link (myst_url_schemes, added at config-inited), and at doctree-resolved, once the page's name is
known, the link becomes the path from that page to the site's root. Both are public hooks.
"""

from __future__ import annotations

from docutils import nodes
from edition_switcher import EDITIONS

SCHEME = "offline-site"


def allow_the_scheme(app, config) -> None:
    schemes = config.myst_url_schemes
    if isinstance(schemes, dict):
        config.myst_url_schemes = {**schemes, SCHEME: None}
    else:  # MyST also takes a list of scheme names
        config.myst_url_schemes = [*schemes, SCHEME]


def path_to_site_root(docname: str, language: str) -> str:
    folder, _, _ = EDITIONS[language if language in EDITIONS else "en"]
    return "../" * docname.count("/") + "../" * folder.count("/")


def resolve_links(app, doctree, docname) -> None:
    up = path_to_site_root(docname, app.config.language)
    for reference in doctree.findall(nodes.reference):
        uri = reference.get("refuri", "")
        if uri.startswith(f"{SCHEME}:"):
            reference["refuri"] = up + uri[len(SCHEME) + 1:]


def setup(app):
    app.connect("config-inited", allow_the_scheme)
    app.connect("doctree-resolved", resolve_links)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
