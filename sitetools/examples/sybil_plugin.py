"""The Sybil plugin of `pytest docs`: each page as MkDocs renders it, a test per python block."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import markdown
import pytest
from pymdownx.snippets import SnippetMissingError
from sybil import Document, Example, Region

from sitetools.examples.blocks import block_from_section
from sitetools.examples.engine import PageBlock, page_run, start_command
from sitetools.examples.model import Fence, SiteError, fences, includes, relative, resolve
from sitetools.examples.prose_numbers import numbers_missing_in_english, unprinted_results
from sitetools.examples.recorded_references import result_problems
from sitetools.project import languages

HEADING_RE = re.compile(r"^# .+$", re.MULTILINE)
# The node ids of the per-page prose checks, which the summary does not count as examples.
PROSE_CHECKS: set[str] = set()


def config_file_for(page: Path) -> Path:
    for folder in page.resolve().parents:
        if (folder / "mkdocs.yml").is_file():
            return folder / "mkdocs.yml"
    raise SiteError(f"{page}: no mkdocs.yml above this page")


@cache
def snippet_preprocessor(config_file: Path):
    """pymdownx.snippets configured exactly as mkdocs.yml configures it for the build."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    md = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    return md.preprocessors["snippet"]


class ExpandedPage(Document):
    """A page whose includes are expanded by the same preprocessor MkDocs uses."""

    def __init__(self, text: str, path: str) -> None:
        super().__init__(text, path)
        page = Path(path)
        self.config_file = config_file_for(page)
        for fence in fences(text, page):
            if fence.include:
                resolve(fence.include, fence, self.config_file.parent)
        try:
            lines = snippet_preprocessor(self.config_file).run(text.split("\n"))
        except SnippetMissingError as error:
            raise SiteError(f"{relative(page)}: {error}") from None
        self.expanded = "\n".join(lines)
        self.page_blocks: list[PageBlock] = []


def parse_python_blocks(document: ExpandedPage) -> Iterator[Region]:
    page = Path(document.path)
    written = [fence for fence in fences(document.text, page) if fence.is_python]
    rendered = [fence for fence in fences(document.expanded, page) if fence.is_python]
    if len(written) != len(rendered):
        raise SiteError(
            f"{relative(page)}: {len(written)} python blocks on the page but "
            f"{len(rendered)} after expanding includes; a snippet must not contain a fence"
        )
    for fence, shown in zip(written, rendered, strict=True):
        if fence.include is None:
            yield Region(fence.start, fence.end, fence, report_inline_code)
            continue
        section = resolve(fence.include, fence, document.config_file.parent)
        if shown.body.rstrip("\n") != section.code.rstrip("\n"):
            raise SiteError(f"{fence.place}: the rendered block differs from {section.place}")
        block = block_from_section(section)
        if block.command and not block.needs_cuda:
            start_command(block)  # in the background while the other pages' blocks run
        document.page_blocks.append(PageBlock(fence, section, block))
        yield Region(fence.start, fence.end, len(document.page_blocks) - 1, check_page_block)


def parse_prose_numbers(document: ExpandedPage) -> Iterator[Region]:
    """One check per page, on its title line: the numbers its prose and translations state."""
    title = HEADING_RE.search(document.text)
    if title:
        line = document.text.count("\n", 0, title.start()) + 1
        PROSE_CHECKS.add(f"{Path(document.path).resolve()}::line:{line},column:1")
        yield Region(title.start(), title.end(), None, check_prose_numbers)


def check_prose_numbers(example: Example) -> str | None:
    document: ExpandedPage = example.document
    page, root = Path(document.path), document.config_file.parent
    codes = [resolve(include, fence, root).code for fence, include in includes(document.text, page)]
    problems = unprinted_results(page, document.text, codes)
    for language in languages(root)[1:]:
        translated = language.page(page)
        if not language.derived_from and translated.is_file():
            text = translated.read_text(encoding="utf-8")
            problems += numbers_missing_in_english(page, document.text, translated, text)
    return "\n".join(problems) or None


def report_inline_code(example: Example) -> str:
    fence: Fence = example.parsed
    return (
        f"{fence.place}: this python block is written inline; every block must be a "
        f'single include such as --8<-- "snippets/<page>.py:<section>"'
    )


def check_page_block(example: Example) -> str | None:
    """The engine's result for this block: skipped with its reason, or its mismatches."""
    document: ExpandedPage = example.document
    result = page_run(document.page_blocks).result(example.parsed)
    if result.skipped and os.environ.get("REQUIRE_CUDA"):
        return f"{result.example.place}: {result.skipped}, but REQUIRE_CUDA asks for every block"
    if result.skipped:
        pytest.skip(f"{result.example.place}: {result.skipped}")
    problems = result.problems() + result_problems(result, document.config_file.parent)
    return f"{result.example.place}\n" + "\n".join(problems) if problems else None


def summary(terminalreporter) -> None:
    """The last line of `pytest docs`: how many examples on how many pages printed their lines."""
    root = terminalreporter.config.rootpath
    passed = [
        r
        for r in terminalreporter.stats.get("passed", [])
        if ".md::" in r.nodeid and f"{root.resolve()}/{r.nodeid}" not in PROSE_CHECKS
    ]
    pages = {r.nodeid.split("::")[0] for r in passed}
    if passed:
        examples = f"{len(passed)} example{'s' if len(passed) != 1 else ''}"
        on_pages = f"{len(pages)} page{'s' if len(pages) != 1 else ''}"
        terminalreporter.write_line(
            f"docs: {examples} on {on_pages} ran and printed their #> lines"
        )
