"""Each page leaves out what it has no use for, through Sphinx's public events only.

- The saved state of the ipywidgets a lesson ran (myst-nb writes it into the page as a
  ``<script type="application/vnd.jupyter.widget-state+json">``): nothing reads it, since the site
  shows the static explorer instead of the frozen widget (``nb_mime_priority_overrides`` and
  ``nb_ipywidgets_js`` in _config.yml).
- sphinx-design's stylesheet and tab script on a page with no sphinx-design component (Jupyter
  Book loads the extension; no page of this book uses it).
- sphinx-thebe's stylesheet, script and settings when no page can start thebe (no thebe launch
  button, no ``always_load``): its per-page settings name a placeholder Binder repository and its
  inline settings a CDN address.

The files are found by the names the extensions register (``add_css_file``/``add_js_file``): if an
extension renames one, that file stays on the pages (nothing breaks) and `make test`'s check of the
built pages names it. Enabled in _config.yml under sphinx.local_extensions.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
DESIGN_FILES = {"sphinx-design.min.css", "design-tabs.js"}
THEBE_FILES = {"sphinx-thebe.css", "sphinx-thebe.js"}
THEBE_SETTINGS = "const THEBE_JS_URL"  # sphinx-thebe's inline settings (init_thebe_core)
# What sphinx-thebe appends to every doctree (update_thebe_context): its kernel settings, then the
# kernel's name.
THEBE_PAGE_SETTINGS = ('<script type="text/x-thebe-config">', "<script>kernelName = ")


def thebe_wanted(config) -> bool:
    buttons = (getattr(config, "html_theme_options", None) or {}).get("launch_buttons") or {}
    always = (getattr(config, "thebe_config", None) or {}).get("always_load")
    return bool(buttons.get("thebe")) or always in (True, "true", "True")


def uses_sphinx_design(doctree) -> bool:
    return doctree is not None and any(
        name.startswith("sd-") for node in doctree.findall(nodes.Element) for name in node.get("classes", []))


def unused(asset, *, design: bool, thebe: bool) -> bool:
    name = Path(str(getattr(asset, "filename", "") or "")).name
    attributes = getattr(asset, "attributes", None) or {}
    return (attributes.get("type") == WIDGET_STATE
            or (not design and name in DESIGN_FILES)
            or (not thebe and (name in THEBE_FILES
                               or str(attributes.get("body") or "").startswith(THEBE_SETTINGS))))


def leave_out_unused_assets(app, pagename, templatename, context, doctree) -> None:
    design, thebe = uses_sphinx_design(doctree), thebe_wanted(app.config)
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not unused(asset, design=design, thebe=thebe)]


def without_thebe_page_settings(app, doctree, docname) -> None:
    if thebe_wanted(app.config):
        return
    for raw in list(doctree.findall(nodes.raw)):
        if "html" in raw.get("format", "").split() and raw.astext().lstrip().startswith(THEBE_PAGE_SETTINGS):
            raw.parent.remove(raw)


def setup(app):
    # After the handlers that add assets to the page (default priority 500).
    app.connect("html-page-context", leave_out_unused_assets, priority=800)
    # After sphinx-thebe's own doctree-resolved handler has appended its settings.
    app.connect("doctree-resolved", without_thebe_page_settings, priority=800)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
