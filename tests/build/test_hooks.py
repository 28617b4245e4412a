"""The build refuses what the rules forbid, and a new language needs no Python."""

import json
import re

from sitetools.examples.model import english_pages
from sitetools.project import build, copy_project, languages
from tests.support import page_url

NEW_LANGUAGE = """\
        - locale: fr
          name: Français
          build: true
"""


def test_the_build_fails_on_a_missing_section(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "tensors.md"
    page.write_text(page.read_text().replace("tensors.py:dimensions", "tensors.py:no_such_section"))
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        "docs/tensors.md, line 33: section 'no_such_section' is not in snippets/tensors.py"
        in result.stdout + result.stderr
    )


def test_the_build_fails_on_inline_code(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "index.zh-TW.md"
    page.write_text(page.read_text() + '\n```python\nprint("inline")\n```\n')
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "index.zh-TW.md, line" in result.stdout + result.stderr
    assert "block is written inline" in result.stdout + result.stderr


def with_french(project):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("        - locale: zh-CN\n", NEW_LANGUAGE + "        - locale: zh-CN\n")
    )
    strings = project / "sitetools" / "build" / "strings.yml"
    english = re.search(r"^en:\n(?:  .*\n|\n)+", strings.read_text(encoding="utf-8"), re.MULTILINE)
    strings.write_text(strings.read_text(encoding="utf-8") + english[0].replace("en:", "fr:", 1))
    assert [language.code for language in languages(project)] == ["en", "zh-TW", "fr", "zh-CN"]


def test_a_language_without_its_pages_fails_the_build_naming_one(tmp_path):
    project = copy_project(tmp_path / "project")
    with_french(project)
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    first = english_pages(project / "docs")[0].with_suffix("").name
    assert (
        f"the language 'fr' has no page docs/{first}.fr.md (and " in result.stdout + result.stderr
    )


def test_a_new_language_is_one_entry_its_pages_and_its_strings(tmp_path):
    project = copy_project(tmp_path / "project")
    with_french(project)
    pages = english_pages(project / "docs")
    for page in pages:
        # A sentence of its own, or the i18n plugin drops the search entries that repeat English.
        text = re.sub(
            r"^# .*$", r"\g<0>\n\nEn français.", page.read_text("utf-8"), count=1, flags=re.M
        )
        page.with_name(f"{page.stem}.fr.md").write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr

    for page in pages:
        html = (site / "fr" / page_url(page, project / "docs") / "index.html").read_text(
            encoding="utf-8"
        )
        assert '<html lang="fr"' in html, page.name
        switcher = dict(re.findall(r'<a href="([^"]*)" hreflang="([^"]+)"', html))
        assert sorted(switcher.values()) == ["en", "fr", "zh-CN", "zh-TW"], page.name
    tensors = (site / "tensors" / "index.html").read_text(encoding="utf-8")
    assert 'href="../fr/tensors/" hreflang="fr"' in tensors
    index = json.loads((site / "fr" / "search" / "search_index.json").read_text("utf-8"))
    locations = {entry["location"].split("#")[0] for entry in index["docs"]}
    assert {page_url(page, project / "docs") for page in pages} <= locations
    assert all((site / "fr" / location / "index.html").is_file() for location in locations)
    trainer = (site / "fr" / "trainer" / "index.html").read_text("utf-8")
    assert '<a download="trainer.ipynb" href="../notebooks/trainer.ipynb">' in trainer
    assert (site / "fr" / "notebooks" / "trainer.ipynb").is_file()
