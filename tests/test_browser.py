"""The built site in Chromium, page by page and language by language, as a reader meets it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
import torch
from browser_visits import (
    OPEN_SHADOW_ROOTS,
    CopiedBlock,
    Visit,
    check_in_dark,
    notebook_cells_run,
    visit_in_light,
)
from site_urls import LANGUAGES, every_page_url
from test_examples_run import FRESH_INTERPRETER, expected_lines

from sitetools.browser import chromium_path, launch
from sitetools.outputs import Block, output_matches, run_with_command
from sitetools.pages import ROOT
from sitetools.serve import serve

URLS = every_page_url()
CUDA = torch.cuda.is_available()
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 390, "height": 844}}


@pytest.fixture(scope="session")
def browser():
    if chromium_path() is None:
        reason = "no `chromium` on PATH (apt-get install chromium): the browser tests need it"
        if os.environ.get("CI"):
            pytest.fail(f"under CI a missing browser is a failure: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def base_url(built_site):
    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def visits(browser, base_url, built_site) -> dict[str, Visit]:
    """Every page of every language, visited once in light mode (every check, all of axe's
    rules) and once in dark mode (axe's colour rules: the structure does not change)."""
    light = browser.new_context(color_scheme="light", viewport=VIEWPORTS["desktop"])
    light.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    dark = browser.new_context(color_scheme="dark", viewport=VIEWPORTS["desktop"])
    for context in (light, dark):
        context.add_init_script(OPEN_SHADOW_ROOTS)
    found = {}
    for url in URLS:
        source = (built_site / url / "index.html").read_text(encoding="utf-8")
        found[url] = visit_in_light(light, base_url, url, source)
        check_in_dark(dark, base_url, found[url])
    light.close()
    dark.close()
    return found


def chains(copied: list[CopiedBlock]) -> list[list[CopiedBlock]]:
    """Each Python block with the blocks before it that it says it continues."""
    result, chain = [], []
    for block in copied:
        if block.language != "python":
            continue
        continues = Block(block.text, "", []).continues
        chain = [*chain, block] if continues else [block]
        result.append(chain)
    return result


def chain_code(chain: list[CopiedBlock]) -> str:
    return "\n".join(block.text for block in chain)


@pytest.fixture(scope="session")
def copied_runs(visits) -> dict[str, dict]:
    """What each distinct copied text prints in a fresh interpreter (the languages share code)."""
    plain, commands = set(), set()
    for visit in visits.values():
        for chain in chains(visit.copied):
            code = chain_code(chain)
            block = Block(code, "copied.py", range(1, code.count("\n") + 2))
            if block.needs_cuda and not CUDA:
                continue
            (commands if Block(chain[-1].text, "", []).command else plain).add(code)
    plain = sorted(plain)
    runs = subprocess.run(
        [sys.executable, str(FRESH_INTERPRETER)],
        input=json.dumps([{"code": code, "filename": "copied.py"} for code in plain]),
        capture_output=True,
        text=True,
        check=True,
    )
    results = dict(zip(plain, json.loads(runs.stdout), strict=True))
    for code in sorted(commands):
        outcome = run_with_command(Block(code, "copied.py", range(1, code.count("\n") + 2)))
        results[code] = {"stdout": outcome.actual, "error": outcome.error}
    return results


@pytest.mark.parametrize("url", URLS)
def test_a_page_shows_no_error_and_loads_only_from_its_own_site(visits, url):
    problems = visits[url].problems
    assert not problems, f"/{url}:\n" + "\n".join(problems)


@pytest.mark.parametrize("url", URLS)
def test_every_copy_button_copies_code_that_prints_what_the_page_shows(visits, copied_runs, url):
    visit = visits[url]
    problems = []
    for block in visit.copied:
        if not block.text.strip() or block.text != block.shown.rstrip():
            problems.append(f"{block.place} copied {block.text!r}, not the block's text")
    for chain in chains(visit.copied):
        code, place = chain_code(chain), chain[-1].place
        if code not in copied_runs:
            continue  # needs a CUDA GPU; `pytest docs -rs` lists those
        run = copied_runs[code]
        expected = expected_lines(code)
        if run["error"]:
            problems.append(f"{place}: the copied text fails:\n{run['error']}")
        elif not output_matches(expected, run["stdout"]):
            problems.append(
                f"{place}: the copied text prints\n{run['stdout']}but the page shows\n"
                + "\n".join(expected)
            )
    assert not problems, f"/{url}:\n" + "\n\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", URLS)
def test_axe_finds_no_serious_accessibility_problem(visits, url, scheme):
    violations = visits[url].violations[scheme]
    assert not violations, f"/{url} in {scheme} mode:\n" + "\n".join(violations)


@pytest.mark.parametrize("url", URLS)
def test_diagrams_images_and_notebooks_render(visits, url):
    visit = visits[url]
    assert visit.diagrams_rendered == visit.diagrams_expected, (
        f"/{url}: {visit.diagrams_rendered} of {visit.diagrams_expected} diagrams became SVG"
    )
    assert not visit.broken_images, f"/{url}: images that did not load: {visit.broken_images}"
    if "notebooks/" in url:
        assert visit.notebook_download, f"/{url}: no notebook download"
        problem = notebook_cells_run(visit.notebook_download)
        assert problem is None, f"/{url}: the downloaded notebook: {problem}"


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
    assert sum(len(chains(visit.copied)) for visit in english) > 100
    assert sum(visit.diagrams_expected for visit in english) >= 3
    assert sum(visit.notebook_download is not None for visit in english) >= 4


# (home page, query, chapter, how far down the list of pages it may come). "Memory" is taught
# in two chapters (shared memory in Tensors, GPU memory in Devices), so either may lead.
SEARCHES = [
    ("zh-TW/", "張量", "zh-TW/tensors/", 1),
    ("zh-TW/", "梯度", "zh-TW/autograd/", 1),
    ("zh-TW/", "記憶體", "zh-TW/tensors/", 3),
    ("zh-CN/", "张量", "zh-CN/tensors/", 1),
    ("zh-CN/", "内存", "zh-CN/tensors/", 3),
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
    for language, prefix in [*list(LANGUAGES.items())[1:], ("en", "")]:
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
