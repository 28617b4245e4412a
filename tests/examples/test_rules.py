"""The rules every page keeps, on the real site and on fixture pages that break them."""

import pytest

from sitetools.build.languages import derived_page
from sitetools.examples.model import (
    ROOT,
    SiteError,
    english_pages,
    fences,
    includes,
    resolve,
    sections_in,
)
from sitetools.examples.rules import (
    inline_code,
    mirror_problems,
    orphan_sections,
    parity_problems,
)
from sitetools.project import language, languages
from tests.support import include_page

PAGES = english_pages()
TRANSLATIONS = [lang.code for lang in languages()[1:]]
WRITTEN = [lang.code for lang in languages()[1:] if not lang.derived_from]


def translated_text(page, code):
    """A translation as written, or as the build derives it (not kept in the repository)."""
    target = language(code)
    if target.derived_from:
        return derived_page(language(target.derived_from).page(page), target)
    return target.page(page).read_text(encoding="utf-8")


def test_the_site_has_pages():
    assert {page.name for page in PAGES} >= {"index.md", "tensors.md"}


@pytest.mark.parametrize("code", WRITTEN)
@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_page_is_translated(page, code):
    assert language(code).page(page).is_file(), f"{page.name} has no {code} translation"


@pytest.mark.parametrize("language", ["en", *TRANSLATIONS])
def test_no_code_is_written_inline_on_any_page(language):
    problems = []
    for page in PAGES:
        if language == "en":
            problems += inline_code(page.read_text(encoding="utf-8"), page)
        else:
            text = translated_text(page, language)
            problems += inline_code(text, language_page(page, language))
    assert not problems, "\n".join(problems)


def test_inline_code_is_reported_with_its_line(tmp_path):
    page = tmp_path / "demo.md"
    text = (
        '# Demo\n\n```python\n--8<-- "snippets/demo.py:ok"\n```\n\n'
        '```py title="inline.py"\nprint(1)\n```\n\n```bash\nls\n```\n\n'
        "```mermaid\ngraph LR; a-->b\n```\n\n"
        '!!! note\n    ```python\n    print("indented")\n    ```\n'
    )
    problems = inline_code(text, page)
    assert [problem.split(":")[0] for problem in problems] == [
        f"{page}, line 7",
        f"{page}, line 11",
        f"{page}, line 20",
    ]


@pytest.mark.parametrize("language", TRANSLATIONS)
@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_translations_include_the_same_sections_in_the_same_order(page, language):
    problems = parity_problems(
        page,
        page.read_text(encoding="utf-8"),
        language_page(page, language),
        translated_text(page, language),
    )
    assert not problems, "\n".join(problems)


def test_parity_drift_is_reported(tmp_path):
    english, taiwan = tmp_path / "demo.md", tmp_path / "demo.zh-TW.md"
    english_text = include_page("first", "second", "third")
    assert parity_problems(english, english_text, taiwan, english_text) == []
    swapped = include_page("second", "first", "third")
    missing = include_page("first", "third")
    for drifted in (swapped, missing):
        (problem,) = parity_problems(english, english_text, taiwan, drifted)
        assert "demo.zh-TW.md does not include the same sections" in problem
        assert "-snippets/demo.py:" in problem


def test_every_snippet_section_is_shown_on_a_page():
    assert orphan_sections() == []


def test_each_page_includes_only_its_mirrored_module():
    assert mirror_problems() == []


def test_an_orphan_section_is_reported(project):
    project.snippet(
        "demo.py",
        "# --8<-- [start:shown]\n# --8<-- [end:shown]\n"
        "# --8<-- [start:hidden]\n# --8<-- [end:hidden]\n",
    )
    project.page("demo.md", include_page("shown"))
    (problem,) = orphan_sections(project.root / "docs", project.root / "snippets", project.root)
    assert "demo.py:3 [hidden]: no page includes this section" in problem


def test_a_page_using_another_pages_module_is_reported(project):
    project.snippet("other.py", "# --8<-- [start:a]\n# --8<-- [end:a]\n")
    project.page("demo.md", include_page("a", module="other"))
    (problem,) = mirror_problems(project.root / "docs", project.root)
    assert "demo.md, line 5: includes snippets/other.py:a; this page's snippets are " in problem
    assert "snippets/demo.py" in problem


def test_a_page_may_show_again_a_section_its_own_page_shows(project):
    project.snippet("other.py", "# --8<-- [start:a]\n# --8<-- [end:a]\n")
    project.page("other.md", include_page("a", module="other"))
    project.page("demo.md", include_page("a", module="other"))
    assert mirror_problems(project.root / "docs", project.root) == []


def test_a_page_may_include_its_own_non_python_snippets(project):
    project.snippet(
        "demo.sh", "# --8<-- [start:install]\npip install torch\n# --8<-- [end:install]\n"
    )
    project.page("demo.md", '# Demo\n\n```sh\n--8<-- "snippets/demo.sh:install"\n```\n')
    assert mirror_problems(project.root / "docs", project.root) == []
    assert orphan_sections(project.root / "docs", project.root / "snippets", project.root) == []
    project.snippet("demo.sh", "# --8<-- [start:unused]\n# --8<-- [end:unused]\n")
    (problem,) = orphan_sections(project.root / "docs", project.root / "snippets", project.root)
    assert "demo.sh:1 [unused]" in problem


def test_a_missing_section_names_page_file_and_section(project):
    project.snippet("demo.py", "# --8<-- [start:real]\nx = 1\n# --8<-- [end:real]\n")
    page = project.page("demo.md", include_page("imagined"))
    fence, include = includes(page.read_text(), page)[0]
    with pytest.raises(
        SiteError,
        match=r"demo.md, line 5: section 'imagined' is not in "
        r"snippets/demo.py \(sections there: real\)",
    ):
        resolve(include, fence, project.root)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# --8<-- [start:a]\n", "demo.py:1: section 'a' is never ended"),
        ("# --8<-- [end:a]\n", "demo.py:1: section 'a' ends but never started"),
        (
            "# --8<-- [start:a]\n# --8<-- [end:a]\n# --8<-- [start:a]\n# --8<-- [end:a]\n",
            "demo.py:3: section 'a' is started twice",
        ),
    ],
)
def test_broken_section_markers_are_reported(tmp_path, text, message):
    module = tmp_path / "demo.py"
    module.write_text(text)
    with pytest.raises(SiteError, match=message):
        sections_in(module)


def test_fences_inside_admonitions_are_found():
    text = '!!! note\n    ```python\n    --8<-- "snippets/a.py:b"\n    ```\n'
    (fence,) = fences(text, ROOT / "docs" / "x.md")
    assert str(fence.include) == "snippets/a.py:b"


def language_page(page, code):
    return language(code).page(page)
