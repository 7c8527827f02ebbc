"""Icons drawn by the theme's stylesheet alone: pydata-sphinx-theme's 1.5 MB Font Awesome script
is replaced by an empty file of the same name.

pydata-sphinx-theme 0.17 loads Font Awesome's whole JavaScript bundle (``scripts/fontawesome.js``,
about 540 kB compressed) on every page, only to let a site add custom icons; it then rewrites
every icon of the page from ``<i>`` to inline SVG. The theme's stylesheet and webfonts draw the
same icons without it. This book adds no custom icon, so the script does nothing a reader needs,
and on a phone it was the largest download and the longest task of every page.

The means is Sphinx's documented rule that a file in ``html_static_path`` replaces a theme's static
file of the same name: ``book/static/scripts/fontawesome.js`` (book/static is the book's
``html_static_path``), a one-line comment. Upstream:
pydata-sphinx-theme issue #2379 ("fontawesome is heavy") and pull request #2494, which replaces the
bundle by a 90 kB core; once the installed theme ships a script smaller than OBSOLETE_BELOW, or none,
the build warns that this extension can go.
Enabled in _config.yml under sphinx.local_extensions.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

THEME_SCRIPT = Path("static") / "scripts" / "fontawesome.js"
OBSOLETE_BELOW = 200_000  # bytes: pull request #2494's core is about 90 kB


def theme_script_size(theme_dirs) -> int | None:
    """The size of the theme's own fontawesome.js, or None when no theme directory has one."""
    for folder in theme_dirs:
        script = Path(folder) / THEME_SCRIPT
        if script.is_file():
            return script.stat().st_size
    return None


def obsolescence(size: int | None) -> str | None:
    """Why this extension is no longer needed, or None while it is."""
    if size is None:
        return "the theme no longer ships scripts/fontawesome.js"
    if size < OBSOLETE_BELOW:
        return f"the theme's scripts/fontawesome.js is {size:,} bytes (pydata-sphinx-theme #2494 landed?)"
    return None


def check_still_needed(app) -> None:
    if app.builder.format != "html" or app.builder.theme is None:
        return
    reason = obsolescence(theme_script_size(app.builder.theme.get_theme_dirs()))
    if reason:
        logger.warning(f"fontawesome_css_only: {reason}: remove book/_ext/fontawesome_css_only.py, "
                       "book/static/scripts/fontawesome.js and its _config.yml line")


def setup(app):
    app.connect("builder-inited", check_still_needed)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
