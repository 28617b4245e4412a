"""Sybil's view of a page: the Markdown as MkDocs renders it, and a check for each python block."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import markdown
import pytest
from pymdownx.snippets import SnippetMissingError
from sybil import Document, Example, Region

from sitetools.examples import PageBlock, PageRun
from sitetools.outputs import Block, describe_mismatch, run_block
from sitetools.pages import Fence, SiteError, fences, relative, resolve


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
        self.run: PageRun | None = None


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
        block = Block(shown.body, str(section.path.resolve()), section.line_numbers)
        yield Region(fence.start, fence.end, PageBlock(fence, section, block), run_page_block)


def report_inline_code(example: Example) -> str:
    fence: Fence = example.parsed
    return (
        f"{fence.place}: this python block is written inline; every block must be a "
        f'single include such as --8<-- "snippets/<page>.py:<section>"'
    )


@cache
def cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


def run_page_block(example: Example) -> str | None:
    item: PageBlock = example.parsed
    document: ExpandedPage = example.document
    if document.run is None:
        document.run = PageRun(cuda_available())
    reason = document.run.skip_reason(item.block)
    if reason:
        pytest.skip(f"{item.place}: {reason}")
    outcomes = run_block(item.block, document.run.namespace)
    problems = [
        describe_mismatch(item.block, outcome) for outcome in outcomes if not outcome.matches
    ]
    if problems:
        return f"{item.place}\n" + "\n".join(problems)
    return None
