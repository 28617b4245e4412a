"""The figures on "How this site is tested" come from benchmarks/results.json, never by hand."""

import json

import pytest

from sitetools.build.languages import strings
from sitetools.build.placeholders import UnknownPlaceholder, fill
from sitetools.measure.results import RESULTS, ResultsError, placeholders, table

FULL_MARKS = {"performance": 1, "accessibility": 1, "best-practices": 1, "seo": 1}
SLOW = {"performance": 0.91, "accessibility": 1, "best-practices": 1, "seo": 1}
RUN = {"passed": 10, "skipped": 1, "failed": 0, "command": "python -m pytest"}
RESULTS_JSON = {
    "measured_on": "2030-01-02T03:04:05+00:00",
    "load_average": {"start": [1.0], "end": [1.5]},
    "pytest_docs": {**RUN, "seconds": 22.54, "passed": 173, "skipped": 9},
    "quick_suite": {**RUN, "seconds": 90.0},
    "suite": {**RUN, "seconds": 540.0},
    "build": {"cold_seconds": 71.26, "warm_seconds": 12.0},
    "glue": {"sitetools": 300, "sitetools/examples": 700, "total": 1000},
    "pages": [
        {"url": "", "bytes": 404_810, "requests": 7, "diagrams": False},
        {"url": "zh-TW/tensors/", "bytes": 612_400, "requests": 7, "diagrams": False},
        {"url": "introduction/", "bytes": 1_390_000, "requests": 8, "diagrams": True},
    ],
    "lighthouse": {
        "runs": 3,
        "rerun": 5,
        "pages": [
            {"url": "", "scores": FULL_MARKS, "runs": [FULL_MARKS]},
            {"url": "zh-TW/tensors/", "scores": SLOW, "runs": [SLOW, SLOW, SLOW]},
        ],
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
        ("suite_seconds_met", "✗"),
        ("suite_minutes_target", "6"),
        ("quick_suite_ratio", "4.0"),
        ("quick_suite_ratio_met", "✓"),
        ("glue_lines", "1,000"),
        ("glue_lines_target", "1,400"),
        ("pytest_docs_passed", "173"),
        ("measured_on", "2030-01-02"),
        ("machine", "Example CPU, 2 cores, 23 GiB"),
        ("lighthouse_version", "13.5.0"),
        # The largest page is the largest without diagrams; diagram pages are reported apart.
        ("largest_page", "/zh-TW/tensors/"),
        ("largest_page_kb", "612"),
        ("largest_page_kb_met", "✗"),
        ("largest_diagram_page", "/introduction/"),
        ("largest_diagram_page_kb", "1,390"),
        # Lighthouse: the worst page's score stands for the site.
        ("lighthouse_performance", "91"),
        ("lighthouse_performance_target", "95"),
        ("lighthouse_performance_met", "✗"),
        ("lighthouse_slowest_page", "/zh-TW/tensors/"),
        ("lighthouse_accessibility_met", "✓"),
    ],
)
def test_each_placeholder_shows_its_figure_from_the_json(results, name, shown):
    assert placeholders(results)[f"benchmark.{name}"] == shown


def test_the_printed_table_marks_what_is_missed(results):
    printed = table(json.loads(results.read_text()))
    assert "suite_seconds" in printed and "MISSED" in printed
    assert "/zh-TW/tensors/" in printed.split("Lighthouse, slowest first")[1].splitlines()[1]


def test_a_missing_figure_is_named_with_the_command_that_measures_it(tmp_path):
    broken = {key: value for key, value in RESULTS_JSON.items() if key != "build"}
    path = tmp_path / "results.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ResultsError, match=r"has no 'build.warm_seconds'.*measure.benchmark"):
        placeholders(path)


def test_a_missing_results_file_is_reported(tmp_path):
    with pytest.raises(ResultsError, match=r"There is no results.json.*measure.benchmark"):
        placeholders(tmp_path / "results.json")


def test_the_committed_results_fill_every_benchmark_placeholder_of_the_pages():
    values = placeholders()
    text = fill("{{ benchmark.pytest_docs_seconds }} s", strings("en"))
    assert text == f"{values['benchmark.pytest_docs_seconds']} s"
    assert RESULTS.is_file()


def test_an_unknown_benchmark_placeholder_is_refused():
    with pytest.raises(UnknownPlaceholder, match=r"unknown placeholder \{\{ benchmark.nope"):
        fill("{{ benchmark.nope }}", strings("en"))
