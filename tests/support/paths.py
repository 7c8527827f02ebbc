"""Where the repository is, for every test and test helper (tests/ is on pytest's pythonpath)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
