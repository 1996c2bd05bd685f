"""The `mapeo:` section of plan.yml, read into plain dataclasses.

Only the shape is checked here (keys, types, references that can be checked without
the workbook); every problem names its key path in plan.yml, e.g.
`mapeo.niveles[0].codigo`. What the workbook holds is checked by mapping_sheet.
See MAPEO.md at the repository root for the documentation of every key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import re2

from generator.contract import PROGRAMADO_COLUMN, parse_corte_id
from generator.names import canonical_name
from generator.problems import Problem, Problems

MAX_HEADER_SEARCH = 20

MAPEO_KEYS = {
    "archivo", "hoja", "hojas", "fila_encabezado", "niveles", "columnas", "valores",
    "vigencias", "cada_vigencia", "cortes", "nombres", "columnas_desde", "fila_por_grupo", "libros", "omitir_filas",
}
# What each book of `libros` may say for itself; the rest is the plan's, in `mapeo`.
BOOK_KEYS = {
    "archivo", "hoja", "hojas", "fila_encabezado", "columnas", "vigencias", "cada_vigencia", "cortes",
    "columnas_desde", "fila_por_grupo", "omitir_filas",
}
SHEET_KEYS = {
    "nombre", "fila_encabezado", "columnas", "vigencias", "cada_vigencia", "niveles", "columnas_desde", "fila_por_grupo", "omitir_filas",
}
# Where a value may come from instead of a column: a fixed text, a cell of the sheet,
# the sheet's name, or the first cell of the title rows (above the header) a pattern finds.
SOURCE_KEYS = ("valor", "celda", "hoja", "titulo")
LEVEL_KEYS = {"nombre", "codigo", "patron", "formato", "peso", "rellenar", *SOURCE_KEYS}
COLUMN_KEYS = {"columna", "formato", "si_no_es_numero", *SOURCE_KEYS}
_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$")
VIGENCIA_KEYS = {
    "programado", "verificar_programado", "estado", "ejecutado", "trimestres", "corte",
    "observaciones", "evidencia", "recursos_programados", "recursos_comprometidos", "recursos_ejecutados", "columnas", "peso",
}
TRIMESTRE_KEYS = {"ejecutado", "programado", "acumulados"}
AVANCE_FIELDS = ("observaciones", "evidencia", "recursos_programados", "recursos_comprometidos", "recursos_ejecutados")

# Patterns run on RE2, which has no backtracking: matching takes time linear in the
# text whatever the pattern (Python's re hangs on `(a+)+$`). RE2 logs its errors to
# stderr unless told not to; `.` also matches a line break, as re.DOTALL did.
_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False
_RE2_OPTIONS.dot_nl = True
_RE2_UNSUPPORTED = (
    "no es una expresión regular válida, o usa algo que no se admite: referencias a un grupo (\\1), "
    "miradas adelante o atrás ((?=...), (?!...), (?<=...), (?<!...)) o repeticiones de más de 1000 ({1001}); "
    "se admiten grupos (...) y (?P<codigo>...), clases [...], alternativas | y repeticiones *, +, ? y {n,m}"
)

# A code at the start of a "code + name" cell: "1.2 Educación", "3. Salud", "1.A - Agua".
DEFAULT_CODE_PATTERN = r"^\s*(?P<codigo>\d+(?:\.[0-9A-Za-z]+)*)\s*[.)\-–:]?\s+(?P<nombre>\S.*)$"

# Words a "programada / no programada" flag column may hold, before `valores.estado`.
DEFAULT_ESTADO = {
    "p": "programada", "programada": "programada", "programado": "programada", "si": "programada",
    "np": "no_programada", "no_programada": "no_programada", "no_programado": "no_programada", "no": "no_programada",
}


@dataclass
class ColumnSpec:
    """Where a field is: a column reference plus optional transformations."""

    ref: str  # "HEADER", "HEADER#2" or "col:AB"; for another source, how messages name it
    key: str  # key path in plan.yml, for messages
    source: str = "columna"  # or one of SOURCE_KEYS: the same value on every row of a sheet
    arg: object = None  # the text (valor), (row, column) from 0 (celda) or compiled pattern (titulo)
    formato: str | None = None  # e.g. "{padre}-{codigo}" for codigo_meta
    numero_opcional: bool = False  # si_no_es_numero: aviso


@dataclass
class LevelSpec:
    nombre: ColumnSpec
    codigo: str  # "columna", "desde_nombre" or "generado"
    codigo_col: ColumnSpec | None = None
    patron: object = None  # compiled by re2.compile, or None
    formato: str | None = None
    peso: ColumnSpec | None = None
    rellenar: bool = True
    key: str = ""
    label: str = ""  # the level's name in plan.yml niveles ("programa"), for messages


@dataclass
class VigenciaSpec:
    year: int
    programado: ColumnSpec | None = None
    verificar_programado: ColumnSpec | None = None
    estado: ColumnSpec | None = None
    ejecutado: ColumnSpec | None = None
    trim_ejecutado: list[ColumnSpec | None] = field(default_factory=list)  # index 0 = T1
    trim_programado: list[ColumnSpec | None] = field(default_factory=list)
    acumulados: bool = False
    corte: int = 4  # quarter of the corte a yearly column gives
    avance: dict[str, ColumnSpec] = field(default_factory=dict)  # observaciones... and extra columns
    peso: float | None = None
    key: str = ""


@dataclass
class SheetSpec:
    nombre: str | None  # None: the first visible sheet
    fila_encabezado: int | None
    columnas: dict[str, ColumnSpec]
    vigencias: dict[int, VigenciaSpec]
    key: str
    niveles: list[LevelSpec] = field(default_factory=list)
    columnas_desde: int = 0  # headers are looked for from this column on (index from 0)
    fila_por_grupo: bool = False  # one row per group merged in the meta code column
    omitir_filas: frozenset[int] = frozenset()  # Excel row numbers the office asks to leave out


@dataclass
class MapConfig:
    archivo: str
    sheets: list[SheetSpec]
    niveles: list[LevelSpec]
    valores: dict[str, dict[str, object]]  # canonical field -> canonical word -> value
    years: list[int]
    cortes: set[str] | None
    nombres: dict[str, str] = field(default_factory=dict)  # node code -> name the book gets wrong


def column_index(letters: str) -> int:
    """A -> 0, Z -> 25, AA -> 26."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


class _Reader:
    """Reads the mapping dict, adding a problem at plan.yml for each bad key."""

    def __init__(self, yml_file: str, problems: Problems, book: tuple[str, set[str]] | None = None):
        self.file = yml_file
        self.problems = problems
        self.book = book  # with `libros`: the book's key ("mapeo.libros[1]") and the keys it gives

    def error(self, codigo: str, key: str, message: str, value: object = None) -> None:
        if self.book is not None and key.startswith("mapeo."):
            own, given = self.book
            if re.split(r"[.\[]", key[len("mapeo."):])[0] in given:
                key = own + key[len("mapeo"):]
        problem = Problem(file=self.file, message=message, column=key, value=value, codigo=codigo)
        if problem not in self.problems.items:  # a plan-wide key read once per book: one message
            self.problems.add(problem)

    def keys(self, data: dict, allowed: set[str], key: str) -> None:
        for name in data:
            if name not in allowed:
                self.error("clave-desconocida", f"{key}.{name}", f"clave desconocida en el mapeo; las claves admitidas aquí son: {', '.join(sorted(allowed))}")

    def column(self, value: object, key: str) -> ColumnSpec | None:
        if value is None:
            return None
        if isinstance(value, dict):
            self.keys(value, COLUMN_KEYS, key)
            given = [k for k in ("columna", *SOURCE_KEYS) if k in value]
            if len(given) > 1:
                self.error("claves-incompatibles", key, f"dice a la vez {' y '.join(given)}: el valor sale de una sola parte")
                return None
            spec = self.source(value, given[0], key) if given and given[0] != "columna" else self.column(value.get("columna"), f"{key}.columna")
            if spec is None:
                if not given:
                    self.error("clave-faltante", key, 'falta "columna": el encabezado de la columna, p. ej. columna: "L.B#2" '
                               "(o valor, celda, hoja o titulo)")
                return None
            spec.formato = self.text(value.get("formato"), f"{key}.formato")
            mode = value.get("si_no_es_numero")
            if mode not in (None, "error", "aviso"):
                self.error("valor-no-valido", f"{key}.si_no_es_numero", 'se esperaba "error" (lo normal) o "aviso"', mode)
            spec.numero_opcional = mode == "aviso"
            spec.key = key if spec.source == "columna" else spec.key
            return spec
        if isinstance(value, bool) or isinstance(value, (list, float)):
            self.error("valor-no-valido", key, 'se esperaba el encabezado de una columna como texto, p. ej. "META DE PRODUCTO", "L.B#2" o "col:T"', value)
            return None
        return ColumnSpec(ref=str(value), key=key)

    def source(self, data: dict, name: str, key: str) -> ColumnSpec | None:
        """A value that is not in a column: the same on every row of the sheet."""
        value, key = data[name], f"{key}.{name}"
        if name == "valor":
            if value is None or isinstance(value, (dict, list, bool)):
                self.error("valor-no-valido", key, 'se esperaba el texto que vale para todas las filas, p. ej. valor: "1. Desarrollo social"', value)
                return None
            return ColumnSpec(ref=f'valor "{value}"', key=key, source=name, arg=value)
        if name == "celda":
            match = _CELL.fullmatch(str(value).strip()) if isinstance(value, str) else None
            if match is None:
                self.error("valor-no-valido", key, "se esperaba una celda de Excel, p. ej. celda: A1", value)
                return None
            letters = match[1].upper()
            return ColumnSpec(ref=f"celda {letters}{match[2]}", key=key, source=name, arg=(int(match[2]) - 1, column_index(letters)))
        if name == "hoja":
            if value is not True:
                self.error("valor-no-valido", key, "se esperaba hoja: true (el valor es el nombre de la hoja)", value)
                return None
            return ColumnSpec(ref="nombre de la hoja", key=key, source=name)
        pattern = self.pattern(value, key, "valor")
        return None if pattern is None else ColumnSpec(ref="título de la hoja", key=key, source=name, arg=pattern)

    def pattern(self, text: object, key: str, group: str) -> object:
        """A pattern compiled by RE2; `group`: the named group it may use ("codigo"
        demands it or a plain group, "valor" accepts any pattern)."""
        try:
            pattern = re2.compile(str(text), options=_RE2_OPTIONS)
        except re2.error:
            self.error("patron-no-admitido", key, _RE2_UNSUPPORTED, text)
            return None
        if group == "codigo" and "codigo" not in pattern.groupindex and pattern.groups < 1:
            self.error("valor-no-valido", key, "el patrón debe tener un grupo (?P<codigo>...) o al menos un grupo entre paréntesis", text)
            return None
        return pattern

    def group(self, value: object, key: str, expected: str) -> dict:
        """A group of keys, or {} (with an error when it is something else)."""
        if value is None or isinstance(value, dict):
            return value or {}
        self.error("valor-no-valido", key, f"se esperaba {expected}")
        return {}

    def text(self, value: object, key: str) -> str | None:
        if value is None:
            return None
        if isinstance(value, (dict, list)):
            self.error("valor-no-valido", key, "se esperaba un texto")
            return None
        return str(value)

    def first_column(self, value: object, key: str) -> int:
        """`columnas_desde: T`: the index of the first column of the block, from 0."""
        if value is None:
            return 0
        match = re.fullmatch(r"(?:col:\s*)?([A-Za-z]{1,3})", str(value).strip())
        if match is None:
            self.error("valor-no-valido", key, "se esperaba la letra de la primera columna del bloque, p. ej. columnas_desde: T", value)
            return 0
        return column_index(match[1])

    def flag(self, value: object, key: str) -> bool:
        if value is not None and not isinstance(value, bool):
            self.error("valor-no-valido", key, "se esperaba true o false", value)
        return value is True

    def rows(self, value: object, key: str) -> frozenset[int]:
        """`omitir_filas: [206]`: Excel row numbers."""
        if value is None:
            return frozenset()
        items = value if isinstance(value, list) else [value]
        if not items or any(isinstance(v, bool) or not isinstance(v, int) or v < 1 for v in items):
            self.error("valor-no-valido", key, "se esperaba una lista de números de fila como los muestra Excel, p. ej. omitir_filas: [206]", value)
            return frozenset()
        return frozenset(items)

    def header_row(self, value: object, key: str) -> int | None:
        if value is None or value == "auto":
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
            self.error("valor-no-valido", key, 'se esperaba el número de la fila de encabezados como la muestra Excel (1, 2, ...) o "auto"', value)
            return None
        return value


def read_configs(mapeo: object, plan_yml: dict, yml_file: str, problems: Problems) -> list[MapConfig] | None:
    """One mapping per book: `mapeo` itself, or with `libros` each book's keys over the
    plan's. None when the mapping is too broken to read the workbooks with it."""
    r = _Reader(yml_file, problems)
    if not isinstance(mapeo, dict):
        r.error("valor-no-valido", "mapeo", "se esperaba un grupo de claves: archivo, hoja, niveles, columnas, vigencias...")
        return None
    books = mapeo.get("libros")
    if books is None:
        config = read_config(mapeo, plan_yml, r)
        return None if config is None else [config]
    if not isinstance(books, list) or not books:
        r.error("valor-no-valido", "mapeo.libros", "se esperaba una lista de libros, cada uno con su archivo: - {archivo: PLAN 2024.xlsx, ...}")
        return None
    if "archivo" in mapeo:
        r.error("claves-incompatibles", "mapeo.archivo", "use archivo (un libro) o libros (varios), no los dos")
    if not isinstance(plan_yml.get("periodo"), list):
        r.error("clave-faltante", "periodo", "con varios libros (mapeo.libros) plan.yml debe decir el periodo, p. ej. periodo: [2024, 2027]")
    before = len(problems.errors)
    plan_wide = {k: v for k, v in mapeo.items() if k != "libros"}
    configs = []
    for i, book in enumerate(books):
        key = f"mapeo.libros[{i}]"
        if not isinstance(book, dict):
            r.error("valor-no-valido", key, "se esperaba un grupo de claves: archivo, hoja u hojas, columnas, vigencias...")
            continue
        r.keys(book, BOOK_KEYS, key)
        if "archivo" not in book:
            r.error("clave-faltante", f"{key}.archivo", "falta el nombre de este libro, p. ej. archivo: PLAN DE ACCIÓN 2025.xlsx")
            continue
        given = {k for k in book if k in BOOK_KEYS}
        config = read_config({**plan_wide, **{k: book[k] for k in given}}, plan_yml, _Reader(yml_file, problems, (key, given)))
        if config is not None:
            configs.append(config)
    names = [book.get("archivo") if isinstance(book, dict) else None for book in books]
    for i, name in enumerate(names):
        if name is not None and name in names[:i]:
            r.error("archivos-duplicados", f"mapeo.libros[{i}].archivo", "este libro ya está en la lista; cada libro va una sola vez", name)
    return None if len(problems.errors) > before else configs


def read_config(mapeo: dict, plan_yml: dict, r: _Reader) -> MapConfig | None:
    """One book's mapping, or None when it is too broken to read the workbook with it."""
    problems = r.problems
    before = len(problems.errors)
    r.keys(mapeo, MAPEO_KEYS, "mapeo")
    archivo = r.text(mapeo.get("archivo"), "mapeo.archivo")
    if not archivo:
        r.error("clave-faltante", "mapeo.archivo", "falta el nombre del libro de Excel, p. ej. archivo: PLAN INDICATIVO.xlsx")
    elif "/" in archivo.replace("\\", "/") or archivo.startswith("."):
        r.error("valor-no-valido", "mapeo.archivo", "se esperaba el nombre de un archivo de la carpeta del plan, sin carpetas", archivo)
    years = _years(r, mapeo, plan_yml)
    niveles = _levels(r, mapeo.get("niveles"), plan_yml)
    columnas = _columns(r, mapeo.get("columnas"), "mapeo.columnas")
    if niveles is None and "codigo_padre" not in columnas:
        r.error("clave-faltante", "mapeo", "el mapeo no dice de dónde sale el padre de cada meta: use mapeo.niveles "
                "(columnas de eje, programa...) o mapeo.columnas.codigo_padre")
    if niveles and plan_yml.get("estructura") is not None:
        r.error("claves-incompatibles", "estructura", "plan.yml tiene estructura y mapeo.niveles a la vez; con mapeo.niveles la estructura sale del libro: "
                "quite una de las dos")
    for required in ("codigo_meta", "meta", "indicador", "meta_cuatrienio"):
        if required not in columnas:
            r.error("clave-faltante", f"mapeo.columnas.{required}", f"falta la columna del libro que da {required} (obligatoria)")
    vigencias = _vigencias(r, mapeo, years, "mapeo")
    sheets = _sheets(r, mapeo, plan_yml, columnas, vigencias, niveles or [], years)
    config = MapConfig(
        archivo=archivo or "", sheets=sheets, niveles=niveles or [], valores=_valores(r, mapeo.get("valores")),
        years=years, cortes=_cortes(r, mapeo.get("cortes")), nombres=_nombres(r, mapeo.get("nombres")),
    )
    return None if len(problems.errors) > before else config


def _years(r: _Reader, mapeo: dict, plan_yml: dict) -> list[int]:
    periodo = plan_yml.get("periodo")
    if isinstance(periodo, list) and len(periodo) == 2 and all(isinstance(y, int) and not isinstance(y, bool) for y in periodo):
        if periodo[0] <= periodo[1] <= periodo[0] + 20:
            return list(range(periodo[0], periodo[1] + 1))
        return []  # validation reports a bad periodo
    found = sorted(y for y in _year_keys(mapeo.get("vigencias")) if y is not None)
    if periodo is None and found:
        return list(range(found[0], found[-1] + 1))
    if periodo is None:
        r.error("clave-faltante", "periodo", "falta el periodo del plan, p. ej. periodo: [2024, 2027], y el mapeo no da vigencias de donde tomarlo")
    return []


def _year_keys(vigencias: object) -> list[int | None]:
    if not isinstance(vigencias, dict):
        return []
    return [_as_year(k) for k in vigencias]


def _as_year(key: object) -> int | None:
    text = str(key).strip()
    return int(text) if text.isdigit() and len(text) == 4 else None


def _levels(r: _Reader, value: object, plan_yml: dict, key: str = "mapeo.niveles") -> list[LevelSpec] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not value:
        r.error("valor-no-valido", key, "se esperaba una lista, un elemento por nivel del plan (el de arriba primero)")
        return None
    niveles = plan_yml.get("niveles")
    if isinstance(niveles, list) and len(niveles) != len(value):
        r.error("niveles-no-coinciden", key, f"tiene {len(value)} niveles y plan.yml declara {len(niveles)} en niveles ({', '.join(map(str, niveles))})")
    labels = [str(n) for n in niveles] if isinstance(niveles, list) else []
    levels = []
    for i, item in enumerate(value):
        level = _level(r, item, f"{key}[{i}]", labels[i] if i < len(labels) else f"nivel {i + 1}")
        if level is not None:
            levels.append(level)
    return levels


def _level(r: _Reader, item: object, key: str, label: str) -> LevelSpec | None:
    if isinstance(item, str):
        item = {"nombre": item}
    if not isinstance(item, dict):
        r.error("valor-no-valido", key, "se esperaba un grupo de claves: nombre, codigo, peso...")
        return None
    r.keys(item, LEVEL_KEYS, key)
    sources = [k for k in ("nombre", *SOURCE_KEYS) if k in item]
    if len(sources) > 1:
        r.error("claves-incompatibles", key, f"dice a la vez {' y '.join(sources)}: el nombre del nodo sale de una sola parte")
        return None
    if sources and sources[0] != "nombre":
        nombre = r.source(item, sources[0], key)
        if nombre is None:
            return None
    else:
        nombre = r.column(item.get("nombre"), f"{key}.nombre")
    if nombre is None:
        r.error("clave-faltante", f"{key}.nombre", "falta la columna con el nombre de los nodos de este nivel "
                "(o valor, celda, hoja o titulo si el nivel no está en una columna)")
        return None
    level = LevelSpec(nombre=nombre, codigo="generado", key=key, label=label,
                      formato=r.text(item.get("formato"), f"{key}.formato"),
                      peso=r.column(item.get("peso"), f"{key}.peso"),
                      rellenar=item.get("rellenar", True) is not False)
    codigo = item.get("codigo", "generado")
    if codigo in ("generado", "desde_nombre"):
        level.codigo = codigo
    else:
        level.codigo, level.codigo_col = "columna", r.column(codigo, f"{key}.codigo")
    patron = item.get("patron")
    if patron is not None and level.codigo != "desde_nombre":
        r.error("claves-incompatibles", f"{key}.patron", 'patron solo sirve con codigo: desde_nombre')
    if level.codigo == "desde_nombre":
        level.patron = r.pattern(patron or DEFAULT_CODE_PATTERN, f"{key}.patron", "codigo")
    if level.formato is not None and "{codigo}" not in level.formato:
        r.error("valor-no-valido", f"{key}.formato", 'el formato debe contener {codigo}, p. ej. "E{codigo}" o "{padre}.{codigo}"', level.formato)
    return level


def _sheet_levels(r: _Reader, value: object, levels: list[LevelSpec], plan_yml: dict, key: str) -> list[LevelSpec]:
    """A sheet's own `niveles`: a whole list, or only some levels by their name in
    plan.yml niveles (`programa: {celda: A1}`), the others as in mapeo.niveles."""
    if isinstance(value, list):
        return _levels(r, value, plan_yml, key) or levels
    if not isinstance(value, dict):
        r.error("valor-no-valido", key, "se esperaba una lista (todos los niveles) o un grupo por nombre de nivel, p. ej. linea: {celda: A1}")
        return levels
    by_label = {canonical_name(level.label): i for i, level in enumerate(levels)}
    own = list(levels)
    for name, item in value.items():
        index = by_label.get(canonical_name(name))
        if index is None:
            known = ", ".join(level.label for level in levels) or "ninguno (falta mapeo.niveles)"
            r.error("clave-desconocida", f"{key}.{name}", f"no es un nivel del plan; los niveles de plan.yml son: {known}")
            continue
        level = _level(r, item, f"{key}.{name}", levels[index].label)
        if level is not None:
            own[index] = level
    return own


def _columns(r: _Reader, value: object, key: str) -> dict[str, ColumnSpec]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        r.error("valor-no-valido", key, "se esperaba un grupo de claves: campo: encabezado de la columna")
        return {}
    columns = {}
    for name, ref in value.items():
        field_name = canonical_name(name)
        if PROGRAMADO_COLUMN.fullmatch(field_name):
            r.error("claves-incompatibles", f"{key}.{name}", "lo programado de cada año va en mapeo.vigencias, no en columnas")
            continue
        spec = r.column(ref, f"{key}.{name}")
        if spec is not None:
            columns[field_name] = spec
    return columns




def _vigencias(r: _Reader, data: dict, years: list[int], prefix: str) -> dict[int, VigenciaSpec]:
    """Per-year specs: `cada_vigencia` (with {año}) for every year of the period,
    then the keys of `vigencias.AAAA` on top. `prefix`: "mapeo" or a sheet's key."""
    template = data.get("cada_vigencia")
    explicit = data.get("vigencias")
    key = f"{prefix}.vigencias"
    if template is not None and not isinstance(template, dict):
        r.error("valor-no-valido", f"{prefix}.cada_vigencia", 'se esperaba un grupo de claves con {año} en los encabezados, p. ej. programado: "Programación {año}"')
        template = None
    if explicit is not None and not isinstance(explicit, dict):
        r.error("valor-no-valido", key, "se esperaba un grupo con una clave por año: 2024: {programado: ..., ejecutado: ...}")
        explicit = None
    raw: dict[int, tuple[dict, str]] = {}
    if template:
        for year in years:
            raw[year] = (_substitute(template, year), f"{prefix}.cada_vigencia")
    for k, spec in (explicit or {}).items():
        year = _as_year(k)
        if year is None or not isinstance(spec, dict):
            r.error("valor-no-valido", f"{key}.{k}", "se esperaba un año de cuatro cifras con sus columnas: 2024: {programado: ...}")
            continue
        if years and year not in years:
            r.error("vigencia-fuera-de-periodo", f"{key}.{k}", f"el año está fuera del periodo del plan ({years[0]}-{years[-1]})")
            continue
        base = raw.get(year, ({}, ""))[0]
        raw[year] = ({**base, **spec}, f"{key}.{year}")
    specs = {}
    for year in sorted(raw):
        specs[year] = _vigencia(r, year, *raw[year])
    return specs


def _substitute(value: object, year: int) -> object:
    if isinstance(value, str):
        return value.replace("{año}", str(year)).replace("{ano}", str(year))
    if isinstance(value, list):
        return [_substitute(v, year) for v in value]
    if isinstance(value, dict):
        return {k: _substitute(v, year) for k, v in value.items()}
    return value


def _vigencia(r: _Reader, year: int, data: dict, key: str) -> VigenciaSpec:
    r.keys(data, VIGENCIA_KEYS, key)
    spec = VigenciaSpec(year=year, key=key)
    for name in ("programado", "verificar_programado", "estado", "ejecutado"):
        setattr(spec, name, r.column(data.get(name), f"{key}.{name}"))
    for name in AVANCE_FIELDS:
        column = r.column(data.get(name), f"{key}.{name}")
        if column is not None:
            spec.avance[name] = column
    for name, column in _columns(r, data.get("columnas"), f"{key}.columnas").items():
        spec.avance[name] = column
    trimestres = data.get("trimestres")
    if trimestres is not None:
        if not isinstance(trimestres, dict):
            r.error("valor-no-valido", f"{key}.trimestres", "se esperaba un grupo: ejecutado: [T1, T2, T3, T4], programado: [...], acumulados: false")
        else:
            r.keys(trimestres, TRIMESTRE_KEYS, f"{key}.trimestres")
            spec.trim_ejecutado = _quarters(r, trimestres.get("ejecutado"), f"{key}.trimestres.ejecutado")
            spec.trim_programado = _quarters(r, trimestres.get("programado"), f"{key}.trimestres.programado")
            spec.acumulados = trimestres.get("acumulados", False) is True
    corte = data.get("corte", "T4")
    match = re.fullmatch(r"[tT]?([1-4])", str(corte).strip())
    if match is None:
        r.error("valor-no-valido", f"{key}.corte", "se esperaba el trimestre del corte que da la columna anual: T1, T2, T3 o T4", corte)
    else:
        spec.corte = int(match[1])
    if spec.programado is None and not any(spec.trim_programado):
        r.error("clave-faltante", key, f"falta programado: la columna con lo programado para {year}")
    peso = data.get("peso")
    if peso is not None:
        if isinstance(peso, bool) or not isinstance(peso, (int, float)) or peso <= 0:
            r.error("peso-no-valido", f"{key}.peso", "se esperaba un número mayor que 0 (peso del año en el plan)", peso)
        else:
            spec.peso = float(peso)
    return spec


def _quarters(r: _Reader, value: object, key: str) -> list[ColumnSpec | None]:
    if value is None:
        return []
    if not isinstance(value, list) or not 1 <= len(value) <= 4:
        r.error("valor-no-valido", key, "se esperaba una lista de hasta cuatro columnas, la del T1 primero (null para un trimestre sin columna)")
        return []
    return [r.column(v, f"{key}[{i}]") for i, v in enumerate(value)]


def _sheets(r: _Reader, mapeo: dict, plan_yml: dict, columnas: dict, vigencias: dict, niveles: list[LevelSpec],
            years: list[int]) -> list[SheetSpec]:
    default_row = r.header_row(mapeo.get("fila_encabezado"), "mapeo.fila_encabezado")
    default_first = r.first_column(mapeo.get("columnas_desde"), "mapeo.columnas_desde")
    default_group = r.flag(mapeo.get("fila_por_grupo"), "mapeo.fila_por_grupo")
    default_skip = r.rows(mapeo.get("omitir_filas"), "mapeo.omitir_filas")
    hojas = mapeo.get("hojas")
    if hojas is None:
        hojas = [mapeo.get("hoja")]
    elif "hoja" in mapeo:
        r.error("claves-incompatibles", "mapeo.hoja", "use hoja (una hoja) o hojas (varias), no las dos")
    if not isinstance(hojas, list) or not hojas:
        r.error("valor-no-valido", "mapeo.hojas", "se esperaba una lista de hojas: nombres, o grupos con nombre, fila_encabezado, columnas")
        return []
    sheets = []
    for i, item in enumerate(hojas):
        key = f"mapeo.hojas[{i}]" if "hojas" in mapeo else "mapeo.hoja"
        if item is None or isinstance(item, (str, int)) and not isinstance(item, bool):
            sheets.append(SheetSpec(None if item is None else str(item), default_row, columnas, vigencias, key, niveles,
                                    default_first, default_group, default_skip))
            continue
        if not isinstance(item, dict):
            r.error("valor-no-valido", key, "se esperaba el nombre de la hoja o un grupo: nombre, fila_encabezado, niveles, columnas, vigencias")
            continue
        r.keys(item, SHEET_KEYS, key)
        own_columns = {**columnas, **_columns(r, item.get("columnas"), f"{key}.columnas")}
        own_vigencias = dict(vigencias)
        if item.get("vigencias") is not None or item.get("cada_vigencia") is not None:
            own_vigencias.update(_vigencias(r, item, years, key))
        own_levels = niveles if item.get("niveles") is None else _sheet_levels(r, item["niveles"], niveles, plan_yml, f"{key}.niveles")
        row = r.header_row(item.get("fila_encabezado"), f"{key}.fila_encabezado") if "fila_encabezado" in item else default_row
        name = item.get("nombre")
        first = r.first_column(item["columnas_desde"], f"{key}.columnas_desde") if "columnas_desde" in item else default_first
        group = r.flag(item["fila_por_grupo"], f"{key}.fila_por_grupo") if "fila_por_grupo" in item else default_group
        skip = r.rows(item["omitir_filas"], f"{key}.omitir_filas") if "omitir_filas" in item else default_skip
        sheets.append(SheetSpec(None if name is None else str(name), row, own_columns, own_vigencias, key, own_levels, first, group, skip))
    return sheets


def _valores(r: _Reader, value: object) -> dict[str, dict[str, object]]:
    words = {}
    for name, table in r.group(value, "mapeo.valores", "un grupo por campo: tipo: {I: incremento, M: mantenimiento}").items():
        if not isinstance(table, dict):
            r.error("valor-no-valido", f"mapeo.valores.{name}", "se esperaba un grupo: palabra del libro: palabra nuestra")
            continue
        words[canonical_name(name)] = {canonical_name(k): v for k, v in table.items()}
    return words


def _nombres(r: _Reader, value: object) -> dict[str, str]:
    """`nombres`: node code -> the name to publish, for nodes the book names wrong."""
    names = {}
    for code, name in r.group(value, "mapeo.nombres", 'un grupo: código del nodo: nombre correcto, p. ej. "1.2": Educación de calidad').items():
        text = r.text(name, f"mapeo.nombres.{code}")
        if text is not None and not text.strip():
            r.error("valor-no-valido", f"mapeo.nombres.{code}", "el nombre está vacío")
        elif text is not None:
            names[str(code).strip()] = " ".join(text.split())
    return names


def _cortes(r: _Reader, value: object) -> set[str] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        r.error("valor-no-valido", "mapeo.cortes", "se esperaba una lista de cortes, p. ej. [2024-T4, 2025-T1]")
        return None
    found = set()
    for i, item in enumerate(value):
        parts = parse_corte_id(str(item).strip())
        if parts is None:
            r.error("corte-no-valido", f"mapeo.cortes[{i}]", "no es un corte; se esperaba AAAA-TN, p. ej. 2025-T3", item)
        else:
            found.add(f"{parts[0]:04d}-T{parts[1]}")
    return found
