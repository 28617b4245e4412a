"""The pages and snippets as data: a page's fences, the includes they hold, a file's sections."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from sitetools.project import ROOT, languages

DOCS_DIR = ROOT / "docs"
SNIPPETS_DIR = ROOT / "snippets"

PYTHON_LANGUAGES = frozenset({"python", "py", "python3", "py3"})

FENCE_RE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n`]*)\n"
    r"(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
FRONT_MATTER_RE = re.compile(r"\A---\n(?P<body>(?:.*\n)*?)---\n")
HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
INCLUDE_RE = re.compile(r'^--8<--\s+"(?P<path>[^":]+):(?P<section>[A-Za-z][\w-]*)"\s*$')
SECTION_MARKER_RE = re.compile(r"^\s*# --8<-- \[(?P<kind>start|end):(?P<name>[\w-]+)\]\s*$")


class SiteError(Exception):
    """A page or snippet that breaks one of the site's rules; the message names the place."""


@dataclass(frozen=True)
class Include:
    path: str
    section: str

    def __str__(self) -> str:
        return f"{self.path}:{self.section}"


@dataclass(frozen=True)
class Fence:
    page: Path
    line: int
    start: int
    end: int
    indent: str
    info: str
    body: str

    @property
    def language(self) -> str:
        words = self.info.strip().lstrip("{").lstrip(".").split()
        return words[0].lower() if words else ""

    @property
    def is_python(self) -> bool:
        return self.language in PYTHON_LANGUAGES

    @property
    def include(self) -> Include | None:
        lines = self.body.splitlines()
        match = INCLUDE_RE.match(lines[0]) if len(lines) == 1 else None
        return Include(match["path"], match["section"]) if match else None

    @property
    def place(self) -> str:
        return f"{relative(self.page)}, line {self.line}"


def front_matter(text: str) -> dict:
    """A page's YAML front matter; {} when it has none."""
    match = FRONT_MATTER_RE.match(text)
    return (yaml.safe_load(match["body"]) or {}) if match else {}


def blank_lines(match: re.Match) -> str:
    """What stands in for a match so that every line after it keeps its number."""
    return "\n" * match.group(0).count("\n")


def prose_of(text: str) -> str:
    """A page without its front matter, code blocks and HTML comments, each line in its place."""
    for pattern in (FRONT_MATTER_RE, FENCE_RE, HTML_COMMENT_RE):
        text = pattern.sub(blank_lines, text)
    return text


def relative(path: Path | str) -> str:
    path = Path(path)
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def fences(text: str, page: Path) -> list[Fence]:
    found = []
    for match in FENCE_RE.finditer(text):
        indent = match["indent"]
        body = "".join(
            line[len(indent) :] if line.startswith(indent) else line
            for line in match["body"].splitlines(keepends=True)
        )
        found.append(
            Fence(
                page=page,
                line=text.count("\n", 0, match.start()) + 1,
                start=match.start(),
                end=match.end(),
                indent=indent,
                info=match["info"],
                body=body,
            )
        )
    return found


def english_pages(docs_dir: Path = DOCS_DIR) -> list[Path]:
    suffixes = tuple(f".{language.code}.md" for language in languages(docs_dir.parent)[1:])
    return sorted(page for page in docs_dir.rglob("*.md") if not page.name.endswith(suffixes))


def snippet_module_for(page: Path, docs_dir: Path = DOCS_DIR, root: Path = ROOT) -> Path:
    """The one snippet module a page draws from, at the mirrored path."""
    mirrored = page.relative_to(docs_dir).with_suffix(".py")
    return root / "snippets" / Path(*(part.replace("-", "_") for part in mirrored.parts))


def includes(text: str, page: Path) -> list[tuple[Fence, Include]]:
    return [(fence, fence.include) for fence in fences(text, page) if fence.include]


@dataclass(frozen=True)
class Section:
    path: Path
    name: str
    start_line: int
    code: str
    line_numbers: tuple[int, ...]

    @property
    def place(self) -> str:
        return f"{relative(self.path)}:{self.start_line} [{self.name}]"


@cache
def _sections(path: Path, mtime: float) -> dict[str, Section]:
    lines = path.read_text(encoding="utf-8").split("\n")
    open_sections: dict[str, tuple[int, list[tuple[int, str]]]] = {}
    sections: dict[str, Section] = {}
    for number, line in enumerate(lines, start=1):
        marker = SECTION_MARKER_RE.match(line)
        if marker is None:
            for _, body in open_sections.values():
                body.append((number, line))
            continue
        name = marker["name"]
        place = f"{relative(path)}:{number}"
        if marker["kind"] == "start":
            if name in open_sections or name in sections:
                raise SiteError(f"{place}: section '{name}' is started twice")
            open_sections[name] = (number, [])
            continue
        if name not in open_sections:
            raise SiteError(f"{place}: section '{name}' ends but never started")
        start_line, body = open_sections.pop(name)
        # The same dedent pymdownx.snippets applies with dedent_subsections.
        code = textwrap.dedent("\n".join(text for _, text in body))
        sections[name] = Section(path, name, start_line, code, tuple(n for n, _ in body))
    for name, (start_line, _) in open_sections.items():
        raise SiteError(f"{relative(path)}:{start_line}: section '{name}' is never ended")
    return sections


def sections_in(path: Path) -> dict[str, Section]:
    return _sections(path, path.stat().st_mtime)


def resolve(include: Include, fence: Fence, root: Path = ROOT) -> Section:
    """The section a fence includes, or an error naming the page, the file and the section."""
    path = root / include.path
    if not path.is_file():
        raise SiteError(f"{fence.place}: snippet file '{include.path}' does not exist")
    found = sections_in(path)
    if include.section not in found:
        known = ", ".join(sorted(found)) or "none"
        raise SiteError(
            f"{fence.place}: section '{include.section}' is not in {include.path} "
            f"(sections there: {known})"
        )
    return found[include.section]
