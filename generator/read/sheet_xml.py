"""What calamine does not say about an .xlsx, from one streaming pass over its sheets' XML.

calamine reads a formula without a cached value (a program that writes .xlsx without
calculating leaves them) and an error cell (`#DIV/0!`) as an empty cell, says nothing of
hidden rows, and allocates a dense grid as large as the sheet's declared dimension and
farthest cell. So, before calamine opens the book, every worksheet part (the ones the
workbook's relationships name, whatever their file name, and every part under
`xl/worksheets/`) goes once through expat:

- the declared `<dimension ref>` and the farthest `<c>`/`<row>` (with or without `r`,
  counted as calamine counts them) are refused beyond `MAX_ROWS` and `MAX_GRID_CELLS`;
- cells with a formula and no value, and error cells, become `CellFault`s that the
  readers put in the grid, so each is an error where it is read;
- the numbers of hidden rows are kept, for an aviso.
"""

from __future__ import annotations

import posixpath
import re
import xml.parsers.expat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from generator.problems import Problem
from generator.read.cells import CellFault
from generator.read.safety import MAX_GRID_CELLS, MAX_ROWS, FileRefused, check_xlsx

_CHUNK = 256 * 1024
_TEXT_KEPT = 80  # characters of a formula or error kept for the message
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
_WORKSHEET_TYPE = "/worksheet"
_WORKSHEET_CONTENT = "spreadsheetml.worksheet+xml"
DAMAGED = "el libro de Excel está dañado (una hoja tiene una referencia de celda no válida)"


@dataclass
class SheetScan:
    faults: dict[tuple[int, int], CellFault] = field(default_factory=dict)  # (row, column) from 0
    hidden_rows: list[int] = field(default_factory=list)  # Excel row numbers


@dataclass
class WorkbookScan:
    sheets: dict[str, SheetScan] = field(default_factory=dict)  # by sheet name

    def sheet(self, name: str) -> SheetScan:
        return self.sheets.get(name) or SheetScan()


def scan_xlsx(path: Path) -> WorkbookScan:
    """The file checks of `check_xlsx`, then every worksheet scanned; raises FileRefused."""
    check_xlsx(path)
    try:
        with zipfile.ZipFile(path) as archive:
            named = _sheet_parts(archive)
            present = set(archive.namelist())
            parts = {p for p in named.values() if p in present}
            parts |= {n for n in present if n.startswith("xl/worksheets/") and "/_rels/" not in n and not n.endswith("/")}
            parts |= _content_type_parts(archive) & present
            scans = {part: _scan_part(archive, part) for part in sorted(parts)}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise FileRefused("el libro de Excel está dañado (el archivo .xlsx no se puede abrir)") from exc
    return WorkbookScan({name: scans[part] for name, part in named.items() if part in scans})


def cell_reference(row: int, column: int) -> str:
    """(0, 0) -> "A1"."""
    letters, index = "", column + 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def put_faults(grid: list[list], scan: SheetScan, blank: object) -> None:
    """Write each fault into `grid` (rows from A1), growing it with `blank` cells where
    calamine's grid ends before the faulty cell."""
    for (row, column), fault in scan.faults.items():
        while len(grid) <= row:
            grid.append([])
        cells = grid[row]
        if len(cells) <= column:
            cells.extend([blank] * (column + 1 - len(cells)))
        cells[column] = fault


def hidden_rows_read(file: str, sheet: str, scan: SheetScan, read: list[int]) -> list[Problem]:
    """An aviso naming the hidden rows among the rows `read` (Excel numbers), if any."""
    hidden = set(scan.hidden_rows)
    rows = sorted(n for n in read if n in hidden)
    if not rows:
        return []
    ranges: list[list[int]] = []
    for n in rows:
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    shown = ", ".join(f"{a}" if a == b else f"{a} a {b}" for a, b in ranges[:10]) + (", …" if len(ranges) > 10 else "")
    count = f"{len(rows)} fila oculta" if len(rows) == 1 else f"{len(rows)} filas ocultas"
    return [Problem(file, f"se leyeron {count} (filas {shown}): las filas ocultas cuentan como datos; "
                    "si no deben publicarse, bórrelas", sheet=sheet, severity="aviso", codigo="filas-ocultas-leidas")]


def hidden_sheets_skipped(file: str, hidden: list[str]) -> list[Problem]:
    """An aviso naming the hidden sheets that are not read."""
    if not hidden:
        return []
    names = ", ".join(f'"{n}"' for n in hidden)
    return [Problem(file, f"no se leen las hojas ocultas ({names}); si una tiene los datos, muéstrela o nómbrela en "
                    "plan.yml", severity="aviso", codigo="hojas-ocultas-omitidas")]


# ---------------------------------------------------------------- parts


def _parse(archive: zipfile.ZipFile, part: str, **handlers) -> None:
    """Stream `part` through expat with the given handlers (StartElementHandler=...)."""
    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = True
    for name, handler in handlers.items():
        setattr(parser, name, handler)
    with archive.open(part) as stream:
        try:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except xml.parsers.expat.ExpatError as exc:
            raise FileRefused("el libro de Excel está dañado (una de sus partes XML no es válida)") from exc


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part, from xl/workbook.xml and its relationships."""
    present = set(archive.namelist())
    if "xl/workbook.xml" not in present or "xl/_rels/workbook.xml.rels" not in present:
        return {}
    targets: dict[str, str] = {}

    def relationship(name, attrs):
        if _local(name) == "Relationship" and attrs.get("Type", "").endswith(_WORKSHEET_TYPE):
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[attrs.get("Id", "")] = path

    sheets: dict[str, str] = {}

    def sheet(name, attrs):
        if _local(name) == "sheet":
            rid = next((v for k, v in attrs.items() if _local(k) == "id"), None)
            if rid in targets and "name" in attrs:
                sheets[attrs["name"]] = targets[rid]

    _parse(archive, "xl/_rels/workbook.xml.rels", StartElementHandler=relationship)
    _parse(archive, "xl/workbook.xml", StartElementHandler=sheet)
    return sheets


def _content_type_parts(archive: zipfile.ZipFile) -> set[str]:
    if "[Content_Types].xml" not in archive.namelist():
        return set()
    parts: set[str] = set()

    def override(name, attrs):
        if _local(name) == "Override" and attrs.get("ContentType", "").endswith(_WORKSHEET_CONTENT):
            parts.add(attrs.get("PartName", "").lstrip("/"))

    _parse(archive, "[Content_Types].xml", StartElementHandler=override)
    return parts


# ---------------------------------------------------------------- one sheet


class _Sheet:
    """expat handlers that follow the cell position as calamine does: a `<row>` or `<c>`
    without `r` is the one after the previous."""

    def __init__(self) -> None:
        self.scan = SheetScan()
        self.row = 0  # Excel row number of the current <row>
        self.column = 0  # 1-based column of the last <c>
        self.rows = self.columns = 0  # the farthest row and column seen
        self.cell: tuple[int, int, str] | None = None
        self.formula: list[str] | None = None
        self.value: list[str] | None = None
        self.text: list[str] | None = None

    def start(self, name: str, attrs: dict) -> None:
        local = _local(name)
        if local == "c":
            ref = attrs.get("r")
            row, column = _reference(ref) if ref else (self.row, self.column + 1)
            self.column = column
            self._reach(row, column)
            self.cell, self.formula, self.value = (row, column, attrs.get("t", "n")), None, None
        elif local == "row":
            number = attrs.get("r")
            if number is not None and not number.strip().isdigit():
                raise FileRefused(DAMAGED)
            self.row, self.column = int(number) if number is not None else self.row + 1, 0
            self._reach(self.row, 1)
            if attrs.get("hidden", "").strip().lower() in ("1", "true"):
                self.scan.hidden_rows.append(self.row)
        elif local == "f" and self.cell is not None:
            self.formula = self.text = []
        elif local == "v" and self.cell is not None:
            self.value = self.text = []
        elif local == "dimension":
            for end in attrs.get("ref", "").split(":"):
                self._reach(*_reference(end))

    def end(self, name: str) -> None:
        local = _local(name)
        if local in ("f", "v"):
            self.text = None
        elif local == "c" and self.cell is not None:
            self._close_cell()

    def chars(self, data: str) -> None:
        if self.text is not None and sum(map(len, self.text)) < _TEXT_KEPT:
            self.text.append(data)

    def _close_cell(self) -> None:
        row, column, kind = self.cell
        self.cell = None
        value = "".join(self.value or []).strip()
        ref = cell_reference(row - 1, column - 1)
        if kind == "e":
            shown = value or "#¿?"
            fault = CellFault(shown, f"la celda {ref} tiene el error de Excel {shown}; corrija la fórmula o escriba el valor",
                              "celda-error-excel")
        elif self.formula is not None and not value and kind not in ("str", "inlineStr"):
            formula = "".join(self.formula).strip()
            shown = f"={formula}" if formula else "=…"
            fault = CellFault(shown, f"la celda {ref} tiene una fórmula sin valor calculado (el libro lo guardó un programa "
                              "que no calcula fórmulas); ábralo y guárdelo en Excel o LibreOffice, o copie la hoja y "
                              "péguela como valores", "celda-formula-sin-valor")
        else:
            return
        self.scan.faults[(row - 1, column - 1)] = fault

    def _reach(self, row: int, column: int) -> None:
        if row > self.rows or column > self.columns:
            self.rows, self.columns = max(self.rows, row), max(self.columns, column)
            if self.rows > MAX_ROWS or self.rows * self.columns > MAX_GRID_CELLS:
                raise FileRefused(
                    f"una hoja del libro llega hasta la fila {self.rows} y la columna {self.columns}: es demasiado "
                    "grande para leerla; borre las filas y columnas vacías del final de la hoja"
                )


def _reference(ref: str) -> tuple[int, int]:
    """"B3" -> (3, 2), Excel numbers."""
    match = _REF.fullmatch(ref.strip())
    if not match:
        raise FileRefused(DAMAGED)
    number = 0
    for letter in match[1].upper():
        number = number * 26 + ord(letter) - 64
    return int(match[2]), number


def _scan_part(archive: zipfile.ZipFile, part: str) -> SheetScan:
    sheet = _Sheet()
    _parse(archive, part, StartElementHandler=sheet.start, EndElementHandler=sheet.end, CharacterDataHandler=sheet.chars)
    return sheet.scan
