"""What the tests share: throwaway projects that break the rules, and where built pages live."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitetools.examples.model import DOCS_DIR, english_pages
from sitetools.project import ROOT, languages

# The snippet settings and languages of mkdocs.yml, without the site's theme, hooks and pages.
FIXTURE_CONFIG = """\
site_name: Fixture
markdown_extensions:
  - pymdownx.superfences
  - pymdownx.snippets:
      base_path: [!relative $config_dir]
      check_paths: true
      dedent_subsections: true
"""
FIXTURE_LANGUAGES = """\
plugins:
  - i18n:
      languages:
        - {locale: en, name: English, default: true}
        - {locale: zh-TW, name: 繁體中文}
"""
LANGUAGES = {language.code: language.prefix for language in languages()}


def project_with_languages(root: Path) -> Path:
    """A throwaway project that the build's language steps can read: a mkdocs.yml with the site's
    languages, the real strings, and empty docs/ and snippets/ folders."""
    (root / "mkdocs.yml").write_text(FIXTURE_CONFIG + FIXTURE_LANGUAGES, encoding="utf-8")
    (root / "sitetools" / "build").mkdir(parents=True)
    shutil.copy(ROOT / "sitetools/build/strings.yml", root / "sitetools/build/strings.yml")
    (root / "docs").mkdir()
    (root / "snippets").mkdir()
    return root


class Finished:
    """What a run of `pytest docs` ended with: its exit status and what it printed."""

    def __init__(self, returncode: int, stdout: str) -> None:
        self.returncode, self.stdout = returncode, stdout


class FixtureProject:
    """A throwaway site with the real docs/conftest.py and strings, for showing checks fail."""

    def __init__(self, root: Path, pytester) -> None:
        self.root, self.pytester = root, pytester
        (root / "docs").mkdir()
        (root / "snippets").mkdir()
        (root / "snippets" / "__init__.py").write_text("")
        # Read for its languages only; pytest docs loads FIXTURE_CONFIG through MkDocs.
        (root / "mkdocs.yml").write_text(FIXTURE_CONFIG)
        (root / "sitetools" / "build").mkdir(parents=True)
        shutil.copy(ROOT / "sitetools/build/strings.yml", root / "sitetools/build/strings.yml")
        shutil.copy(ROOT / "docs" / "conftest.py", root / "docs" / "conftest.py")

    def with_languages(self) -> FixtureProject:
        """Declare a translation, as the real site does, in a mkdocs.yml never built."""
        (self.root / "mkdocs.yml").write_text(FIXTURE_CONFIG + FIXTURE_LANGUAGES, "utf-8")
        return self

    def page(self, name: str, text: str) -> Path:
        path = self.root / "docs" / name
        path.write_text(text, encoding="utf-8")
        return path

    def snippet(self, name: str, text: str) -> Path:
        path = self.root / "snippets" / name
        path.write_text(text, encoding="utf-8")
        return path

    def pytest_docs(self, *options: str) -> Finished:
        """`pytest docs` in the project, in this process: torch is imported once."""
        result = self.pytester.runpytest_inprocess("docs", "-p", "no:cacheprovider", *options)
        return Finished(int(result.ret), "\n".join(result.outlines))


def include_page(*sections: str, module: str = "demo") -> str:
    fences = "\n\n".join(
        f'```python\n--8<-- "snippets/{module}.py:{section}"\n```' for section in sections
    )
    return f"# Demo\n\nSome prose.\n\n{fences}\n"


def page_url(page: Path, docs_dir: Path = DOCS_DIR) -> str:
    relative = page.relative_to(docs_dir).with_suffix("")
    return "" if relative.name == "index" else f"{relative.as_posix()}/"


def every_page_url() -> list[str]:
    """Every page of the site, in every language."""
    paths = [page_url(page) for page in english_pages()]
    return [prefix + path for prefix in LANGUAGES.values() for path in paths]


def built_page(site: Path, page: Path, language: str) -> str:
    return (site / LANGUAGES[language] / page_url(page) / "index.html").read_text(encoding="utf-8")
