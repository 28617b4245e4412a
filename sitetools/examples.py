"""Every example the English pages show, in page order, ready to run outside pytest."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sitetools.outputs import Block, Outcome, block_from_section, fresh_namespace, run_block
from sitetools.pages import DOCS_DIR, ROOT, Fence, Section, english_pages, includes, resolve


@dataclass(frozen=True)
class Example:
    fence: Fence
    section: Section
    block: Block

    @property
    def place(self) -> str:
        return f"{self.fence.place} ({self.section.place})"


def page_examples(page: Path, root: Path = ROOT) -> list[Example]:
    text = page.read_text(encoding="utf-8")
    found = []
    for fence, include in includes(text, page):
        if fence.is_python:
            section = resolve(include, fence, root)
            found.append(Example(fence, section, block_from_section(section)))
    return found


def site_examples(docs_dir: Path = DOCS_DIR, root: Path = ROOT) -> Iterator[Example]:
    for page in english_pages(docs_dir):
        yield from page_examples(page, root)


def run_in_page_order(
    examples: list[Example], cuda: bool
) -> Iterator[tuple[Example, list[Outcome]]]:
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
