"""MkDocs hooks: derive the zh-CN pages, and fill in the versions the examples were checked with."""

from __future__ import annotations

import platform
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

from sitetools.code_markup import drop_plain_token_spans
from sitetools.headings import anchor_notebook_headings
from sitetools.images import size_images
from sitetools.notebooks import NOTEBOOKS, with_notebook_note, write_notebooks
from sitetools.pages import SiteError, fences, includes, inline_code, resolve
from sitetools.search_index import (
    language_prefix,
    point_search_at_language,
    split_by_language,
)
from sitetools.zh_cn import to_mainland, write_mainland_pages

PLACEHOLDER_RE = re.compile(r"\{\{\s*([\w.]+)\s*\}\}")
DERIVED_LANGUAGE_SETTINGS = ("site_name", "site_description", "nav_translations")


def on_config(config, **kwargs):
    """Give zh-CN the zh-TW language settings, converted, so mkdocs.yml holds them once."""
    languages = {language.locale: language for language in config.plugins["i18n"].config.languages}
    taiwan, mainland = languages["zh-TW"], languages["zh-CN"]
    for key in DERIVED_LANGUAGE_SETTINGS:
        value = taiwan[key]
        if isinstance(value, dict):
            value = {name: to_mainland(title) for name, title in value.items()}
        elif value is not None:
            value = to_mainland(value)
        mainland[key] = value
    return config


def on_page_content(html, page, config, **kwargs):
    """Notebook pages stay out of the search index (read later, in on_page_context): they
    repeat their chapter's code, and the chapter is the page a search should land on. Their
    headings' anchors are made to agree with their table of contents.

    Chapters' code loses the spans that change nothing on screen; every page's figures get
    their size.
    """
    try:
        if page.file.src_uri.startswith(f"{NOTEBOOKS}/"):
            page.meta["search"] = {"exclude": True}
            html = anchor_notebook_headings(html, page.toc)
        else:
            html = drop_plain_token_spans(html)
        return size_images(html, page.url, Path(config.docs_dir))
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from error


def on_page_context(context, page, config, **kwargs):
    """Make the language switcher's links relative, as every other link on the site is.

    mkdocs-static-i18n gives the home pages root-absolute links ("/zh-TW/"), which break when the
    site is served from a sub-path or opened from disk.
    """
    base = urlsplit(config.site_url or "/").path
    for alternate in getattr(config.extra, "alternate", None) or []:
        link = alternate["link"]
        if link.startswith(base):
            alternate["link"] = link[len(base) :] or "./"
    return context


HEAD_ALTERNATE_RE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def on_post_page(output, page, config, **kwargs):
    """Drop the `<link rel="alternate" hreflang>` tags from the head; keep the switcher's links.

    Material's script takes every such link for a language's root and fetches `sitemap.xml`
    beside it. mkdocs-static-i18n points them at the same page in each language, so every page
    load asked for three sitemaps that do not exist. The switcher already links to the same page.
    """
    output = HEAD_ALTERNATE_RE.sub("", output)
    prefix = language_prefix(page.url, language_prefixes(config))
    try:
        return point_search_at_language(output, prefix)
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from error


def language_prefixes(config) -> list[str]:
    """The folders the other languages are built into: ["zh-TW/", "zh-CN/"]."""
    languages = config.plugins["i18n"].config.languages
    return [f"{language.locale}/" for language in languages if not language.default]


@event_priority(-150)  # after mkdocs-static-i18n's (-100), which writes the merged index last
def split_search_index(config, **kwargs):
    """Split the merged search index into one per language (sitetools.search_index)."""
    if config.plugins["i18n"].building:
        return  # one language of several is done; the merged index comes after the last
    try:
        split_by_language(Path(config.site_dir), language_prefixes(config))
    except (OSError, ValueError) as error:
        raise PluginError(str(error)) from error


def on_pre_build(config, **kwargs):
    # mkdocs-static-i18n runs one build per language; the generated files serve them all.
    if not config.plugins["i18n"].is_default_language_build:
        return
    docs_dir = Path(config.docs_dir)
    write_mainland_pages(docs_dir)
    try:
        write_notebooks(docs_dir, Path(config.config_file_path).parent)
    except SiteError as error:
        raise PluginError(str(error)) from None


@event_priority(-200)  # after mkdocs-static-i18n's on_files (-100)
def on_files(files, config, **kwargs):
    """Give the notebooks back to mkdocs-jupyter.

    mkdocs-static-i18n rebuilds every file as a plain File for each language, which silently
    drops mkdocs-jupyter's wrapper: the notebook pages would build empty. Wrap them again,
    keeping the language's own address.
    """
    from mkdocs_jupyter.plugin import NotebookFile

    jupyter = config.plugins["mkdocs-jupyter"]
    unwrapped = [
        file
        for file in files
        if jupyter.should_include(file) and not isinstance(file, NotebookFile)
    ]
    # The same Files object: mkdocs-static-i18n's subclass resolves links per language.
    for file in unwrapped:
        notebook = NotebookFile(file, **config)
        notebook.dest_uri = file.dest_uri
        notebook.abs_dest_path = file.abs_dest_path
        notebook.url = file.url
        files.remove(file)
        files.append(notebook)
    return files


def drop_unaddressed_sitemap(config, **kwargs):
    if not config.site_url:
        # Without the address the site is published at, every <loc> would read "None...".
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            Path(config.site_dir, name).unlink(missing_ok=True)


@event_priority(50)  # before mkdocs-jupyter's on_post_build, which evicts its cache
def keep_notebook_cache(config, **kwargs):
    """Keep mkdocs-jupyter's rendered pages of every language's notebooks.

    mkdocs-static-i18n builds each language in turn, and after each build mkdocs-jupyter evicts
    the cache entries that build did not use: the other languages' notebooks. Every build would
    then render every notebook again. Mark the entries of all current notebooks as used.
    """
    from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path

    jupyter = config.plugins["mkdocs-jupyter"]
    if not jupyter.config["cache"]:
        return
    execute = jupyter.config["execute"]
    for notebook in Path(config.docs_dir).glob("notebooks/*.ipynb"):
        key = _compute_cache_key(notebook, jupyter.config, execute)
        jupyter._used_cache_paths.add(_get_cache_path(jupyter.config["cache_dir"], key))


on_post_build = CombinedEvent(drop_unaddressed_sitemap, keep_notebook_cache, split_search_index)


@cache
def environment() -> dict[str, str]:
    """What this build runs on, read from the environment rather than typed."""
    import torch

    return {
        "torch_version": torch.__version__.split("+")[0],
        "python_version": platform.python_version(),
        "device": "CUDA GPU" if torch.cuda.is_available() else "CPU",
    }


def check_code_blocks(page, config) -> None:
    """Fail the build, naming page, line and section, on inline code or a broken include."""
    source = Path(page.file.abs_src_path)
    # The file itself, front matter included, so that line numbers are the editor's.
    text = source.read_text(encoding="utf-8")
    problems = inline_code(text, source)
    for fence, include in includes(text, source):
        try:
            resolve(include, fence, Path(config.config_file_path).parent)
        except SiteError as error:
            problems.append(str(error))
    if problems:
        raise PluginError("\n".join(problems))


def fill_placeholders(markdown: str, page_name: str) -> str:
    """`{{ torch_version }}` from the environment, `{{ benchmark.<name> }}` from the benchmark."""
    from mkdocs.plugins import get_plugin_logger

    from sitetools.benchmark_figures import BenchmarkError, placeholders

    values = dict(environment())
    unmeasured: list[str] = []

    def fill(match: re.Match) -> str:
        name = match[1]
        if unmeasured and name.startswith("benchmark."):
            return "?"
        if name not in values and name.startswith("benchmark."):
            try:  # Read only where a page shows a figure.
                values.update(placeholders())
            except BenchmarkError as error:
                # An error, which fails the (strict) build once every other problem is reported.
                get_plugin_logger("benchmark").error(f"{page_name}: {error}")
                unmeasured.append(name)
                return "?"
        if name not in values:
            known = ", ".join(sorted(values))
            raise PluginError(f"{page_name}: unknown placeholder {{{{ {name} }}}} (known: {known})")
        return values[name]

    return PLACEHOLDER_RE.sub(fill, markdown)


def on_page_markdown(markdown, page, config, **kwargs):
    check_code_blocks(page, config)
    source = Path(page.file.abs_src_path)
    # Read by the theme, which then loads the local Mermaid library on this page only.
    page.meta["diagrams"] = any(fence.language == "mermaid" for fence in fences(markdown, source))
    if page.meta.get("notebook") is True:
        markdown = with_notebook_note(markdown, page.file.src_uri)
    return fill_placeholders(markdown, page.file.src_uri)
