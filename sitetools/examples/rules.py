"""The rules pages keep: code only by include, translations in step, every section shown once."""

from __future__ import annotations

import difflib
from pathlib import Path

from sitetools.examples.model import (
    DOCS_DIR,
    ROOT,
    SNIPPETS_DIR,
    Include,
    SiteError,
    english_pages,
    fences,
    includes,
    relative,
    resolve,
    sections_in,
    snippet_module_for,
)

# Languages whose fences are diagrams, not code; everything else must be an include.
DIAGRAM_LANGUAGES = frozenset({"mermaid"})


def inline_code(text: str, page: Path) -> list[str]:
    """Problems for every code fence on a page that is not a single snippet include."""
    return [
        f"{fence.place}: a ```{fence.language or 'text'} block is written inline; "
        f"put the code in a section under snippets/ and include it with "
        f'--8<-- "snippets/<module>.py:<section>"'
        for fence in fences(text, page)
        if fence.language not in DIAGRAM_LANGUAGES and fence.include is None
    ]


def include_list(text: str, page: Path) -> list[str]:
    return [str(include) for _, include in includes(text, page)]


def parity_problems(
    english: Path, english_text: str, translated: Path, translated_text: str
) -> list[str]:
    """How a translation's includes drift from its English page's, as a unified diff."""
    expected = include_list(english_text, english)
    found = include_list(translated_text, translated)
    if expected == found:
        return []
    diff = difflib.unified_diff(
        expected, found, relative(english), relative(translated), lineterm="", n=1
    )
    return [
        f"{relative(translated)} does not include the same sections, in the same order, "
        f"as {relative(english)}:\n" + "\n".join(diff)
    ]


def mirror_problems(docs_dir: Path = DOCS_DIR, root: Path = ROOT) -> list[str]:
    """Each page draws from its own snippet files at the mirrored path.

    That is the Python module, and for code that is not Python (shell commands, say) a file of
    the same name with its own suffix. A page may also show again a section that another page
    shows from its own files (a later chapter repeating a class it builds on); a section no page
    owns has no home and is reported.
    """
    pages = english_pages(docs_dir)
    owned = {
        (include.path, include.section)
        for page in pages
        for _, include in includes(page.read_text(encoding="utf-8"), page)
        if _mirrors(include, page, docs_dir, root)
    }
    problems = []
    for page in pages:
        module = snippet_module_for(page, docs_dir, root).relative_to(root)
        for fence, include in includes(page.read_text(encoding="utf-8"), page):
            shown_elsewhere = (include.path, include.section) in owned
            if not _mirrors(include, page, docs_dir, root) and not shown_elsewhere:
                problems.append(
                    f"{fence.place}: includes {include}; this page's snippets are "
                    f"{module.as_posix()} (or another suffix), and no page shows that section "
                    "from its own files"
                )
    return problems


def _mirrors(include: Include, page: Path, docs_dir: Path, root: Path) -> bool:
    module = snippet_module_for(page, docs_dir, root).relative_to(root)
    return Path(include.path).with_suffix("") == module.with_suffix("")


def snippet_files(snippets_dir: Path = SNIPPETS_DIR) -> list[Path]:
    return sorted(
        path
        for path in snippets_dir.rglob("*")
        if path.is_file() and path.name != "__init__.py" and "__pycache__" not in path.parts
    )


def orphan_sections(
    docs_dir: Path = DOCS_DIR, snippets_dir: Path = SNIPPETS_DIR, root: Path = ROOT
) -> list[str]:
    """Sections in snippets/ that no English page shows."""
    shown = {
        (str((root / include.path).resolve()), include.section)
        for page in english_pages(docs_dir)
        for _, include in includes(page.read_text(encoding="utf-8"), page)
    }
    return [
        f"{section.place}: no page includes this section"
        for module in snippet_files(snippets_dir)
        for section in sections_in(module).values()
        if (str(module.resolve()), section.name) not in shown
    ]


def page_problems(text: str, page: Path, root: Path = ROOT) -> list[str]:
    """Code written on the page and includes that do not resolve, each naming page and line."""
    problems = inline_code(text, page)
    for fence, include in includes(text, page):
        try:
            resolve(include, fence, root)
        except SiteError as error:
            problems.append(str(error))
    return problems
