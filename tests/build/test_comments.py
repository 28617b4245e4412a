"""Comments and docstrings in the reader's language: every one translated, none left over, shown
on the translated pages with the code untouched."""

from __future__ import annotations

import pytest
import yaml

from sitetools.build.comments import (
    code_difference,
    hand_written,
    stale,
    translate,
    translations,
    translations_file,
    untranslated,
    with_translated_comments,
)
from sitetools.build.references import with_reference_links
from sitetools.examples.model import DOCS_DIR
from sitetools.examples.recorded_references import RECORD
from sitetools.project import language
from tests.support import built_page, project_with_languages
from tests.support.terms import leaked_terms, replaced_terms

DEMO = (
    "# --8<-- [start:add]\n"
    "# Continues the previous block.\n"
    "import torch\n\n"
    "total = torch.zeros(2)  # starts at zero\n"
    "# Adds one to each entry,\n"
    "# in place.\n"
    "total += 1\n"
    'label = "# not a comment"  # a string, then a comment\n'
    "print(total, label)\n"
    "#> tensor([1., 1.]) # not a comment\n"
    "# --8<-- [end:add]\n"
)
TRANSLATIONS = {
    "every file": {"Continues the previous block.": "接續前一個區塊。"},
    "snippets/demo.py": {
        "starts at zero": "從零開始",
        "Adds one to each entry, in place.": "每個元素原地加一。",
        "a string, then a comment": "先是字串，再是註解",
    },
}


@pytest.fixture
def root(tmp_path):
    """A project in English and zh-TW with one snippet file and its translations."""
    project_with_languages(tmp_path)
    (tmp_path / "snippets" / "demo.py").write_text(DEMO, encoding="utf-8")
    write_translations(tmp_path, TRANSLATIONS)
    (tmp_path / RECORD).write_text(yaml.safe_dump({"snippets/demo.py:add": []}), "utf-8")
    return tmp_path


def write_translations(root, entries) -> None:
    text = yaml.safe_dump(entries, allow_unicode=True)
    translations_file("zh-TW", root).write_text(text, encoding="utf-8")


PAGE = '# Demo\n\n!!! note\n\n    ```python\n    --8<-- "snippets/demo.py:add"\n    ```\n'


def test_every_comment_and_docstring_is_translated_and_every_translation_is_used():
    problems = [problem for code in hand_written() for problem in untranslated(code) + stale(code)]
    assert not problems, "\n".join(problems)
    assert sum(len(entries) for entries in translations("zh-TW").files.values()) > 150


def test_a_comment_without_a_translation_is_named_with_its_file_and_line(root):
    entries = {**TRANSLATIONS, "snippets/demo.py": dict(TRANSLATIONS["snippets/demo.py"])}
    del entries["snippets/demo.py"]["starts at zero"]
    write_translations(root, entries)
    problems = untranslated("zh-TW", root)
    assert len(problems) == 1, problems
    assert problems[0].startswith(
        "snippets/demo.py:5: the comment 'starts at zero' has no zh-TW translation; add it to "
    )
    assert problems[0].endswith("comments.zh-TW.yml under snippets/demo.py")
    assert stale("zh-TW", root) == []


def test_a_translation_whose_comment_is_gone_is_named(root):
    entries = {
        **TRANSLATIONS,
        "snippets/demo.py": {**TRANSLATIONS["snippets/demo.py"], "starts at one": "從一開始"},
        "snippets/gone.py": {"anything": "任何東西"},
        "every file": {**TRANSLATIONS["every file"], "Needs a CUDA GPU.": "需要 CUDA GPU。"},
    }
    write_translations(root, entries)
    problems = stale("zh-TW", root)
    assert len(problems) == 3, problems
    assert problems[0].endswith(
        "comments.zh-TW.yml: snippets/demo.py: 'starts at one' is no longer a comment or "
        "docstring there; update or remove its translation"
    )
    assert problems[1].endswith("comments.zh-TW.yml: snippets/gone.py is not a snippet file")
    assert "every file: 'Needs a CUDA GPU.' is no longer a comment or docstring" in problems[2]
    assert untranslated("zh-TW", root) == []


def test_a_translated_page_shows_the_code_with_its_comments_translated(root):
    english = with_translated_comments(PAGE, root / "docs" / "demo.md", root)
    assert english == PAGE
    taiwan = with_translated_comments(PAGE, root / "docs" / "demo.zh-TW.md", root)
    assert taiwan == (
        "# Demo\n\n!!! note\n\n    ```python\n"
        "    # 接續前一個區塊。\n"
        "    import torch\n\n"
        "    total = torch.zeros(2)  # 從零開始\n"
        "    # 每個元素原地加一。\n"
        "    total += 1\n"
        '    label = "# not a comment"  # 先是字串，再是註解\n'
        "    print(total, label)\n"
        "    #> tensor([1., 1.]) # not a comment\n"
        "    ```\n"
    )


def test_the_reference_links_come_first_and_still_follow_the_block(root):
    (root / RECORD).write_text(yaml.safe_dump({"snippets/demo.py:add": ["torch.zeros"]}), "utf-8")
    page = root / "docs" / "demo.zh-TW.md"
    result = with_translated_comments(with_reference_links(PAGE, page, root), page, root)
    assert "    total = torch.zeros(2)  # 從零開始\n" in result
    assert "    ```\n\n    參考文件：[`torch.zeros`](" in result
    assert "\n    {: .references }\n" in result


def test_a_translation_of_several_lines_becomes_as_many_comment_lines():
    code = "def f():\n    # One long\n    # comment.\n    return 1\n"
    lookup = {"One long comment.": "第一行\n第二行"}.get
    assert translate(code, lookup) == "def f():\n    # 第一行\n    # 第二行\n    return 1\n"


def test_docstrings_and_shell_comments_are_translated_strings_and_outputs_are_not():
    code = 'def f():\n    """Twice n."""\n    return "# x"  # a comment\n#> out\n'
    lookup = {"Twice n.": "n 的兩倍。", "a comment": "註解", "out": "輸出"}.get
    assert (
        translate(code, lookup)
        == 'def f():\n    """n 的兩倍。"""\n    return "# x"  # 註解\n#> out\n'
    )
    shell = 'echo "# kept"  # says it\n# One line.\nls\n'
    lookup = {"says it": "印出來", "One line.": "一行。"}.get
    assert translate(shell, lookup, shell=True) == 'echo "# kept"  # 印出來\n# 一行。\nls\n'


def test_a_docstring_of_several_lines_keeps_its_indentation():
    code = 'class A:\n    """Line one.\n\n    More.\n    """\n'
    lookup = {"Line one.\n\nMore.": "第一行。\n\n更多。"}.get
    assert translate(code, lookup) == 'class A:\n    """第一行。\n\n    更多。\n    """\n'


@pytest.mark.parametrize(
    ("translated", "difference"),
    [
        ("x = 1  # 一\nprint(x)\n#> 1\n", None),
        ("x = 1  # 一\nx = 2\nprint(x)\n#> 1\n", "its code differs from the English code"),
        ("x = 1  # 一\nprint(x)\n#> 2\n", "its #> lines differ from the English code's"),
        ("x = 1  # 一\n)\nprint(x)\n#> 1\n", "it is not valid Python"),
    ],
)
def test_translated_code_must_be_the_english_code_comments_aside(translated, difference):
    found = code_difference("x = 1  # one\nprint(x)\n#> 1\n", translated)
    assert found == difference or (difference and found.startswith(difference))


def test_the_translations_use_the_sites_terms_in_both_chinese_languages():
    taiwan, mainland = translations("zh-TW"), translations("zh-CN")
    problems = []
    for store, check in [(taiwan, replaced_terms), (mainland, leaked_terms)]:
        where = f"{translations_file('zh-TW').name} ({store.code})"
        for entries in [store.every_file, *store.files.values()]:
            for english, text in entries.items():
                problems += check(text, f"{where}, {english!r}:")
    assert not problems, "\n".join(problems)


def test_the_built_chinese_pages_show_translated_comments(built_site):
    page = DOCS_DIR / "autograd.md"
    taiwan, mainland = built_page(built_site, page, "zh-TW"), built_page(built_site, page, "zh-CN")
    english = built_page(built_site, page, "en")
    assert "# an input: plain data, no gradient wanted" in english
    assert "# 輸入：一般資料，不需要梯度" in taiwan
    assert "# 输入：一般数据，不需要梯度" in mainland
    assert language("zh-CN").derived_from == "zh-TW"


def test_the_label_over_recorded_gpu_output_is_translated_whatever_the_hardware():
    label = "Output recorded on an NVIDIA H100 with torch 2.13.0 (CUDA 12.8) on 2026-01-05."
    lookup = translations("zh-TW").lookup("snippets/devices.py")
    assert lookup(label) == "輸出記錄於 NVIDIA H100，torch 2.13.0（CUDA 12.8），2026-01-05。"
    assert translations("zh-CN").lookup("snippets/devices.py")(label).startswith("输出记录于")
