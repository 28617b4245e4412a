"""`pytest docs` itself: what it reports when a page or snippet is wrong."""

import subprocess
import sys

import pytest
import torch

from sitetools.examples.model import includes, sections_in
from sitetools.project import copy_project
from tests.support import include_page

SECTION = """\
# --8<-- [start:{name}]
{body}
# --8<-- [end:{name}]
"""


def section(name: str, body: str) -> str:
    return SECTION.format(name=name, body=body)


def test_a_matching_page_passes(project):
    project.snippet("demo.py", section("add", "total = 2 + 2\nprint(total)\n#> 4"))
    project.page("demo.md", include_page("add"))
    result = project.pytest_docs()
    assert result.returncode == 0, result.stdout
    assert "2 passed" in result.stdout, "the block and the page's prose numbers"
    assert "docs: 1 example on 1 page ran and printed their #> lines" in result.stdout


def test_a_wrong_output_line_names_page_snippet_expected_and_actual(project):
    project.snippet("demo.py", section("add", "total = 2 + 2\nprint(total)\n#> 5"))
    project.page("demo.md", include_page("add"))
    result = project.pytest_docs()
    assert result.returncode == 1
    assert "demo.md, line 5 (snippets/demo.py:add)" in result.stdout
    assert "snippets/demo.py, line 3: the output does not match" in result.stdout
    assert "expected:\n    5\n  actual:\n    4" in result.stdout


def test_output_without_any_output_lines_fails(project):
    project.snippet("demo.py", section("add", "print(2 + 2)"))
    project.page("demo.md", include_page("add"))
    result = project.pytest_docs()
    assert result.returncode == 1
    assert "expected:\n    (no #> lines)\n  actual:\n    4" in result.stdout


def test_ellipsis_and_whitespace_are_forgiven(project):
    body = 'print("address 0x7f3a9c, size 3")\n#> address ..., size   3'
    project.snippet("demo.py", section("varies", body))
    project.page("demo.md", include_page("varies"))
    assert project.pytest_docs().returncode == 0


def test_an_exception_points_at_the_snippet_line(project):
    body = "values = [1, 2]\nprint(values[5])\n#> 3"
    project.snippet("demo.py", section("boom", body))
    project.page("demo.md", include_page("boom"))
    result = project.pytest_docs()
    assert result.returncode == 1
    assert "snippets/demo.py, line 3: the code raised an exception" in result.stdout
    assert 'demo.py", line 3, in <module>' in result.stdout
    assert "print(values[5])" in result.stdout
    assert "IndexError: list index out of range" in result.stdout


def test_inline_code_on_a_page_fails(project):
    project.page("demo.md", '# Demo\n\n```python title="inline.py"\nprint("hi")\n```\n')
    result = project.pytest_docs()
    assert result.returncode == 1
    assert "demo.md, line 3: this python block is written inline" in result.stdout


def test_a_missing_section_fails_naming_page_and_section(project):
    project.snippet("demo.py", section("add", "print(4)\n#> 4"))
    project.page("demo.md", include_page("add", "subtract"))
    result = project.pytest_docs()
    assert result.returncode != 0
    assert "demo.md, line 9: section 'subtract' is not in snippets/demo.py" in result.stdout


def test_a_missing_snippet_file_fails(project):
    project.page("demo.md", include_page("add", module="nowhere"))
    result = project.pytest_docs()
    assert result.returncode != 0
    assert "snippet file 'snippets/nowhere.py' does not exist" in result.stdout


def test_blocks_start_fresh_unless_marked_as_continuing(project):
    first = section("define", "price = 10\nprint(price)\n#> 10")
    continued = section("reuse", "# Continues the previous block.\nprint(price * 2)\n#> 20")
    fresh = section("forgets", "print(price * 3)\n#> 30")
    project.snippet("demo.py", first + continued + fresh)
    project.page("demo.md", include_page("define", "reuse", "forgets"))
    result = project.pytest_docs()
    assert "3 passed" in result.stdout
    assert "NameError: name 'price' is not defined" in result.stdout


def test_cuda_blocks_are_skipped_with_a_visible_reason(project):
    if torch.cuda.is_available():
        pytest.skip("CUDA is available here, so the block runs instead of being skipped")
    body = (
        "# Needs a CUDA GPU.\nimport torch\n"
        "print(torch.ones(1, device='cuda'))\n#> tensor([1.], device='cuda:0')"
    )
    project.snippet("demo.py", section("gpu", body))
    project.page("demo.md", include_page("gpu"))
    result = project.pytest_docs("-rs")
    assert result.returncode == 0
    assert "1 skipped" in result.stdout
    assert "demo.md, line 5 (snippets/demo.py:gpu): needs a CUDA GPU" in result.stdout


def test_fences_with_a_title_or_the_short_name_are_checked_too(project):
    project.snippet("demo.py", section("add", "print(2 + 2)\n#> 5"))
    project.page("demo.md", '# Demo\n\n```py title="add.py"\n--8<-- "snippets/demo.py:add"\n```\n')
    result = project.pytest_docs()
    assert result.returncode == 1
    assert "expected:\n    5\n  actual:\n    4" in result.stdout


def test_changing_a_real_output_line_fails_pytest_docs(tmp_path):
    """On a copy of the real site, exactly the block whose line changed fails, and says so."""
    site = copy_project(tmp_path / "project")
    module = site / "snippets" / "tensors.py"
    lines = module.read_text().split("\n")
    changed = next(number for number, line in enumerate(lines, 1) if line.startswith("#> "))
    lines[changed - 1] += " (changed)"
    module.write_text("\n".join(lines))
    (section,) = [s for s in sections_in(module).values() if changed in s.line_numbers]
    page = site / "docs" / "tensors.md"
    (fence,) = [f for f, i in includes(page.read_text(), page) if i.section == section.name]

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "docs/tensors.md", "-p", "no:cacheprovider"],
        cwd=site,
        capture_output=True,
        text=True,
    )
    failed = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("FAILED ")]
    assert result.returncode == 1, result.stdout
    assert failed == [f"docs/tensors.md::line:{fence.line},column:1"], result.stdout
    assert f"tensors.md, line {fence.line} (snippets/tensors.py:{section.name})" in result.stdout
    assert "(changed)" in result.stdout


RUN_WITH_SCRIPT = (
    "# --8<-- [start:script]\n"
    "# Run with: python greet.py --name reader\n"
    "import sys\n"
    "\n"
    "print(f'{sys.argv[0]} says hello to {sys.argv[2]}')\n"
    "print(__name__)\n"
    "#> greet.py says hello to reader\n"
    "#> __main__\n"
    "# --8<-- [end:script]\n"
)


def test_a_block_run_with_a_command_is_saved_under_its_name_and_run(project):
    project.snippet("demo.py", RUN_WITH_SCRIPT)
    project.page("demo.md", include_page("script"))
    result = project.pytest_docs()
    assert result.returncode == 0, result.stdout
    project.snippet("demo.py", RUN_WITH_SCRIPT.replace("#> __main__", "#> __demo__"))
    result = project.pytest_docs()
    assert result.returncode == 1
    assert "expected:\n    greet.py says hello to reader\n    __demo__" in result.stdout


def test_a_command_that_fails_shows_its_status_and_error(project):
    project.snippet(
        "demo.py",
        RUN_WITH_SCRIPT.replace("print(__name__)", "raise SystemExit('no network here')"),
    )
    project.page("demo.md", include_page("script"))
    result = project.pytest_docs()
    assert result.returncode == 1
    assert "`python greet.py --name reader` exited with status 1" in result.stdout
    assert "no network here" in result.stdout


def test_an_api_that_torch_deprecates_fails_naming_the_line(project):
    body = (
        "import torch\n"
        "layer = torch.nn.utils.weight_norm(torch.nn.Linear(2, 2))\n"
        "print(layer.out_features)\n#> 2"
    )
    project.snippet("demo.py", section("old_api", body))
    project.page("demo.md", include_page("old_api"))
    result = project.pytest_docs()
    assert result.returncode == 1
    assert "snippets/demo.py, line 3: the code uses an API that this torch deprecates" in (
        result.stdout
    )
    assert "FutureWarning: `torch.nn.utils.weight_norm` is deprecated" in result.stdout


def test_a_warning_the_reader_sees_is_part_of_the_output(project):
    body = 'import warnings\nwarnings.warn("read the docs")\n#> UserWarning: read the docs'
    project.snippet("demo.py", section("shown", body))
    project.page("demo.md", include_page("shown"))
    assert project.pytest_docs().returncode == 0, "the warning's #> line was not matched"

    project.snippet("demo.py", section("shown", 'import warnings\nwarnings.warn("read the docs")'))
    result = project.pytest_docs()
    assert result.returncode == 1
    shown = "expected:\n    (no #> lines)\n  actual:\n    UserWarning: read the docs"
    assert shown in result.stdout


NUMBERS_PAGE = """\
---
{front_matter}
---

# Demo

{prose}

```python
--8<-- "snippets/demo.py:parameters"
```
"""
PARAMETERS = "print(64 * 3 + 64 + 1)\n#> 257\nprint(round(2 / 3, 4))\n#> 0.6667"


def numbers_page(prose: str, front_matter: str = "description: numbers") -> str:
    return NUMBERS_PAGE.format(prose=prose, front_matter=front_matter)


def test_a_number_the_prose_states_must_be_printed(project):
    project.snippet("demo.py", section("parameters", PARAMETERS))
    project.page("demo.md", numbers_page("The layer has 257 parameters; two thirds is 0.67."))
    assert project.pytest_docs().returncode == 0, "printed and rounded numbers are results"

    project.page("demo.md", numbers_page("The layer has\n4,481 parameters, 66.7% of them."))
    result = project.pytest_docs()
    assert result.returncode == 1
    assert "docs/demo.md, line 8: 4,481 is in the prose, but no block on the page prints it" in (
        result.stdout
    )
    assert "66.7%" not in result.stdout, "a percentage matches the ratio printed"
    assert "docs: 1 example on 1 page ran" in result.stdout, "the prose check is not an example"


def test_numbers_that_are_not_results_are_listed_or_recognised(project):
    project.snippet("demo.py", section("parameters", PARAMETERS))
    prose = "Since 2017, with torch 2.13, this 64-bit build, 3 x `torch.zeros(5)`, took 60 s."
    project.page("demo.md", numbers_page(prose, "not-computed:\n  60: a time quoted, not run"))
    assert project.pytest_docs().returncode == 0

    project.page("demo.md", numbers_page(prose))
    result = project.pytest_docs()
    assert result.returncode == 1
    assert "docs/demo.md, line 7: 60 is in the prose" in result.stdout
    assert result.stdout.count("is in the prose") == 1, "year, version, code and 64-bit pass"


def test_a_translation_states_only_the_numbers_of_its_english_page(project):
    project.with_languages()
    project.snippet("demo.py", section("parameters", PARAMETERS))
    project.page("demo.md", numbers_page("The layer has 257 parameters."))
    project.page("demo.zh-TW.md", numbers_page("這一層有 257 個參數。"))
    assert project.pytest_docs().returncode == 0

    project.page("demo.zh-TW.md", numbers_page("這一層有 4,481 個參數。"))
    result = project.pytest_docs()
    assert result.returncode == 1
    assert "docs/demo.zh-TW.md, line 7: 4,481 is not in the prose of " in result.stdout
    assert "docs/demo.md; a translation states the same figures" in result.stdout
