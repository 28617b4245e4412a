"""The languages at build time: derived pages and settings, and pages a language lacks.

A derived language (zh-CN) is written by nobody: its pages, its mkdocs.yml settings and its
strings are converted from its source language's (zh-TW) with OpenCC plus a glossary of
overrides (`glossary.<code>.txt`, "source term = derived term" per line).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sitetools.examples.model import SiteError, english_pages, relative
from sitetools.project import ROOT, Language, language, language_of, languages

GENERATED_NOTICE = "<!-- Generated from {source} by the build; edit that file instead. -->\n"
DERIVED_SETTINGS = ("site_name", "site_description", "nav_translations")
# Private-use characters stand for glossary terms while OpenCC converts the rest.
_PLACEHOLDER_BASE = 0xF0000


@cache
def glossary(code: str) -> tuple[tuple[str, str], ...]:
    """Source term -> derived term, longest first so compounds win over their parts."""
    path = Path(__file__).with_name(f"glossary.{code}.txt")
    pairs = []
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    for number, line in enumerate(lines, start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        source, separator, derived = (part.strip() for part in line.partition("="))
        if not separator or not source or not derived:
            raise ValueError(f"{path.name}:{number}: expected 'source term = derived term'")
        pairs.append((source, derived))
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


@cache
def _converter(configuration: str):
    import opencc

    return opencc.OpenCC(configuration)


def convert(text: str, target: Language) -> str:
    """Text of the source language in the derived one."""
    terms = glossary(target.code)
    for index, (source, _) in enumerate(terms):
        text = text.replace(source, chr(_PLACEHOLDER_BASE + index))
    text = _converter(target.opencc).convert(text)
    for index, (_, derived) in enumerate(terms):
        text = text.replace(chr(_PLACEHOLDER_BASE + index), derived)
    return text


@cache
def strings(code: str, root: Path = ROOT) -> dict[str, str]:
    """The site's own words in a language; a derived language's are converted."""
    target = language(code, root)
    if target.derived_from is None:
        return target.strings
    source = strings(target.derived_from, root)
    return {name: convert(text, target) for name, text in source.items()}


def derived_page(source_page: Path, target: Language) -> str:
    text = convert(source_page.read_text(encoding="utf-8"), target)
    notice = GENERATED_NOTICE.format(source=source_page.name)
    # The notice goes after any front matter, which must stay at the very top.
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        end = text.index("\n---\n", 4) + len("\n---\n")
        return text[:end] + notice + text[end:]
    return notice + text


def write_derived_pages(docs_dir: Path) -> list[Path]:
    """Write every derived page whose text changed; return those written."""
    root, written = docs_dir.parent, []
    for target in (lang for lang in languages(root) if lang.derived_from):
        source = language(target.derived_from, root)
        for english in english_pages(docs_dir):
            page, text = target.page(english), derived_page(source.page(english), target)
            if not page.exists() or page.read_text(encoding="utf-8") != text:
                page.write_text(text, encoding="utf-8")
                written.append(page)
    return written


def missing_pages(docs_dir: Path) -> None:
    """Every language written by hand has every page; the error names the first one missing."""
    root = docs_dir.parent
    for target in languages(root)[1:]:
        if target.derived_from:
            continue
        missing = [target.page(page) for page in english_pages(docs_dir)]
        missing = [page for page in missing if not page.is_file()]
        if missing:
            raise SiteError(
                f"mkdocs.yml: the language '{target.code}' has no page {relative(missing[0])}"
                + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else "")
            )


def derive_settings(i18n_languages, root: Path) -> None:
    """Give each derived language its source's mkdocs.yml settings, converted."""
    entries = {entry.locale: entry for entry in i18n_languages}
    for target in (lang for lang in languages(root) if lang.derived_from):
        source, derived = entries[target.derived_from], entries[target.code]
        for key in DERIVED_SETTINGS:
            value = source[key]
            if isinstance(value, dict):
                value = {name: convert(title, target) for name, title in value.items()}
            elif value is not None:
                value = convert(value, target)
            derived[key] = value


def page_strings(page_name: str, root: Path = ROOT) -> dict[str, str]:
    return strings(language_of(page_name, root).code, root)
