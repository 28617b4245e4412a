"""The engine's results: every `#>` line matters, every block runs alone, the update command."""

from sitetools.examples.blocks import output_matches
from sitetools.examples.engine import page_blocks, run_page
from sitetools.examples.fresh import fresh_run_problems
from sitetools.examples.model import english_pages, relative
from sitetools.examples.update import update
from tests.support import include_page


def test_changing_any_output_line_is_caught():
    """Every `#>` line on the site is load-bearing: altering any one of them breaks the match.

    Reads the outcomes `pytest docs` computed in this session (or computes them, once)."""
    altered = 0
    for page in english_pages():
        for result in run_page(page):
            for outcome in result.outcomes:
                assert outcome.matches, f"{result.example.place}: {outcome.error or outcome.actual}"
                expected = outcome.statement.expected
                for index, line in enumerate(expected):
                    changed = [*expected[:index], line + " [changed]", *expected[index + 1 :]]
                    assert not output_matches(changed, outcome.actual), (
                        f"{result.example.place}: #> line {index + 1} can change without failing"
                    )
                    altered += 1
    assert altered > 100


def test_every_block_runs_alone_in_a_fresh_interpreter(fresh_run):
    """Started when the tests were collected (tests/conftest.py), over every English page."""
    assert sum(len(group) for group in fresh_run.groups) > 100
    problems = fresh_run.problems()
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
    assert "demo.md, line 9 (snippets/demo.py:draws)" in problems[0]
    assert "prints, when run alone" in problems[0]
    assert "demo.md, line 13 (snippets/demo.py:borrows)" in problems[1]
    assert "NameError" in problems[1]


def test_a_block_that_continues_runs_after_the_one_it_continues(project):
    project.snippet(
        "demo.py",
        "# --8<-- [start:define]\nprice = 10\n# --8<-- [end:define]\n"
        "# --8<-- [start:reuse]\n# Continues the previous block.\nprint(price * 2)\n#> 20\n"
        "# --8<-- [end:reuse]\n",
    )
    page = project.page("demo.md", include_page("define", "reuse"))
    assert fresh_run_problems(page_blocks(page, project.root)) == []


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


def test_the_update_command_labels_gpu_output_with_its_hardware(project, monkeypatch):
    from sitetools.examples import engine
    from sitetools.examples import update as update_module

    monkeypatch.setattr(engine, "cuda_available", lambda: True)
    monkeypatch.setattr(update_module, "hardware_label", lambda: "# Output recorded on a GPU.")
    module = project.snippet(
        "demo.py",
        "# --8<-- [start:gpu]\n# Needs a CUDA GPU: the tests fake one.\n"
        "# Output recorded on an older GPU.\nprint(2 + 2)\n#> 5\n# --8<-- [end:gpu]\n",
    )
    project.page("demo.md", include_page("gpu"))
    assert update(project.root / "docs", project.root) == 0
    assert module.read_text() == (
        "# --8<-- [start:gpu]\n# Needs a CUDA GPU: the tests fake one.\n"
        "# Output recorded on a GPU.\nprint(2 + 2)\n#> 4\n# --8<-- [end:gpu]\n"
    )
