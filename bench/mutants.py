"""Small deliberate mistakes ("mutants") in a module's functions, and how to put one in place.

:func:`generate` reads a module's source and lists every mutant inside its function and
method bodies; :func:`apply` compiles the module with one mutant in it and swaps the
mutated code into the live function object, so every module that imported the function
runs the mistake too. ``bench/mutation.py`` runs the tests against each one.

A mutant belongs to the function or method defined at module or class level that holds
it (a nested function, lambda or comprehension belongs to the one around it), and is
named by that function and a description of the change, never by its line, so a list of
mutants judged equivalent survives edits elsewhere in the file.
"""

from __future__ import annotations

import ast
import copy
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

#: Comparison changes: the boundary (``<`` and ``<=``) and the opposite direction.
_COMPARE: dict[type[ast.cmpop], tuple[type[ast.cmpop], ...]] = {
    ast.Lt: (ast.LtE, ast.Gt),
    ast.LtE: (ast.Lt, ast.GtE),
    ast.Gt: (ast.GtE, ast.Lt),
    ast.GtE: (ast.Gt, ast.LtE),
    ast.Eq: (ast.NotEq,),
    ast.NotEq: (ast.Eq,),
    ast.Is: (ast.IsNot,),
    ast.IsNot: (ast.Is,),
    ast.In: (ast.NotIn,),
    ast.NotIn: (ast.In,),
}
_ARITHMETIC: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Mod: ast.FloorDiv,
    ast.Pow: ast.Mult,
    ast.BitOr: ast.BitAnd,
    ast.BitAnd: ast.BitOr,
    ast.BitXor: ast.BitOr,
    ast.LShift: ast.RShift,
    ast.RShift: ast.LShift,
}
#: Text of this many words or more is a message for people, not data the code works on:
#: changing a message's wording is not a change of behaviour the tests should pin.
PROSE_WORDS = 4


@dataclass(frozen=True)
class Mutant:
    """One small change to one function."""

    path: str
    #: the function or method (``Class.method``) that holds the change
    qualname: str
    line: int
    #: what changed, such as ``a < b -> a <= b``; unique within the function
    description: str
    #: position of the changed node in a pre-order walk of the module's tree
    index: int
    make: Callable[[ast.AST], ast.AST] = field(compare=False, repr=False)

    @property
    def key(self) -> tuple[str, str, str]:
        """What names it in the list of equivalent mutants."""
        return (self.path, self.qualname, self.description)


def _preorder(tree: ast.AST) -> list[tuple[ast.AST, ast.AST | None, str, int | None]]:
    """Every node as (node, parent, field in the parent, index in that field's list)."""
    out: list[tuple[ast.AST, ast.AST | None, str, int | None]] = []
    stack: list[tuple[ast.AST, ast.AST | None, str, int | None]] = [(tree, None, "", None)]
    while stack:
        entry = stack.pop()
        out.append(entry)
        node = entry[0]
        children: list[tuple[ast.AST, ast.AST | None, str, int | None]] = []
        for name, value in ast.iter_fields(node):
            if isinstance(value, ast.AST):
                children.append((value, node, name, None))
            elif isinstance(value, list):
                children.extend(
                    (item, node, name, i)
                    for i, item in enumerate(value)
                    if isinstance(item, ast.AST)
                )
        stack.extend(reversed(children))
    return out


def _units(tree: ast.Module) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Functions and methods defined at module or class level, with their qualified names."""

    def walk(
        body: list[ast.stmt], prefix: str
    ) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
        for stmt in body:
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
                yield prefix + stmt.name, stmt
            elif isinstance(stmt, ast.ClassDef):
                yield from walk(stmt.body, f"{prefix}{stmt.name}.")
            elif isinstance(stmt, ast.If | ast.Try):
                for block in ("body", "orelse", "finalbody"):
                    yield from walk(getattr(stmt, block, []), prefix)

    yield from walk(tree.body, "")


def _skipped(unit: ast.FunctionDef | ast.AsyncFunctionDef) -> set[int]:
    """Ids of nodes that are not behaviour: docstrings, annotations, format specs, cast types,
    and the wording of messages (the text of an f-string of several words included)."""
    skip: set[int] = set()

    def drop(node: ast.AST | None) -> None:
        if node is not None:
            skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(unit):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                drop(first)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            drop(node.returns)
        elif isinstance(node, ast.arg | ast.AnnAssign):
            drop(node.annotation)
        elif isinstance(node, ast.FormattedValue):
            drop(node.format_spec)
        elif isinstance(node, ast.JoinedStr):
            literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if _is_prose(literal.replace("'", " ")):
                skip.update(id(v) for v in node.values if isinstance(v, ast.Constant))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "cast" and node.args:
            drop(node.args[0])
    return skip


def _is_prose(value: str) -> bool:
    return len(value.split()) >= PROSE_WORDS


def _const(value: object) -> Callable[[ast.AST], ast.AST]:
    return lambda node: ast.Constant(value)


def _changes(node: ast.AST, parent: ast.AST | None) -> Iterator[Callable[[ast.AST], ast.AST]]:
    """A builder of the replacement node for each way this node can be changed."""
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            for new in _COMPARE.get(type(op), ()):

                def compare(n: ast.AST, i: int = i, new: type[ast.cmpop] = new) -> ast.AST:
                    out = copy.deepcopy(n)
                    assert isinstance(out, ast.Compare)
                    out.ops[i] = new()
                    return out

                yield compare
    elif isinstance(node, ast.BoolOp):
        other = ast.Or if isinstance(node.op, ast.And) else ast.And
        yield lambda n: ast.BoolOp(other(), copy.deepcopy(n).values)  # type: ignore[attr-defined]
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not | ast.USub):
        yield lambda n: copy.deepcopy(n).operand  # type: ignore[attr-defined]
    elif isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in _ARITHMETIC:
        formatting = (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Mod)
            and isinstance(node.left, ast.Constant | ast.JoinedStr)
        )
        if not formatting:
            new_op = _ARITHMETIC[type(node.op)]

            def arithmetic(n: ast.AST, new_op: type[ast.operator] = new_op) -> ast.AST:
                out = copy.deepcopy(n)
                out.op = new_op()  # type: ignore[attr-defined]
                return out

            yield arithmetic
    elif isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool):
            yield _const(not value)
        elif isinstance(value, int | float):
            for new_value in dict.fromkeys((value + 1, value - 1, type(value)(0))):
                if new_value != value:
                    yield _const(new_value)
        elif isinstance(value, str) and not _is_prose(value):
            yield _const("" if value else "X")
    elif isinstance(node, ast.Return) and node.value is not None:
        if not (isinstance(node.value, ast.Constant) and node.value.value is None):
            yield lambda n: ast.Return(ast.Constant(None))
    elif isinstance(node, ast.Slice):
        for bound in ("lower", "upper"):
            if getattr(node, bound) is not None:

                def unbound(n: ast.AST, bound: str = bound) -> ast.AST:
                    out = copy.deepcopy(n)
                    setattr(out, bound, None)
                    return out

                yield unbound
    if isinstance(node, ast.stmt) and isinstance(parent, ast.If):
        yield lambda n: ast.Pass()


def _describe(old: ast.AST, new: ast.AST) -> str:
    def short(node: ast.AST) -> str:
        text = ast.unparse(node).splitlines()[0] if not isinstance(node, ast.Pass) else "pass"
        return text if len(text) <= 70 else text[:67] + "..."

    if isinstance(new, ast.Pass):
        return f"remove {short(old)}"
    return f"{short(old)} -> {short(new)}"


def generate(source: str, path: str) -> list[Mutant]:
    """Every mutant of the functions and methods in ``source`` (``path`` names it in reports)."""
    tree = ast.parse(source)
    nodes = _preorder(tree)
    mutants: list[Mutant] = []
    for qualname, unit in _units(tree):
        skip = _skipped(unit)
        inside = {id(n) for stmt in unit.body for n in ast.walk(stmt)}
        seen: dict[str, int] = {}
        for index, (node, parent, _, _) in enumerate(nodes):
            if id(node) not in inside or id(node) in skip:
                continue
            for make in _changes(node, parent):
                description = _describe(node, make(node))
                seen[description] = seen.get(description, 0) + 1
                if seen[description] > 1:
                    description += f" #{seen[description]}"
                line = getattr(node, "lineno", unit.lineno)
                mutants.append(Mutant(path, qualname, line, description, index, make))
    return mutants


def mutated_code(source: str, filename: str, mutant: Mutant) -> types.CodeType:
    """The module compiled with ``mutant`` in place."""
    tree = ast.parse(source)
    node, parent, name, index = _preorder(tree)[mutant.index]
    new = ast.copy_location(mutant.make(node), node)
    ast.fix_missing_locations(new)
    assert parent is not None
    if index is None:
        setattr(parent, name, new)
    else:
        getattr(parent, name)[index] = new
    return compile(tree, filename, "exec", dont_inherit=True)


def code_objects(code: types.CodeType) -> Iterator[types.CodeType]:
    """``code`` and every code object compiled inside it."""
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from code_objects(const)


def _functions_in(
    namespace: dict[str, object], filename: str, seen: set[int]
) -> Iterator[types.FunctionType]:
    for value in list(namespace.values()):
        if id(value) in seen:
            continue
        seen.add(id(value))
        candidates: list[object] = [value]
        if isinstance(value, staticmethod | classmethod):
            candidates = [value.__func__]
        elif isinstance(value, property):
            candidates = [value.fget, value.fset, value.fdel]
        elif hasattr(value, "func") and type(value).__name__ == "cached_property":
            candidates = [value.func]
        for candidate in candidates:
            while hasattr(candidate, "__wrapped__"):
                candidate = candidate.__wrapped__
            if (
                isinstance(candidate, types.FunctionType)
                and candidate.__code__.co_filename == filename
            ):
                yield candidate
        if isinstance(value, type) and getattr(value, "__module__", None) == namespace.get(
            "__name__"
        ):
            inner = dict(vars(value))
            inner["__name__"] = namespace.get("__name__")
            yield from _functions_in(inner, filename, seen)


def live_functions(module: types.ModuleType) -> dict[tuple[str, int], types.FunctionType]:
    """The module's functions and methods by (qualified name, first line)."""
    filename = module.__file__ or ""
    found = _functions_in(vars(module), filename, set())
    return {(f.__code__.co_qualname, f.__code__.co_firstlineno): f for f in found}


def apply(module: types.ModuleType, source: str, mutant: Mutant) -> Callable[[], None]:
    """Put ``mutant`` into the live module; returns what undoes it.

    Raises LookupError when the function cannot be reached or its mutated code does
    not fit it (a different set of closure variables).
    """
    filename = module.__file__ or ""
    compiled = mutated_code(source, filename, mutant)
    live = live_functions(module)
    for code in code_objects(compiled):
        target = live.get((code.co_qualname, code.co_firstlineno))
        if code.co_qualname != mutant.qualname or target is None:
            continue
        if code.co_freevars != target.__code__.co_freevars:
            raise LookupError(f"{mutant.qualname}: the mutated code has other closure variables")
        original = target.__code__
        target.__code__ = code

        def undo(target: types.FunctionType = target, original: types.CodeType = original) -> None:
            target.__code__ = original

        return undo
    raise LookupError(f"{mutant.qualname} is not reachable from its module")


def unit_of(code: types.CodeType) -> str:
    """The module- or class-level function a code object belongs to ("" for module code)."""
    qualname = code.co_qualname
    if qualname == "<module>":
        return ""
    return qualname.split(".<locals>.", 1)[0]


PROBE = "__mutation_probe__"


def instrument(
    module: types.ModuleType, source: str, probe: Callable[[str], None]
) -> Callable[[], None]:
    """Make each function of ``module`` call ``probe(its qualname)`` when it starts.

    Cheaper than a trace function (which sees every call in the process): only the
    module's own functions pay. Returns what puts the original code back.
    """
    tree = ast.parse(source)
    for qualname, unit in _units(tree):
        first = unit.body[0]
        call = ast.Expr(ast.Call(ast.Name(PROBE, ast.Load()), [ast.Constant(qualname)], []))
        unit.body.insert(0, ast.copy_location(call, first))
    ast.fix_missing_locations(tree)
    compiled = compile(tree, module.__file__ or "", "exec", dont_inherit=True)
    live = live_functions(module)
    swapped: list[tuple[types.FunctionType, types.CodeType]] = []
    for code in code_objects(compiled):
        target = live.get((code.co_qualname, code.co_firstlineno))
        if target is not None and code.co_freevars == target.__code__.co_freevars:
            swapped.append((target, target.__code__))
            target.__code__ = code
    vars(module)[PROBE] = probe

    def undo() -> None:
        for target, original in swapped:
            target.__code__ = original
        vars(module).pop(PROBE, None)

    return undo


def _names_used(nodes: list[ast.AST]) -> set[str]:
    """Names and ``Name.attribute`` pairs read anywhere in ``nodes``."""
    used: set[str] = set()
    for top in nodes:
        for node in ast.walk(top):
            if isinstance(node, ast.Name):
                used.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                used.add(f"{node.value.id}.{node.attr}")
    return used


def _module_level(tree: ast.Module) -> list[ast.stmt]:
    """The statements that compute the module's values when it is imported.

    Imports, definitions and the docstring are left out: running them again would
    make new function and class objects that other modules never see.
    """
    skipped = ast.Import | ast.ImportFrom | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
    kept = [stmt for stmt in tree.body if not isinstance(stmt, skipped)]
    if kept and isinstance(kept[0], ast.Expr) and isinstance(kept[0].value, ast.Constant):
        kept = kept[1:]
    return kept


def import_time_units(source: str) -> set[str]:
    """Functions that run while the module is imported (called, at any depth, by its constants).

    A mutant in one of them changes values computed once, at import, so swapping the
    code alone would never show; :func:`rerun_module_level` computes them again.
    """
    tree = ast.parse(source)
    units = dict(_units(tree))
    calls = {name: _names_used(unit.body) for name, unit in units.items()}
    pending = [u for u in _names_used(list(_module_level(tree))) if u in units]
    found: set[str] = set()
    while pending:
        name = pending.pop()
        if name not in found:
            found.add(name)
            pending.extend(u for u in calls[name] if u in units)
    return found


def rerun_module_level(
    module: types.ModuleType, source: str, modules: list[types.ModuleType]
) -> None:
    """Compute the module's constants again with the code as it now is.

    Every module in ``modules`` that imported one of those constants by name is
    pointed at the new value too.
    """
    tree = ast.Module(body=_module_level(ast.parse(source)), type_ignores=[])
    namespace = vars(module)
    before = dict(namespace)
    exec(compile(tree, module.__file__ or "", "exec", dont_inherit=True), namespace)
    replaced = {
        id(old): namespace[name]
        for name, old in before.items()
        if name in namespace and namespace[name] is not old
    }
    for other in modules:
        space = vars(other)
        for name, value in list(space.items()):
            if id(value) in replaced:
                space[name] = replaced[id(value)]
