"""book/_ext/clean_tracebacks.py: tracebacks shown on purpose name no path of the build machine."""

from __future__ import annotations

import sys

import clean_tracebacks
from paths import ROOT


def test_tracebacks_lose_the_build_machines_paths():
    prefixes = [("/opt/venv/lib/python3.11/site-packages/", "site-packages/"),
                ("/home/ci/course/", "")]
    text = ("File /opt/venv/lib/python3.11/site-packages/torch/nn/modules/conv.py:549, in forward\n"
            "File /home/ci/course/convcourse/shapes.py:12\n"
            "File /tmp/ipykernel_77/3311.py:2\n"
            "File /root/.cache/x/site-packages/numpy/core.py:3")
    cleaned = clean_tracebacks.without_machine_paths(text, prefixes)
    assert "site-packages/torch/nn/modules/conv.py:549" in cleaned
    assert "File convcourse/shapes.py:12" in cleaned and "3311.py:2" in cleaned
    assert "site-packages/numpy/core.py:3" in cleaned
    assert not any(folder in cleaned for folder in ("/opt/", "/home/", "/tmp/", "/root/"))


def test_this_machines_own_prefixes_are_known():
    found = dict(clean_tracebacks.machine_prefixes())
    assert str(ROOT) + "/" in found and sys.prefix.rstrip("/") + "/" in found
    lengths = [len(prefix) for prefix, _ in clean_tracebacks.machine_prefixes()]
    assert lengths == sorted(lengths, reverse=True), "the longest prefix must be replaced first"
