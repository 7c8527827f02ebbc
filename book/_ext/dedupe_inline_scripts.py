"""Sphinx extension: write each inline <script> body once per page.

Sphinx 7.4 emits an inline script twice when an extension adds it after the builder
started (sphinx-thebe's `const THEBE_JS_URL = ...`, sphinx-togglebutton's selector): once
as added, once again from the registry with filename '' instead of None, so the two do not
compare equal. A repeated `const` is a SyntaxError in every page's console.

Fixed upstream in Sphinx 8.2.2 (sphinx-doc/sphinx#13402, "Ensure inline <script/> tags are
written exactly once"; https://github.com/sphinx-doc/sphinx/pull/13402). Jupyter Book 1.x pins
Sphinx below 8 (7.4.7 here); once the book builds with Sphinx >= 8.2.2, delete this extension
and its line in _config.yml. Until then, setup() checks the version and says so.
Enabled in _config.yml under sphinx.local_extensions.
"""

from __future__ import annotations


def drop_repeated_inline_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen_bodies = set()
    kept = []
    for script in scripts:
        body = getattr(script, "attributes", {}).get("body")
        if body and not getattr(script, "filename", None):
            if body in seen_bodies:
                continue
            seen_bodies.add(body)
        kept.append(script)
    context["script_files"] = kept


FIXED_IN_SPHINX = (8, 2, 2)


def setup(app):
    import sphinx

    if sphinx.version_info[:3] >= FIXED_IN_SPHINX:
        from sphinx.util import logging

        logging.getLogger(__name__).warning(
            "dedupe_inline_scripts: Sphinx %s writes each inline script once (sphinx-doc/sphinx#13402, "
            "fixed in 8.2.2): remove book/_ext/dedupe_inline_scripts.py and its _config.yml line",
            sphinx.__display_version__)
    # After the themes' own html-page-context handlers (default priority 500).
    app.connect("html-page-context", drop_repeated_inline_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
