"""Each translation records which version of its English page it translates, and is current."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitetools.build.translation_record import (
    COMMAND,
    main,
    paragraphs,
    recorded,
    staleness,
    translations,
)
from sitetools.examples.model import front_matter, relative

ENGLISH = """\
---
description: A page to translate.
---

# Demo

The first paragraph, which
runs over two lines.

```python
--8<-- "snippets/demo.py:first"
```

<!-- skip: next -->
- an item
- another item

| What | Value |
| --- | --- |
| a row | 1 |

!!! note "A note"
    Its body.

The last paragraph.
"""
BODY = """
# 示範

第一段。

```python
--8<-- "snippets/demo.py:first"
```

- 一項
- 另一項
"""
TRANSLATION = "---\ndescription: 要翻譯的一頁。\nnotebook: true\n---\n" + BODY


@pytest.mark.parametrize("translation", translations(), ids=lambda page: page.name)
def test_every_translation_translates_its_english_page_as_it_is(translation):
    problem = staleness(translation)
    if problem:
        pytest.fail(problem, pytrace=False)


def pair(tmp_path: Path, english: str = ENGLISH, translation: str = TRANSLATION) -> Path:
    (tmp_path / "demo.md").write_text(english, encoding="utf-8")
    page = tmp_path / "demo.zh-TW.md"
    page.write_text(translation, encoding="utf-8")
    return page


def test_the_prose_is_split_into_paragraphs_without_code_comments_or_front_matter():
    found = paragraphs(ENGLISH)
    assert [paragraph.text for paragraph in found] == [
        "# Demo",
        "The first paragraph, which runs over two lines.",
        "- an item",
        "- another item",
        "| What | Value |",
        "| --- | --- |",
        "| a row | 1 |",
        '!!! note "A note"',
        "Its body.",
        "The last paragraph.",
    ]
    assert [paragraph.line for paragraph in found][:3] == [5, 7, 15]


def test_a_translation_without_a_record_fails_naming_it(tmp_path):
    page = pair(tmp_path)
    problem = staleness(page)
    assert problem is not None
    assert f"{relative(page)} records no version of {relative(tmp_path / 'demo.md')}" in problem
    assert f"{COMMAND} {relative(page)}" in problem


def test_the_command_records_the_english_page_and_keeps_the_rest_of_the_page(tmp_path, capsys):
    page = pair(tmp_path)
    assert main([str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert text.endswith("---\n" + BODY)
    assert text.startswith("---\ndescription: 要翻譯的一頁。\nnotebook: true\ntranslates: >-\n  ")
    assert recorded(text) == [paragraph.hash for paragraph in paragraphs(ENGLISH)]
    assert staleness(page) is None
    # The other readers of the front matter still see what they read.
    assert front_matter(text)["description"] == "要翻譯的一頁。"
    assert front_matter(text)["notebook"] is True
    assert f"recorded {relative(page)}" in capsys.readouterr().out
    # A second run has nothing to write.
    assert main([str(page)]) == 0
    assert page.read_text(encoding="utf-8") == text
    assert capsys.readouterr().out == ""


def test_the_command_adds_front_matter_to_a_page_without_any(tmp_path):
    page = pair(tmp_path, translation=BODY.lstrip())
    assert main([str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\ntranslates: >-\n")
    assert text.endswith("---\n" + BODY.lstrip())
    assert staleness(page) is None


def test_a_changed_english_paragraph_fails_naming_the_page_and_the_paragraph(tmp_path):
    page = pair(tmp_path)
    main([str(page)])
    english = tmp_path / "demo.md"
    changed = ENGLISH.replace("The first paragraph, which", "The first paragraph, changed, which")
    changed = changed.replace("The last paragraph.", "The last paragraph.\n\nA new paragraph.")
    changed = changed.replace("- another item\n", "")
    english.write_text(changed, encoding="utf-8")
    problem = staleness(page)
    assert problem is not None
    assert problem.startswith(
        f"{relative(page)} translates an older version of {relative(english)}."
    )
    assert 'line 7, changed: "The first paragraph, changed, which runs over two lines."' in problem
    assert "before line 17: 1 paragraph of the recorded version gone" in problem
    assert 'line 26, new: "A new paragraph."' in problem
    assert f"{COMMAND} {relative(page)}" in problem
    assert "an item" not in problem


def test_only_the_prose_counts(tmp_path):
    page = pair(tmp_path)
    main([str(page)])
    # Rewrapped prose, another code block, another comment: nothing to translate.
    english = ENGLISH.replace("which\nruns", "which runs").replace(":first", ":second")
    (tmp_path / "demo.md").write_text(english.replace("skip: next", "skip"), encoding="utf-8")
    assert staleness(page) is None


def test_a_long_paragraph_is_quoted_by_its_beginning(tmp_path):
    page = pair(tmp_path)
    main([str(page)])
    long = "The last paragraph, " + "and on " * 20 + "and on."
    (tmp_path / "demo.md").write_text(ENGLISH.replace("The last paragraph.", long), "utf-8")
    problem = staleness(page)
    assert problem is not None
    assert f'line 25, changed: "{long[:60].rstrip()}..."' in problem


def test_the_command_refuses_a_page_that_is_not_a_translation(tmp_path, capsys):
    pair(tmp_path)
    english = tmp_path / "demo.md"
    before = english.read_text(encoding="utf-8")
    assert main([str(english)]) == 1
    assert "is not a page translated by hand" in capsys.readouterr().err
    assert english.read_text(encoding="utf-8") == before
