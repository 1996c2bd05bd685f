"""The plan's tree from the hierarchy columns of a real workbook.

Each meta row names its eje, programa... (repeated on every row, or only on the
first row of a group: empty cells take the value above). A node is identified by its
code under its parent: from a code column, from the start of a "code + name" cell
(`codigo: desde_nombre`), or generated in order of appearance (`codigo: generado`).
The result is the `estructura` of a hand-written plan.yml.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from generator.problems import Problems, number_text
from generator.read.cells import CellError, CellFault, is_blank, parse_code, parse_number
from generator.read.mapping.config import LevelSpec

WEIGHT_TOLERANCE = 1e-6


@dataclass
class TreeNode:
    codigo: str
    nombre: str
    row: int  # first Excel row that names it
    sheet: str
    pesos: list[tuple[float, int]] = field(default_factory=list)  # (weight, row)
    children: dict[str, "TreeNode"] = field(default_factory=dict)  # identity -> node


def clean_name(value: object) -> str:
    """Names as published: no line breaks or doubled spaces from the workbook."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


@dataclass
class LevelColumns:
    """A level's resolved column indexes in one sheet."""

    spec: LevelSpec
    nombre: int | None
    codigo: int | None
    peso: int | None
    headers: dict[str, str]  # "nombre"/"codigo"/"peso" -> header as written


class TreeBuilder:
    """Adds one meta row at a time; `codigo_padre(...)` returns its leaf code."""

    def __init__(self, problems: Problems, nombres: dict[str, str]):
        self.file = ""  # the book being read; set by the reader of each book
        self.problems = problems
        self.nombres = nombres  # code -> the name to publish (mapeo.nombres)
        self.roots: dict[str, TreeNode] = {}
        self.codes: dict[str, tuple[int, str, int]] = {}  # code -> (level, sheet, row)
        self.renamed: set[tuple[str, str]] = set()

    def codigo_padre(self, values: list[tuple[object, object, object]], columns: list[LevelColumns],
                     sheet: str, row: int) -> str | None:
        """`values`: (name, code, weight) cells per level, already filled down."""
        siblings, parent = self.roots, None
        for depth, ((name, code, weight), cols) in enumerate(zip(values, columns)):
            node = self._node(depth, name, code, cols, siblings, parent, sheet, row)
            if node is None:
                return None
            if cols.peso is not None:
                self._weight(node, weight, cols, sheet, row)
            siblings, parent = node.children, node
        return parent.codigo if parent else None

    def _node(self, depth, name, code, cols: LevelColumns, siblings, parent, sheet, row) -> TreeNode | None:
        spec = cols.spec
        where = {"sheet": sheet, "row": row}
        if is_blank(name):
            self.problems.error("celda-vacia", self.file, f'la meta no tiene {_level_word(spec, cols)}: la celda está vacía y no hay un valor arriba que la complete',
                                column=cols.headers["nombre"], **where)
            return None
        if isinstance(name, CellFault):
            self.problems.error(name.codigo, self.file, name.message, column=cols.headers["nombre"], value=name, **where)
            return None
        nombre = clean_name(name)
        if spec.codigo == "columna":
            own = self._code_cell(code, cols, where)
            if own is None:
                return None
            identity = own
        elif spec.codigo == "desde_nombre":
            match = spec.patron.match(nombre) if spec.patron else None
            if match is None:
                self.problems.error("codigo-no-reconocido", self.file, f"no empieza por un código que el patrón de {spec.key}.patron reconozca "
                                    f"(p. ej. \"1.2 Educación de calidad\")", column=cols.headers["nombre"], value=nombre, **where)
                return None
            own = (match.group("codigo") if "codigo" in match.re.groupindex else match.group(1)).strip()
            if "nombre" in match.re.groupindex and match.group("nombre") and match.group("nombre").strip():
                nombre = clean_name(match.group("nombre"))
            identity = own
        else:
            identity = nombre.casefold()
            own = str(len(siblings) + 1) if identity not in siblings else None
        node = siblings.get(identity)
        if node is None:
            codigo = _format(spec, own, parent)
            node = TreeNode(codigo=codigo, nombre=self.nombres.get(codigo, nombre), row=row, sheet=sheet)
            if not self._unique(node, depth, cols, where):
                return None
            siblings[identity] = node
        elif (spec.codigo != "generado" and node.codigo not in self.nombres and nombre.casefold() != node.nombre.casefold()
              and (node.codigo, nombre) not in self.renamed):
            self.renamed.add((node.codigo, nombre))
            self.problems.warn("nombre-escrito-distinto", self.file, f"{_level_word(spec, cols)} {node.codigo} se llama distinto en {_place(node.sheet, node.row, sheet)} "
                               f"(\"{node.nombre[:60]}\"); se usa ese nombre. Si ninguno de los dos es el correcto, escríbalo en mapeo.nombres",
                               column=cols.headers["nombre"], value=nombre, **where)
        return node

    def _code_cell(self, code, cols: LevelColumns, where) -> str | None:
        try:
            text = parse_code(code)
        except CellError as exc:
            self.problems.error(exc.codigo, self.file, exc.message + f'; o use codigo: generado en {cols.spec.key}',
                                column=cols.headers["codigo"], value=code, **where)
            return None
        if not text:
            self.problems.error("celda-vacia", self.file, f"falta el código de {_level_word(cols.spec, cols)}", column=cols.headers["codigo"], **where)
            return None
        return text

    def _unique(self, node: TreeNode, depth: int, cols: LevelColumns, where) -> bool:
        seen = self.codes.get(node.codigo)
        if seen is not None:
            level, sheet, row = seen
            self.problems.error("codigo-repetido", self.file, f"el código {node.codigo} ya es de otro nodo ({_place(sheet, row, where['sheet'])}); los códigos de la estructura deben ser únicos: "
                                f'use formato en {cols.spec.key}, p. ej. formato: "{{padre}}.{{codigo}}"',
                                column=cols.headers.get("codigo") or cols.headers["nombre"], **where)
            return False
        self.codes[node.codigo] = (depth, where["sheet"], where["row"])
        return True

    def _weight(self, node: TreeNode, value: object, cols: LevelColumns, sheet: str, row: int) -> None:
        try:
            weight = parse_number(value)
        except CellError as exc:
            self.problems.error(exc.codigo, self.file, exc.message, sheet=sheet, row=row, column=cols.headers["peso"], value=value)
            return
        if weight is None:
            return
        if weight <= 0:
            self.problems.error("peso-no-valido", self.file, "no es un peso válido; se esperaba un número mayor que 0",
                                sheet=sheet, row=row, column=cols.headers["peso"], value=value)
            return
        if node.pesos and not math.isclose(node.pesos[0][0], weight, rel_tol=1e-9):
            if len(node.pesos) == 1:
                self.problems.warn("pesos-distintos", self.file, f"el peso de {node.codigo} es {number_text(node.pesos[0][0])} en la fila {node.pesos[0][1]}; "
                                   "se usa ese", sheet=sheet, row=row, column=cols.headers["peso"], value=value)
            node.pesos.append((weight, row))
            return
        if not node.pesos:
            node.pesos.append((weight, row))

    def estructura(self, columns: list[LevelColumns]) -> list[dict]:
        return self._dump(list(self.roots.values()), 0, columns)

    def warn_unused(self, yml_file: str) -> None:
        """An aviso for each code of mapeo.nombres that names no node of the tree."""
        for code in self.nombres:
            if code not in self.codes:
                self.problems.warn("nombre-sin-nodo", yml_file, "ningún nodo del plan tiene este código; el nombre no se usa "
                                   f"(los códigos son los que se publican: {', '.join(list(self.codes)[:8])}...)",
                                   column=f"mapeo.nombres.{code}", value=code)

    def _dump(self, nodes: list[TreeNode], depth: int, columns: list[LevelColumns]) -> list[dict]:
        weights = self._weights(nodes, depth, columns)
        out = []
        for node, weight in zip(nodes, weights):
            item: dict = {"codigo": node.codigo, "nombre": node.nombre}
            if weight is not None:
                item["peso"] = weight
            if node.children:
                item["hijos"] = self._dump(list(node.children.values()), depth + 1, columns)
            out.append(item)
        return out

    def _weights(self, nodes: list[TreeNode], depth: int, columns: list[LevelColumns]) -> list[float | None]:
        """Each sibling's weight; shares that do not add up to 1 (or 100) are
        normalised, with an aviso, because the office meant them to."""
        cols = columns[depth] if depth < len(columns) else None
        if cols is None or cols.peso is None or not nodes:
            return [None] * len(nodes)
        missing = [n for n in nodes if not n.pesos]
        for node in missing:
            self.problems.error("celda-vacia", self.file, f"{_level_word(cols.spec, cols)} {node.codigo} no tiene peso en ninguna de sus filas; "
                                "se esperaba un número mayor que 0", sheet=node.sheet, row=node.row, column=cols.headers["peso"])
        if missing:
            return [None] * len(nodes)
        weights = [n.pesos[0][0] for n in nodes]
        total = sum(weights)
        target = 1.0 if max(weights) <= 1 else 100.0 if 50 <= total <= 150 else None
        if target is None or math.isclose(total, target, rel_tol=0, abs_tol=WEIGHT_TOLERANCE * target):
            return weights
        shown = ", ".join(f"{n.codigo}: {number_text(w)}" for n, w in zip(nodes, weights))
        parent = "" if depth == 0 else " del mismo padre"
        self.problems.warn("pesos-normalizados", self.file, f"los pesos de los {len(nodes)} nodos de nivel {_level_word(cols.spec, cols)}{parent} suman "
                           f"{number_text(total)}, no {number_text(target)} ({shown}); se normalizan para que sumen {number_text(target)}",
                           sheet=nodes[0].sheet, row=nodes[0].row, column=cols.headers["peso"])
        return [w * target / total for w in weights]


def _format(spec: LevelSpec, own: str | None, parent: TreeNode | None) -> str:
    padre = parent.codigo if parent else ""
    template = spec.formato or ("{padre}.{codigo}" if spec.codigo == "generado" and parent else "{codigo}")
    return template.replace("{padre}", padre).replace("{codigo}", own or "")


def _place(sheet: str, row: int, current: str) -> str:
    """"la fila 12", naming the sheet when it is not the one of the message."""
    return f"la fila {row}" if sheet == current else f'la hoja "{sheet}", fila {row}'


def _level_word(spec: LevelSpec, cols: LevelColumns) -> str:
    """The level as plan.yml names it ("programa"), for messages."""
    return spec.label or cols.headers.get("nombre") or spec.key
