"""Every problem carries a registered code, and PROBLEMAS.md explains every code.

The source is read with `ast`, so a problem added anywhere in generator/ without a
code (or with a code missing from generator/problem_codes.py) fails here even if no
test reaches it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.problem_codes import CODES, page
from generator.problems import Problem, Problems

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"
DOC = ROOT / "PROBLEMAS.md"

# Calls that create a problem or carry its code: the code is the first argument
# (Problem takes it as the keyword `codigo`).
CODE_FIRST = {"error", "warn", "_aviso", "CellError", "FileRefused", "YamlProblem"}


def _name(call: ast.Call) -> str | None:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


def _code_argument(call: ast.Call) -> ast.expr | None:
    keyword = next((k.value for k in call.keywords if k.arg == "codigo"), None)
    if keyword is not None or _name(call) == "Problem":
        return keyword
    return call.args[0] if call.args else None


def _unregistered(node: ast.expr | None) -> list[str]:
    """What is wrong with a code argument: it must be a registered literal, a choice
    between registered literals, or a variable or attribute named `codigo` (passed on)."""
    if node is None:
        return ["sin código"]
    if isinstance(node, ast.Constant):
        return [] if node.value in CODES else [f"código no registrado {node.value!r}"]
    if isinstance(node, ast.IfExp):
        return _unregistered(node.body) + _unregistered(node.orelse)
    if isinstance(node, ast.Name) and node.id == "codigo" or isinstance(node, ast.Attribute) and node.attr == "codigo":
        return []
    return [f"código que no es un literal: {ast.unparse(node)}"]


def _sources() -> dict[str, ast.Module]:
    return {str(p.relative_to(ROOT)): ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_problem_in_the_code_has_a_registered_code():
    wrong, seen = [], 0
    for path, tree in _sources().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node) in CODE_FIRST | {"Problem"}:
                seen += 1
                wrong += [f"{path}:{node.lineno} {reason}" for reason in _unregistered(_code_argument(node))]
    assert seen > 150  # the scan does find the problems
    assert wrong == []


def test_every_registered_code_is_used():
    used = {
        node.value
        for path, tree in _sources().items() if not path.endswith("problem_codes.py")
        for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert sorted(set(CODES) - used) == []


def test_codes_are_kebab_case_spanish_words_with_title_and_explanation():
    for codigo, code in CODES.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", codigo), codigo
        assert code.titulo and code.explicacion.endswith((".", ")")), codigo


def test_a_problem_needs_a_registered_code():
    with pytest.raises(TypeError):
        Problem("metas.csv", "no es un número")  # no code: refused
    with pytest.raises(ValueError, match="not registered"):
        Problems().error("no-existe", "metas.csv", "no es un número")


def test_the_code_ends_the_problem_line():
    problems = Problems()
    problems.error("celda-no-numero", "metas.xlsx", "no es un número", sheet="Plan", row=7, column="Meta", value="doce")
    assert str(problems.items[0]) == 'metas.xlsx, hoja "Plan", fila 7, columna Meta: "doce" no es un número [celda-no-numero]'


def _documented() -> list[str]:
    return re.findall(r"^### `([^`]+)`$", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE)


def test_every_code_is_explained_for_the_planning_office():
    documented = _documented()
    assert sorted(set(CODES) - set(documented)) == [], "códigos sin explicar en PROBLEMAS.md"
    assert sorted(set(documented) - set(CODES)) == [], "PROBLEMAS.md explica códigos que no existen"
    assert len(documented) == len(set(documented))


def test_problemas_md_is_written_from_the_registry():
    assert DOC.read_text(encoding="utf-8") == page(), "regenere con: python -m generator.problem_codes > PROBLEMAS.md"


def test_check_prints_the_code_and_where_it_is_explained(tmp_path, capsys):
    assert main(["check", "--data", str(tmp_path / "no-existe")]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'no-existe'}: la carpeta de datos no existe [carpeta-no-existe]" in err
    assert "se explica en PROBLEMAS.md" in err
