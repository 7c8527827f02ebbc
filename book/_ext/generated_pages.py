"""The pages no source document describes: Sphinx's search and index pages, and the site's root.

- ``search.html`` and ``genindex.html`` get a ``<meta name="description">`` (sphinxext-opengraph
  describes every page from its document; these two have none), and ``genindex.html`` the title
  sphinx-book-theme prints in an ``<h1>`` (its ``pagetitle``), which was empty there.
- The root ``index.html``: the table of contents makes another page the book's home, so
  sphinx-external-toc writes a one-line redirect there at the end of the build, and only when no
  ``index.html`` exists yet. This extension writes it first (``build-finished``, before
  sphinx-external-toc's handler): a complete, valid HTML page in the edition's language, with a
  title, a description, an icon that costs no request, the redirect, and a link for a browser that
  does not follow it.

Their words come from the "sphinx" message catalogue (TRANSLATED_WORDS; tools/translation/extract.py
adds them to sphinx.pot), so the Chinese edition shows them in Chinese.
Enabled in _config.yml under sphinx.local_extensions.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from sphinx.locale import _

DESCRIPTIONS = {
    "search": "Search every lesson and reference page of the course on convolution in PyTorch.",
    "genindex": "Index of the terms used in the course on convolution in PyTorch, by hand and by layer.",
}
ROOT_DESCRIPTION = ("Start page of the course on convolution in PyTorch: nn.Module, F.conv2d by hand "
                    "and the Conv2d layer.")
ROOT_LINK = "Go to the start page"
TRANSLATED_WORDS = (*DESCRIPTIONS.values(), ROOT_DESCRIPTION, ROOT_LINK)


def describe_generated_page(app, pagename, templatename, context, doctree) -> None:
    if doctree is None and pagename == "genindex" and not context.get("pagetitle"):
        context["pagetitle"] = str(_("Index"))  # Sphinx's own word, in its own catalogue
    if doctree is None and pagename in DESCRIPTIONS:
        words = escape(str(_(DESCRIPTIONS[pagename])))
        context["metatags"] = context.get("metatags", "") + f'\n<meta name="description" content="{words}" />'


def redirect_page(target: str, title: str, language: str) -> str:
    """A valid HTML5 page that sends the reader to target (relative to it)."""
    lang = language.replace("_", "-")
    target, title = escape(target), escape(title)
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8" />\n'
            f'<title>{title}</title>\n'
            f'<meta name="description" content="{escape(str(_(ROOT_DESCRIPTION)))}" />\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
            f'<link rel="icon" href="data:," />\n'
            f'<meta http-equiv="refresh" content="0; url={target}" />\n</head>\n'
            f'<body>\n<p><a href="{target}">{escape(str(_(ROOT_LINK)))}</a></p>\n</body>\n</html>\n')


def write_root_redirect(app, exception) -> None:
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    index = Path(app.outdir) / "index.html"
    target = app.builder.get_target_uri(app.config.root_doc)
    index.write_text(redirect_page(target, app.config.project, app.config.language or "en"), encoding="utf-8")


def setup(app):
    # After sphinx-book-theme's handler, which sets pagetitle from the page's document.
    app.connect("html-page-context", describe_generated_page, priority=900)
    # Before sphinx-external-toc's ensure_index_file (priority 500), which then leaves it alone.
    app.connect("build-finished", write_root_redirect, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
