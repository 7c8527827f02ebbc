"""Lesson 7's built page shows what the lesson claims, each number as the notebook printed it:
the learned Sobel kernel and its figure, and the gradient identities (lesson 8's page test has the
trained network's accuracy).

Reads the built site (``make book-force`` builds it; SITE_HTML=/path/to/html for another build).
"""

from __future__ import annotations

import re

import pytest
import site_audit

pytestmark = pytest.mark.browser  # needs the built site, like the browser tests


@pytest.fixture(scope="module")
def page(site_directory):
    return site_audit.parsed_page(site_directory, "en", "lessons/07_learned_kernels.html")


def cells(soup):
    """(input text, output text, output images) for every code cell of the page."""
    found = []
    for cell in soup.select("div.cell"):
        source = cell.select_one("div.cell_input")
        output = cell.select_one("div.cell_output")
        found.append((source.get_text() if source else "", output.get_text() if output else "",
                      output.find_all("img") if output else []))
    return found


def test_the_page_shows_the_learned_sobel_kernel_next_to_the_true_one(page):
    path, soup = page
    all_cells = cells(soup)
    errors = [re.search(r"learned kernel and Sobel x: ([\d.e+-]+)", output) for _, output, _ in all_cells]
    error = next(match for match in errors if match)
    assert float(error.group(1)) < 1e-3
    figure_cells = [images for source, _, images in all_cells
                    if 'show_kernels_side_by_side({"Sobel x"' in source]
    assert len(figure_cells) == 1, "the cell drawing the learned Sobel kernel is missing"
    images = figure_cells[0]
    assert len(images) == 2  # the loss curve, then the two kernels
    for image in images:
        picture = (path.parent / image["src"]).resolve()
        assert picture.is_file() and picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_page_shows_the_gradient_identities_including_a_stride_of_two(page):
    _, soup = page
    lines = [line for _, output, _ in cells(soup) for line in output.splitlines()
             if "conv_transpose2d(g, w" in line]
    assert len(lines) >= 4
    assert all(line.rstrip().endswith("True") for line in lines)
    assert any("stride=2" in line and "output_padding=1" in line for line in lines)
    assert all("w.grad == correlation of x with g" in line for line in lines)

