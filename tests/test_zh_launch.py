"""The Chinese edition's launch buttons open the Chinese notebooks where the repository keeps them.

A throwaway build of the Chinese book (home page and lesson 1, no execution) with a repository
and a hub set, as the Pages workflow sets them: the lesson's Binder, Colab and JupyterHub
buttons must name zh/lessons/<lesson>.ipynb, the committed Chinese notebook.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from translation import edition  # noqa: E402

pytestmark = pytest.mark.reliability  # a throwaway book build, like the reliability checks

REPOSITORY = "https://github.com/someone/convcourse-lessons"
HUB = "https://hub.someuniversity.cn"
LESSON = "01_module_skeleton"


@pytest.fixture(scope="module")
def chinese_lesson_page(tmp_path_factory, monkeypatch_module) -> str:
    source = edition.write_source(tmp_path_factory.mktemp("zh") / "source")
    toc = yaml.safe_load((source / "_toc.yml").read_text())
    toc["parts"] = [{"caption": toc["parts"][0]["caption"], "chapters": [{"file": f"lessons/{LESSON}"}]}]
    (source / "_toc.yml").write_text(yaml.safe_dump(toc, allow_unicode=True))
    monkeypatch_module.setenv("COURSE_REPOSITORY_URL", REPOSITORY)
    monkeypatch_module.setenv("COURSE_JUPYTERHUB_URL", HUB)
    from jupyter_book.sphinx import build_sphinx
    out = source.parent / "html"
    status = build_sphinx(source, out, noconfig=True, path_config=str(source / "_config.yml"),
                          confoverrides={"external_toc_path": (source / "_toc.yml").as_posix(),
                                         "latex_individualpages": False, "nb_execution_mode": "off"},
                          # The home page links pages this small toc leaves out: warnings here.
                          warningiserror=False, really_quiet=True)
    assert status == 0, "the Chinese book did not build with a repository and a hub set"
    return (out / "lessons" / f"{LESSON}.html").read_text()


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def links(page: str) -> list[str]:
    return [unquote(html.unescape(href)) for href in re.findall(r'href="([^"]+)"', page)]


@pytest.mark.parametrize(("button", "pattern"), [
    ("Binder", r"^https://mybinder\.org/v2/gh/someone/convcourse-lessons/main\?urlpath=.*zh/lessons/{}\.ipynb$"),
    ("Colab", r"^https://colab\.research\.google\.com/github/someone/convcourse-lessons/blob/main/"
              r"zh/lessons/{}\.ipynb$"),
    ("JupyterHub", r"^https://hub\.someuniversity\.cn/hub/user-redirect/git-pull\?repo=https://github\.com/"
                   r"someone/convcourse-lessons.*urlpath=.*zh/lessons/{}\.ipynb"),
])
def test_chinese_lesson_buttons_open_the_chinese_notebook(chinese_lesson_page, button, pattern):
    found = [link for link in links(chinese_lesson_page) if re.search(pattern.format(LESSON), link)]
    assert found, f"no {button} link to zh/lessons/{LESSON}.ipynb among:\n" + "\n".join(
        link for link in links(chinese_lesson_page) if link.startswith("http"))
    assert (ROOT / "zh" / "lessons" / f"{LESSON}.ipynb").is_file(), "the button names no committed notebook"
