"""The benchmark's figures, read from benchmarks/results.json, with their targets.

The page "How this site is tested" shows them through `{{ benchmark.<name> }}` placeholders, so
no figure is ever typed by hand; the benchmark prints its table from the same functions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sitetools.project import ROOT

RESULTS = ROOT / "benchmarks" / "results.json"
MEASURE = "measure with `python -m sitetools.measure.benchmark`."
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Figure name: ("<=" or ">=", limit). Lighthouse scores run from 0 to 1, as its JSON has them.
TARGETS: dict[str, tuple[str, float]] = {
    "pytest_docs_seconds": ("<=", 25),
    "quick_suite_ratio": ("<=", 5),
    "suite_seconds": ("<=", 360),
    "build_warm_seconds": ("<=", 10),
    "glue_lines": ("<=", 1400),
    "largest_page_kb": ("<=", 600),
    "lighthouse_performance": (">=", 0.95),
    "lighthouse_accessibility": (">=", 1.0),
    "lighthouse_best_practices": (">=", 1.0),
    "lighthouse_seo": (">=", 1.0),
}


class ResultsError(Exception):
    """The results are missing or lack a figure; the message says which and what to run."""


def pick(data: dict[str, Any], dotted: str, path: Path = RESULTS) -> Any:
    for key in dotted.split("."):
        if not isinstance(data, dict) or key not in data:
            raise ResultsError(f"{path.name} has no '{dotted}': {MEASURE}")
        data = data[key]
    return data


def largest(pages: list[dict[str, Any]], diagrams: bool) -> dict[str, Any]:
    return max((page for page in pages if page["diagrams"] == diagrams), key=lambda p: p["bytes"])


def figures(data: dict[str, Any], path: Path = RESULTS) -> dict[str, float]:
    """The figures that have a target, as numbers (seconds, KB, scores from 0 to 1)."""
    docs = pick(data, "pytest_docs.seconds", path)
    values = {
        "pytest_docs_seconds": docs,
        "quick_suite_ratio": pick(data, "quick_suite.seconds", path) / docs,
        "suite_seconds": pick(data, "suite.seconds", path),
        "build_warm_seconds": pick(data, "build.warm_seconds", path),
        "glue_lines": pick(data, "glue.total", path),
        "largest_page_kb": largest(pick(data, "pages", path), diagrams=False)["bytes"] / 1000,
    }
    # A page's score is the median of its runs (several only for the slowest); the worst counts.
    for category in CATEGORIES:
        scores = (page["scores"][category] for page in pick(data, "lighthouse.pages", path))
        values[f"lighthouse_{category.replace('-', '_')}"] = min(scores)
    return values


def is_met(value: float, target: tuple[str, float]) -> bool:
    comparison, limit = target
    return value <= limit if comparison == "<=" else value >= limit


def show(name: str, value: float) -> str:
    """A figure as the page and the table show it: Lighthouse scores out of 100."""
    if name.startswith("lighthouse_"):
        return f"{round(value * 100)}"
    return f"{value:,.0f}" if name.endswith(("_kb", "_lines")) else f"{value:.1f}"


def placeholders(path: Path = RESULTS) -> dict[str, str]:
    """`benchmark.<name>`: formatted figures, their targets, and when and where they were taken."""
    if not path.is_file():
        raise ResultsError(f"There is no {path.name}: {MEASURE}")
    data = json.loads(path.read_text(encoding="utf-8"))

    def get(dotted: str) -> Any:
        return pick(data, dotted, path)

    values = {}
    for name, value in figures(data, path).items():
        values[name] = show(name, value)
        values[f"{name}_target"] = show(name, TARGETS[name][1])
        values[f"{name}_met"] = "✓" if is_met(value, TARGETS[name]) else "✗"
    lightest, heaviest = largest(get("pages"), diagrams=False), largest(get("pages"), diagrams=True)
    slowest = min(get("lighthouse.pages"), key=lambda page: page["scores"]["performance"])
    values |= {
        "build_cold_seconds": show("", get("build.cold_seconds")),
        "suite_minutes": f"{get('suite.seconds') / 60:.1f}",
        "suite_minutes_target": f"{TARGETS['suite_seconds'][1] / 60:.0f}",
        "quick_suite_seconds": show("", get("quick_suite.seconds")),
        "pytest_docs_passed": str(get("pytest_docs.passed")),
        "pytest_docs_skipped": str(get("pytest_docs.skipped")),
        "largest_page": f"/{lightest['url']}",
        "largest_diagram_page": f"/{heaviest['url']}",
        "largest_diagram_page_kb": show("largest_page_kb", heaviest["bytes"] / 1000),
        "pages_measured": str(len(get("pages"))),
        "lighthouse_slowest_page": f"/{slowest['url']}",
        "lighthouse_runs": str(get("lighthouse.runs")),
        "lighthouse_rerun": str(get("lighthouse.rerun")),
        "measured_on": get("measured_on")[:10],
        "machine": f"{get('machine.cpu_model')}, {get('machine.cpu_count')} cores, "
        f"{get('machine.memory_gib'):.0f} GiB",
    }
    for name in ("python", "torch", "chromium", "lighthouse"):
        values[f"{name}_version"] = str(get(f"machine.{name}_version"))
    return {f"benchmark.{name}": value for name, value in values.items()}


def table(data: dict[str, Any]) -> str:
    """Each figure next to its target (MISSED where missed), and what cost Lighthouse points."""
    machine, build = data["machine"], data["build"]
    lines = [
        f"\nMeasured {data['measured_on']} on {machine['cpu_model']}, {machine['cpu_count']} "
        f"cores, {machine['memory_gib']} GiB; load average {data['load_average']}",
        f"{'figure':<30} {'measured':>10}  {'target':<8}",
    ]
    for name, value in figures(data).items():
        comparison, limit = TARGETS[name]
        met = "met" if is_met(value, TARGETS[name]) else "MISSED"
        lines.append(
            f"{name:<30} {show(name, value):>10}  {comparison} {show(name, limit):<5} {met}"
        )
    for name in ("pytest_docs", "quick_suite", "suite"):
        run = data[name]
        lines.append(
            f"{name}: {run['passed']} passed, {run['skipped']} skipped, {run['failed']} failed "
            f"in {run['seconds']} s ({run['command']})"
        )
    lines.append(f"glue lines: {data['glue']}")
    if "kept_from" in data:
        lines.append(f"builds, pages and Lighthouse: KEPT from the run of {data['kept_from']}")
    lines.append(f"build: cold {build['cold_seconds']} s, warm {build['warm_seconds']} s")
    for diagrams, kind in ((False, "without"), (True, "with")):
        page = largest(data["pages"], diagrams)
        lines.append(f"largest page {kind} diagrams: /{page['url']}, {page['bytes']:,} bytes")
    lines.append("\nLighthouse, slowest first (median of the runs shown):")
    for page in sorted(data["lighthouse"]["pages"], key=lambda p: p["scores"]["performance"]):
        scores = " ".join(f"{show('lighthouse_', page['scores'][c]):>3}" for c in CATEGORIES)
        runs = ",".join(show("lighthouse_", run["performance"]) for run in page["runs"])
        lines.append(f"  /{page['url']:<42} {scores}  performance runs: {runs}")
        for category, audits in page.get("not_full_marks", {}).items():
            lines.append(f"      {category}: " + "; ".join(f"{k} ({v})" for k, v in audits.items()))
    return "\n".join(lines)
