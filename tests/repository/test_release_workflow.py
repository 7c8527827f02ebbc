"""The release workflow: a version tag builds the sdist and wheel and publishes them with PyPI's
trusted publishing (OIDC): no stored token, and no job holds more permission than it uses.
(tests/launch/test_colab.py builds the same sdist and wheel and installs the wheel.)"""

from __future__ import annotations

import re
import tomllib

import yaml
from paths import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name: str) -> dict:
    # YAML reads the key `on` as True.
    return yaml.safe_load((WORKFLOWS / name).read_text())


def test_release_runs_on_version_tags_only():
    triggers = workflow("release.yml")[True]
    assert set(triggers) == {"push"} and set(triggers["push"]) == {"tags"}, triggers
    assert all(tag.startswith("v") for tag in triggers["push"]["tags"])


def test_release_publishes_with_trusted_publishing_and_least_privilege():
    release = workflow("release.yml")
    assert release["permissions"] == {}, "no permission by default; each job asks for its own"
    jobs = release["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["publish"]["permissions"] == {"id-token": "write"}, "only the OIDC token"
    assert jobs["publish"]["needs"] == "build"
    assert jobs["publish"]["environment"]["name"] == "pypi"
    publish_steps = [s for s in jobs["publish"]["steps"] if "gh-action-pypi-publish" in s.get("uses", "")]
    assert len(publish_steps) == 1
    assert set(publish_steps[0].get("with", {})) <= {"packages-dir"}, "no user, password or token given"
    text = (WORKFLOWS / "release.yml").read_text()
    assert not re.search(r"secrets\.|TWINE_", text), "no stored credential"
    assert "python -m build" in text


def test_release_checks_the_tag_against_the_pinned_version():
    text = (WORKFLOWS / "release.yml").read_text()
    assert '"v$version"' in text and "pyproject.toml" in text
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)


def test_every_action_of_every_workflow_is_pinned_by_commit():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for uses in re.findall(r"uses:\s*(\S+)", path.read_text()):
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses), f"{path.name}: {uses} is not pinned"


def test_pages_fills_the_launch_settings_from_the_repository_it_runs_in():
    steps = workflow("pages.yml")["jobs"]["build"]["steps"]
    build = next(step for step in steps if "make book" in step.get("run", ""))
    assert build["env"]["COURSE_REPOSITORY_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert build["env"]["COURSE_JUPYTERHUB_URL"] == "${{ vars.JUPYTERHUB_URL }}"
