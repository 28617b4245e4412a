"""The project: where its parts live, the languages mkdocs.yml declares, copying and building it.

Every language comes from the i18n plugin's entries in mkdocs.yml; what the site says outside
the pages (notebook notes, button labels) comes from `sitetools/build/strings.yml`, where a
language may instead say which language it is derived from and how.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# What a build reads: a copy holds these and nothing the build generates.
PARTS = ("mkdocs.yml", "pyproject.toml", "benchmarks/results.json", "docs", "snippets", "sitetools")
GENERATED_FOLDERS = ("notebooks", "figures", "__pycache__")


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool = False
    # Pages and strings converted from another language's (zh-CN from zh-TW), never written.
    derived_from: str | None = None
    opencc: str | None = None
    strings: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def prefix(self) -> str:
        """The folder of the built site this language lives in: "" or "zh-TW/"."""
        return "" if self.default else f"{self.code}/"

    def page(self, english: Path) -> Path:
        """This language's version of an English page (docs/tensors.zh-TW.md)."""
        return english if self.default else english.with_name(f"{english.stem}.{self.code}.md")


class _PlainLoader(yaml.SafeLoader):
    """YAML without MkDocs' tags (`!ENV`, `!relative`, python names): those values are None."""


_PlainLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_yaml(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_PlainLoader) or {}


@cache
def languages(root: Path = ROOT) -> tuple[Language, ...]:
    """The site's languages, the default first; a site without the i18n plugin is English only."""
    config = read_yaml(root / "mkdocs.yml")
    entries = [{"locale": "en", "name": "English", "default": True}]
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = plugin["i18n"]["languages"]
    strings_file = root / "sitetools" / "build" / "strings.yml"
    strings = yaml.safe_load(strings_file.read_text("utf-8")) if strings_file.is_file() else {}
    found = []
    for entry in entries:
        own = dict(strings.get(entry["locale"]) or {})
        derived_from, opencc = own.pop("derived_from", None), own.pop("opencc", None)
        found.append(
            Language(
                entry["locale"],
                entry["name"],
                entry.get("default", False),
                derived_from,
                opencc,
                own,
            )
        )
    return tuple(sorted(found, key=lambda language: not language.default))


def language(code: str, root: Path = ROOT) -> Language:
    return next(language for language in languages(root) if language.code == code)


def language_of(page: Path | str, root: Path = ROOT) -> Language:
    """The language a page is written in, by the suffix of its name."""
    name = Path(page).name
    found = [lang for lang in languages(root)[1:] if name.endswith(f".{lang.code}.md")]
    return found[0] if found else languages(root)[0]


def ignore_generated(root: Path = ROOT):
    derived = [f"*.{lang.code}.md" for lang in languages(root) if lang.derived_from]
    return shutil.ignore_patterns(*derived, *GENERATED_FOLDERS)


def copy_project(target: Path, share_cache: bool = True) -> Path:
    """A copy of what the build reads, without generated files; it may share executed notebooks."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        source, destination = ROOT / part, target / part
        if source.is_dir():
            shutil.copytree(source, destination, ignore=ignore_generated())
        elif source.is_file():
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    if share_cache:
        # Notebooks are cached by the code they ran, so a copy can reuse the checkout's.
        (ROOT / ".cache").mkdir(exist_ok=True)
        (target / ".cache").symlink_to(ROOT / ".cache", target_is_directory=True)
    return target


def build(project: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project into site_dir, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site_dir)],
        cwd=project,
        env=env or QUIET,
        capture_output=True,
        text=True,
    )
