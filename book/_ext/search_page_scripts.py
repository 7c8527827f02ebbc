"""Sphinx's search scripts only on the search page: the check that keeps the override honest.

book/_templates/layout.html replaces one block of pydata-sphinx-theme's layout, ``extrahead``, by
a copy without the three search scripts the theme loads on every page (see the template's
comment). The theme has no option for it, so the copy is a workaround; this extension makes it
say when it has gone stale: at each build it reads the installed theme's ``extrahead`` block and,
when that is no longer the block the copy was made from (BLOCK_DIGEST), warns that the copy must
be compared with it again. Reading the theme's template to warn is all it does: nothing of the
theme is changed. Upstream: pydata-sphinx-theme issues 1977 and 2115.
Enabled in _config.yml under sphinx.local_extensions.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

# sha256 of pydata-sphinx-theme 0.17.1's block, from "{%- block extrahead %}" to its endblock line.
BLOCK_DIGEST = "6ec05de92d203cc2d937dd922f041f80e163cf6e108752d138a1f578a7098277"
BLOCK = re.compile(r"^[^\n]*\{%-? block extrahead %\}.*?\{%-? endblock extrahead %\}[^\n]*\n", re.M | re.S)


def block_digest(layout: str) -> str | None:
    """The digest of a layout's extrahead block (with its two lines), or None without one."""
    found = BLOCK.search(layout)
    return hashlib.sha256(found[0].encode("utf-8")).hexdigest() if found else None


def theme_layout(theme_dirs) -> Path | None:
    """The theme's own layout.html (not this book's override): the first theme directory's."""
    for folder in theme_dirs:
        layout = Path(folder) / "layout.html"
        if layout.is_file() and "pydata_sphinx_theme" in layout.as_posix():
            return layout
    return None


def check_block(app) -> None:
    if app.builder.format != "html" or app.builder.theme is None:
        return
    layout = theme_layout(app.builder.theme.get_theme_dirs())
    digest = block_digest(layout.read_text(encoding="utf-8")) if layout else None
    if digest != BLOCK_DIGEST:
        logger.warning("search_page_scripts: the installed pydata-sphinx-theme's extrahead block is not the "
                       "one book/_templates/layout.html copies: compare the two, update the copy (or delete "
                       "it if the theme no longer loads the search scripts on every page) and BLOCK_DIGEST")


def setup(app):
    app.connect("builder-inited", check_block)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
