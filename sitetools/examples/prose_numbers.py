"""Numbers in the prose: a result the text states must be one that a block on the page prints.

A number in an English page's prose passes when a `#>` line of the page prints it (as printed, or
rounded to the digits the prose gives; `97.5%` also matches a printed `0.975`), or when it is not
a result at all: it appears in the page's code (a size or a rate the author chose), it is a year
or a version, or the page lists it under `not-computed:` in its front matter with the reason:

    ---
    not-computed:
      60000: the size of MNIST's training set, quoted, not computed here
      "3 55 80": runs counted while the script was being fixed, not by the page's code
    ---

A translation may only state numbers that its English page's prose states, so a figure fixed in
English cannot stay wrong in another language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sitetools.examples.blocks import OUTPUT_MARK, expected_lines
from sitetools.examples.model import front_matter, prose_of, relative

MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
# Dates, which are never results: 2026-11-23, 23 November 2026, 2026 年 11 月 23 日.
DATE = (
    rf"\d{{4}}-\d\d-\d\d|(?:\d{{1,2}}\s+)?(?:{MONTH})(?:\s+\d{{4}})?"
    r"|\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?"
)
# Digits that stand alone: not inside a name (float32, H100, conv2d), not a version's part.
NUMBER_RE = re.compile(
    r"(?<![A-Za-z0-9_.,+])(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<percent>\s?%)?(?![A-Za-z0-9_]|[.,]\d)"
)
PRINTED_RE = re.compile(r"(?<![A-Za-z0-9_])\d+(?:\.\d+)?(?:e[+-]?\d+)?")
# Prose that is not prose: code spans, link targets, tags, URLs, attribute lists, placeholders,
# an ordered list's marker, footnote references.
NOT_PROSE_RE = re.compile(
    r"(`+)(?:(?!\1).)+\1|\]\([^)]*\)|^\s*\[[^\]]+\]:.*$|<[^>]+>|https?://\S+|\{[:#.][^}]*\}"
    r"|\{\{.*?\}\}|^\s*\d+\.\s|\[\^\w+\]|:[a-z0-9-]+:|" + DATE,
    re.MULTILINE,
)
# What comes before a version number, and around a number that names a kind of machine.
VERSIONED_RE = re.compile(
    r"(?:torch|PyTorch|Python|CUDA|cuDNN|NumPy|version|release|Material|MkDocs|ONNX|opset)"
    r"[\s,:]+$|x86-$",
    re.IGNORECASE,
)
MACHINE_WORD_RE = re.compile(r"^-bit\b")


@dataclass(frozen=True)
class ProseNumber:
    line: int
    text: str
    value: Decimal
    percent: bool

    @property
    def decimals(self) -> int:
        exponent = self.value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def prose_lines(text: str) -> list[str]:
    """The page's lines of prose, in place, with what in them is not prose blanked out."""
    return [NOT_PROSE_RE.sub(" ", line) for line in prose_of(text).split("\n")]


def prose_numbers(text: str, every: bool = False) -> list[ProseNumber]:
    """The numbers in the prose; unless `every`, without versions and machine words (64-bit)."""
    found = []
    for number, line in enumerate(prose_lines(text), start=1):
        for match in NUMBER_RE.finditer(line):
            named = VERSIONED_RE.search(line[: match.start()]) or MACHINE_WORD_RE.match(
                line[match.end() :]
            )
            if named and not every:
                continue
            value = Decimal(match["digits"].replace(",", ""))
            found.append(ProseNumber(number, match.group(0).strip(), value, bool(match["percent"])))
    return found


def printed_numbers(code: str) -> set[Decimal]:
    return {Decimal(token) for line in expected_lines(code) for token in PRINTED_RE.findall(line)}


def code_numbers(code: str) -> set[Decimal]:
    """Numbers written in the code itself, outside its `#>` lines: the author's choices."""
    lines = (line for line in code.splitlines() if not line.strip().startswith(OUTPUT_MARK))
    return {Decimal(token) for line in lines for token in PRINTED_RE.findall(line)}


def not_computed(text: str) -> set[Decimal]:
    """The numbers the front matter lists as not results; a key may hold several."""
    keys = front_matter(text).get("not-computed") or {}
    return {Decimal(word.replace(",", "")) for key in keys for word in str(key).split()}


def is_year(number: ProseNumber) -> bool:
    return not number.percent and number.text.isdigit() and 1900 <= number.value <= 2099


def rounds_to(number: ProseNumber, printed: Decimal) -> bool:
    quantum = Decimal(1).scaleb(-number.decimals)
    candidates = [printed, printed * 100] if number.percent else [printed]
    return any(abs(c).quantize(quantum) == number.value for c in candidates)


def unprinted_results(page: Path, text: str, codes: list[str]) -> list[str]:
    """Numbers in the page's prose that look like results but no block prints."""
    printed = set().union(*(printed_numbers(code) for code in codes))
    written = set().union(*(code_numbers(code) for code in codes))
    listed = not_computed(text)
    problems = []
    for number in prose_numbers(text):
        if number.value in written or number.value in listed or is_year(number):
            continue
        if any(rounds_to(number, value) for value in printed):
            continue
        problems.append(
            f"{relative(page)}, line {number.line}: {number.text} is in the prose, but no block "
            "on the page prints it and the code does not contain it. If it is a result, print "
            "it; if not, list it under `not-computed:` in the page's front matter, with why"
        )
    return problems


def numbers_missing_in_english(
    english: Path, english_text: str, translated: Path, translated_text: str
) -> list[str]:
    """Numbers a translation states that its English page's prose does not."""
    in_english = {number.value for number in prose_numbers(english_text, every=True)}
    return [
        f"{relative(translated)}, line {number.line}: {number.text} is not in the prose of "
        f"{relative(english)}; a translation states the same figures as its English page"
        for number in prose_numbers(translated_text, every=True)
        if number.value not in in_english
    ]
