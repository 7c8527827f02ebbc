"""How fast does the live explorer redraw, and how big is the static one?

One run, in-process (widgets without a frontend): a scripted sequence of slider changes, each
a padding, stride, kernel, dilation, input-size or step change, timed from setting the value to
the widgets holding the new picture and text. The first visit of a setting draws it from
scratch (torch plus the renderer); revisits and step changes reuse the cached drawing, so the
figures are printed for both. Then the static explorer is built once: its size in bytes, the
number of precomputed settings and the build time; and the gallery's size. Last, how fast bad
values are refused (a huge input size must be refused at once, not drawn).

Usage: .venv/bin/python benchmarks/bench_explorer.py
"""

from __future__ import annotations

import statistics
import time

from convcourse.explorer.gallery import gallery_html
from convcourse.explorer.live import ConvExplorer, _setting, explore
from convcourse.explorer.state import ImpossibleConvolution
from convcourse.explorer.static import StaticRanges, static_explorer_html

TARGET_MS = 50.0


def scripted_changes():
    """(slider, value) pairs a reader might make: sweeps up and down every slider."""
    changes = []
    for p in (1, 2, 3, 4, 3, 2, 1, 0):
        changes.append(("padding", p))
    for s in (2, 3, 4, 3, 2, 1):
        changes.append(("stride", s))
    changes.append(("padding", 2))
    for k in (1, 2, 4, 5, 6, 7, 5, 3):
        changes.append(("kernel_size", k))
    for d in (2, 3, 2, 1):
        changes.append(("dilation", d))
    for i in (9, 8, 7, 6, 4, 3, 5):
        changes.append(("input_size", i))
    for step in range(1, 26):
        changes.append(("step", step))
    return changes


def _percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def time_live(rounds: int = 2) -> dict:
    """Redraw times in ms: the first round draws new settings, later rounds hit the cache."""
    _setting.cache_clear()
    ex = ConvExplorer()
    first, cached, steps = [], [], []
    for rnd in range(rounds):
        ex.set(input_size=5, kernel_size=3, padding=0, stride=1, dilation=1, step=0)
        for name, value in scripted_changes():
            slider = ex.step_slider if name == "step" else ex.sliders[name]
            start = time.perf_counter()
            slider.value = value
            elapsed = (time.perf_counter() - start) * 1000
            (steps if name == "step" else first if rnd == 0 else cached).append(elapsed)
    every = first + cached + steps
    return {
        "changes": len(every),
        "median_ms": statistics.median(every),
        "p95_ms": _percentile(every, 0.95),
        "first_visit_median_ms": statistics.median(first),
        "first_visit_p95_ms": _percentile(first, 0.95),
        "cached_median_ms": statistics.median(cached),
        "step_median_ms": statistics.median(steps),
    }


def time_refusals() -> dict:
    """Milliseconds to refuse bad values with the one-line message, for the constructor and set()."""
    ex = ConvExplorer()
    bad = {"input_size=10**6": lambda: explore(input_size=10**6),
           "input_size='5'": lambda: explore(input_size="5"),
           "set(padding=-1)": lambda: ex.set(padding=-1),
           "set(foo=1)": lambda: ex.set(foo=1)}
    times = {}
    for name, call in bad.items():
        start = time.perf_counter()
        try:
            call()
        except (ImpossibleConvolution, TypeError, ValueError):
            pass
        else:
            raise AssertionError(f"{name} was accepted")
        times[name] = (time.perf_counter() - start) * 1000
    return times


def main() -> dict:
    live = time_live()
    start = time.perf_counter()
    html = static_explorer_html()
    build_s = time.perf_counter() - start
    ranges = StaticRanges()
    settings = len(list(ranges.settings()))
    gallery = gallery_html()
    figures = {**live,
               "static_bytes": len(html.encode()),
               "static_settings": settings,
               "static_build_s": build_s,
               "gallery_bytes": len(gallery.encode())}
    print(f"live redraw over {live['changes']} slider changes: median {live['median_ms']:.1f} ms, "
          f"95th percentile {live['p95_ms']:.1f} ms (target: median <= {TARGET_MS:.0f} ms)")
    print(f"  first visit of a setting: median {live['first_visit_median_ms']:.1f} ms, "
          f"95th percentile {live['first_visit_p95_ms']:.1f} ms")
    print(f"  revisited setting: median {live['cached_median_ms']:.1f} ms; "
          f"step change: median {live['step_median_ms']:.1f} ms")
    print(f"static explorer: {figures['static_bytes'] / 1000:.1f} kB, {settings} precomputed "
          f"settings (input x padding x stride x kernel x dilation), "
          f"built in {build_s:.2f} s")
    print(f"gallery: {figures['gallery_bytes'] / 1000:.1f} kB")
    figures["refusal_ms"] = time_refusals()
    print("bad values refused with one line: " + ", ".join(
        f"{name} {ms:.2f} ms" for name, ms in figures["refusal_ms"].items()))
    return figures


if __name__ == "__main__":
    main()
