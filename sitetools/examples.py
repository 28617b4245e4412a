"""Every code block the English pages show, in page order, ready to run outside pytest."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sitetools.outputs import Block, Outcome, block_from_section, fresh_namespace, run_block
from sitetools.pages import DOCS_DIR, ROOT, Fence, Section, english_pages, includes, resolve


@dataclass(frozen=True)
class PageBlock:
    """A code block as a page shows it: the fence, the section it includes, the code to run."""

    fence: Fence
    section: Section
    block: Block

    @property
    def place(self) -> str:
        return f"{self.fence.place} ({self.fence.include})"


def page_blocks(page: Path, root: Path = ROOT) -> list[PageBlock]:
    text = page.read_text(encoding="utf-8")
    found = []
    for fence, include in includes(text, page):
        if fence.is_python:
            section = resolve(include, fence, root)
            found.append(PageBlock(fence, section, block_from_section(section)))
    return found


def site_blocks(docs_dir: Path = DOCS_DIR, root: Path = ROOT) -> Iterator[PageBlock]:
    for page in english_pages(docs_dir):
        yield from page_blocks(page, root)


def run_in_page_order(
    examples: list[PageBlock], cuda: bool
) -> Iterator[tuple[PageBlock, list[Outcome]]]:
    """Run a page's examples as `pytest docs` does, skipping CUDA-only ones without CUDA."""
    namespace = fresh_namespace()
    skipping = False
    for example in examples:
        if example.block.continues and skipping:
            continue
        skipping = example.block.needs_cuda and not cuda
        if skipping:
            continue
        if not example.block.continues:
            namespace = fresh_namespace()
        yield example, run_block(example.block, namespace)
