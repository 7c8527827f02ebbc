"""book/static/theme_controls.js: what the theme's bootstrap.js did on this book's pages (it is no
longer loaded, book/_ext/lean_pages.py), in Chromium on a built lesson page of each edition: the
header's "Download this page" menu with the mouse and the keyboard, the "Back to top" button, and
the article header's sidebar buttons (the theme's own script leaves them without a handler).
The build's check that no page needs more of Bootstrap is tested without a build in
test_lighthouse.py; that no page loads bootstrap.js, in test_built_pages.py.
"""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
import site_audit

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
    # The page's script loader requests the script files after the first paint and runs them in
    # order, the theme's pydata-sphinx-theme.js last: its load event (captured, as load events do
    # not bubble) says that every one of them, theme_controls.js included, has run.
    tab.add_init_script("document.addEventListener('load', (event) => {"
                        " const source = event.target.src || '';"
                        " if (source.includes('pydata-sphinx-theme.js')) window.themeRan = true; }, true);")
    tab.goto(urljoin(site_url, site_audit.EDITIONS[edition].folder + LESSON))
    tab.wait_for_function("window.themeRan === true")
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


VISIBLE = "visible=true"  # each sidebar button is on the page twice; the top bar's copy is hidden
SIDEBARS = {".primary-toggle": ("div.bd-sidebar-primary", "#pst-primary-sidebar-modal"),
            ".secondary-toggle": ("div.bd-sidebar-secondary", "#pst-secondary-sidebar-modal")}
DISPLAY = "(selector) => getComputedStyle(document.querySelector(selector)).display"


@pytest.mark.parametrize("edition", site_audit.EDITIONS)
def test_on_a_phone_the_sidebar_buttons_open_the_navigation_and_the_contents(browser, site_url, edition):
    # pydata-sphinx-theme 0.17 gives its handler only to the hidden top bar's buttons (its issue
    # 2451); theme_controls.js hands the visible buttons' clicks to them. The sidebars themselves
    # are not laid out on a phone (lean_pages.css): only the dialog shows their contents.
    context, tab, errors = _lesson(browser, site_url, edition, viewport=site_audit.MOBILE_VIEWPORT)
    try:
        for button_selector, (sidebar, dialog_selector) in SIDEBARS.items():
            assert tab.evaluate(DISPLAY, sidebar) == "none", sidebar
            button, dialog = tab.locator(button_selector).locator(VISIBLE), tab.locator(dialog_selector)
            assert button.count() == 1 and not dialog.is_visible()
            button.click()
            assert dialog.is_visible(), f"{button_selector} opened nothing"
            links = dialog.locator("a").locator(VISIBLE)
            assert links.count() >= 5, f"{dialog_selector} shows {links.count()} links"
            tab.keyboard.press("Escape")
            assert not dialog.is_visible()
            focus_back = "(button) => document.activeElement.matches('.bd-header-article ' + button)"
            assert tab.evaluate(focus_back, button_selector), "the focus did not go back to the button"
            assert tab.evaluate(DISPLAY, sidebar) == "none"  # its contents went back, still not laid out
    finally:
        context.close()
    assert errors == []


def test_on_a_wide_screen_the_sidebars_show_and_the_button_folds_the_navigation(browser, site_url):
    context, tab, errors = _lesson(browser, site_url, "en")
    try:
        for sidebar, _ in SIDEBARS.values():
            assert tab.locator(sidebar).locator("a").first.is_visible(), sidebar
        navigation = tab.locator("div.bd-sidebar-primary a").first
        button = tab.locator(".primary-toggle").locator(VISIBLE)
        button.click()
        navigation.wait_for(state="hidden", timeout=5000)  # the theme's fold is a transition
        assert not tab.locator("dialog[open]").count()
        button.click()
        navigation.wait_for(state="visible", timeout=5000)
    finally:
        context.close()
    assert errors == []
