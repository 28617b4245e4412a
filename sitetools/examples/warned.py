"""Warnings while an example runs: shown as part of its output, or failing it when deprecated.

A reader who runs a block sees its warnings among what it prints, so the engine and the fresh
interpreter write each one into the captured output as `Category: message`, where the page's
`#>` lines show it. A `DeprecationWarning` or `FutureWarning` means an example uses an API that
the installed torch is retiring: it is not output but a failure, unless torch raises it from its
own internals where no example can avoid it (UNAVOIDABLE, each with its reason).
"""

from __future__ import annotations

import re
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

DEPRECATIONS = (DeprecationWarning, FutureWarning)


@dataclass(frozen=True)
class Unavoidable:
    category: type[Warning]
    message: re.Pattern
    reason: str


# The only place where a deprecation may pass: what torch raises from its own code.
UNAVOIDABLE = (
    Unavoidable(
        FutureWarning,
        re.compile(r"`isinstance\(treespec, LeafSpec\)` is deprecated"),
        "torch 2.13's own ONNX exporter checks tree specs the deprecated way "
        "(torch.onnx.export, on the saving-and-exporting page).",
    ),
)


@dataclass
class Caught:
    """The deprecations one statement raised, as `Category: message` lines."""

    deprecations: list[str] = field(default_factory=list)


def unavoidable(message: Warning | str, category: type[Warning]) -> bool:
    return any(
        issubclass(category, known.category) and known.message.search(str(message))
        for known in UNAVOIDABLE
    )


def line_of(message: Warning | str, category: type[Warning]) -> str:
    return f"{category.__name__}: {message}"


@contextmanager
def warnings_as_output() -> Iterator[Caught]:
    """Within it, a warning is written to `sys.stdout` (once per place, as Python shows it to a
    reader), except deprecations, which are collected instead."""
    caught = Caught()

    def show(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, DEPRECATIONS):
            if not unavoidable(message, category):
                caught.deprecations.append(f"{filename}:{lineno}: {line_of(message, category)}")
        else:
            sys.stdout.write(line_of(message, category) + "\n")

    with warnings.catch_warnings():
        warnings.simplefilter("default")
        # Hidden from a reader too (Python's own default), and raised by whatever object the
        # garbage collector happens to free during a statement, not by the statement itself.
        warnings.simplefilter("ignore", ResourceWarning)
        for category in DEPRECATIONS:
            warnings.simplefilter("always", category)
        warnings.showwarning = show
        yield caught
