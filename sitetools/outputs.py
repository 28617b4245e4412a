"""Run a code block statement by statement and hold what it prints against its `#>` lines.

A block's expected output is written as `#> ` comment lines under the statement that prints it,
so the block stays plain Python that a reader can copy and run. Each top-level statement owns the
`#>` lines that sit inside it or after it, up to the next statement.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import copy
import doctest
import io
import re
import shlex
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sitetools.pages import ROOT, Section, relative

OUTPUT_MARK = "#>"
CONTINUES_RE = re.compile(r"^# Continues the previous block\b")
NEEDS_CUDA_RE = re.compile(r"^# Needs a CUDA GPU\b")
RUN_WITH_RE = re.compile(r"^# Run with: (?P<command>\S.*?)\s*$")
# What a command on the page names, and what runs it here: this interpreter and its packages.
LAUNCHERS = {
    "torchrun": [sys.executable, "-m", "torch.distributed.run"],
    "python": [sys.executable],
    "python3": [sys.executable],
}
LAUNCH_TIMEOUT_S = 300
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


def fresh_namespace() -> dict:
    return {"__name__": "__main__", "__builtins__": builtins}


@dataclass
class Outcome:
    statement: Statement
    actual: str
    error: str | None = None

    @property
    def matches(self) -> bool:
        return self.error is None and output_matches(self.statement.expected, self.actual)


def run_block(block: Block, namespace: dict) -> list[Outcome]:
    """Run each top-level statement in turn, capturing what it prints; stop at an exception."""
    if block.command:
        return [run_with_command(block)]
    outcomes = []
    for statement in block.statements():
        buffer = io.StringIO()
        try:
            with contextlib.redirect_stdout(buffer):
                exec(block.compile(statement), namespace)
        except Exception as error:
            outcomes.append(Outcome(statement, buffer.getvalue(), snippet_traceback(error, block)))
            break
        outcomes.append(Outcome(statement, buffer.getvalue()))
    return outcomes


def run_with_command(block: Block) -> Outcome:
    """Save the block under the file name its command names and run that command.

    Its `#>` lines, all at the end of the block, are what the whole run prints.
    """
    statements = block.statements()
    last = statements[-1]
    for statement in statements[:-1]:
        if statement.expected:
            line = block.file_line(statement.output_lines[0])
            raise ValueError(
                f"{relative(block.filename)}:{line}: a block run with a command keeps all of "
                "its #> lines at its end, after the last statement"
            )
    words = shlex.split(block.command)
    scripts = [word for word in words if word.endswith(".py")]
    if words[0] not in LAUNCHERS or len(scripts) != 1:
        raise ValueError(
            f"{relative(block.filename)}:{block.file_line(1)}: cannot run `{block.command}`; "
            f"it must start with one of {', '.join(LAUNCHERS)} and name one .py file"
        )
    with tempfile.TemporaryDirectory() as workdir:
        Path(workdir, scripts[0]).write_text(block.code, encoding="utf-8")
        try:
            result = subprocess.run(
                LAUNCHERS[words[0]] + words[1:],
                cwd=workdir,
                capture_output=True,
                text=True,
                timeout=LAUNCH_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired:
            return Outcome(last, "", f"`{block.command}` ran past {LAUNCH_TIMEOUT_S} s")
    error = None
    if result.returncode != 0:
        first_line = block.file_line(1) - 1
        error = (
            f"`{block.command}` exited with status {result.returncode} "
            f"(line N of {scripts[0]} is line N+{first_line} of {relative(block.filename)}):\n"
            + "\n".join(result.stderr.rstrip().splitlines()[-25:])
        )
    return Outcome(last, result.stdout, error)


def snippet_traceback(error: BaseException, block: Block) -> str:
    """The traceback cut down to the frames in the snippet file and below it."""
    frames = traceback.extract_tb(error.__traceback__)
    first = next((i for i, frame in enumerate(frames) if frame.filename == block.filename), 0)
    lines = ["Traceback (most recent call last):\n"]
    lines += traceback.format_list(frames[first:])
    lines += traceback.format_exception_only(type(error), error)
    return "".join(lines).rstrip("\n").replace(f"{ROOT}/", "")


def output_matches(expected: list[str], actual: str) -> bool:
    want = "".join(f"{line}\n" for line in expected)
    return _CHECKER.check_output(want, actual, _OPTIONS)


def describe_mismatch(block: Block, outcome: Outcome) -> str:
    statement = outcome.statement
    where = f"{relative(block.filename)}, line {block.file_line(statement.first_line)}"
    if outcome.error:
        return f"{where}: the code raised an exception\n{indent(outcome.error)}"
    expected = "\n".join(statement.expected) if statement.expected else "(no #> lines)"
    actual = outcome.actual.rstrip("\n") or "(printed nothing)"
    return (
        f"{where}: the output does not match the #> lines\n"
        f"  expected:\n{indent(expected, '    ')}\n"
        f"  actual:\n{indent(actual, '    ')}"
    )


def indent(text: str, prefix: str = "  ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def comment_lines(output: str) -> list[str]:
    """What a statement printed, written as `#>` lines."""
    return (
        [f"{OUTPUT_MARK} {line}".rstrip() for line in output.rstrip("\n").split("\n")]
        if output
        else []
    )


def block_from_section(section: Section) -> Block:
    return Block(section.code, str(Path(section.path).resolve()), section.line_numbers)
