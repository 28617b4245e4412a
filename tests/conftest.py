import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitetools.pages import ROOT

QUIET_MKDOCS = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

# The snippet settings of mkdocs.yml, without the site's theme, plugins and hooks.
FIXTURE_CONFIG = """\
site_name: Fixture
markdown_extensions:
  - pymdownx.superfences
  - pymdownx.snippets:
      base_path: [!relative $config_dir]
      check_paths: true
      dedent_subsections: true
"""


def mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=QUIET_MKDOCS,
        capture_output=True,
        text=True,
    )


def copy_of_the_site(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "pyproject.toml", "benchmarks/results.json"):
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, project / name)
    for folder in ("docs", "snippets", "sitetools"):
        ignore = shutil.ignore_patterns("*.zh-CN.md")
        shutil.copytree(ROOT / folder, project / folder, ignore=ignore)
    # Executed notebooks are cached by their code, so a copy can share the real site's cache.
    (ROOT / ".cache").mkdir(exist_ok=True)
    (project / ".cache").symlink_to(ROOT / ".cache", target_is_directory=True)
    return project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with --strict."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class FixtureProject:
    """A throwaway site with the real docs/conftest.py, for showing that the checks fail."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "docs").mkdir()
        (root / "snippets").mkdir()
        (root / "snippets" / "__init__.py").write_text("")
        (root / "mkdocs.yml").write_text(FIXTURE_CONFIG)
        shutil.copy(ROOT / "docs" / "conftest.py", root / "docs" / "conftest.py")

    def page(self, name: str, text: str) -> Path:
        path = self.root / "docs" / name
        path.write_text(text, encoding="utf-8")
        return path

    def snippet(self, name: str, text: str) -> Path:
        path = self.root / "snippets" / name
        path.write_text(text, encoding="utf-8")
        return path

    def pytest_docs(self, *options: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "pytest", "docs", "-p", "no:cacheprovider", *options],
            cwd=self.root,
            capture_output=True,
            text=True,
        )


@pytest.fixture
def project(tmp_path) -> FixtureProject:
    return FixtureProject(tmp_path)


def include_page(*sections: str, module: str = "demo") -> str:
    fences = "\n\n".join(
        f'```python\n--8<-- "snippets/{module}.py:{section}"\n```' for section in sections
    )
    return f"# Demo\n\nSome prose.\n\n{fences}\n"
