"""Without Debian's chromium, the browser tests use Playwright's own browser, installing it if they
can; if that cannot be had either, they stop with one line saying what to install."""

from __future__ import annotations

import subprocess
from types import SimpleNamespace

import pytest
import site_audit


class FakeChromium:
    def __init__(self, executable_path: str):
        self.executable_path = executable_path
        self.launched_with: dict | None = None

    def launch(self, **options):
        self.launched_with = options
        return "browser"


@pytest.fixture
def no_debian_chromium(monkeypatch):
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setattr(site_audit, "chromium_executable", lambda: None)


def test_debian_chromium_is_used_when_there(monkeypatch, tmp_path):
    binary = tmp_path / "chromium"
    binary.write_text("")
    monkeypatch.setenv("CHROMIUM", str(binary))
    chromium = FakeChromium(str(tmp_path / "absent"))
    assert site_audit.launch_chromium(SimpleNamespace(chromium=chromium)) == "browser"
    assert chromium.launched_with["executable_path"] == str(binary)


def test_playwrights_browser_is_used_without_debians(no_debian_chromium, tmp_path, monkeypatch):
    own = tmp_path / "playwright-chromium"
    own.write_text("")
    chromium = FakeChromium(str(own))
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: pytest.fail("nothing to install"))
    assert site_audit.launch_chromium(SimpleNamespace(chromium=chromium)) == "browser"
    assert "executable_path" not in chromium.launched_with


def test_playwrights_browser_is_installed_when_missing(no_debian_chromium, tmp_path, monkeypatch):
    own = tmp_path / "playwright-chromium"
    chromium = FakeChromium(str(own))
    commands = []

    def install(command, **_):
        commands.append(command[1:])
        own.write_text("")
        return SimpleNamespace(returncode=0)

    monkeypatch.setattr(subprocess, "run", install)
    assert site_audit.launch_chromium(SimpleNamespace(chromium=chromium)) == "browser"
    assert commands == [["-m", "playwright", "install", "chromium"]]


def test_no_browser_at_all_gives_one_line_naming_what_to_install(no_debian_chromium, tmp_path, monkeypatch):
    chromium = FakeChromium(str(tmp_path / "absent"))
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: SimpleNamespace(returncode=1))
    with pytest.raises(FileNotFoundError) as error:
        site_audit.launch_chromium(SimpleNamespace(chromium=chromium))
    message = str(error.value)
    assert "\n" not in message
    assert "apt-get install -y chromium" in message and "playwright install chromium" in message
    assert chromium.launched_with is None
