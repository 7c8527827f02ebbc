"""Run the pinned Lighthouse (npm) on pages of the built site, as a phone on slow 4G loads them.

    .venv/bin/python tools/lighthouse.py [--runs N] [PAGE ...]     (`make lighthouse`: every page)

Builds nothing: serves _build/html (or SITE_HTML) with gzip on 127.0.0.1, as GitHub Pages
serves it (tools/serve_site.py), and runs node_modules/.bin/lighthouse with its default mobile
preset and simulated throttling in Debian's chromium, one page at a time. Prints a table
(the four category scores, first and largest contentful paint, total blocking time, bytes
transferred), writes each JSON report to artifacts/lighthouse/, and exits 1 when a page misses
the goal below. tests/site/test_lighthouse.py runs it on two pages.

Scores vary from run to run, most of all with the machine's speed (the benchmark index column:
1,100 to 2,100 within one hour on the course's 2-core machine). With --runs N (`make lighthouse
LIGHTHOUSE_RUNS=3`) each page is measured N times and the run Lighthouse itself would report is
kept: its median run, the one closest to the median first contentful paint and the median time
to interactive (Lighthouse's core/lib/median-run.js; its docs/variability.md advises several
runs before drawing a conclusion).

The goal check of `make test` (tests/site/test_lighthouse.py) judges a page by judge(): its speed
(performance score, largest contentful paint) by the median of a given number of runs (three
for a page near the goal's edge), the other scores by the first run. The later runs measure
performance only (about 12 s instead of 20 s), and a third is made only when the first two
disagree: two runs that both meet the speed goal, or both miss it, already fix the median of
three. No run takes the full-page screenshot, which no score uses (about 2 s a run).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serve_site  # noqa: E402

ROOT = serve_site.ROOT
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
REPORT_DIRECTORY = ROOT / "artifacts" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The goal of every page (issue 11): scores out of 100, largest contentful paint in ms.
GOAL_SCORES = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
GOAL_LCP_MS = 2000
# Headless, no sandbox (root in containers), no GPU, and none of chromium's background traffic
# (the same flags as the browser tests: tests/support/site_audit.py).
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
TIMEOUT_SECONDS = 180


def score_shortfalls(scores: dict[str, int], leave_out: tuple[str, ...] = ()) -> list[str]:
    """The measured categories below their goal, in words ("performance 93 < 95")."""
    return [f"{name} {scores[name]} < {goal}" for name, goal in GOAL_SCORES.items()
            if name in scores and name not in leave_out and scores[name] < goal]


@dataclass(frozen=True)
class Result:
    page: str
    scores: dict[str, int]
    fcp_ms: float
    lcp_ms: float
    tbt_ms: float
    transfer_bytes: int
    # Lighthouse's measure of this machine's speed (a quiet desktop: ~1000-2000). Simulated
    # throttling slows the observed CPU work 4 times, so on a busy or slow machine the timings
    # (TBT above all) come out worse than a phone would see: read the scores with it.
    benchmark_index: float = 0.0
    tti_ms: float = 0.0  # time to interactive: with FCP, what picks the median of several runs

    def shortfalls(self) -> list[str]:
        """What misses the goal, in words ("performance 93 < 95"), of the categories this run
        measured; empty when the goal is met."""
        missing = score_shortfalls(self.scores)
        if self.lcp_ms > GOAL_LCP_MS:
            missing.append(f"LCP {self.lcp_ms / 1000:.1f} s > {GOAL_LCP_MS / 1000:.1f} s")
        return missing


def chromium_path() -> str:
    configured = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(configured).exists():
        raise FileNotFoundError(f"No chromium at {configured}: install Debian's (`apt-get install chromium`)"
                                " or set CHROMIUM=/path/to/chromium.")
    return configured


def report_path(page: str, directory: Path = REPORT_DIRECTORY) -> Path:
    return directory / (page.removesuffix(".html").replace("/", "--") + ".json")


def parse_report(page: str, report: dict, categories: tuple[str, ...] = CATEGORIES) -> Result:
    audits = report["audits"]
    if report.get("runtimeError"):
        raise RuntimeError(f"{page}: Lighthouse failed: {report['runtimeError']}")
    scores = {}
    for name in categories:
        score = report["categories"][name]["score"]
        if score is None:
            raise RuntimeError(f"{page}: Lighthouse gave no {name} score (a page error?)")
        scores[name] = round(score * 100)
    return Result(page, scores, audits["first-contentful-paint"]["numericValue"],
                  audits["largest-contentful-paint"]["numericValue"],
                  audits["total-blocking-time"]["numericValue"],
                  int(audits["total-byte-weight"]["numericValue"]),
                  float(report.get("environment", {}).get("benchmarkIndex", 0.0)),
                  audits["interactive"]["numericValue"])


def median_run(results: list[Result]) -> Result:
    """The run closest to the median FCP and the median time to interactive (Euclidean distance;
    the first such run on a tie), as Lighthouse's computeMedianRun picks it: the median of each
    metric alone, or of the score, could come from different runs."""
    if not results:
        raise ValueError("median_run needs at least one run")
    fcp, tti = statistics.median(r.fcp_ms for r in results), statistics.median(r.tti_ms for r in results)
    return min(results, key=lambda r: (fcp - r.fcp_ms) ** 2 + (tti - r.tti_ms) ** 2)


def run_lighthouse(url: str, page: str, directory: Path = REPORT_DIRECTORY,
                   categories: tuple[str, ...] = CATEGORIES) -> Result:
    """Lighthouse's mobile run of one URL, measuring the given categories; the JSON report is
    kept in directory."""
    if not LIGHTHOUSE.exists():
        raise FileNotFoundError(f"{LIGHTHOUSE} is missing: run `npm ci` (`make setup`).")
    directory.mkdir(parents=True, exist_ok=True)
    output = report_path(page, directory)
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
               f"--only-categories={','.join(categories)}", "--disable-full-page-screenshot",
               f"--chrome-path={chromium_path()}", f"--chrome-flags={CHROME_FLAGS}"]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                               check=False)
    if completed.returncode != 0 or not output.exists():
        raise RuntimeError(f"lighthouse failed on {url} (exit {completed.returncode}):\n"
                           f"{completed.stderr.strip()[-2000:]}")
    return parse_report(page, json.loads(output.read_text(encoding="utf-8")), categories)


HEADER = (f"{'page':38} {'perf':>4} {'a11y':>4} {'b.p.':>4} {'seo':>4} {'FCP':>6} {'LCP':>6} "
          f"{'TBT':>6} {'transfer':>9} {'bench':>5}  goal")


def row(result: Result) -> str:
    s = {name: result.scores.get(name, "-") for name in CATEGORIES}  # "-": not measured in this run
    missing = result.shortfalls()
    return (f"{result.page:38} {s['performance']:>4} {s['accessibility']:>4} {s['best-practices']:>4} "
            f"{s['seo']:>4} {result.fcp_ms / 1000:>5.1f}s {result.lcp_ms / 1000:>5.1f}s "
            f"{result.tbt_ms:>4.0f}ms {result.transfer_bytes / 1024:>7.0f}kB {result.benchmark_index:>5.0f}  "
            f"{'met' if not missing else 'MISSED: ' + '; '.join(missing)}")


def measure(site: Path, pages: list[str], directory: Path = REPORT_DIRECTORY,
            echo=print, runs: int = 1) -> list[Result]:
    """Serve site with gzip and run Lighthouse on each page, `runs` times (the median run is kept,
    its report in directory); echo prints the table as it grows."""
    if runs < 1:
        raise ValueError(f"runs must be at least 1, not {runs}")
    results = []
    with serve_site.serve_in_thread(site) as base:
        echo(HEADER)
        echo("-" * len(HEADER))
        for page in pages:
            # One run writes its report in directory; several, each in runs/<n>, the median's copied.
            folders = [directory] if runs == 1 else [directory / "runs" / str(n) for n in range(runs)]
            tries = [run_lighthouse(base + page, page, folder) for folder in folders]
            result = median_run(tries)
            note = ""
            if runs > 1:
                shutil.copyfile(report_path(page, folders[tries.index(result)]), report_path(page, directory))
                scores = ", ".join(str(t.scores["performance"]) for t in tries)
                note = f"  (median of {runs} runs; performance {scores})"
            echo(row(result) + note)
            results.append(result)
    return results


# --- The goal check: speed judged by the median of several runs ------------------------------------

def majority(median_of: int) -> int:
    return median_of // 2 + 1


def speed_votes(runs: Sequence[Result]) -> tuple[int, int]:
    """How many of the runs reach the performance goal, and how many the LCP goal."""
    return (sum(r.scores["performance"] >= GOAL_SCORES["performance"] for r in runs),
            sum(r.lcp_ms <= GOAL_LCP_MS for r in runs))


def speed_decided(runs: Sequence[Result], median_of: int = 3) -> bool:
    """Whether the median of median_of runs is known from these: the median performance reaches
    the goal when a majority of the runs do, and so does the median LCP; of three runs, two that
    agree on both settle it."""
    if len(runs) >= median_of:
        return True
    return all(max(votes, len(runs) - votes) >= majority(median_of) for votes in speed_votes(runs))


@dataclass(frozen=True)
class Verdict:
    """A page judged as the goal check judges it: its speed by the median of median_of runs;
    runs[0] measured every category, the others performance only."""
    page: str
    runs: tuple[Result, ...]
    median_of: int = 3

    def shortfalls(self) -> list[str]:
        missing = score_shortfalls(self.runs[0].scores, leave_out=("performance",))
        reached, fast = speed_votes(self.runs)
        of = f"of {len(self.runs)} run{'s' if len(self.runs) > 1 else ''}"
        if reached < majority(self.median_of):
            missing.append(f"performance >= {GOAL_SCORES['performance']} in {reached} {of}")
        if fast < majority(self.median_of):
            missing.append(f"LCP <= {GOAL_LCP_MS / 1000:.1f} s in {fast} {of}")
        return missing

    def summary(self) -> str:
        scores = ", ".join(str(r.scores["performance"]) for r in self.runs)
        lcp = ", ".join(f"{r.lcp_ms / 1000:.1f}" for r in self.runs)
        how = (f"the median of {self.median_of} runs, known after {len(self.runs)}" if self.median_of > 1
               else "one run")
        missing = self.shortfalls()
        return (f"{self.page}: performance {scores}; LCP {lcp} s ({how}): "
                f"{'met' if not missing else 'MISSED: ' + '; '.join(missing)}")


def judge(site: Path, pages: dict[str, int], directory: Path = REPORT_DIRECTORY, echo=print) -> list[Verdict]:
    """Each page (page -> the number of runs whose median judges its speed) judged for the goal
    check: one run of every category, then performance-only runs until that median is known
    (speed_decided). Reports: directory (the first run) and directory/runs/<n>; echo prints each
    run and each verdict."""
    verdicts = []
    with serve_site.serve_in_thread(site) as base:
        echo(HEADER)
        echo("-" * len(HEADER))
        for page, median_of in pages.items():
            runs = [run_lighthouse(base + page, page, directory)]
            echo(row(runs[0]))
            while not speed_decided(runs, median_of):
                runs.append(run_lighthouse(base + page, page, directory / "runs" / str(len(runs)),
                                           categories=("performance",)))
                echo(row(runs[-1]))
            verdicts.append(Verdict(page, tuple(runs), median_of))
    for verdict in verdicts:
        echo(verdict.summary())
    return verdicts


def main(argv: list[str]) -> int:
    site = Path(os.environ.get("SITE_HTML", serve_site.SITE_DIRECTORY))
    if not (site / "index.html").is_file():
        print(f"No built site in {site}: run `make book` first (make lighthouse builds nothing).",
              file=sys.stderr)
        return 1
    runs = 1
    if argv[:1] == ["--runs"]:
        if len(argv) < 2 or not argv[1].isdigit() or int(argv[1]) < 1:
            print("--runs takes a whole number of runs, 1 or more (e.g. --runs 3).", file=sys.stderr)
            return 2
        runs, argv = int(argv[1]), argv[2:]
    pages = argv or serve_site.site_pages(site)
    results = measure(site, pages, runs=runs)
    missed = [r for r in results if r.shortfalls()]
    print(f"\nJSON reports: {REPORT_DIRECTORY.relative_to(ROOT)}/")
    if missed:
        print(f"Goal missed on {len(missed)} of {len(results)} pages (performance >= 95, accessibility, "
              f"best practices and SEO 100, LCP <= {GOAL_LCP_MS / 1000:.1f} s).")
        return 1
    print(f"Goal met on all {len(results)} pages.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
