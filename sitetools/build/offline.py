"""The site to take offline: for each language, a zip of its pages that works from the file
system, and a PDF of the whole course, written to each language's `downloads/` folder of the
built site: `downloads/pytorch-basics.zip` beside the English home page,
`zh-TW/downloads/pytorch-basics.pdf` beside the zh-TW one. The names are the same in every
language, so the link on the zh-TW home page still holds once zh-CN's page is derived from it.

    python -m sitetools.build.offline SITE_DIR      (in the project root, after `mkdocs build`)

The offline copy is a second build with Material's `offline` plugin, which turns directory URLs
off (links end in `.html`) and makes search read its index from a script instead of a request.
The served site keeps its URLs. The plugin is added to the loaded `mkdocs.yml` rather than named
in a second config file: `INHERIT` replaces a list, so that file would have to repeat every
plugin. Each language's search index is split into its own folder (see `search.py`), so each
folder gets its own script; the worker runs in an iframe (Material's `iframe-worker` shim, kept
here: the plugin would otherwise load it from a CDN). A language's zip holds its own pages and
the shared assets and figures, so its language switcher leads to pages it does not hold.

The PDF is the language's home page with every chapter's article in nav order, printed by the
system Chromium with the site's own CSS and print styles. Mermaid diagrams are drawn, as in the
browser, before the page is printed.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sitetools.project import Language, languages, read_yaml

NAME = "pytorch-basics"
DOWNLOADS = "downloads"
PRINTED_AT_ONCE = 2
SHIM = Path(__file__).with_name("iframe-worker-shim.js")
SHIM_URL = "assets/javascripts/iframe-worker-shim.js"
# Folders every language's pages load from the site's root.
SHARED = ("assets", "figures")
ARTICLE_RE = re.compile(
    r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.DOTALL
)
ID_RE = re.compile(r'\sid="([^"]*)"')
HREF_RE = re.compile(r'\shref="([^"]*)"')
MERMAID_SCRIPT_RE = re.compile(r'<script src="[^"]*mermaid-on-demand\.js"[^>]*></script>')
# Printed, a code block wraps rather than losing the end of a long line; the content-visibility
# that extra.css gives blocks far from the screen does not apply to paper.
PRINT_CSS = """<style>
.md-content .highlight, .md-content__inner > p { content-visibility: visible !important; }
.course-chapter + .course-chapter { break-before: page; }
@media print {
  .md-typeset pre > code { white-space: pre-wrap; overflow-wrap: anywhere; }
  .md-typeset .headerlink, .md-content__button, .md-clipboard { display: none; }
}
</style>"""


def download(site_dir: Path, language: Language, suffix: str) -> Path:
    """`SITE_DIR/zh-TW/downloads/pytorch-basics.pdf`: where the home pages link to."""
    return site_dir / language.prefix / DOWNLOADS / f"{NAME}{suffix}"


def build_offline_copy(project: Path, site_dir: Path) -> None:
    """`mkdocs build` of the project with Material's offline plugin added, into site_dir."""
    from material.plugins.offline.plugin import OfflinePlugin
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
    plugin = OfflinePlugin()
    plugin.load_config({})
    config.plugins["material/offline"] = plugin
    # The plugin adds the shim from a CDN unless a polyfill named iframe-worker is there.
    config.extra["polyfills"] = [*config.extra.get("polyfills", []), SHIM_URL]
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    add_file_search(site_dir)


def add_file_search(site_dir: Path) -> None:
    """Each language's index as the script search reads from file:// URLs, and the shim."""
    for language in languages():
        index = site_dir / language.prefix / "search" / "search_index.json"
        script = index.with_suffix(".js")
        script.write_text("var __index = " + index.read_text("utf-8"), encoding="utf-8")
    (site_dir / SHIM_URL).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIM, site_dir / SHIM_URL)


def language_files(site_dir: Path, language: Language) -> list[Path]:
    """The files of one language's copy: the default language's is the root without the other
    languages' folders; another's is its folder and the shared assets and figures."""
    others = [lang.prefix for lang in languages() if lang.prefix and lang != language]
    roots = [site_dir / language.prefix] if language.prefix else [site_dir]
    if language.prefix:
        roots += [site_dir / folder for folder in SHARED]
    found = []
    for root in roots:
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(site_dir).as_posix()
            if path.is_file() and not any(relative.startswith(other) for other in others):
                found.append(path)
    return found


def write_zip(site_dir: Path, language: Language, target: Path) -> None:
    """The language's copy in one folder; its home page opens from `index.html` at the top."""
    folder = f"{NAME}-{language.code}"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in language_files(site_dir, language):
            archive.write(path, f"{folder}/{path.relative_to(site_dir).as_posix()}")
        if language.prefix:
            home = f"{language.prefix}index.html"
            archive.writestr(
                f"{folder}/index.html",
                f'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" '
                f'content="0; url={home}"><a href="{home}">{language.name}</a>\n',
            )


def course_pages(project: Path) -> list[str]:
    """The pages of the course in nav order, as the offline copy names them: `tensors.html`."""

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                yield from walk(value)
            elif value.endswith(".md"):
                yield value.removesuffix(".md") + ".html"

    return list(walk(read_yaml(project / "mkdocs.yml")["nav"]))


def course_html(site_dir: Path, language: Language, pages: list[str]) -> str:
    """The language's home page holding every page's article, each a chapter of its own."""
    folder = site_dir / language.prefix
    shell = (folder / pages[0]).read_text("utf-8")
    chapters, mermaid = [], ""
    for name in pages:
        page = (folder / name).read_text("utf-8")
        found = ARTICLE_RE.search(page)
        if not found:
            raise ValueError(f"{language.prefix}{name}: no article in the page")
        stem = name.removesuffix(".html")
        article = within_the_course(found[2], stem, pages)
        chapters.append(f'<section class="course-chapter" id="{stem}">{article}</section>')
        mermaid = mermaid or next(iter(MERMAID_SCRIPT_RE.findall(page)), "")
    body = "".join(chapters)
    shell = ARTICLE_RE.sub(lambda match: match[1] + body + match[3], shell, count=1)
    return shell.replace("</head>", PRINT_CSS + "</head>", 1).replace(
        "</body>", mermaid + "</body>", 1
    )


def within_the_course(article: str, stem: str, pages: list[str]) -> str:
    """One page's article as a chapter of the course: its ids made its own (`tensors--views`),
    its links to the course's pages made links within the PDF, and its other local links (a
    notebook to download) plain text, as the PDF holds no file to lead to."""
    article = ID_RE.sub(lambda match: f' id="{stem}--{match[1]}"', article)

    def link(match: re.Match) -> str:
        address = match[1]
        path, _, fragment = address.partition("#")
        if not path:
            return f' href="#{stem}--{fragment}"'
        if path in pages:
            target = path.removesuffix(".html")
            return f' href="#{target}--{fragment}"' if fragment else f' href="#{target}"'
        if re.match(r"[a-z][a-z0-9+.-]*:", address):
            return match[0]  # another site, or mail
        return ""

    return HREF_RE.sub(link, article)


def print_pdfs(site_dir: Path, jobs: list[tuple[str, Path]]) -> None:
    """Print each page of the site (a path below site_dir) to its PDF, diagrams drawn; two at a
    time, each in its own browser (printing a long page keeps one core busy)."""
    from playwright.sync_api import sync_playwright

    from sitetools.measure.browser import (
        DIAGRAMS,
        OPEN_EVERY_DETAILS,
        OPEN_SHADOW_ROOTS,
        draw_every_diagram,
        launch,
    )
    from sitetools.measure.serve import serve

    def print_pdf(base: str, url: str, target: Path) -> None:
        with sync_playwright() as playwright:  # one per thread, as Playwright requires
            browser = launch(playwright)
            try:
                page = browser.new_page()
                page.add_init_script(OPEN_SHADOW_ROOTS)
                page.goto(base + url, wait_until="networkidle")
                page.evaluate(OPEN_EVERY_DETAILS)
                expected = page.locator(DIAGRAMS).count()
                drawn = draw_every_diagram(page, expected, timeout_ms=30_000)
                if drawn != expected:
                    raise RuntimeError(f"/{url}: {drawn} of {expected} diagrams drawn for the PDF")
                page.evaluate("window.scrollTo(0, 0)")
                # page.pdf lays the page out for print itself; emulating print media first
                # made Chromium paint the whole course for every sheet (about 30 s a PDF).
                page.pdf(
                    path=str(target),
                    format="A4",
                    print_background=True,
                    margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"},
                )
            finally:
                browser.close()

    with serve(site_dir) as base, ThreadPoolExecutor(PRINTED_AT_ONCE) as pool:
        # list() so that a failed print raises here
        list(pool.map(lambda job: print_pdf(base, *job), jobs))


def make_downloads(project: Path, site_dir: Path) -> list[Path]:
    """Every language's zip and PDF in its `downloads/` folder; returns their paths."""
    made, jobs = [], []
    with tempfile.TemporaryDirectory(prefix="offline-") as temporary:
        copy = Path(temporary) / "site"
        build_offline_copy(project, copy)
        pages = course_pages(project)
        for language in languages(project):
            archive = download(site_dir, language, ".zip")
            archive.parent.mkdir(parents=True, exist_ok=True)
            write_zip(copy, language, archive)
            course = f"{language.prefix}course-print.html"
            (copy / course).write_text(course_html(copy, language, pages), encoding="utf-8")
            pdf = download(site_dir, language, ".pdf")
            jobs.append((course, pdf))
            made += [archive, pdf]
        print_pdfs(copy, jobs)
    return made


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    for path in make_downloads(Path.cwd(), Path(argv[0]).resolve()):
        print(f"{path}: {path.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
