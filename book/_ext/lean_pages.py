"""Sphinx extension: keep pages light and free of dead weight.

- No saved ipywidgets state. The site shows the static convolution explorer instead of the
  frozen widget (see `nb_mime_priority_overrides` in _config.yml), so the widget state
  MyST-NB embeds from the executed notebook (~50 kB of JSON) would serve nothing.
- Icons from a stylesheet. pydata-sphinx-theme loads Font Awesome as a 1.5 MB script on every
  page; the same icons (the theme writes them as `<i class="fa-...">`) are drawn by Font
  Awesome's own CSS and web fonts, vendored into _static/fontawesome/ by
  tools/vendor_assets.py, at about a quarter of the weight.
"""

from __future__ import annotations

import re
from pathlib import Path

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
FONTAWESOME_SCRIPT = re.compile(
    r'<script defer(?:="defer")? src="(?P<prefix>(?:\.\./)*)_static/scripts/fontawesome\.js[^"]*"></script>'
)
FONTAWESOME_CSS = '<link rel="stylesheet" href="{prefix}_static/fontawesome/css/all.min.css" />'


def drop_widget_state(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if scripts:
        context["script_files"] = [
            s for s in scripts if getattr(s, "attributes", {}).get("type") != WIDGET_STATE
        ]


def use_icon_stylesheet(html: str, page: str) -> str:
    """Swap the theme's Font Awesome script for the vendored stylesheet, once per page."""
    new, count = FONTAWESOME_SCRIPT.subn(lambda m: FONTAWESOME_CSS.format(prefix=m["prefix"]), html)
    # No tag: a page the theme did not make (the root redirect), or one swapped by an earlier
    # build. A "fontawesome.js" left over means the theme changed how it loads its icons:
    # fail loudly rather than ship 1.5 MB silently.
    if count > 1 or "_static/scripts/fontawesome.js" in new:
        raise RuntimeError(f"{page}: the theme's Font Awesome script tag was not swapped for the stylesheet")
    return new


def rewrite_pages(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    if not (out / "_static" / "fontawesome" / "css" / "all.min.css").exists():
        raise RuntimeError("_static/fontawesome is missing: run `python tools/vendor_assets.py` (make does)")
    for page in out.rglob("*.html"):
        if page.relative_to(out).parts[0] in {"_static", "_sources", "_images"}:
            continue  # theme templates and copied sources, not pages
        html = page.read_text(encoding="utf-8")
        new = use_icon_stylesheet(html, str(page.relative_to(out)))
        if new != html:
            page.write_text(new, encoding="utf-8")


def setup(app):
    app.connect("html-page-context", drop_widget_state, priority=900)
    app.connect("build-finished", rewrite_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
