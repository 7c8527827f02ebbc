"""Sphinx extension: typeset every formula to SVG at build time; pages load no MathJax.

Sphinx's mathjax renderer writes TeX into the page (`<span class="math ...">\\(x^2\\)</span>`,
`<div class="math ...">\\[...\\]</div>`) for MathJax to typeset in the reader's browser: 1.16 MB
of script per page. Instead, once the HTML is written (`build-finished`), this extension sends
every formula of every page to MathJax in Node in one batch (tools/render_math.cjs) and puts the
SVG in place of the TeX, keeping Sphinx's wrapper (ids, equation numbers, theme styles).
The MathJax <script> tags are never added (`html-page-context`).

Screen readers get MathJax's assistive MathML beside each (aria-hidden) SVG; the SVG draws in
currentColor, so it follows the theme's text colour, dark mode included.
A TeX error fails the build, naming the page and the formula.
Enabled in _config.yml under sphinx.local_extensions.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sphinx.errors import SphinxError
from sphinx.util import logging

logger = logging.getLogger(__name__)

RENDER_SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "render_math.cjs"
NODE_TIMEOUT_SECONDS = 300

# What sphinx.ext.mathjax writes (mathjax_inline / mathjax_display are left at their defaults).
# The TeX is HTML-escaped, so it holds no `<`: `[^<]*` stops at the closing tag, and math
# already typeset (an incremental build that rewrote no page) does not match again.
INLINE_MATH = re.compile(
    r'(?P<open><span class="(?:[^"]* )?math notranslate nohighlight[^"]*"[^>]*>)'
    r"\\\((?P<tex>[^<]*?)\\\)(?P<close></span>)"
)
# Display math: `\[...\]`, after an optional equation number; amsmath environments
# (`nowrap`, class="amsmath math ...") come without the `\[ \]`.
DISPLAY_MATH = re.compile(
    r'(?P<open><div class="(?:[^"]* )?math notranslate nohighlight[^"]*"[^>]*>)'
    r'(?P<number>\s*<span class="eqno">[^<]*(?:<a [^>]*>[^<]*</a>)?</span>)?(?P<body>[^<]*)(?P<close></div>)',
)
# MathJax numbers the glyph ids of each SVG from a counter that runs over the whole batch;
# renumbered per page so that a page's HTML does not depend on the other pages.
MATHJAX_ID = re.compile(r'(?<=["#])MJX-\d+-')
# A glyph outline in a formula's <defs> (fontCache 'local'), and a reference to it.
GLYPH_DEFINITION = re.compile(r'<path id="MJX-\d+-(?P<key>[A-Z0-9-]+)" d="(?P<outline>[^"]*)"></path>')
GLYPH_REFERENCE = re.compile(r'"#(?P<local_id>MJX-\d+-(?P<key>[A-Z0-9-]+))"')
BODY_START = re.compile(r"<body[^>]*>")
STYLE_ID = "prerendered-math-style"
GLYPHS_ID = "prerendered-math-glyphs"


class PrerenderMathError(SphinxError):
    category = "Math prerendering error"


@dataclass(frozen=True)
class Formula:
    tex: str
    display: bool


@dataclass
class Rendering:
    """What tools/render_math.cjs returned for a batch of formulas."""

    html_by_formula: dict[Formula, str]
    stylesheet: str


def display_tex(body: str) -> str:
    """The TeX of a display-math div's body: `\\[...\\]` unwrapped, an amsmath environment as is."""
    tex = body.strip()
    if tex.startswith("\\[") and tex.endswith("\\]"):
        tex = tex[2:-2]
    return html.unescape(tex.strip())


def find_formulas(page: str) -> list[Formula]:
    """Every formula of a page, in order of appearance (inline ones first)."""
    inline = [Formula(html.unescape(m["tex"]), False) for m in INLINE_MATH.finditer(page)]
    display = [Formula(display_tex(m["body"]), True) for m in DISPLAY_MATH.finditer(page)]
    return inline + display


def render_formulas(formulas: list[Formula], page_of: dict[Formula, str] | None = None) -> Rendering:
    """Typeset formulas with MathJax in one Node process; any TeX error raises, naming them all.

    page_of names a page where each formula appears, for the error message.
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
            f"asked for {len(unique)} formulas, {RENDER_SCRIPT.name} answered {len(results)}"
        )
    errors = [
        f"  {(page_of or {}).get(formula, '<input>')}: {result['error']}, in the "
        f"{'display' if formula.display else 'inline'} formula  {formula.tex}"
        for formula, result in zip(unique, results, strict=True) if "error" in result
    ]
    if errors:
        raise PrerenderMathError(f"{len(errors)} formula(s) are not valid TeX:\n" + "\n".join(errors))
    html_by_formula = {formula: result["html"] for formula, result in zip(unique, results, strict=True)}
    return Rendering(html_by_formula, answer["stylesheet"])


def replace_math(page: str, rendering: Rendering) -> str:
    """The page with each formula's TeX replaced by its SVG, plus the SVG stylesheet and glyphs.

    Glyph outlines are defined once per page, in a hidden <svg> at the top of <body> that every
    formula's <use> refers to (what MathJax's own 'global' font cache does): a glyph repeated in
    89 formulas is stored once, not 89 times. A page without math is returned unchanged.
    """
    glyphs: dict[str, str] = {}  # glyph key (e.g. TEX-I-1D465) -> its outline, first seen first
    counter = 0

    def svg_for(formula: Formula) -> str:
        nonlocal counter
        counter += 1
        markup = rendering.html_by_formula[formula]

        def share_glyph(path: re.Match) -> str:
            outline = glyphs.setdefault(path["key"], path["outline"])
            # Never seen a different outline under one key; if so, keep this one local.
            return "" if outline == path["outline"] else path[0]

        markup = GLYPH_DEFINITION.sub(share_glyph, markup)
        markup = GLYPH_REFERENCE.sub(
            lambda ref: f'"#MJX-{ref["key"]}"' if ref["key"] in glyphs
            and f'id="{ref["local_id"]}"' not in markup else ref[0], markup)
        markup = markup.replace("<defs></defs>", "")
        # Any id left is local to the formula: numbered in order of appearance on the page.
        return MATHJAX_ID.sub(f"MJX-{counter}-", markup)

    def inline(match: re.Match) -> str:
        formula = Formula(html.unescape(match["tex"]), False)
        return match["open"] + svg_for(formula) + match["close"]

    def display(match: re.Match) -> str:
        formula = Formula(display_tex(match["body"]), True)
        # A wide display formula scrolls sideways inside its box; tabindex lets a keyboard
        # user scroll it too (axe-core: scrollable-region-focusable).
        markup = svg_for(formula).replace("<mjx-container ", '<mjx-container tabindex="0" ', 1)
        return match["open"] + (match["number"] or "") + markup + match["close"]

    new_page = DISPLAY_MATH.sub(display, INLINE_MATH.sub(inline, page))
    if counter == 0:
        return page
    style = f'<style id="{STYLE_ID}">{compact_css(rendering.stylesheet)}</style>\n'
    new_page = new_page.replace("</head>", style + "</head>", 1)
    sprite = (
        f'<svg id="{GLYPHS_ID}" style="display: none;" aria-hidden="true" '
        'xmlns="http://www.w3.org/2000/svg"><defs>'
        + "".join(f'<path id="MJX-{key}" d="{outline}"></path>' for key, outline in glyphs.items())
        + "</defs></svg>"
    )
    return BODY_START.sub(lambda body: body[0] + sprite, new_page, count=1)


def prerender_page(page: str, page_name: str = "<page>") -> str:
    """One page's math typeset (one Node process: prerender_site batches a whole site)."""
    formulas = find_formulas(page)
    return replace_math(page, render_formulas(formulas, dict.fromkeys(formulas, page_name)))


def compact_css(css: str) -> str:
    return re.sub(r"\s*\n\s*", "", css)


def without_mathjax_scripts(scripts: list, mathjax_path: str) -> list:
    """The page's scripts less the ones sphinx.ext.mathjax adds: MathJax itself and its config."""
    # The builder files a local mathjax_path under _static/.
    mathjax_files = {mathjax_path, posixpath.join("_static", mathjax_path)}

    def is_mathjax(script) -> bool:
        attributes = getattr(script, "attributes", {})
        body = attributes.get("body") or ""
        return (
            str(getattr(script, "filename", "") or "") in mathjax_files
            or attributes.get("type") == "text/x-mathjax-config"
            or body.startswith("window.MathJax = ")
        )

    return [script for script in scripts if not is_mathjax(script)]


def drop_mathjax_scripts(app, pagename, templatename, context, doctree) -> None:
    if "script_files" in context:
        context["script_files"] = without_mathjax_scripts(context["script_files"], app.config.mathjax_path)


def prerender_site(outdir: Path) -> int:
    """Typeset the math of every HTML page under outdir; returns how many pages had math."""
    pages = {path: path.read_text(encoding="utf-8") for path in sorted(outdir.rglob("*.html"))}
    page_of: dict[Formula, str] = {}
    for path, text in pages.items():
        for formula in find_formulas(text):
            page_of.setdefault(formula, str(path.relative_to(outdir)))
    if not page_of:
        return 0
    rendering = render_formulas(list(page_of), page_of)
    changed = 0
    for path, text in pages.items():
        new_text = replace_math(text, rendering)
        if new_text != text:
            path.write_text(new_text, encoding="utf-8")
            changed += 1
    return changed



def on_build_finished(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    pages = prerender_site(outdir)
    logger.info(f"prerender_math: typeset the math of {pages} page(s) to SVG")


def setup(app):
    # After sphinx.ext.mathjax's install_mathjax (default priority 500) has added its scripts.
    app.connect("html-page-context", drop_mathjax_scripts, priority=900)
    app.connect("build-finished", on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
