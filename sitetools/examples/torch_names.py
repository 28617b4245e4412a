"""How torch's reference names an object: the public path it is exported under, if documented.

`torch.nn.modules.linear.Linear` is documented as `torch.nn.Linear`, `torch.random.manual_seed`
as `torch.manual_seed`; a method is named after the torch class that defines it
(`torch.Tensor.sum`, `torch.nn.Module.parameters`, `torch.optim.SGD.step`). Functions and members
without a docstring have no reference page (`torch.relu`, `Tensor.dtype`) and get no name.
"""

from __future__ import annotations

import sys


def defining_class(cls: type, attribute: str) -> tuple[type | None, object]:
    for klass in cls.__mro__:
        if attribute in vars(klass):
            return klass, vars(klass)[attribute]
    return None, None


def is_torch(thing) -> bool:
    module = getattr(thing, "__module__", None)
    return isinstance(module, str) and (module == "torch" or module.startswith("torch."))


def documented(thing) -> bool:
    """Whether it has a docstring of its own (a constant's would be its type's)."""
    thing = getattr(thing, "__func__", thing)  # staticmethod, classmethod
    doc = getattr(thing, "__doc__", None)
    return bool(doc) and doc is not getattr(type(thing), "__doc__", None)


def api_name(value) -> str | None:
    """The documented name of a torch function or class; None for anything else.

    Public classes count as documented without a docstring: torch documents `Tensor`, `Size` or
    `device` in the text of its pages.
    """
    if isinstance(value, type):
        return public_name(value) if is_torch(value) else None
    if not callable(value) or not hasattr(value, "__name__"):
        return None
    return public_name(value) if is_torch(value) and documented(value) else None


def public_name(value) -> str | None:
    """The shortest public path torch exports the object under: `torch.nn.Linear`."""
    name = value.__name__
    parts = value.__module__.split(".")
    for end in range(1, len(parts) + 1):
        if any(part.startswith("_") for part in parts[:end]):
            break
        module = sys.modules.get(".".join(parts[:end]))
        if module is not None and getattr(module, name, None) is value:
            return f"{'.'.join(parts[:end])}.{name}"
    return None


def member_name(owner: type, attribute: str) -> str | None:
    """`torch.Tensor.sum`, `torch.nn.Module.parameters`: a documented member of a torch class."""
    if attribute.startswith("_") or not is_torch(owner):
        return None
    if not documented(vars(owner)[attribute]):
        return None
    import torch

    # Tensor's C methods live on its base class, which torch documents as Tensor's own.
    cls = "torch.Tensor" if owner is torch._C.TensorBase else public_name(owner)
    return f"{cls}.{attribute}" if cls else None
