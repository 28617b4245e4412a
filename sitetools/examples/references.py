"""What a block uses of PyTorch's API, resolved against the objects the block ran with.

Every name and attribute chain in the block's code (`torch.zeros`, `nn.Linear`, `F.relu`,
`x.sum` where `x` is a tensor, `model.parameters` where `model` is a module) is looked up in the
block's namespace after the engine ran it, and each torch object found is named as torch's
reference documents it (`torch.nn.modules.linear.Linear` is `torch.nn.Linear`; a method of a
tensor is `torch.Tensor.<name>`, one that `nn.Module` defines is `torch.nn.Module.<name>`).

What cannot be known from the objects is left out rather than guessed: names of other libraries
and of the block's own classes and functions, a method called on the result of a call
(`model(x).sum()`), a name whose value the block replaces further down (its value when used is
gone), and a function's local names, unless they are annotated with a class (`x: torch.Tensor`)
or are the `self` of a method. How a torch object is named: `sitetools.examples.torch_names`.
"""

from __future__ import annotations

import ast
import sys
import warnings
from dataclasses import dataclass

from sitetools.examples.blocks import Block
from sitetools.examples.torch_names import api_name, defining_class, is_torch, member_name

# A value that cannot be known here: the chain it heads is not followed.
_UNKNOWN = object()


@dataclass(frozen=True)
class InstanceOf:
    """A value known only by its class: an annotated parameter, or a method's `self`."""

    cls: type


@dataclass(frozen=True)
class Use:
    """A name and the attributes read from it, where it occurs, and how its root is bound."""

    chain: tuple[str, ...]
    position: tuple[int, int]
    statement: int
    # None: a module-level name; otherwise the expression or class that binds a local one.
    local: ast.expr | str | None = None
    # In a function's body: it runs when called, not where it is written.
    deferred: bool = False


def block_references(block: Block, namespace: dict) -> tuple[str, ...]:
    """The torch API a block uses, in first-use order, each named once.

    A block run with its own command (`torchrun`) ran in another process, so its names are
    resolved against what its import statements import, here.
    """
    return imported_references(block) if block.command else code_references(block.code, namespace)


def imported_references(block: Block) -> tuple[str, ...]:
    """What a block that did not run here uses of torch, as far as its imports tell."""
    return code_references(block.code, imported_names(ast.parse(block.code)))


def code_references(code: str, namespace: dict) -> tuple[str, ...]:
    """The torch API some code uses, its names looked up in the namespace it ran in."""
    tree = ast.parse(code)
    bindings = [module_bindings(statement) for statement in tree.body]
    found: list[str] = []
    for use in sorted(uses(tree), key=lambda use: use.position):
        if use.local is None and replaced(use, bindings):
            continue  # the value it had when used may not be the one the block ended with
        for name in resolve(use, namespace):
            if name not in found:
                found.append(name)
    return tuple(found)


def imported_names(tree: ast.Module) -> dict:
    """A namespace holding what the code's import statements import, those that import here."""
    namespace: dict = {"__name__": "__references__"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom) and not getattr(node, "level", 0):
            module = ast.Module(body=[node], type_ignores=[])
            try:
                exec(compile(module, "<imports>", "exec"), namespace)
            except ImportError:
                continue  # a module of the program's own, next to it where it runs
    return namespace


def replaced(use: Use, bindings: list[set[str]]) -> bool:
    """Whether the module-level name a use reads may have held another value when it was read.

    Where it is written, that is when a later top-level statement binds the name again (each
    statement's bindings are given); in a function's body, which runs when called, when more
    than one statement binds it.
    """
    bound = [use.chain[0] in names for names in bindings]
    return sum(bound) > 1 if use.deferred else any(bound[use.statement + 1 :])


def module_bindings(statement: ast.stmt) -> set[str]:
    """Names a top-level statement binds in the module, outside the functions it defines."""
    names: set[str] = set()
    pending: list[ast.AST] = [statement]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
            continue
        if isinstance(node, ast.Lambda | ast.ListComp | ast.SetComp | ast.DictComp):
            continue
        if isinstance(node, ast.GeneratorExp):
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
            names.add(node.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        pending += list(ast.iter_child_nodes(node))
    return names


class _Scope:
    """The local names of a function, lambda, comprehension or class body."""

    def __init__(self, kind: str, local: dict[str, ast.expr | str | None]) -> None:
        self.kind, self.local = kind, local


def uses(tree: ast.Module) -> list[Use]:
    """Every name, and attribute chain on a name, that the code reads."""
    collector = _Uses()
    for index, statement in enumerate(tree.body):
        collector.statement = index
        collector.visit(statement)
    return collector.found


class _Uses(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[Use] = []
        self.scopes: list[_Scope] = []
        self.classes: list[str] = []
        self.statement = 0

    def record(self, node: ast.expr) -> bool:
        chain: list[str] = []
        while isinstance(node, ast.Attribute):
            chain.insert(0, node.attr)
            node = node.value
        if not isinstance(node, ast.Name) or not isinstance(node.ctx, ast.Load):
            return False
        local = self.local_binding(node.id)
        if local is not _UNKNOWN:
            position = (node.lineno, node.col_offset)
            deferred = any(scope.kind == "function" for scope in self.scopes)
            self.found.append(Use((node.id, *chain), position, self.statement, local, deferred))
        return True

    def local_binding(self, name: str):
        """None for a module-level name, what binds a local one, _UNKNOWN for other locals."""
        innermost = True
        for scope in reversed(self.scopes):
            # A class body's names are not visible in the functions it defines.
            if scope.kind == "class" and not innermost:
                continue
            if name in scope.local:
                binding = scope.local[name]
                return _UNKNOWN if binding is None else binding
            innermost = False
        return None

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if not self.record(node):
            self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        self.record(node)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for expression in [*node.decorator_list, *defaults(node.args), node.returns]:
            if expression is not None:
                self.visit(expression)
        for argument in arguments(node.args):
            if argument.annotation is not None:
                self.visit(argument.annotation)
        rebound = local_names(node.body)
        local: dict[str, ast.expr | str | None] = dict.fromkeys(rebound)
        method = self.scopes and self.scopes[-1].kind == "class"
        decorators = {d.id for d in node.decorator_list if isinstance(d, ast.Name)}
        for position, argument in enumerate(arguments(node.args)):
            # What an argument holds is known by its annotation, while the body keeps it.
            local[argument.arg] = None if argument.arg in rebound else argument.annotation
            if position == 0 and method and not decorators & {"staticmethod", "classmethod"}:
                local[argument.arg] = None if argument.arg in rebound else self.classes[-1]
        self.in_scope(_Scope("function", local), node.body)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        for expression in defaults(node.args):
            self.visit(expression)
        local = dict.fromkeys(argument.arg for argument in arguments(node.args))
        self.in_scope(_Scope("function", local), [node.body])

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for expression in [*node.decorator_list, *node.bases, *node.keywords]:
            self.visit(expression)
        # Only a class at the top of the block can be found in the namespace by its name.
        self.classes.append(node.name if not self.scopes else "")
        self.in_scope(_Scope("class", dict.fromkeys(local_names(node.body))), node.body)
        self.classes.pop()

    def visit_comprehension_scope(self, node) -> None:
        targets = {
            name.id
            for generator in node.generators
            for name in ast.walk(generator.target)
            if isinstance(name, ast.Name)
        }
        self.scopes.append(_Scope("comprehension", dict.fromkeys(targets)))
        self.generic_visit(node)
        self.scopes.pop()

    def in_scope(self, scope: _Scope, body: list) -> None:
        self.scopes.append(scope)
        for node in body:
            self.visit(node)
        self.scopes.pop()

    visit_ListComp = visit_SetComp = visit_DictComp = visit_comprehension_scope
    visit_GeneratorExp = visit_comprehension_scope


def arguments(args: ast.arguments) -> list[ast.arg]:
    extra = [argument for argument in (args.vararg, args.kwarg) if argument is not None]
    return [*args.posonlyargs, *args.args, *args.kwonlyargs, *extra]


def defaults(args: ast.arguments) -> list[ast.expr]:
    return [*args.defaults, *(d for d in args.kw_defaults if d is not None)]


def local_names(body: list[ast.stmt]) -> set[str]:
    """Names a function or class body binds, less those it declares global."""
    names: set[str] = set()
    declared: set[str] = set()
    for statement in body:
        names |= module_bindings(statement)
        for node in ast.walk(statement):
            if isinstance(node, ast.Global | ast.Nonlocal):
                declared |= set(node.names)
    return names - declared


# Resolving: from the use's root value, attribute by attribute, naming what torch documents.


def resolve(use: Use, namespace: dict) -> list[str]:
    root, *attributes = use.chain
    if isinstance(use.local, str):  # a method's self: an instance of the class it is in
        cls = namespace.get(use.local)
        value = InstanceOf(cls) if isinstance(cls, type) else _UNKNOWN
    elif use.local is not None:  # an annotated local name
        cls = annotated_class(use.local, namespace)
        value = InstanceOf(cls) if cls is not None else _UNKNOWN
    else:
        value = namespace.get(root, _UNKNOWN)
    names: list[str] = []
    if not isinstance(value, InstanceOf):
        named = api_name(value)
        if named:
            names.append(named)
    for index, attribute in enumerate(attributes):
        if value is _UNKNOWN:
            break
        last = index == len(attributes) - 1
        value, named = step(value, attribute, read=not last)
        if named:
            names.append(named)
    return names


def annotated_class(annotation: ast.expr, namespace: dict) -> type | None:
    """The class an annotation names (`torch.Tensor`, `nn.Module`); None for anything else."""
    if not isinstance(annotation, ast.Name | ast.Attribute):
        return None
    chain: list[str] = []
    while isinstance(annotation, ast.Attribute):
        chain.insert(0, annotation.attr)
        annotation = annotation.value
    if not isinstance(annotation, ast.Name):
        return None
    value = namespace.get(annotation.id, _UNKNOWN)
    for attribute in chain:
        value = getattr(value, attribute, _UNKNOWN)
    return value if isinstance(value, type) else None


def step(value, attribute: str, read: bool) -> tuple[object, str | None]:
    """The torch name of the attribute, if it has one, and its value if `read` (else _UNKNOWN).

    A module's attribute is always read: what it is decides its name.
    """
    if isinstance(value, InstanceOf):
        owner, _ = defining_class(value.cls, attribute)
        return _UNKNOWN, member_name(owner, attribute) if owner else None
    if isinstance(value, type(sys)):
        found = quietly_read(value, attribute)
        return found, api_name(found)
    cls = value if isinstance(value, type) else type(value)
    owner, entry = defining_class(cls, attribute)
    named = member_name(owner, attribute) if owner else None
    if owner is not None and not is_torch(owner) and hasattr(entry, "__get__"):
        return _UNKNOWN, None  # a property of the block's own: reading it could run anything
    return (quietly_read(value, attribute) if read else _UNKNOWN), named


def quietly_read(value, attribute: str):
    """The attribute, or _UNKNOWN; what reading it warns about is not the block's output."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return getattr(value, attribute)
        except Exception:
            return _UNKNOWN
