"""The reader's situation: each block copied alone into a brand-new interpreter.

A block that continues another runs after it, in the same interpreter; every other block starts
one of its own. This module, run as a script, imports the libraries the examples use once (the
slow part) and then forks a child per such group of blocks, two at a time, so each group starts
from that state with an empty namespace: every name a block uses must be imported or defined by
it or the blocks it continues. A block's output is compared with its own `#>` lines.

What a translated page shows is run too: each group with a comment or docstring translated for a
language written by hand (zh-TW) runs again as that page shows it. A derived language's code
(zh-CN) is not run a third time: it must be the English code, comments and docstrings aside.
"""

from __future__ import annotations

import ast
import importlib
import io
import json
import os
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path
from subprocess import PIPE

from sitetools.build.comments import code_difference, hand_written, translated_code
from sitetools.examples.blocks import expected_lines, output_matches
from sitetools.examples.engine import PageBlock, chains, cuda_available, skip_reason
from sitetools.examples.warned import warnings_as_output
from sitetools.project import ROOT, languages

PARALLEL = 2
# Imported once before forking, where some block imports them: each is imported whole by the
# examples that use it.
WARM = ("numpy", "torch", "matplotlib.pyplot", "sklearn.datasets", "sklearn.model_selection")


def groups(examples: list[PageBlock]) -> list[list[PageBlock]]:
    """Blocks that share an interpreter: one that starts afresh and those that continue it."""
    found: list[list[PageBlock]] = []
    for chain in chains(examples):
        # A block run with its own command (torchrun, say) always starts new interpreters.
        if skip_reason(chain, cuda_available()) or chain[-1].block.command:
            continue
        if len(chain) > 1 and found and found[-1][-1] is chain[-2]:
            found[-1].append(chain[-1])
        else:
            found.append(list(chain))
    return found


class FreshRun:
    """The run, started in the background: it can share the cores with `pytest docs`."""

    def __init__(self, examples: list[PageBlock], root: Path = ROOT) -> None:
        self.examples, self.root = examples, root
        self.groups = groups(examples)
        # (language, group, the code of each block as that language's page shows it)
        self.runs = [("en", group, [e.block.code for e in group]) for group in self.groups]
        for code in hand_written(root):
            for group in self.groups:
                shown = [translated_code(e.section, code, root) for e in group]
                if shown != [e.block.code for e in group]:
                    self.runs.append((code, group, shown))
        payload = [
            [
                {
                    "code": text,
                    "filename": e.place if language == "en" else f"{e.place} in {language}",
                }
                for e, text in zip(g, t, strict=True)
            ]
            for language, g, t in self.runs
        ]
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as blocks:
            json.dump(payload, blocks)
        command = [sys.executable, "-m", "sitetools.examples.fresh", blocks.name]
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=PIPE, stderr=PIPE, text=True)

    @property
    def translated_blocks(self) -> int:
        return sum(len(group) for language, group, _ in self.runs if language != "en")

    def problems(self) -> list[str]:
        """Blocks that fail, or print other than their `#>` lines, when run as readers run them
        (as each language's page shows them); then translated code that is not the English code."""
        output, errors = self.process.communicate()
        if self.process.returncode:
            raise RuntimeError(f"the fresh-interpreter run failed:\n{errors}")
        problems = []
        for (language, group, shown), runs in zip(self.runs, json.loads(output), strict=True):
            for example, code, run in zip(group, shown, runs, strict=False):
                place = example.place if language == "en" else f"{example.place} in {language}"
                expected = expected_lines(code)
                if run["error"]:
                    problems.append(f"{place} fails when run alone:\n{run['error']}")
                elif not output_matches(expected, run["stdout"]):
                    problems.append(
                        f"{place} prints, when run alone:\n{run['stdout']}"
                        "but its #> lines say:\n" + "\n".join(expected)
                    )
        return problems + translation_problems(self.examples, self.root)


def translation_problems(examples: list[PageBlock], root: Path = ROOT) -> list[str]:
    """Every block in every other language is its English code, comments and docstrings aside:
    so the run above speaks for the blocks it did not run (a derived language's, a GPU's)."""
    problems = []
    for language in languages(root)[1:]:
        for example in examples:
            difference = code_difference(
                example.block.code, translated_code(example.section, language.code, root)
            )
            if difference:
                problems.append(f"{example.place} in {language.code}: {difference}")
    return problems


def fresh_run_problems(examples: list[PageBlock], root: Path = ROOT) -> list[str]:
    return FreshRun(examples, root).problems()


def start_child(blocks: list[dict]) -> tuple[int, int]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return pid, read_end
    os.close(read_end)
    namespace: dict = {"__name__": "__main__"}
    runs = []
    for block in blocks:
        sys.stdout = captured = io.StringIO()
        error = None
        try:
            # Deprecations are the engine's to report; here only what the reader sees counts.
            with warnings_as_output():
                exec(compile(block["code"], block["filename"], "exec"), namespace)
        except BaseException:
            error = traceback.format_exc()
        runs.append({"stdout": captured.getvalue(), "error": error})
        if error:
            break  # the blocks that continue this one are reported with it
    with os.fdopen(write_end, "w", encoding="utf-8") as pipe:
        json.dump(runs, pipe)
    os._exit(0)


def finish_child(pid: int, read_end: int) -> list[dict]:
    with os.fdopen(read_end, encoding="utf-8") as pipe:
        result = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(result) if result else [{"stdout": "", "error": "the interpreter died"}]


def imported_packages(codes: list[str]) -> set[str]:
    """The top-level packages these blocks import (a block that does not parse imports none)."""
    found = set()
    for code in codes:
        try:
            tree = ast.parse(code)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found


def main() -> None:
    groups_file = Path(sys.argv[1])
    blocks_of_groups = json.loads(groups_file.read_text(encoding="utf-8"))
    wanted = imported_packages([block["code"] for group in blocks_of_groups for block in group])
    for library in WARM:
        if library.split(".")[0] in wanted:
            importlib.import_module(library)

    results: list[list[dict]] = []
    running: list[tuple[int, int]] = []
    for group in blocks_of_groups:
        running.append(start_child(group))
        if len(running) == PARALLEL:
            results.append(finish_child(*running.pop(0)))
    results += [finish_child(*child) for child in running]
    groups_file.unlink()
    sys.__stdout__.write(json.dumps(results))


if __name__ == "__main__":
    main()
