"""`pytest docs`: run every python block on the English pages and check its `#>` lines."""

from sybil import Sybil

from sitetools.sybil_pages import ExpandedPage, parse_python_blocks

pytest_collect_file = Sybil(
    parsers=[parse_python_blocks],
    patterns=["*.md"],
    excludes=["*.zh-TW.md", "*.zh-CN.md"],
    document_types={".md": ExpandedPage},
).pytest()


def pytest_terminal_summary(terminalreporter):
    passed = [r for r in terminalreporter.stats.get("passed", []) if ".md::" in r.nodeid]
    pages = {r.nodeid.split("::")[0] for r in passed}
    if passed:
        examples = f"{len(passed)} example{'s' if len(passed) != 1 else ''}"
        on_pages = f"{len(pages)} page{'s' if len(pages) != 1 else ''}"
        terminalreporter.write_line(
            f"docs: {examples} on {on_pages} ran and printed their #> lines"
        )
