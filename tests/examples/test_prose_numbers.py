"""Which numbers of a page's prose count as stated results, and what they must match."""

from decimal import Decimal

from sitetools.examples.prose_numbers import (
    ProseNumber,
    not_computed,
    printed_numbers,
    prose_numbers,
    rounds_to,
)

PAGE = """\
---
description: 12 words of front matter
---

# Chapter 3

1. A list item counts 4,417 parameters.

```python
print(999)
```

It ran on 23 November 2026 (2026-11-23), 2024 年 10 月, with `torch.zeros(77)` and
[a link](https://example.org/88) and torch 2.13 on a 64-bit x86-64 machine: 97.5% and 0.25.
"""


def test_only_prose_numbers_are_found_with_their_lines():
    found = [(number.line, number.text) for number in prose_numbers(PAGE)]
    assert found == [(5, "3"), (7, "4,417"), (14, "97.5%"), (14, "0.25")]


def test_a_translation_is_compared_with_every_number_of_its_english_prose():
    every = [number.text for number in prose_numbers(PAGE, every=True)]
    assert every == ["3", "4,417", "2.13", "64", "64", "97.5%", "0.25"]


def test_a_number_matches_what_was_printed_as_printed_or_rounded():
    def stated(text: str, percent: bool = False) -> ProseNumber:
        return ProseNumber(1, text, Decimal(text), percent)

    assert rounds_to(stated("0.67"), Decimal("0.6667"))
    assert rounds_to(stated("97.5", percent=True), Decimal("0.975"))
    assert rounds_to(stated("1.3"), Decimal("-1.3"))
    assert not rounds_to(stated("4481"), Decimal("4417"))
    assert not rounds_to(stated("0.6"), Decimal("0.6667"))


def test_printed_numbers_come_from_the_output_lines_only():
    code = "print(torch.zeros(3).sum() + 12)\n#> tensor(12.)\n#> loss 1e-05, 4417"
    assert printed_numbers(code) == {Decimal("12."), Decimal("1e-05"), Decimal("4417")}


def test_a_front_matter_key_may_list_several_numbers():
    text = '---\nnot-computed:\n  "3 55 1,500": counted by hand\n  0.69: log 2\n---\n'
    assert not_computed(text) == {Decimal(n) for n in ("3", "55", "1500", "0.69")}
