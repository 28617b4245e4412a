"""Site-wide rules: translations match their English page, and every section is shown."""

from __future__ import annotations

import difflib
from pathlib import Path

from sitetools.pages import (
    DOCS_DIR,
    ROOT,
    SNIPPETS_DIR,
    english_pages,
    includes,
    relative,
    sections_in,
    snippet_module_for,
)


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
    """Each page draws only from its own snippet files at the mirrored path.

    That is the Python module, and for code that is not Python (shell commands, say) a file of
    the same name with its own suffix.
    """
    problems = []
    for page in english_pages(docs_dir):
        module = snippet_module_for(page, docs_dir, root).relative_to(root)
        for fence, include in includes(page.read_text(encoding="utf-8"), page):
            if Path(include.path).with_suffix("") != module.with_suffix(""):
                problems.append(
                    f"{fence.place}: includes {include.path}; "
                    f"this page's snippets are {module.as_posix()} (or another suffix)"
                )
    return problems


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
