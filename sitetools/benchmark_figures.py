"""The figures `python -m sitetools.benchmark` measured, read from benchmarks/results.json.

The page "How this site is tested" shows them through `{{ benchmark.<name> }}` placeholders, so
no figure is ever typed by hand; the benchmark prints them from the same functions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sitetools.pages import ROOT, relative

RESULTS = ROOT / "benchmarks" / "results.json"
# Lighthouse's categories, with the score (0 to 1, as its JSON reports them) each must reach.
LIGHTHOUSE_TARGETS = {"performance": 0.97, "accessibility": 1.0, "best-practices": 1.0, "seo": 0.95}
CATEGORIES = tuple(LIGHTHOUSE_TARGETS)

# Figure name: ("<=" or ">=", limit).
TARGETS: dict[str, tuple[str, float]] = {
    "pytest_docs_seconds": ("<=", 40),
    "build_warm_seconds": ("<=", 15),
    "largest_page_kb": ("<=", 600),
    **{
        f"lighthouse_{page}_{category.replace('-', '_')}": (">=", limit)
        for page in ("home", "heaviest")
        for category, limit in LIGHTHOUSE_TARGETS.items()
    },
}


class BenchmarkError(Exception):
    """The results file is missing, or lacks a figure; the message says which and what to run."""


def pick(data: dict[str, Any], dotted: str, path: Path = RESULTS) -> Any:
    value: Any = data
    for key in dotted.split("."):
        if not isinstance(value, dict) or key not in value:
            raise BenchmarkError(
                f"{relative(path)} has no '{dotted}': measure again with "
                "`python -m sitetools.benchmark`"
            )
        value = value[key]
    return value


def load(path: Path = RESULTS) -> dict[str, Any]:
    if not path.is_file():
        raise BenchmarkError(
            f"{relative(path)} does not exist: measure with `python -m sitetools.benchmark`"
        )
    return json.loads(path.read_text(encoding="utf-8"))


def largest(pages: list[dict[str, Any]], diagrams: bool) -> dict[str, Any]:
    return max((page for page in pages if page["diagrams"] == diagrams), key=lambda p: p["bytes"])


def figures(data: dict[str, Any], path: Path = RESULTS) -> dict[str, float]:
    """The figures that have a target, as numbers (seconds, KB, scores from 0 to 1)."""
    values = {
        "pytest_docs_seconds": pick(data, "pytest_docs.seconds", path),
        "build_warm_seconds": pick(data, "build.warm_seconds", path),
        "largest_page_kb": largest(pick(data, "pages", path), diagrams=False)["bytes"] / 1000,
    }
    for page in ("home", "heaviest"):
        for category in CATEGORIES:
            score = pick(data, f"lighthouse.pages.{page}.scores.{category}", path)
            values[f"lighthouse_{page}_{category.replace('-', '_')}"] = score
    return values


def is_met(value: float, target: tuple[str, float]) -> bool:
    comparison, limit = target
    return value <= limit if comparison == "<=" else value >= limit


def show(name: str, value: float) -> str:
    """A figure as the page and the table show it: Lighthouse scores out of 100."""
    if name.startswith("lighthouse_"):
        return f"{round(value * 100)}"
    return f"{value:.0f}" if name.endswith("_kb") else f"{value:.1f}"


def placeholders(path: Path = RESULTS) -> dict[str, str]:
    """`benchmark.<name>`: formatted figures, their targets, and when and where they were taken."""
    data = load(path)

    def get(dotted: str) -> Any:
        return pick(data, dotted, path)

    numbers = figures(data, path)
    values = {name: show(name, value) for name, value in numbers.items()}
    for name, (comparison, limit) in get("targets").items():
        values[f"{name}_target"] = show(name, limit)
        values[f"{name}_met"] = "✓" if is_met(numbers[name], (comparison, limit)) else "✗"
    pages = get("pages")
    lightest, heaviest = largest(pages, diagrams=False), largest(pages, diagrams=True)
    cpu_count, cpu_model = get("machine.cpu_count"), get("machine.cpu_model")
    memory = f"{get('machine.memory_gib'):.0f}"
    values |= {
        "build_cold_seconds": show("build_cold_seconds", get("build.cold_seconds")),
        "suite_seconds": show("suite_seconds", get("suite.seconds")),
        "suite_minutes": f"{get('suite.seconds') / 60:.1f}",
        "pytest_docs_passed": str(get("pytest_docs.passed")),
        "pytest_docs_skipped": str(get("pytest_docs.skipped")),
        "largest_page": f"/{lightest['url']}",
        "largest_diagram_page": f"/{heaviest['url']}",
        "largest_diagram_page_kb": show("largest_page_kb", heaviest["bytes"] / 1000),
        "pages_measured": str(len(pages)),
        "lighthouse_heaviest_page": f"/{get('lighthouse.pages.heaviest.url')}",
        "lighthouse_runs": str(get("lighthouse.runs")),
        "measured_on": get("measured_on")[:10],
        "cpu_count": str(cpu_count),
        "cpu_model": cpu_model,
        "memory_gib": memory,
        "machine": f"{cpu_model}, {cpu_count} cores, {memory} GiB of memory",
    }
    for name in ("python", "torch", "chromium", "lighthouse"):
        values[f"{name}_version"] = str(get(f"machine.{name}_version"))
    return {f"benchmark.{name}": value for name, value in values.items()}


def table(data: dict[str, Any]) -> str:
    """Each figure next to its target (MISSED where missed), and what cost Lighthouse points."""
    machine = data["machine"]
    lines = [
        f"\nMeasured {data['measured_on']} on {machine['cpu_model']}, {machine['cpu_count']} "
        f"cores, {machine['memory_gib']} GiB; load average {data['load_average']}",
        f"{'figure':<38} {'measured':>10}  {'target':<8}",
    ]
    for name, value in figures(data).items():
        comparison, limit = data["targets"][name]
        met = "met" if is_met(value, (comparison, limit)) else "MISSED"
        lines.append(
            f"{name:<38} {show(name, value):>10}  {comparison} {show(name, limit):<5} {met}"
        )
    for name in ("pytest_docs", "suite"):
        run = data[name]
        counts = f"{run['passed']} passed, {run['skipped']} skipped, {run.get('failed', 0)} failed"
        lines.append(f"{name}: {counts}")
    kept = data["suite"].get("carried_over_from")
    lines += [
        f"{'build_cold_seconds':<38} {show('', data['build']['cold_seconds']):>10}",
        f"{'suite_seconds':<38} {show('', data['suite']['seconds']):>10}"
        + (f"  (NOT MEASURED NOW: kept from the run of {kept})" if kept else ""),
    ]
    pages = data["pages"]
    for diagrams in (False, True):
        page = largest(pages, diagrams)
        kind = "with" if diagrams else "without"
        lines.append(f"largest page {kind} diagrams: /{page['url']}, {page['bytes']:,} bytes")
    for name, page in data["lighthouse"]["pages"].items():
        lines.append(f"\nLighthouse {name} (/{page['url']}), scores of each run: {page['runs']}")
        for category, audits in page["not_full_marks"].items():
            lines.append(f"  {category}: " + "; ".join(f"{k} ({v})" for k, v in audits.items()))
    return "\n".join(lines)
