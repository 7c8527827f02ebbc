"""Lesson 5's digits network: how long its training takes here, and what accuracy it reaches.

One run, as in the lesson: scikit-learn's bundled digits (no download), the all-convolutional
network of convcourse.digits, convcourse.training.train with the lesson's options, one thread.
Prints the training time (which depends on the machine) and the held-out accuracy (which does
not: the run is seeded).

Usage: .venv/bin/python benchmarks/bench_training.py
"""

from __future__ import annotations

import time

import torch
import torch.nn.functional as F

import convcourse
from convcourse.digits import TRAINING_OPTIONS, all_conv_net, digits_split
from convcourse.training import accuracy, train


def main() -> dict:
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        start = time.perf_counter()
        x_train, y_train, x_test, y_test = digits_split(test_fraction=0.25, seed=0)
        loaded = time.perf_counter() - start
        convcourse.set_seed(0)
        net = all_conv_net()
        start = time.perf_counter()
        losses = train(net, x_train, y_train, F.cross_entropy, **TRAINING_OPTIONS)
        trained = time.perf_counter() - start
        held_out = accuracy(net, x_test, y_test)
    finally:
        torch.set_num_threads(threads)
    print(f"digits loaded in {loaded:.2f} s: {len(x_train)} training, {len(x_test)} held-out images")
    print(f"training: {len(losses)} steps in {trained:.2f} s ({trained / len(losses) * 1000:.1f} ms a step), "
          f"final loss {losses[-1]:.3f}")
    print(f"held-out accuracy: {held_out:.1%}")
    return {"load_seconds": loaded, "train_seconds": trained, "accuracy": held_out}


if __name__ == "__main__":
    main()
