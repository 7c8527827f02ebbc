"""Sphinx extension: write each inline <script> body once per page.

Sphinx 7.4 emits an inline script twice when an extension adds it after the builder
started (sphinx-thebe's `const THEBE_JS_URL = ...`, sphinx-togglebutton's selector): once
as added, once again from the registry with filename '' instead of None, so the two do not
compare equal. A repeated `const` is a SyntaxError in every page's console.
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


def setup(app):
    # After the themes' own html-page-context handlers (default priority 500).
    app.connect("html-page-context", drop_repeated_inline_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
