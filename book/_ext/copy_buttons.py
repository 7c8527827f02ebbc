"""Copy buttons written into the page when it is built, instead of by sphinx-copybutton's script.

sphinx-copybutton's script looks for every code block (its copybutton_selector) once the page has
loaded and inserts a button after each. On a phone that is one long task after the first paint,
and the whole page laid out again: on lesson 3 (30 buttons) 70 to 230 ms of the total blocking
time Lighthouse simulates. Here the build writes the same button into the HTML: after the <pre>
of each code block a reader runs (code cells and code blocks, not printed outputs, whose literal
block has the class "output"), with the script's own markup: <pre id="codecellN">, then
<button class="copybtn o-tooltip--left" data-tooltip="Copy" data-clipboard-target="#codecellN">
and the icon. The script still makes the buttons work (ClipboardJS listens for a click on any
.copybtn, wherever it came from); its copybutton_selector is set here to match nothing, so it adds
no second button, and its copybutton_image_svg to the icon the build draws (ICON, unless the book
sets its own), so the icon is the same before and after a click.

The button's words are sphinx-copybutton's for the page's language ("Copy", "Copy to clipboard";
复制, 复制到剪贴板): the script shows its own words again after a click, so the two must agree
(tests/book/test_copy_buttons.py compares them with the script's). They come from the "sphinx" message
catalogue, where tools/translation/extract.py adds them (COPY_BUTTON_WORDS). Buttons are shown only
where scripts run (pst-js-only, the theme's class): without a script they would do nothing.

The <pre> and the button come from the page's Pygments formatter (copy_button_formatter), given
the button as a highlight argument: Sphinx passes a literal block's highlight_args to the
formatter. Enabled in _config.yml under sphinx.local_extensions, after lean_pages.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.locale import _

# sphinx-copybutton's words (its copybutton.js_t, `messages`): the tooltip and the button's name.
COPY_BUTTON_WORDS = ("Copy", "Copy to clipboard")
OPTION = "copy_button"
# sphinx-copybutton 0.5's default icon, without its <title>: the button is named by aria-label,
# which stays right when the script swaps the icon for a tick after a click.
ICON = ('<svg xmlns="http://www.w3.org/2000/svg" class="icon icon-tabler icon-tabler-copy" width="44" '
        'height="44" viewBox="0 0 24 24" stroke-width="1.5" stroke="#000000" fill="none" '
        'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">'
        '<path stroke="none" d="M0 0h24v24H0z" fill="none"/>'
        '<rect x="8" y="8" width="12" height="12" rx="2" />'
        '<path d="M16 8v-2a2 2 0 0 0 -2 -2h-8a2 2 0 0 0 -2 2v8a2 2 0 0 0 2 2h2" /></svg>')


# A CSS selector no element matches (copybutton_selector): the script adds no button of its own.
NO_ELEMENT = ":not(*)"


def copy_button(pre_id: str, tooltip: str, name: str, icon: str = ICON) -> str:
    """The button sphinx-copybutton's script would add after <pre id=pre_id>."""
    return (f'<button class="copybtn o-tooltip--left pst-js-only" data-tooltip="{escape(tooltip)}" '
            f'aria-label="{escape(name)}" data-clipboard-target="#{escape(pre_id)}">{icon}</button>')


def gets_a_button(node: nodes.literal_block) -> bool:
    """Code a reader runs: a highlighted block (not a parsed literal) that is not a printed output."""
    return node.rawsource == node.astext() and "output" not in node.get("classes", [])


def add_copy_buttons(app, doctree, docname: str) -> None:
    if app.builder.format != "html":
        return
    tooltip, name = (str(_(words)) for words in COPY_BUTTON_WORDS)
    blocks = [node for node in doctree.findall(nodes.literal_block) if gets_a_button(node)]
    for index, node in enumerate(blocks):
        pre_id = f"codecell{index}"
        # A dict of its own: literal blocks may share one highlight_args.
        node["highlight_args"] = {**node.get("highlight_args", {}), OPTION: (
            pre_id, copy_button(pre_id, tooltip, name, app.config.copybutton_image_svg))}


def copy_button_formatter(base):
    """A subclass of the HTML formatter base that gives the <pre> its id and writes the button
    after it, when the block's highlight arguments carry one (OPTION); else base's output."""
    def wrap(self, source):
        button = self.options.get(OPTION)
        if not button:
            yield from base.wrap(self, source)
            return
        pre_id, markup = button
        opened = False
        for code, text in base.wrap(self, source):
            if not opened and code == 0 and text.startswith("<pre"):
                text, opened = f'<pre id="{escape(pre_id)}"' + text[len("<pre"):], True
            yield code, text
        yield 0, markup

    return type(f"CopyButton{base.__name__}", (base,), {"wrap": wrap})


def use_copy_button_formatter(app) -> None:
    highlighter = getattr(app.builder, "highlighter", None)
    if highlighter is not None and app.builder.format == "html":
        highlighter.formatter = copy_button_formatter(highlighter.formatter)


def script_adds_no_button(app, config) -> None:
    """Before sphinx-copybutton hands its settings to its script (its own config-inited handler)."""
    config.copybutton_selector = NO_ELEMENT
    config.copybutton_image_svg = config.copybutton_image_svg or ICON


def setup(app):
    app.setup_extension("sphinx_copybutton")
    app.connect("config-inited", script_adds_no_button, priority=400)
    # After lean_pages' formatter (priority 500), which it wraps.
    app.connect("builder-inited", use_copy_button_formatter, priority=600)
    app.connect("doctree-resolved", add_copy_buttons)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
