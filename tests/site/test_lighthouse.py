"""Lighthouse (npm, pinned) on the built site, as a phone on slow 4G loads it: what does not depend
on timing. The home page and the heaviest lesson of either edition get accessibility, best
practices and SEO 100, and the lesson transfers no more than its budget (tools/lighthouse.py's
audit_steady: one run, without the timed metrics).

The performance score is a benchmark, not a test: it depends on how busy the machine is. `make
lighthouse` prints it for every page, and the weekly workflow keeps its reports.
"""

from __future__ import annotations

from pathlib import Path

import lighthouse
import pytest

pytestmark = pytest.mark.lighthouse

# The heaviest lesson (lesson 3: the explorer's and the gallery's precomputed states) with gzip,
# every request of one load included; the budget leaves room for small changes only.
LESSON_TRANSFER_BUDGET_BYTES = 250_000


def heaviest_lesson(site: Path) -> str:
    """The largest lesson page of either edition."""
    lessons = sorted([*(site / "lessons").glob("*.html"), *(site / "zh" / "lessons").glob("*.html")],
                     key=lambda page: page.stat().st_size)
    assert lessons, f"no lesson in {site}/lessons"
    return lessons[-1].relative_to(site).as_posix()


def test_the_home_page_and_the_heaviest_lesson_score_100_and_the_lesson_keeps_its_budget(site_directory):
    pages = ["book/index.html", heaviest_lesson(site_directory)]
    results = lighthouse.audit_steady(site_directory, pages)
    table = "\n".join([lighthouse.HEADER, *map(lighthouse.row, results)])
    low = {r.page: missing for r in results if (missing := lighthouse.score_shortfalls(r.scores))}
    assert not low, f"below 100 (reports: artifacts/lighthouse/): {low}\n{table}"
    lesson = results[1]
    assert 0 < lesson.transfer_bytes <= LESSON_TRANSFER_BUDGET_BYTES, table
