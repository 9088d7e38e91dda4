"""The command line's modules import each other in one direction only: no circle.

Every import counts, at the top of a module or inside a function, since a
circle through a function's import is still a circle to whoever reads the code.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "linkworker.cli"


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, name: str, modules: set[str]) -> set[str]:
    """The modules of ``modules`` that the file at ``path`` (module ``name``) imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from package import module` imports the module; otherwise the names are its own
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        found.update(target for target in targets if target in modules and target != name)
    return found


def import_graph(folder: Path, root: Path = ROOT) -> dict[str, set[str]]:
    """Each module under ``folder`` and the modules under it that it imports."""
    names = {path: module_name(path, root) for path in sorted(folder.rglob("*.py"))}
    modules = set(names.values())
    return {name: imports_of(path, name, modules) for path, name in names.items()}


def find_circle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of imports, as the modules along it, or None when there is none."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" after

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return [*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt]
            if nxt not in state:
                found = visit(nxt, [*path, nxt])
                if found:
                    return found
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start, [start])
            if found:
                return found
    return None


def test_the_command_line_has_no_import_circle() -> None:
    graph = import_graph(ROOT / "linkworker" / "cli")

    assert PACKAGE in graph and len(graph) >= 8  # the package and its areas were read
    assert graph[PACKAGE] >= {f"{PACKAGE}.directory", f"{PACKAGE}.people", f"{PACKAGE}.geo"}
    assert find_circle(graph) is None, " -> ".join(find_circle(graph) or [])


def test_no_area_imports_the_package_that_assembles_them() -> None:
    graph = import_graph(ROOT / "linkworker" / "cli")

    assert [module for module, imported in graph.items() if PACKAGE in imported] == []


def test_a_circle_is_found_when_there_is_one(tmp_path: Path) -> None:
    """The check itself: the old shape (two modules importing each other) is caught."""
    folder = tmp_path / "linkworker" / "cli"
    folder.mkdir(parents=True)
    (folder / "__init__.py").write_text(
        "def add():\n    from linkworker.cli.exchange import add_exchange\n"
    )
    (folder / "exchange.py").write_text(
        "def run():\n    from linkworker.cli import import_spreadsheet\n"
    )
    (folder / "geo.py").write_text("from . import exchange\n")
    graph = import_graph(folder, tmp_path)

    assert graph["linkworker.cli.geo"] == {"linkworker.cli.exchange"}
    assert find_circle(graph) == ["linkworker.cli", "linkworker.cli.exchange", "linkworker.cli"]
