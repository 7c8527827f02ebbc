"""book/_ext/copy_buttons.py: the copy buttons the build writes, where sphinx-copybutton's script
used to add them after the page had loaded.

The pieces are checked without a build; the built pages of both editions (`-m browser`, after
`make book-force`) must carry one button after every code cell's source and none on printed
outputs, and in Chromium a click must copy the code and show sphinx-copybutton's own "copied"
words in the page's language.
"""

from __future__ import annotations

import re
from importlib import resources
from urllib.parse import urljoin

import copy_buttons  # noqa: E402
import polib
import pytest
import site_audit  # noqa: E402
from docutils import nodes
from paths import ROOT
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

CATALOGUE = ROOT / "locales" / "zh_CN" / "LC_MESSAGES" / "sphinx.po"
LESSON = "lessons/01_module_skeleton.html"


def script_messages() -> dict[str, dict[str, str]]:
    """sphinx-copybutton's `messages` (its script's words, by the page's lang)."""
    script_file = resources.files("sphinx_copybutton") / "_static" / "copybutton.js_t"
    script = script_file.read_text(encoding="utf-8")
    body = script[script.index("const messages = {"):script.index("\n}\n")]
    found = {}
    for lang, entries in re.findall(r"'([\w-]+)'\s*:\s*\{(.*?)\}", body, re.S):
        found[lang] = dict(re.findall(r"'(\w+)'\s*:\s*'([^']*)'", entries))
    return found


@pytest.mark.parametrize(("lang", "translate"), [
    ("en", lambda words: words),
    ("zh-CN", lambda words: polib.pofile(str(CATALOGUE)).find(words).msgstr)])
def test_the_buttons_words_are_the_scripts_own_in_each_language(lang, translate):
    # After a click the script puts its own tooltip back: the build's must be the same words.
    words = script_messages()[lang]
    tooltip, name = (translate(words) for words in copy_buttons.COPY_BUTTON_WORDS)
    assert (tooltip, name) == (words["copy"], words["copy_to_clipboard"])


def test_the_formatter_gives_the_pre_an_id_and_writes_the_button_after_it():
    formatter = copy_buttons.copy_button_formatter(HtmlFormatter)
    button = copy_buttons.copy_button("codecell3", "Copy", "Copy to clipboard")
    html = highlight("x = 1\n", PythonLexer(), formatter(**{copy_buttons.OPTION: ("codecell3", button)}))
    assert html.startswith('<div class="highlight"><pre id="codecell3"><span></span>')
    assert html.rstrip().endswith("</pre>" + button + "</div>")
    assert 'data-clipboard-target="#codecell3"' in button and 'aria-label="Copy to clipboard"' in button
    # Without a button, the base formatter's output exactly.
    plain = highlight("x = 1\n", PythonLexer(), HtmlFormatter())
    assert highlight("x = 1\n", PythonLexer(), formatter()) == plain


def test_code_a_reader_runs_gets_a_button_and_printed_output_none():
    code = nodes.literal_block("x = 1", "x = 1")
    output = nodes.literal_block("2", "2", classes=["output", "stream"])
    parsed = nodes.literal_block("x = *1*", "x = 1")  # a parsed literal: not highlighted
    shared = {"hl_lines": []}
    first, second = (nodes.literal_block(s, s, highlight_args=shared) for s in ("a = 1", "b = 2"))
    page = nodes.document("", "")
    page += [code, output, parsed, first, second]
    app = type("App", (), {"builder": type("Builder", (), {"format": "html"})(),
                           "config": type("Config", (), {"copybutton_image_svg": "<svg/>"})()})()
    copy_buttons.add_copy_buttons(app, page, "lessons/x")
    ids = [node.get("highlight_args", {}).get(copy_buttons.OPTION, (None,))[0]
           for node in (code, output, parsed, first, second)]
    assert ids == ["codecell0", None, None, "codecell1", "codecell2"]
    assert shared == {"hl_lines": []}, "a highlight_args dict shared by two blocks was changed"
    assert first["highlight_args"]["hl_lines"] == []


def test_the_script_adds_no_button_and_draws_the_builds_icon():
    from types import SimpleNamespace

    config = SimpleNamespace(copybutton_selector="div.highlight pre", copybutton_image_svg="")
    copy_buttons.script_adds_no_button(None, config)
    assert config.copybutton_selector == copy_buttons.NO_ELEMENT
    assert config.copybutton_image_svg == copy_buttons.ICON
    config = SimpleNamespace(copybutton_selector="pre", copybutton_image_svg="<svg>own</svg>")
    copy_buttons.script_adds_no_button(None, config)
    assert config.copybutton_image_svg == "<svg>own</svg>"  # a book's own icon is kept


# --- The built pages --------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("edition", site_audit.EDITIONS)
def test_every_code_cell_and_no_output_has_one_copy_button(site_directory, edition):
    page, soup = site_audit.parsed_page(site_directory, edition, LESSON)
    sources = soup.select("div.cell_input div.highlight > pre")
    assert sources, f"{page}: no code cell"
    for pre in sources:
        buttons = pre.parent.select("button.copybtn")
        assert len(buttons) == 1, f"{page}: {len(buttons)} copy buttons after code cell {pre.get('id')}"
        assert pre.get("id") and buttons[0]["data-clipboard-target"] == "#" + pre["id"]
    ids = [pre["id"] for pre in soup.select("pre[id^=codecell]")]
    assert len(ids) == len(set(ids)), f"{page}: repeated ids {ids}"
    outputs = soup.select("div.output div.highlight")
    assert outputs and not any(block.select("button.copybtn") for block in outputs), \
        f"{page}: a printed output has a copy button"


@pytest.mark.browser
@pytest.mark.parametrize("edition", site_audit.EDITIONS)
def test_a_click_copies_the_code_and_says_so_in_the_pages_language(browser, site_url, edition):
    lang = site_audit.EDITIONS[edition].language
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    tab = context.new_page()
    try:
        tab.goto(urljoin(site_url, site_audit.EDITIONS[edition].folder + LESSON))
        tab.wait_for_function("window.ClipboardJS !== undefined")
        assert tab.locator("button.copybtn").count() == tab.locator("div.cell_input pre").count(), \
            "the script added buttons of its own"
        button = tab.locator("div.cell_input button.copybtn").nth(1)
        # Far from the screen the cell is not laid out (content-visibility) and its innerText,
        # which copybutton.js copies, is empty: a reader clicks a button on the screen, drawn.
        button.scroll_into_view_if_needed()
        shown_code = "b => document.querySelector(b.dataset.clipboardTarget).innerText.trim()"
        code = tab.wait_for_function(shown_code, arg=button.element_handle()).json_value()
        button.click()
        tab.wait_for_function("b => b.classList.contains('success')", arg=button.element_handle())
        copied = tab.evaluate("navigator.clipboard.readText()")
        tooltip = button.get_attribute("data-tooltip")
    finally:
        context.close()
    assert copied.strip() == code.strip() and copied.strip()
    messages = script_messages()
    assert tooltip == messages.get(lang, messages["en"])["copy_success"]
