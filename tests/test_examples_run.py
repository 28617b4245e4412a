"""Examples run the way readers run them: as whole scripts, and one copied block at a time."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from conftest import include_page

from sitetools.examples import page_blocks, run_in_page_order, site_blocks
from sitetools.outputs import OUTPUT_MARK, block_from_section, output_matches, output_text
from sitetools.pages import ROOT, SNIPPETS_DIR, relative, sections_in
from sitetools.update_outputs import update

CUDA = torch.cuda.is_available()
MODULES = sorted(path for path in SNIPPETS_DIR.rglob("*.py") if path.name != "__init__.py")
FRESH_INTERPRETER = Path(__file__).with_name("fresh_interpreter.py")


def expected_lines(code: str) -> list[str]:
    return [
        output_text(line.strip())
        for line in code.splitlines()
        if line.strip().startswith(OUTPUT_MARK)
    ]


def script_problem(module: Path, root: Path) -> str | None:
    """Run a snippet module as `python -m snippets.<name>` and compare with all its `#>` lines.

    Left out: sections that need CUDA where there is none, and scripts started by a command of
    their own (torchrun), which the module does not run and `pytest docs` runs their own way.
    """
    lines = module.read_text(encoding="utf-8").splitlines()
    not_run_here = {
        number
        for section in sections_in(module).values()
        if (not CUDA and block_from_section(section).needs_cuda)
        or block_from_section(section).command
        for number in section.line_numbers
    }
    expected = expected_lines(
        "\n".join(line for n, line in enumerate(lines, 1) if n not in not_run_here)
    )
    name = ".".join(module.relative_to(root).with_suffix("").parts)
    result = subprocess.run(
        [sys.executable, "-m", name], cwd=root, capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0:
        return f"python -m {name} failed:\n{result.stderr}"
    if not output_matches(expected, result.stdout):
        return f"python -m {name} printed:\n{result.stdout}\nbut its #> lines say:\n" + "\n".join(
            expected
        )
    return None


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_every_snippet_module_runs_as_a_script(module):
    assert script_problem(module, ROOT) is None


def test_a_script_that_prints_something_else_is_reported(project):
    module = project.snippet("demo.py", "print('four')\n#> 4\n")
    assert "printed:\nfour" in script_problem(module, project.root)


def fresh_run_problems(examples) -> list[str]:
    """Run each block alone in a fresh interpreter, after the blocks it visibly continues."""
    chains, chain = [], []
    for example in examples:
        chain = [*chain, example] if example.block.continues else [example]
        if not CUDA and any(link.block.needs_cuda for link in chain):
            continue
        # A block run with its own command (torchrun, say) always starts new interpreters.
        if example.block.command:
            continue
        chains.append(chain)
    payload = [
        {"code": "\n".join(link.block.code for link in chain), "filename": chain[-1].place}
        for chain in chains
    ]
    result = subprocess.run(
        [sys.executable, str(FRESH_INTERPRETER)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
    )
    problems = []
    for chain, run in zip(chains, json.loads(result.stdout), strict=True):
        expected = expected_lines("\n".join(link.block.code for link in chain))
        if run["error"]:
            problems.append(f"{chain[-1].place} fails when run alone:\n{run['error']}")
        elif not output_matches(expected, run["stdout"]):
            problems.append(
                f"{chain[-1].place} prints, when run alone:\n{run['stdout']}"
                "but its #> lines say:\n" + "\n".join(expected)
            )
    return problems


def test_every_block_runs_alone_in_a_fresh_interpreter():
    examples = list(site_blocks())
    assert len(examples) > 30
    problems = fresh_run_problems(examples)
    assert not problems, "\n\n".join(problems)


def test_a_block_that_leans_on_an_earlier_one_is_reported(project):
    project.snippet(
        "demo.py",
        "# --8<-- [start:seeds]\nimport torch\n\ntorch.manual_seed(0)\n# --8<-- [end:seeds]\n"
        "# --8<-- [start:draws]\nimport torch\n\nprint(torch.rand(1))\n#> tensor([0.4963])\n"
        "# --8<-- [end:draws]\n"
        "# --8<-- [start:borrows]\nprint(torch.zeros(1))\n#> tensor([0.])\n"
        "# --8<-- [end:borrows]\n",
    )
    page = project.page("demo.md", include_page("seeds", "draws", "borrows"))
    problems = fresh_run_problems(page_blocks(page, project.root))
    assert len(problems) == 2
    assert "draws" in problems[0] and "prints, when run alone" in problems[0]
    assert "borrows" in problems[1] and "NameError" in problems[1]


@pytest.fixture(scope="module")
def site_outcomes():
    outcomes = []
    for page in sorted({example.fence.page for example in site_blocks()}):
        for example, results in run_in_page_order(page_blocks(page), CUDA):
            outcomes += [(example, outcome) for outcome in results]
    return outcomes


def test_changing_any_output_line_is_caught(site_outcomes):
    """Every `#>` line on the site is load-bearing: altering any one of them breaks the match."""
    altered = 0
    for example, outcome in site_outcomes:
        assert outcome.matches, f"{example.place}: {outcome.error or outcome.actual}"
        expected = outcome.statement.expected
        for index, line in enumerate(expected):
            changed = [*expected[:index], line + " [changed]", *expected[index + 1 :]]
            assert not output_matches(changed, outcome.actual), (
                f"{example.place}: #> line {index + 1} can change without failing"
            )
            altered += 1
    assert altered > 100


def test_the_update_command_rewrites_only_what_changed(project, capsys):
    module = project.snippet(
        "demo.py",
        "# --8<-- [start:numbers]\n"
        "print(1 + 1)\n#> 3\n"
        "print('x' * 3)\n"
        "for n in range(2):\n    print(n)\n"
        "print('kept: 0x1234')\n#> kept: ...\n"
        "# --8<-- [end:numbers]\n",
    )
    project.page("demo.md", include_page("numbers"))
    assert update(project.root / "docs", project.root) == 0
    assert module.read_text() == (
        "# --8<-- [start:numbers]\n"
        "print(1 + 1)\n#> 2\n"
        "print('x' * 3)\n#> xxx\n"
        "for n in range(2):\n    print(n)\n#> 0\n#> 1\n"
        "print('kept: 0x1234')\n#> kept: ...\n"
        "# --8<-- [end:numbers]\n"
    )
    assert f"rewrote {relative(module)}" in capsys.readouterr().out


def test_the_update_command_refuses_to_write_when_a_block_fails(project, capsys):
    original = "# --8<-- [start:broken]\nprint(undefined_name)\n#> 1\n# --8<-- [end:broken]\n"
    module = project.snippet("demo.py", original)
    project.page("demo.md", include_page("broken"))
    assert update(project.root / "docs", project.root) == 1
    assert module.read_text() == original
    assert "NameError" in capsys.readouterr().err
