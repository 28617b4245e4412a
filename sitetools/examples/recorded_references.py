"""The references each block links to, as recorded in one file from a real run of the blocks.

    snippets/tensors.py:dimensions:
    - torch.tensor
    - torch.Tensor.shape

One entry per python section a page includes, keyed as the include names it, listing the torch
API the block uses in first-use order (`sitetools.examples.references`). The update command
writes it, `pytest docs` fails where it differs from what a block's run resolved, and the build
renders it under each block without running anything.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from sitetools.examples.model import sections_in
from sitetools.examples.releases import pinned

RECORD = "snippets/references.yml"
HEADER = (
    "# The PyTorch reference pages linked under each block: the torch API the block uses,\n"
    "# resolved from a real run. Written by `python -m sitetools.examples.update` (or its\n"
    "# --references mode), checked by `pytest docs`, rendered by the build.\n"
)
REWRITE = "python -m sitetools.examples.update --references"


def record_path(root: Path) -> Path:
    return root / RECORD


def read(root: Path) -> dict[str, list[str]] | None:
    """The recorded entries; None when the project keeps no record."""
    path = record_path(root)
    return dict(_parse(path.read_text(encoding="utf-8"))) if path.is_file() else None


@cache  # `pytest docs` reads it for every block
def _parse(text: str) -> dict[str, list[str]]:
    entries = yaml.safe_load(text) or {}
    if not isinstance(entries, dict) or not all(isinstance(v, list) for v in entries.values()):
        raise ValueError(f"{RECORD}: expected 'snippets/<module>.py:<section>: [names]' entries")
    return entries


def write(root: Path, entries: dict[str, list[str]]) -> bool:
    """Write the entries in snippet-file order; False when the file already says that."""
    ordered = dict(sorted(entries.items(), key=lambda item: _position(root, item[0])))
    text = HEADER + yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=100)
    path = record_path(root)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def _position(root: Path, key: str) -> tuple[str, int, str]:
    file, _, section = key.rpartition(":")
    path = root / file
    found = sections_in(path).get(section) if path.is_file() else None
    return file, found.start_line if found else 0, section


def stale(key: str, resolved: tuple[str, ...], recorded: dict[str, list[str]]) -> str | None:
    """What is wrong with a block's recorded references, or None when they are what it uses."""
    if key not in recorded:
        return f"{RECORD} has no entry for {key}; write it with `{REWRITE}`"
    if list(resolved) == recorded[key]:
        return None
    return (
        f"{RECORD}: the references recorded for {key} are not what the block uses\n"
        f"  recorded: {', '.join(recorded[key]) or '(none)'}\n"
        f"  resolved: {', '.join(resolved) or '(none)'}\n"
        f"  rewrite them with `{REWRITE}`"
    )


def result_problems(result, root: Path) -> list[str]:
    """A block's run checked against its recorded references: [] unless missing or stale.

    A project that keeps no record is not checked, nor is a block that was skipped (its entry
    stays as recorded) or that raised (its run reached only part of its code). The names are
    those of the pinned torch release, whose reference the site links to: a run on another
    release (`sitetools.examples.releases`) checks the examples, not these.
    """
    recorded = read(root)
    if recorded is None or result.references is None or not pinned_release_installed():
        return []
    if any(outcome.error for outcome in result.outcomes):
        return []
    problem = stale(str(result.example.fence.include), result.references, recorded)
    return [problem] if problem else []


def record(
    root: Path,
    resolved: dict[str, list[str]],
    shown: set[str] | None = None,
    missing: dict[str, list[str]] | None = None,
) -> bool:
    """Record what runs resolved, keeping the other entries (all, or those `shown` names).

    `missing` holds entries for blocks that did not run here, used only where none is recorded.
    """
    entries = read(root) or {}
    if shown is not None:
        entries = {key: names for key, names in entries.items() if key in shown}
    return write(root, {**(missing or {}), **entries, **resolved})


@cache
def pinned_release_installed() -> bool:
    import torch

    return torch.__version__.split("+")[0] == pinned()
