"""The metas table (the Plan Indicativo) to the model's metas, hung from the tree."""

from __future__ import annotations

from generator.contract import METAS_FIELDS, METAS_REQUIRED, PROGRAMADO_COLUMN
from generator.model import TIPO_SPELLINGS, Meta, Tipo
from generator.names import name_key
from generator.problems import Problems, number_text
from generator.read.cells import (
    parse_code,
    parse_non_negative,
    parse_positive,
    parse_text,
    parse_word,
)
from generator.read.table import Table
from generator.validate.plan_yml import Tree
from generator.validate.rows import Cells, missing_columns


def validate_metas(table: Table, years: list[int], tree: Tree, spellings: Spellings, problems: Problems) -> dict[str, Meta]:
    required = list(METAS_REQUIRED) + [f"programado_{y}" for y in years]
    missing_columns(table, required, problems)
    for name, written in table.columns.items():
        match = PROGRAMADO_COLUMN.fullmatch(name)
        if match and years and int(match[1]) not in years:
            problems.error("vigencia-fuera-de-periodo", table.file, f"la vigencia {match[1]} está fuera del periodo del plan ({years[0]}-{years[-1]})",
                           sheet=table.sheet, row=table.header_row, column=written)
    if not table.rows:
        problems.error("sin-metas", table.file, "no tiene ninguna meta; se esperaba una fila por meta", sheet=table.sheet)
    metas: dict[str, Meta] = {}
    rows: dict[str, int] = {}
    for row in table.rows:
        cells = Cells(table, row, problems)
        meta = _meta(cells, years, tree)
        if meta is None:
            continue
        for field in unify_spelling(meta, spellings):
            cells.warn("nombre-escrito-distinto", field, f'se escribe distinto en otras filas; se agrupa como "{getattr(meta, field)}"')
        if meta.codigo in metas:
            cells.error("codigo-repetido", "codigo_meta", f"el código de meta está repetido (ya está en la fila {rows[meta.codigo]})", meta.codigo)
            continue
        metas[meta.codigo], rows[meta.codigo] = meta, row.number
        if meta.codigo_padre in tree.nodes:
            tree.nodes[meta.codigo_padre].metas.append(meta)
    return metas


GROUPED_FIELDS = ("dependencia", "sector", "territorio")


class Spellings:
    """The first spelling seen of each name, per kind: "SECRETARIA DE SALUD" and
    "Secretaría de Salud" are one dependencia, "SGP" and "sgp" one fuente, wherever they
    are written (metas, reprogramaciones, presupuesto), so every stage groups alike."""

    def __init__(self) -> None:
        self._first: dict[tuple[str, str], str] = {}

    def of(self, kind: str, written: str) -> str:
        return self._first.setdefault((kind, name_key(written)), written) if written else written


def unify_spelling(meta: Meta, spellings: Spellings) -> list[str]:
    """Write the meta's grouped fields as first spelled; the fields that changed."""
    changed = []
    for field in GROUPED_FIELDS:
        written = getattr(meta, field)
        first = spellings.of(field, written)
        if first != written:
            setattr(meta, field, first)
            changed.append(field)
    return changed


def _meta(cells: Cells, years: list[int], tree: Tree) -> Meta | None:
    codigo = cells.get("codigo_meta", parse_code, "el código de la meta")
    padre = cells.get("codigo_padre", parse_code, "el código del nodo del que cuelga la meta")
    nombre = cells.get("meta", parse_text, "el texto de la meta")
    indicador = cells.get("indicador", parse_text, "el nombre del indicador")
    meta = Meta(
        codigo=codigo or "",
        codigo_padre=padre or "",
        nombre=nombre or "",
        indicador=indicador or "",
        meta_cuatrienio=cells.get("meta_cuatrienio", parse_non_negative),
        programado={y: cells.get(f"programado_{y}", parse_non_negative) or 0.0 for y in years},
        tipo=cells.get("tipo", parse_tipo) or "incremento",
        unidad=cells.get("unidad", parse_text) or "",
        linea_base=cells.get("linea_base", parse_non_negative),
        peso=cells.get("peso", parse_positive) or 1.0,
        dependencia=cells.get("dependencia", parse_text) or "",
        sector=cells.get("sector", parse_text) or "",
        territorio=cells.get("territorio", parse_text) or "",
        extra=cells.extra(METAS_FIELDS),
        source=cells.source(),
    )
    if padre:
        _check_parent(cells, padre, tree)
    if meta.tipo == "reduccion":
        _check_reduccion(cells, meta)
    if "dependencia" in cells.table.columns and not meta.dependencia and any(meta.programado.values()):
        cells.warn("meta-sin-dependencia", "dependencia", "la meta está programada y no tiene dependencia responsable")
    return meta if codigo else None


def parse_tipo(value: object) -> Tipo | None:
    """A tipo as an office writes it ("Incremento", "SUMA", "Último valor")."""
    word = parse_word(value, tuple(TIPO_SPELLINGS))
    return None if word is None else TIPO_SPELLINGS[word]


def _check_parent(cells: Cells, padre: str, tree: Tree) -> None:
    node = tree.nodes.get(padre)
    if node is None and tree.nodes:
        cells.error("nodo-inexistente", "codigo_padre", "no existe ese nodo en la estructura de plan.yml", padre)
    elif node is not None and node.children:
        cells.error("nodo-con-hijos", "codigo_padre", f"el nodo {padre} tiene nodos hijos; las metas se asignan solo a nodos del último nivel", padre)


def _check_reduccion(cells: Cells, meta: Meta) -> None:
    for column, message in reduccion_problems(meta):
        column = column if column in cells.table.columns else "tipo"
        cells.error("reduccion-inconsistente", column, message, cells.raw(column) if meta.linea_base is not None else None)


def reduccion_problems(meta: Meta) -> list[tuple[str, str]]:
    """(column, message) for each value of a reduccion meta that leaves its compliance
    undefined: lower is better, so the targets must be below the línea base."""
    base = meta.linea_base
    if base is None:
        return [("linea_base", "una meta de reducción necesita línea base; se esperaba un número en linea_base")]
    below = f"en una meta de reducción se esperaba un valor menor que la línea base ({number_text(base)})"
    found = [("meta_cuatrienio", below)] if meta.meta_cuatrienio is not None and meta.meta_cuatrienio >= base else []
    return found + [(f"programado_{year}", below) for year, programado in meta.programado.items() if programado > 0 and programado >= base]

