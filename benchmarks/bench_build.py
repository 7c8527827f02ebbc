"""Wall time of a cold, forced build of the whole book and of a rebuild with nothing changed.

Builds into a temporary folder so the checkout's own _build is left alone. One run each;
these machines are shared, so read the figures as an order of magnitude, not a contract.
Targets on a 2-core machine: cold build <= 120 s, no-change rebuild <= 15 s.

    .venv/bin/python benchmarks/bench_build.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


def timed_build(output: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [str(JUPYTER_BOOK), "build", str(ROOT), "-W", "-n", "--keep-going", "--path-output", str(output)],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    return time.perf_counter() - start


def main() -> dict:
    output = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        cold = timed_build(output)  # empty output folder: no execution cache, every notebook runs
        rebuild = timed_build(output)
    finally:
        shutil.rmtree(output, ignore_errors=True)
    figures = {"cold_build_s": round(cold, 1), "no_change_rebuild_s": round(rebuild, 1)}
    print(f"cold forced build:    {cold:6.1f} s   (target <= 120 s)")
    print(f"no-change rebuild:    {rebuild:6.1f} s   (target <= 15 s)")
    return figures


if __name__ == "__main__":
    main()
