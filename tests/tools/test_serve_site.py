"""tools/serve_site.py: the local server the browser tests and Lighthouse load the site from."""

from __future__ import annotations

import gzip
import http.client
import urllib.request
from urllib.parse import urlsplit

import pytest
import serve_site


def fetch(url: str, accept_encoding: str | None) -> tuple[dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept_encoding} if accept_encoding
                                     else {})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - a local server
        return dict(response.headers), response.read()


def test_the_server_gzips_text_like_github_pages_and_leaves_images_alone(tmp_path):
    page = "<!DOCTYPE html><title>t</title>" + "<p>convolution</p>" * 500
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2000))
    with serve_site.serve_in_thread(tmp_path) as base:
        headers, body = fetch(base + "index.html", "gzip, deflate, br")
        assert headers.get("Content-Encoding") == "gzip" and "Accept-Encoding" in headers.get("Vary", "")
        assert gzip.decompress(body).decode("utf-8") == page and len(body) < len(page) / 10
        assert headers.get("Cache-Control") == "max-age=600"
        headers, body = fetch(base + "index.html", None)  # a client that does not accept gzip
        assert "Content-Encoding" not in headers and body.decode("utf-8") == page
        headers, body = fetch(base + "picture.png", "gzip")
        assert "Content-Encoding" not in headers and len(body) == 2008


@pytest.mark.parametrize(("header", "accepted"), [
    ("gzip", True), ("deflate, gzip;q=0.5", True), ("*", True), ("br", False), ("", False),
    ("gzip;q=0", False), ("identity", False)])
def test_accept_encoding_is_read_as_browsers_mean_it(header, accepted):
    assert serve_site.wants_gzip(header) is accepted


def test_one_connection_serves_many_files_as_web_hosts_do(tmp_path):
    # HTTP/1.1 keep-alive: http.server's default HTTP/1.0 closes each connection, and Lighthouse's
    # simulation then charges every file of a page a new slow-4G handshake.
    for name in ("a.html", "b.css"):
        (tmp_path / name).write_text("x" * 100, encoding="utf-8")
    with serve_site.serve_in_thread(tmp_path) as base:
        address = urlsplit(base)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
        try:
            for name in ("a.html", "b.css", "a.html"):
                connection.request("GET", "/" + name)
                response = connection.getresponse()
                assert response.status == 200 and response.version == 11 and response.read() == b"x" * 100
                assert not response.will_close
        finally:
            connection.close()


def test_the_sites_pages_are_its_html_files_outside_either_editions_assets(tmp_path):
    # zh/_static/webpack-macros.html was once measured as a page.
    for name in ("index.html", "lessons/a.html", "zh/index.html", "zh/lessons/a.html",
                 "_static/x.html", "zh/_static/webpack-macros.html", "_sources/lessons/a.html",
                 "zh/_sphinx_design_static/y.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<html></html>")
    assert serve_site.site_pages(tmp_path) == ["index.html", "lessons/a.html", "zh/index.html",
                                               "zh/lessons/a.html"]
    assert serve_site.site_pages(tmp_path / "no-site") == []


