"""The figures on "How this site is tested" come from benchmarks/results.json, never by hand."""

import json

import pytest
from mkdocs.exceptions import PluginError

from sitetools.benchmark_figures import RESULTS, TARGETS, BenchmarkError, placeholders
from sitetools.mkdocs_hooks import fill_placeholders

SCORES = {"performance": 0.96, "accessibility": 1, "best-practices": 1, "seo": 0.92}
RESULTS_JSON = {
    "measured_on": "2030-01-02T03:04:05+00:00",
    "targets": TARGETS,
    "pytest_docs": {"seconds": 22.54, "passed": 173, "skipped": 9},
    "suite": {"seconds": 540.0, "passed": 900, "skipped": 12},
    "build": {"cold_seconds": 71.26, "warm_seconds": 12.0},
    "pages": [
        {"url": "", "bytes": 404_810, "requests": 7, "diagrams": False},
        {"url": "zh-TW/tensors/", "bytes": 612_400, "requests": 7, "diagrams": False},
        {"url": "introduction/", "bytes": 1_390_000, "requests": 8, "diagrams": True},
    ],
    "lighthouse": {
        "runs": 3,
        "pages": {
            "home": {"url": "", "scores": SCORES},
            "heaviest": {"url": "introduction/", "scores": SCORES},
        },
    },
    "machine": {
        "cpu_count": 2,
        "cpu_model": "Example CPU",
        "memory_gib": 23.4,
        "python_version": "3.11.7",
        "torch_version": "2.13.0",
        "chromium_version": "156.0.8078.79",
        "lighthouse_version": "13.5.0",
    },
}


@pytest.fixture
def results(tmp_path):
    path = tmp_path / "results.json"
    path.write_text(json.dumps(RESULTS_JSON), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("pytest_docs_seconds", "22.5"),
        ("build_cold_seconds", "71.3"),
        ("build_warm_seconds", "12.0"),
        ("suite_minutes", "9.0"),
        ("pytest_docs_passed", "173"),
        ("measured_on", "2030-01-02"),
        ("machine", "Example CPU, 2 cores, 23 GiB of memory"),
        ("lighthouse_version", "13.5.0"),
        # The largest page is the largest without diagrams; diagram pages are reported apart.
        ("largest_page", "/zh-TW/tensors/"),
        ("largest_page_kb", "612"),
        ("largest_diagram_page", "/introduction/"),
        ("largest_diagram_page_kb", "1390"),
        # Each figure with a target shows the target and whether it is met.
        ("largest_page_kb_target", "600"),
        ("largest_page_kb_met", "✗"),
        ("pytest_docs_seconds_met", "✓"),
        ("lighthouse_home_performance", "96"),
        ("lighthouse_home_performance_target", "97"),
        ("lighthouse_home_performance_met", "✗"),
        ("lighthouse_heaviest_accessibility_met", "✓"),
    ],
)
def test_each_placeholder_shows_its_figure_from_the_json(results, name, shown):
    assert placeholders(results)[f"benchmark.{name}"] == shown


def test_a_missing_figure_is_named_with_the_command_that_measures_it(tmp_path):
    broken = {key: value for key, value in RESULTS_JSON.items() if key != "build"}
    path = tmp_path / "results.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(BenchmarkError, match=r"has no 'build.warm_seconds'.*sitetools.benchmark"):
        placeholders(path)


def test_a_missing_results_file_is_reported(tmp_path):
    with pytest.raises(BenchmarkError, match=r"does not exist.*sitetools.benchmark"):
        placeholders(tmp_path / "results.json")


def test_the_committed_results_fill_every_benchmark_placeholder_of_the_pages():
    values = placeholders()
    text = fill_placeholders("{{ benchmark.pytest_docs_seconds }} s", "testing.md")
    assert text == f"{values['benchmark.pytest_docs_seconds']} s"
    assert RESULTS.is_file()


def test_an_unknown_benchmark_placeholder_names_the_page():
    with pytest.raises(PluginError, match=r"testing.md: unknown placeholder \{\{ benchmark.nope"):
        fill_placeholders("{{ benchmark.nope }}", "testing.md")


def test_a_build_without_results_reports_an_error_and_shows_no_figure(
    tmp_path, monkeypatch, caplog
):
    from sitetools import benchmark_figures

    monkeypatch.setattr(
        benchmark_figures, "placeholders", lambda: placeholders(tmp_path / "results.json")
    )
    text = fill_placeholders("{{ benchmark.pytest_docs_seconds }} s, {{ torch_version }}", "t.md")
    assert text.startswith("? s, 2.")
    (record,) = [record for record in caplog.records if record.levelname == "ERROR"]
    assert "t.md: " in record.getMessage()
    assert "results.json does not exist" in record.getMessage()
