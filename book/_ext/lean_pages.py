"""Sphinx extension: keep pages light and free of dead weight.

- No saved ipywidgets state. The site shows the static convolution explorer instead of the
  frozen widget (see `nb_mime_priority_overrides` in _config.yml), so the widget state
  MyST-NB embeds from the executed notebook (~50 kB of JSON) would serve nothing.
- Only the icons the site uses. pydata-sphinx-theme loads all of Font Awesome as a 1.5 MB
  script on every page, for about twenty icons that its templates write as `<i class="fa-...">`.
  After the build, the icon names used by the pages and the theme's scripts are collected, and
  Font Awesome's own stylesheet and fonts (vendored from npm by tools/vendor_assets.py) are cut
  down to those icons (a few kB), and the script tag is swapped for that stylesheet.
"""

from __future__ import annotations

import re
from pathlib import Path

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
FONTAWESOME_SCRIPT = re.compile(
    r'<script defer(?:="defer")? src="(?P<prefix>(?:\.\./)*)_static/scripts/fontawesome\.js[^"]*"></script>'
)
ICON_STYLESHEET = "_static/icons/icons.css"
ICON_NAME = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
# One icon rule of Font Awesome's all.min.css: ".fa-rocket:before{content:"\f135"}" (possibly
# several aliases before the braces).
ICON_RULE = re.compile(r'(?P<selectors>[^{}]+)\{content:"\\(?P<code>[0-9a-f]+)"\}')
FONTS = {  # @font-face file in all.min.css -> subset written next to icons.css
    "fa-solid-900": "icons-solid.woff",
    "fa-regular-400": "icons-regular.woff",
    "fa-brands-400": "icons-brands.woff",
}
NOT_PAGES = {"_static", "_sources", "_images"}


def drop_widget_state(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if scripts:
        context["script_files"] = [
            s for s in scripts if getattr(s, "attributes", {}).get("type") != WIDGET_STATE
        ]


def use_icon_stylesheet(html: str, page: str) -> str:
    """Swap the theme's Font Awesome script tag for the cut-down icon stylesheet."""
    new, count = FONTAWESOME_SCRIPT.subn(
        lambda m: f'<link rel="stylesheet" href="{m["prefix"]}{ICON_STYLESHEET}" />', html
    )
    # No tag: a page the theme did not make (the root redirect), or one swapped by an earlier
    # build. A "fontawesome.js" left over means the theme changed how it loads its icons:
    # fail loudly rather than ship 1.5 MB silently.
    if count > 1 or "_static/scripts/fontawesome.js" in new:
        raise RuntimeError(f"{page}: the theme's Font Awesome script tag was not swapped")
    return new


def cut_down_stylesheet(css: str, used: set[str]) -> tuple[str, set[int]]:
    """Keep Font Awesome's general rules and the icon rules of the used names only.

    Returns the stylesheet and the code points of the kept icons.
    """
    codes: set[int] = set()
    kept = []
    for rule in re.findall(r"[^{}]+\{[^{}]*\}|@font-face\{[^{}]*\}|:root\{[^{}]*\}", css):
        if rule.startswith("@font-face") and 'font-family:"Font Awesome 6' not in rule:
            continue  # the Font Awesome 4 and 5 compatibility faces: the theme uses version 6 names
        icon = ICON_RULE.fullmatch(rule)
        if icon is None:
            kept.append(rule)
            continue
        names = {s.strip().removeprefix(".").split(":")[0] for s in icon["selectors"].split(",")}
        if names & used:
            kept.append(rule)
            codes.add(int(icon["code"], 16))
    return "".join(kept), codes


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


def write_icons(out: Path, pages: list[Path]) -> None:
    vendored = out / "_static" / "fontawesome"
    if not (vendored / "css" / "all.min.css").exists():
        raise RuntimeError("_static/fontawesome is missing: run `python tools/vendor_assets.py` (make does)")
    used: set[str] = set()
    for path in pages + sorted((out / "_static" / "scripts").glob("*.js")):
        if path.name != "fontawesome.js":
            used |= set(ICON_NAME.findall(path.read_text(encoding="utf-8")))
    css, codes = cut_down_stylesheet((vendored / "css" / "all.min.css").read_text(encoding="utf-8"), used)
    icons = out / "_static" / "icons"
    icons.mkdir(exist_ok=True)
    for name, subset_name in FONTS.items():
        # Point each @font-face at its subset (woff only: every current browser reads it).
        full = rf'url\(\.\./webfonts/{name}\.woff2\) format\("woff2"\),url\(\.\./webfonts/{name}\.ttf\)'
        css = re.sub(full + r' format\("truetype"\)', f'url({subset_name}) format("woff")', css)
        subset_font(vendored / "webfonts" / f"{name}.ttf", icons / subset_name, codes)
    if "webfonts/" in css:
        raise RuntimeError("icons.css still refers to the full Font Awesome fonts")
    (icons / "icons.css").write_text(css, encoding="utf-8")


def rewrite_pages(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    pages = [p for p in sorted(out.rglob("*.html")) if p.relative_to(out).parts[0] not in NOT_PAGES]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        new = use_icon_stylesheet(html, str(page.relative_to(out)))
        if new != html:
            page.write_text(new, encoding="utf-8")
    write_icons(out, pages)


def setup(app):
    app.connect("html-page-context", drop_widget_state, priority=900)
    app.connect("build-finished", rewrite_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
