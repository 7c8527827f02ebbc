"""Both editions of the built site as one zip file, written into the site (make book).

    python tools/offline_zip.py _build/html

The pages work from file:// (tests/site/test_pages.py), so a reader behind a firewall or on a
metered phone downloads the zip once, unpacks it and opens index.html. Its entries are sorted and
dated 1980-01-01, so the same site gives the same zip byte for byte. The home pages and
book/running_the_lessons.md link to it (book/_ext/offline_site.py); tests/site/test_offline_zip.py
unpacks it into an empty folder and reads a lesson from it with no request leaving that folder.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

ZIP_NAME = "convcourse-offline.zip"
TOP_FOLDER = "convcourse"  # what the reader unpacks: one folder, not files all over Downloads
README = """Convolution in PyTorch, by hand and by layer: the whole course, both editions.
PyTorch 卷积课程：完整课程，英文版与中文版。

Open index.html in this folder in a web browser (no internet needed).
用浏览器打开本文件夹中的 zh/index.html（无需联网）。
"""
DOS_EPOCH = (1980, 1, 1, 0, 0, 0)


def entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(f"{TOP_FOLDER}/{name}", date_time=DOS_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def write_zip(site: Path) -> Path:
    target = site / ZIP_NAME
    partial = site / f".{ZIP_NAME}.partial"
    files = sorted(p for p in site.rglob("*") if p.is_file() and p not in (target, partial))
    with zipfile.ZipFile(partial, "w") as archive:
        archive.writestr(entry("README.txt"), README)
        for path in files:
            archive.writestr(entry(path.relative_to(site).as_posix()), path.read_bytes())
    partial.replace(target)
    return target


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not (Path(argv[0]) / "index.html").is_file():
        print("usage: python tools/offline_zip.py SITE  (SITE: a built site, with index.html)")
        return 2
    target = write_zip(Path(argv[0]))
    print(f"{target}: {target.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
