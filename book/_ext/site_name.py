"""The site's name is the book's title (``title`` in _config.yml), in each edition's language.

Jupyter Book 1 turns ``title`` into ``html_title`` and leaves Sphinx's ``project`` at its default,
"Project name not set", which the site then shows: sphinxext-opengraph writes it as every page's
``og:site_name`` (the name a chat app or a search engine prints beside a shared link), and the
root redirect pages (book/_ext/generated_pages.py) take it as their ``<title>``. At config-inited,
a public Sphinx event, an unset ``project`` becomes the title; a ``project`` given in the book's
``sphinx.config`` is kept.
"""

from __future__ import annotations

SPHINX_DEFAULT_PROJECT = "Project name not set"


def name_the_project(app, config) -> None:
    if config.project == SPHINX_DEFAULT_PROJECT and config.html_title:
        config.project = config.html_title


def setup(app):
    app.connect("config-inited", name_the_project)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
