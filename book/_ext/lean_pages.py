"""Sphinx extension: keep pages light and free of dead weight.

- No saved ipywidgets state. The site shows the static convolution explorer instead of the
  frozen widget (see `nb_mime_priority_overrides` in _config.yml), so the widget state
  MyST-NB embeds from the executed notebook (~50 kB of JSON) would serve nothing.
- Only the icons the site uses. pydata-sphinx-theme draws about twenty Font Awesome icons
  (`<i class="fa-...">` in its templates), yet loads all of Font Awesome twice over: a 1.5 MB
  script that swaps the icons for SVG, and, in its stylesheet, web fonts of every icon
  (~0.3 MB). After the build, the script tag goes (the stylesheet already draws the icons),
  and the theme's fonts are cut down to the icons that the pages and the theme's scripts name.
"""

from __future__ import annotations

import re
from pathlib import Path

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
FONTAWESOME_SCRIPT = re.compile(
    r'<script defer(?:="defer")? src="(?:\.\./)*_static/scripts/fontawesome\.js[^"]*"></script>\n?'
)
THEME_CSS = Path("_static/styles/pydata-sphinx-theme.css")
THEME_FONTS = Path("_static/vendor/fontawesome/webfonts")
SUBSET_FONTS = Path("_static/icons")
ICON_NAME = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
# An icon rule of Font Awesome's CSS: ".fa-rocket:before{content:"\f135"}", aliases allowed.
ICON_RULE = re.compile(r'(?P<selectors>[^{}]+):before\{content:"\\(?P<code>[0-9a-f]+)"\}')
# The theme's @font-face sources: "url(../vendor/fontawesome/webfonts/fa-solid-900.woff2) ...".
FONT_SOURCES = re.compile(
    r'url\(\.\./vendor/fontawesome/webfonts/(?P<font>fa-[a-z]+-\d+)\.woff2\) format\("woff2"\),'
    r'url\(\.\./vendor/fontawesome/webfonts/(?P=font)\.ttf\) format\("truetype"\)'
)
NOT_PAGES = {"_static", "_sources", "_images"}


def drop_widget_state(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if scripts:
        context["script_files"] = [
            s for s in scripts if getattr(s, "attributes", {}).get("type") != WIDGET_STATE
        ]


def without_icon_script(html: str, page: str) -> str:
    """The page less the theme's Font Awesome script tag."""
    new, count = FONTAWESOME_SCRIPT.subn("", html)
    # No tag: a page the theme did not make (the root redirect), or one an earlier build
    # rewrote. "fontawesome.js" left over means the theme changed how it loads its icons:
    # fail loudly rather than ship 1.5 MB silently.
    if count > 1 or "_static/scripts/fontawesome.js" in new:
        raise RuntimeError(f"{page}: the theme's Font Awesome script tag was not removed")
    return new


def with_empty_favicon(html: str) -> str:
    """Give Jupyter Book's root redirect page an empty icon. Without any <link rel="icon">
    the browser asks for /favicon.ico (a 404 in the console), and a real icon's request would
    be cut off by the redirect; an empty data: URL asks for nothing."""
    if 'rel="icon"' in html or "<meta http-equiv" not in html:
        return html
    return '<link rel="icon" href="data:," />\n' + html


def icon_codes(css: str, used: set[str]) -> set[int]:
    """Code points of the icons, among the stylesheet's icon rules, whose names are used."""
    codes = set()
    for rule in ICON_RULE.finditer(css):
        names = {s.strip().lstrip(".").split(":")[0] for s in rule["selectors"].split(",")}
        if names & used:
            codes.add(int(rule["code"], 16))
    return codes


def subset_font(source: Path, target: Path, codes: set[int]) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # recalcTimestamp=False: the same input gives the same bytes (a deterministic build).
    font = TTFont(str(source), recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff"  # zlib-compressed; woff2 would need the brotli module
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codes))
    subsetter.subset(font)
    font.flavor = "woff"
    font.save(str(target), reorderTables=False)


def cut_down_icon_fonts(out: Path, pages: list[Path]) -> None:
    """Point the theme stylesheet's icon fonts at subsets holding only the used icons."""
    used: set[str] = set()
    for path in pages + sorted((out / "_static" / "scripts").glob("*.js")):
        if path.name != "fontawesome.js":
            used |= set(ICON_NAME.findall(path.read_text(encoding="utf-8")))
    css_path = out / THEME_CSS
    css = css_path.read_text(encoding="utf-8")
    codes = icon_codes(css, used)
    if not codes:
        raise RuntimeError(f"no icon of {sorted(used)} found in {THEME_CSS}: has the theme changed?")
    (out / SUBSET_FONTS).mkdir(exist_ok=True)

    def to_subset(source: re.Match) -> str:
        name = source["font"]
        subset_font(out / THEME_FONTS / f"{name}.ttf", out / SUBSET_FONTS / f"{name}.woff", codes)
        return f'url(../icons/{name}.woff) format("woff")'

    new_css, count = FONT_SOURCES.subn(to_subset, css)
    if count == 0 and "../icons/" not in css:  # copied afresh by Sphinx each build, normally
        raise RuntimeError(f"{THEME_CSS}: no Font Awesome @font-face found: has the theme changed?")
    css_path.write_text(new_css, encoding="utf-8")


def rewrite_pages(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    pages = [p for p in sorted(out.rglob("*.html")) if p.relative_to(out).parts[0] not in NOT_PAGES]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        name = page.relative_to(out).as_posix()
        new = with_empty_favicon(without_icon_script(html, name))
        if new != html:
            page.write_text(new, encoding="utf-8")
    cut_down_icon_fonts(out, pages)


def setup(app):
    app.connect("html-page-context", drop_widget_state, priority=900)
    app.connect("build-finished", rewrite_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
