"""One search index per language, so a page downloads and indexes only its own language.

mkdocs-static-i18n merges every language's entries into one index that every page fetches.
Material fetches `search/search_index.json` below the `base` of the page's `__config` and resolves
results against it: each language gets an index in its own folder, with locations relative to
it, and its pages a base that points there.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

INDEX = Path("search", "search_index.json")
CONFIG_BASE_RE = re.compile(
    r'(<script id="__config" type="application/json">.*?"base":\s*")([^"]*)(")', re.DOTALL
)


def prefixes(config) -> list[str]:
    """The folders the other languages are built into: ["zh-TW/", "zh-CN/"]."""
    languages = config.plugins["i18n"].config.languages
    return [f"{language.locale}/" for language in languages if not language.default]


def language_prefix(path: str, prefixes: list[str]) -> str:
    """The language folder a site path lies in ("zh-TW/"), or "" for the default language."""
    return next((prefix for prefix in prefixes if path.startswith(prefix)), "")


def prefix_of(url: str, config) -> str:
    return language_prefix(url, prefixes(config))


def split_by_language(site_dir: Path, prefixes: list[str]) -> None:
    """Move each prefix's entries ("zh-TW/") from the root index to `<prefix>search/`."""
    path = site_dir / INDEX
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the search plugin wrote no index to split")
    index = json.loads(path.read_text(encoding="utf-8"))
    by_prefix: dict[str, list[dict]] = {prefix: [] for prefix in ["", *prefixes]}
    for entry in index["docs"]:
        prefix = language_prefix(entry["location"], prefixes)
        by_prefix[prefix].append({**entry, "location": entry["location"][len(prefix) :]})
    for prefix, docs in by_prefix.items():
        if not docs:
            raise ValueError(f"{path}: no search entries for the language at /{prefix}")
        target = site_dir / prefix / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        # UTF-8 rather than \u escapes: Chinese text takes half the bytes (fetch reads UTF-8).
        text = json.dumps({**index, "docs": docs}, separators=(",", ":"), ensure_ascii=False)
        target.write_text(text, encoding="utf-8")


def point_search_at_language(html: str, prefix: str) -> str:
    """Make the page's `__config` base the root of its language (`../..` -> `../../zh-TW/`)."""
    if not prefix:
        return html
    html, found = CONFIG_BASE_RE.subn(lambda m: f"{m[1]}{m[2].rstrip('/')}/{prefix}{m[3]}", html, 1)
    if not found:
        raise ValueError("no base in the page's __config script")
    return html
