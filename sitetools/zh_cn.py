"""Derive the 简体中文 pages from the 繁體中文 ones with OpenCC (Taiwan to Mainland) and a glossary.

Run `python -m sitetools.zh_cn` to write them; the MkDocs build does the same on every build.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import opencc

from sitetools.pages import DOCS_DIR, translation_of

GLOSSARY = Path(__file__).with_name("zh_cn_glossary.txt")
GENERATED_NOTICE = "<!-- Generated from {source} by sitetools.zh_cn; edit that file instead. -->\n"
# Private-use characters mark glossary terms so OpenCC leaves them alone.
_PLACEHOLDER_BASE = 0xF0000


@cache
def glossary() -> tuple[tuple[str, str], ...]:
    """Taiwan term -> Mainland term, longest first so compounds win over their parts."""
    pairs = []
    for number, line in enumerate(GLOSSARY.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        taiwan, separator, mainland = (part.strip() for part in line.partition("="))
        if not separator or not taiwan or not mainland:
            raise ValueError(f"{GLOSSARY.name}:{number}: expected 'zh-TW term = zh-CN term'")
        pairs.append((taiwan, mainland))
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("tw2sp")


def to_mainland(text: str) -> str:
    terms = glossary()
    for index, (taiwan, _) in enumerate(terms):
        text = text.replace(taiwan, chr(_PLACEHOLDER_BASE + index))
    text = _converter().convert(text)
    for index, (_, mainland) in enumerate(terms):
        text = text.replace(chr(_PLACEHOLDER_BASE + index), mainland)
    return text


def mainland_page(taiwan_page: Path) -> str:
    text = to_mainland(taiwan_page.read_text(encoding="utf-8"))
    notice = GENERATED_NOTICE.format(source=taiwan_page.name)
    # The notice goes after any front matter, which must stay at the very top.
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        end = text.index("\n---\n", 4) + len("\n---\n")
        return text[:end] + notice + text[end:]
    return notice + text


def write_mainland_pages(docs_dir: Path = DOCS_DIR) -> list[Path]:
    """Write every zh-CN page whose text changed; return those written."""
    written = []
    for taiwan_page in sorted(docs_dir.rglob("*.zh-TW.md")):
        english = taiwan_page.with_name(taiwan_page.name.replace(".zh-TW.md", ".md"))
        target = translation_of(english, "zh-CN")
        text = mainland_page(taiwan_page)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written


if __name__ == "__main__":
    for path in write_mainland_pages():
        print(f"wrote {path}", file=sys.stderr)
