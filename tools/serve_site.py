"""Serve the built site on 127.0.0.1 with gzip, as GitHub Pages serves it.

    .venv/bin/python tools/serve_site.py [--port 8000] [DIRECTORY]      (`make serve`)

`python -m http.server` sends every file uncompressed: a phone on a slow network then waits
for ~3 times the bytes a reader of the published site waits for, and any measurement
(tools/lighthouse.py) would judge a site nobody is served. GitHub Pages compresses text
responses (HTML, CSS, JavaScript, JSON, SVG, ...) with gzip when the browser accepts it, and
sends `Cache-Control: max-age=600`; this server does the same and nothing more.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_DIRECTORY = ROOT / "_build" / "html"
# Folders of the build that hold assets, not pages (in any edition: "zh/_static" too).
NON_PAGE_FOLDERS = {"_static", "_sources", "_images", "_downloads", "_sphinx_design_static"}

# Media types GitHub Pages gzips (text, and text-like formats); fonts and images already are
# compressed (woff, png) and go as they are.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml",
                "application/xml", "application/x-javascript", "font/ttf", "application/vnd.ms-fontobject")
PAGES_CACHE_CONTROL = "max-age=600"


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as paths relative to its root ("lessons/x.html",
    "zh/lessons/x.html"); not the HTML files among the assets of either edition
    (zh/_static/webpack-macros.html); none when there is no site."""
    return [path.relative_to(site).as_posix() for path in sorted(site.rglob("*.html"))
            if not NON_PAGE_FOLDERS & set(path.relative_to(site).parts[:-1])]


def wants_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header accepts gzip (and does not refuse it with q=0)."""
    for part in accept_encoding.split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler that gzips text responses for browsers that accept gzip."""

    # Compressed bodies by (path, mtime, size): each file is compressed once per server.
    _cache: dict[tuple[str, int, int], bytes] = {}
    _cache_lock = threading.Lock()
    quiet = False
    # Persistent connections, as every web host keeps them (GitHub Pages: HTTP/2): with
    # http.server's default HTTP/1.0 a browser opens a connection per file, and Lighthouse's
    # simulation charges each one a slow-4G handshake.
    protocol_version = "HTTP/1.1"

    def end_headers(self):
        self.send_header("Cache-Control", PAGES_CACHE_CONTROL)
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the signature http.server calls
        if not self.quiet:
            super().log_message(format, *args)

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) or not os.path.isfile(path):
            return super().send_head()  # directory redirects, index.html, 404s
        ctype = self.guess_type(path)
        if not ctype.startswith(COMPRESSIBLE) or not wants_gzip(self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        stat = os.stat(path)
        key = (path, stat.st_mtime_ns, stat.st_size)
        with self._cache_lock:
            body = self._cache.get(key)
        if body is None:
            with open(path, "rb") as source:
                # mtime=0: the same file gives the same bytes.
                body = gzip.compress(source.read(), compresslevel=6, mtime=0)
            with self._cache_lock:
                self._cache[key] = body
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)


class QuietGzipHandler(GzipHandler):
    quiet = True


class QuietPlainHandler(http.server.SimpleHTTPRequestHandler):
    """Files as they are, no compression, no log: what `python -m http.server` sends."""

    def log_message(self, format, *args):  # noqa: A002 - the signature http.server calls
        pass  # one line per asset would bury pytest's own output


@contextmanager
def serve_in_thread(directory: Path = SITE_DIRECTORY, *, port: int = 0, quiet: bool = True,
                    compress: bool = True) -> Iterator[str]:
    """Serve directory on 127.0.0.1 in a thread; yields the base URL "http://127.0.0.1:N/".

    compress: gzip as GitHub Pages does; False serves the files as they are (always quiet).
    """
    if compress:
        handler_class = QuietGzipHandler if quiet else GzipHandler
    else:
        handler_class = QuietPlainHandler
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default=str(SITE_DIRECTORY))
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    directory = Path(args.directory)
    if not (directory / "index.html").is_file():
        print(f"No site in {directory}: run 'make book' first.", file=sys.stderr)
        return 1
    handler = functools.partial(GzipHandler, directory=str(directory))
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        print(f"Serving {directory} with gzip on http://127.0.0.1:{args.port}/ (Ctrl-C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
