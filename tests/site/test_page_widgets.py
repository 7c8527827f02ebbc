"""The widgets the extensions themselves put on a lesson page, in Chromium, in each edition's words:
sphinx-copybutton's copy buttons, sphinx-togglebutton's folded solutions and the theme's (Bootstrap's)
"Download this page" menu. Every check after an action waits for its outcome (Playwright's expect).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import polib
import pytest
import site_audit
from paths import ROOT
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LESSON = "lessons/01_module_skeleton.html"
SITE_CATALOGUE = polib.pofile(str(ROOT / "locales" / "zh_CN" / "LC_MESSAGES" / "sphinx.po"))
# The words each edition shows: sphinx-copybutton's own for the page's language, and
# sphinx-togglebutton's hint, which the Chinese book sets from the "sphinx" catalogue.
WORDS = {"en": {"copy": "Copy", "show": "Click to show", "hide": "Click to hide"},
         "zh": {"copy": "复制", "show": SITE_CATALOGUE.find("Click to show").msgstr,
                "hide": SITE_CATALOGUE.find("Click to hide").msgstr}}


def open_lesson(browser, site_url, edition):
    context = browser.new_context(viewport=site_audit.DESKTOP_VIEWPORT,
                                  permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.goto(urljoin(site_url, site_audit.EDITIONS[edition].folder + LESSON), wait_until="load")
    return context, tab, errors


@pytest.mark.parametrize("edition", site_audit.EDITIONS)
def test_a_copy_button_copies_its_code_cell(browser, site_url, edition):
    context, tab, errors = open_lesson(browser, site_url, edition)
    try:
        cell = tab.locator("div.cell div.cell_input pre").nth(1)
        button = tab.locator("div.cell div.cell_input").nth(1).locator("button.copybtn")
        expect(button).to_have_attribute("data-tooltip", WORDS[edition]["copy"])
        cell.hover()
        button.click()
        tab.wait_for_function("async () => (await navigator.clipboard.readText()).includes('class ')")
        copied = tab.evaluate("navigator.clipboard.readText()")
        assert copied.strip() == cell.inner_text().strip()
    finally:
        context.close()
    assert errors == []


@pytest.mark.parametrize("edition", site_audit.EDITIONS)
def test_a_solution_is_folded_and_opens_with_its_button(browser, site_url, edition):
    context, tab, errors = open_lesson(browser, site_url, edition)
    try:
        solution = tab.locator(".admonition.solution.dropdown").first
        button = solution.locator(".toggle-button")
        body = solution.locator(":scope > :not(.admonition-title)").first
        expect(solution).to_have_class(re.compile(r"\btoggle-hidden\b"))
        expect(button).to_have_attribute("data-toggle-hint", WORDS[edition]["show"])
        expect(body).to_be_hidden()
        button.click()
        expect(body).to_be_visible()
        expect(button).to_have_attribute("data-toggle-hint", WORDS[edition]["hide"])
    finally:
        context.close()
    assert errors == []


@pytest.mark.parametrize("edition", site_audit.EDITIONS)
def test_the_download_menu_opens_from_the_mouse_and_the_keyboard(browser, site_url, edition):
    context, tab, errors = open_lesson(browser, site_url, edition)
    try:
        toggle = tab.locator('.dropdown-download-buttons [data-bs-toggle="dropdown"]')
        menu = tab.locator(".dropdown-download-buttons > .dropdown-menu")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(menu.locator(".dropdown-item").first).to_be_visible()
        tab.keyboard.press("Escape")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(toggle).to_be_focused()
        tab.keyboard.press("ArrowDown")  # Bootstrap's dropdown: the arrow opens it on its first item
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(menu.locator(".dropdown-item").first).to_be_focused()
    finally:
        context.close()
    assert errors == []
