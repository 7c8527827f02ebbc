"""The built site's icon fonts keep only the glyphs its stylesheets can show (fontTools).

pydata-sphinx-theme draws its icons with Font Awesome's webfonts (the solid one alone is 156 kB),
and a page's header needs about ten of their 1,400 glyphs. After PurgeCSS has removed the rules no
page uses (book/_ext/purge_css.py; this runs after it, at ``build-finished``), every character the
stylesheets still name in a CSS string (``content: "\\f0c9"``, ``--pst-icon-note: "\\f05a"``) is
kept, and each font file of the icon families (ICON_FAMILIES) is subset in place to those
characters, in its own format. Nothing else of a stylesheet or a font changes: no CSS is edited,
the same files are requested. A family this step no longer finds (the theme changed its icons) is
a warning. Enabled in _config.yml under sphinx.local_extensions.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

ICON_FAMILIES = ("Font Awesome 6 Free", "Font Awesome 6 Brands")
FONT_FACE = re.compile(r"@font-face\s*\{(?P<body>[^}]*)\}")
FAMILY = re.compile(r"font-family\s*:\s*(?P<name>[^;]+)")
SOURCE = re.compile(r"url\((?P<quote>[\"']?)(?P<path>[^\"')]+)(?P=quote)\)")
STRING = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'")
ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?")
FORMATS = {".woff2": "woff2", ".woff": "woff", ".ttf": None, ".otf": None}


def family_name(value: str) -> str:
    """A font-family value as a plain name: quotes and CSS escapes of spaces removed."""
    return value.strip().strip("\"'").replace("\\ ", " ").strip()


def characters_named(css: str) -> set[int]:
    """Every character of every string of a stylesheet (escapes decoded): what ``content`` can show."""
    found = set()
    for literal in STRING.findall(css):
        text = ESCAPE.sub(lambda escape: chr(int(escape[1], 16)), literal[1:-1])
        found.update(ord(character) for character in text)
    return found


def icon_font_files(css_path: Path, css: str) -> dict[str, list[Path]]:
    """The font files of each icon family a stylesheet declares, by family."""
    files: dict[str, list[Path]] = {}
    for face in FONT_FACE.finditer(css):
        family = FAMILY.search(face["body"])
        if family and family_name(family["name"]) in ICON_FAMILIES:
            paths = [(css_path.parent / source["path"]).resolve() for source in SOURCE.finditer(face["body"])]
            files.setdefault(family_name(family["name"]), []).extend(p for p in paths if p.is_file())
    return files


def subset_font(path: Path, characters: set[int]) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    flavor = FORMATS[path.suffix]
    options = subset.Options()
    options.flavor = flavor
    options.notdef_outline = True
    # recalcTimestamp=False: the same input gives the same bytes (a deterministic build).
    font = TTFont(str(path), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(characters))
    subsetter.subset(font)
    font.flavor = flavor
    font.save(str(path), reorderTables=False)


def subset_icon_fonts(out: Path) -> tuple[int, int, set[str]]:
    """Subset out/_static's icon fonts; their total size before and after, and the families found."""
    sheets = {path: path.read_text(encoding="utf-8") for path in sorted((out / "_static").rglob("*.css"))}
    characters = set().union(*(characters_named(css) for css in sheets.values())) if sheets else set()
    files: dict[str, list[Path]] = {}
    for path, css in sheets.items():
        for family, paths in icon_font_files(path, css).items():
            files.setdefault(family, []).extend(paths)
    fonts = sorted({path for paths in files.values() for path in paths if path.suffix in FORMATS})
    before = sum(path.stat().st_size for path in fonts)
    for path in fonts:
        subset_font(path, characters)
    return before, sum(path.stat().st_size for path in fonts), set(files)


def subset_after_build(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    before, after, families = subset_icon_fonts(Path(app.outdir))
    missing = sorted(set(ICON_FAMILIES) - families)
    if missing:
        logger.warning(f"subset_fonts: no @font-face of {missing} in the built stylesheets: has the theme "
                       "changed its icon fonts? Update ICON_FAMILIES in book/_ext/subset_fonts.py")
    logger.info(f"subset_fonts: icon fonts {before / 1024:.0f} kB -> {after / 1024:.0f} kB")


def setup(app):
    # After PurgeCSS (purge_css.py, priority 900): the characters of the rules that remain.
    app.connect("build-finished", subset_after_build, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
