"""book/_ext/prerender_math.py: Sphinx's HTML math renderer that typesets every formula to SVG.

Unit tests drive the renderer's functions (each batch goes through book/_ext/render_math.cjs,
~0.5 s); the Sphinx builds run small MyST projects in tmp with the `basic` theme.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import prerender_math  # noqa: E402
import pytest
from paths import ROOT

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not (ROOT / "node_modules" / "mathjax").is_dir(),
    reason="needs node and node_modules/mathjax (npm ci)",
)

Formula = prerender_math.Formula
FORMULAS = [Formula("o < i + 2p", False), Formula("x^2", False),
            Formula("o = \\left\\lfloor \\frac{i + 2p - k}{s} \\right\\rfloor + 1", True),
            Formula("\\begin{align}a &= b\\\\ c &= d\\end{align}", True)]


@pytest.fixture(scope="module")
def rendering():
    return prerender_math.render_formulas(FORMULAS)


def test_every_formula_is_typeset_to_an_svg_with_mathml_beside_it(rendering):
    assert set(rendering.typeset) == set(FORMULAS)
    for formula, typeset in rendering.typeset.items():
        assert typeset.markup.startswith("<mjx-container "), formula
        assert ('display="true"' in typeset.markup) == formula.display
        assert typeset.markup.count("<svg ") == 1 and 'aria-hidden="true"' in typeset.markup
        assert "<mjx-assistive-mml " in typeset.markup and "<math " in typeset.markup
    # The TeX reached MathJax as written: `<` is an operator of the MathML.
    assert "<mo>&lt;</mo>" in rendering.typeset[FORMULAS[0]].markup


def test_glyphs_are_shared_and_every_reference_resolves(rendering):
    for typeset in rendering.typeset.values():
        assert "<path id=" not in typeset.markup, "a glyph outline was left inside a formula"
        referenced = set(re.findall(r'xlink:href="#MJX-([A-Z0-9-]+)"', typeset.markup))
        assert referenced and referenced <= set(typeset.glyphs) <= set(rendering.glyphs)


def test_the_svg_draws_in_the_text_colour_and_display_math_is_a_centred_block(rendering):
    assert all('fill="currentColor"' in t.markup and 'fill="black"' not in t.markup
               for t in rendering.typeset.values())
    assert re.search(r'mjx-container\[jax="SVG"\]\[display="true"\]\s*\{[^}]*display:\s*block;[^}]*'
                     r"text-align:\s*center", rendering.stylesheet)


def test_groups_that_only_place_one_element_are_flattened_and_styled_ones_kept(rendering):
    # render_math.cjs: a <g data-mml-node> gives its transform to its one child, or (without a
    # transform) its children to its parent; the ones the stylesheet names stay (mtable).
    inline = rendering.typeset[FORMULAS[0]].markup  # o < i + 2p: one row of glyphs
    assert "data-mml-node" not in inline
    assert re.search(r'<use data-c="[0-9A-F]+" xlink:href="#MJX-[^"]+" transform="translate\([\d.]+,0\)">',
                     inline)
    wrappers = re.findall(r'<g data-mml-node="[^"]+"(?: transform="[^"]*")?>(<use [^>]*></use>)</g>',
                          "".join(t.markup for t in rendering.typeset.values()))
    assert not wrappers, wrappers[:2]
    assert 'data-mml-node="mtable"' in rendering.typeset[FORMULAS[3]].markup
    assert 'g[data-mml-node="mtable"]' in rendering.stylesheet


def test_a_formula_is_typeset_the_same_whatever_else_is_in_the_batch(rendering):
    alone = prerender_math.render_formulas([FORMULAS[1]])
    assert alone.typeset[FORMULAS[1]] == rendering.typeset[FORMULAS[1]]


def test_a_tex_error_names_the_document_and_the_formula():
    broken = Formula("\\frac{1}{", False)
    expected = r"lessons/x.ipynb: Missing close brace, in the inline formula  \\frac\{1\}\{$"
    with pytest.raises(prerender_math.PrerenderMathError, match=expected):
        prerender_math.render_formulas([FORMULAS[1], broken], {broken: "lessons/x.ipynb"})


def test_an_undefined_macro_is_an_error_not_red_text():
    with pytest.raises(prerender_math.PrerenderMathError, match=r"Undefined control sequence \\fracc"):
        prerender_math.render_formulas([Formula("\\fracc{a}{b}", True)])


def test_a_missing_node_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(prerender_math.shutil, "which", lambda name: None)
    with pytest.raises(prerender_math.PrerenderMathError, match="`node` is not on PATH"):
        prerender_math.render_formulas(FORMULAS)


def test_display_tex_is_built_as_sphinx_builds_it_for_mathjax():
    from docutils import nodes

    two_lines = nodes.math_block("a \\\\ b", "a \\\\ b", nowrap=False, number=None)
    assert prerender_math.block_formula(two_lines).tex == "\\begin{split}a \\\\ b\\end{split}"
    paragraphs = nodes.math_block("a\n\nb", "a\n\nb", nowrap=False, number=None)
    assert prerender_math.block_formula(paragraphs).tex == (
        "\\begin{align}\\begin{aligned}a\\\\b\\end{aligned}\\end{align}")
    env = nodes.math_block("\\begin{align}a\\end{align}", "\\begin{align}a\\end{align}", nowrap=True)
    assert prerender_math.block_formula(env).tex == "\\begin{align}a\\end{align}"


# --- Sphinx builds ------------------------------------------------------------------------------

CONF = (
    "import sys\n"
    f"sys.path.insert(0, {str(ROOT / 'book' / '_ext')!r})\n"
    "extensions = ['myst_parser', 'sphinx.ext.mathjax', 'prerender_math']\n"
    "myst_enable_extensions = ['dollarmath', 'amsmath']\n"
    "html_theme = 'basic'\n"
)


def sphinx_build(source: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", *extra, "-b", "html", str(source), str(out)],
        capture_output=True, text=True, timeout=120, check=False,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A small MyST project with math, built once with -W: (its output folder, the build)."""
    source = tmp_path_factory.mktemp("math") / "src"
    source.mkdir()
    (source / "conf.py").write_text(CONF)
    (source / "index.md").write_text(
        "# Math\n\nInline $x^2$ and $x^2 + 1$, a block:\n\n$$\n\\frac{a}{b}\n$$ (frac)\n\n"
        "\\begin{align}\na &= b\n\\end{align}\n\n```{toctree}\nplain\n```\n"
    )
    (source / "plain.md").write_text("# Plain\n\nNo math here, 2 < 3.\n")
    out = source.parent / "html"
    return source, out, sphinx_build(source, out, "-W")


def test_a_sphinx_build_writes_svg_math_and_adds_no_mathjax(built):
    _, out, completed = built
    assert completed.returncode == 0, completed.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.count("<mjx-container") == 4 and "\\(" not in page and "\\[" not in page
    # sphinx.ext.mathjax is loaded, yet adds nothing: it is not the renderer in use.
    assert not re.search(r"<script[^>]*mathjax|window\.MathJax", page, re.IGNORECASE)
    assert not list(out.rglob("*mathjax*")), "a MathJax file was copied into the site"
    # Equation number and its link kept; glyphs defined once, in the page's sprite.
    assert re.search(r'<div class="math notranslate nohighlight" id="equation-frac">\s*'
                     r'<span class="eqno">\(1\)<a class="headerlink" href="#equation-frac"', page)
    defined = re.findall(r'<path id="(MJX-[^"]+)"', page)
    assert defined and len(defined) == len(set(defined))
    assert set(re.findall(r'xlink:href="#(MJX-[^"]+)"', page)) <= set(defined)
    assert page.count('id="prerendered-math-style"') == 1
    plain = (out / "plain.html").read_text(encoding="utf-8")
    assert "mjx-container" not in plain and "prerendered-math" not in plain


def test_a_tex_error_fails_the_sphinx_build_naming_the_document(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text(CONF)
    (source / "index.md").write_text("# Broken\n\nA typo: $\\frac{1}{$.\n")
    completed = sphinx_build(source, tmp_path / "html")
    assert completed.returncode != 0
    assert "index.md: " in completed.stderr and "formula  \\frac{1}{" in completed.stderr, completed.stderr


def test_a_second_build_typesets_nothing_again_and_writes_the_same_page(built):
    source, out, completed = built
    assert completed.returncode == 0, completed.stderr
    first = (out / "index.html").read_text(encoding="utf-8")
    again = sphinx_build(source, out, "-W", "-a")  # every page written, from the saved environment
    assert again.returncode == 0, again.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == first
