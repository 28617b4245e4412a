"""The site's terms as checks: a zh-TW text that uses a replaced word, a zh-CN text that a
Taiwan term leaked into (sitetools/build/terms.yml)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from sitetools.examples.model import FENCE_RE, english_pages
from sitetools.project import ROOT, language

TERMS_FILE = "sitetools/build/terms.yml"
TERMS = yaml.safe_load((ROOT / TERMS_FILE).read_text(encoding="utf-8"))
TAIWAN, MAINLAND = language("zh-TW"), language("zh-CN")
# What is code, not prose: inline code, link targets, autolinks, placeholders, HTML comments.
CODE_RE = re.compile(
    r"``.+?``|`[^`\n]+`|\]\([^)\n]*\)|<https?://[^>\n]*>|\{\{.*?\}\}|<!--.*?-->", re.DOTALL
)
BY_VARIANT = {word.lower(): rule for rule in TERMS["zh-TW"] for word in rule["replaces"]}


def _word(term: str) -> str:
    """A term as a pattern; an English one only as a whole word (`epochs`, not `set_epoch`)."""
    pattern = re.escape(term)
    return rf"(?<![\w-]){pattern}(?![\w-])" if term.isascii() else pattern


# Longest first, so 亂數種子 is found as itself rather than as 亂數.
VARIANTS_RE = re.compile(
    "|".join(_word(word) for word in sorted(BY_VARIANT, key=len, reverse=True)), re.IGNORECASE
)


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def prose(text: str) -> list[str]:
    """The text's lines with code blocks and code blanked out: lines and columns stay put."""
    return CODE_RE.sub(_blank, FENCE_RE.sub(_blank, text)).split("\n")


def translated() -> list[Path]:
    """The English pages with a zh-TW page so far; one not yet translated is missing_pages'."""
    return [page for page in english_pages() if TAIWAN.page(page).is_file()]


def replaced_terms(text: str, where: str) -> list[str]:
    """Each replaced word in the prose of zh-TW text, with its line and the term to write."""
    problems = []
    for number, line in enumerate(prose(text), start=1):
        for match in VARIANTS_RE.finditer(line):
            rule = BY_VARIANT[match.group().lower()]
            # The English name may follow the term it stands for: 一*輪*（epoch）.
            gloss = re.search(re.escape(rule["use"]) + r"\**（$", line[: match.start()])
            if gloss and line[match.end() :].startswith("）"):
                continue
            problems.append(
                f"{where} line {number}: write 「{rule['use']}」, not 「{match.group()}」"
                f" ({rule['concept']}; the site's terms are listed in {TERMS_FILE})"
            )
    return problems


def leaked_terms(text: str, where: str) -> list[str]:
    """Each Taiwan term left in the prose of converted zh-CN text, with its line."""
    problems = []
    lines = zip(prose(text), text.split("\n"), strict=True)
    for number, (line, raw) in enumerate(lines, start=1):
        for rule in TERMS["zh-CN"]:
            for match in re.finditer(rule.get("pattern", re.escape(rule["leak"])), raw):
                if line[match.start() : match.end()] != match.group():
                    continue  # in code
                about = f" for {rule['concept']}" if "concept" in rule else ""
                context = raw[max(0, match.start() - 16) : match.end() + 16].strip()
                problems.append(
                    f"{where} line {number}: the Taiwan term 「{rule['leak']}」{about} is left"
                    f" in 「{context}」; it should read 「{rule['use']}」. Add the zh-TW phrase"
                    " and its Mainland term to sitetools/build/glossary.zh-CN.txt"
                )
    return problems
