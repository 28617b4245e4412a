"""The downloads on each home page: a zip of the language's site that works from the file system,
and a PDF of the whole course, with its text, fonts, code and figures."""

from __future__ import annotations

import bisect
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from sitetools.build.offline import (
    NAME,
    course_html,
    course_pages,
    download,
    language_files,
    within_the_course,
    write_zip,
)
from sitetools.project import ROOT, language, languages
from tests.support.visits import BROKEN_IMAGES

# A chapter's heading in each language's PDF; a word search finds from the zip, and where.
HEADINGS = {"en": "Tensors", "zh-TW": "張量", "zh-CN": "张量"}
SEARCHES = {
    "en": ("gradient", "autograd.html"),
    "zh-TW": ("張量", "tensors.html"),
    "zh-CN": ("张量", "tensors.html"),
}
# The course prints to about two hundred pages; a lost chapter or an empty print falls below.
FEWEST_PAGES = 120
# What a font without the character, or text that lost it, leaves in the PDF's text.
MISSING_GLYPHS = re.compile("[\u25a1\ufffd\ufffc\u2610]|\\.notdef")
CODES = [lang.code for lang in languages()]


def missing_glyphs(text: str) -> list[str]:
    """Each missing-glyph mark in the text, with a little of what surrounds it."""
    return [text[max(0, m.start() - 20) : m.end() + 20] for m in MISSING_GLYPHS.finditer(text)]


def font_ranges() -> list[tuple[int, int]]:
    """The code points the installed fonts cover, as merged, sorted ranges (fontconfig's)."""
    listing = subprocess.run(
        ["fc-list", "--format", "%{charset}\n"], capture_output=True, text=True, check=True
    ).stdout
    ranges = sorted(
        (int(low, 16), int(high or low, 16))
        for low, _, high in (token.partition("-") for token in listing.split())
    )
    merged = [ranges[0]]
    for low, high in ranges[1:]:
        if low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def without_a_font(text: str, ranges: list[tuple[int, int]]) -> list[str]:
    """The characters of the text that no font covers: Chromium prints those as empty boxes,
    while the PDF's text still reads right, so the text alone cannot tell."""
    starts = [low for low, _ in ranges]

    def covered(point: int) -> bool:
        index = bisect.bisect_right(starts, point) - 1
        return index >= 0 and point <= ranges[index][1]

    return sorted(c for c in set(text) if not c.isspace() and not covered(ord(c)))


def unembedded_fonts(pdffonts_output: str) -> list[str]:
    """The fonts `pdffonts` lists as not embedded (its "emb" column says "no")."""
    lines = pdffonts_output.splitlines()
    header = lines[0]
    column = header.index("emb")
    return [line for line in lines[2:] if line[column : column + 3].strip() != "yes"]


def pdf_tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


# The checks themselves, on planted input: each can fail.


def test_missing_glyphs_are_found_and_good_text_passes():
    assert missing_glyphs("張量 tensors \u25a1\u25a1 and \ufffd") != []
    assert len(missing_glyphs("a\u25a1b \ufffd")) == 2
    assert missing_glyphs("張量 张量 tensor([1., 2.]) → ≤") == []


def test_characters_without_a_font_are_found():
    ranges = [(0x20, 0x7E), (0x4E00, 0x9FFF)]
    assert without_a_font("tensor 張量 张量", ranges) == []
    assert without_a_font("tensor \u0e01 \U0010fffd 張", ranges) == ["\u0e01", "\U0010fffd"]
    assert without_a_font("\U0010fffd", font_ranges()) == ["\U0010fffd"]
    assert without_a_font("tensor 張量 张量", font_ranges()) == []


def test_unembedded_fonts_are_named():
    listing = (
        "name                                 type              encoding         emb sub uni\n"
        "------------------------------------ ----------------- ---------------- --- --- ---\n"
        "AAAAAA+LiberationSans                CID TrueType      Identity-H       yes yes yes\n"
        "NotoSansCJKtc-Regular                CID Type 0C       Identity-H       no  no  yes\n"
    )
    assert unembedded_fonts(listing) == [listing.splitlines()[3]]
    assert unembedded_fonts("\n".join(listing.splitlines()[:3])) == []


def test_the_course_is_every_page_of_the_nav_in_order_without_the_notebooks():
    pages = course_pages(ROOT)
    assert pages[0] == "index.html"
    assert pages.index("tensors.html") < pages.index("autograd.html") < pages.index("trainer.html")
    assert not [page for page in pages if "notebooks" in page]
    assert len(pages) == len(set(pages))


def test_the_course_page_holds_each_article_in_order(tmp_path):
    folder = tmp_path / "zh-TW"
    folder.mkdir()
    for name, text in [("index.html", "home"), ("a.html", "first"), ("b.html", "second")]:
        (folder / name).write_text(
            f'<html><head></head><body><article class="md-content__inner md-typeset">{text}'
            "</article></body></html>"
        )
    html = course_html(tmp_path, language("zh-TW"), ["index.html", "a.html", "b.html"])
    assert re.search("home.*first.*second", html, re.DOTALL)
    assert html.count("<article") == 1 and html.count('class="course-chapter"') == 3
    (folder / "c.html").write_text("<html><body>no article</body></html>")
    with pytest.raises(ValueError, match=r"c\.html: no article"):
        course_html(tmp_path, language("zh-TW"), ["index.html", "c.html"])


def test_links_in_a_chapter_lead_within_the_pdf():
    article = (
        '<h2 id="views">Views</h2><a href="#views">here</a> <a href="autograd.html#leaves">'
        'leaves</a> <a href="autograd.html">chapter</a> <a href="notebooks/tensors.ipynb">'
        'notebook</a> <a href="https://pytorch.org/docs/">docs</a>'
    )
    chapter = within_the_course(article, "tensors", ["tensors.html", "autograd.html"])
    assert '<h2 id="tensors--views">' in chapter
    assert '<a href="#tensors--views">here' in chapter
    assert '<a href="#autograd--leaves">leaves' in chapter
    assert '<a href="#autograd">chapter' in chapter
    assert "<a>notebook</a>" in chapter
    assert '<a href="https://pytorch.org/docs/">docs' in chapter


def test_a_language_zip_holds_its_pages_and_the_shared_files_only(tmp_path):
    site = tmp_path / "site"
    for name in [
        "index.html",
        "tensors.html",
        "search/search_index.js",
        "assets/app.js",
        "figures/plot.png",
        "zh-TW/index.html",
        "zh-TW/search/search_index.js",
        "zh-CN/index.html",
    ]:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name)
    english = {path.relative_to(site).as_posix() for path in language_files(site, language("en"))}
    assert english == {
        "index.html",
        "tensors.html",
        "search/search_index.js",
        "assets/app.js",
        "figures/plot.png",
    }
    chinese = language("zh-TW")
    assert {path.relative_to(site).as_posix() for path in language_files(site, chinese)} == {
        "zh-TW/index.html",
        "zh-TW/search/search_index.js",
        "assets/app.js",
        "figures/plot.png",
    }
    write_zip(site, chinese, tmp_path / "zh-TW.zip")
    names = zipfile.ZipFile(tmp_path / "zh-TW.zip").namelist()
    assert f"{NAME}-zh-TW/index.html" in names  # leads to zh-TW/index.html
    assert f"{NAME}-zh-TW/zh-TW/index.html" in names


# The downloads of the built site (printing the PDFs needs Chromium).


@pytest.mark.browser
@pytest.mark.parametrize("code", CODES)
def test_each_home_page_links_to_its_own_downloads(site_with_downloads, code):
    lang = language(code)
    home = (site_with_downloads / lang.prefix / "index.html").read_text("utf-8")
    for suffix in (".zip", ".pdf"):
        link = f'href="downloads/{NAME}{suffix}"'
        assert link in home, f"/{lang.prefix} has no link {link}"
        assert download(site_with_downloads, lang, suffix).stat().st_size > 100_000


@pytest.mark.browser
@pytest.mark.parametrize("code", CODES)
def test_the_pdf_is_the_whole_course_legible(site_with_downloads, code):
    pdf = str(download(site_with_downloads, language(code), ".pdf"))
    pages = int(re.search(r"^Pages:\s+(\d+)", pdf_tool("pdfinfo", pdf), re.MULTILINE)[1])
    assert pages >= FEWEST_PAGES
    text = pdf_tool("pdftotext", "-enc", "UTF-8", pdf, "-")
    assert HEADINGS[code] in text
    assert "import torch" in text  # the code blocks are printed as text
    assert not missing_glyphs(text)
    assert not without_a_font(text, font_ranges())
    assert not unembedded_fonts(pdf_tool("pdffonts", pdf))
    # Every figure the pages show is printed as an image; the diagrams are drawn as vectors.
    shown = {
        figure
        for page in (ROOT / "docs").glob("*.md")
        for figure in re.findall(r"\]\((figures/[^)]+\.png)\)", page.read_text("utf-8"))
    }
    images = pdf_tool("pdfimages", "-list", pdf).splitlines()[2:]
    assert len(shown) >= 3 and len(images) >= len(shown), images
    # A link to a chapter leads to its place in the PDF, none to the server it was printed from.
    printed = Path(pdf).read_bytes()
    assert b"/Dest /tensors" in printed
    assert b"127.0.0.1" not in printed


@pytest.mark.browser
@pytest.mark.parametrize("code", CODES)
def test_the_zip_holds_the_pages_figures_and_search(site_with_downloads, code):
    lang = language(code)
    folder = f"{NAME}-{code}/"
    names = set(zipfile.ZipFile(download(site_with_downloads, lang, ".zip")).namelist())
    own = folder + lang.prefix
    for name in ["index.html", "tensors.html", "autograd.html", "search/search_index.js"]:
        assert own + name in names
    assert folder + "index.html" in names
    assert [
        name for name in names if name.startswith(folder + "figures/") and name.endswith(".png")
    ]
    assert folder + "assets/javascripts/iframe-worker-shim.js" in names
    others = [other.prefix for other in languages() if other.prefix and other != lang]
    assert not [name for name in names if name.startswith(tuple(folder + o for o in others))]


@pytest.mark.browser
@pytest.mark.parametrize("code", CODES)
def test_the_unzipped_site_works_from_the_file_system(site_with_downloads, browser, tmp_path, code):
    lang = language(code)
    zipfile.ZipFile(download(site_with_downloads, lang, ".zip")).extractall(tmp_path)
    folder = tmp_path / f"{NAME}-{code}" / lang.prefix
    page = browser.new_page()
    elsewhere: list[str] = []
    page.on("request", lambda r: r.url.startswith("file:") or elsewhere.append(r.url))
    page.goto((folder / "index.html").as_uri(), wait_until="load")
    # A link to a chapter leads to that chapter's file.
    page.locator('article a[href="tensors.html"]').first.click()
    page.wait_for_load_state("load")
    assert page.url == (folder / "tensors.html").as_uri()
    assert page.locator("article h1").count() == 1
    # Search reads its index from a script (no fetch from file://) and runs in an iframe.
    page.locator("label.md-search__icon, .md-search__input").first.click()
    search_box = page.locator("input.md-search__input")
    query, chapter = SEARCHES[code]
    search_box.fill(query)
    search_box.press("End")
    page.locator(".md-search-result__item a").first.wait_for(timeout=90_000)
    found = page.locator(".md-search-result__item > a").evaluate_all("ls => ls.map(l => l.href)")
    pages = list(dict.fromkeys(link.split("?")[0] for link in found))
    assert (folder / chapter).as_uri() in pages[:2], found[:5]
    # Every figure of a chapter loads from the files.
    page.goto((folder / "binary-classification.html").as_uri(), wait_until="load")
    assert page.locator("article img").count() > 0
    broken = page.evaluate(BROKEN_IMAGES)
    assert not broken, broken
    assert not elsewhere, f"requests that leave the files: {elsewhere}"
    page.close()


@pytest.mark.browser
def test_the_zip_search_index_is_the_languages_own(site_with_downloads):
    """The script search reads from file:// is the language's index, not the merged one."""
    with zipfile.ZipFile(download(site_with_downloads, language("zh-TW"), ".zip")) as archive:
        script = archive.read(f"{NAME}-zh-TW/zh-TW/search/search_index.js").decode("utf-8")
    assert script.startswith("var __index = {")
    assert '"location":"tensors.html' in script
    assert '"location":"zh-TW/' not in script
