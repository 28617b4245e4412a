"""Under each python block, links to the PyTorch reference of what the block uses.

The names come from `snippets/references.yml`, recorded from a real run of the blocks (the
build runs nothing); each becomes a plain link to the reference of the torch release the
examples are pinned to. A page whose block has no entry there fails the build.
"""

from __future__ import annotations

import importlib
import inspect
from functools import cache
from pathlib import Path

from sitetools.build.languages import page_strings
from sitetools.examples.model import fences
from sitetools.examples.recorded_references import RECORD, REWRITE, read
from sitetools.examples.releases import pinned

# Modules whose API the reference documents on one page, each name at its anchor there.
ONE_PAGE_MODULES = {
    "torch.utils.data": "data.html",
    "torch.distributed": "distributed.html",
    "torch.onnx": "onnx_export.html",
    "torch.export": "user_guide/torch_compiler/export/api_reference.html",
    "torch.utils.benchmark": "benchmark_utils.html",
    "torch.backends": "backends.html",
    "torch.nn.init": "nn.init.html",
}
# Names the reference documents under another path (where the object is defined).
DOCUMENTED_AS = {
    "torch.inference_mode": "torch.autograd.grad_mode.inference_mode",
    "torch.set_grad_enabled": "torch.autograd.grad_mode.set_grad_enabled",
    "torch.autograd.gradcheck": "torch.autograd.gradcheck.gradcheck",
    "torch.autograd.gradgradcheck": "torch.autograd.gradcheck.gradgradcheck",
    "torch.nn.Flatten": "torch.nn.modules.flatten.Flatten",
    "torch.nn.Unflatten": "torch.nn.modules.flatten.Unflatten",
    "torch.utils.data.DistributedSampler": "torch.utils.data.distributed.DistributedSampler",
    "torch.export.Dim": "torch.export.dynamic_shapes.Dim",
}
# Classes documented in the text of a page rather than on a generated page of their own.
CLASS_PAGES = {
    "torch.Tensor": "tensors.html",
    "torch.Size": "size.html",
    "torch.device": "tensor_attributes.html",
    "torch.dtype": "tensor_attributes.html",
    "torch.layout": "tensor_attributes.html",
    "torch.memory_format": "tensor_attributes.html",
    "torch.optim.Optimizer": "optim.html",
}
# Classes whose members each have a generated page; other classes document them on their own.
MEMBER_PAGES = {"torch.Tensor", "torch.optim.Optimizer"}
# Members documented on their class's page even so.
ON_CLASS_PAGE = {"torch.Tensor.T", "torch.Tensor.H", "torch.Tensor.mT", "torch.Tensor.mH"}


@cache
def reference_root() -> str:
    """The reference of the pinned release (pyproject.toml's torch==2.13.0 is docs/2.13/)."""
    major, minor = pinned().split(".")[:2]
    return f"https://docs.pytorch.org/docs/{major}.{minor}/"


def reference_url(name: str) -> str:
    """Where the reference documents a torch name (`torch.zeros`, `torch.Tensor.sum`)."""
    member = split_member(name)
    if member and member[0] not in MEMBER_PAGES and name not in ON_CLASS_PAGE:
        owner = DOCUMENTED_AS.get(member[0], member[0])
        page, _ = location(owner)
        return f"{reference_root()}{page}#{owner}.{member[1]}"
    name = DOCUMENTED_AS.get(name, name)
    page, anchored = location(name)
    return f"{reference_root()}{page}" + (f"#{name}" if anchored else "")


def location(name: str) -> tuple[str, bool]:
    """The page documenting a function or class, and whether it is one entry of several there."""
    if name in ON_CLASS_PAGE:
        return "tensors.html", True
    if name in CLASS_PAGES:
        return CLASS_PAGES[name], True
    for module, page in ONE_PAGE_MODULES.items():
        if name.startswith(f"{module}."):
            return page, True
    return f"generated/{name}.html", False


@cache
def split_member(name: str) -> tuple[str, str] | None:
    """(class, member) when the name is an attribute of a class; None for a function or class."""
    owner, _, member = name.rpartition(".")
    return (owner, member) if inspect.isclass(find(owner)) else None


def find(name: str):
    """The object a dotted name stands for, or None."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        try:
            value = importlib.import_module(".".join(parts[:end]))
        except ImportError:
            continue
        for part in parts[end:]:
            value = getattr(value, part, None)
        return value
    return None


def links_line(names: list[str], label: str) -> str:
    """The line under a block: its label and a link per name, code-styled."""
    links = " · ".join(f"[`{name}`]({reference_url(name)})" for name in names)
    return label.format(links=links)


class MissingReferences(ValueError):
    """A block whose references are not recorded: the message names the section."""


def with_reference_links(markdown: str, page: Path, root: Path) -> str:
    """The page with a line of reference links after each python block that includes a section,
    labelled in the page's language."""
    blocks = [fence for fence in fences(markdown, page) if fence.is_python and fence.include]
    if not blocks:
        return markdown
    recorded = read(root)
    if recorded is None:
        raise MissingReferences(f"{RECORD} does not exist; write it with `{REWRITE}`")
    label = page_strings(page.name, root)["references"]
    pieces, start = [], 0
    for fence in blocks:
        key = str(fence.include)
        if key not in recorded:
            raise MissingReferences(
                f"the block that includes {key} has no entry in {RECORD}; write it with `{REWRITE}`"
            )
        if recorded[key]:
            line = links_line(recorded[key], label)
            pieces += [markdown[start : fence.end], f"\n\n{fence.indent}{line}\n"]
            pieces.append(f"{fence.indent}{{: .references }}\n")
            start = fence.end
    return "".join([*pieces, markdown[start:]])
