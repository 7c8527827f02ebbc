"""book/_ext/subset_fonts.py: the icon fonts keep exactly the glyphs the stylesheets name."""

from __future__ import annotations

import shutil
from importlib import resources

import subset_fonts
from fontTools.ttLib import TTFont

THEME_STATIC = resources.files("pydata_sphinx_theme") / "theme" / "pydata_sphinx_theme" / "static"


def test_every_character_of_every_css_string_is_found_escapes_decoded():
    css = '.fa-bars:before{content:"\\f0c9"} :root{--note:"\\f05a"} .x:after{content:"→ a"} .y{font:"Ab"}'
    found = subset_fonts.characters_named(css)
    assert {0xF0C9, 0xF05A, ord("→"), ord("a"), ord(" "), ord("A"), ord("b")} <= found
    assert subset_fonts.characters_named('.i:before{content:"\\f0c9"}') == {0xF0C9}  # not f, 0, c, 9


def test_a_theme_stylesheet_is_cut_down_to_its_named_glyphs(tmp_path):
    static = tmp_path / "_static"
    shutil.copytree(str(THEME_STATIC / "vendor"), static / "vendor")
    styles = static / "styles"
    styles.mkdir()
    theme_css = (THEME_STATIC / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    faces = "".join(face[0] for face in subset_fonts.FONT_FACE.finditer(theme_css))
    (styles / "trimmed.css").write_text(faces + '.fa-bars:before{content:"\\f0c9"}', encoding="utf-8")
    before, after, families = subset_fonts.subset_icon_fonts(tmp_path)
    assert families == set(subset_fonts.ICON_FAMILIES) and after < before / 10
    solid = TTFont(str(static / "vendor/fontawesome/webfonts/fa-solid-900.woff2"))
    assert solid.flavor == "woff2" and 0xF0C9 in solid.getBestCmap()
    assert 0xF135 not in solid.getBestCmap()  # fa-rocket: named by no rule left


def test_a_family_name_loses_its_quotes_and_escaped_spaces():
    assert subset_fonts.family_name("Font Awesome\\ 6 Free") == "Font Awesome 6 Free"
    assert subset_fonts.family_name('"Font Awesome 6 Brands"') == "Font Awesome 6 Brands"
