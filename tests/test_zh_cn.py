"""The zh-TW to zh-CN conversion: OpenCC's Mainland phrases, with the glossary taking precedence."""

from sitetools.zh_cn import GENERATED_NOTICE, glossary, mainland_page, to_mainland


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
    for taiwan, mainland in glossary():
        assert to_mainland(f"「{taiwan}」") == f"「{mainland}」"


def test_the_notice_goes_after_front_matter(tmp_path):
    page = tmp_path / "demo.zh-TW.md"
    page.write_text("---\ndescription: 張量\n---\n\n# 張量\n", encoding="utf-8")
    notice = GENERATED_NOTICE.format(source="demo.zh-TW.md")
    assert mainland_page(page) == f"---\ndescription: 张量\n---\n{notice}\n# 张量\n"
