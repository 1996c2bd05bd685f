"""Read a planning office's own workbook through the `mapeo:` section of plan.yml.

Real Plan Indicativo workbooks do not follow the contract's columns: the hierarchy
sits in columns repeated on every row, codes hide in "code + name" cells, each
vigencia has quarterly columns, a totals row closes the sheet. The mapping says, in
YAML, where everything is (MAPEO.md documents every key); this module turns the
workbook into exactly what the contract readers return, so validation and the
computation treat a mapped plan like any other:

    read_mapped(plan_dir, plan_yml, display_dir) -> (plan, metas, cortes, problems)

- `plan`: a copy of plan.yml completed with `estructura` (from the hierarchy
  columns, weights normalised when they do not add up), `periodo` when plan.yml has
  none, and `vigencias` weights when the mapping gives them;
- `metas`: a Table with the contract's canonical columns (codigo_meta, codigo_padre,
  meta, indicador, meta_cuatrienio, programado_AAAA...) plus the mapped extras; each
  Row.number is the real Excel row, Table.columns gives the workbook's own headers;
- `cortes`: corte id ("2024-T3") -> Table of avances (codigo_meta, vigencia,
  ejecutado, ...), one row per meta with data in that corte;
- `problems`: errors and avisos, located in the workbook or in plan.yml's mapeo.

Cells stay raw (validation parses them) except where the mapping transforms them:
a code taken from a "code + name" cell, words mapped by `mapeo.valores`, quarterly
sums, and numbers dropped by `si_no_es_numero: aviso`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.contract import corte_end, parse_corte_id
from generator.names import fmt_date
from generator.problems import Problems
from generator.read.cells import (
    CellError,
    CellFault,
    is_blank,
    parse_code,
    parse_number,
    parse_text,
)
from generator.read.mapping.config import ColumnSpec, MapConfig, SheetSpec, read_configs
from generator.read.mapping.sheet import (
    Header,
    Resolver,
    cell,
    column_letter,
    find_header,
    near_miss,
    open_workbook,
    read_grid,
    says_total,
    sheet_names,
)
from generator.read.mapping.tables import MappedRow, MappedTable, merge_books
from generator.read.mapping.tree import LevelColumns, TreeBuilder
from generator.read.mapping.vigencias import MetaRow, VigCols, Vigencias, Words
from generator.read.safety import FileRefused
from generator.read.sheet_xml import WorkbookScan, hidden_rows_read, hidden_sheets_skipped
from generator.read.table import Row, Table

__all__ = ["read_mapped", "MappedRow", "MappedTable"]


def read_mapped(plan_dir: Path, plan_yml: dict, display_dir: str,
                files: set[str] | None = None) -> tuple[dict, Table | None, dict[str, Table], Problems]:
    """Never raises for bad input: every problem is in the returned Problems. `files`:
    the names of the plan folder's files that may be read (load.py's data folder
    boundary); None, any regular file of the folder."""
    problems = Problems()
    plan = copy.deepcopy(plan_yml)
    yml_file = f"{display_dir}/plan.yml"
    configs = read_configs(plan_yml.get("mapeo"), plan_yml, yml_file, problems)
    if configs is None:
        return plan, None, {}, problems
    _check_years(configs, yml_file, problems)
    if problems.has_errors:
        return plan, None, {}, problems
    if files is None:
        files = {p.name for p in plan_dir.iterdir() if p.is_file()} if plan_dir.is_dir() else set()
    config = configs[0]
    tree = TreeBuilder(problems, config.nombres) if config.niveles else None
    readers = [_Reader(plan_dir, display_dir, c, problems, files, tree) for c in configs]
    read = []
    for reader in readers:
        try:
            read.append(reader.read())
        except Exception:  # a bug here must not hide the other plans' problems behind a traceback
            problems.error("archivo-danado", reader.file, "no se pudo leer el libro con el mapeo de plan.yml (error interno "
                           "del lector); revise que el libro no esté dañado y avise a quien mantiene la herramienta")
            return plan, None, {}, problems
    if tree is not None:
        if all(metas is not None for metas, _ in read):
            tree.warn_unused(yml_file)
        plan["estructura"] = tree.estructura(next((r.level_columns for r in readers if r.level_columns), []))
    metas, cortes = merge_books(read, problems) if len(read) > 1 else read[0]
    if "periodo" not in plan and config.years:
        plan["periodo"] = [config.years[0], config.years[-1]]
    weights: dict[int, float] = {}
    for c in configs:
        for year, spec in (c.sheets[0].vigencias.items() if c.sheets else ()):
            if spec.peso is not None:
                weights.setdefault(year, spec.peso)
    if weights and "vigencias" not in plan:
        plan["vigencias"] = dict(sorted(weights.items()))
    return plan, metas, cortes, problems


def _check_years(configs: list[MapConfig], yml_file: str, problems: Problems) -> None:
    """Every year of the period must say where its programado is: on every sheet of a
    single book; with several books, on at least one of them."""
    sheets = [sheet for c in configs for sheet in c.sheets]
    for year in configs[0].years:
        lacking = [sheet for sheet in sheets if year not in sheet.vigencias]
        if not lacking or len(configs) > 1 and len(lacking) < len(sheets):
            continue
        where = "" if len(lacking) == len(sheets) else " para " + ", ".join(f'la hoja "{s.nombre}"' if s.nombre else s.key for s in lacking)
        what = " en ninguno de los libros" if len(configs) > 1 else ""
        problems.error("clave-faltante", yml_file, f"falta la vigencia {year} del periodo{where}{what}: dónde está lo programado ese año "
                       f"(mapeo.vigencias.{year}.programado o mapeo.cada_vigencia)", column="mapeo.vigencias")


@dataclass
class _SheetCols:
    """Every mapped column of one sheet, resolved to an index."""

    resolver: Resolver
    fields: dict[str, int | None]
    specs: dict[str, ColumnSpec]
    levels: list[LevelColumns]
    vig: dict[int, VigCols]
    ok: bool


class _Reader:
    def __init__(self, plan_dir: Path, display_dir: str, config: MapConfig, problems: Problems, files: set[str],
                 tree: TreeBuilder | None):
        self.config = config
        self.files = files
        self.problems = problems
        self.path = plan_dir / config.archivo
        self.file = f"{display_dir}/{config.archivo}"
        self.yml_file = f"{display_dir}/plan.yml"
        self.words = Words(config.valores)
        self.vigencias = Vigencias(self.file, config.years, self.words, problems)
        self.tree = tree  # shared by the books of one plan
        self.level_columns: list[LevelColumns] = []
        self.generated_codes = 0
        self.modified: date | None = None  # when the book was last saved

    # ------------------------------------------------------------ workbook

    def read(self) -> tuple[Table | None, dict[str, Table]]:
        if self.config.archivo not in self.files:
            present = sorted(name for name in self.files if not name.startswith("."))
            self.problems.error("archivo-faltante", self.yml_file, f"no existe el libro \"{self.config.archivo}\" en la carpeta del plan; "
                                f"los archivos de la carpeta son: {', '.join(present) or 'ninguno'}", column="mapeo.archivo")
            return None, {}
        try:
            workbook, scan = open_workbook(self.path)
        except FileRefused as exc:
            self.problems.error(exc.codigo, self.file, exc.message)
            return None, {}
        try:
            return self._read_sheets(workbook, scan)
        except FileRefused as exc:
            self.problems.error(exc.codigo, self.file, exc.message)
            return None, {}
        finally:
            workbook.close()

    def _read_sheets(self, workbook, scan: WorkbookScan) -> tuple[Table | None, dict[str, Table]]:
        self.modified = scan.modified
        if self.tree is not None:
            self.tree.file = self.file
        names, visible = sheet_names(workbook)
        metas: list[MetaRow] = []
        table = MappedTable(file=self.file, sheet=None, header_row=None)
        rows: list[MappedRow] = []
        for spec in self.config.sheets:
            name = spec.nombre or (visible[0] if visible else None)
            if name not in names:
                listed = ", ".join(f'"{n}"' for n in names) or "ninguna"
                close = near_miss(spec.nombre, names) if spec.nombre else None
                what = f'no tiene la hoja "{spec.nombre}" que pide {spec.key}' if spec.nombre else "no tiene ninguna hoja visible"
                hint = f'. ¿Quiso decir "{close}"?' if close else ""
                codigo = "hoja-inexistente" if spec.nombre else "sin-hojas-visibles"
                self.problems.error(codigo, self.file, f"{what}; las hojas del libro son: {listed}{hint}")
                continue
            grid, below = read_grid(workbook, name, scan)
            cols = self._columns(spec, name, grid)
            if not cols.ok:
                continue
            if table.sheet is None:
                table.sheet, table.header_row = name, cols.resolver.header.row
            first = len(rows)
            code_i = cols.fields.get("codigo_meta")
            skip = {r for r, c in below if c == code_i} if spec.fila_por_grupo and code_i is not None else set()
            self._rows(spec, name, grid, cols, table, rows, metas, skip)
            self.problems.extend(hidden_rows_read(self.file, name, scan.sheet(name), [r.number for r in rows[first:]]))
        named = {spec.nombre for spec in self.config.sheets}
        if None in named:  # a sheet taken as the first visible one: the hidden ones were passed over
            self.problems.extend(hidden_sheets_skipped(self.file, [n for n in names if n not in visible and n not in named]))
        if table.sheet is None:
            return None, {}
        table.rows = rows
        return table, self._cortes(metas, table)

    def _columns(self, spec: SheetSpec, name: str, grid: list[list[object]]) -> _SheetCols:
        refs = [s.ref for s in _all_specs(spec, self.config)]
        header_row = spec.fila_encabezado or find_header(grid, refs)
        header = Header.at(grid, header_row, spec.columnas_desde)
        resolver = Resolver(header, self.file, name, self.problems, self.yml_file, grid)
        before = len(self.problems.errors)
        fields = {}
        for key, column in spec.columnas.items():
            if key == "codigo_meta" and column.ref.strip().lower() == "generado":
                fields[key] = None
                continue
            fields[key] = resolver.index(column)
        levels = []
        for level in spec.niveles:
            idx = {"nombre": resolver.index(level.nombre), "codigo": resolver.index(level.codigo_col),
                   "peso": resolver.index(level.peso)}
            levels.append(LevelColumns(level, idx["nombre"], idx["codigo"], idx["peso"],
                                       {k: resolver.written(i) for k, i in idx.items() if i is not None}))
        vig = {}
        for year, vs in spec.vigencias.items():
            vc = VigCols(spec=vs)
            for attr, column in (("programado", vs.programado), ("verificar", vs.verificar_programado),
                                 ("estado", vs.estado), ("ejecutado", vs.ejecutado)):
                setattr(vc, attr, resolver.index(column))
            vc.trim_ej = [resolver.index(c) for c in vs.trim_ejecutado]
            vc.trim_prog = [resolver.index(c) for c in vs.trim_programado]
            vc.avance = {k: resolver.index(c) for k, c in vs.avance.items()}
            indexes = [vc.programado, vc.verificar, vc.estado, vc.ejecutado, *vc.trim_ej, *vc.trim_prog, *vc.avance.values()]
            vc.written = {i: resolver.written(i) for i in indexes if i is not None}
            vig[year] = vc
        ok = len(self.problems.errors) == before
        if not self.level_columns:
            self.level_columns = levels
        return _SheetCols(resolver, fields, dict(spec.columnas), levels, vig, ok)

    # ------------------------------------------------------------ rows

    def _rows(self, spec: SheetSpec, name: str, grid, cols: _SheetCols, table: MappedTable,
              rows: list[MappedRow], metas: list[MetaRow], skip: set[int]) -> None:
        """`skip`: rows (from 0) inside a group merged in the meta code column, below its
        first row (`fila_por_grupo`): the group is one meta, read on its first row."""
        code_i, text_i = cols.fields.get("codigo_meta"), cols.fields.get("meta")
        generated = "codigo_meta" in cols.fields and code_i is None
        memory: list[list[object]] = [[None, None, None] for _ in cols.levels]
        blank_run: list[int] = []
        omitted: set[int] = set()
        width = cols.resolver.header.width
        for r in range(cols.resolver.header.row, len(grid)):
            row, number = grid[r], r + 1
            if r in skip:
                continue
            if all(is_blank(v) for v in row[:width]):
                blank_run.append(number)
                continue
            if blank_run:
                self._warn_blank(name, blank_run)
                blank_run = []
            if number in spec.omitir_filas:
                self._fill(row, cols.levels, memory)
                self.problems.warn("fila-omitida", self.file, "fila omitida porque la nombra omitir_filas en plan.yml", sheet=name, row=number)
                omitted.add(number)
                continue
            code = None if generated else cell(row, code_i)
            kind = _row_kind(row[:width], code, cell(row, text_i), cols.levels)
            if kind == "totales":
                self.problems.warn("fila-omitida", self.file, "fila de totales: no es una meta y se omite", sheet=name, row=number)
                continue
            levels = self._fill(row, cols.levels, memory)  # group rows only feed the fill-down
            if kind == "grupo" and (figures := _meta_figures(row, cols)):
                self.problems.warn("cifras-sin-meta", self.file, "fila sin código ni texto de meta, pero con cifras en "
                                   f"{', '.join(figures)}: se lee como una fila del nivel y esas cifras no se publican. "
                                   "Si es una meta, escriba su código y su texto; si son totales del nivel, no hacen falta",
                                   sheet=name, row=number)
            elif kind == "notas":
                filled = ", ".join(column_letter(i) for i, v in enumerate(row[:width]) if not is_blank(v))
                self.problems.warn("fila-omitida", self.file, f"fila sin código ni texto de meta (con datos en {filled}): "
                                   "parece una fila de totales o de notas y se omite", sheet=name, row=number)
            elif kind == "meta" and not generated and is_blank(code):
                self.problems.error("celda-vacia", self.file, "falta el código de la meta", sheet=name, row=number,
                                    column=cols.resolver.written(code_i))
            elif kind == "meta":
                found = self._meta(name, number, row, cols, levels, code)
                if found is not None:
                    rows.append(found[0])
                    metas.append(found[1])
                    self._name_columns(table, cols, found[0], generated)
        for number in sorted(spec.omitir_filas - omitted):
            self.problems.warn("fila-omitida", self.file, "omitir_filas en plan.yml nombra esta fila, pero no es una fila con datos "
                               "debajo de los encabezados: no se omite nada", sheet=name, row=number)

    def _name_columns(self, table: MappedTable, cols: _SheetCols, row: MappedRow, generated: bool) -> None:
        """Table.columns: each canonical column with the header that first gave it."""
        for key, header in row.headers.items():
            table.columns.setdefault(key, header)
        if self.tree is not None:
            table.columns.setdefault("codigo_padre", cols.levels[-1].headers.get("nombre", "codigo_padre"))
        if generated:
            table.columns.setdefault("codigo_meta", "codigo_meta (generado)")

    def _warn_blank(self, sheet: str, numbers: list[int]) -> None:
        span = f"fila {numbers[0]} vacía" if len(numbers) == 1 else f"filas {numbers[0]} a {numbers[-1]} vacías"
        self.problems.warn("filas-vacias", self.file, f"{span}: se omite{'n' if len(numbers) > 1 else ''} y se sigue leyendo", sheet=sheet, row=numbers[0])

    def _fill(self, row, levels: list[LevelColumns], memory: list[list[object]]) -> list[tuple[object, object, object]]:
        """Hierarchy cells with empty ones taken from above (merged or left blank);
        a new value at one level forgets what the deeper levels held."""
        out = []
        for depth, lc in enumerate(levels):
            values = []
            for k, index in enumerate((lc.nombre, lc.codigo, lc.peso)):
                value = cell(row, index)
                if is_blank(value) and lc.spec.rellenar:
                    value = memory[depth][k]
                elif not is_blank(value) and value != memory[depth][k]:
                    memory[depth][k] = value
                    if k == 0:
                        for deeper in memory[depth + 1:]:
                            deeper[:] = [None, None, None]
                values.append(value)
            out.append(tuple(values))
        return out

    def _meta(self, sheet: str, number: int, row, cols: _SheetCols, levels, code) -> tuple[MappedRow, MetaRow] | None:
        padre = None
        if self.tree is not None:
            padre = self.tree.codigo_padre(levels, cols.levels, sheet, number)
            if padre is None:
                return None
        codigo = self._code(sheet, number, cols, code, padre)
        if codigo is None:
            return None
        cells: dict[str, object] = {"codigo_meta": codigo}
        headers: dict[str, str] = {}
        if padre is not None:
            cells["codigo_padre"] = padre
        for key, index in cols.fields.items():
            if index is not None:
                headers[key] = cols.resolver.written(index)  # sheets may name a field differently
            if key == "codigo_meta" or index is None:
                continue
            value = self.words(key, cell(row, index))
            spec = cols.specs[key]
            if spec.numero_opcional and not is_blank(value) and not isinstance(value, CellFault):
                try:
                    parse_number(value)
                except CellError:
                    self.problems.warn("celda-no-numero", self.file, f"no es un número; {key} queda vacío y el texto se conserva en {key}_texto",
                                       sheet=sheet, row=number, column=cols.resolver.written(index), value=value)
                    cells[f"{key}_texto"], headers[f"{key}_texto"] = parse_text(value), f"{cols.resolver.written(index)} (texto)"
                    value = None
            cells[key] = value
        meta = MetaRow(sheet=sheet, number=number, cells=row, vig=cols.vig, codigo=codigo)
        for year in self.config.years:
            value, header = self.vigencias.programado_cell(meta, year)
            cells[f"programado_{year}"] = value
            headers[f"programado_{year}"] = header
            self.vigencias.check(meta, year)
        return MappedRow(number=number, cells=cells, sheet=sheet, headers=headers), meta

    def _code(self, sheet: str, number: int, cols: _SheetCols, code, padre: str | None) -> object:
        spec = cols.specs.get("codigo_meta")
        if cols.fields.get("codigo_meta") is None:
            self.generated_codes += 1
            own: object = str(self.generated_codes)
        elif spec is None or not spec.formato:
            return code
        else:
            try:
                own = parse_code(code)
            except CellError as exc:
                self.problems.error(exc.codigo, self.file, exc.message, sheet=sheet, row=number,
                                    column=cols.resolver.written(cols.fields["codigo_meta"]), value=code)
                return None
        template = (spec.formato if spec and spec.formato else "{codigo}")
        return template.replace("{padre}", padre or "").replace("{codigo}", str(own))

    # ------------------------------------------------------------ cortes

    def _cortes(self, metas: list[MetaRow], table: MappedTable) -> dict[str, Table]:
        out = {}
        wanted = self.config.cortes
        found = self.vigencias.cortes(metas, wanted)
        for corte, items in sorted(found.items()):
            t = MappedTable(file=self.file, sheet=items[0][0].sheet, header_row=None)
            t.columns = {"codigo_meta": table.columns.get("codigo_meta", "codigo_meta"), "vigencia": "vigencia"}
            seen = set()
            for meta, cells, headers in items:
                if str(meta.codigo) in seen:  # a repeated meta code is one error, in the metas
                    continue
                seen.add(str(meta.codigo))
                for key, header in headers.items():
                    t.columns.setdefault(key, header)
                t.rows.append(MappedRow(number=meta.number, cells=cells, sheet=meta.sheet, headers=headers))
            self._check_corte(corte, t)
            out[corte] = t
        for corte in sorted((wanted or set()) - set(out)):
            self.problems.warn("corte-sin-datos", self.yml_file, f"el corte {corte} no tiene datos en el libro; no se publica", column="mapeo.cortes")
        return out


    def _check_corte(self, corte: str, t: MappedTable) -> None:
        """Avisos for a corte the book cannot hold yet: one ending after the book was
        last saved, or one where every meta is at 0 (columns filled with 0 in advance)."""
        year, quarter = parse_corte_id(corte)
        end = corte_end(year, quarter)
        first = t.rows[0] if t.rows else None
        where = {"sheet": first.sheet, "column": first.headers.get("ejecutado")} if first else {}
        if self.modified is not None and end > self.modified:
            self.problems.warn("corte-posterior-al-libro", self.file, f"el corte {corte} termina el {fmt_date(end)}, después de la última vez que "
                               f"se guardó el libro ({fmt_date(self.modified)}): sus cifras no pueden estar completas; si no debe publicarse, "
                               "limítelo con mapeo.cortes", **where)
        values = [_number_or_none(r.cells.get("ejecutado")) for r in t.rows]
        if values and all(v == 0 for v in values):
            self.problems.warn("corte-en-cero", self.file, f"las {len(values)} metas del corte {corte} tienen ejecutado 0: ¿columnas llenadas con 0 "
                               "antes de tener datos? Deje vacías las celdas sin dato o limite los cortes con mapeo.cortes", **where)


def _number_or_none(value: object) -> float | None:
    try:
        return parse_number(value)
    except CellError:
        return None


def _meta_figures(row: list[object], cols: _SheetCols) -> list[str]:
    """The headers (as written) of the meta's own columns where `row` holds a number:
    línea base, meta del cuatrienio and each vigencia's columns."""
    columns = {i: cols.resolver.written(i) for key in ("linea_base", "meta_cuatrienio")
               if (i := cols.fields.get(key)) is not None}
    for vig in cols.vig.values():
        columns.update(vig.written)
    return [header for i, header in columns.items() if _number_or_none(cell(row, i)) is not None]


def _row_kind(row: list[object], code: object, text: object, levels: list[LevelColumns]) -> str:
    """"meta", "totales" (a total row), "grupo" (only names a level: feeds the
    fill-down) or "notas" (no meta, no level: totals without the word, notes)."""
    if is_blank(text) and says_total(row):
        return "totales"
    if not is_blank(code) or not is_blank(text):
        return "meta"
    if any(not is_blank(cell(row, i)) for lc in levels for i in (lc.nombre, lc.codigo, lc.peso)):
        return "grupo"
    return "notas"


def _all_specs(spec: SheetSpec, config: MapConfig) -> list[ColumnSpec]:
    found = list(spec.columnas.values())
    for level in spec.niveles:
        found += [c for c in (level.nombre, level.codigo_col, level.peso) if c is not None]
    for vs in spec.vigencias.values():
        found += [c for c in (vs.programado, vs.verificar_programado, vs.estado, vs.ejecutado) if c is not None]
        found += [c for c in vs.trim_ejecutado + vs.trim_programado if c is not None]
        found += list(vs.avance.values())
    return [c for c in found if c.source == "columna"]
