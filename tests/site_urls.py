"""Where each page of each language lives in the built site."""

from pathlib import Path

from sitetools.notebooks import notebook_pages
from sitetools.pages import DOCS_DIR, english_pages

LANGUAGES = {"en": "", "zh-TW": "zh-TW/", "zh-CN": "zh-CN/"}


def page_url(page: Path) -> str:
    relative = page.relative_to(DOCS_DIR).with_suffix("")
    return "" if relative.name == "index" else f"{relative.as_posix()}/"


def every_page_url() -> list[str]:
    """Every page of the site, chapters and notebook pages, in every language."""
    paths = [page_url(page) for page in english_pages()]
    paths += [f"notebooks/{page.stem}/" for page in notebook_pages()]
    return [prefix + path for prefix in LANGUAGES.values() for path in paths]
