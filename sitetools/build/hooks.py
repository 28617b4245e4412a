"""The MkDocs hooks: each event hands its work to the module whose job it is, and reports errors."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

from sitetools.build import html, languages, notebooks, placeholders, references, search
from sitetools.build.comments import with_translated_comments
from sitetools.examples.model import SiteError, fences
from sitetools.examples.rules import page_problems
from sitetools.project import language_of


def root(config) -> Path:
    return Path(config.config_file_path).parent


def i18n(config):
    return config.plugins["i18n"]


def on_config(config, **kwargs):
    languages.derive_settings(i18n(config).config.languages, root(config))
    return config


def on_pre_build(config, **kwargs):
    # mkdocs-static-i18n runs one build per language; the generated files serve them all.
    if not i18n(config).is_default_language_build:
        return
    docs_dir = Path(config.docs_dir)
    try:
        languages.missing_pages(docs_dir)
        languages.write_derived_pages(docs_dir)
        notebooks.write_notebooks(docs_dir, root(config))
    except SiteError as error:
        raise PluginError(str(error)) from None


def on_page_markdown(markdown, page, config, **kwargs):
    source = Path(page.file.abs_src_path)
    # The file itself, front matter included, so that line numbers are the editor's.
    problems = page_problems(source.read_text(encoding="utf-8"), source, root(config))
    if problems:
        raise PluginError("\n".join(problems))
    # Read by the theme, which then loads the local Mermaid library on this page only.
    page.meta["diagrams"] = any(fence.language == "mermaid" for fence in fences(markdown, source))
    if page.meta.get("notebook") is True:
        markdown = notebooks.with_notebook_note(markdown, page.file.src_uri)
    try:
        markdown = references.with_reference_links(markdown, source, root(config))
        markdown = placeholders.fill(
            markdown, languages.page_strings(page.file.src_uri, root(config))
        )
        # Last: the steps above read the include lines this writes out as translated code.
        return with_translated_comments(markdown, source, root(config))
    except (placeholders.UnknownPlaceholder, references.MissingReferences) as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def on_page_content(content, page, config, **kwargs):
    try:
        content = html.drop_plain_token_spans(content)
        return html.size_images(content, page.url, Path(config.docs_dir))
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from error


def on_page_context(context, page, config, **kwargs):
    """The switcher's links relative, as every other link on the site is (mkdocs-static-i18n
    gives home pages root-absolute ones, which break when served from a sub-path); the page's
    strings for the theme."""
    base = urlsplit(config.site_url or "/").path
    for alternate in getattr(config.extra, "alternate", None) or []:
        if alternate["link"].startswith(base):
            alternate["link"] = alternate["link"][len(base) :] or "./"
    context["strings"] = languages.page_strings(page.file.src_uri, root(config))
    return context


def on_post_page(output, page, config, **kwargs):
    output = html.drop_alternate_links(output)
    try:
        output = html.with_language(output, language_of(page.file.src_uri, root(config)).code)
        return search.point_search_at_language(output, search.prefix_of(page.url, config))
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from error


@event_priority(-150)  # after mkdocs-static-i18n's (-100), which writes the merged index last
def split_search_index(config, **kwargs):
    if i18n(config).building:
        return  # one language of several is done; the merged index comes after the last
    try:
        search.split_by_language(Path(config.site_dir), search.prefixes(config))
    except (OSError, ValueError) as error:
        raise PluginError(str(error)) from error


def drop_unaddressed_sitemap(config, **kwargs):
    if not config.site_url:
        # Without the address the site is published at, every <loc> would read "None...".
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            Path(config.site_dir, name).unlink(missing_ok=True)


on_post_build = CombinedEvent(
    drop_unaddressed_sitemap,
    split_search_index,
)
