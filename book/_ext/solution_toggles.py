"""Folded solutions written by the build, instead of by sphinx-togglebutton's script.

sphinx-togglebutton's script looks for every foldable admonition (the exercises' solutions, class
"dropdown") while the page loads, adds a button to its title and hides its content. On a phone
that is one long task after the first paint, and the whole page laid out again, since the
solutions were first laid out open: on lesson 3 (6 solutions) 120 to 160 ms of the blocking time
Lighthouse simulates, the largest single item left. Its words were English on every page
("Click to show", aria-label "Toggle hidden content").

Here the build writes each solution already folded, in the markup the script would have left
(classes toggle and toggle-hidden, a toggle-button in the title, which togglebutton.css styles),
and SCRIPT, a few lines in the page, opens and closes it on a click on the title or the button
(a real button, so Enter and Space work too). The button's words are its accessible name and the
hint the stylesheet shows beside it; they come from the "sphinx" message catalogue (the Chinese
edition: 点击显示 / 点击隐藏; tools/translation/extract.py adds them). sphinx-togglebutton's
selector is set to match nothing and lean_pages.py leaves its script out of every page. Without
scripts (the theme's <noscript> rule in book/_templates/layout.html) and in print, solutions are
shown open (book/static/lean_pages.css).

Enabled in _config.yml under sphinx.local_extensions, after sphinx-exercise and lean_pages.
"""

from __future__ import annotations

from html import escape

from copy_buttons import NO_ELEMENT  # a selector no element matches (togglebutton_selector)
from docutils import nodes
from sphinx.locale import _

# What a reader sees beside the button, and its name: folded, then open.
TOGGLE_WORDS = ("Click to show", "Click to hide")
# sphinx-togglebutton 0.4's chevron, hidden from assistive technology (the button has a name).
CHEVRON = ('<svg xmlns="http://www.w3.org/2000/svg" class="tb-icon toggle-chevron-right" width="44" '
           'height="44" viewBox="0 0 24 24" stroke-width="1.5" stroke="#000000" fill="none" '
           'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">'
           '<path stroke="none" d="M0 0h24v24H0z" fill="none"/><polyline points="9 6 15 12 9 18" /></svg>')
SCRIPT = """document.addEventListener("click", (event) => {
  const title = event.target.closest && event.target.closest(".admonition.toggle > .admonition-title");
  const button = title && title.querySelector(":scope > .toggle-button");
  if (!button) return;
  const hidden = title.parentElement.classList.toggle("toggle-hidden");
  const words = hidden ? button.dataset.show : button.dataset.hide;
  button.classList.toggle("toggle-button-hidden", hidden);
  button.dataset.toggleHint = words;
  button.setAttribute("aria-label", words);
  button.setAttribute("aria-expanded", String(!hidden));
});"""


def toggle_button(show: str, hide: str) -> str:
    """The button of a folded solution, as sphinx-togglebutton's script would leave it."""
    return (f'<button type="button" class="toggle-button toggle-button-hidden pst-js-only" '
            f'data-toggle-hint="{escape(show)}" data-show="{escape(show)}" data-hide="{escape(hide)}" '
            f'aria-label="{escape(show)}" aria-expanded="false">{CHEVRON}</button>')


def is_foldable(node: nodes.Element) -> bool:
    """An admonition sphinx-togglebutton folds by default: class "dropdown" (or "toggle")."""
    classes = node.get("classes", [])
    return isinstance(node, nodes.Admonition) and ("dropdown" in classes or "toggle" in classes)


def fold_solutions(app, doctree, docname: str) -> None:
    if app.builder.format != "html":
        return
    show, hide = (str(_(words)) for words in TOGGLE_WORDS)
    for node in doctree.findall(nodes.Element):
        if not is_foldable(node):
            continue
        title = next((child for child in node.children if isinstance(child, nodes.title)), None)
        if title is None:
            continue
        node["classes"] += [name for name in ("toggle", "toggle-hidden") if name not in node["classes"]]
        title += nodes.raw("", toggle_button(show, hide), format="html")


def togglebutton_folds_nothing(app, config) -> None:
    config.togglebutton_selector = NO_ELEMENT


def setup(app):
    app.setup_extension("sphinx_togglebutton")
    app.connect("config-inited", togglebutton_folds_nothing, priority=400)
    app.connect("doctree-resolved", fold_solutions)
    app.add_js_file(None, body=SCRIPT)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
