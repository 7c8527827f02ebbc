"""book/_ext/fontawesome_css_only.py: the empty stand-in, and the warning once it is not needed."""

from __future__ import annotations

from importlib import resources

import fontawesome_css_only
from paths import ROOT


def test_the_stand_in_is_what_html_static_path_serves_in_the_themes_place():
    stand_in = ROOT / "book" / "static" / "scripts" / "fontawesome.js"
    assert stand_in.stat().st_size < 200 and "fontawesome_css_only" in stand_in.read_text()


def test_the_installed_theme_still_ships_the_heavy_script():
    theme = resources.files("pydata_sphinx_theme") / "theme" / "pydata_sphinx_theme"
    size = fontawesome_css_only.theme_script_size([str(theme)])
    assert size and size > fontawesome_css_only.OBSOLETE_BELOW
    assert fontawesome_css_only.obsolescence(size) is None


def test_a_lean_or_missing_theme_script_makes_the_workaround_obsolete(tmp_path):
    assert fontawesome_css_only.theme_script_size([str(tmp_path)]) is None
    assert "no longer ships" in fontawesome_css_only.obsolescence(None)
    assert "#2494" in fontawesome_css_only.obsolescence(90_000)
