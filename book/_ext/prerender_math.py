"""Sphinx extension: an HTML math renderer that typesets every formula to SVG at build time.

Registered with Sphinx's math-renderer API (`app.add_html_math_renderer`) and chosen as the
`html_math_renderer`, it replaces sphinx.ext.mathjax's visitors: the HTML writer asks it for
each `math` and `math_block` node and gets MathJax's SVG, so no page ever carries TeX for a
browser to typeset, and no MathJax script is added (sphinx.ext.mathjax adds its scripts only
when it is the renderer in use). Nothing is removed from pages afterwards.

How: when the sources have been read (`env-updated`), every formula of every document not yet
typeset is sent to MathJax in Node in one batch (book/_ext/render_math.cjs: starting MathJax
costs ~0.3 s, a formula a few milliseconds); the SVGs are kept in the build environment, so an
incremental build typesets only new formulas. A formula that MathJax cannot typeset fails the
build, naming the document and the formula; so does a formula the writer meets untypeset.

Glyph outlines are defined once per page, in a hidden <svg> that every formula's <use> refers
to (what MathJax's own 'global' font cache does); it and MathJax's SVG stylesheet are added to
pages with math in `html-page-context`. MathJax's group per MathML node is flattened in
render_math.cjs where it only places one element (a third fewer elements in the math). Screen
readers get MathJax's assistive MathML beside each (aria-hidden) SVG; the SVG draws in
currentColor, so it follows the theme's text colour.
Enabled in _config.yml under sphinx.local_extensions.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.errors import SphinxError
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

logger = logging.getLogger(__name__)

RENDERER_NAME = "prerendered_svg"
RENDER_SCRIPT = Path(__file__).resolve().parent / "render_math.cjs"
NODE_TIMEOUT_SECONDS = 300

# A glyph outline in a formula's <defs> (fontCache 'local'), and a reference to it.
GLYPH_DEFINITION = re.compile(r'<path id="MJX-\d+-(?P<key>[A-Z0-9-]+)" d="(?P<outline>[^"]*)"></path>')
GLYPH_REFERENCE = re.compile(r'"#(?P<local_id>MJX-\d+-(?P<key>[A-Z0-9-]+))"')
# Any other MathJax id (numbered from a counter over the whole batch): renumbered per page.
MATHJAX_ID = re.compile(r'(?<=["#])MJX-\d+-')
STYLE_ID = "prerendered-math-style"
GLYPHS_ID = "prerendered-math-glyphs"
# After MathJax's stylesheet: the assistive MathML stays hidden from sight and read by screen
# readers, but as a 1 px box in the line that takes no room in it (the right margin takes back
# its width), instead of MathJax's box positioned absolutely inside the relatively positioned
# formula. Laying out such a box inside a line of text is costly: on lesson 3, with all its
# formulas, layout took ~50 ms less of the main thread in Chromium, as much as with no MathML at all.
# No line may break between the formula's picture and that box (a display formula as wide as
# the column would get a second, empty line). More specific than MathJax's own rules, which are
# !important too.
ASSISTIVE_MATHML_CSS = (
    'mjx-container[jax="SVG"] {white-space: nowrap;}'
    'mjx-container[jax="SVG"] > mjx-assistive-mml {position: static !important; '
    "display: inline-block !important; width: 1px !important; height: 1px !important; "
    "margin: 0 -1px 0 0 !important; padding: 0 !important; overflow: hidden !important; "
    "clip: auto !important; clip-path: inset(50%) !important; white-space: nowrap !important;}")


class PrerenderMathError(SphinxError):
    category = "Math prerendering error"


@dataclass(frozen=True)
class Formula:
    tex: str
    display: bool


@dataclass(frozen=True)
class Typeset:
    """One formula's SVG markup (glyphs referred to as "#MJX-<key>") and the glyphs it uses."""

    markup: str
    glyphs: tuple[str, ...]


@dataclass
class Rendering:
    """What render_math.cjs returned for a batch: each formula typeset, the shared glyphs."""

    typeset: dict[Formula, Typeset]
    glyphs: dict[str, str]
    stylesheet: str


def inline_formula(node: nodes.math) -> Formula:
    return Formula(node.astext(), False)


def block_formula(node: nodes.math_block) -> Formula:
    """The TeX of a display formula, built as sphinx.ext.mathjax builds it for MathJax:
    an amsmath environment (`nowrap`) as is; paragraphs aligned; a `\\\\` inside one splits it."""
    if node.get("nowrap"):
        return Formula(node.astext().strip(), True)
    parts = [part for part in node.astext().split("\n\n") if part.strip()]
    tex = "\\\\".join("\\begin{split}" + part + "\\end{split}" if "\\\\" in part else part
                      for part in parts)
    if len(parts) > 1:
        tex = "\\begin{align}\\begin{aligned}" + tex + "\\end{aligned}\\end{align}"
    return Formula(tex.strip(), True)


def formulas_of(doctree: nodes.Node) -> set[Formula]:
    found = {inline_formula(node) for node in doctree.findall(nodes.math)}
    return found | {block_formula(node) for node in doctree.findall(nodes.math_block)}


def share_glyphs(markup: str, glyphs: dict[str, str]) -> Typeset:
    """Move a formula's glyph outlines into glyphs (one per key) and point its <use> at them."""
    used: list[str] = []

    def take(path: re.Match) -> str:
        outline = glyphs.setdefault(path["key"], path["outline"])
        if outline != path["outline"]:  # never seen: two outlines under one key; keep it local
            return path[0]
        used.append(path["key"])
        return ""

    markup = GLYPH_DEFINITION.sub(take, markup)
    markup = GLYPH_REFERENCE.sub(
        lambda ref: f'"#MJX-{ref["key"]}"' if ref["key"] in used else ref[0], markup)
    return Typeset(markup.replace("<defs></defs>", ""), tuple(dict.fromkeys(used)))


def render_formulas(formulas, where: dict[Formula, str] | None = None) -> Rendering:
    """Typeset formulas with MathJax in one Node process; any TeX error raises, naming them all.

    where names a document in which each formula appears, for the error message.
    """
    unique = sorted(set(formulas), key=lambda f: (f.tex, f.display))
    node = shutil.which("node")
    if node is None:
        raise PrerenderMathError(
            "`node` is not on PATH: Node.js renders the site's math at build time "
            f"({RENDER_SCRIPT.name}). Install Node.js 20+ and run `npm ci`."
        )
    request = json.dumps([{"tex": f.tex, "display": f.display} for f in unique])
    try:
        completed = subprocess.run(
            [node, str(RENDER_SCRIPT)], input=request, capture_output=True, text=True,
            encoding="utf-8", timeout=NODE_TIMEOUT_SECONDS, check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise PrerenderMathError(
            f"{RENDER_SCRIPT.name} did not finish {len(unique)} formulas in {NODE_TIMEOUT_SECONDS} s"
        ) from error
    if completed.returncode != 0:
        raise PrerenderMathError(
            f"{RENDER_SCRIPT.name} failed (exit {completed.returncode}); is node_modules/mathjax "
            f"installed (`npm ci`)?\n{completed.stderr.strip()}"
        )
    answer = json.loads(completed.stdout)
    results = answer["results"]
    if len(results) != len(unique):
        raise PrerenderMathError(
            f"asked for {len(unique)} formulas, {RENDER_SCRIPT.name} answered {len(results)}")
    errors = [
        f"  {(where or {}).get(formula, '<input>')}: {result['error']}, in the "
        f"{'display' if formula.display else 'inline'} formula  {formula.tex}"
        for formula, result in zip(unique, results, strict=True) if "error" in result
    ]
    if errors:
        raise PrerenderMathError(f"{len(errors)} formula(s) are not valid TeX:\n" + "\n".join(errors))
    glyphs: dict[str, str] = {}
    typeset = {formula: share_glyphs(result["html"], glyphs)
               for formula, result in zip(unique, results, strict=True)}
    return Rendering(typeset, glyphs, compact_css(answer["stylesheet"]))


def compact_css(css: str) -> str:
    return re.sub(r"\s*\n\s*", "", css)


# --- The build environment keeps what was typeset -----------------------------------------------

def _store(env):
    """The environment's math store: formulas per document, their SVG, glyphs and stylesheet."""
    if not hasattr(env, "prerendered_math"):
        env.prerendered_math = {"documents": {}, "typeset": {}, "glyphs": {}, "stylesheet": ""}
    return env.prerendered_math


def collect_formulas(app, doctree) -> None:
    _store(app.env)["documents"][app.env.docname] = formulas_of(doctree)


def purge_document(app, env, docname) -> None:
    _store(env)["documents"].pop(docname, None)


def merge_documents(app, env, docnames, other) -> None:
    mine, theirs = _store(env), _store(other)
    for docname in docnames:
        mine["documents"][docname] = theirs["documents"].get(docname, set())


def typeset_new_formulas(app, env) -> list[str]:
    """After reading: typeset, in one batch, every formula that no earlier build typeset."""
    if app.builder.format != "html":
        return []
    store = _store(env)
    where: dict[Formula, str] = {}
    for docname in sorted(store["documents"]):
        for formula in store["documents"][docname]:
            if formula not in store["typeset"]:
                where.setdefault(formula, env.doc2path(docname, False))
    if where:
        rendering = render_formulas(list(where), where)
        store["typeset"].update(rendering.typeset)
        for key, outline in rendering.glyphs.items():
            store["glyphs"].setdefault(key, outline)
        store["stylesheet"] = rendering.stylesheet
        logger.info(f"prerender_math: typeset {len(where)} new formula(s) to SVG")
    return []


# --- The HTML writer's visitors ------------------------------------------------------------------

def _page_glyphs(translator) -> list[str]:
    """Glyph keys this page uses, in order of first use (kept on the builder per document)."""
    pages = translator.builder.__dict__.setdefault("prerendered_math_pages", {})
    return pages.setdefault(translator.builder.current_docname, [])


def _svg(translator, formula: Formula) -> str:
    store = _store(translator.builder.env)
    typeset = store["typeset"].get(formula)
    if typeset is None:
        # Math the sources did not hold when they were read (made while writing): typeset it
        # alone, and fail naming it if it is not TeX.
        where = translator.builder.env.doc2path(translator.builder.current_docname, False)
        rendering = render_formulas([formula], {formula: where})
        typeset = rendering.typeset[formula]
        store["typeset"][formula] = typeset
        for key, outline in rendering.glyphs.items():
            store["glyphs"].setdefault(key, outline)
        store["stylesheet"] = store["stylesheet"] or rendering.stylesheet
    used = _page_glyphs(translator)
    used.extend(key for key in typeset.glyphs if key not in used)
    # Ids local to a formula, if any: numbered per page, in order of appearance.
    counter = translator.__dict__["prerendered_math_count"] = (
        translator.__dict__.get("prerendered_math_count", 0) + 1)
    return MATHJAX_ID.sub(f"MJX-{counter}-", typeset.markup)


def visit_inline(translator, node: nodes.math) -> None:
    translator.body.append(translator.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    translator.body.append(_svg(translator, inline_formula(node)) + "</span>")
    raise nodes.SkipNode


def visit_block(translator, node: nodes.math_block) -> None:
    translator.body.append(translator.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node["number"] and not node.get("nowrap"):
        number = get_node_equation_number(translator, node)
        translator.body.append(f'<span class="eqno">({escape(str(number))})')
        translator.add_permalink_ref(node, _("Link to this equation"))
        translator.body.append("</span>")
    # A wide formula scrolls sideways in its box; tabindex lets a keyboard user scroll it too
    # (axe-core: scrollable-region-focusable).
    markup = _svg(translator, block_formula(node))
    markup = markup.replace("<mjx-container ", '<mjx-container tabindex="0" ', 1)
    translator.body.append(markup + "</div>\n")
    raise nodes.SkipNode


def glyph_sprite(keys: list[str], glyphs: dict[str, str]) -> str:
    return (f'<svg id="{GLYPHS_ID}" style="display: none;" aria-hidden="true" '
            'xmlns="http://www.w3.org/2000/svg"><defs>'
            + "".join(f'<path id="MJX-{key}" d="{glyphs[key]}"></path>' for key in keys)
            + "</defs></svg>")


def add_page_assets(app, pagename, templatename, context, doctree) -> None:
    """On a page with math: MathJax's SVG stylesheet in <head>, the page's glyphs in its body."""
    keys = app.builder.__dict__.get("prerendered_math_pages", {}).pop(pagename, None)
    if not keys or "body" not in context:
        return
    store = _store(app.env)
    context["metatags"] = (context.get("metatags") or "") + (
        f'\n<style id="{STYLE_ID}">{store["stylesheet"]}{ASSISTIVE_MATHML_CSS}</style>')
    context["body"] = glyph_sprite(keys, store["glyphs"]) + context["body"]


def choose_renderer(app, config) -> None:
    chosen = config.html_math_renderer
    if chosen not in (None, RENDERER_NAME):
        raise PrerenderMathError(f"html_math_renderer is {chosen!r}; prerender_math needs {RENDERER_NAME!r}")
    config.html_math_renderer = RENDERER_NAME


def setup(app):
    app.add_html_math_renderer(RENDERER_NAME, (visit_inline, None), (visit_block, None))
    app.connect("config-inited", choose_renderer)
    app.connect("doctree-read", collect_formulas)
    app.connect("env-purge-doc", purge_document)
    app.connect("env-merge-info", merge_documents)
    app.connect("env-updated", typeset_new_formulas)
    app.connect("html-page-context", add_page_assets)
    # env_version: 2 since render_math.cjs flattens MathJax's groups (every formula typeset again).
    return {"parallel_read_safe": True, "parallel_write_safe": False, "env_version": 2}
