"""tools/lighthouse.py without a browser: reading a report, the median run, the command line."""

from __future__ import annotations

import json

import lighthouse
import pytest


def report(performance=0.97, accessibility=1.0, lcp_ms=1800.0, fcp_ms=1200.0, tti_ms=2500.0) -> dict:
    scores = {"performance": performance, "accessibility": accessibility, "best-practices": 1.0,
              "seo": 1.0}
    return {"categories": {name: {"score": score} for name, score in scores.items()},
            "audits": {"first-contentful-paint": {"numericValue": fcp_ms},
                       "largest-contentful-paint": {"numericValue": lcp_ms},
                       "total-blocking-time": {"numericValue": 30.0},
                       "total-byte-weight": {"numericValue": 91234},
                       "interactive": {"numericValue": tti_ms}}}


def test_the_median_run_is_the_one_closest_to_the_median_fcp_and_time_to_interactive():
    # Lighthouse's computeMedianRun: not the median score, which could be any run's.
    runs = [lighthouse.parse_report("a.html", report(performance=p / 100, fcp_ms=fcp, tti_ms=tti))
            for p, fcp, tti in [(99, 1000, 2000), (90, 1400, 4200), (95, 1200, 2600), (97, 1300, 2400)]]
    # Medians: FCP (1200 + 1300) / 2 = 1250, TTI (2400 + 2600) / 2 = 2500; the third run is
    # 50^2 + 100^2 away, the fourth 50^2 + 100^2 too: on a tie, the first of them.
    assert lighthouse.median_run(runs).scores["performance"] == 95
    assert lighthouse.median_run(runs[:3]).scores["performance"] == 95  # FCP 1200, TTI 2600
    assert lighthouse.median_run([runs[1]]) == runs[1]
    with pytest.raises(ValueError):
        lighthouse.median_run([])


def test_runs_must_be_a_whole_number_of_one_or_more(capsys, tmp_path, monkeypatch):
    (tmp_path / "index.html").write_text("<html></html>")
    monkeypatch.setenv("SITE_HTML", str(tmp_path))
    for bad in (["--runs"], ["--runs", "0"], ["--runs", "three"]):
        assert lighthouse.main(bad) == 2
        assert "--runs takes a whole number" in capsys.readouterr().err


def test_a_report_that_meets_the_goal_has_no_shortfall():
    result = lighthouse.parse_report("a.html", report())
    assert result.scores == {"performance": 97, "accessibility": 100, "best-practices": 100, "seo": 100}
    assert result.shortfalls() == [] and "met" in lighthouse.row(result)


def test_each_shortfall_is_named():
    result = lighthouse.parse_report("a.html", report(performance=0.94, accessibility=0.96, lcp_ms=2100))
    assert result.shortfalls() == ["performance 94 < 95", "accessibility 96 < 100", "LCP 2.1 s > 2.0 s"]


def test_a_failed_run_is_an_error_not_a_score_of_zero():
    broken = report()
    broken["categories"]["seo"]["score"] = None
    with pytest.raises(RuntimeError, match="no seo score"):
        lighthouse.parse_report("a.html", broken)
    broken = report() | {"runtimeError": {"code": "NO_FCP", "message": "The page did not paint"}}
    with pytest.raises(RuntimeError, match="NO_FCP"):
        lighthouse.parse_report("a.html", broken)


def test_the_json_reports_are_named_after_their_pages(tmp_path):
    assert lighthouse.report_path("lessons/03_x.html", tmp_path) == tmp_path / "lessons--03_x.json"
    assert json.dumps(report())  # the fixture itself is a JSON document, as Lighthouse writes


def test_a_run_of_the_steady_categories_reads_without_the_timings():
    steady = report()
    for audit in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "interactive"):
        del steady["audits"][audit]
    del steady["categories"]["performance"]
    result = lighthouse.parse_report("a.html", steady, lighthouse.STEADY_CATEGORIES)
    assert result.scores == {"accessibility": 100, "best-practices": 100, "seo": 100}
    assert result.transfer_bytes == 91234 and result.shortfalls() == []
