"""book/_ext/solution_toggles.py: solutions folded by the build, where sphinx-togglebutton's script
folded them after the page had loaded.

The pieces are checked without a build; the built lesson pages of both editions (`-m browser`)
must carry every solution folded, with a button in the page's language and no togglebutton.js,
and in Chromium a click on the title must open the solution and a second one fold it again.
"""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urljoin

import lean_pages  # noqa: E402
import polib
import pytest
import site_audit  # noqa: E402
import solution_toggles  # noqa: E402
from docutils import nodes
from paths import ROOT

CATALOGUE = ROOT / "locales" / "zh_CN" / "LC_MESSAGES" / "sphinx.po"
LESSON = "lessons/03_padding_and_stride.html"
CHINESE = polib.pofile(str(CATALOGUE))
WORDS = {"en": solution_toggles.TOGGLE_WORDS,
         "zh": tuple(CHINESE.find(words).msgstr for words in solution_toggles.TOGGLE_WORDS)}


def test_the_chinese_words_are_translated():
    assert all(WORDS["zh"]) and WORDS["zh"] != WORDS["en"], WORDS


def test_only_foldable_admonitions_with_a_title_are_folded(monkeypatch):
    # Sphinx's translator is process-wide (another test may have left it Chinese): the English words.
    monkeypatch.setattr(solution_toggles, "_", lambda words: words)
    solution = nodes.admonition("", nodes.title("", "Solution"), nodes.paragraph("", "x = 1"),
                                classes=["solution", "dropdown"])
    note = nodes.admonition("", nodes.title("", "Note"), classes=["note"])
    untitled = nodes.admonition("", nodes.paragraph("", "y"), classes=["dropdown"])
    page = nodes.document("", "")
    page += [solution, note, untitled]
    app = SimpleNamespace(builder=SimpleNamespace(format="html"))
    solution_toggles.fold_solutions(app, page, "lessons/x")
    assert solution["classes"] == ["solution", "dropdown", "toggle", "toggle-hidden"]
    button = solution.children[0].children[-1]
    assert isinstance(button, nodes.raw) and 'aria-expanded="false"' in button.astext()
    assert 'aria-label="Click to show"' in button.astext() and 'data-hide="Click to hide"' in button.astext()
    assert note["classes"] == ["note"] and untitled["classes"] == ["dropdown"]


def test_togglebutton_folds_nothing_and_its_script_is_left_out_everywhere():
    config = SimpleNamespace(togglebutton_selector=lean_pages.TOGGLE_DEFAULT_SELECTOR)
    solution_toggles.togglebutton_folds_nothing(None, config)
    page = nodes.document("", "")
    page += nodes.admonition("", classes=["solution", "dropdown"])
    assert lean_pages.has_toggles(page, lean_pages.TOGGLE_DEFAULT_SELECTOR)  # as before
    assert not lean_pages.has_toggles(page, config.togglebutton_selector)


@pytest.mark.browser
@pytest.mark.parametrize("edition", site_audit.EDITIONS)
def test_every_solution_is_folded_by_the_build_with_words_in_the_pages_language(site_directory, edition):
    page, soup = site_audit.parsed_page(site_directory, edition, LESSON)
    solutions = soup.select("div.solution.admonition")
    assert solutions, f"{page}: no solution"
    show, hide = WORDS[edition]
    for solution in solutions:
        assert {"toggle", "toggle-hidden"} <= set(solution["class"]), solution.get("id")
        buttons = solution.select(":scope > .admonition-title > button.toggle-button")
        assert len(buttons) == 1 and buttons[0]["aria-label"] == show and buttons[0]["data-hide"] == hide
    assert not soup.select('script[src*="togglebutton"]'), f"{page} still loads togglebutton.js"


@pytest.mark.browser
@pytest.mark.parametrize("edition", site_audit.EDITIONS)
def test_a_click_on_the_title_opens_the_solution_and_another_folds_it(browser, site_url, edition):
    show, hide = WORDS[edition]
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        tab.goto(urljoin(site_url, site_audit.EDITIONS[edition].folder + LESSON))
        solution = tab.locator("div.solution.admonition").first
        code = solution.locator("div.cell_input").first
        button = solution.locator("button.toggle-button")

        def state():
            attribute = button.get_attribute
            return code.is_visible(), attribute("aria-expanded"), attribute("aria-label")

        assert not code.is_visible()
        solution.locator(".admonition-title").click(position={"x": 4, "y": 4})
        opened = state()
        button.press("Enter")  # a real button: the keyboard folds it too
        folded = state()
    finally:
        tab.close()
    assert opened == (True, "true", hide), opened
    assert folded == (False, "false", show), folded
    assert not errors, errors
