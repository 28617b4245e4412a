"""Post-processing of a page's rendered HTML: lighter code markup, sized figures, notebook anchors.

- Pygments wraps every token in a span; Material draws names (class "n") in the code's own colour
  and whitespace (class "w") unstyled, so those spans, a quarter of a chapter's elements, change
  nothing on screen and only cost style and layout work.
- Each PNG figure gets its width and height, so the text below does not jump when it arrives.
- mkdocs-jupyter slugs headings ASCII-only (a Chinese heading gets `id=""`) and its TOC with
  another slug, so its TOC links lead nowhere: headings and TOC get the site's slugs.
- Material fetches a `sitemap.xml` beside each `<link rel="alternate" hreflang>` language root;
  the language switcher already links to the same page in each language.
"""

from __future__ import annotations

import contextlib
import html
import posixpath
import re
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from pymdownx.slugs import slugify

PLAIN_TOKEN_RE = re.compile(r'<span class="(?:n|w)">([^<]*)</span>')
IMG_RE = re.compile(r"<img\b[^>]*>")
PNG_SRC_RE = re.compile(r'\bsrc="(?P<src>[^":]+\.png)"')
HEAD_ALTERNATE_RE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
NOTEBOOK_HEADING_RE = re.compile(
    r'<h(?P<level>[1-6]) id="[^"]*">(?P<inner>.*?)'
    r'<a class="anchor-link" href="#[^"]*">¶</a></h(?P=level)>',
    re.DOTALL,
)
TAG_RE = re.compile(r"<[^>]+>")
site_slug = slugify(case="lower")


def drop_plain_token_spans(page_html: str) -> str:
    return PLAIN_TOKEN_RE.sub(r"\1", page_html)


def drop_alternate_links(page_html: str) -> str:
    return HEAD_ALTERNATE_RE.sub("", page_html)


def png_size(path: Path) -> tuple[int, int]:
    """Width and height in pixels; Pillow (which matplotlib draws with) reads only the header."""
    with contextlib.suppress(UnidentifiedImageError), Image.open(path) as image:
        if image.format == "PNG":
            return image.size
    raise ValueError(f"{path} is not a PNG file")


def size_images(page_html: str, page_url: str, docs_dir: Path) -> str:
    """Add width and height to every `<img>` that shows a PNG of the site and has neither."""

    def sized(match: re.Match) -> str:
        tag = match.group(0)
        found = PNG_SRC_RE.search(tag)
        if not found or re.search(r"\s(width|height)=", tag):
            return tag
        # The page's folder: "tensors" for "tensors/", "" for the offline copy's "tensors.html".
        folder = posixpath.dirname(page_url)
        path = docs_dir / posixpath.normpath(posixpath.join(folder, found["src"]))
        if not path.is_file():
            raise ValueError(f"the image {found['src']} is not in the docs ({path})")
        width, height = png_size(path)
        return tag.replace("<img ", f'<img width="{width}" height="{height}" ', 1)

    return IMG_RE.sub(sized, page_html)


def anchor_notebook_headings(page_html: str, toc) -> str:
    """Give headings unique, readable ids and make the page's TOC entries, in order, use them."""
    ids: list[str] = []

    def rename(match: re.Match) -> str:
        base = site_slug(html.unescape(TAG_RE.sub("", match["inner"])).strip(), "-") or "section"
        unique, number = base, 1
        while unique in ids:
            unique, number = f"{base}_{number}", number + 1
        ids.append(unique)
        level = match["level"]
        return (
            f'<h{level} id="{unique}">{match["inner"]}'
            f'<a class="anchor-link" href="#{unique}">¶</a></h{level}>'
        )

    def walk(items):
        for item in items:
            yield item
            yield from walk(item.children)

    page_html = NOTEBOOK_HEADING_RE.sub(rename, page_html)
    entries = list(walk(toc))
    if len(entries) != len(ids):
        raise ValueError(f"the TOC has {len(entries)} entries but the page {len(ids)} headings")
    for entry, heading_id in zip(entries, ids, strict=True):
        entry.id = heading_id
    return page_html


NOTEBOOK_DIAGRAM_RE = re.compile(
    r'<div class="jp-Mermaid"><pre class="mermaid">(?:<code>)?(.*?)(?:</code>)?</pre></div>',
    re.DOTALL,
)


def wrap_notebook_diagrams(page_html: str) -> str:
    """A notebook's Mermaid source as the chapter's own diagrams are written, so that the site
    draws it: out of JupyterLab's wrapper, which hides it and makes nbconvert's script fetch
    Mermaid from a CDN, into the <pre><code> that Material draws from."""
    return NOTEBOOK_DIAGRAM_RE.sub(r'<pre class="mermaid"><code>\1</code></pre>', page_html)


def plain_notebook_cell_ids(page_html: str) -> str:
    """nbconvert's cell ids ("cell-id=cell-18") with the "=" that makes Material's copy button,
    which selects a block by its cell's id, fail on a Markdown cell's code: "cell-18"."""
    return page_html.replace('id="cell-id=', 'id="')
