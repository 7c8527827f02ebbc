"""Sphinx extension: the launch buttons come from two settings, checked before any page is built.

- The repository: `repository.url` in _config.yml, or the environment variable
  COURSE_REPOSITORY_URL, which wins (the Pages workflow fills it from GITHUB_REPOSITORY, so a
  fork that turns Pages on publishes buttons for itself). It must be https://github.com/OWNER/NAME:
  Binder's and Colab's buttons only know GitHub. Left empty, pages get no Binder, Colab,
  JupyterHub or repository button (a local build of a clone that was never published).
- The class JupyterHub: `launch_buttons.jupyterhub_url` in _config.yml, or COURSE_JUPYTERHUB_URL
  (the Pages workflow fills it from the repository variable JUPYTERHUB_URL). Left empty, there is
  no JupyterHub button.

A wrong value stops the build with a message that names the setting; a page never carries a
button that cannot work. The build also stops when the installed `convcourse` is not the version
that the lessons' setup cell pins (pyproject.toml's): the executed notebooks would otherwise try
to install the pinned version from the network in the middle of the build.
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from sphinx.errors import ExtensionError
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGE = "convcourse"

REPOSITORY_SETTING = "repository.url in _config.yml (or the environment variable COURSE_REPOSITORY_URL)"
HUB_SETTING = ("launch_buttons.jupyterhub_url in _config.yml "
               "(or the environment variable COURSE_JUPYTERHUB_URL)")
REPOSITORY_ENV = "COURSE_REPOSITORY_URL"
HUB_ENV = "COURSE_JUPYTERHUB_URL"
BINDERHUB_URL = "https://mybinder.org"
COLAB_URL = "https://colab.research.google.com"

GITHUB_REPOSITORY = re.compile(r"https://github\.com/(?P<owner>[A-Za-z0-9-]+)/(?P<name>[A-Za-z0-9._-]+)")
# Addresses that only ever stand in for a real one (RFC 2606 names, and this course's old ones).
PLACEHOLDER_HOSTS = re.compile(r"(^|\.)(example\.(com|org|net|edu)|example|invalid|test)$", re.I)
PLACEHOLDER_REPOSITORIES = {("conv2d-course", "conv2d-course"), ("owner", "name"), ("user", "repo")}


class LaunchSettingError(ExtensionError):
    """A launch setting that would give pages a broken button."""


def check_repository_url(value: str) -> str:
    """The repository URL without a trailing slash or .git; "" when none is set."""
    value = (value or "").strip()
    if not value:
        return ""
    url = value.rstrip("/").removesuffix(".git")
    match = GITHUB_REPOSITORY.fullmatch(url)
    if not match:
        raise LaunchSettingError(
            f"{REPOSITORY_SETTING} must be https://github.com/OWNER/NAME (Binder and Colab only "
            f"launch from GitHub), not {value!r}"
        )
    if (match["owner"].lower(), match["name"].lower()) in PLACEHOLDER_REPOSITORIES:
        raise LaunchSettingError(
            f"{REPOSITORY_SETTING} is a placeholder ({value!r}): name the course's real repository, "
            "or leave it empty for pages without launch buttons"
        )
    return url


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_hub_url(value: str) -> str:
    """The hub address without a trailing slash; "" when none is set."""
    value = (value or "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    host = parts.hostname or ""
    problem = None
    if parts.scheme not in ("https", "http") or not host:
        problem = "it is not an http(s) address"
    elif parts.scheme == "http" and not is_loopback(host):
        problem = "learners log in there: use https (plain http only for a hub on this machine)"
    elif parts.query or parts.fragment or parts.username or parts.password:
        problem = "it carries a query, a fragment or a password"
    elif parts.path.rstrip("/").endswith("/hub"):
        problem = "give the hub's base address, without /hub (the button adds /hub/user-redirect/...)"
    elif PLACEHOLDER_HOSTS.search(host):
        problem = "it is a placeholder, not a real hub"
    if problem:
        raise LaunchSettingError(f"{HUB_SETTING} is wrong ({value!r}): {problem}")
    return value.rstrip("/")


def pinned_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def check_installed_package(pinned: str) -> None:
    try:
        installed = metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        installed = None
    if installed != pinned:
        raise LaunchSettingError(
            f"the lessons' setup cell pins {PACKAGE}=={pinned} (the version in pyproject.toml), but "
            f"the installed {PACKAGE} is {installed or 'missing'}: run `make setup` (pip install -e .)"
        )


def resolve(config_repository: str, config_hub: str, environ=os.environ) -> tuple[str, str]:
    """(repository URL, hub URL) after the environment's overrides, both checked; "" = none."""
    repository = check_repository_url(environ.get(REPOSITORY_ENV) or config_repository)
    hub = check_hub_url(environ.get(HUB_ENV) or config_hub)
    if hub and not repository:
        raise LaunchSettingError(
            f"{HUB_SETTING} is set but {REPOSITORY_SETTING} is empty: the JupyterHub button pulls "
            "the lessons from the repository"
        )
    return repository, hub


def apply_launch_settings(app, config) -> None:
    options = config.html_theme_options
    buttons = dict(options.get("launch_buttons") or {})
    repository, hub = resolve(options.get("repository_url", ""), buttons.get("jupyterhub_url", ""))
    check_installed_package(pinned_version())

    options["repository_url"] = repository
    options["use_repository_button"] = bool(repository)
    options["use_issues_button"] = bool(repository)
    options["use_edit_page_button"] = False
    buttons.update(
        notebook_interface="jupyterlab",
        binderhub_url=BINDERHUB_URL if repository else "",
        colab_url=COLAB_URL if repository else "",
        jupyterhub_url=hub,
        thebe=False,
    )
    options["launch_buttons"] = buttons
    LOGGER.info(
        "launch buttons: repository %s, JupyterHub %s",
        repository or f"none (set {REPOSITORY_SETTING}: no Binder, Colab or repository button)",
        hub or f"none (set {HUB_SETTING} for a JupyterHub button)",
    )


def setup(app):
    # Before sphinx-book-theme reads repository_url (builder-inited) and builds the buttons.
    app.connect("config-inited", apply_launch_settings, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
