"""Sphinx extension: each page loads only what it needs, when it needs it (fast on a phone).

Through Sphinx's own hooks, while the pages are made:
- Templates (book/_templates/layout.html, added to `templates_path` here): no Font Awesome script
  (1.5 MB that swaps the icons for SVG, while the theme's stylesheet draws them already), and
  Sphinx's search scripts and index only on search.html, where search runs.
- `html-page-context`: the other scripts deferred (they run once the page is parsed, in their
  order), no saved ipywidgets state (the site shows the static explorer instead of the frozen
  widget: `nb_mime_priority_overrides` in _config.yml), extensions' scripts only on pages that use
  them (sphinx-design's tabs, sphinx-thebe's, sphinx-togglebutton's, sphinx-copybutton's), and a
  meta description from the page's front matter (`description:`) or else its first paragraph.
- The image visitor: every <img> gets its intrinsic width and height (no layout shift while it
  loads), and every image after the first is loaded lazily.
- `builder-inited`: code is highlighted without a <span> around the tokens the theme's Pygments
  styles draw as plain text (names, punctuation, white space): the same colours, fewer elements.
- `doctree-resolved`: tracebacks shown on purpose (`raises-exception` cells) name files relative
  to site-packages or the course folder, never the build machine's paths.

After the build (`build-finished`), three steps still have to rewrite the theme's own files in
_static; they were written for pydata-sphinx-theme THEME_VERSION and stop the build, naming that
version, if the theme is another one or the files are not what they expect:
- the theme's icon fonts are cut down to the icons the pages and scripts name, and written into
  the stylesheet (no font request);
- the theme script's load-time measurement of every scrollable element is blanked out, the pages
  measuring each one once it is laid out (SCROLLABLE_CALL);
- CSS rules no page uses are removed with PurgeCSS (book/_ext/purge_css.cjs), keeping the
  classes the theme's and extensions' scripts add (PurgeCSS reads the scripts too, plus SAFELIST).
The theme's bootstrap.js (all of Bootstrap 5 and Popper, 81 kB) is not loaded: the pages use only
its dropdown, its tooltips and the theme's "Back to top" button, which book/static/theme_controls.js
does in a few lines. The build stops if a page or the theme's script needs more of it
(theme_controls_cover_the_pages).
Enabled in _config.yml under sphinx.local_extensions.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.images import get_image_size
from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

THEME = "pydata-sphinx-theme"
THEME_VERSION = "0.17.1"  # book/_templates/layout.html and the steps below were written for it
TEMPLATES = Path(__file__).resolve().parent.parent / "_templates"
PURGE_SCRIPT = Path(__file__).resolve().parent / "purge_css.cjs"
ROOT = Path(__file__).resolve().parents[2]

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
THEME_CSS = Path("_static/styles/pydata-sphinx-theme.css")
THEME_FONTS = Path("_static/vendor/fontawesome/webfonts")
ICON_NAME = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
# An icon rule of Font Awesome's CSS: ".fa-rocket:before{content:"\f135"}", aliases allowed.
ICON_RULE = re.compile(r'(?P<selectors>[^{}]+):before\{content:"\\(?P<code>[0-9a-f]+)"\}')
# The theme's @font-face sources: "url(../vendor/fontawesome/webfonts/fa-solid-900.woff2) ...".
FONT_SOURCES = re.compile(
    r'url\(\.\./vendor/fontawesome/webfonts/(?P<font>fa-[a-z]+-\d+)\.woff2\) format\("woff2"\),'
    r'url\(\.\./vendor/fontawesome/webfonts/(?P=font)\.ttf\) format\("truetype"\)'
)
NOT_PAGES = {"_static", "_sources", "_images", "_downloads"}
# The theme's script ends by calling, at `load`, a function (`I`) that gives every code block,
# output and table a tab stop when it scrolls (keyboard users can then scroll it), and again on
# every resize and every change to the page. To know whether an element scrolls it measures all
# of them at once: a forced layout of the whole page, the sections content-visibility skips
# included (~1 s of a phone's main thread on lesson 3; Lighthouse's bootup-time puts it on this
# script). The call is blanked out (same length: the source map still fits) and the pages do the
# same measurement with a ResizeObserver (book/_templates/layout.html, `scrollable_selector`),
# which reports each element once it is laid out, the layout already done.
THEME_JS = Path("_static/scripts/pydata-sphinx-theme.js")
SCROLLABLE_SELECTOR = ("pre, .nboutput > .output_area, .cell_output > .output, .jp-RenderedHTMLCommon, "
                       ".pst-scrollable-table-container")
SCROLLABLE_FUNCTION = ('function I(){const e=()=>{document.querySelectorAll(["pre",'
                       '".nboutput > .output_area",'
                       '".cell_output > .output",".jp-RenderedHTMLCommon",".pst-scrollable-table-container"]'
                       '.join(", ")).forEach(e=>{e.tabIndex=e.scrollWidth>e.clientWidth||e.scrollHeight>'
                       'e.clientHeight?0:-1})}')
SCROLLABLE_CALL = '"complete"===document.readyState?I():window.addEventListener("load",I)'
SCROLLABLE_CALL_OFF = "void 0".ljust(len(SCROLLABLE_CALL))
# The theme's two stylesheets, linked before Sphinx's css_files (pydata's head_pre_assets()).
THEME_STYLESHEETS = ("_static/styles/theme.css", "_static/styles/pydata-sphinx-theme.css")
BUNDLE_FOLDER = "_static/styles"
SITE_CSS = Path(__file__).resolve().parent.parent / "static" / "lean_pages.css"
IMPORT_BASIC = '@import "../basic.css";'
RELATIVE_URL = re.compile(r'url\((?P<quote>["\']?)(?!data:|https?:|/|#)(?P<path>[^"\')]+)(?P=quote)\)')
# Classes and attributes that scripts add at run time under names PurgeCSS cannot find in the
# scripts' text (built from pieces, or added by the browser): kept whatever the pages hold.
SAFELIST = {
    "standard": ["show", "showing", "hiding", "collapsing", "collapse", "fade", "active", "open",
                 "scrolled", "highlighted", "copybtn", "success", "toggle-hidden", "expanded",
                 "hidden", "disabled", "focus-visible"],
    "greedy": ["o-tooltip", "sd-tab"],
}
# Sphinx's search, loaded by search.html only (in this order: the index calls Search.setIndex).
SEARCH_SCRIPTS = ("_static/searchtools.js", "_static/language_data.js", "searchindex.js")
# Scripts extensions add to every page, needed on a page only when it uses them: sphinx-design's
# tabs (tab sets), sphinx-thebe's live code (a thebe launch button; off in launch_settings.py),
# sphinx-togglebutton's (with its settings) where something folds (its default selector:
# `.toggle, .admonition.dropdown`; with another, it stays on every page; with one that matches
# nothing, as this book sets it, on no page: solution_toggles.py folds the solutions in the
# build), sphinx-copybutton's where there is code to copy (a literal block: code cells, outputs).
TABS_SCRIPT = "design-tabs.js"
THEBE_SCRIPT = "sphinx-thebe.js"
THEBE_CONFIG_START = "const THEBE_JS_URL"
TOGGLE_SCRIPT = "togglebutton.js"
TOGGLE_SETTINGS = ("let toggleHintShow", "let toggleHintHide", "let toggleOpenOnPrint",
                   "var togglebuttonSelector")
TOGGLE_DEFAULT_SELECTOR = ".toggle, .admonition.dropdown"
COPY_SCRIPTS = ("clipboard.min.js", "copybutton.js")
# Script files are requested only once the page has been drawn (book/_templates/layout.html's
# loader, from the first animation frame, in their order): the first paint then waits for none of
# them, neither for their bytes nor for their running, and a phone on a slow network shows the
# page sooner. The theme's two scripts join them (the template). togglebutton.js, where a book
# keeps it, stays deferred: it folds solutions away, which must happen before they are drawn. The
# search page keeps its scripts deferred: search is what that page is for.
EARLY_SCRIPTS = {"togglebutton.js"}
# The inline settings that need documentation_options.js (made modules by lean_scripts) run
# right after it, from the loader.
DOCUMENTATION_OPTIONS_SCRIPT = "documentation_options.js"
SCRIPT_SOURCE = re.compile(r'\ssrc="(?P<src>[^"]+)"')
# Pages Sphinx makes without a document (no front matter, no first paragraph to describe them).
GENERATED_DESCRIPTIONS = {
    "search": "Search the pages of the course.",
    "genindex": "Index of the terms used in the course.",
}
DESCRIPTION_LENGTH = 155


# What book/static/theme_controls.js does in place of the theme's bootstrap.js: the page's
# data-bs-toggle values it handles, and the one use of the `bootstrap` global in the theme's
# script (the button that folds the primary sidebar, on no page of this book: it would be named
# by COLLAPSE_SIDEBAR_BUTTON).
THEME_CONTROLS = Path(__file__).resolve().parent.parent / "static" / "theme_controls.js"
BOOTSTRAP_SCRIPT = Path("_static/scripts/bootstrap.js")
HANDLED_TOGGLES = {"dropdown", "tooltip"}
BOOTSTRAP_TOGGLE = re.compile(r'\bdata-bs-toggle="(?P<kind>[^"]*)"')
THEME_BOOTSTRAP_USES = ['bootstrap.Tooltip(e,{title:e.querySelector(".pst-expand-sidebar-label"']
BOOTSTRAP_USE = re.compile(r"\bbootstrap\.\w+\([^)]{0,60}")
COLLAPSE_SIDEBAR_BUTTON = 'id="pst-collapse-sidebar-button"'


# --- Set-up: the theme these steps were written for, the template folder ------------------------

def theme_version() -> str | None:
    from importlib import metadata

    try:
        return metadata.version(THEME)
    except metadata.PackageNotFoundError:
        return None


def check_theme_and_add_templates(app, config) -> None:
    found = theme_version()
    if found != THEME_VERSION:
        raise ExtensionError(
            f"lean_pages (book/_ext/lean_pages.py, book/_templates/layout.html) was written for "
            f"{THEME} {THEME_VERSION}, but {found or 'no version'} is installed: check the template "
            f"blocks and the icon and CSS steps against the new theme, then update THEME_VERSION."
        )
    if str(TEMPLATES) not in [str(Path(app.confdir, t)) for t in config.templates_path]:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]
    if str(THEME_CONTROLS) not in [str(Path(app.confdir, p)) for p in config.html_static_path]:
        config.html_static_path = [*config.html_static_path, str(THEME_CONTROLS)]


# --- html-page-context ---------------------------------------------------------------------------

def _attributes(script) -> dict:
    return dict(getattr(script, "attributes", {}) or {})


def lean_scripts(scripts: list) -> list:
    """The page's scripts: widget state dropped; files deferred (in order, after parsing).

    An inline script that sets a property of DOCUMENTATION_OPTIONS (defined by a file that is
    now deferred) becomes a module script, which also runs after parsing, in document order.
    """
    from sphinx.builders.html._assets import _JavaScript

    kept = []
    for script in scripts:
        attributes = _attributes(script)
        filename = getattr(script, "filename", None) or ""
        if attributes.get("type") == WIDGET_STATE:
            continue
        if filename and "async" not in attributes and "defer" not in attributes:
            attributes["defer"] = "defer"
        elif not filename and (attributes.get("body") or "").startswith("DOCUMENTATION_OPTIONS."):
            attributes["type"] = "module"
        else:
            kept.append(script)
            continue
        priority = getattr(script, "priority", 500)
        kept.append(_JavaScript(filename, priority=priority, **attributes))
    return kept


def has_tab_set(doctree) -> bool:
    return doctree is not None and any(
        "sd-tab-set" in node.get("classes", []) for node in doctree.findall(nodes.Element))


def thebe_wanted(config) -> bool:
    buttons = (getattr(config, "html_theme_options", None) or {}).get("launch_buttons") or {}
    always = (getattr(config, "thebe_config", None) or {}).get("always_load")
    return bool(buttons.get("thebe")) or always in (True, "true", "True")


def has_toggles(doctree, selector: str) -> bool:
    """Whether sphinx-togglebutton has something to fold on this page (always, for a selector
    other than its default; never for one that matches nothing: the build folds the solutions,
    book/_ext/solution_toggles.py)."""
    from copy_buttons import NO_ELEMENT

    if " ".join(str(selector).split()) == NO_ELEMENT:
        return False
    if " ".join(str(selector).split()) != TOGGLE_DEFAULT_SELECTOR:
        return True
    return doctree is not None and any(
        "toggle" in node.get("classes", []) or "dropdown" in node.get("classes", [])
        for node in doctree.findall(nodes.Element))


def has_code(doctree) -> bool:
    return doctree is not None and next(doctree.findall(nodes.literal_block), None) is not None


def without_unused_scripts(scripts: list, *, tabs: bool, thebe: bool, toggles: bool = True,
                           code: bool = True) -> list:
    """The page's scripts less those it has no use for: sphinx-design's tabs script without tab
    sets, sphinx-thebe's script and settings (which name a CDN) when no page can start thebe,
    sphinx-togglebutton's script and settings without anything to fold, sphinx-copybutton's two
    scripts without code."""
    def unused(script) -> bool:
        name = Path(str(getattr(script, "filename", "") or "")).name
        body = _attributes(script).get("body") or ""
        return ((name == TABS_SCRIPT and not tabs)
                or (not thebe and (name == THEBE_SCRIPT or body.startswith(THEBE_CONFIG_START)))
                or (not toggles and (name == TOGGLE_SCRIPT or body.startswith(TOGGLE_SETTINGS)))
                or (not code and name in COPY_SCRIPTS))
    return [script for script in scripts if not unused(script)]


def late_scripts(scripts: list, js_tag) -> tuple[list, list[dict]]:
    """Split a page's scripts into those written in <head> (inline ones, and EARLY_SCRIPTS) and
    those the loader requests after the first paint, in order: {"src", "attributes", "then"},
    "then" being inline settings to run once that script has run. js_tag is Sphinx's (the page
    context's): a file's address, with its checksum, is the one Sphinx would write."""
    written, late = [], []
    for script in scripts:
        filename = str(getattr(script, "filename", "") or "")
        attributes = _attributes(script)
        body = attributes.get("body") or ""
        if filename and Path(filename).name not in EARLY_SCRIPTS:
            found = SCRIPT_SOURCE.search(js_tag(script))
            if not found:
                raise ExtensionError(f"lean_pages: no src in Sphinx's tag for {filename}")
            kept = {name: value for name, value in attributes.items()
                    if name not in ("body", "defer", "async", "src") and value is not None}
            late.append({"src": found["src"].replace("&amp;", "&"), "attributes": kept, "then": []})
        elif (not filename and attributes.get("type") == "module"
              and body.startswith("DOCUMENTATION_OPTIONS.")):
            options = [entry for entry in late if DOCUMENTATION_OPTIONS_SCRIPT in entry["src"]]
            if not options:
                raise ExtensionError(f"lean_pages: {body!r} comes before {DOCUMENTATION_OPTIONS_SCRIPT}")
            options[-1]["then"].append(body)
        else:
            written.append(script)
    return written, late


def first_paragraph(doctree) -> str:
    """The text of the page's first paragraph of prose (not in a code cell, admonition or table)."""
    if doctree is None:
        return ""
    skip = (nodes.Admonition, nodes.table, nodes.literal_block, nodes.container, nodes.topic,
            nodes.sidebar, nodes.footnote, nodes.citation, nodes.field_list, nodes.raw)
    for paragraph in doctree.findall(nodes.paragraph):
        parent, inside = paragraph.parent, False
        while parent is not None:
            if isinstance(parent, skip) and not isinstance(parent, nodes.section):
                inside = True
                break
            parent = parent.parent
        text = " ".join(paragraph.astext().split())
        if not inside and len(text) >= 40:
            return text
    return ""


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def page_description(pagename: str, context: dict, doctree) -> str:
    meta = context.get("meta") or {}
    described = meta.get("description") if isinstance(meta, dict) else None
    if described:
        return shorten(str(described))
    if pagename in GENERATED_DESCRIPTIONS:
        return GENERATED_DESCRIPTIONS[pagename]
    return shorten(first_paragraph(doctree)) or shorten(str(context.get("title", "")))


def bundle_name(files: list[str]) -> str:
    import hashlib

    digest = hashlib.sha256("\n".join(files).encode()).hexdigest()[:10]
    return f"{BUNDLE_FOLDER}/site-{digest}.css"


def bundle_stylesheets(app, context) -> None:
    """One stylesheet per page instead of eleven: the theme's two and Sphinx's css_files, in
    their order, are joined after the build (write_bundles) into a file the template links."""
    sheets = context.get("css_files")
    if sheets is None:
        return
    files = list(THEME_STYLESHEETS)
    for sheet in sheets:
        attributes = _attributes(sheet)
        filename = str(getattr(sheet, "filename", "") or "")
        if ("://" in filename or attributes.get("rel", "stylesheet") != "stylesheet"
                or attributes.get("media") not in (None, "all", "screen")):
            return  # not a plain local stylesheet: leave this page's links as they are
        files.append(filename)
    name = bundle_name(files)
    app.builder.__dict__.setdefault("lean_pages_bundles", {})[name] = files
    context["css_files"] = []
    context["lean_pages_stylesheet"] = name


def lean_page(app, pagename, templatename, context, doctree) -> None:
    if "script_files" in context:
        selector = getattr(app.config, "togglebutton_selector", TOGGLE_DEFAULT_SELECTOR)
        scripts = without_unused_scripts(
            lean_scripts(context["script_files"]), tabs=has_tab_set(doctree),
            thebe=thebe_wanted(app.config), toggles=has_toggles(doctree, selector), code=has_code(doctree))
        if pagename == "search":  # book/_templates/search.html leaves these to script_files
            from sphinx.builders.html._assets import _JavaScript

            scripts += [_JavaScript(name, priority=900, defer="defer") for name in SEARCH_SCRIPTS]
            context["script_files"] = scripts  # search is this page's content: its scripts run at once
        else:
            context["script_files"], context["lean_pages_late_scripts"] = late_scripts(
                scripts, context["js_tag"])
    bundle_stylesheets(app, context)
    context["scrollable_selector"] = SCROLLABLE_SELECTOR
    description = page_description(pagename, context, doctree)
    if not description:
        raise ExtensionError(f"{pagename}: no description (front matter `description:` or a first "
                             "paragraph) for its <meta name=\"description\">")
    metatags = context.get("metatags") or ""
    if 'name="description"' not in metatags:
        context["metatags"] = metatags + f'\n<meta name="description" content="{escape(description)}" />'


# --- Code: no span around a token drawn as plain text ----------------------------------------------

# pydata-sphinx-theme 0.17.1's two Pygments styles (its theme options pygments_light_style and
# pygments_dark_style; these by default) draw names, punctuation and white space in the code's own
# text colour: a <span class="n"> around each changes nothing on screen, but is one more element
# to parse, style and lay out (lesson 3: 1,850 of its 3,100 code spans, a fifth of the page).
PYGMENTS_STYLES = ("a11y-high-contrast-light", "a11y-high-contrast-dark")


def plain_token_types(style_names) -> frozenset:
    """The standard token types every named style draws exactly as plain text (Token.Text, the
    colour of `.highlight` itself): same colour, background, weight, slant, underline, border."""
    from pygments.styles import get_style_by_name
    from pygments.token import STANDARD_TYPES, Text

    styles = [get_style_by_name(name) for name in style_names]

    def look(style, ttype):
        found = style.style_for_token(ttype)
        return tuple(found[key] for key in ("color", "bgcolor", "bold", "italic", "underline", "border"))

    return frozenset(ttype for ttype in STANDARD_TYPES
                     if all(look(style, ttype) == look(style, Text) for style in styles))


def formatter_without_plain_spans(base, plain: frozenset):
    """A subclass of the HTML formatter `base` that writes tokens of the types in plain bare
    (its stylesheet is base's: only the spans change)."""
    def _get_css_classes(self, ttype):
        return "" if ttype in plain else base._get_css_classes(self, ttype)

    return type(f"Lean{base.__name__}", (base,), {"_get_css_classes": _get_css_classes})


def lean_highlighting(app) -> None:
    highlighter = getattr(app.builder, "highlighter", None)
    if highlighter is None or app.builder.format != "html":
        return
    options = app.config.html_theme_options or {}
    names = (options.get("pygments_light_style", PYGMENTS_STYLES[0]),
             options.get("pygments_dark_style", PYGMENTS_STYLES[1]))
    highlighter.formatter = formatter_without_plain_spans(highlighter.formatter, plain_token_types(names))


# --- Images: intrinsic size, lazy below the first --------------------------------------------------

def visit_image(translator, node) -> None:
    uri = node["uri"]
    size = None
    if "width" not in node and "height" not in node and "://" not in uri:
        size = get_image_size(os.path.join(translator.builder.srcdir, uri))
    start = len(translator.body)
    HTML5Translator.visit_image(translator, node)
    count = translator.__dict__["lean_pages_images"] = translator.__dict__.get("lean_pages_images", 0) + 1
    extra = f' width="{size[0]}" height="{size[1]}"' if size else ""
    if count > 1:
        extra += ' loading="lazy"'
    for index in range(start, len(translator.body)):
        if translator.body[index].startswith("<img "):
            translator.body[index] = "<img" + extra + translator.body[index][4:]
            break


def depart_image(translator, node) -> None:
    HTML5Translator.depart_image(translator, node)


# --- Tracebacks without the build machine's paths ------------------------------------------------

def machine_prefixes() -> list[tuple[str, str]]:
    """(prefix, replacement) pairs, longest first: site-packages folders, then the course folder."""
    import site
    import sysconfig

    folders = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()}
    pairs = [(folder.rstrip("/") + "/", "site-packages/") for folder in folders if folder]
    pairs.append((sys.prefix.rstrip("/") + "/", ""))
    pairs.append((str(ROOT) + "/", ""))
    pairs.append((os.path.expanduser("~").rstrip("/") + "/", "~/"))
    return sorted(set(pairs), key=lambda pair: -len(pair[0]))


# Any absolute path to a Python file left under a folder that only a build machine has.
MACHINE_PATH = re.compile(r"(?<![\w.])/(?:root|home|tmp|work|Users|opt|runner|github|usr/lib)/"
                          r"[^\s:,'\"]*?\.py\b")


def shown_path(path: str) -> str:
    """What a reader sees of a build machine's path: from site-packages/ on, else the file name."""
    if "site-packages/" in path:
        return "site-packages/" + path.rsplit("site-packages/", 1)[1]
    return path.rsplit("/", 1)[1]


def without_machine_paths(text: str, prefixes=None) -> str:
    for prefix, replacement in prefixes or machine_prefixes():
        text = text.replace(prefix, replacement)
    return MACHINE_PATH.sub(lambda match: shown_path(match[0]), text)


# What sphinx-thebe (0.3) appends to every page's doctree (update_thebe_context, doctree-resolved):
# the kernel's settings, naming its placeholder repository binder-examples/jupyter-stacks-
# datascience when the book names none for thebe, and a global kernelName.
THEBE_PAGE_SETTINGS = ('<script type="text/x-thebe-config">', "<script>kernelName = ")


def without_thebe_settings(app, doctree, docname) -> None:
    """Without thebe (no button, no always_load) nothing reads the settings sphinx-thebe adds to
    each page: they are removed, and no page names a placeholder repository."""
    if thebe_wanted(app.config):
        return
    for raw in list(doctree.findall(nodes.raw)):
        if "html" in raw.get("format", "").split() and raw.astext().lstrip().startswith(THEBE_PAGE_SETTINGS):
            raw.parent.remove(raw)


def clean_tracebacks(app, doctree, docname) -> None:
    prefixes = machine_prefixes()
    for block in list(doctree.findall(nodes.literal_block)):
        for text in list(block.findall(nodes.Text)):
            cleaned = without_machine_paths(str(text), prefixes)
            if cleaned != str(text):
                text.parent.replace(text, nodes.Text(cleaned))


# --- build-finished: the theme's files --------------------------------------------------------------

def with_empty_favicon(html: str) -> str:
    """Jupyter Book's root redirect page: an empty icon (no /favicon.ico 404 in the console) and a
    description; it is not a Sphinx page, so no hook reaches it."""
    if "<meta http-equiv" not in html:
        return html
    head = ""
    if 'rel="icon"' not in html:
        head += '<link rel="icon" href="data:," />\n'
    if 'name="description"' not in html:
        head += '<meta name="description" content="Start page of the course." />\n'
    return head + html


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


def theme_changed(what: str) -> ExtensionError:
    return ExtensionError(f"lean_pages: {what}; this step was written for {THEME} {THEME_VERSION} "
                          f"(installed: {theme_version()}): has the theme changed?")


def cut_down_icon_fonts(out: Path, pages: list[Path]) -> None:
    """Replace the theme stylesheet's icon fonts by subsets holding only the used icons, written
    into the stylesheet itself (data: URLs, ~4 kB for the three): a font file is found only once
    the stylesheet has arrived and the page is laid out, a third request in a row before the
    header's icons can be drawn (the longest chain Lighthouse found on every page)."""
    used: set[str] = set()
    for path in pages + sorted((out / "_static" / "scripts").glob("*.js")):
        if path.name != "fontawesome.js":
            used |= set(ICON_NAME.findall(path.read_text(encoding="utf-8")))
    css_path = out / THEME_CSS
    if not css_path.is_file():
        raise theme_changed(f"no {THEME_CSS}")
    css = css_path.read_text(encoding="utf-8")
    codes = icon_codes(css, used)
    if not codes:
        raise theme_changed(f"no icon of {sorted(used)} found in {THEME_CSS}")
    import base64
    import tempfile

    def to_subset(source: re.Match) -> str:
        name = source["font"]
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / f"{name}.woff"
            subset_font(out / THEME_FONTS / f"{name}.ttf", target, codes)
            data = base64.b64encode(target.read_bytes()).decode("ascii")
        return f'url(data:font/woff;base64,{data}) format("woff")'

    new_css, count = FONT_SOURCES.subn(to_subset, css)
    if count == 0:  # restore_originals puts the theme's own stylesheet back before each build
        raise theme_changed(f"no Font Awesome @font-face found in {THEME_CSS}")
    css_path.write_text(new_css, encoding="utf-8")


def measure_scrollables_lazily(out: Path) -> None:
    """Blank out the theme script's call that measures every scrollable element at load (see
    SCROLLABLE_CALL); the pages measure each one once it is laid out instead."""
    path = out / THEME_JS
    if not path.is_file():
        raise theme_changed(f"no {THEME_JS}")
    text = path.read_text(encoding="utf-8")
    if SCROLLABLE_FUNCTION not in text:
        raise theme_changed(f"{THEME_JS} no longer has the scrollable-element function this step "
                            "replaces")
    if text.count(SCROLLABLE_CALL) == 1:
        path.write_text(text.replace(SCROLLABLE_CALL, SCROLLABLE_CALL_OFF), encoding="utf-8")
    elif text.count(SCROLLABLE_CALL_OFF) != 1:  # not blanked by an earlier build either
        raise theme_changed(f"{THEME_JS} does not call its scrollable-element function as expected")


def bundle_text(out: Path, files: list[str]) -> str:
    """The stylesheets joined in order, their relative url()s made relative to BUNDLE_FOLDER;
    the theme's `@import` of basic.css replaced by basic.css itself, at the top (an @import
    may only come first)."""
    parts = []
    for name in files:
        path = out / name
        if not path.is_file():
            raise theme_changed(f"no stylesheet {name} to bundle")
        text = path.read_text(encoding="utf-8")
        if name == THEME_STYLESHEETS[0]:
            if IMPORT_BASIC not in text:
                raise theme_changed(f"{name} no longer imports basic.css as {IMPORT_BASIC}")
            text = text.replace(IMPORT_BASIC, "")
            name, text = "_static/basic.css", (out / "_static/basic.css").read_text(encoding="utf-8") + text
        folder = Path(name).parent

        def rebase(url: re.Match, folder=folder) -> str:
            target = os.path.relpath(out / folder / url["path"], out / BUNDLE_FOLDER)
            return f'url({url["quote"]}{Path(target).as_posix()}{url["quote"]})'

        text = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", text)
        parts.append(f"/* {name} */\n" + RELATIVE_URL.sub(rebase, text))
    parts.append(f"/* book/static/{SITE_CSS.name} */\n" + SITE_CSS.read_text(encoding="utf-8"))
    if any("@import" in part for part in parts):
        raise theme_changed("a stylesheet to bundle has an @import")
    return "\n".join(parts)


def write_bundles(out: Path, bundles: dict[str, list[str]]) -> None:
    for name, files in bundles.items():
        (out / name).write_text(bundle_text(out, files), encoding="utf-8")


def purge_unused_css(out: Path, pages: list[Path], css: list[Path]) -> tuple[int, int]:
    """Remove, with PurgeCSS, the rules of the stylesheets css that no page or script uses.
    Returns the stylesheets' total size before and after."""
    node = shutil.which("node")
    if node is None:
        raise ExtensionError("lean_pages: `node` is not on PATH; PurgeCSS (npm) needs Node.js 20+")
    # Not the scripts no page loads: Font Awesome's, Bootstrap's (theme_controls.js instead).
    unloaded = {"fontawesome.js", BOOTSTRAP_SCRIPT.name}
    scripts = sorted(p for p in (out / "_static").rglob("*.js") if p.name not in unloaded)
    request = {"css": [str(p) for p in css], "content": [str(p) for p in pages + scripts],
               "safelist": SAFELIST}
    before = sum(p.stat().st_size for p in css)
    completed = subprocess.run([node, str(PURGE_SCRIPT)], input=json.dumps(request), capture_output=True,
                               text=True, encoding="utf-8", timeout=300, check=False)
    if completed.returncode != 0:
        raise ExtensionError(f"lean_pages: {PURGE_SCRIPT.name} failed (is node_modules/purgecss installed? "
                             f"`npm ci`):\n{completed.stderr.strip()}")
    return before, sum(p.stat().st_size for p in css)


def fingerprint(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def restore_originals(out: Path, keep: Path, files: list[Path]) -> None:
    """Put back the theme's own stylesheets before they are trimmed again.

    Sphinx does not copy a static file over one that exists, so after a first build _static
    holds the trimmed files: trimming those again for pages that now use more rules would
    lose the rules. The untrimmed files are kept beside the doctrees (keep/), and a file in
    _static that is not what this step wrote last time is a fresh copy: it becomes the kept one.
    """
    record_path = keep / "written.json"
    written = json.loads(record_path.read_text(encoding="utf-8")) if record_path.is_file() else {}
    for path in files:
        name = path.relative_to(out).as_posix()
        kept = keep / name
        if written.get(name) != fingerprint(path):
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, kept)
        elif kept.is_file():
            shutil.copyfile(kept, path)
        else:
            raise ExtensionError(f"lean_pages: {name} was trimmed and its original is gone: "
                                 "delete the build folder and build again")


def own_pages(out: Path) -> list[Path]:
    """The pages this build wrote: not those of another edition kept in a sub-folder with its own
    _static (the Chinese edition in zh/, copied in after both builds, is a site of its own)."""
    def own(page: Path) -> bool:
        top = page.relative_to(out).parts[0]
        return top not in NOT_PAGES and not (out / top / "_static").is_dir()
    return [page for page in sorted(out.rglob("*.html")) if own(page)]


def theme_controls_cover_the_pages(out: Path, pages: list[Path]) -> None:
    """Stop the build if a page, or the theme's script, needs more of Bootstrap than
    theme_controls.js does (the theme's bootstrap.js is not loaded)."""
    uses = BOOTSTRAP_USE.findall((out / THEME_JS).read_text(encoding="utf-8"))
    if uses != THEME_BOOTSTRAP_USES:
        raise theme_changed(f"{THEME_JS.as_posix()} uses the bootstrap global as {uses}")
    for page in pages:
        html = page.read_text(encoding="utf-8")
        unhandled = sorted({found["kind"] for found in BOOTSTRAP_TOGGLE.finditer(html)} - HANDLED_TOGGLES)
        if unhandled or COLLAPSE_SIDEBAR_BUTTON in html:
            raise theme_changed(
                f"{page.relative_to(out)} needs Bootstrap for data-bs-toggle {unhandled}"
                f"{' and the sidebar collapse button' if COLLAPSE_SIDEBAR_BUTTON in html else ''}, "
                f"which book/static/theme_controls.js does not do")


def rewrite_theme_files(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    pages = own_pages(out)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        new = with_empty_favicon(html)
        if new != html:
            page.write_text(new, encoding="utf-8")
    # The bundles of the pages written now, and of those an earlier build wrote (kept beside
    # the doctrees: an incremental build may write no page at all).
    known = Path(app.doctreedir) / "lean_pages_bundles.json"
    bundles = json.loads(known.read_text(encoding="utf-8")) if known.is_file() else {}
    bundles.update(app.builder.__dict__.get("lean_pages_bundles", {}))
    if not bundles:
        raise theme_changed("no page went through html-page-context with css_files")
    known.write_text(json.dumps(bundles, indent=1, sort_keys=True), encoding="utf-8")
    named = {out / name for files in bundles.values() for name in files}
    files = sorted(named - {out / THEME_STYLESHEETS[0]})  # theme.css: only an @import
    keep = Path(app.doctreedir) / "lean_pages_css"
    restore_originals(out, keep, files)
    cut_down_icon_fonts(out, pages)
    measure_scrollables_lazily(out)
    theme_controls_cover_the_pages(out, pages)
    before, after = purge_unused_css(out, pages, files)
    written = {path.relative_to(out).as_posix(): fingerprint(path) for path in files}
    (keep / "written.json").write_text(json.dumps(written, indent=1, sort_keys=True), encoding="utf-8")
    write_bundles(out, bundles)
    logger.info(f"lean_pages: stylesheets {before / 1024:.0f} kB -> {after / 1024:.0f} kB (PurgeCSS), "
                f"one stylesheet per page")


def setup(app):
    app.connect("config-inited", check_theme_and_add_templates)
    app.connect("builder-inited", lean_highlighting)
    app.connect("html-page-context", lean_page, priority=900)
    app.add_js_file(THEME_CONTROLS.name)  # html_static_path: check_theme_and_add_templates
    app.connect("doctree-resolved", clean_tracebacks)
    # After sphinx-thebe's own handler of the event (default priority 500) has added them.
    app.connect("doctree-resolved", without_thebe_settings, priority=900)
    app.add_node(nodes.image, override=True, html=(visit_image, depart_image))
    # After the themes' own build-finished steps (pydata-sphinx-theme rewrites pygments.css there).
    app.connect("build-finished", rewrite_theme_files, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
