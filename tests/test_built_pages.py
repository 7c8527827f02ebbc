"""What every lesson page of the built site must carry (reads _build/html; run after the build)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
REPO = CONFIG["repository"]["url"].removeprefix("https://github.com/")

pytestmark = pytest.mark.browser  # needs the built site, like the browser tests


def lesson_page(lesson: Path) -> str:
    page = HTML / "lessons" / f"{lesson.stem}.html"
    assert page.exists(), f"{page} is missing: run `make book` first"
    return page.read_text(encoding="utf-8")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_page_has_binder_colab_and_hub_launch_buttons(lesson):
    html = lesson_page(lesson)
    path = f"lessons/{lesson.name}"
    assert f"https://mybinder.org/v2/gh/{REPO}/main?urlpath=lab/tree/{path}" in html
    assert f"https://colab.research.google.com/github/{REPO}/blob/main/{path}" in html
    hub = CONFIG["launch_buttons"]["jupyterhub_url"].rstrip("/")
    assert re.search(re.escape(hub) + r"/hub/user-redirect/git-pull\?repo=[^\"]*" + re.escape(path), html), (
        "the JupyterHub button must open the lesson through nbgitpuller"
    )


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_page_offers_the_notebook_download_and_repository_link(lesson):
    html = lesson_page(lesson)
    assert re.search(rf'href="[^"]*_sources/lessons/{lesson.stem}\.ipynb"', html), "no .ipynb download"
    assert f'href="https://github.com/{REPO}"' in html


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_page_was_executed_and_loads_no_widget_manager(lesson):
    html = lesson_page(lesson)
    assert 'class="cell_output' in html, "the lesson shows no executed output"
    assert "require.js" not in html and "html-manager" not in html
