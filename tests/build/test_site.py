"""The built site: three languages, every block rendered, Chinese search, nothing from afar."""

import html
import json
import platform
import re
from html.parser import HTMLParser
from importlib.metadata import version

import pytest

from sitetools.build.comments import translated_code
from sitetools.build.html import png_size
from sitetools.build.languages import derived_page
from sitetools.build.notebooks import notebook_pages
from sitetools.examples.model import DOCS_DIR, english_pages, includes, resolve
from sitetools.project import language as language_named
from sitetools.project import languages
from tests.support import LANGUAGES, built_page, page_url

PAGES = english_pages()
DERIVED = [lang for lang in languages() if lang.derived_from]


class CodeBlocks(HTMLParser):
    """The text of every highlighted code block, and every resource the page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.loads: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "div" and "highlight" in classes:
            self.blocks.append("")
            self._depth = 1
        elif self._depth and tag == "div":
            self._depth += 1
        if tag in {"script", "img", "iframe", "source", "audio", "video"} and attributes.get("src"):
            self.loads.append(attributes["src"])
        if tag == "link" and attributes.get("href"):
            self.loads.append(attributes["href"])
        if tag == "script" and attributes.get("data-library"):  # loaded on demand
            self.loads.append(attributes["data-library"])

    def handle_endtag(self, tag):
        if self._depth and tag == "div":
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.blocks[-1] += data


def parse(text: str) -> CodeBlocks:
    parser = CodeBlocks()
    parser.feed(text)
    return parser


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_included_block_is_rendered_in_full(built_site, page, language):
    # In the page's language: its comments and docstrings translated (sitetools/build/comments.py).
    expected = [
        translated_code(resolve(include, fence), language).strip("\n")
        for fence, include in includes(page.read_text(encoding="utf-8"), page)
    ]
    text = built_page(built_site, page, language)
    rendered = [block.strip("\n") for block in parse(text).blocks]
    assert rendered == expected
    # Spans that draw nothing different are dropped; the code text above is whole without them.
    assert '<span class="n">' not in text and '<span class="w">' not in text


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_the_language_switcher_stays_on_the_same_page(built_site, page):
    for language in LANGUAGES:
        text = built_page(built_site, page, language)
        links = dict(
            re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" class="md-select__link"', text)
        )
        targets = {lang: href for href, lang in links.items()}
        assert set(targets) == set(LANGUAGES), f"{language}: switcher offers {sorted(targets)}"
        for other, href in targets.items():
            here = built_site / LANGUAGES[language] / page_url(page)
            target = (here / href).resolve()
            assert target == (built_site / LANGUAGES[other] / page_url(page)).resolve(), (
                f"{language} {page.name}: the {other} link goes to {href}"
            )


def search_index(built_site, language_prefix: str) -> dict:
    path = built_site / language_prefix / "search" / "search_index.json"
    return json.loads(path.read_text(encoding="utf-8"))


def search_words(built_site, language_prefix: str, page: str = "") -> set[str]:
    index = search_index(built_site, language_prefix)
    separator = re.compile(index["config"]["separator"])
    words = set()
    for entry in index["docs"]:
        if entry["location"].startswith(page):
            text = html.unescape(re.sub(r"<[^>]+>", " ", entry["title"] + " " + entry["text"]))
            words.update(separator.split(text))
    return words


@pytest.mark.parametrize(
    ("language_prefix", "page", "words"),
    [
        ("zh-TW/", "", {"張量", "梯度", "記憶體"}),
        ("zh-CN/", "", {"张量", "梯度", "内存"}),
        ("", "tensors/", {"tensor"}),
    ],
)
def test_the_search_index_holds_whole_words(built_site, language_prefix, page, words):
    found = {word.lower() for word in search_words(built_site, language_prefix, page)}
    assert words <= found, f"missing from the index: {sorted(words - found)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_searches_its_own_pages_only(built_site, language):
    """Each language's index names only its own pages, and its pages fetch that index."""
    prefix = LANGUAGES[language]
    root = built_site / prefix
    entries = search_index(built_site, prefix)["docs"]
    locations = {entry["location"].split("#")[0] for entry in entries}
    strays = sorted(page for page in locations if not (root / page / "index.html").is_file())
    strays += sorted(page for page in locations if page.startswith("zh-"))
    assert not strays, f"/{prefix}search/search_index.json names pages not in /{prefix}: {strays}"
    assert locations >= {page_url(page) for page in PAGES}
    for page in PAGES:
        text = built_page(built_site, page, language)
        base = re.search(r'<script id="__config"[^>]*>.*?"base":\s*"([^"]*)"', text, re.DOTALL)
        page_dir = root / page_url(page)
        assert (page_dir / base[1]).resolve() == root.resolve(), f"{page}, {language}: {base[1]}"


def test_no_page_loads_anything_from_another_host(built_site):
    problems = []
    for page in sorted(built_site.rglob("*.html")):
        for address in parse(page.read_text(encoding="utf-8")).loads:
            if re.match(r"^(https?:)?//", address):
                problems.append(f"{page.relative_to(built_site)} loads {address}")
    for stylesheet in sorted(built_site.rglob("*.css")):
        for address in re.findall(r"@import\s+url\(['\"]?(https?:)?//", stylesheet.read_text()):
            problems.append(f"{stylesheet.relative_to(built_site)} imports {address}")
    assert not problems, "\n".join(problems)


def test_the_home_page_states_the_versions_it_was_checked_with(built_site):
    torch_version = version("torch").split("+")[0]
    for language in LANGUAGES:
        text = built_page(built_site, DOCS_DIR / "index.md", language)
        assert torch_version in text and platform.python_version() in text, language
        assert "{{" not in text


@pytest.mark.parametrize("target", DERIVED, ids=lambda target: target.code)
@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_derived_pages_are_generated_by_the_build(built_site, page, target):
    generated = target.page(page).read_text(encoding="utf-8")
    assert generated == derived_page(language_named(target.derived_from).page(page), target)
    assert "Generated from" in generated


NOTEBOOK_PAGES = notebook_pages()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", NOTEBOOK_PAGES, ids=lambda page: page.name)
def test_a_hands_on_chapter_offers_its_executed_notebook_for_download(built_site, page, language):
    chapter = built_page(built_site, page, language)
    (link,) = re.findall(rf'<a download="{page.stem}.ipynb" href="([^"]+)">', chapter)
    folder = built_site / LANGUAGES[language] / page_url(page)
    notebook = json.loads((folder / link).read_text(encoding="utf-8"))
    assert notebook["metadata"]["kernelspec"]["language"] == "python"
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    blocks = [fence for fence, _ in includes(page.read_text(encoding="utf-8"), page)]
    assert len(code) == len([fence for fence in blocks if fence.is_python]), link
    counts = [cell["execution_count"] for cell in code]
    assert counts == list(range(1, len(code) + 1)), f"{link}: not every cell was run, in order"
    assert any(cell["outputs"] for cell in code), f"{link}: no cell printed anything"
    drawn = [
        output
        for cell in code
        for output in cell["outputs"]
        if "image/png" in output.get("data", {})
    ]
    assert len(drawn) >= len(list((DOCS_DIR / "figures" / page.stem).glob("*.png")))
    # The notebook is a file to download, not a second page of the chapter.
    assert not (folder.parent / "notebooks" / page.stem).exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_says_its_language_by_its_code(built_site, language):
    """`zh-CN`, not Material's `zh`: under `zh` a browser picks no Chinese font or glyph forms."""
    wrong = [
        page.name
        for page in PAGES
        if f'<html lang="{language}" ' not in built_page(built_site, page, language)
    ]
    assert not wrong, f"pages not tagged lang={language}: {wrong}"


def test_every_image_on_every_page_is_in_the_site(built_site):
    missing = []
    for html_file in sorted(built_site.rglob("*.html")):
        for address in re.findall(r'<img [^>]*src="([^"]+)"', html_file.read_text("utf-8")):
            if not address.startswith("data:") and not (html_file.parent / address).is_file():
                missing.append(f"{html_file.relative_to(built_site)}: {address}")
    assert not missing, "\n".join(missing)


def test_every_figure_states_the_size_of_its_png(built_site):
    figures = []
    for html_file in sorted(built_site.rglob("*.html")):
        for tag in re.findall(r"<img [^>]*>", html_file.read_text("utf-8")):
            src = re.search(r'src="([^"]+\.png)"', tag)
            if not src:
                continue
            width, height = png_size(html_file.parent / src[1])
            where = f"{html_file.relative_to(built_site)}: {src[1]}"
            figures.append(where)
            assert f'width="{width}" height="{height}"' in tag, f"{where}: {tag[:80]}"
    assert len(figures) >= 3 * len(NOTEBOOK_PAGES), figures


def test_figures_are_drawn_by_the_chapters_code(built_site):
    drawn = {
        (page.stem, path.stem)
        for page in NOTEBOOK_PAGES
        for path in (DOCS_DIR / "figures" / page.stem).glob("*.png")
    }
    shown = set()
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        shown |= set(re.findall(r"\]\(figures/([\w-]+)/([\w-]+)\.png\)", text))
    assert shown <= drawn, f"shown but not drawn by any block: {sorted(shown - drawn)}"


def test_mermaid_is_served_locally_and_only_to_pages_with_diagrams(built_site):
    problems = []
    for html_file in sorted(built_site.rglob("*.html")):
        text = html_file.read_text(encoding="utf-8")
        draws = 'class="mermaid"' in text
        scripts = [src for src in parse(text).loads if "mermaid" in src]
        if draws != bool(scripts):
            problems.append(f"{html_file.relative_to(built_site)}: diagram {draws}, {scripts}")
        for src in scripts:
            if not (html_file.parent / src).is_file():
                problems.append(f"{html_file.relative_to(built_site)}: {src} is not in the site")
    assert not problems, "\n".join(problems)


def test_search_lands_on_chapters_not_on_their_notebooks(built_site):
    for prefix in LANGUAGES.values():
        locations = [entry["location"] for entry in search_index(built_site, prefix)["docs"]]
        assert not [location for location in locations if "notebooks/" in location]
        for page in NOTEBOOK_PAGES:
            assert any(location.startswith(f"{page.stem}/") for location in locations)
