"""A chapter as notebook cells: its prose as Markdown, its python blocks as code, in page order.

Jupyter's Markdown has no admonitions, so a note or an exercise's solution becomes a bold title
over its text. The figures a code cell draws are its output, so the page's image of one is left
out; links to other chapters point at the site, relative to the notebook's own address there.
Shell commands and diagrams stay as fenced blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sitetools.build.comments import translated_code
from sitetools.examples import model
from sitetools.examples.model import SiteError, relative

ADMONITION_RE = re.compile(
    r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+(?P<kind>[\w-]+)(?:[ \t]+\"(?P<title>[^\"]*)\")?"
    r"[ \t]*$"
)
FIGURE_RE = re.compile(r"^[ \t]*!\[[^\]]*\]\(figures/[^)]*\)[ \t]*$")
CHAPTER_LINK_RE = re.compile(r"\]\((?P<page>[\w-]+)\.md(?P<anchor>#[\w-]+)?\)")
INDENT = 4


@dataclass(frozen=True)
class NotebookCell:
    kind: str  # "markdown" or "code"
    source: str
    section: str | None = None


def chapter_link(match: re.Match) -> str:
    """A link from the notebook (notebooks/<stem>.ipynb) to another chapter of the site."""
    page, anchor = match["page"], match["anchor"] or ""
    return f"](../{'' if page == 'index' else page + '/'}{anchor})"


def notebook_cells(
    text: str, page: Path, english: Path, root: Path, language_code: str
) -> list[NotebookCell]:
    """The cells of a chapter written in `text` (the page in its language); the code of its
    python blocks comes from the sections the English page includes, in the same order, with
    its comments in that language."""
    body = model.FRONT_MATTER_RE.sub(model.blank_lines, text)
    english_blocks = model.includes(english.read_text(encoding="utf-8"), english)
    fences = {fence.line: fence for fence in model.fences(body, page)}
    shown = [fence for fence in fences.values() if fence.include]
    if len(shown) != len(english_blocks):
        raise SiteError(
            f"{relative(page)}: {len(shown)} blocks, but {relative(english)} has "
            f"{len(english_blocks)}"
        )
    sections = iter(english_blocks)
    cells: list[NotebookCell] = []
    prose: list[str] = []
    open_admonitions: list[int] = []

    def flush() -> None:
        markdown = "\n".join(prose).strip("\n")
        if markdown.strip():
            cells.append(NotebookCell("markdown", markdown))
        prose.clear()

    lines = body.split("\n")
    number = 0
    while number < len(lines):
        line = lines[number]
        indent = len(line) - len(line.lstrip(" "))
        if line.strip():
            while open_admonitions and indent < open_admonitions[-1] + INDENT:
                open_admonitions.pop()
        shift = INDENT * len(open_admonitions)
        fence = fences.get(number + 1)
        if fence is not None:
            number = body.count("\n", 0, fence.end) + 1
            if fence.include is None:
                prose.append(dedented(body[fence.start : fence.end], shift))
            elif fence.is_python:
                english_fence, include = next(sections)
                flush()
                section = model.resolve(include, english_fence, root)
                code = translated_code(section, language_code, root).rstrip("\n")
                cells.append(NotebookCell("code", code, include.section))
            else:
                next(sections)
                section = model.resolve(fence.include, fence, root)
                code = translated_code(section, language_code, root).rstrip("\n")
                prose.append(f"```{fence.language}\n{code}\n```")
            continue
        admonition = ADMONITION_RE.match(line)
        if admonition:
            title = admonition["title"] or admonition["kind"].capitalize()
            prose.append(dedented(f"{admonition['indent']}**{title}**", shift))
            prose.append("")
            open_admonitions.append(len(admonition["indent"]))
        elif not FIGURE_RE.match(line):
            prose.append(CHAPTER_LINK_RE.sub(chapter_link, dedented(line, shift)))
        number += 1
    flush()
    return cells


def dedented(text: str, spaces: int) -> str:
    """Each line without the indentation its enclosing admonitions added."""
    return "\n".join(
        line[spaces:] if line[:spaces].strip() == "" else line.lstrip() for line in text.split("\n")
    )
