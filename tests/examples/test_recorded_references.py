"""The recorded references: `pytest docs` fails when they are stale, the update command rewrites
them (and only them, with --references)."""

import yaml

from sitetools.examples.recorded_references import RECORD, read
from sitetools.examples.update import update
from tests.support import include_page

SUMS = (
    "# --8<-- [start:sums]\n"
    "import torch\n"
    "\n"
    "x = torch.zeros(2)\n"
    "print(x.sum())\n"
    "#> tensor(0.)\n"
    "# --8<-- [end:sums]\n"
)


def record(project, entries: dict) -> None:
    (project.root / RECORD).write_text(yaml.safe_dump(entries), encoding="utf-8")


def test_recorded_references_that_match_the_run_pass(project):
    project.snippet("demo.py", SUMS)
    project.page("demo.md", include_page("sums"))
    record(project, {"snippets/demo.py:sums": ["torch.zeros", "torch.Tensor.sum"]})
    result = project.pytest_docs()
    assert result.returncode == 0, result.stdout


def test_stale_references_fail_naming_page_line_and_section(project):
    project.snippet("demo.py", SUMS)
    project.page("demo.md", include_page("sums"))
    record(project, {"snippets/demo.py:sums": ["torch.zeros", "torch.Tensor.mean"]})
    result = project.pytest_docs()
    assert result.returncode == 1
    assert "demo.md, line 5 (snippets/demo.py:sums)" in result.stdout
    assert f"{RECORD}: the references recorded for snippets/demo.py:sums are not" in result.stdout
    assert "recorded: torch.zeros, torch.Tensor.mean" in result.stdout
    assert "resolved: torch.zeros, torch.Tensor.sum" in result.stdout


def test_a_section_without_an_entry_fails(project):
    project.snippet("demo.py", SUMS)
    project.page("demo.md", include_page("sums"))
    record(project, {"snippets/demo.py:other": []})
    result = project.pytest_docs()
    assert result.returncode == 1
    assert f"{RECORD} has no entry for snippets/demo.py:sums" in result.stdout


def test_the_update_command_with_references_rewrites_only_the_record(project, capsys):
    wrong_output = SUMS.replace("#> tensor(0.)", "#> tensor(1.)")
    module = project.snippet("demo.py", wrong_output)
    project.page("demo.md", include_page("sums"))
    record(project, {"snippets/demo.py:sums": ["torch.ones"], "snippets/gone.py:old": []})
    docs = project.root / "docs"
    assert update(docs, project.root, only=[docs / "demo.md"], references_only=True) == 0
    assert module.read_text() == wrong_output  # the #> lines are left as they were
    expected = {"snippets/demo.py:sums": ["torch.zeros", "torch.Tensor.sum"]}
    # Naming pages keeps the other entries; a run of every page drops what no page shows.
    assert read(project.root) == {**expected, "snippets/gone.py:old": []}
    assert update(docs, project.root, references_only=True) == 0
    assert read(project.root) == expected
    assert f"rewrote {RECORD}" in capsys.readouterr().out


def test_the_plain_update_command_writes_the_record_too(project):
    project.snippet("demo.py", SUMS.replace("#> tensor(0.)", "#> tensor(1.)"))
    project.page("demo.md", include_page("sums"))
    assert update(project.root / "docs", project.root) == 0
    assert "#> tensor(0.)" in (project.root / "snippets" / "demo.py").read_text()
    assert read(project.root) == {"snippets/demo.py:sums": ["torch.zeros", "torch.Tensor.sum"]}
