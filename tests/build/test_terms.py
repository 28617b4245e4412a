"""One word per concept: the zh-TW pages keep to sitetools/build/terms.yml, and no Taiwan term
is left in the zh-CN pages the build converts from them."""

from __future__ import annotations

from sitetools.build.languages import convert, derived_page, strings
from sitetools.examples.model import relative
from tests.support.terms import (
    MAINLAND,
    TAIWAN,
    TERMS,
    TERMS_FILE,
    leaked_terms,
    replaced_terms,
    translated,
)


def test_a_replaced_term_is_named_with_its_line_and_the_term_to_write():
    text = "# 模型\n\n層與層之間要有激活函數。\n"
    assert replaced_terms(text, "docs/demo.zh-TW.md") == [
        "docs/demo.zh-TW.md line 3: write 「激勵函數」, not 「激活函數」 (activation function;"
        f" the site's terms are listed in {TERMS_FILE})"
    ]


def test_code_is_not_prose_but_an_english_word_in_prose_is_a_term():
    code = (
        "呼叫 `sampler.set_epoch(epoch)`，見[說明](https://example.org/epoch)。\n\n"
        "```python\nfor epoch in range(3):\n    pass\n```\n"
    )
    assert replaced_terms(code, "demo") == []
    found = replaced_terms("每個 epoch 都打亂，共 3 Epochs；set_epoch 不算。\n", "demo")
    assert [problem.split(",")[0] for problem in found] == [
        "demo line 1: write 「輪」",
        "demo line 1: write 「輪」",
    ]


def test_the_english_name_may_follow_the_term_it_stands_for():
    assert replaced_terms("一*輪*（epoch）是走過一遍；有*張量核心*（Tensor Core）。\n", "d") == []
    assert len(replaced_terms("每個 epoch（epoch）\n", "demo")) == 2


def test_the_longest_replaced_word_is_the_one_named():
    [problem] = replaced_terms("只設定了亂數種子。\n", "demo")
    assert "write 「隨機種子」, not 「亂數種子」" in problem


def test_no_word_is_both_a_term_and_one_it_replaces():
    used = [rule["use"].lower() for rule in TERMS["zh-TW"]]
    replaced = [word.lower() for rule in TERMS["zh-TW"] for word in rule["replaces"]]
    assert len(set(replaced)) == len(replaced)
    assert not set(used) & set(replaced)


def test_every_zh_tw_page_writes_one_term_per_concept():
    problems = []
    for english in translated():
        page = TAIWAN.page(english)
        problems += replaced_terms(page.read_text(encoding="utf-8"), relative(page))
    for name, text in strings(TAIWAN.code).items():
        problems += replaced_terms(text, f"sitetools/build/strings.yml, zh-TW {name}:")
    assert not problems, "\n".join(problems)


def test_a_taiwan_term_left_in_converted_text_is_named_with_its_line():
    text = "模型就是一个 Python 类别。\n属于类别 1 的概率；下面的代码块。\n离开 `with` 代码块后\n"
    first, second = leaked_terms(text, "demo.zh-CN.md")
    assert first == (
        "demo.zh-CN.md line 1: the Taiwan term 「类别」 for a Python class is left in"
        " 「模型就是一个 Python 类别。」; it should read 「类」. Add the zh-TW phrase and its"
        " Mainland term to sitetools/build/glossary.zh-CN.txt"
    )
    assert second.startswith(
        "demo.zh-CN.md line 3: the Taiwan term 「代码块」 for the block of a `with` statement"
        " is left in 「离开 `with` 代码块后」; it should read 「语句块」."
    )
    [problem] = leaked_terms("`覆写` 不算；一套用来大量测试的工具会覆写它\n", "d")
    assert problem.startswith("d line 1: the Taiwan term 「覆写」 is left in")


def test_the_glossary_replaces_a_taiwan_term_only_where_it_is_one():
    assert convert("模型是一個 Python 類別，輸出類別 1。", MAINLAND) == (
        "模型是一个 Python 类，输出类别 1。"
    )
    assert convert("下面的區塊在 `with` 區塊內執行。", MAINLAND) == (
        "下面的代码块在 `with` 语句块内运行。"
    )
    assert convert("一套用來做大量測試的工具，再套用它、量測它。", MAINLAND) == (
        "一套用来做大量测试的工具，再应用它、测量它。"
    )


def test_no_taiwan_term_is_left_in_a_zh_cn_page():
    problems = []
    for english in translated():
        source = TAIWAN.page(english)
        where = f"{relative(MAINLAND.page(english))} (from {source.name})"
        problems += leaked_terms(derived_page(source, MAINLAND), where)
    for name, text in strings(MAINLAND.code).items():
        problems += leaked_terms(text, f"sitetools/build/strings.yml, zh-CN {name}:")
    assert not problems, "\n".join(problems)
