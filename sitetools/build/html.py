"""Post-processing of a page's rendered HTML: lighter code markup, sized figures.

- Pygments wraps every token in a span; Material draws names (class "n") in the code's own colour
  and whitespace (class "w") unstyled, so those spans, a quarter of a chapter's elements, change
  nothing on screen and only cost style and layout work.
- Each PNG figure gets its width and height, so the text below does not jump when it arrives.
- Material tags a page with its theme language (`zh` for Simplified Chinese, which has no
  `zh-CN` of its own); the page says its language's code instead. Under `zh`, a browser picks
  neither Simplified glyph forms nor a Chinese font first (fontconfig: DejaVu Sans), and lays out
  every character through font fallback (Lighthouse mobile on /zh-CN/autograd/: total blocking
  time 350 ms, against 155 ms for the same page in zh-TW).
- Material fetches a `sitemap.xml` beside each `<link rel="alternate" hreflang>` language root;
  the language switcher already links to the same page in each language.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
from pathlib import Path

from PIL import Image, UnidentifiedImageError

PLAIN_TOKEN_RE = re.compile(r'<span class="(?:n|w)">([^<]*)</span>')
IMG_RE = re.compile(r"<img\b[^>]*>")
PNG_SRC_RE = re.compile(r'\bsrc="(?P<src>[^":]+\.png)"')
HTML_LANG_RE = re.compile(r'^(<html lang=")[^"]*(")', re.MULTILINE)
HEAD_ALTERNATE_RE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def drop_plain_token_spans(page_html: str) -> str:
    return PLAIN_TOKEN_RE.sub(r"\1", page_html)


def with_language(page_html: str, code: str) -> str:
    tagged, count = HTML_LANG_RE.subn(rf"\g<1>{code}\g<2>", page_html, count=1)
    if not count:
        raise ValueError("no <html lang> to tag with the page's language")
    return tagged


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
