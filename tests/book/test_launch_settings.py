"""The launch settings (book/_ext/launch_settings.py): one repository, one hub, checked at build time.

Unit tests of the checks, then the rule that nothing in the course names a placeholder address or
the old package name (the built pages too, when a build exists).
"""

from __future__ import annotations

import re
from pathlib import Path

import launch_settings  # noqa: E402
import pytest
import yaml
from launch_settings import LaunchSettingError, resolve  # noqa: E402
from paths import ROOT

REAL = "https://github.com/someone/convcourse-lessons"


def test_no_setting_means_no_repository_and_no_hub():
    assert resolve("", "", environ={}) == ("", "")


def test_a_github_repository_is_kept_without_slash_or_dot_git():
    assert resolve(REAL + ".git/", "", environ={}) == (REAL, "")


def test_the_environment_overrides_the_config_file():
    environ = {"COURSE_REPOSITORY_URL": "https://github.com/fork/lessons",
               "COURSE_JUPYTERHUB_URL": "https://hub.school.org/"}
    assert resolve(REAL, "", environ=environ) == ("https://github.com/fork/lessons", "https://hub.school.org")


def test_an_empty_environment_variable_keeps_the_config_file_value():
    # The Pages workflow sets COURSE_JUPYTERHUB_URL from a repository variable that may be unset.
    assert resolve(REAL, "https://hub.school.org", environ={"COURSE_JUPYTERHUB_URL": ""}) == (
        REAL, "https://hub.school.org")


@pytest.mark.parametrize("value", [
    "github.com/someone/lessons",
    "https://gitlab.com/someone/lessons",
    "https://github.com/someone",
    "https://github.com/someone/lessons/tree/main",
    "http://github.com/someone/lessons",
    "https://github.com/conv2d-course/conv2d-course",
])
def test_a_wrong_repository_fails_naming_the_setting(value):
    with pytest.raises(LaunchSettingError) as error:
        resolve(value, "", environ={})
    assert "repository.url in _config.yml" in str(error.value)
    assert "COURSE_REPOSITORY_URL" in str(error.value)
    assert value in str(error.value)


@pytest.mark.parametrize("value", [
    "https://hub.example.edu",
    "hub.school.org",
    "http://hub.school.org",
    "https://hub.school.org/hub",
    "https://hub.school.org/?next=x",
    "ftp://hub.school.org",
])
def test_a_wrong_hub_fails_naming_the_setting(value):
    with pytest.raises(LaunchSettingError) as error:
        resolve(REAL, value, environ={})
    assert "launch_buttons.jupyterhub_url in _config.yml" in str(error.value)
    assert "COURSE_JUPYTERHUB_URL" in str(error.value)


@pytest.mark.parametrize("value", ["http://127.0.0.1:8123", "http://localhost:8000/", "https://hub.school.org"])
def test_a_hub_on_this_machine_may_use_plain_http(value):
    assert resolve(REAL, value, environ={})[1] == value.rstrip("/")


def test_a_hub_without_a_repository_fails():
    with pytest.raises(LaunchSettingError, match="repository.url in _config.yml .* is empty"):
        resolve("", "https://hub.school.org", environ={})


def test_an_installed_package_of_another_version_fails_naming_the_pin(monkeypatch):
    monkeypatch.setattr(launch_settings.metadata, "version", lambda name: "0.0.1")
    expected = r"pins convcourse==9\.9\.9 .* installed convcourse is 0\.0\.1"
    with pytest.raises(LaunchSettingError, match=expected):
        launch_settings.check_installed_package("9.9.9")


def test_the_installed_package_is_the_pinned_version():
    launch_settings.check_installed_package(launch_settings.pinned_version())


def config_theme_options(repository: str, hub: str) -> dict:
    return {"repository_url": repository, "launch_buttons": {"jupyterhub_url": hub}}


class FakeConfig:
    def __init__(self, options):
        self.html_theme_options = options


def test_no_repository_turns_every_launch_and_repository_button_off(monkeypatch):
    monkeypatch.delenv("COURSE_REPOSITORY_URL", raising=False)
    monkeypatch.delenv("COURSE_JUPYTERHUB_URL", raising=False)
    config = FakeConfig(config_theme_options("", ""))
    launch_settings.apply_launch_settings(None, config)
    options = config.html_theme_options
    buttons = options["launch_buttons"]
    assert not any(buttons[key] for key in ("binderhub_url", "colab_url", "jupyterhub_url", "thebe"))
    assert options["use_repository_button"] is False and options["use_issues_button"] is False


def test_a_repository_turns_binder_colab_and_repository_buttons_on(monkeypatch):
    monkeypatch.setenv("COURSE_REPOSITORY_URL", REAL)
    monkeypatch.delenv("COURSE_JUPYTERHUB_URL", raising=False)
    config = FakeConfig(config_theme_options("", ""))
    launch_settings.apply_launch_settings(None, config)
    options = config.html_theme_options
    assert options["repository_url"] == REAL
    assert options["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert options["launch_buttons"]["colab_url"] == "https://colab.research.google.com"
    assert options["launch_buttons"]["jupyterhub_url"] == ""
    assert options["use_repository_button"] is True


def test_the_committed_config_names_no_placeholder_and_builds_as_is():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    resolve(config["repository"]["url"], config["launch_buttons"]["jupyterhub_url"], environ={})
    assert "launch_settings" in config["sphinx"]["local_extensions"]
    # Left false, a html_theme_options block replaces jupyter-book's own and drops the buttons.
    assert config["sphinx"]["recursive_update"] is True


# --- No placeholder address, no old package name, anywhere a reader or learner looks. -----------

FORBIDDEN = re.compile(
    r"conv2d-course/conv2d-course|hub\.example\.edu|example\.(?:com|org|edu)\b|\bconvkit\b", re.I)
# Files that must name the forbidden strings to forbid them.
EXEMPT = {"tests/book/test_launch_settings.py", "book/_ext/launch_settings.py"}


def course_files() -> list[Path]:
    patterns = ["lessons/*.ipynb", "book/**/*.md", "book/**/*.py", "README.md", "*.yml", "binder/*",
                "convcourse/**/*.py", "tools/*.py", "tools/*.cjs", ".github/workflows/*.yml",
                "pyproject.toml"]
    files = {p for pattern in patterns for p in ROOT.glob(pattern) if p.is_file()}
    return sorted(p for p in files if str(p.relative_to(ROOT)) not in EXEMPT)


def forbidden_mentions(paths, root: Path) -> list[str]:
    found = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in FORBIDDEN.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(root)}:{line}: {match.group(0)}")
    return found


def test_the_detector_sees_a_placeholder(tmp_path):
    (tmp_path / "page.html").write_text('<a href="https://hub.example.edu/hub">x</a>\nimport convkit\n')
    assert forbidden_mentions([tmp_path / "page.html"], tmp_path) == [
        "page.html:1: hub.example.edu", "page.html:2: convkit"]


def test_no_course_file_names_a_placeholder_or_the_old_package():
    found = forbidden_mentions(course_files(), ROOT)
    assert not found, "placeholder addresses or the old package name:\n" + "\n".join(found)


@pytest.mark.browser  # reads the built site, like the other tests of built pages
def test_no_built_page_or_notebook_names_a_placeholder_or_the_old_package():
    html = ROOT / "_build" / "html"
    assert (html / "index.html").is_file(), f"no built site in {html}: run `make book-force` first"
    pages = [p for p in html.rglob("*") if p.suffix in {".html", ".ipynb", ".js", ".txt"} and p.is_file()]
    found = forbidden_mentions(pages, html)
    assert not found, "placeholder addresses or the old package name in the built site:\n" + "\n".join(found)
