"""Tables and plan.yml to the domain model, with every problem located.

Nothing stops at the first problem: each check adds to `Problems` and goes on, so
the planning office fixes its files in one pass. A value that fails is left out of
the model; the model is only meaningful when no error was found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from .model import (
    DEFAULT_RANGOS, PROGRAMADO_COLUMN, ROOT, TIPOS, Corte, Meta, Node, Plan, Rango, Reporte, Source, parse_corte_id,
)
from .problems import Problems, number_text
from .read.cells import (
    CellError,
    parse_code,
    parse_non_negative,
    parse_number,
    parse_positive,
    parse_text,
    parse_url,
    parse_word,
    parse_year,
)
from .read.table import Row, Table, canonical_name
from .read.yaml_file import KeyPath, YamlDoc, key_path

MAX_NIVELES = 5
MAX_YEARS = 20
OVER_EXECUTION = 2.0  # ejecutado above this many times programado earns an aviso
PLAN_KEYS = {
    "nombre", "entidad", "periodo", "demo", "niveles", "vigencias", "rangos", "estructura",
    "licencia", "descripcion", "hojas", "mapeo",
}
NODE_KEYS = {"codigo", "nombre", "peso", "descripcion", "hijos"}
RANGO_KEYS = {"nombre", "desde", "color"}
METAS_REQUIRED = ("codigo_meta", "codigo_padre", "meta", "indicador", "meta_cuatrienio")
# Columns with a field of Meta / Reporte; any other column is kept in `extra`.
METAS_FIELDS = set(METAS_REQUIRED) | {"unidad", "linea_base", "tipo", "peso", "dependencia", "sector", "territorio"}
METAS_NAMED_EXTRAS = {"ods", "programa"}  # named by the contract, kept in `extra`
AVANCES_REQUIRED = ("codigo_meta", "vigencia", "ejecutado")
AVANCES_FIELDS = set(AVANCES_REQUIRED) | {"observaciones", "evidencia", "recursos_programados", "recursos_ejecutados"}
_HTML_TAG = re.compile(r"<[a-zA-Z/!?]")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


def corte_id(name: str) -> str | None:
    """ "2021-T3" (also "2021-t3") as the corte id "2021-T3"; None if it is not one."""
    parts = parse_corte_id(name)
    return f"{parts[0]:04d}-T{parts[1]}" if parts else None


def metas_columns(years: list[int]) -> set[str]:
    """Canonical columns a metas header row is recognised by."""
    return METAS_FIELDS | METAS_NAMED_EXTRAS | {f"programado_{y}" for y in years}


def avances_columns() -> set[str]:
    return set(AVANCES_FIELDS)


# ---------------------------------------------------------------- plan.yml


@dataclass
class _Yaml:
    """plan.yml with the problems found in it, each at its line and key path."""

    doc: YamlDoc
    problems: Problems

    def error(self, path: KeyPath, message: str, value: object = None) -> None:
        self.problems.error(self.doc.file, message, row=self.doc.line(path), column=key_path(path) or None, value=value)

    def warn(self, path: KeyPath, message: str) -> None:
        self.problems.warn(self.doc.file, message, row=self.doc.line(path), column=key_path(path) or None)

    def parsed(self, path: KeyPath, value: object, parse: Callable) -> object:
        try:
            return parse(value)
        except CellError as exc:
            self.error(path, exc.message, value=value)
            return None

    def text(self, path: KeyPath, value: object, required: bool = False, html: bool = False) -> str:
        if value is None or value == "":
            if required:
                self.error(path, "falta; se esperaba un texto")
            return ""
        if isinstance(value, (dict, list)):
            self.error(path, "se esperaba un texto, no una lista ni un grupo de claves")
            return ""
        text = parse_text(value)
        if html and _HTML_TAG.search(text):
            self.error(path, "contiene HTML; se esperaba texto o Markdown sin etiquetas como <b> o <script>")
        return text


@dataclass
class _Header:
    nombre: str
    entidad: str
    periodo: tuple[int, int]
    niveles: list[str]
    vigencias: dict[int, float]
    rangos: list[Rango]
    demo: bool
    licencia: str
    descripcion: str


def _header(y: _Yaml) -> _Header | None:
    data = y.doc.data
    for key in sorted(set(data) - PLAN_KEYS, key=str):
        y.warn((str(key),), f"clave desconocida, se ignora; las claves de plan.yml son: {', '.join(sorted(PLAN_KEYS))}")
    for key in ("nombre", "periodo", "niveles", "estructura"):
        if key not in data:
            y.error((), f'falta la clave "{key}", que es obligatoria')
    nombre = y.text(("nombre",), data.get("nombre"), required="nombre" in data)
    periodo = _periodo(y, data.get("periodo")) if "periodo" in data else None
    niveles = _niveles(y, data.get("niveles")) if "niveles" in data else None
    header = _Header(
        nombre=nombre,
        entidad=y.text(("entidad",), data.get("entidad")),
        periodo=periodo or (0, 0),
        niveles=niveles or [],
        vigencias=_vigencias(y, data.get("vigencias"), periodo),
        rangos=_rangos(y, data.get("rangos")),
        demo=_flag(y, ("demo",), data.get("demo", False)),
        licencia=y.text(("licencia",), data.get("licencia")) or "CC BY 4.0",
        descripcion=y.text(("descripcion",), data.get("descripcion"), html=True),
    )
    _check_hojas(y, data.get("hojas"))
    return header if nombre and periodo and niveles else None


def _periodo(y: _Yaml, value: object) -> tuple[int, int] | None:
    path = ("periodo",)
    if not isinstance(value, list) or len(value) != 2:
        y.error(path, "se esperaban dos años, el primero y el último del plan, p. ej. [2020, 2023]", value=value)
        return None
    years = [y.parsed(path + (i,), v, parse_year) for i, v in enumerate(value)]
    if None in years:
        return None
    start, end = years
    if start > end:
        y.error(path, "el primer año es posterior al último; se esperaba, p. ej., [2020, 2023]", value=value)
        return None
    if end - start + 1 > MAX_YEARS:
        y.error(path, f"el periodo tiene más de {MAX_YEARS} años", value=value)
        return None
    return start, end


def _niveles(y: _Yaml, value: object) -> list[str] | None:
    path = ("niveles",)
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_NIVELES:
        y.error(path, f"se esperaba una lista de 1 a {MAX_NIVELES} nombres de nivel, del más alto al más bajo")
        return None
    names = [y.text(path + (i,), v, required=True) for i, v in enumerate(value)]
    return names if all(names) else None


def _vigencias(y: _Yaml, value: object, periodo: tuple[int, int] | None) -> dict[int, float]:
    years = list(range(periodo[0], periodo[1] + 1)) if periodo else []
    if value is None:
        return {year: 1.0 for year in years}
    path = ("vigencias",)
    if not isinstance(value, dict):
        y.error(path, "se esperaba el peso de cada año, p. ej. {2020: 10, 2021: 30}")
        return {}
    weights: dict[int, float] = {}
    for key, weight in value.items():
        year = y.parsed(path + (str(key),), key, parse_year)
        peso = y.parsed(path + (str(key),), weight, parse_positive)
        if year is None or peso is None:
            continue
        if years and year not in years:
            y.error(path + (str(key),), f"la vigencia está fuera del periodo del plan ({years[0]}-{years[-1]})", value=key)
        weights[year] = peso
    for year in years:
        if year not in weights and not any(str(k) == str(year) for k in value):
            y.error(path, f"falta el peso de la vigencia {year}; se esperaba un peso para cada año del periodo")
    return weights


def _rangos(y: _Yaml, value: object) -> list[Rango]:
    if value is None:
        return list(DEFAULT_RANGOS)
    path = ("rangos",)
    if not isinstance(value, list) or not value:
        y.error(path, "se esperaba una lista de rangos con nombre, desde y color")
        return list(DEFAULT_RANGOS)
    rangos = [r for i, item in enumerate(value) if (r := _rango(y, path + (i,), item))]
    desdes = [r.desde for r in rangos]
    if len(rangos) == len(value) and 0 not in desdes:
        y.error(path, "falta un rango con desde: 0; se esperaba que el rango más bajo empiece en 0")
    for repeated in sorted({d for d in desdes if desdes.count(d) > 1}):
        y.error(path, f"hay dos rangos con desde: {number_text(repeated)}; se esperaba un valor distinto en cada uno")
    return sorted(rangos, key=lambda r: r.desde, reverse=True)


def _rango(y: _Yaml, path: KeyPath, item: object) -> Rango | None:
    if not isinstance(item, dict):
        y.error(path, "se esperaba un rango con nombre, desde y color, p. ej. {nombre: Bajo, desde: 0, color: \"#b3261e\"}")
        return None
    for key in sorted(set(map(str, item)) - RANGO_KEYS):
        y.warn(path + (key,), "clave desconocida en un rango, se ignora")
    nombre = y.text(path + ("nombre",), item.get("nombre"), required=True)
    desde = y.parsed(path + ("desde",), item.get("desde"), parse_number)
    if desde is None and item.get("desde") is None:
        y.error(path + ("desde",), "falta; se esperaba un porcentaje de 0 a 100")
    elif desde is not None and not 0 <= desde <= 100:
        y.error(path + ("desde",), "se esperaba un porcentaje de 0 a 100", value=item.get("desde"))
        desde = None
    color = str(item.get("color") or "")
    if not _COLOR.fullmatch(color):
        y.error(path + ("color",), 'se esperaba un color como "#1b7f3b" (numeral y seis cifras hexadecimales)', value=color)
    if nombre and desde is not None and _COLOR.fullmatch(color):
        return Rango(nombre, desde, color.lower())
    return None


def _flag(y: _Yaml, path: KeyPath, value: object) -> bool:
    if isinstance(value, bool):
        return value
    y.error(path, "se esperaba true o false", value=value)
    return False


def _check_hojas(y: _Yaml, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        y.error(("hojas",), 'se esperaba el nombre de la hoja de cada archivo, p. ej. {metas: "Plan Indicativo"}')
        return
    for key, sheet in value.items():
        if str(key) not in ("metas", "avances"):
            y.warn(("hojas", str(key)), "clave desconocida, se ignora; se esperaba metas o avances")
        elif not isinstance(sheet, str) or not sheet.strip():
            y.error(("hojas", str(key)), "se esperaba el nombre de una hoja, entre comillas", value=sheet)


def sheet_for(plan_yml: object, kind: str) -> str | None:
    """The sheet plan.yml names for "metas" or "avances", if it names a valid one."""
    hojas = plan_yml.get("hojas") if isinstance(plan_yml, dict) else None
    sheet = hojas.get(kind) if isinstance(hojas, dict) else None
    return sheet if isinstance(sheet, str) and sheet.strip() else None


# ---------------------------------------------------------------- the tree


@dataclass
class _Tree:
    roots: list[Node] = field(default_factory=list)
    nodes: dict[str, Node] = field(default_factory=dict)
    paths: dict[str, KeyPath] = field(default_factory=dict)


def _tree(y: _Yaml, niveles: list[str]) -> _Tree:
    tree = _Tree()
    estructura = y.doc.data.get("estructura")
    if not isinstance(estructura, list) or not estructura:
        y.error(("estructura",), "se esperaba una lista de nodos con codigo, nombre e hijos")
        return tree
    tree.roots = _nodes(y, tree, niveles, estructura, ("estructura",), None)
    return tree


def _nodes(y: _Yaml, tree: _Tree, niveles: list[str], items: list, path: KeyPath, parent: Node | None) -> list[Node]:
    depth = parent.nivel + 1 if parent else 0
    nodes = []
    for index, item in enumerate(items):
        here = path + (index,)
        if not isinstance(item, dict):
            y.error(here, "se esperaba un nodo con codigo, nombre e hijos")
            continue
        node = _node(y, tree, item, here, depth, parent)
        if node is None:
            continue
        nodes.append(node)
        hijos = item.get("hijos")
        if _depth_ok(y, niveles, node, hijos, here):
            node.children = _nodes(y, tree, niveles, hijos, here + ("hijos",), node) if hijos else []
    return nodes


def _node(y: _Yaml, tree: _Tree, item: dict, path: KeyPath, depth: int, parent: Node | None) -> Node | None:
    for key in sorted(set(map(str, item)) - NODE_KEYS):
        y.warn(path + (key,), f"clave desconocida en un nodo, se ignora; se esperaba una de: {', '.join(sorted(NODE_KEYS))}")
    codigo = _node_code(y, path + ("codigo",), item.get("codigo"))
    nombre = y.text(path + ("nombre",), item.get("nombre"), required=True)
    peso = y.parsed(path + ("peso",), item.get("peso"), parse_positive)
    descripcion = y.text(path + ("descripcion",), item.get("descripcion"), html=True)
    if codigo is None:
        return None
    if codigo.upper() == ROOT:
        y.error(path + ("codigo",), f'"{ROOT}" es un código reservado para el plan completo; use otro código')
        return None
    if codigo in tree.nodes:
        first = y.doc.line(tree.paths[codigo] + ("codigo",))
        y.error(path + ("codigo",), f"el código está repetido (ya lo usa el nodo de la línea {first})", value=codigo)
        return None
    node = Node(
        codigo=codigo, nombre=nombre, nivel=depth, peso=1.0 if peso is None else peso,
        descripcion=descripcion, codigo_padre=parent.codigo if parent else None,
    )
    tree.nodes[codigo], tree.paths[codigo] = node, path
    return node


def _node_code(y: _Yaml, path: KeyPath, value: object) -> str | None:
    if isinstance(value, float):
        y.error(path, 'YAML lo leyó como un número decimal; escriba el código entre comillas, p. ej. codigo: "1.10"', value=value)
        return None
    if isinstance(value, (dict, list)):
        y.error(path, "se esperaba un código como texto, p. ej. \"1.A\"")
        return None
    code = y.parsed(path, value, parse_code)
    if not code:
        y.error(path, "falta el código del nodo; se esperaba un texto, p. ej. \"1.A\"")
    return code or None


def _depth_ok(y: _Yaml, niveles: list[str], node: Node, hijos: object, path: KeyPath) -> bool:
    """Every branch has exactly len(niveles) levels; metas hang from the last one."""
    last = len(niveles) - 1
    if hijos is not None and not isinstance(hijos, list):
        y.error(path + ("hijos",), "se esperaba una lista de nodos")
        return False
    if node.nivel < last and not hijos:
        y.error(path, f'el nodo {node.codigo} es del nivel "{niveles[node.nivel]}" y no tiene hijos; '
                f"se esperaban {len(niveles)} niveles ({', '.join(niveles)}) en cada rama")
        return False
    if node.nivel >= last and hijos:
        y.error(path + ("hijos",), f'el nodo {node.codigo} es del último nivel ("{niveles[last]}") y no puede tener hijos; '
                f"plan.yml declara {len(niveles)} niveles en niveles")
        return False
    return True


# ---------------------------------------------------------------- tables


@dataclass
class Cells:
    """Reads the cells of one table row, adding a located problem for each bad one."""

    table: Table
    row: Row
    problems: Problems

    def raw(self, column: str) -> object:
        return self.row.cells.get(column)

    def get(self, column: str, parse: Callable, required: str = "") -> object:
        """The parsed cell; None when the column is absent, the cell blank or wrong.
        `required` says what was expected, and makes a blank cell a problem."""
        if column not in self.table.columns:
            return None
        try:
            value = parse(self.raw(column))
        except CellError as exc:
            self.error(column, exc.message, self.raw(column))
            return None
        if (value is None or value == "") and required:
            self.error(column, f"la celda está vacía; se esperaba {required}")
        return value

    def error(self, column: str, message: str, value: object = None) -> None:
        self.problems.error(self.table.file, message, value=value, **self.table.where(self.row, column))

    def warn(self, column: str, message: str) -> None:
        self.problems.warn(self.table.file, message, value=self.raw(column), **self.table.where(self.row, column))

    def extra(self, known: set[str]) -> dict[str, str]:
        return {
            self.table.columns.get(name, name): parse_text(value)
            for name, value in self.row.cells.items()
            if name not in known and not PROGRAMADO_COLUMN.fullmatch(name) and parse_text(value)
        }

    def source(self) -> Source:
        return Source(self.table.file, self.table.sheet, self.row.number)


def missing_columns(table: Table, required: list[str], problems: Problems) -> None:
    missing = [c for c in required if c not in table.columns]
    if missing:
        found = ", ".join(table.columns.values()) or "ninguna"
        problems.error(
            table.file, f"faltan columnas obligatorias: {', '.join(missing)}. Las columnas del archivo son: {found}",
            sheet=table.sheet, row=table.header_row,
        )


def _metas(table: Table, years: list[int], tree: _Tree, spellings: Spellings, problems: Problems) -> dict[str, Meta]:
    required = list(METAS_REQUIRED) + [f"programado_{y}" for y in years]
    missing_columns(table, required, problems)
    for name, written in table.columns.items():
        match = PROGRAMADO_COLUMN.fullmatch(name)
        if match and years and int(match[1]) not in years:
            problems.error(table.file, f"la vigencia {match[1]} está fuera del periodo del plan ({years[0]}-{years[-1]})",
                           sheet=table.sheet, row=table.header_row, column=written)
    if not table.rows:
        problems.error(table.file, "no tiene ninguna meta; se esperaba una fila por meta", sheet=table.sheet)
    metas: dict[str, Meta] = {}
    rows: dict[str, int] = {}
    for row in table.rows:
        cells = Cells(table, row, problems)
        meta = _meta(cells, years, tree)
        if meta is None:
            continue
        for field in unify_spelling(meta, spellings):
            cells.warn(field, f'se escribe distinto en otras filas; se agrupa como "{getattr(meta, field)}"')
        if meta.codigo in metas:
            cells.error("codigo_meta", f"el código de meta está repetido (ya está en la fila {rows[meta.codigo]})", meta.codigo)
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
        return self._first.setdefault((kind, canonical_name(written)), written) if written else written


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


def _meta(cells: Cells, years: list[int], tree: _Tree) -> Meta | None:
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
        tipo=cells.get("tipo", lambda v: parse_word(v, TIPOS)) or "incremento",
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
        cells.warn("dependencia", "la meta está programada y no tiene dependencia responsable")
    return meta if codigo else None


def _check_parent(cells: Cells, padre: str, tree: _Tree) -> None:
    node = tree.nodes.get(padre)
    if node is None and tree.nodes:
        cells.error("codigo_padre", "no existe ese nodo en la estructura de plan.yml", padre)
    elif node is not None and node.children:
        cells.error("codigo_padre", f"el nodo {padre} tiene nodos hijos; las metas se asignan solo a nodos del último nivel", padre)


def _check_reduccion(cells: Cells, meta: Meta) -> None:
    for column, message in reduccion_problems(meta):
        column = column if column in cells.table.columns else "tipo"
        cells.error(column, message, cells.raw(column) if meta.linea_base is not None else None)


def reduccion_problems(meta: Meta) -> list[tuple[str, str]]:
    """(column, message) for each value of a reduccion meta that leaves its compliance
    undefined: lower is better, so the targets must be below the línea base."""
    base = meta.linea_base
    if base is None:
        return [("linea_base", "una meta de reducción necesita línea base; se esperaba un número en linea_base")]
    below = f"en una meta de reducción se esperaba un valor menor que la línea base ({number_text(base)})"
    found = [("meta_cuatrienio", below)] if meta.meta_cuatrienio is not None and meta.meta_cuatrienio >= base else []
    return found + [(f"programado_{year}", below) for year, programado in meta.programado.items() if programado > 0 and programado >= base]


def _corte(corte: Corte, tables: list[Table], years: list[int], metas: dict[str, Meta] | None,
           problems: Problems, check_execution: bool) -> None:
    """Fill `corte` from its tables (one file, or one per dependencia)."""
    where: dict[str, tuple[Table, Row]] = {}
    for table in tables:
        missing_columns(table, list(AVANCES_REQUIRED), problems)
        corte.files.append(table.file)
        for row in table.rows:
            cells = Cells(table, row, problems)
            reporte = _reporte(cells, corte, years, metas, check_execution)
            if reporte is None:
                continue
            if reporte.codigo_meta in where:
                first_table, first_row = where[reporte.codigo_meta]
                place = "" if first_table is table else f"{first_table.file}, "
                cells.error("codigo_meta", f"la meta ya está reportada en este corte ({place}fila {first_row.number}); "
                            "se esperaba una sola fila por meta", reporte.codigo_meta)
                continue
            where[reporte.codigo_meta] = (table, row)
            corte.reportes[reporte.codigo_meta] = reporte


def _reporte(cells: Cells, corte: Corte, years: list[int], metas: dict[str, Meta] | None, check: bool) -> Reporte | None:
    codigo = cells.get("codigo_meta", parse_code, "el código de la meta")
    vigencia = cells.get("vigencia", parse_year, "el año de la vigencia")
    ejecutado = cells.get("ejecutado", parse_non_negative)
    reporte = Reporte(
        codigo_meta=codigo or "",
        vigencia=vigencia or corte.vigencia,
        ejecutado=ejecutado or 0.0,
        observaciones=cells.get("observaciones", parse_text) or "",
        evidencia=cells.get("evidencia", parse_url) or "",
        recursos_programados=cells.get("recursos_programados", parse_non_negative),
        recursos_ejecutados=cells.get("recursos_ejecutados", parse_non_negative),
        extra=cells.extra(AVANCES_FIELDS),
        source=cells.source(),
    )
    meta = metas.get(codigo) if metas is not None and codigo else None
    if codigo and metas is not None and meta is None:
        cells.error("codigo_meta", "no existe esa meta en el archivo de metas", codigo)
    if check_vigencia(cells, vigencia, corte, years) and check and meta is not None and ejecutado is not None:
        _check_execution(cells, meta, reporte)
    # A row with an empty ejecutado is a meta not reported yet: "sin reporte".
    return reporte if codigo and ejecutado is not None else None


def check_vigencia(cells: Cells, vigencia: int | None, corte: Corte, years: list[int]) -> bool:
    """A row's vigencia must be the corte's year, inside the period; False (and a problem) if not."""
    if vigencia is not None and years and vigencia not in years:
        cells.error("vigencia", f"la vigencia está fuera del periodo del plan ({years[0]}-{years[-1]})", vigencia)
    elif vigencia is not None and vigencia != corte.vigencia:
        cells.error("vigencia", f"el corte {corte.id} es del año {corte.vigencia}; se esperaba la vigencia {corte.vigencia}", vigencia)
    else:
        return True
    return False


def _check_execution(cells: Cells, meta: Meta, reporte: Reporte) -> None:
    """Execution above what was programmed (PE-P-004 asks to review it before publishing)."""
    programado = meta.programado_en(reporte.vigencia)
    if programado <= 0 and reporte.ejecutado > 0:
        cells.warn("ejecutado", f"la meta {meta.codigo} no está programada en {reporte.vigencia} y reporta avance")
    elif meta.tipo != "reduccion" and reporte.ejecutado > OVER_EXECUTION * programado > 0:
        cells.warn("ejecutado", f"es más del doble de lo programado para {reporte.vigencia} ({number_text(programado)}); revise el valor")
    elif meta.tipo != "reduccion" and reporte.ejecutado > programado > 0:
        cells.warn("ejecutado", f"supera lo programado para {reporte.vigencia} ({number_text(programado)}): la meta queda "
                   "sobreejecutada; confirme el valor")
    spent, budget = reporte.recursos_ejecutados, reporte.recursos_programados
    if spent is not None and budget is not None and spent > budget:
        cells.warn("recursos_ejecutados", f"los recursos ejecutados superan los programados ({pesos(budget)}); revise el valor")


def pesos(amount: float) -> str:
    """An amount of money for a message, as a Colombian office writes it: $1.234.567."""
    return "$" + f"{amount:,.0f}".replace(",", ".")


# ---------------------------------------------------------------- the plan


@dataclass
class PlanFiles:
    """What the readers produced for one plan folder."""

    slug: str
    source_dir: str
    doc: YamlDoc
    metas: Table | None  # None when the file could not be read (already a problem)
    cortes: dict[str, list[Table]] = field(default_factory=dict)  # "2021-T3" -> tables
    presupuesto: dict[str, list[Table]] = field(default_factory=dict)  # "2021-T3" -> tables
    reprogramaciones: Table | None = None  # None when the plan has none


def validate_plan(files: PlanFiles) -> tuple[Plan | None, Problems]:
    """The validated plan (None if plan.yml is too broken to build one) and every problem."""
    problems = Problems()
    y = _Yaml(files.doc, problems)
    if not isinstance(files.doc.data, dict):
        y.error((), "se esperaba un grupo de claves (nombre, periodo, niveles, estructura...)")
        return None, problems
    header = _header(y)
    tree = _tree(y, header.niveles) if header else _Tree()
    years = list(range(header.periodo[0], header.periodo[1] + 1)) if header else []
    # Circular otherwise: these modules read their rows with this module's Cells.
    from .read.presupuesto import attach_presupuesto
    from .read.reprogramaciones import apply_reprogramaciones

    spellings = Spellings()
    metas = _metas(files.metas, years, tree, spellings, problems) if files.metas is not None else None
    reprogramaciones = []
    if files.reprogramaciones is not None and metas is not None:
        # Before the cortes: execution is checked against the values in force.
        reprogramaciones = apply_reprogramaciones(files.reprogramaciones, metas, years, problems)
        for meta in metas.values():
            unify_spelling(meta, spellings)  # a new dependencia may be an old one respelled
    cortes = _cortes(files.cortes, years, metas, problems)
    attach_presupuesto(files.presupuesto, cortes, years, metas, spellings, problems)
    if header is None:
        return None, problems
    if metas is not None:
        _warn_empty_leaves(y, tree)
    plan = Plan(
        slug=files.slug, nombre=header.nombre, entidad=header.entidad, periodo=header.periodo,
        niveles=header.niveles, vigencias=header.vigencias, rangos=header.rangos, roots=tree.roots,
        metas=metas or {}, cortes=cortes, reprogramaciones=reprogramaciones, demo=header.demo, licencia=header.licencia,
        descripcion=header.descripcion, source_dir=files.source_dir,
    )
    return plan, problems


def _cortes(tables: dict[str, list[Table]], years: list[int], metas: dict[str, Meta] | None, problems: Problems) -> list[Corte]:
    tables = dict(tables)
    for wrong in [i for i in tables if corte_id(i) != i]:
        problems.error(tables.pop(wrong)[0].file, f"{wrong} no es un corte; se esperaba AAAA-TN, p. ej. 2021-T3")
    cortes = sorted((Corte(id=i, vigencia=int(i[:4]), trimestre=int(i[-1])) for i in tables), key=lambda c: c.sort_key)
    latest = {c.vigencia: c for c in cortes}  # execution avisos only there: once per meta and year
    for corte in cortes:
        if years and corte.vigencia not in years:
            problems.error(tables[corte.id][0].file, f"el corte {corte.id} está fuera del periodo del plan ({years[0]}-{years[-1]})")
        _corte(corte, tables[corte.id], years, metas, problems, latest[corte.vigencia] is corte)
    return cortes


def _warn_empty_leaves(y: _Yaml, tree: _Tree) -> None:
    for codigo, node in tree.nodes.items():
        if node.is_leaf and not node.metas:
            y.warn(tree.paths[codigo], f"el nodo {codigo} no tiene metas en el archivo de metas")
