"""Which version of its English page a translation translates, and what has changed since.

A translated page (zh-TW; zh-CN is derived from it and has none) records in its front matter a
short hash of every paragraph of its English page's prose, in order:

    ---
    description: ...
    translates: >-
      3f2a9c1e 0b7d44a2 ...
    ---

The prose is the page without its front matter, code blocks and HTML comments; a paragraph is a
run of lines between blank lines, and each heading, list item, table row, admonition title and
link definition is a paragraph of its own. Whitespace does not count, so rewrapping a paragraph
changes nothing. When the English page moves on, the test of the translations names the
translation and each English paragraph that is new or changed since. Once the translation says
what the English page now says, record that:

    python -m sitetools.build.translation_record                        # every translation
    python -m sitetools.build.translation_record docs/tensors.zh-TW.md  # only the pages named

Only the record in the front matter is rewritten; the rest of the page stays byte for byte.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from sitetools.examples.model import (
    DOCS_DIR,
    FRONT_MATTER_RE,
    english_pages,
    front_matter,
    prose_of,
    relative,
)
from sitetools.project import ROOT, Language, language_of, languages

KEY = "translates"
COMMAND = "python -m sitetools.build.translation_record"
HASHES_PER_LINE = 10
QUOTED = 60
# A line that starts a paragraph of its own, even right under another line.
STARTS_RE = re.compile(r"#{1,6}\s|[-*+]\s|\d+[.)]\s|\||!!!|\?\?\?|\[[^\]]+\]:")
TITLE_RE = re.compile(r"!!!|\?\?\?")
# The record's lines in the front matter: the key, then its indented continuation lines.
RECORD_RE = re.compile(rf"^{KEY}:.*\n(?:[ \t]+.*\n)*", re.MULTILINE)


@dataclass(frozen=True)
class Paragraph:
    line: int
    text: str

    @property
    def hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:8]

    @property
    def quoted(self) -> str:
        short = self.text if len(self.text) <= QUOTED else self.text[:QUOTED].rstrip() + "..."
        return f'"{short}"'


def paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of a page's prose, each with the line it starts on, whitespace collapsed."""
    found: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for number, line in enumerate(prose_of(text).split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            current = None
        elif current is None or STARTS_RE.match(stripped):
            current = [stripped]
            found.append((number, current))
            # An admonition's title line stands alone; its body starts under it.
            if TITLE_RE.match(stripped):
                current = None
        else:
            current.append(stripped)
    return [Paragraph(number, " ".join(" ".join(lines).split())) for number, lines in found]


def hashes(text: str) -> list[str]:
    return [paragraph.hash for paragraph in paragraphs(text)]


def recorded(text: str) -> list[str] | None:
    """The hashes a translation's front matter records, or None when it records none."""
    value = front_matter(text).get(KEY)
    return None if value is None else str(value).split()


def with_record(text: str, record: list[str]) -> str:
    """The page with `record` in its front matter, the old one replaced; nothing else changes."""
    rows = [record[i : i + HASHES_PER_LINE] for i in range(0, len(record), HASHES_PER_LINE)]
    lines = f"{KEY}: >-\n" + "".join(f"  {' '.join(row)}\n" for row in rows)
    if not record:
        lines = f'{KEY}: ""\n'
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return f"---\n{lines}---\n{text}"
    body = RECORD_RE.sub("", match["body"]) + lines
    return f"---\n{body}---\n" + text[match.end() :]


def translated_languages(root: Path = ROOT) -> list[Language]:
    """The languages written by hand, other than English: those that keep a record."""
    return [language for language in languages(root)[1:] if not language.derived_from]


def english_page(translation: Path) -> Path:
    code = language_of(translation).code
    return translation.with_name(translation.name.removesuffix(f".{code}.md") + ".md")


def translations(docs_dir: Path = DOCS_DIR, root: Path = ROOT) -> list[Path]:
    """Every translated page there is, English page by English page."""
    found = []
    for english in english_pages(docs_dir):
        found += [lang.page(english) for lang in translated_languages(root)]
    return [page for page in found if page.is_file()]


def staleness(translation: Path) -> str | None:
    """What is new or changed in the English page since the version the translation records."""
    english = english_page(translation)
    text = translation.read_text(encoding="utf-8")
    refresh = f"  {COMMAND} {relative(translation)}"
    old = recorded(text)
    if old is None:
        return (
            f"{relative(translation)} records no version of {relative(english)} (no `{KEY}:` in "
            "its front matter). Once it says what the English page says, record that with\n"
            + refresh
        )
    current = paragraphs(english.read_text(encoding="utf-8"))
    new = [paragraph.hash for paragraph in current]
    if old == new:
        return None
    problems = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        kind = "changed" if tag == "replace" else "new"
        problems += [f"  line {p.line}, {kind}: {p.quoted}" for p in current[j1:j2]]
        gone = (i2 - i1) - (j2 - j1) if tag == "replace" else i2 - i1 if tag == "delete" else 0
        if gone > 0:
            where = f"before line {current[j2].line}" if j2 < len(current) else "at the end"
            said = "1 paragraph" if gone == 1 else f"{gone} paragraphs"
            problems.append(f"  {where}: {said} of the recorded version gone")
    return (
        f"{relative(translation)} translates an older version of {relative(english)}. What "
        "changed in the English page since the version it records:\n"
        + "\n".join(problems)
        + "\nUpdate the translation to match, then record the version it now translates with\n"
        + refresh
    )


def refresh(translation: Path) -> bool:
    """Record the English page's current prose in the translation; True if the file changed."""
    text = translation.read_text(encoding="utf-8")
    english = english_page(translation).read_text(encoding="utf-8")
    updated = with_record(text, hashes(english))
    if updated != text:
        translation.write_bytes(updated.encode("utf-8"))
    return updated != text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "pages", nargs="*", type=Path, help="translated pages (default: every translation)"
    )
    args = parser.parse_args(argv)
    pages = args.pages or translations()
    written = {language.code for language in translated_languages()}
    problems = [
        f"{relative(page)} is not a page translated by hand"
        if language_of(page).code not in written
        else f"{relative(page)} has no English page {relative(english_page(page))}"
        for page in pages
        if language_of(page).code not in written or not english_page(page).is_file()
    ]
    if problems:
        print("\n".join([*problems, "Nothing recorded."]), file=sys.stderr)
        return 1
    for page in pages:
        if refresh(page):
            print(f"recorded {relative(page)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
