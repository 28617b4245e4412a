"""Comments and docstrings of the examples in the reader's language; the code stays as it is.

`docs/comments.<code>.yml` holds a hand-written language's translations, keyed by snippet file and
then by the English text: a comment (a run of whole-line comments that follow one another at the
same indentation is one entry, its lines joined by spaces), or a docstring. Entries under
`every file` serve every snippet file; a `{name}` in one of their keys stands for any text, which
the translation repeats. A derived language (zh-CN) converts its source's file as it converts the
pages. What is never translated: `#>` output lines, `# --8<--` markers, tool pragmas, strings.

On a translated page each block shows its section's code with these replaced, and the copy button
copies exactly that; tests/examples/test_engine.py runs it as the English code is run.
"""

from __future__ import annotations

import ast
import inspect
import io
import re
import tokenize
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from sitetools.build.languages import convert
from sitetools.examples.blocks import (
    CONTINUES_RE,
    NEEDS_CUDA_RE,
    OUTPUT_MARK,
    RUN_WITH_RE,
    expected_lines,
)
from sitetools.examples.model import Section, fences, relative, resolve, sections_in
from sitetools.project import ROOT, language, language_of, languages

EVERY_FILE = "every file"
SHELL_SUFFIXES = (".sh",)
# Comments that are not prose: output, section markers, and what tools read.
KEPT_RE = re.compile(rf"^{OUTPUT_MARK}|^# --8<--|^#\s*(noqa|type:|fmt:|pragma|ruff:)|^#!")
# What `update` writes over recorded GPU output; like a header convention, it stands alone.
LABEL_RE = re.compile(r"^# Output recorded on ")
ALONE = (CONTINUES_RE, NEEDS_CUDA_RE, RUN_WITH_RE, LABEL_RE)
FIELD_RE = re.compile(r"\\\{(\w+)\\\}")


def translations_file(code: str, root: Path = ROOT) -> Path:
    return root / "docs" / f"comments.{code}.yml"


@dataclass(frozen=True)
class Comment:
    """One piece of prose in a section's code: where it is, and its English text (the key)."""

    first_row: int  # 1-based rows of the code it sits in
    last_row: int
    column: int
    text: str
    kind: str  # "comment" (whole lines), "trailing" (after code) or "docstring"
    end_column: int = 0  # a docstring's end
    indent: str = ""


def _comment_text(token: str) -> str:
    return token[1:].strip()


def _shell_comments(code: str) -> list[tuple[int, int, str]]:
    """(row, column, comment) of each comment in shell code, quotes respected."""
    found = []
    for row, line in enumerate(code.split("\n"), start=1):
        quote = None
        for column, char in enumerate(line):
            if quote:
                quote = None if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char == "#" and (column == 0 or line[column - 1].isspace()):
                found.append((row, column, line[column:]))
                break
    return found


def _python_comments(code: str) -> list[tuple[int, int, str]]:
    tokens = tokenize.generate_tokens(io.StringIO(code).readline)
    return [(t.start[0], t.start[1], t.string) for t in tokens if t.type == tokenize.COMMENT]


def comments(code: str, shell: bool = False) -> list[Comment]:
    """The translatable comments and docstrings of some code, in order."""
    lines = code.split("\n")
    found: list[Comment] = []
    raw = _shell_comments(code) if shell else _python_comments(code)
    for row, column, token in raw:
        if KEPT_RE.match(token):
            continue
        whole_line = not lines[row - 1][:column].strip()
        if not whole_line:
            found.append(Comment(row, row, column, _comment_text(token), "trailing"))
            continue
        previous = found[-1] if found else None
        if (
            previous is not None
            and previous.kind == "comment"
            and previous.last_row == row - 1
            and previous.column == column
            and not any(rule.match(token) for rule in ALONE)
            and not any(rule.match(f"# {previous.text}") for rule in ALONE)
        ):
            found[-1] = Comment(
                previous.first_row,
                row,
                column,
                f"{previous.text} {_comment_text(token)}",
                "comment",
            )
        else:
            found.append(Comment(row, row, column, _comment_text(token), "comment"))
    if not shell:
        found += _docstrings(code)
    return sorted(found, key=lambda comment: (comment.first_row, comment.column))


def _characters(line: str, offset: int) -> int:
    return len(line.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))


def _docstrings(code: str) -> list[Comment]:
    found, lines = [], code.split("\n")
    for node in ast.walk(ast.parse(code)):
        kinds = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
        if not isinstance(node, kinds) or not node.body:
            continue
        first = node.body[0]
        if not (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
        ):
            continue
        string = first.value
        last_row = string.end_lineno or string.lineno
        # ast counts columns in UTF-8 bytes; the lines here are counted in characters.
        column = _characters(lines[string.lineno - 1], string.col_offset)
        end_column = _characters(lines[last_row - 1], string.end_col_offset or 0)
        text = inspect.cleandoc(string.value)
        found.append(
            Comment(string.lineno, last_row, column, text, "docstring", end_column, " " * column)
        )
    return found


def _rendered(comment: Comment, translation: str, lines: list[str]) -> tuple[int, int, str]:
    """(first row, last row, the new text of those rows) for a translated comment."""
    first, last = lines[comment.first_row - 1], lines[comment.last_row - 1]
    if comment.kind == "comment":
        pad = " " * comment.column
        rows = "\n".join(f"{pad}# {line}".rstrip() for line in translation.split("\n"))
        return comment.first_row, comment.last_row, rows
    if comment.kind == "trailing":
        # Inserted as it is: a translation that breaks the line breaks the code, and the run of
        # the translated code (tests/examples/test_engine.py) says so.
        return comment.first_row, comment.first_row, f"{first[: comment.column]}# {translation}"
    opening = re.match(r"[rRuU]*(\"\"\"|'''|\"|')", first[comment.column :])
    prefix, quote = (opening.group(0), opening.group(1)) if opening else ('"""', '"""')
    closing_on_own_line = (
        comment.first_row != comment.last_row
        and not last[: comment.end_column - len(quote)].strip()
    )
    head, *rest = translation.split("\n")
    body = "\n".join([head, *(comment.indent + line if line else "" for line in rest)])
    if closing_on_own_line:
        body += "\n" + comment.indent
    text = f"{first[: comment.column]}{prefix}{body}{quote}{last[comment.end_column :]}"
    return comment.first_row, comment.last_row, text


def translate(code: str, lookup, shell: bool = False) -> str:
    """The code with each comment and docstring `lookup` translates replaced (None: kept)."""
    lines = code.split("\n")
    for comment in reversed(comments(code, shell)):
        translation = lookup(comment.text)
        if translation is None:
            continue
        first, last, text = _rendered(comment, translation, lines)
        lines[first - 1 : last] = [text]
    return "\n".join(lines)


@dataclass(frozen=True)
class Translations:
    """A language's translations: per snippet file (its path from the root), and for every file."""

    code: str
    files: dict[str, dict[str, str]]
    every_file: dict[str, str]

    def lookup(self, path: str):
        own = self.files.get(path, {})
        patterns = [(key, _pattern(key), value) for key, value in self.every_file.items()]

        def find(text: str) -> str | None:
            if text in own:
                return own[text]
            for key, pattern, value in patterns:
                if pattern is None and key == text:
                    return value
                match = pattern.fullmatch(text) if pattern else None
                if match:
                    return value.format(**match.groupdict())
            return None

        return find


@cache
def _pattern(key: str) -> re.Pattern | None:
    escaped = re.escape(key)
    if not FIELD_RE.search(escaped):
        return None
    return re.compile(FIELD_RE.sub(lambda m: f"(?P<{m[1]}>.+?)", escaped))


def _read(path: Path) -> dict:
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ValueError(f"{relative(path)}: expected a mapping of file -> English -> translation")
    return data


def _translations(code: str, root: Path) -> Translations:
    target = language(code, root)
    if target.derived_from:
        source = translations(target.derived_from, root)
        files = {
            path: {english: convert(text, target) for english, text in entries.items()}
            for path, entries in source.files.items()
        }
        every = {english: convert(text, target) for english, text in source.every_file.items()}
        return Translations(code, files, every)
    data = _read(translations_file(code, root))
    every = {str(k): str(v) for k, v in (data.pop(EVERY_FILE, None) or {}).items()}
    files = {path: {str(k): str(v) for k, v in entries.items()} for path, entries in data.items()}
    return Translations(code, files, every)


_CACHE: dict[tuple, Translations] = {}


def translations(code: str, root: Path = ROOT) -> Translations:
    target = language(code, root)
    path = translations_file(target.derived_from or code, root)
    key = (code, root, path.stat().st_mtime if path.is_file() else None)
    if key not in _CACHE:
        _CACHE[key] = _translations(code, root)
    return _CACHE[key]


def is_shell(path: Path | str) -> bool:
    return str(path).endswith(SHELL_SUFFIXES)


def snippet_key(path: Path, root: Path = ROOT) -> str:
    """How the translations file names a snippet file: `snippets/autograd.py`."""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def translated_code(section: Section, code: str, root: Path = ROOT) -> str:
    """A section's code as a page in the language `code` shows it."""
    target = language(code, root)
    if target.default:
        return section.code
    lookup = translations(code, root).lookup(snippet_key(section.path, root))
    return translate(section.code, lookup, is_shell(section.path))


def with_translated_comments(markdown: str, page: Path, root: Path = ROOT) -> str:
    """A translated page with each included block's code written out, its comments translated.

    Call it after every step that reads the include lines (the reference links)."""
    target = language_of(page.name, root)
    if target.default:
        return markdown
    pieces, start = [], 0
    for fence in fences(markdown, page):
        if fence.include is None:
            continue
        section = resolve(fence.include, fence, root)
        code = translated_code(section, target.code, root)
        if code == section.code:
            continue
        opening = markdown[fence.start : markdown.index("\n", fence.start) + 1]
        closing = markdown[fence.start : fence.end].rsplit("\n", 1)[1]
        body = "".join(f"{fence.indent}{line}\n" if line else "\n" for line in code.split("\n"))
        pieces += [markdown[start : fence.start], opening, body, closing]
        start = fence.end
    return "".join([*pieces, markdown[start:]])


def snippet_files(root: Path = ROOT) -> list[Path]:
    folder = root / "snippets"
    return sorted([*folder.glob("*.py"), *folder.glob("*.sh")])


def file_comments(path: Path) -> list[tuple[int, Comment]]:
    """Each translatable comment of a snippet file's sections, with its line in the file."""
    seen, found = set(), []
    for section in sections_in(path).values():
        for comment in comments(section.code, is_shell(path)):
            line = section.line_numbers[comment.first_row - 1]
            if (line, comment.column) not in seen:
                seen.add((line, comment.column))
                found.append((line, comment))
    return sorted(found, key=lambda pair: pair[0])


def untranslated(code: str, root: Path = ROOT) -> list[str]:
    """Comments a language has no translation for, each naming its file and line."""
    store = translations(code, root)
    where = relative(translations_file(code, root))
    problems = []
    for path in snippet_files(root):
        key = snippet_key(path, root)
        lookup = store.lookup(key)
        for line, comment in file_comments(path):
            if lookup(comment.text) is None:
                what = "docstring" if comment.kind == "docstring" else "comment"
                problems.append(
                    f"{key}:{line}: the {what} {comment.text!r} has no {code} translation; "
                    f"add it to {where} under {key}"
                )
    return problems


def stale(code: str, root: Path = ROOT) -> list[str]:
    """Translations whose English is no longer a comment or docstring of their file."""
    store = translations(code, root)
    where = relative(translations_file(code, root))
    present: dict[str, set[str]] = {
        snippet_key(path, root): {comment.text for _, comment in file_comments(path)}
        for path in snippet_files(root)
    }
    problems = []
    for key, entries in store.files.items():
        if key not in present:
            problems.append(f"{where}: {key} is not a snippet file")
            continue
        problems += [
            f"{where}: {key}: {english!r} is no longer a comment or docstring there; "
            "update or remove its translation"
            for english in entries
            if english not in present[key]
        ]
    everywhere = set().union(*present.values()) if present else set()
    problems += [
        f"{where}: {EVERY_FILE}: {english!r} is no longer a comment or docstring in any "
        "snippet file; update or remove its translation"
        for english in store.every_file
        if _pattern(english) is None and english not in everywhere
    ]
    return problems


def hand_written(root: Path = ROOT) -> list[str]:
    """The languages whose translations are written by hand (zh-TW, not its derived zh-CN)."""
    return [lang.code for lang in languages(root)[1:] if lang.derived_from is None]


def _code_only(code: str) -> str:
    """The code's syntax tree with every docstring emptied: what comments cannot change."""
    tree = ast.parse(code)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                value.value = ""
    return ast.dump(tree)


def code_difference(english: str, translated: str) -> str | None:
    """Why translated code is not the English code with other comments and docstrings, if not."""
    try:
        translated_tree = _code_only(translated)
    except SyntaxError as error:
        return f"it is not valid Python: {error.msg} (line {error.lineno})"
    if translated_tree != _code_only(english):
        return "its code differs from the English code, not only its comments and docstrings"
    if expected_lines(translated) != expected_lines(english):
        return "its #> lines differ from the English code's"
    return None
