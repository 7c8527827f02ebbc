"""book/static/theme_controls.js: what the theme's bootstrap.js did on this book's pages (it is no
longer loaded, book/_ext/lean_pages.py), in Chromium on a built lesson page of each edition: the
header's "Download this page" menu with the mouse and the keyboard, and the "Back to top" button.
The build's check that no page needs more of Bootstrap is tested without a build in
test_lighthouse.py; that no page loads bootstrap.js, in test_built_pages.py.
"""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from conftest import site_audit

pytestmark = pytest.mark.browser

LESSON = "lessons/03_padding_and_stride.html"
TOGGLE = '[data-bs-toggle="dropdown"]'
MENU = ".dropdown-download-buttons > .dropdown-menu"
FOCUSED_TEXT = "document.activeElement && document.activeElement.textContent.trim()"


def _lesson(browser, site_url, edition, viewport=site_audit.DESKTOP_VIEWPORT):
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.goto(urljoin(site_url, site_audit.EDITIONS[edition].folder + LESSON))
    # theme_controls.js runs from the page's script loader, after the first paint.
    tab.wait_for_function("[...document.scripts].some((s) => s.src.includes('theme_controls.js'))")
    tab.wait_for_function("document.readyState === 'complete'")
    return context, tab, errors


@pytest.mark.parametrize("edition", site_audit.EDITIONS)
def test_the_download_menu_opens_and_closes_with_the_mouse(browser, site_url, edition):
    context, tab, errors = _lesson(browser, site_url, edition)
    try:
        toggle, menu = tab.locator(TOGGLE), tab.locator(MENU)
        tab.mouse.move(0, 500)  # away from the button: the theme's CSS also shows the menu on hover
        assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()
        toggle.click()
        tab.mouse.move(0, 500)
        assert toggle.get_attribute("aria-expanded") == "true" and menu.is_visible()
        toggle.click()
        tab.mouse.move(0, 500)
        assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()
        toggle.click()
        tab.locator("article h1").first.click()  # a click elsewhere closes it
        assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()
    finally:
        context.close()
    assert errors == []


@pytest.mark.parametrize("edition", site_audit.EDITIONS)
def test_the_download_menu_works_from_the_keyboard(browser, site_url, edition):
    context, tab, errors = _lesson(browser, site_url, edition)
    try:
        toggle, menu = tab.locator(TOGGLE), tab.locator(MENU)
        items = [text.strip() for text in menu.locator(".dropdown-item").all_inner_texts()]
        assert len(items) >= 2, items
        toggle.focus()
        tab.keyboard.press("ArrowDown")  # opens the menu on its first item
        assert toggle.get_attribute("aria-expanded") == "true" and menu.is_visible()
        assert tab.evaluate(FOCUSED_TEXT) == items[0]
        tab.keyboard.press("ArrowDown")
        assert tab.evaluate(FOCUSED_TEXT) == items[1]
        for _ in items:  # it stops at the last item
            tab.keyboard.press("ArrowDown")
        assert tab.evaluate(FOCUSED_TEXT) == items[-1]
        tab.keyboard.press("ArrowUp")
        assert tab.evaluate(FOCUSED_TEXT) == items[-2]
        tab.keyboard.press("Escape")  # closes it, the focus back on the button
        assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()
        assert tab.evaluate("document.activeElement.matches('[data-bs-toggle=dropdown]')")
        tab.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true"
        tab.keyboard.press("Shift+Tab")  # the focus leaves the dropdown: it closes
        assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()
    finally:
        context.close()
    assert errors == []


def test_back_to_top_shows_while_scrolling_up_and_goes_to_the_top(browser, site_url):
    context, tab, errors = _lesson(browser, site_url, "en", viewport=site_audit.MOBILE_VIEWPORT)
    try:
        button = tab.locator("#pst-back-to-top")
        scroll_to = "y => window.scrollTo(0, y)"
        for y in (1000, 2000, 3000):  # down, a screen at a time, as sections are laid out
            tab.evaluate(scroll_to, y)
            tab.wait_for_timeout(200)
        assert not button.is_visible()  # scrolling down: hidden
        tab.evaluate(scroll_to, 2500)
        tab.wait_for_function("document.getElementById('pst-back-to-top').style.display === 'block'")
        button.click()
        tab.wait_for_function("window.scrollY === 0")
    finally:
        context.close()
    assert errors == []
