"""The one engine that runs the examples: each block once per process, its outcome kept.

A page's blocks run in page order, statement by statement, with what each statement prints
captured. Every check that needs a block's outcome (`pytest docs`, "every `#>` line matters",
the update command) reads it from here, so no block runs twice in one test session.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import os
import shlex
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

from sitetools.examples.blocks import Block, Statement, block_from_section, output_matches
from sitetools.examples.model import ROOT, Fence, Section, includes, relative, resolve
from sitetools.examples.references import block_references
from sitetools.examples.warned import warnings_as_output

# Blocks that draw end with plt.show(): a window for a reader, nothing here, where no screen is.
os.environ.setdefault("MPLBACKEND", "Agg")
# What a command on the page names, and what runs it here: this interpreter and its packages.
LAUNCHERS = {
    "torchrun": [sys.executable, "-m", "torch.distributed.run"],
    "python": [sys.executable],
    "python3": [sys.executable],
}
LAUNCH_TIMEOUT_S = 300
# A block run with a command is a script of its own, in its own processes: it can start as soon
# as it is known and run, one at a time, while the other blocks run in this one.
_COMMANDS = ThreadPoolExecutor(1, thread_name_prefix="command")
_STARTED: dict[tuple, Future] = {}


@dataclass(frozen=True)
class PageBlock:
    """A code block as a page shows it: the fence, the section it includes, the code to run."""

    fence: Fence
    section: Section
    block: Block

    @property
    def place(self) -> str:
        return f"{self.fence.place} ({self.fence.include})"


@dataclass
class Outcome:
    statement: Statement
    actual: str
    error: str | None = None
    deprecations: tuple[str, ...] = ()

    @property
    def failed(self) -> bool:
        """It raised, or used an API that torch deprecates: no output can make it right."""
        return self.error is not None or bool(self.deprecations)

    @property
    def matches(self) -> bool:
        return not self.failed and output_matches(self.statement.expected, self.actual)


@dataclass(frozen=True)
class Result:
    """One block's run: what each statement printed, or why it was not run here."""

    example: PageBlock
    outcomes: tuple[Outcome, ...] = ()
    skipped: str | None = None
    # The torch API the block uses, resolved against what it ran with (None when skipped).
    references: tuple[str, ...] | None = None

    def problems(self) -> list[str]:
        block = self.example.block
        return [
            describe_mismatch(block, outcome) for outcome in self.outcomes if not outcome.matches
        ]


def page_blocks(page: Path, root: Path = ROOT) -> list[PageBlock]:
    text = page.read_text(encoding="utf-8")
    return [
        PageBlock(fence, section, block_from_section(section))
        for fence, include in includes(text, page)
        if fence.is_python
        for section in [resolve(include, fence, root)]
    ]


def chains(examples: list[PageBlock]) -> Iterator[list[PageBlock]]:
    """Each block with the blocks before it that it says it continues, itself last."""
    chain: list[PageBlock] = []
    for example in examples:
        chain = [*chain, example] if example.block.continues else [example]
        yield chain


@cache
def cuda_available() -> bool:
    """Whether torch sees a CUDA GPU; a CPU build (`2.13.0+cpu`) cannot, and is not imported to
    ask (the build asks too, for the home page's note, and would spend a second and a half)."""
    if version("torch").endswith("+cpu"):
        return False
    import torch

    return torch.cuda.is_available()


def skip_reason(chain: list[PageBlock], cuda: bool) -> str | None:
    if cuda or not any(link.block.needs_cuda for link in chain):
        return None
    if chain[-1].block.needs_cuda:
        return "needs a CUDA GPU; torch.cuda.is_available() is False here"
    return "continues a block that was skipped"


class PageRun:
    """A page's blocks, run lazily in page order; each block's result is computed once."""

    def __init__(self, examples: list[PageBlock]) -> None:
        self.examples = examples
        self.chains = list(chains(examples))
        self.results: list[Result] = []
        self.namespace: dict = {}

    def result(self, index: int) -> Result:
        while len(self.results) <= index:
            example, chain = self.examples[len(self.results)], self.chains[len(self.results)]
            reason = skip_reason(chain, cuda_available())
            if reason is None and len(chain) == 1:
                self.namespace = {"__name__": "__main__", "__builtins__": builtins}
            outcomes = () if reason else tuple(run_block(example.block, self.namespace))
            references = None if reason else block_references(example.block, self.namespace)
            self.results.append(Result(example, outcomes, reason, references))
        return self.results[index]

    def all(self) -> list[Result]:
        if self.examples:
            self.result(len(self.examples) - 1)
        return self.results


_RUNS: dict[tuple, PageRun] = {}


def page_run(examples: list[PageBlock]) -> PageRun:
    """The run of these blocks in this process, started on first use and then shared."""
    key = tuple((str(e.block.filename), e.section.name, e.block.code) for e in examples)
    if key not in _RUNS:
        _RUNS[key] = PageRun(examples)
    return _RUNS[key]


def run_page(page: Path, root: Path = ROOT) -> list[Result]:
    return page_run(page_blocks(page, root)).all()


def run_block(block: Block, namespace: dict) -> list[Outcome]:
    """Run each top-level statement in turn, capturing what it prints; stop at an exception."""
    if block.command:
        return [start_command(block).result()]
    outcomes = []
    for statement in block.statements():
        buffer = io.StringIO()
        try:
            with contextlib.redirect_stdout(buffer), warnings_as_output() as caught:
                exec(block.compile(statement), namespace)
        except Exception as error:
            outcomes.append(Outcome(statement, buffer.getvalue(), snippet_traceback(error, block)))
            break
        outcomes.append(Outcome(statement, buffer.getvalue(), None, tuple(caught.deprecations)))
    return outcomes


def start_command(block: Block) -> Future:
    """The run of a block that names its command, started now or earlier."""
    key = (str(block.filename), block.code, block.command)
    if key not in _STARTED:
        _STARTED[key] = _COMMANDS.submit(run_with_command, block)
    return _STARTED[key]


def run_with_command(block: Block) -> Outcome:
    """Save the block under the file name its command names and run that command.

    Its `#>` lines, all at the end of the block, are what the whole run prints.
    """
    statements = block.statements()
    for statement in statements[:-1]:
        if statement.expected:
            line = block.file_line(statement.output_lines[0])
            raise ValueError(
                f"{relative(block.filename)}:{line}: a block run with a command keeps all of "
                "its #> lines at its end, after the last statement"
            )
    words = shlex.split(block.command or "")
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
            return Outcome(statements[-1], "", f"`{block.command}` ran past {LAUNCH_TIMEOUT_S} s")
    error = None
    if result.returncode != 0:
        error = (
            f"`{block.command}` exited with status {result.returncode} (line N of {scripts[0]} "
            f"is line N+{block.file_line(1) - 1} of {relative(block.filename)}):\n"
            + "\n".join(result.stderr.rstrip().splitlines()[-25:])
        )
    return Outcome(statements[-1], result.stdout, error)


def snippet_traceback(error: BaseException, block: Block) -> str:
    """The traceback cut down to the frames in the snippet file and below it."""
    frames = traceback.extract_tb(error.__traceback__)
    first = next((i for i, frame in enumerate(frames) if frame.filename == block.filename), 0)
    lines = ["Traceback (most recent call last):\n"]
    lines += traceback.format_list(frames[first:])
    lines += traceback.format_exception_only(type(error), error)
    return "".join(lines).rstrip("\n").replace(f"{ROOT}/", "")


def describe_mismatch(block: Block, outcome: Outcome) -> str:
    statement = outcome.statement
    where = f"{relative(block.filename)}, line {block.file_line(statement.first_line)}"
    if outcome.error:
        return f"{where}: the code raised an exception\n{indent(outcome.error)}"
    if outcome.deprecations:
        return (
            f"{where}: the code uses an API that this torch deprecates (if torch raises it from "
            "its own internals, list it in sitetools/examples/warned.py UNAVOIDABLE)\n"
            + indent("\n".join(outcome.deprecations))
        )
    expected = "\n".join(statement.expected) if statement.expected else "(no #> lines)"
    actual = outcome.actual.rstrip("\n") or "(printed nothing)"
    return (
        f"{where}: the output does not match the #> lines\n"
        f"  expected:\n{indent(expected, '    ')}\n"
        f"  actual:\n{indent(actual, '    ')}"
    )


def indent(text: str, prefix: str = "  ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())
