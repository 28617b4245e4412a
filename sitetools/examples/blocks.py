"""A code block as the checker sees it: its header conventions and its `#>` lines.

A block's expected output is written as `#> ` comment lines under the statement that prints it,
so the block stays plain Python that a reader can copy and run. Each top-level statement owns the
`#>` lines that sit inside it or after it, up to the next statement.
"""

from __future__ import annotations

import ast
import copy
import doctest
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sitetools.examples.model import Section

OUTPUT_MARK = "#>"
CONTINUES_RE = re.compile(r"^# Continues the previous block\b")
NEEDS_CUDA_RE = re.compile(r"^# Needs a CUDA GPU\b")
RUN_WITH_RE = re.compile(r"^# Run with: (?P<command>\S.*?)\s*$")
_CHECKER = doctest.OutputChecker()
_OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@dataclass
class Statement:
    node: ast.stmt
    output_lines: list[int] = field(default_factory=list)
    expected: list[str] = field(default_factory=list)

    @property
    def first_line(self) -> int:
        return self.node.lineno

    @property
    def last_line(self) -> int:
        return self.node.end_lineno or self.node.lineno


@dataclass(frozen=True)
class Block:
    """Code plus where each of its lines comes from (file and 1-based line numbers)."""

    code: str
    filename: str
    line_numbers: Sequence[int]

    @property
    def header(self) -> list[str]:
        """The comment lines a block opens with: where it says how it must be run."""
        comments = []
        for line in self.code.splitlines():
            if not line.startswith("#"):
                break
            comments.append(line)
        return comments

    @property
    def continues(self) -> bool:
        return any(CONTINUES_RE.match(line) for line in self.header)

    @property
    def needs_cuda(self) -> bool:
        return any(NEEDS_CUDA_RE.match(line) for line in self.header)

    @property
    def command(self) -> str | None:
        """The command the block says it is run with, as a whole script (`# Run with: ...`)."""
        found = (RUN_WITH_RE.match(line) for line in self.header)
        return next((match["command"] for match in found if match), None)

    def file_line(self, block_line: int) -> int:
        return self.line_numbers[block_line - 1]

    def statements(self) -> list[Statement]:
        tree = ast.parse(self.code, filename=self.filename)
        statements = [Statement(node) for node in tree.body]
        for number, line in enumerate(self.code.splitlines(), start=1):
            stripped = line.strip()
            if not stripped.startswith(OUTPUT_MARK):
                continue
            owners = [s for s in statements if s.first_line <= number]
            if not owners:
                raise ValueError(
                    f"{self.filename}:{self.file_line(number)}: a `#>` line comes before any code"
                )
            owner = owners[-1]
            owner.output_lines.append(number)
            owner.expected.append(output_text(stripped))
        return statements

    def compile(self, statement: Statement):
        """Compile one statement so tracebacks point at the snippet file's own lines."""
        module = ast.Module(body=[copy.deepcopy(statement.node)], type_ignores=[])
        for node in ast.walk(module):
            if hasattr(node, "lineno") and node.lineno is not None:
                node.lineno = self.file_line(node.lineno)
            if getattr(node, "end_lineno", None) is not None:
                node.end_lineno = self.file_line(node.end_lineno)
        return compile(module, self.filename, "exec")


def output_text(comment: str) -> str:
    text = comment[len(OUTPUT_MARK) :]
    return text[1:] if text.startswith(" ") else text


def output_matches(expected: list[str], actual: str) -> bool:
    want = "".join(f"{line}\n" for line in expected)
    return _CHECKER.check_output(want, actual, _OPTIONS)


def comment_lines(output: str) -> list[str]:
    """What a statement printed, written as `#>` lines."""
    return (
        [f"{OUTPUT_MARK} {line}".rstrip() for line in output.rstrip("\n").split("\n")]
        if output
        else []
    )


def block_from_section(section: Section) -> Block:
    return Block(section.code, str(Path(section.path).resolve()), section.line_numbers)


def expected_lines(code: str) -> list[str]:
    """Every `#>` line of some code, as the output it expects."""
    lines = (line.strip() for line in code.splitlines())
    return [output_text(line) for line in lines if line.startswith(OUTPUT_MARK)]
