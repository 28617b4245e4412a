"""`pytest docs`: run every python block on the English pages and check its `#>` lines."""

from pathlib import Path

from sybil import Sybil

from sitetools.examples.sybil_plugin import (
    ExpandedPage,
    parse_prose_numbers,
    parse_python_blocks,
    summary,
)
from sitetools.project import languages

pytest_collect_file = Sybil(
    parsers=[parse_python_blocks, parse_prose_numbers],
    patterns=["*.md"],
    excludes=[
        f"*.{language.code}.md"
        for language in languages(Path(__file__).resolve().parent.parent)[1:]
    ],
    document_types={".md": ExpandedPage},
).pytest()


def pytest_terminal_summary(terminalreporter):
    summary(terminalreporter)
