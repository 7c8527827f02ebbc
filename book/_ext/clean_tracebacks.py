"""Tracebacks shown on purpose (cells tagged ``raises-exception``) name files relative to
site-packages or to the course folder, never by the build machine's own paths (``doctree-resolved``).

Enabled in _config.yml under sphinx.local_extensions.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from docutils import nodes

ROOT = Path(__file__).resolve().parents[2]


def machine_prefixes() -> list[tuple[str, str]]:
    """(prefix, replacement) pairs, longest first: site-packages folders, then the course folder."""
    import site
    import sysconfig

    folders = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()}
    pairs = [(folder.rstrip("/") + "/", "site-packages/") for folder in folders if folder]
    pairs.append((sys.prefix.rstrip("/") + "/", ""))
    pairs.append((str(ROOT) + "/", ""))
    pairs.append((os.path.expanduser("~").rstrip("/") + "/", "~/"))
    return sorted(set(pairs), key=lambda pair: -len(pair[0]))


# Any absolute path to a Python file left under a folder that only a build machine has.
MACHINE_PATH = re.compile(r"(?<![\w.])/(?:root|home|tmp|work|Users|opt|runner|github|usr/lib)/"
                          r"[^\s:,'\"]*?\.py\b")


def shown_path(path: str) -> str:
    """What a reader sees of a build machine's path: from site-packages/ on, else the file name."""
    if "site-packages/" in path:
        return "site-packages/" + path.rsplit("site-packages/", 1)[1]
    return path.rsplit("/", 1)[1]


def without_machine_paths(text: str, prefixes=None) -> str:
    for prefix, replacement in prefixes or machine_prefixes():
        text = text.replace(prefix, replacement)
    return MACHINE_PATH.sub(lambda match: shown_path(match[0]), text)


def clean_tracebacks(app, doctree, docname) -> None:
    prefixes = machine_prefixes()
    for block in list(doctree.findall(nodes.literal_block)):
        for text in list(block.findall(nodes.Text)):
            cleaned = without_machine_paths(str(text), prefixes)
            if cleaned != str(text):
                text.parent.replace(text, nodes.Text(cleaned))


def setup(app):
    app.connect("doctree-resolved", clean_tracebacks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
