"""Every code block the English pages show, in page order, ready to run outside pytest."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sitetools.outputs import Block, Outcome, block_from_section, fresh_namespace, run_block
from sitetools.pages import DOCS_DIR, ROOT, Fence, Section, english_pages, includes, resolve

# Blocks that draw end with plt.show(): a window for a reader, nothing here, where no screen is.
os.environ.setdefault("MPLBACKEND", "Agg")


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


class PageRun:
    """How one page's blocks share state, the same for `pytest docs` and the tools.

    Each block starts from a fresh namespace unless it says it continues the previous one; a block
    that needs CUDA is skipped without it, and so is every block that continues a skipped one.
    """

    def __init__(self, cuda: bool) -> None:
        self.cuda = cuda
        self.namespace = fresh_namespace()
        self.skipping = False

    def skip_reason(self, block: Block) -> str | None:
        """Why this block cannot run here, or None after preparing its namespace."""
        if block.continues and self.skipping:
            return "continues a block that was skipped"
        self.skipping = block.needs_cuda and not self.cuda
        if self.skipping:
            return "needs a CUDA GPU; torch.cuda.is_available() is False here"
        if not block.continues:
            self.namespace = fresh_namespace()
        return None


def run_in_page_order(
    examples: list[PageBlock], cuda: bool
) -> Iterator[tuple[PageBlock, list[Outcome]]]:
    """Run a page's examples as `pytest docs` does, skipping CUDA-only ones without CUDA."""
    run = PageRun(cuda)
    for example in examples:
        if run.skip_reason(example.block) is None:
            yield example, run_block(example.block, run.namespace)
