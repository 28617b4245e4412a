"""Give a notebook page's headings the ids the rest of the site uses, and point its TOC at them.

mkdocs-jupyter makes heading ids with an ASCII-only slug (a Chinese heading gets `id=""`) and
builds the table of contents with Markdown's default slug, so the two disagree: its TOC links
lead nowhere, and a heading with code in it loses the code in one and not the other.
"""

from __future__ import annotations

import html
import re

from pymdownx.slugs import slugify

HEADING_RE = re.compile(
    r'<h(?P<level>[1-6]) id="[^"]*">(?P<inner>.*?)'
    r'<a class="anchor-link" href="#[^"]*">¶</a></h(?P=level)>',
    re.DOTALL,
)
TAG_RE = re.compile(r"<[^>]+>")
site_slug = slugify(case="lower")


def heading_ids(page_html: str) -> tuple[str, list[str]]:
    """The page with unique, readable heading ids, and those ids in document order."""
    ids: list[str] = []

    def rename(match: re.Match) -> str:
        text = html.unescape(TAG_RE.sub("", match["inner"])).strip()
        base = site_slug(text, "-") or "section"
        unique, number = base, 1
        while unique in ids:
            unique, number = f"{base}_{number}", number + 1
        ids.append(unique)
        level = match["level"]
        return (
            f'<h{level} id="{unique}">{match["inner"]}'
            f'<a class="anchor-link" href="#{unique}">¶</a></h{level}>'
        )

    return HEADING_RE.sub(rename, page_html), ids


def anchor_notebook_headings(page_html: str, toc) -> str:
    """Rewrite the headings' ids and make the page's TOC entries, in order, point at them."""
    page_html, ids = heading_ids(page_html)
    entries = []

    def walk(items):
        for item in items:
            entries.append(item)
            walk(item.children)

    walk(toc)
    if len(entries) != len(ids):
        raise ValueError(f"the TOC has {len(entries)} entries but the page {len(ids)} headings")
    for entry, heading_id in zip(entries, ids, strict=True):
        entry.id = heading_id
    return page_html
