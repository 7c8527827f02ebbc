"""Lesson 8's built page shows the network it trains doing what the lesson says, each number as
the notebook printed it when the book was built: a held-out accuracy of at least 95 %, the
training digits at least as well, and the training history as a picture.

Reads the built site (``make book-force`` builds it; SITE_HTML=/path/to/html for another build).
"""

from __future__ import annotations

import re

import pytest
import site_audit

pytestmark = pytest.mark.browser  # needs the built site, like the browser tests


@pytest.fixture(scope="module")
def page(site_directory):
    return site_audit.parsed_page(site_directory, "en", "lessons/08_training_a_cnn.html")


def test_the_page_shows_a_held_out_accuracy_of_at_least_95_percent(page):
    _, soup = page
    match = re.search(r"accuracy on the training digits ([\d.]+)%, on the held-out digits ([\d.]+)%",
                      soup.get_text())
    assert match, "the accuracy line is missing from the page"
    train, held_out = float(match.group(1)), float(match.group(2))
    assert held_out >= 95.0
    assert train >= held_out


def test_every_epoch_is_printed_and_the_last_matches_the_summary(page):
    _, soup = page
    text = soup.get_text()
    cells = [cell for cell in soup.select("div.cell")
             if "losses, accuracies = fit(model" in cell.get_text()]
    assert len(cells) == 1, "the cell that trains the network is missing"
    output = cells[0].select_one("div.cell_output").get_text()
    epochs = re.findall(r"epoch +(\d+): training loss ([\d.]+), held-out accuracy ([\d.]+)%", output)
    assert len(epochs) >= 2, "the training loop's lines are missing from the page"
    assert [int(n) for n, _, _ in epochs] == list(range(1, len(epochs) + 1))
    losses = [float(loss) for _, loss, _ in epochs]
    assert losses[-1] < losses[0], "the training loss did not fall"
    summary = re.search(r"on the held-out digits ([\d.]+)%", text)
    assert summary and float(summary.group(1)) == float(epochs[-1][2])


def test_the_training_history_is_drawn(page):
    path, soup = page
    cells = [cell for cell in soup.select("div.cell")
             if "plot_history(losses, accuracies)" in cell.get_text()]
    assert len(cells) == 1, "the cell drawing the training history is missing"
    images = cells[0].select("div.cell_output img")
    assert len(images) == 1
    picture = (path.parent / images[0]["src"]).resolve()
    assert picture.is_file() and picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
