"""A derived language: zh-TW converted to zh-CN with OpenCC, the glossary taking precedence."""

from sitetools.build.languages import GENERATED_NOTICE, convert, derived_page, glossary, strings
from sitetools.project import language

MAINLAND = language("zh-CN")


def to_mainland(text: str) -> str:
    return convert(text, MAINLAND)


def test_opencc_turns_taiwan_phrases_into_mainland_ones():
    assert to_mainland("記憶體裡的程式碼與物件") == "内存里的代码与对象"


def test_the_glossary_wins_over_opencc():
    assert to_mainland("預設的純量") == "默认的标量"


def test_rows_and_columns_swap_names():
    # Taiwan calls a row 列 and a column 行; the Mainland the other way round.
    assert to_mainland("每一橫列有三個直行") == "每一行有三个列"


def test_code_and_includes_are_left_alone():
    text = '```python\n--8<-- "snippets/tensors.py:create_zeros"\n```\n`torch.zeros(2, 3)`'
    assert to_mainland(text) == text


def test_every_glossary_entry_is_applied():
    for taiwan, mainland in glossary("zh-CN"):
        assert to_mainland(f"「{taiwan}」") == f"「{mainland}」"


def test_the_notice_goes_after_front_matter(tmp_path):
    page = tmp_path / "demo.zh-TW.md"
    page.write_text("---\ndescription: 張量\n---\n\n# 張量\n", encoding="utf-8")
    notice = GENERATED_NOTICE.format(source="demo.zh-TW.md")
    assert derived_page(page, MAINLAND) == f"---\ndescription: 张量\n---\n{notice}\n# 张量\n"


def test_a_derived_language_has_its_sources_strings_converted():
    assert "[Jupyter 笔记本](notebooks/{stem}.ipynb)" in strings("zh-CN")["notebook_note"]
    assert set(strings("zh-CN")) == set(strings("zh-TW")) == set(strings("en"))
