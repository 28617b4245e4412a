"""Rewrite the `#>` lines under every printing statement, and the references, from a real run.

    python -m sitetools.examples.update                     # every page
    python -m sitetools.examples.update docs/autograd.md    # only the pages named
    python -m sitetools.examples.update --references        # only snippets/references.yml

The torch API each block uses, as its run resolved it, is written to `snippets/references.yml`
(`sitetools.examples.recorded_references`); the entry of a block skipped here (no CUDA) stays,
and one never recorded is resolved from the block's imports until a machine with CUDA runs it.

Only statements whose output no longer matches are rewritten, so `...` wildcards written for
output that honestly varies are kept. Run it after an intentional change, then read the diff.
CI never runs it; `pytest docs` only checks. On a machine with CUDA it records the output of
the blocks that need a GPU too, and labels each one it rewrites with the hardware it ran on.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

from sitetools.examples.blocks import NEEDS_CUDA_RE, comment_lines
from sitetools.examples.engine import Outcome, describe_mismatch, page_blocks, run_page
from sitetools.examples.model import DOCS_DIR, ROOT, english_pages, relative
from sitetools.examples.recorded_references import RECORD, record
from sitetools.examples.references import imported_references

LABEL_RE = re.compile(r"^# Output recorded on ")


def planned_edits(example, outcome: Outcome) -> tuple[set[int], int, list[str]]:
    """File lines to drop, the line to insert after, and the new lines."""
    block, statement = example.block, outcome.statement
    old = [block.file_line(number) for number in statement.output_lines]
    if old:
        anchor_line = old[0]
        insert_after = old[0] - 1
    else:
        anchor_line = block.file_line(statement.first_line)
        insert_after = block.file_line(statement.last_line)
    source = example.section.path.read_text(encoding="utf-8").split("\n")
    anchor = source[anchor_line - 1]
    indentation = anchor[: len(anchor) - len(anchor.lstrip())]
    return set(old), insert_after, [indentation + line for line in comment_lines(outcome.actual)]


def hardware_label() -> str:
    import torch

    release = torch.__version__.split("+")[0]
    return (
        f"# Output recorded on an {torch.cuda.get_device_name()} with torch {release} "
        f"(CUDA {torch.version.cuda}) on {date.today().isoformat()}."
    )


def label_edit(example) -> tuple[set[int], int, list[str]]:
    """The block's hardware label, new or replacing the old, under its "Needs a CUDA GPU" line."""
    block = example.block
    old = {block.file_line(n) for n, line in enumerate(block.header, 1) if LABEL_RE.match(line)}
    cuda = next(n for n, line in enumerate(block.header, 1) if NEEDS_CUDA_RE.match(line))
    source = example.section.path.read_text(encoding="utf-8").split("\n")
    anchor = source[block.file_line(cuda) - 1]
    indentation = anchor[: len(anchor) - len(anchor.lstrip())]
    return old, block.file_line(cuda), [indentation + hardware_label()]


def rewrite(path: Path, edits: list[tuple[set[int], int, list[str]]]) -> bool:
    lines = path.read_text(encoding="utf-8").split("\n")
    dropped = set().union(*(drop for drop, _, _ in edits))
    inserted = defaultdict(list)
    for _, after, new in edits:
        inserted[after].extend(new)
    result = list(inserted[0])
    for number, line in enumerate(lines, start=1):
        if number not in dropped:
            result.append(line)
        result.extend(inserted[number])
    if result == lines:
        return False
    path.write_text("\n".join(result), encoding="utf-8")
    return True


def update(
    docs_dir: Path = DOCS_DIR,
    root: Path = ROOT,
    only: list[Path] | None = None,
    references_only: bool = False,
) -> int:
    pages = english_pages(docs_dir)
    if only:
        wanted = {path.resolve() for path in only}
        unknown = wanted - {page.resolve() for page in pages}
        if unknown:
            names = ", ".join(sorted(relative(path) for path in unknown))
            print(f"Not an English page under {relative(docs_dir)}: {names}", file=sys.stderr)
            return 2
        pages = [page for page in pages if page.resolve() in wanted]
    edits = defaultdict(list)
    references: dict[str, list[str]] = {}
    unrun: dict[str, list[str]] = {}
    failed = False
    for page in pages:
        for result in run_page(page, root):
            example = result.example
            if result.references is not None:
                references[str(example.fence.include)] = list(result.references)
            else:  # skipped here: its recorded entry stays, or its imports tell what it uses
                unrun[str(example.fence.include)] = list(imported_references(example.block))
            for outcome in result.outcomes:
                # A deprecation does not cut the run short: the references it resolved are whole.
                if outcome.failed and not (references_only and outcome.error is None):
                    print(describe_mismatch(example.block, outcome), file=sys.stderr)
                    failed = True
                # Lines that already match stay, so hand-written `...` wildcards survive.
                elif not outcome.matches:
                    edits[example.section.path].append(planned_edits(example, outcome))
            # GPU output is labelled with the hardware it was recorded on.
            if example.block.needs_cuda and any(not o.matches for o in result.outcomes):
                edits[example.section.path].append(label_edit(example))
    if failed:
        print("Nothing rewritten: fix the errors above first.", file=sys.stderr)
        return 1
    for path, file_edits in sorted(edits.items()):
        if not references_only and rewrite(path, file_edits):
            print(f"rewrote {relative(path)}")
    # A run of every page drops the entries of sections no page shows any more.
    shown = None if only else {str(e.fence.include) for p in pages for e in page_blocks(p, root)}
    if record(root, references, shown, missing=unrun):
        print(f"rewrote {RECORD}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path, help="English pages (default: every page)")
    parser.add_argument(
        "--references", action="store_true", help=f"rewrite only {RECORD}, not the #> lines"
    )
    args = parser.parse_args(argv)
    return update(only=args.pages, references_only=args.references)


if __name__ == "__main__":
    sys.exit(main())
