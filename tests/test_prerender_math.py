"""book/_ext/prerender_math.py: the site's math typeset to SVG at build time, with MathJax in Node.

Unit tests drive the extension's functions on small HTML strings (each renders through
tools/render_math.cjs, ~0.5 s); one test builds a one-page Sphinx/MyST project in tmp.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))

import prerender_math  # noqa: E402

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not (ROOT / "node_modules" / "mathjax").is_dir(),
    reason="needs node and node_modules/mathjax (npm ci)",
)

# What sphinx.ext.mathjax writes, in a page shaped like the theme's.
PAGE = """<!DOCTYPE html>
<html><head><title>t</title>
</head>
<body data-spy="scroll">
<p>The size <span class="math notranslate nohighlight">\\(o &lt; i + 2p\\)</span> and
<span class="math notranslate nohighlight">\\(x^2\\)</span>.</p>
<div class="math notranslate nohighlight" id="equation-size">
<span class="eqno">(1)<a class="headerlink" href="#equation-size" title="Link">#</a></span>\\[
o = \\left\\lfloor \\frac{i + 2p - k}{s} \\right\\rfloor + 1
\\]</div>
<div class="amsmath math notranslate nohighlight" id="equation-0b1c">
\\begin{align}a &amp;= b\\\\ c &amp;= d\\end{align}</div>
</body></html>
"""
PAGE_WITHOUT_MATH = "<html><head></head><body><p>No math, 2 &lt; 3, \\(not math\\).</p></body></html>"


@pytest.fixture(scope="module")
def typeset_page() -> str:
    return prerender_math.prerender_page(PAGE)


def test_every_formula_becomes_svg_and_no_tex_is_left(typeset_page):
    assert "\\(" not in typeset_page and "\\[" not in typeset_page and "\\begin{align}" not in typeset_page
    containers = re.findall(r"<mjx-container [^>]*>", typeset_page)
    assert len(containers) == 4, containers
    assert sum('display="true"' in container for container in containers) == 2
    assert typeset_page.count("<svg ") == 4 + 1  # one per formula, plus the page's glyphs


def test_sphinx_wrappers_ids_and_equation_numbers_are_kept(typeset_page):
    assert '<div class="math notranslate nohighlight" id="equation-size">' in typeset_page
    assert '<span class="eqno">(1)<a class="headerlink" href="#equation-size"' in typeset_page
    assert typeset_page.count('<span class="math notranslate nohighlight"><mjx-container') == 2


def test_screen_readers_get_mathml_and_not_the_drawing(typeset_page):
    # Each SVG is hidden from assistive technology; MathML beside it is read instead.
    svgs = re.findall(r"<svg [^>]*>", typeset_page)
    assert all('aria-hidden="true"' in svg for svg in svgs), svgs
    mathml = re.findall(r"<mjx-assistive-mml [^>]*><math .*?</math>", typeset_page)
    assert len(mathml) == 4
    # The unescaped TeX reached MathJax: `&lt;` was read as `<`.
    assert "<mo>&lt;</mo>" in mathml[0]
    assert "mjx-assistive-mml {" in typeset_page.replace("mjx-assistive-mml{", "mjx-assistive-mml {")


def test_display_math_is_a_centred_block_drawn_in_the_text_colour(typeset_page):
    style = re.search(r'<style id="prerendered-math-style">(.*?)</style>', typeset_page, re.S)
    assert style, "no MathJax SVG stylesheet in <head>"
    assert re.search(r'mjx-container\[jax="SVG"\]\[display="true"\]\s*\{[^}]*display:\s*block;[^}]*'
                     r"text-align:\s*center", style[1])
    assert 'fill="currentColor"' in typeset_page and "fill=\"black\"" not in typeset_page


def test_each_glyph_is_defined_once_per_page_and_every_reference_resolves(typeset_page):
    defined = re.findall(r'<path id="(MJX-[^"]+)"', typeset_page)
    assert len(defined) == len(set(defined)), "a glyph is defined twice on the page"
    referenced = set(re.findall(r'xlink:href="#(MJX-[^"]+)"', typeset_page))
    assert referenced and referenced <= set(defined), sorted(referenced - set(defined))
    sprite = typeset_page.index('id="prerendered-math-glyphs"')
    assert typeset_page.index("<body") < sprite < typeset_page.index("<p>")


def test_a_tex_error_names_the_formula():
    page = PAGE.replace("x^2", "\\frac{1}{")
    expected = r"lessons/x.html: Missing close brace, in the inline formula  \\frac\{1\}\{$"
    with pytest.raises(prerender_math.PrerenderMathError, match=expected):
        prerender_math.prerender_page(page, "lessons/x.html")


def test_an_undefined_macro_is_an_error_not_red_text():
    with pytest.raises(prerender_math.PrerenderMathError, match=r"Undefined control sequence \\fracc"):
        prerender_math.prerender_page(PAGE.replace("\\frac{i", "\\fracc{i"))


def test_same_input_gives_byte_identical_output(typeset_page):
    assert prerender_math.prerender_page(PAGE) == typeset_page


def test_a_page_is_the_same_whatever_the_other_pages_of_the_batch(typeset_page):
    # MathJax's id counter runs across the batch; ids are renumbered per page.
    other = PAGE.replace("x^2", "y^3 + \\sqrt{z}")
    formulas = prerender_math.find_formulas(other) + prerender_math.find_formulas(PAGE)
    rendering = prerender_math.render_formulas(formulas)
    assert prerender_math.replace_math(PAGE, rendering) == typeset_page


def test_typesetting_twice_changes_nothing_the_second_time(typeset_page):
    # An incremental build that rewrote no page runs build-finished on typeset pages.
    assert prerender_math.find_formulas(typeset_page) == []
    assert prerender_math.replace_math(typeset_page, prerender_math.Rendering({}, "")) == typeset_page


def test_a_page_without_math_is_left_as_it_is():
    assert prerender_math.find_formulas(PAGE_WITHOUT_MATH) == []
    unused = prerender_math.Rendering({}, "mjx-container{}")
    assert prerender_math.replace_math(PAGE_WITHOUT_MATH, unused) == PAGE_WITHOUT_MATH


def script(filename=None, **attributes):
    return SimpleNamespace(filename=filename, attributes=attributes)


def test_only_the_mathjax_scripts_are_dropped():
    kept = [
        script("_static/doctools.js"),
        script(None, body="var togglebuttonSelector = '.toggle';"),
        script("_static/mathjax-helper.js"),
        script(None, body="const config = 'window.MathJax = 1';"),
    ]
    mathjax = [
        script("_static/mathjax/tex-chtml.js", defer="defer"),
        script("", body='window.MathJax = {"options": {}}'),
        script("", type="text/x-mathjax-config", body="MathJax.Hub.Config({})"),
    ]
    scripts = [kept[0], mathjax[0], kept[1], mathjax[1], kept[2], mathjax[2], kept[3]]
    assert prerender_math.without_mathjax_scripts(scripts, "mathjax/tex-chtml.js") == kept


def test_a_missing_node_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(prerender_math.shutil, "which", lambda name: None)
    with pytest.raises(prerender_math.PrerenderMathError, match="`node` is not on PATH"):
        prerender_math.prerender_page(PAGE)


def test_a_sphinx_build_serves_svg_math_and_no_mathjax(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT / 'book' / '_ext')!r})\n"
        "extensions = ['myst_parser', 'prerender_math']\n"
        "myst_enable_extensions = ['dollarmath', 'amsmath']\n"
        "html_theme = 'basic'\n"
    )
    (source / "index.md").write_text(
        "# Math\n\nInline $x^2$ and a block:\n\n$$\n\\frac{a}{b}\n$$ (frac)\n\n"
        "\\begin{align}\na &= b\n\\end{align}\n"
    )
    (source / "plain.md").write_text("---\norphan: true\n---\n# Plain\n\nNo math here.\n")
    out = tmp_path / "html"
    completed = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(source), str(out)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.count("<mjx-container") == 3 and "\\(" not in page and "\\[" not in page
    assert not re.search(r"<script[^>]*mathjax|window\.MathJax", page, re.IGNORECASE)
    plain = (out / "plain.html").read_text(encoding="utf-8")
    assert "mjx-container" not in plain and "prerendered-math" not in plain


def test_a_tex_error_fails_the_sphinx_build_naming_the_page(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / 'book' / '_ext')!r})\n"
        "extensions = ['myst_parser', 'prerender_math']\nmyst_enable_extensions = ['dollarmath']\n"
        "html_theme = 'basic'\n"
    )
    (source / "index.md").write_text("# Broken\n\nA typo: $\\frac{1}{$.\n")
    completed = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(source), str(tmp_path / "html")],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert completed.returncode != 0
    assert "index.html: " in completed.stderr and "formula  \\frac{1}{" in completed.stderr, completed.stderr
