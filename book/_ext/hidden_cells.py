"""The fold above a hidden code cell (tags hide-input, hide-output, hide-cell), as myst-nb draws
it, with two changes a reader of either edition needs:

- its <summary> is named by the words it shows: myst-nb gives every one aria-label="Toggle hidden
  content", an English name that does not hold the visible words (WCAG 2.5.3, "label in name":
  a user of speech input says what they see; Lighthouse's label-content-name-mismatch);
- the words are in a ``<span>``, not a ``<p>`` (HTML allows no paragraph inside ``<summary>``);
  book/static/course.css gives the spans the look myst-nb's stylesheet gives its paragraphs;
- those words ("Show code cell source") come from the "sphinx" message catalogue, so the Chinese
  edition shows them in Chinese. They are myst-nb settings, not a template's words, so gettext
  does not find them: tools/translation/extract.py adds them to sphinx.pot (hidden_cell_prompts).

Enabled in _config.yml under sphinx.local_extensions (after myst-nb, whose node this draws).
"""

from __future__ import annotations

from html import escape

from myst_nb.sphinx_ import HideCodeCellNode
from sphinx.locale import _

# What myst-nb puts for {type} in its prompts (nb_code_prompt_show / _hide), by what is hidden.
PROMPT_TYPES = ("content", "source", "output", "outputs")


def hidden_cell_prompts(show: str, hide: str) -> list[str]:
    """Every text a fold can show, given myst-nb's two prompt settings."""
    return [prompt.replace("{type}", kind) for kind in PROMPT_TYPES for prompt in (show, hide)]


def visit_hidden_cell(translator, node) -> None:
    classes = " ".join(node["classes"])
    translator.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    for state, prompt in (("collapsed", node["prompt_show"]), ("expanded", node["prompt_hide"])):
        translator.body.append(f'<span class="{state} admonition-title">{escape(str(_(prompt)))}</span>\n')
    translator.body.append("</summary>\n")


def depart_hidden_cell(translator, node) -> None:
    translator.body.append("</details>\n")


def setup(app):
    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_hidden_cell))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
