"""The Chinese edition's command line (the machinery is tools/translation/).

    python tools/translate.py update       extract the English messages, update every .po
    python tools/translate.py check [PO..] what is wrong with the translations (all by default)
    python tools/translate.py notebooks    write zh/lessons/*.ipynb from lessons/ and the .po files
    python tools/translate.py source       write the Chinese book's source into _build/zh/source
    python tools/translate.py package      update the package's catalogue from convcourse/messages/en.py
                                           and compile it (convcourse/locale/zh_CN/LC_MESSAGES)

After changing an English page or notebook: `update`, translate what is new or fuzzy, `check`,
then `notebooks` (tests/tools/test_translation.py fails until the Chinese notebooks are in step).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from translation import catalogues, checks, edition, extract, package_catalogue  # noqa: E402


def main(argv: list[str]) -> int:
    command, *rest = argv or ["help"]
    if command == "update":
        extract.update_catalogues(extract.extract_pot())
    elif command == "check":
        paths = [Path(p) for p in rest] or sorted(catalogues.CATALOGUE_DIR.rglob("*.po"))
        problems = [line for path in paths for line in checks.catalogue_problems(path)]
        if not rest:
            problems += package_catalogue.problems()
        print("\n".join(problems) or f"{len(paths)} catalogues: every message translated and kept.")
        return 1 if problems else 0
    elif command == "notebooks":
        for path in edition.write_notebooks():
            print(path.relative_to(edition.ROOT))
    elif command == "package":
        print(package_catalogue.update().relative_to(edition.ROOT))
    elif command == "source":
        print(edition.write_source().relative_to(edition.ROOT))
    else:
        print(__doc__)
        return 0 if command == "help" else 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
