"""The shape of the code: one direction of flow, no import cycles, no hidden imports.

Read from the source with `ast`, so a new module is checked without being listed.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# What each stage may import from the others (besides the shared model, results,
# contract, names, numbers and problems): files -> read -> validate -> compute -> render/write.
SHARED = {"generator.model", "generator.results", "generator.contract", "generator.names", "generator.numbers",
          "generator.problems"}
ALLOWED = {
    "read": {"read"},
    "validate": {"read", "validate"},
    "compute": {"compute"},
    "render": {"render", "compute", "write"},
    "write": {"write", "compute"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, ast.Module]:
    return {module_name(p): ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}


def imported(tree: ast.Module, names: set[str]) -> set[str]:
    """The generator modules a module imports (`from generator.x import y` counts
    generator.x.y when that is a module itself)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("generator"))
    return found & names


def graph() -> dict[str, set[str]]:
    trees = modules()
    return {name: imported(tree, set(trees)) - {name} for name, tree in trees.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 visiting, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle():
    assert find_cycle(graph()) is None


# The command line, which no module imports (so no cycle can pass through it), imports
# the capture sheets when their command runs: their openpyxl would cost every build 0.4 s.
ENTRY_POINT = "generator.cli"


def test_imports_are_at_module_level():
    """A function-level import of our own code is how a cycle hides: none allowed, but in
    the entry point."""
    assert [name for name, deps in graph().items() if ENTRY_POINT in deps] == ["generator.__main__"]
    hidden = []
    for name, tree in modules().items():
        if name == ENTRY_POINT:
            continue
        top = {id(n) for n in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in top:
                module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                if module and module.startswith("generator"):
                    hidden.append(f"{name}:{node.lineno} {module}")
    assert hidden == []


def stage(module: str) -> str:
    """read, validate, compute, render, write; or the module's own name at the top."""
    return module.split(".")[1]


@pytest.mark.parametrize("kind", sorted(ALLOWED))
def test_each_stage_imports_only_what_comes_before_it(kind):
    wrong = [
        f"{name} -> {dep}"
        for name, deps in graph().items() if name.count(".") > 1 and stage(name) == kind
        for dep in sorted(deps)
        if dep not in SHARED and stage(dep) not in ALLOWED[kind]
    ]
    assert wrong == []


def test_a_build_imports_neither_openpyxl_nor_numpy():
    """They cost every build 0.4 s, and only the capture sheets need openpyxl: the
    command line and the MkDocs child must not import them."""
    code = ("import sys, generator.cli, generator.mkdocs_child; "
            "print(sorted(m for m in ('openpyxl', 'numpy', 'pandas') if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PACKAGE.parent)
    assert found.stdout.strip() == "[]"
