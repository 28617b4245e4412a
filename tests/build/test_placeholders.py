"""Placeholders: filled from the environment and the benchmark's results, never typed."""

import platform
from importlib.metadata import version

import pytest

from sitetools.build import placeholders
from sitetools.build.languages import strings
from sitetools.build.placeholders import UnknownPlaceholder, environment
from sitetools.examples import engine
from sitetools.measure.results import placeholders as figures

ENGLISH = strings("en")


def fill_placeholders(text: str, _page: str = "") -> str:
    return placeholders.fill(text, ENGLISH)


def test_placeholders_are_filled_from_the_environment():
    text = fill_placeholders(
        "torch {{ torch_version }} on {{device}}, Python {{ python_version }}", "x.md"
    )
    assert text == (
        f"torch {version('torch').split('+')[0]} on {environment()['device']}, "
        f"Python {platform.python_version()}"
    )


def test_the_device_is_what_torch_sees(monkeypatch):
    import torch

    assert environment()["device"] == ("CUDA GPU" if torch.cuda.is_available() else "CPU")
    monkeypatch.setattr(engine, "version", lambda name: "2.13.0+cpu")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)  # never asked
    engine.cuda_available.cache_clear()
    try:
        assert engine.cuda_available() is False, "a CPU build of torch sees no GPU"
    finally:
        engine.cuda_available.cache_clear()


def test_an_unknown_placeholder_is_refused():
    with pytest.raises(UnknownPlaceholder, match=r"unknown placeholder \{\{ torch_verison \}\}"):
        fill_placeholders("{{ torch_verison }}", "index.md")


def test_text_without_placeholders_is_unchanged():
    assert fill_placeholders("a {b} and {{ not closed", "x.md") == "a {b} and {{ not closed"


def test_without_results_the_page_shows_question_marks_and_says_why(tmp_path, monkeypatch):
    missing = tmp_path / "results.json"
    monkeypatch.setattr(placeholders, "placeholders", lambda: figures(missing))
    text = fill_placeholders(
        "# Tested\n\nTook {{ benchmark.pytest_docs_seconds }} s on {{ device }}.\n"
    )
    assert "Took ? s on" in text
    assert text.startswith('# Tested\n\n!!! warning "These figures are not measured yet"')
    assert "There is no results.json: measure with `python -m sitetools.measure.benchmark`." in text


def test_results_without_a_figure_the_page_asks_for_are_stale(tmp_path, monkeypatch):
    stale = tmp_path / "results.json"
    stale.write_text('{"measured_on": "2026-01-01T00:00:00+00:00"}')
    monkeypatch.setattr(placeholders, "placeholders", lambda: figures(stale))
    text = fill_placeholders("# Tested\n\n{{ benchmark.suite_minutes }} min\n")
    assert "? min" in text and "results.json has no 'pytest_docs.seconds'" in text
