"""The built site in Chromium, page by page and language by language, as a reader meets it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest

from sitetools.build.comments import translated_code
from sitetools.build.notebooks import notebook_pages
from sitetools.examples.engine import page_blocks
from sitetools.examples.model import ROOT, english_pages
from sitetools.measure.browser import OPEN_SHADOW_ROOTS, launch
from sitetools.measure.serve import serve
from tests.support import LANGUAGES, every_page_url, page_url
from tests.support.visits import SAME_LOOK, Visit, notebook_cells_run, serious_violations, visit

pytestmark = pytest.mark.browser
URLS = every_page_url()
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PARALLEL_BROWSERS = 2
# A tenth of what Lighthouse calls good (0.1): the language menu alone moves by 0.001.
MOST_LAYOUT_SHIFT = 0.01
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 390, "height": 844}}
# The code of each chapter's python blocks, in page order, by its address in every language,
# comments and docstrings in that language: what the fresh-interpreter test proves runs alone and
# prints its #> lines (English and zh-TW by running it; zh-CN's is that code, comments aside).
PROVEN = {
    prefix + page_url(page): [
        translated_code(example.section, language) for example in page_blocks(page)
    ]
    for page in english_pages()
    for language, prefix in LANGUAGES.items()
}
# The chapters that offer their notebook for download, in every language.
WITH_NOTEBOOK = {
    prefix + page_url(page) for page in notebook_pages() for prefix in LANGUAGES.values()
}


@pytest.fixture(scope="session")
def base_url(built_site):
    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def visits(browser, base_url, built_site) -> dict[str, Visit]:
    """Every page of every language, visited once (light, then dark), by two browsers at once."""

    def visit_each(urls: list[str]) -> dict[str, Visit]:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:  # one per thread, as Playwright requires
            own = launch(playwright)
            light = own.new_context(color_scheme="light", viewport=VIEWPORTS["desktop"])
            dark = own.new_context(color_scheme="dark", viewport=VIEWPORTS["mobile"])
            light.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url[:-1])
            for context in (light, dark):
                context.add_init_script(OPEN_SHADOW_ROOTS)
            found = {}
            for url in urls:
                # One page's failure fails that page's tests, not every visit after it.
                try:
                    found[url] = visit(
                        light, dark, base_url, url, (built_site / url / "index.html").read_text()
                    )
                except PlaywrightError as error:
                    found[url] = Visit(url, stopped=f"the visit stopped: {error}")
            own.close()
        return found

    with ThreadPoolExecutor(PARALLEL_BROWSERS) as pool:
        shares = pool.map(
            visit_each, [URLS[n::PARALLEL_BROWSERS] for n in range(PARALLEL_BROWSERS)]
        )
    return {url: found for share in shares for url, found in share.items()}


def completed(visits: dict[str, Visit], url: str) -> Visit:
    """The page's visit, or the test fails saying why the visit ended early."""
    visit = visits[url]
    if visit.stopped:
        pytest.fail(f"/{url}: {visit.stopped}")
    return visit


@pytest.mark.parametrize("url", URLS)
def test_a_page_shows_no_error_and_loads_only_from_its_own_site(visits, url):
    problems = completed(visits, url).problems
    assert not problems, f"/{url}:\n" + "\n".join(problems)


@pytest.mark.parametrize("url", URLS)
def test_every_copy_button_copies_the_code_that_was_proven_to_run_alone(visits, url):
    """Copied text is the block's text, and each python block's is the code of its section with
    the page's language's comments, which tests/examples/test_engine.py runs alone in a fresh
    interpreter against its #> lines."""
    visit = completed(visits, url)
    problems = [
        f"{block.place} copied {block.text!r}, not the block's text"
        for block in visit.copied
        if not block.text.strip() or block.text != block.shown.rstrip()
    ]
    copied = [block.text for block in visit.copied if block.language == "python"]
    proven = [code.rstrip("\n") for code in PROVEN[url]]
    if copied != proven:
        first = next(
            (n for n, (a, b) in enumerate(zip(copied, proven, strict=False)) if a != b),
            min(len(copied), len(proven)),
        )
        problems.append(
            f"the python blocks copied are not the sections' code, in page order: "
            f"{len(copied)} copied, {len(proven)} proven; python block {first + 1} differs"
        )
    assert not problems, f"/{url}:\n" + "\n\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", URLS)
def test_axe_finds_no_serious_accessibility_problem(visits, url, scheme):
    violations = completed(visits, url).violations[scheme]
    assert not violations, f"/{url} in {scheme} mode:\n" + "\n".join(violations)


@pytest.mark.parametrize("url", URLS)
def test_diagrams_and_images_render_and_the_notebook_downloads(visits, url):
    visit = completed(visits, url)
    assert visit.diagrams_rendered == visit.diagrams_expected, (
        f"/{url}: {visit.diagrams_rendered} of {visit.diagrams_expected} diagrams became SVG"
    )
    assert not visit.broken_images, f"/{url}: images that did not load: {visit.broken_images}"
    if url in WITH_NOTEBOOK:
        assert visit.notebook_download, f"/{url}: no notebook download"
        problem = notebook_cells_run(visit.notebook_download)
        assert problem is None, f"/{url}: the downloaded notebook: {problem}"


@pytest.mark.parametrize("url", URLS)
def test_nothing_on_a_phones_screen_moves_as_the_page_opens(visits, url):
    """Lighthouse weighs layout shift as a quarter of the performance score; a block that skips
    rendering while off screen must not start so on the first screen and then grow."""
    shift = completed(visits, url).layout_shift
    assert shift < MOST_LAYOUT_SHIFT, f"/{url}: layout shift {shift:.3f} as the page opened"


def test_mermaid_waits_until_a_diagram_nears_the_screen(visits):
    """A page whose first diagram is further down than the library's look-ahead (one screen
    below the visible one) does not fetch Mermaid until the reader scrolls towards it."""
    far = {url: visit for url, visit in visits.items() if (visit.first_diagram_screens or 0) > 2.5}
    assert far, "no page has a diagram far enough down to show that Mermaid waits"
    eager = [url for url, visit in far.items() if visit.mermaid_before_scrolling]
    assert not eager, f"Mermaid fetched before scrolling on: {eager}"


def test_the_site_has_copy_buttons_diagrams_and_notebooks_to_check(visits):
    """The checks above pass vacuously on an empty page: make sure there is something to check."""
    english = [visit for url, visit in visits.items() if not url.startswith("zh-")]
    assert sum(len(visit.copied) for visit in english) > 100
    assert sum(visit.diagrams_expected for visit in english) >= 3
    assert sum(visit.notebook_download is not None for visit in english) >= 4
    assert all(visits[url].notebook_download is None for url in URLS if url not in WITH_NOTEBOOK)


# Three code blocks: the second shows a look the first does not (faint text), the third only
# looks the first two have shown.
BLOCK = '<div class="highlight"><pre><code>{}</code></pre></div>'
THREE_BLOCKS = "".join(
    BLOCK.format(code)
    for code in [
        '<span class="k">import</span> <span class="n">torch</span>',
        '<span class="n">x</span> = <span class="s" style="color: #bbb">"a faint string"</span>',
        '<span class="k">import</span> <span class="n">numpy</span>',
    ]
)


def test_axe_judges_every_look_of_code_and_leaves_out_only_blocks_it_has_seen(page):
    page.set_content(f'<html lang="en"><title>Code</title><main>{THREE_BLOCKS}</main></html>')
    found = serious_violations(page, colour_only=True)
    marked = page.locator(f"[{SAME_LOOK}]").evaluate_all("blocks => blocks.map(b => b.innerText)")
    assert marked == ["import numpy"]
    assert len(found) == 1 and found[0].startswith("color-contrast (serious, 1 elements)"), found


# (home page, query, chapter, how far down the list of pages it may come). "Memory" is taught
# in two chapters (shared memory in Tensors, GPU memory in Devices), so either may lead.
SEARCHES = [
    ("zh-TW/", "張量", "zh-TW/tensors/", 1),
    ("zh-TW/", "梯度", "zh-TW/autograd/", 1),
    ("zh-TW/", "記憶體", "zh-TW/tensors/", 4),
    ("zh-CN/", "张量", "zh-CN/tensors/", 1),
    ("zh-CN/", "共享内存", "zh-CN/tensors/", 3),
    ("", "tensor", "tensors/", 1),
    ("", "gradient", "autograd/", 1),
]


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize(("home", "query", "chapter", "rank"), SEARCHES)
def test_search_finds_the_chapter(page, base_url, home, query, chapter, rank):
    page.goto(base_url + home, wait_until="networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    search_box = page.locator("input.md-search__input")
    search_box.fill(query)
    # Material reads the box on a keyup or when its index becomes ready; filling sends no keyup,
    # so a query filled after the index is ready would never be run without this key press.
    search_box.press("End")
    # The first search loads and indexes the whole site's index: slow on a busy machine.
    page.locator(".md-search-result__item a").first.wait_for(timeout=90_000)
    links = page.locator(".md-search-result__item > a").evaluate_all("ls => ls.map(l => l.href)")
    # A link carries the query (?h=...) for highlighting: compare the pages alone.
    offered = [urlsplit(link)._replace(query="", fragment="").geturl() for link in links]
    offered = list(dict.fromkeys(offered))
    assert base_url + chapter in offered[:rank], (
        f"searching {query!r} on /{home} offers, in order: {offered[:5]}"
    )


def test_the_language_switcher_lands_on_the_same_page(page, base_url):
    page.goto(base_url + "autograd/", wait_until="networkidle")
    for language, prefix in [*list(LANGUAGES.items())[1:], *list(LANGUAGES.items())[:1]]:
        page.locator(".md-header__option .md-select").hover()
        page.locator(f'a.md-select__link[hreflang="{language}"]').click()
        page.wait_for_load_state("networkidle")
        assert page.url == f"{base_url}{prefix}autograd/", f"switching to {language}"


def color_scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def test_the_dark_mode_choice_persists_across_pages(page, base_url):
    page.goto(base_url + "tensors/", wait_until="networkidle")
    assert color_scheme(page) == "default"
    page.locator('form[data-md-component="palette"] label:visible').first.click()
    assert color_scheme(page) == "slate"
    page.locator('a.md-nav__link[href="../autograd/"]').first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == base_url + "autograd/"
    assert color_scheme(page) == "slate"
    page.goto(base_url + "zh-TW/devices/", wait_until="networkidle")
    assert color_scheme(page) == "slate", "the choice is lost in another language"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_screenshots_of_the_home_page_and_a_chapter(browser, base_url, language, viewport):
    """Saved for people to look at; the layout must not scroll sideways at either width."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme="light")
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in [("home", ""), ("tensors", "tensors/")]:
        page.goto(base_url + LANGUAGES[language] + path, wait_until="networkidle")
        page.screenshot(path=SCREENSHOTS / f"{name}-{language}-{viewport}.png")
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"/{LANGUAGES[language]}{path} scrolls sideways by {overflow}px"
    context.close()
