"""Give each of a page's PNG figures its width and height, so the browser keeps room for it.

Without them the text below a figure jumps down when the image arrives (a layout shift), and
Lighthouse counts the image as unsized. The sizes are the PNG's own, read from its header.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from PIL import Image, UnidentifiedImageError

IMG_RE = re.compile(r"<img\b[^>]*>")
PNG_SRC_RE = re.compile(r'\bsrc="(?P<src>[^":]+\.png)"')


def png_size(path: Path) -> tuple[int, int]:
    """Width and height in pixels; Pillow (which matplotlib draws with) reads only the header."""
    try:
        with Image.open(path) as image:
            if image.format != "PNG":
                raise ValueError(f"{path} is not a PNG file")
            return image.size
    except UnidentifiedImageError as error:
        raise ValueError(f"{path} is not a PNG file") from error


def size_images(html: str, page_url: str, docs_dir: Path) -> str:
    """Add width and height to every `<img>` that shows a PNG of the site and has neither."""

    def sized(match: re.Match) -> str:
        tag = match.group(0)
        found = PNG_SRC_RE.search(tag)
        if not found or re.search(r"\s(width|height)=", tag):
            return tag
        path = docs_dir / posixpath.normpath(posixpath.join(page_url, found["src"]))
        if not path.is_file():
            raise ValueError(f"the image {found['src']} is not in the docs ({path})")
        width, height = png_size(path)
        return tag.replace("<img ", f'<img width="{width}" height="{height}" ', 1)

    return IMG_RE.sub(sized, html)
