"""Fuzzing the xlsx readers through load_data (issue "Trust").

Hypothesis writes a metas.xlsx and an avances .xlsx with openpyxl into a minimal plan
folder: cells of mixed types (text, Colombian numbers written as text, floats such as
1.1 in code columns, ints, booleans, dates, times, formulas, error values, very long
and unicode strings, blanks), merged cells, title rows above the header, the header
spelled any way the contract allows (case, accents, spaces, hyphens, dots), columns
in any order with extra ones, empty rows in the middle and hidden helper sheets.

The properties:
- load_data never raises, and never falls back to "no se pudo leer el archivo" for a
  workbook Excel could have saved;
- every problem is located: one of the plan's files, the sheet, the row as Excel
  numbers it (the header row or a data row, never a title or blank row) and, for a
  data row, the column (a header of the file);
- when there is no error, the plan holds exactly the metas and reportes written, with
  the values the contract gives them (and each at its Excel row).
"""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import UNREADABLE, load_data
from generator.names import visible
from generator.names import canonical_name
from generator.read.cells import parse_text
from tests.corpus.plans import write_plan

YEARS = (2021, 2022)
LEAVES = ("1.1", "1.2")  # leaf nodes of PLAN_YML
UNKNOWN = object()  # a junk cell: the model value is whatever the contract makes of it
WHOLE_FILE = ("no tiene ninguna meta", "el archivo no tiene datos")  # about a sheet, not a row
FAULTS = ("celda-formula-sin-valor", "celda-error-excel")
QUIET = [HealthCheck.too_slow, HealthCheck.large_base_example, HealthCheck.data_too_large]  # workbooks are big inputs
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=QUIET)

# ---------------------------------------------------------------- cells


@dataclass
class Cell:
    value: object  # as written with openpyxl
    expected: object = UNKNOWN  # what the model must hold when the plan has no error


# No surrogates, unassigned code points (U+FFFE...) nor the control characters XML 1.0
# cannot hold: Excel cannot save them either, and openpyxl would write a broken file.
_TEXT = st.characters(blacklist_categories=("Cs", "Cc", "Cn"))
# Invisible characters (soft hyphen, zero-width space...) are dropped from texts.
plain_text = st.text(_TEXT, min_size=1, max_size=40).filter(
    lambda s: visible(s).strip() and "_x" not in s and not s.startswith(("=", "#")))
junk_text = st.text(st.characters(blacklist_categories=("Cs", "Cn"), blacklist_characters="".join(
    chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32)])), max_size=40)
number_as_text = st.from_regex(r"[-+]?\$? ?[\d.,]{1,12} ?%?", fullmatch=True)

junk_cell = st.one_of(
    st.none(),
    junk_text,
    number_as_text,
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.sampled_from([1.1, 1.10, 2.3, -0.5, 1e300, 5e-324, 0.1 + 0.2]),
    st.integers(-10**15, 10**15),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
    st.times(),
    st.sampled_from([
        "=1+1", "=SUMA(A1:A3)", "=A1/0", "=", "#N/A", "#DIV/0!", "#¡VALOR!", "1.1", "1,1", "1.234,5", "12,5 %",
        "$ 3.000", "$\u00a03.000,50", "1.500", "0.500", "1,234.5", "1.2.3", ",5", "5,", "-5", "NP", "N/A", "–", " ",
        "\u00a0", "M1", "1.1", "1.2", "2021", "2021-T4", "reduccion", "REDUCCIÓN", "https://ejemplo.gov.co/a", "javascript:x",
        "<script>alert(1)</script>", "Sopó 🌱 niñez", "ñ" * 32767, "x" * 5000, "\t", "línea\nnueva",
    ]),
).map(Cell)


@st.composite
def number(draw, minimum: int = 0) -> Cell:
    """A non-negative number as Excel or an office writes it, with its value."""
    whole = draw(st.integers(minimum, 10**7))
    decimals = draw(st.sampled_from(["", "", "5", "25", "75", "05"]))
    value = float(f"{whole}.{decimals}") if decimals else float(whole)
    grouped = f"{whole:,}".replace(",", ".")
    written = draw(st.sampled_from([
        whole if not decimals else value,  # a numeric cell
        value,
        f"{whole}" + (f",{decimals}" if decimals else ""),
        grouped + (f",{decimals}" if decimals else ""),  # 1.234.567,5
        f"$ {grouped}" + (f",{decimals}" if decimals else ""),
        f"$\u00a0{grouped}" + (f",{decimals}" if decimals else ""),
        f"{whole}" + (f",{decimals}" if decimals else "") + " %",
        f" {grouped}" + (f",{decimals}" if decimals else "") + "% ",
        f"{whole}.{decimals}" if decimals else f"{whole}",  # a decimal point, tolerated
    ]))
    return Cell(written, value)


def blank() -> st.SearchStrategy[Cell]:
    return st.sampled_from([None, "", "  ", "\u00a0"]).map(lambda v: Cell(v, None))


def text_cell(required: bool = True) -> st.SearchStrategy[Cell]:
    filled = st.one_of(
        plain_text.map(lambda s: Cell(s, visible(s).strip())),
        st.sampled_from(["Dotar aulas con computadores", "Niñas y niños atendidos en el CDI de Sopó", "Vías terciarias",
                         "á" * 3000]).map(lambda s: Cell(s, s)),
        st.integers(1, 10**6).map(lambda n: Cell(n, str(n))),
    )
    return filled if required else st.one_of(filled, blank().map(lambda c: Cell(c.value, "")))


def code_cell(number_: int) -> st.SearchStrategy[Cell]:
    """A meta code: text, or a whole number in a numeric cell (its digits)."""
    return st.sampled_from([
        Cell(f"M{number_}", f"M{number_}"),
        Cell(f" M{number_} ", f"M{number_}"),
        Cell(f"PI-{number_:03d}", f"PI-{number_:03d}"),
        Cell(1000 + number_, str(1000 + number_)),
        Cell(float(2000 + number_), str(2000 + number_)),
        Cell(str(3000 + number_), str(3000 + number_)),
    ])


def year_cell(year: int) -> st.SearchStrategy[Cell]:
    return st.sampled_from([Cell(year, year), Cell(float(year), year), Cell(str(year), year), Cell(f" {year} ", year)])


def maybe_number(minimum: int = 0) -> st.SearchStrategy[Cell]:
    return st.one_of(number(minimum), blank())


TIPO = st.sampled_from([Cell(None, "incremento"), Cell("Incremento", "incremento"), Cell(" MANTENIMIENTO ", "mantenimiento"),
                        Cell("incremento", "incremento"), Cell("Mantenimiento", "mantenimiento")])
URL = st.sampled_from([Cell(None, ""), Cell("https://sopo-cundinamarca.gov.co/informe.pdf", "https://sopo-cundinamarca.gov.co/informe.pdf"),
                       Cell("http://ejemplo.org/m?a=1&b=ñ", "http://ejemplo.org/m?a=1&b=ñ")])

# ---------------------------------------------------------------- headers


_ACCENTS = {"a": "áÁ", "e": "éÉ", "i": "íÍ", "o": "óÓ", "u": "úÚü", "n": "ñÑ"}


@st.composite
def spelling(draw, canonical: str) -> str:
    """`codigo_meta` as an office may write it: ` Código - META.`, `CODIGO_meta`..."""
    words = canonical.split("_")
    separators = st.sampled_from(["_", " ", "-", ".", "  ", " - ", "_ "])
    out = []
    for index, word in enumerate(words):
        if index:
            out.append(draw(separators))
        for ch in word:
            if ch in _ACCENTS and draw(st.integers(0, 5)) == 0:
                ch = draw(st.sampled_from(_ACCENTS[ch]))
            out.append(ch.upper() if draw(st.booleans()) else ch)
    return draw(st.sampled_from(["", " ", "\u00a0"])) + "".join(out) + draw(st.sampled_from(["", " ", "."]))


SAFE_EXTRAS = ["ODS", "Sector", "Observación interna", "Responsable", "Fuente de financiación", "Programa", "Territorio"]
junk_header = st.one_of(junk_text, st.sampled_from(["codigo_meta", "Código Meta", "programado_2030", "peso", "2021", "tipo", "ejecutado"]),
                        st.integers(-5, 3000), st.dates(min_value=date(1900, 3, 1)))

# ---------------------------------------------------------------- sheets


@dataclass
class Sheet:
    name: str
    grid: list[list[object]]  # row 1 of Excel is grid[0]
    merges: list[tuple[int, int, int, int]]  # 1-based (min_row, min_col, max_row, max_col)
    header_row: int
    headers: list[object]  # header cells as written, left to right (None = no header)
    rows: dict[int, dict[str, Cell]]  # data rows: Excel row -> column -> cell
    column_headers: dict[str, object]  # column (canonical, or extraN) -> its header as written
    hidden_first: bool = False

    def write(self, path: Path) -> Path:
        book = openpyxl.Workbook()
        book.remove(book.active)
        if self.hidden_first:
            helper = book.create_sheet("Listas")
            for row in [["codigo_meta", "tipo"], ["M1", "incremento"], ["M2", "reduccion"]]:
                helper.append(row)
            helper.sheet_state = "hidden"
        sheet = book.create_sheet(self.name)
        for r, cells in enumerate(self.grid, start=1):
            for c, value in enumerate(cells, start=1):
                if value is not None:
                    sheet.cell(row=r, column=c, value=value)
        for merge in self.merges:
            sheet.merge_cells(start_row=merge[0], start_column=merge[1], end_row=merge[2], end_column=merge[3])
        book.save(path)
        return path

    @staticmethod
    def read_as_blank(value: object) -> bool:
        """What the reader takes as empty: blank or whitespace-only strings."""
        return value is None or isinstance(value, str) and not value.strip()

    @staticmethod
    def faulty(value: object) -> bool:
        """What openpyxl writes as a formula (with no cached value) or an error cell:
        an error wherever the reader reads it."""
        return isinstance(value, str) and (value.startswith("=") and len(value) > 1 or value in openpyxl.cell.cell.ERROR_CODES)

    @property
    def written_headers(self) -> set[str]:
        return {canonical_name(parse_text(h)) for h in self.headers} - {""}

    def named(self, column: str) -> bool:
        """Whether the reader sees the column: its header is not blank."""
        return bool(canonical_name(parse_text(self.column_headers[column])))

    def index(self, column: str) -> int:
        """The column's position in the grid, from 0."""
        return next(i for i, h in enumerate(self.headers) if h is self.column_headers[column])

    def covered(self, row: int, column: str) -> bool:
        """Whether the cell is inside a merge, below or right of its first cell: what
        is written there is lost when the cells are merged."""
        col = self.index(column) + 1
        return any(m[0] <= row <= m[2] and m[1] <= col <= m[3] and (row, col) != (m[0], m[1]) for m in self.merges)


clean_junk = junk_cell.filter(lambda c: not Sheet.faulty(c.value))


@st.composite
def sheet(draw, name: str, columns: list[tuple[str, str | None]], rows: list[dict[str, Cell]], noise: int) -> Sheet:
    """Lay `rows` out on a sheet: titles, spelled header, shuffled and extra columns,
    blank rows and merges; with `noise` percent of cells replaced by junk."""
    extras = draw(st.lists(st.sampled_from(SAFE_EXTRAS), unique=True, max_size=3))
    if noise:
        extras += draw(st.lists(junk_header, max_size=2))
    names = [c for c, _ in columns] + [f"extra{i}" for i in range(len(extras))]
    order = draw(st.permutations(names))
    headers = {c: draw(spelling(c)) if spelled is None else spelled for c, spelled in columns}
    headers.update({f"extra{i}": h for i, h in enumerate(extras)})
    offset = draw(st.integers(0, 2))  # empty columns on the left
    width = offset + len(order)

    grid: list[list[object]] = []
    merges: list[tuple[int, int, int, int]] = []
    for title in draw(st.lists(st.sampled_from(["ALCALDÍA MUNICIPAL DE PRUEBA", "Plan Indicativo 2021 - 2022",
                                                date(2022, 1, 31), "Secretaría de Planeación", None]), max_size=3)):
        grid.append([None] * offset + [title] + [None] * (len(order) - 1))
        if title is not None and len(order) > 1 and draw(st.booleans()):
            merges.append((len(grid), offset + 1, len(grid), width))
    grid.append([None] * offset + [headers[c] for c in order])
    header_row = len(grid)

    placed: dict[int, dict[str, Cell]] = {}
    for cells in rows:
        while draw(st.integers(0, 4)) == 0:  # empty rows in the middle
            grid.append([None] * width)
        line: dict[str, Cell] = {}
        for column in order:
            cell = cells.get(column, Cell(None, None))
            if column.startswith("extra"):  # extra columns hold anything, kept as text (no formula without value
                cell = draw(junk_cell if noise else clean_junk)  # nor error cell in a valid workbook)
            elif noise and draw(st.integers(0, 99)) < noise:
                cell = draw(junk_cell)
            line[column] = cell
        grid.append([None] * offset + [line[c].value for c in order])
        placed[len(grid)] = line

    # Merged cells inside the data: with noise anywhere, otherwise only down an extra
    # or the dependencia column (as offices merge a dependencia over its metas).
    mergeable = [i for i, c in enumerate(order) if noise or c.startswith("extra") or c == "dependencia"]
    for _ in range(draw(st.integers(0, 2)) if placed and mergeable else 0):
        first = draw(st.sampled_from(sorted(placed)))
        col = draw(st.sampled_from(mergeable))
        last_row = draw(st.integers(first, min(first + 2, len(grid))))
        last_col = draw(st.integers(col, min(col + 1, len(order) - 1))) if noise else col
        if (last_row, last_col) == (first, col) or any(
            not (last_row < m[0] or first > m[2] or offset + last_col + 1 < m[1] or offset + col + 1 > m[3]) for m in merges
        ):
            continue
        merges.append((first, offset + col + 1, last_row, offset + last_col + 1))
        for r in range(first, last_row + 1):
            for c in range(col, last_col + 1):
                if (r, c) != (first, col):
                    grid[r - 1][offset + c] = None
                    if r in placed:
                        placed[r][order[c]] = Cell(None, "" if order[c] == "dependencia" else UNKNOWN)
    return Sheet(name, grid, merges, header_row, [None] * offset + [headers[c] for c in order], placed, headers,
                 hidden_first=draw(st.booleans()))


METAS_COLUMNS = ["codigo_meta", "codigo_padre", "meta", "indicador", "meta_cuatrienio", *(f"programado_{y}" for y in YEARS)]


@st.composite
def metas_rows(draw) -> list[dict[str, Cell]]:
    count = draw(st.integers(1, 5))
    numbers = draw(st.lists(st.integers(1, 99), min_size=count, max_size=count, unique=True))
    optional = draw(st.sets(st.sampled_from(["linea_base", "tipo", "unidad", "dependencia", "peso"])))
    rows = []
    for n in numbers:
        row = {
            "codigo_meta": draw(code_cell(n)),
            "codigo_padre": draw(st.sampled_from([Cell(leaf, leaf) for leaf in LEAVES] + [Cell(" 1.2 ", "1.2")])),
            "meta": draw(text_cell()),
            "indicador": draw(text_cell()),
            "meta_cuatrienio": draw(maybe_number()),
            **{f"programado_{y}": draw(maybe_number()) for y in YEARS},
        }
        for year in YEARS:  # an empty programado is 0: not programmed
            cell = row[f"programado_{year}"]
            row[f"programado_{year}"] = Cell(cell.value, 0.0 if cell.expected is None else cell.expected)
        extra = {"linea_base": maybe_number(), "tipo": TIPO, "unidad": text_cell(required=False),
                 "dependencia": text_cell(required=False), "peso": number(minimum=1)}
        row.update({c: draw(extra[c]) for c in optional})
        rows.append(row)
    return rows


@st.composite
def avances_rows(draw, codes: list[str], written: dict[str, Cell]) -> list[dict[str, Cell]]:
    reported = draw(st.lists(st.sampled_from(codes), unique=True, max_size=len(codes)))
    optional = draw(st.sets(st.sampled_from(["evidencia", "observaciones", "recursos_programados", "recursos_ejecutados"])))
    rows = []
    for code in reported:
        row = {
            "codigo_meta": written[code],
            "vigencia": draw(year_cell(2021)),
            "ejecutado": draw(maybe_number()),
        }
        extra = {"evidencia": URL, "observaciones": text_cell(required=False),
                 "recursos_programados": maybe_number(), "recursos_ejecutados": maybe_number()}
        row.update({c: draw(extra[c]) for c in optional})
        rows.append(row)
    return rows


@dataclass
class PlanFiles:
    metas: Sheet
    avances: Sheet


@st.composite
def plan_files(draw, noise: int | None = None) -> PlanFiles:
    if noise is None:
        noise = draw(st.sampled_from([0, 5, 15, 40]))
    rows = draw(metas_rows())
    optional = sorted({c for row in rows for c in row} - set(METAS_COLUMNS))
    metas = draw(sheet("Plan Indicativo", [(c, None) for c in METAS_COLUMNS + optional], rows, noise))
    codes = {row["codigo_meta"].expected: row["codigo_meta"] for row in rows}
    a_rows = draw(avances_rows(sorted(codes), codes))
    a_columns = ["codigo_meta", "vigencia", "ejecutado"]
    a_optional = sorted({c for row in a_rows for c in row} - set(a_columns))
    avances = draw(sheet("Seguimiento", [(c, None) for c in a_columns + a_optional], a_rows, noise))
    return PlanFiles(metas, avances)


# ---------------------------------------------------------------- the properties


def load(files: PlanFiles):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files.metas.write(root / "metas.xlsx")
        files.avances.write(root / "avance.xlsx")
        data = write_plan(root, metas=None, avances={}, extra={
            "metas.xlsx": (root / "metas.xlsx").read_bytes(),
            "avances/2021-T4.xlsx": (root / "avance.xlsx").read_bytes(),
        })
        plans, problems = load_data(data)  # the property: this never raises
    shown = f"{data}/prueba"
    return plans, problems, {f"{shown}/metas.xlsx": files.metas, f"{shown}/avances/2021-T4.xlsx": files.avances}, shown


def assert_located(problems, sheets: dict[str, Sheet], shown: str) -> None:
    for p in problems:
        where = str(p)
        assert p.message != UNREADABLE, f"a reader raised on a workbook Excel could have saved: {where}"
        if p.file == f"{shown}/plan.yml":
            assert p.row is not None, where
            continue
        assert p.file in sheets, f"problem outside the plan's files: {where}"
        sheet = sheets[p.file]
        if p.codigo == "hojas-ocultas-omitidas":
            assert sheet.hidden_first and "Listas" in p.message and not p.is_error, where
            continue
        if p.codigo in FAULTS and p.row == sheet.header_row and p.column is None:
            assert sheet.faulty(p.value), where  # a header that is a formula has no text to name it by
            continue
        assert p.sheet == sheet.name, where
        if p.row is None:
            assert p.message.startswith(WHOLE_FILE), f"not located at a row: {where}"
            continue
        assert p.row == sheet.header_row or p.row in sheet.rows, (
            f"row {p.row} is neither the header ({sheet.header_row}) nor a data row {sorted(sheet.rows)}: {where}")
        if p.row in sheet.rows or p.value not in (None, ""):
            assert p.column, f"a problem about a cell without its column: {where}"
        if p.column:
            assert canonical_name(p.column) in sheet.written_headers, f"column {p.column!r} is not a header of the file: {where}"


def code_of(cell: Cell, sheet: Sheet) -> str | None:
    """Independent oracle for a written code cell: its text, a whole number's digits;
    None when it cannot be a code (blank, fraction, boolean, date)."""
    v = cell.value
    if sheet.read_as_blank(v) or sheet.faulty(v) or isinstance(v, (bool, date, datetime, time, timedelta)):
        return None
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else None
    return str(v).strip()


def assert_model(plans, problems, files: PlanFiles) -> None:
    """With no error, the plan holds exactly what the sheets say."""
    metas, avances = files.metas, files.avances
    codes = {r: code_of(cells["codigo_meta"], metas) for r, cells in metas.rows.items()
             if not all(metas.read_as_blank(c.value) for col, c in cells.items() if metas.named(col))}
    if None in codes.values() or len(set(codes.values())) < len(codes):
        assert problems.has_errors, "a row without a valid, unique codigo_meta gave no error"
    for sheet in (metas, avances):
        for r, cells in sheet.rows.items():
            for column, cell in cells.items():
                if sheet.named(column) and sheet.faulty(cell.value):
                    assert problems.has_errors, f"a formula without value or an error cell at row {r}, {column}, gave no error"
    if problems.has_errors:
        return
    (plan,) = plans
    assert sorted(plan.metas) == sorted(codes.values())
    for r, cells in metas.rows.items():
        if r not in codes:
            continue
        meta = plan.metas[codes[r]]
        assert meta.source.row == r and meta.source.sheet == metas.name
        got = {"codigo_padre": meta.codigo_padre, "meta": meta.nombre, "indicador": meta.indicador,
               "meta_cuatrienio": meta.meta_cuatrienio, "linea_base": meta.linea_base, "tipo": meta.tipo,
               "unidad": meta.unidad, "dependencia": meta.dependencia, "peso": meta.peso,
               **{f"programado_{y}": meta.programado[y] for y in YEARS}}
        for column, cell in cells.items():
            if column in got and cell.expected is not UNKNOWN:
                assert got[column] == cell.expected, (column, cell.value, got[column])
    (corte,) = plan.cortes
    expected_reportes = {}
    for r, cells in avances.rows.items():
        code = code_of(cells["codigo_meta"], avances)
        ejecutado = cells["ejecutado"]
        if code is None or avances.read_as_blank(ejecutado.value):
            continue  # an empty ejecutado is a meta sin reporte
        expected_reportes[code] = r
        reporte = corte.reportes[code]
        assert reporte.source.row == r
        got = {"ejecutado": reporte.ejecutado, "vigencia": reporte.vigencia, "evidencia": reporte.evidencia,
               "observaciones": reporte.observaciones, "recursos_programados": reporte.recursos_programados,
               "recursos_ejecutados": reporte.recursos_ejecutados}
        for column, cell in cells.items():
            if column in got and cell.expected is not UNKNOWN:
                assert got[column] == cell.expected, (column, cell.value, got[column])
    assert sorted(corte.reportes) == sorted(expected_reportes)


@FUZZ
@given(files=plan_files())
def test_random_cells_give_a_model_or_located_problems_never_an_exception(files):
    plans, problems, sheets, shown = load(files)
    assert_located(problems, sheets, shown)
    assert_model(plans, problems, files)
    if not problems.has_errors:
        assert [p.slug for p in plans] == ["prueba"]


@settings(max_examples=30, deadline=None, suppress_health_check=QUIET)
@given(files=plan_files(noise=0))
def test_valid_workbooks_in_any_spelling_load_exactly(files):
    """Title rows, merged titles, headers spelled any way, columns in any order,
    extra columns with anything in them, blank rows, numbers as Colombian text:
    no error, and exactly the metas and reportes written."""
    plans, problems, sheets, shown = load(files)
    assert [str(p) for p in problems.errors] == []
    assert_located(problems, sheets, shown)
    assert_model(plans, problems, files)
    assert math.isfinite(sum(m.meta_cuatrienio or 0 for m in plans[0].metas.values()))


# ---------------------------------------------------------------- formulas, error cells, dimensions

FAULTY = st.one_of(st.sampled_from(sorted(openpyxl.cell.cell.ERROR_CODES)),
                   st.sampled_from(["=1+1", "=SUMA(A1:A3)", "=A1/0", "=HOY()", '=""&"x"']))


@settings(max_examples=20, deadline=None, suppress_health_check=QUIET)
@given(files=plan_files(noise=0), data=st.data())
def test_a_formula_without_value_or_an_error_cell_is_an_error_at_its_cell(files, data):
    """Put one in a cell the reader reads, of a valid workbook: exactly one error of that
    kind at that row and column, naming the cell."""
    sheet = files.metas
    row = data.draw(st.sampled_from(sorted(sheet.rows)))
    column = data.draw(st.sampled_from([c for c in sheet.rows[row] if sheet.named(c) and not sheet.covered(row, c)]))
    value = data.draw(FAULTY)
    index = sheet.index(column)
    sheet.grid[row - 1][index] = value
    sheet.rows[row][column] = Cell(value)
    plans, problems, sheets, shown = load(files)
    header = canonical_name(parse_text(sheet.headers[index]))
    faults = [p for p in problems if p.codigo in FAULTS and p.row == row and canonical_name(p.column or "") == header]
    assert len(faults) == 1, [str(p) for p in problems]  # extra columns may hold other junk formulas
    (fault,) = faults
    letter = openpyxl.utils.get_column_letter(index + 1)
    assert fault.is_error
    assert f"{letter}{row}" in fault.message
    assert_located(problems, sheets, shown)


_QUOTES = st.sampled_from(['"', "'"])
_SPACE = st.sampled_from(["", " ", "  ", "\n"])


@st.composite
def far_sheet(draw) -> tuple[str, int, int]:
    """A worksheet XML declaring a dimension and a cell anywhere up to XFD1048576,
    written in any form XML allows; with the farthest (row, column) it reaches."""
    row, column = draw(st.integers(1, 1_048_576)), draw(st.integers(1, 16_384))
    ref = openpyxl.utils.get_column_letter(column) + str(row)
    q, s = draw(_QUOTES), draw(_SPACE)
    where = draw(st.sampled_from(["dimension", "cell", "row"]))
    dimension = f"<dimension ref{s}={s}{q}A1:{ref}{q}/>" if where == "dimension" else ""
    cells = '<row r="1"><c r="A1"><v>1</v></c></row>'
    if where == "cell":
        cells += f"<row r{s}={s}{q}{row}{q}><c r{s}={s}{q}{ref}{q}><v>2</v></c></row>"
    elif where == "row":
        cells += f"<row r{s}={s}{q}{row}{q}/>"
        column = 1
    xml_text = f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>{cells}</sheetData></worksheet>'
    return xml_text, row, column


@settings(max_examples=60, deadline=None, suppress_health_check=QUIET)
@given(sheet=far_sheet(), part=st.sampled_from(["xl/worksheets/sheet1.xml", "xl/worksheets/s", "xl/x/hoja.dat"]))
def test_any_declared_extent_is_refused_before_calamine_or_read(sheet, part):
    from generator.read.safety import MAX_GRID_CELLS, MAX_ROWS, FileRefused
    from generator.read.xlsx import read_xlsx
    from tests.test_hostile_cells import crafted

    xml_text, row, column = sheet
    too_big = row > MAX_ROWS or row * column > MAX_GRID_CELLS
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hoja.xlsx"
        path.write_bytes(crafted(xml_text, part))
        try:
            read_xlsx(path, "hoja.xlsx", {"x"})
        except FileRefused as exc:
            assert too_big and "demasiado grande" in exc.message, exc.message
        else:
            assert not too_big
