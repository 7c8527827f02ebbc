"""What every lesson page of the built site must carry (reads _build/html; run after the build)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from paths import ROOT

HTML = ROOT / "_build" / "html"
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
from launch_settings import resolve  # noqa: E402

# The settings this build was made with: _config.yml's, or the environment's that override them.
REPOSITORY, HUB = resolve(CONFIG["repository"]["url"], CONFIG["launch_buttons"]["jupyterhub_url"])
REPO = REPOSITORY.removeprefix("https://github.com/")

pytestmark = pytest.mark.browser  # needs the built site, like the browser tests


def lesson_page(lesson: Path) -> str:
    page = HTML / "lessons" / f"{lesson.stem}.html"
    assert page.exists(), f"{page} is missing: run `make book` first"
    return page.read_text(encoding="utf-8")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_page_has_exactly_the_launch_buttons_its_settings_allow(lesson):
    # Every button a page shows must work: none without a repository, no JupyterHub without a hub.
    # (tests/launch/test_jupyterhub.py checks the buttons of a build with both settings, and
    # follows the JupyterHub one.)
    html = lesson_page(lesson)
    path = f"lessons/{lesson.name}"
    binder = f"https://mybinder.org/v2/gh/{REPO}/main?urlpath=lab/tree/{path}"
    colab = f"https://colab.research.google.com/github/{REPO}/blob/main/{path}"
    assert (binder in html) == bool(REPOSITORY), f"Binder button expected: {bool(REPOSITORY)}"
    assert (colab in html) == bool(REPOSITORY), f"Colab button expected: {bool(REPOSITORY)}"
    assert ("mybinder.org" in html) == bool(REPOSITORY) and ("colab.research" in html) == bool(REPOSITORY)
    hub_links = re.findall(r'href="([^"]*/hub/user-redirect/git-pull\?[^"]*)"', html)
    if HUB:
        assert len(hub_links) == 1 and hub_links[0].startswith(HUB + "/hub/"), hub_links
        assert re.escape(path) in hub_links[0] or path in hub_links[0], "the hub button opens this lesson"
    else:
        assert not hub_links and "JupyterHub" not in html, "a JupyterHub button without a hub"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_page_offers_the_notebook_download_and_repository_link(lesson):
    html = lesson_page(lesson)
    assert re.search(rf'href="[^"]*_sources/lessons/{lesson.stem}\.ipynb"', html), "no .ipynb download"
    # sphinx-book-theme's repository button: <a href="..." class="btn ... btn-source-repository-button">
    buttons = re.findall(r'<a href="([^"]*)"[^>]*btn-source-repository-button', html)
    expected = [REPOSITORY] if REPOSITORY else []
    assert buttons == expected, f"repository buttons {buttons}, setting {REPOSITORY!r}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_page_was_executed_and_loads_no_widget_manager(lesson):
    html = lesson_page(lesson)
    assert 'class="cell_output' in html, "the lesson shows no executed output"
    assert "require.js" not in html and "html-manager" not in html


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_page_loads_only_the_assets_it_uses(lesson):
    # book/_ext/unused_assets.py: no tab set on any page, no thebe button (book/_ext/launch_settings.py):
    # neither extension's files, nor thebe's settings (which name a CDN and a placeholder
    # repository), nor the saved widget state; an hreflang link only with an absolute address.
    html = lesson_page(lesson)
    for name in ("design-tabs.js", "sphinx-design.min.css", "sphinx-thebe.js", "sphinx-thebe.css",
                 "THEBE_JS_URL", "x-thebe-config", "binder-examples", "kernelName",
                 "application/vnd.jupyter.widget-state+json"):
        assert name not in html, f"{lesson.stem} carries {name}"
    assert not re.search(r'<link rel="alternate" hreflang="[^"]*" href="(?!https?://)', html)
    # The theme's own scrollable-block pass runs as the theme wrote it: a scrolling block gets its
    # tab stop at load (tests/site/test_pages.py's axe-core audit, as loaded, checks the result).
    theme_js = (HTML / "_static" / "scripts" / "pydata-sphinx-theme.js").read_text(encoding="utf-8")
    assert 'window.addEventListener("load",I)' in theme_js
    # The theme's bootstrap.js and sphinx-copybutton's and sphinx-togglebutton's own scripts do their work.
    for script in ("bootstrap.js", "copybutton.js", "togglebutton.js", "sidebar_buttons.js"):
        assert re.search(rf'<script[^>]* src="[^"]*{script}', html), f"{lesson.stem} does not load {script}"
