"""The digits networks of lessons 7 and 8: how long their training takes here, what accuracy it
reaches, and that a seeded run repeats itself.

- Lesson 7's all-convolutional network: scikit-learn's bundled digits (no download), the
  network of convcourse.digits, convcourse.training.train with the lesson's options, one thread.
- Lesson 8's LeNet-style CNN: the lesson's own code cells, read from its notebook and run in a
  fresh namespace up to the cell that trains (the one that sets ``training_seconds``), without
  the hidden setup cell and the figures. The model, the loop and their settings are the
  notebook's: there is no second copy of them here. The time is the one the lesson's cell
  measures around its call of ``fit``. The run is repeated, and the repeats must give the same
  losses and accuracies.

Prints the training times (which depend on the machine) and the held-out accuracies (which do
not: the runs are seeded).

Usage: .venv/bin/python benchmarks/bench_training.py
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import time
from pathlib import Path

import torch
import torch.nn.functional as F

import convcourse
from convcourse.digits import TRAINING_OPTIONS, all_conv_net, digits_split
from convcourse.training import accuracy, train

LESSON_8 = Path(__file__).resolve().parent.parent / "lessons" / "08_training_a_cnn.ipynb"
#: The name the lesson's training cell assigns: the cells up to and including it are run.
TRAINING_TIME = "training_seconds"
#: How many times lesson 8's training is run.
REPEATS = 3
SKIPPED_TAGS = {"remove-cell", "hide-input", "raises-exception"}


def _assigned_names(source: str) -> set[str]:
    return {target.id for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Assign)
            for target in node.targets if isinstance(target, ast.Name)}


def lesson_training_cells(path: Path = LESSON_8) -> list[str]:
    """The sources of the lesson's code cells up to and including its training cell, leaving out
    the hidden setup cell (it installs the package), the figures and the cells allowed to raise."""
    sources = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if cell["cell_type"] != "code" or tags & SKIPPED_TAGS:
            continue
        source = "".join(cell["source"])
        sources.append(source)
        if TRAINING_TIME in _assigned_names(source):
            return sources
    raise LookupError(f"{path.name} has no code cell that assigns {TRAINING_TIME}")


def run_lesson_cells(sources: list[str], path: Path = LESSON_8) -> dict:
    """Run the cells in one fresh namespace, their printing silenced; return the namespace."""
    namespace: dict = {"__name__": "lesson"}
    with contextlib.redirect_stdout(io.StringIO()):
        for source in sources:
            exec(compile(source, str(path), "exec"), namespace)
    return namespace


def lesson_8_runs(repeats: int = REPEATS) -> list[dict]:
    """Run lesson 8's training ``repeats`` times; each run's seconds, losses and accuracies."""
    sources = lesson_training_cells()
    runs = []
    for _ in range(repeats):
        namespace = run_lesson_cells(sources)
        runs.append({"seconds": namespace[TRAINING_TIME], "losses": namespace["losses"],
                     "accuracies": namespace["accuracies"]})
    return runs


def lesson_7_run() -> dict:
    """One training of lesson 7's all-convolutional network, as the lesson trains it."""
    start = time.perf_counter()
    x_train, y_train, x_test, y_test = digits_split(test_fraction=0.25, seed=0)
    loaded = time.perf_counter() - start
    convcourse.set_seed(0)
    net = all_conv_net()
    start = time.perf_counter()
    losses = train(net, x_train, y_train, F.cross_entropy, **TRAINING_OPTIONS)
    trained = time.perf_counter() - start
    held_out = accuracy(net, x_test, y_test)
    print(f"digits loaded in {loaded:.2f} s: {len(x_train)} training, {len(x_test)} held-out images")
    print(f"lesson 7, all-convolutional network: {len(losses)} steps in {trained:.2f} s "
          f"({trained / len(losses) * 1000:.1f} ms a step), final loss {losses[-1]:.3f}, "
          f"held-out accuracy {held_out:.1%}")
    return {"load_seconds": loaded, "train_seconds": trained, "accuracy": held_out}


def main() -> dict:
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        figures = lesson_7_run()
        runs = lesson_8_runs()
    finally:
        torch.set_num_threads(threads)
    seconds = [run["seconds"] for run in runs]
    repeated = all(run["losses"] == runs[0]["losses"] and run["accuracies"] == runs[0]["accuracies"]
                   for run in runs)
    print(f"lesson 8, LeNet-style CNN: {len(runs[0]['losses'])} epochs, {len(runs)} runs of "
          + ", ".join(f"{s:.2f}" for s in seconds) + " s; "
          f"final loss {runs[0]['losses'][-1]:.3f}, held-out accuracy {runs[0]['accuracies'][-1]:.1%}")
    print(f"lesson 8: the {len(runs)} seeded runs gave the same losses and accuracies: {repeated}")
    if not repeated:
        raise AssertionError("lesson 8's seeded training gave different numbers in two runs")
    figures.update({"lesson_8_seconds": seconds, "lesson_8_accuracy": runs[0]["accuracies"][-1]})
    return figures


if __name__ == "__main__":
    main()
