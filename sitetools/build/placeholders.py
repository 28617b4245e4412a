"""`{{ name }}` in a page: the versions this build runs with, and the benchmark's figures.

A page that shows figures the benchmark has not measured (no `benchmarks/results.json`, or one
without a figure the page asks for) still builds: it shows "?" and says why, in its language.
"""

from __future__ import annotations

import platform
import re
from functools import cache
from importlib.metadata import version

from sitetools.examples.engine import cuda_available
from sitetools.examples.releases import recorded
from sitetools.measure.results import ResultsError, placeholders

PLACEHOLDER_RE = re.compile(r"\{\{\s*([\w.]+)\s*\}\}")


class UnknownPlaceholder(ValueError):
    pass


@cache
def environment() -> dict[str, str]:
    """What this build runs on, read from the environment rather than typed."""
    release = version("torch").split("+")[0]
    return {
        "torch_version": release,
        "python_version": platform.python_version(),
        "device": "CUDA GPU" if cuda_available() else "CPU",
        "checked_releases": ", ".join([entry["torch"] for entry in recorded()] or [release]),
    }


def fill(markdown: str, strings: dict[str, str]) -> str:
    values = dict(environment())
    unmeasured: list[str] = []

    def value(match: re.Match) -> str:
        name = match[1]
        if name.startswith("benchmark.") and not unmeasured and name not in values:
            try:  # Read only where a page shows a figure.
                values.update(placeholders())
            except ResultsError as error:
                unmeasured.append(str(error))
        if name in values:
            return values[name]
        if name.startswith("benchmark.") and unmeasured:
            return "?"
        known = ", ".join(sorted(values))
        raise UnknownPlaceholder(f"unknown placeholder {{{{ {name} }}}} (known: {known})")

    filled = PLACEHOLDER_RE.sub(value, markdown)
    if unmeasured:
        notice = strings["figures_not_measured"].format(reason=unmeasured[0])
        filled = after_title(filled, notice)
    return filled


def after_title(markdown: str, block: str) -> str:
    """The page with a Markdown block inserted under its `# Title` (or at its top)."""
    title = re.search(r"^# .+$", markdown, re.MULTILINE)
    if title is None:
        return f"{block}\n{markdown}"
    return f"{markdown[: title.end()]}\n\n{block}{markdown[title.end() :]}"
