"""The article header's sidebar buttons work (book/static/sidebar_buttons.js, loaded deferred).

A workaround of pydata-sphinx-theme issue 2451 (see the script); tests/site/test_sidebar_buttons.py
checks both that it works and that it is still needed, and says to delete it when it is not.
Enabled in _config.yml under sphinx.local_extensions.
"""

from __future__ import annotations

from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "static" / "sidebar_buttons.js"  # html_static_path


def setup(app):
    app.add_js_file(SCRIPT.name, loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
