"""sphinx-exercise's content sections carry a class instead of an id that every exercise repeats.

sphinx-exercise 1.2 wraps the body of every exercise in ``<section id="exercise-content">`` and of
every solution in ``<section id="solution-content">`` (its directive.py and transforms.py, the latter
with the note "TODO: should id be classes?"), so a lesson page repeats each id once per exercise:
invalid HTML, and a screen reader or a link to ``#solution-content`` cannot tell them apart. A
docutils pass over the resolved doctree moves the name from the id to a class; nothing links to
those ids or styles them. Once a release of sphinx-exercise stops writing the repeated ids, this
pass finds none and says so (a warning), and the extension can go.
Enabled in _config.yml under sphinx.local_extensions (after sphinx-exercise).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

REPEATED_IDS = ("exercise-content", "solution-content")


def ids_to_classes(doctree) -> int:
    """Move every repeated id to a class of the same name; the number of sections changed."""
    changed = 0
    for section in doctree.findall(nodes.section):
        repeated = [name for name in section["ids"] if name in REPEATED_IDS]
        for name in repeated:
            section["ids"].remove(name)
            if name not in section["classes"]:
                section["classes"].append(name)
            changed += 1
    return changed


def has_exercises(doctree) -> bool:
    from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node, solution_node

    kinds = (exercise_node, exercise_enumerable_node, solution_node)
    return any(isinstance(node, kinds) for node in doctree.findall(nodes.Element))


def fix_exercise_sections(app, doctree, docname) -> None:
    if ids_to_classes(doctree) == 0 and has_exercises(doctree):
        logger.warning(f"{docname}: sphinx-exercise no longer repeats the ids {REPEATED_IDS}: "
                       "remove book/_ext/exercise_sections.py and its _config.yml line", location=docname)


def setup(app):
    app.setup_extension("sphinx_exercise")
    app.connect("doctree-resolved", fix_exercise_sections)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
