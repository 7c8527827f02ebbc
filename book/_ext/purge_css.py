"""The CSS rules no page uses are removed from the built stylesheets, with PurgeCSS (npm, pinned).

After the build (``build-finished``), PurgeCSS reads every page and every script of the built
site, and rewrites each stylesheet under ``_static`` with only the rules whose selectors name
something it found there (book/_ext/purge_css.cjs runs it). It knows no theme: it matches
selectors against words, whatever the stylesheets are. Classes that scripts build from pieces at
run time, so that their text never appears whole, are kept by SAFELIST. Sphinx copies its static
files again at every build (it overwrites a copy that differs from its source), so each build
trims the untrimmed files. Enabled in _config.yml under sphinx.local_extensions.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

SCRIPT = Path(__file__).resolve().parent / "purge_css.cjs"
NOT_PAGES = {"_static", "_sources", "_images", "_downloads"}
# Classes and attributes scripts add at run time under names PurgeCSS cannot find whole in their
# text (built from pieces, or added by the browser).
SAFELIST = {
    "standard": ["show", "showing", "hiding", "collapsing", "collapse", "fade", "active", "open",
                 "scrolled", "highlighted", "copybtn", "success", "toggle-hidden", "expanded",
                 "hidden", "disabled", "focus-visible"],
    "greedy": ["o-tooltip", "sd-tab", "toggle", "tooltip", "dropdown", "modal"],
}


def own_pages(out: Path) -> list[Path]:
    """The pages this build wrote: not those of another edition kept in a sub-folder with its own
    _static (the Chinese site, copied into zh/ after both builds)."""
    def own(page: Path) -> bool:
        top = page.relative_to(out).parts[0]
        return top not in NOT_PAGES and not (out / top / "_static").is_dir()
    return [page for page in sorted(out.rglob("*.html")) if own(page)]


def purge(out: Path) -> tuple[int, int]:
    """Trim every stylesheet of out/_static; their total size before and after."""
    node = shutil.which("node")
    if node is None:
        raise ExtensionError("purge_css: `node` is not on PATH: install Node.js 20+ (Debian: apt-get install "
                             "-y nodejs npm), then `npm ci`")
    css = sorted((out / "_static").rglob("*.css"))
    scripts = sorted((out / "_static").rglob("*.js"))
    request = {"css": [str(p) for p in css], "content": [str(p) for p in own_pages(out) + scripts],
               "safelist": SAFELIST}
    before = sum(p.stat().st_size for p in css)
    completed = subprocess.run([node, str(SCRIPT)], input=json.dumps(request), capture_output=True,
                               text=True, encoding="utf-8", timeout=300, check=False)
    if completed.returncode != 0:
        raise ExtensionError(f"purge_css: {SCRIPT.name} failed (is node_modules/purgecss installed? "
                             f"`npm ci`):\n{completed.stderr.strip()}")
    return before, sum(p.stat().st_size for p in css)


def purge_unused_css(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    before, after = purge(Path(app.outdir))
    logger.info(f"purge_css: stylesheets {before / 1024:.0f} kB -> {after / 1024:.0f} kB")


def setup(app):
    # After the themes' own build-finished steps (pydata-sphinx-theme writes pygments.css there).
    app.connect("build-finished", purge_unused_css, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
