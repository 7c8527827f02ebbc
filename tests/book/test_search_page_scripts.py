"""book/_ext/search_page_scripts.py: the copied layout block is the installed theme's, or it warns."""

from __future__ import annotations

from importlib import resources

import search_page_scripts
from paths import ROOT

THEME = resources.files("pydata_sphinx_theme") / "theme" / "pydata_sphinx_theme"


def test_the_installed_themes_block_is_the_one_the_override_was_copied_from():
    layout = search_page_scripts.theme_layout([str(THEME)])
    assert layout is not None
    digest = search_page_scripts.block_digest(layout.read_text(encoding="utf-8"))
    assert digest == search_page_scripts.BLOCK_DIGEST


def test_a_changed_or_missing_block_gives_another_digest():
    layout = (THEME / "layout.html").read_text(encoding="utf-8")
    changed = layout.replace('<meta name="docsearch:version"', '<meta name="docsearch:release"')
    assert search_page_scripts.block_digest(changed) != search_page_scripts.BLOCK_DIGEST
    assert search_page_scripts.block_digest("<html></html>") is None


def test_the_override_leaves_out_only_the_search_scripts():
    override = (ROOT / "book" / "_templates" / "layout.html").read_text(encoding="utf-8")
    theme = (THEME / "layout.html").read_text(encoding="utf-8")
    for line in ('<meta name="viewport"', '<meta name="docsearch:language"',
                 '<meta name="docsearch:version"'):
        assert line in override and line in theme
    assert "searchtools.js" in theme and "searchtools.js" not in override.split("-#}", 1)[1]
