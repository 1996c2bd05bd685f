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
from datetime import date
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
    modified: date | None = None  # when the book was last saved (docProps/core.xml), if it says

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
            modified = _modified(archive) if "docProps/core.xml" in present else None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise FileRefused("archivo-danado", "el libro de Excel está dañado (el archivo .xlsx no se puede abrir)") from exc
    return WorkbookScan({name: scans[part] for name, part in named.items() if part in scans}, modified)


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
    count = "se leyó 1 fila oculta (fila" if len(rows) == 1 else f"se leyeron {len(rows)} filas ocultas (filas"
    return [Problem(file, f"{count} {shown}): las filas ocultas cuentan como datos; "
                    "si no deben publicarse, bórrelas", sheet=sheet, severity="aviso", codigo="filas-ocultas-leidas")]


def hidden_sheets_skipped(file: str, hidden: list[str]) -> list[Problem]:
    """An aviso naming the hidden sheets that are not read."""
    if not hidden:
        return []
    names = ", ".join(f'"{n}"' for n in hidden)
    return [Problem(file, f"no se leen las hojas ocultas ({names}); si una tiene los datos, muéstrela o nómbrela en "
                    "plan.yml", severity="aviso", codigo="hojas-ocultas-omitidas")]


# ---------------------------------------------------------------- parts


def _parse(archive: zipfile.ZipFile, part: str, start) -> None:
    """Stream `part` through expat, calling `start` on each element."""
    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler = start
    _feed(parser, archive, part)


def _feed(parser, archive: zipfile.ZipFile, part: str) -> None:
    with archive.open(part) as stream:
        try:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except xml.parsers.expat.ExpatError as exc:
            raise FileRefused("archivo-danado", "el libro de Excel está dañado (una de sus partes XML no es válida)") from exc


def _modified(archive: zipfile.ZipFile) -> date | None:
    """The date of dcterms:modified ("2026-03-14T15:02:11Z"), or None."""
    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = True
    inside, text = [False], []

    def start(name, attrs):
        inside[0] = _local(name) == "modified"

    def chars(data):
        if inside[0]:
            text.append(data)

    def end(name):
        inside[0] = False

    parser.StartElementHandler, parser.CharacterDataHandler, parser.EndElementHandler = start, chars, end
    try:
        _feed(parser, archive, "docProps/core.xml")
    except FileRefused:  # a damaged date is no reason to refuse the book
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", "".join(text))
    try:
        return date(int(match[1]), int(match[2]), int(match[3])) if match else None
    except ValueError:
        return None


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

    _parse(archive, "xl/_rels/workbook.xml.rels", relationship)
    _parse(archive, "xl/workbook.xml", sheet)
    return sheets


def _content_type_parts(archive: zipfile.ZipFile) -> set[str]:
    if "[Content_Types].xml" not in archive.namelist():
        return set()
    parts: set[str] = set()

    def override(name, attrs):
        if _local(name) == "Override" and attrs.get("ContentType", "").endswith(_WORKSHEET_CONTENT):
            parts.add(attrs.get("PartName", "").lstrip("/"))

    _parse(archive, "[Content_Types].xml", override)
    return parts


# ---------------------------------------------------------------- one sheet


class _Sheet:
    """expat handlers that follow the cell position as calamine does (a `<row>` or `<c>`
    without `r` is the one after the previous). Kept cheap, since they run once per
    cell: only a cell with a formula or an error is followed to its value (text is
    collected then only), and it is judged when the next element other than its
    `<f>`/`<v>` starts, so there is no end handler."""

    def __init__(self, parser) -> None:
        self.parser = parser
        self.scan = SheetScan()
        self.row = 0  # Excel row number of the current <row>
        self.cell_row = self.column = 0  # position of the last <c> (column from 1)
        self.kind = "n"  # its t attribute
        self.rows = self.columns = 0  # the farthest row and column seen
        self.open: tuple[int, int, str] | None = None  # a cell with a formula or an error
        self.formula: list[str] = []
        self.value: list[str] = []
        self.text: list[str] = self.value

    def start(self, name: str, attrs: dict) -> None:
        local = name.rpartition(":")[2] if ":" in name else name
        if local == "v":
            self.text = self.value
            return
        if local == "f":
            if self.open is None:
                self._follow(self.kind)
            self.text = self.formula
            return
        if self.open is not None:
            self.close()
        if local == "c":
            ref = attrs.get("r")
            row, column = _reference(ref) if ref else (self.row, self.column + 1)
            self.cell_row, self.column = row, column
            if row > self.rows or column > self.columns:
                self._reach(row, column)
            self.kind = attrs.get("t", "n")
            if self.kind == "e":
                self._follow(self.kind)
        elif local == "row":
            number = attrs.get("r")
            if number is not None and not number.strip().isdigit():
                raise FileRefused("archivo-danado", DAMAGED)
            self.row, self.column = int(number) if number is not None else self.row + 1, 0
            if self.row > self.rows:
                self._reach(self.row, 1)
            if attrs.get("hidden", "").strip().lower() in ("1", "true"):
                self.scan.hidden_rows.append(self.row)
        elif local == "dimension":
            for end in attrs.get("ref", "").split(":"):
                self._reach(*_reference(end))

    def _follow(self, kind: str) -> None:
        self.open = (self.cell_row, self.column, kind)
        self.formula, self.value = [], []
        self.text = self.value
        self.parser.CharacterDataHandler = self.chars

    def chars(self, data: str) -> None:
        if sum(map(len, self.text)) < _TEXT_KEPT:
            self.text.append(data)

    def close(self) -> None:
        """Judge the followed cell: an error, a formula without value, or neither."""
        row, column, kind = self.open
        self.open = None
        self.parser.CharacterDataHandler = None
        value = "".join(self.value).strip()
        ref = cell_reference(row - 1, column - 1)
        if kind == "e":
            shown = value or "#¿?"
            fault = CellFault(shown, f"la celda {ref} tiene el error de Excel {shown}; corrija la fórmula o escriba el valor",
                              "celda-error-excel")
        elif not value and kind not in ("str", "inlineStr"):
            formula = "".join(self.formula).strip()
            shown = f"={formula}" if formula else "=…"
            fault = CellFault(shown, f"la celda {ref} tiene una fórmula sin valor calculado (el libro lo guardó un programa "
                              "que no calcula fórmulas); ábralo y guárdelo en Excel o LibreOffice, o copie la hoja y "
                              "péguela como valores", "celda-formula-sin-valor")
        else:
            return
        self.scan.faults[(row - 1, column - 1)] = fault

    def _reach(self, row: int, column: int) -> None:
        self.rows, self.columns = max(self.rows, row), max(self.columns, column)
        if self.rows > MAX_ROWS or self.rows * self.columns > MAX_GRID_CELLS:
            raise FileRefused(
                "hoja-muy-grande",
                f"una hoja del libro llega hasta la fila {self.rows} y la columna {self.columns}: es demasiado "
                "grande para leerla; borre las filas y columnas vacías del final de la hoja"
            )


def _reference(ref: str) -> tuple[int, int]:
    """"B3" -> (3, 2), Excel numbers."""
    match = _REF.fullmatch(ref)
    if match is None:
        match = _REF.fullmatch(ref.strip())
        if match is None:
            raise FileRefused("archivo-danado", DAMAGED)
    letters, digits = match.groups()
    column = _COLUMNS.get(letters)
    if column is None:
        column = 0
        for letter in letters.upper():
            column = column * 26 + ord(letter) - 64
        if len(_COLUMNS) < 20_000:
            _COLUMNS[letters] = column
    return int(digits), column


_COLUMNS: dict[str, int] = {}


def _scan_part(archive: zipfile.ZipFile, part: str) -> SheetScan:
    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = True
    sheet = _Sheet(parser)
    parser.StartElementHandler = sheet.start
    _feed(parser, archive, part)
    if sheet.open is not None:
        sheet.close()
    return sheet.scan
