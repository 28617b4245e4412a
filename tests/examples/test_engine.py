"""The engine's results: every `#>` line matters, every block runs alone, the update command."""

from sitetools.examples.blocks import output_matches
from sitetools.examples.engine import page_blocks, run_page
from sitetools.examples.fresh import FreshRun, fresh_run_problems
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
    """Started when the tests were collected (tests/conftest.py), over every English page, and
    again as the zh-TW pages show the blocks whose comments they translate."""
    assert sum(len(group) for group in fresh_run.groups) > 100
    assert fresh_run.translated_blocks > 50
    problems = fresh_run.problems()
    assert not problems, "\n\n".join(problems)


TRANSLATED_DEMO = (
    "# --8<-- [start:doubles]\n"
    "def double(n):\n"
    '    """Twice n."""\n'
    "    return 2 * n  # the answer\n\n\n"
    "print(double(2))\n#> 4\n"
    "# --8<-- [end:doubles]\n"
)


def translated_project(project, translations: str):
    project.with_languages()
    project.snippet("demo.py", TRANSLATED_DEMO)
    project.page("demo.zh-TW.md", include_page("doubles"))
    (project.root / "docs" / "comments.zh-TW.yml").write_text(translations, encoding="utf-8")
    return page_blocks(project.page("demo.md", include_page("doubles")), project.root)


def test_the_translated_code_is_run_too(project):
    examples = translated_project(
        project, "snippets/demo.py:\n  Twice n.: n 的兩倍。\n  the answer: 答案\n"
    )
    run = FreshRun(examples, project.root)
    assert run.translated_blocks == 1
    assert run.problems() == []


def test_a_comment_translation_that_ends_the_comment_is_caught(project):
    examples = translated_project(
        project, 'snippets/demo.py:\n  Twice n.: n 的兩倍。\n  the answer: "答案\\nprint(3)"\n'
    )
    problems = fresh_run_problems(examples, project.root)
    assert len(problems) == 2, problems
    assert (
        "demo.md, line 5 (snippets/demo.py:doubles) in zh-TW prints, when run alone" in problems[0]
    )
    assert problems[0].endswith("3\n4\nbut its #> lines say:\n4")
    assert problems[1].endswith(
        "(snippets/demo.py:doubles) in zh-TW: its code differs from the English code, "
        "not only its comments and docstrings"
    )


def test_a_docstring_translation_that_closes_the_string_is_caught(project):
    examples = translated_project(
        project, 'snippets/demo.py:\n  Twice n.: \'n 的兩倍。"""\'\n  the answer: 答案\n'
    )
    problems = fresh_run_problems(examples, project.root)
    assert any("in zh-TW fails when run alone" in p and "SyntaxError" in p for p in problems)
    assert any("in zh-TW: it is not valid Python" in p for p in problems)


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
