"""A real workbook's sheet as a grid: merged cells filled, header row found, the
mapping's column references resolved to column indexes.

Column references (see MAPEO.md):
- `"META DE PRODUCTO"`: the header text, compared like contract headers (no case,
  accents, spaces, dots or hyphens);
- `"L.B#2"`: the second column with that header, for headers written twice;
- `"col:T"`: the Excel column letter, whatever its header says.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

from generator.names import canonical_name
from generator.problems import Problems
from generator.read.cells import is_blank
from generator.read.mapping.config import MAX_HEADER_SEARCH, ColumnSpec, column_index
from generator.read.safety import MAX_ROWS, FileRefused, check_size
from generator.read.sheet_xml import WorkbookScan, put_faults, scan_xlsx

_OCCURRENCE = re.compile(r"^(?P<text>.*\S)\s*#(?P<n>\d+)$", re.DOTALL)
_LETTER = re.compile(r"^col:\s*(?P<letters>[A-Za-z]{1,3})$")


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def open_workbook(path: Path) -> tuple[object, WorkbookScan]:
    """The calamine workbook and, for .xlsx/.xlsm, what its sheets' XML says (faulty
    cells, hidden rows); raises FileRefused when it cannot be read safely."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        scan = scan_xlsx(path)
    else:
        check_size(path)
        scan = WorkbookScan()
    try:
        return python_calamine.CalamineWorkbook.from_path(str(path)), scan
    except python_calamine.PasswordError as exc:
        raise FileRefused("libro-con-contrasena", "el libro de Excel está protegido con contraseña; guárdelo sin contraseña") from exc
    except Exception as exc:  # calamine raises several types for damaged workbooks
        raise FileRefused("archivo-danado", "el libro de Excel está dañado o no se puede leer") from exc


def sheet_names(workbook) -> tuple[list[str], list[str]]:
    """(all worksheets, visible worksheets)."""
    sheets = [m for m in workbook.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet]
    visible = [m.name for m in sheets if m.visible == python_calamine.SheetVisibleEnum.Visible]
    return [m.name for m in sheets], visible


def _clean(value: object) -> object:
    """calamine gives "" for an empty cell and floats for every number."""
    if value == "" or value is None:
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def read_grid(workbook, name: str, scan: WorkbookScan) -> tuple[list[list[object]], set[tuple[int, int]]]:
    """Rows of the sheet from A1 (row 0 = Excel row 1), faulty cells as `CellFault`s,
    merged ranges filled with the value of their top-left cell, so a merged "Eje 1"
    reaches every row; and the cells (row, column from 0) so filled, below the top
    row of their range."""
    data = workbook.get_sheet_by_name(name)
    if data.end and data.end[0] + 1 > MAX_ROWS:
        raise FileRefused("hoja-muy-grande", f'la hoja "{name}" tiene más de {MAX_ROWS:,} filas; es el máximo que se lee'.replace(",", "."))
    grid = [[_clean(v) for v in row] for row in data.to_python(skip_empty_area=False)]
    put_faults(grid, scan.sheet(name), None)
    width = max((len(r) for r in grid), default=0)
    for row in grid:
        row.extend([None] * (width - len(row)))
    below: set[tuple[int, int]] = set()
    for (r0, c0), (r1, c1) in data.merged_cell_ranges or []:
        if r0 >= len(grid) or c0 >= width:
            continue
        value = grid[r0][c0]
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                grid[r][c] = value
                if r > r0:
                    below.add((r, c))
    return grid, below


@dataclass
class Header:
    """The header row of a sheet and where each header text is."""

    row: int  # Excel row number
    texts: list[str]  # as written, by column index ("" when empty)
    by_name: dict[str, list[int]] = field(default_factory=dict)  # canonical -> column indexes
    width: int = 0  # the sheet's own columns; `texts` may go on with values from elsewhere
    first: int = 0  # headers are looked for from this column on (`columnas_desde`)

    @classmethod
    def at(cls, grid: list[list[object]], row: int, first: int = 0) -> "Header":
        cells = grid[row - 1] if 0 < row <= len(grid) else []
        texts = ["" if is_blank(v) else " ".join(str(v).split()) for v in cells]
        header = cls(row=row, texts=texts, width=len(texts), first=first)
        for index, text in enumerate(texts):
            if text:
                header.by_name.setdefault(canonical_name(text), []).append(index)
        return header

    def columns(self, text: str) -> list[int]:
        """The columns with this header: those of the block (`columnas_desde`) when
        it has any, so a header written in both blocks is the block's."""
        found = self.by_name.get(canonical_name(text), [])
        return [i for i in found if i >= self.first] or found

    def listing(self) -> str:
        return ", ".join(f'{column_letter(i)} "{t}"' for i, t in enumerate(self.texts[:self.width]) if t) or "ninguna"


def find_header(grid: list[list[object]], refs: list[str]) -> int:
    """The Excel row, within the first rows, holding most of the mapped header texts."""
    wanted = {canonical_name(_split_ref(ref)[0]) for ref in refs if not _LETTER.match(ref.strip())}
    best, best_row = 0, 1
    for r in range(min(MAX_HEADER_SEARCH, len(grid))):
        names = {canonical_name(v) for v in grid[r] if not is_blank(v)}
        score = len(wanted & names)
        if score > best:
            best, best_row = score, r + 1
    return best_row


def _split_ref(ref: str) -> tuple[str, int | None]:
    match = _OCCURRENCE.match(ref.strip())
    if match:
        return match["text"], int(match["n"])
    return ref, None


@dataclass
class Resolver:
    """Resolves column references against one sheet's header, reporting misses."""

    header: Header
    file: str
    sheet: str
    problems: Problems
    yml_file: str
    grid: list[list[object]] = field(default_factory=list)
    warned: set[str] = field(default_factory=set)

    def index(self, spec: ColumnSpec | None) -> int | None:
        if spec is None:
            return None
        if spec.source != "columna":
            return self._constant(spec)
        ref = spec.ref.strip()
        letter = _LETTER.match(ref)
        if letter:
            index = column_index(letter["letters"])
            if index >= self.header.width:
                self._missing(spec, f"la columna {letter['letters'].upper()} está vacía en toda la hoja")
                return None
            return index
        text, occurrence = _split_ref(ref)
        found = self.header.columns(text)
        if not found and occurrence is None:
            found = self.header.columns(ref)  # a header that really ends in "#2"
        if not found:
            self._missing(spec, f'no se encontró la columna "{ref}"')
            return None
        if occurrence is not None and not 1 <= occurrence <= len(found):
            self._missing(spec, f'el encabezado "{text}" aparece {len(found)} {"vez" if len(found) == 1 else "veces"}; no hay #{occurrence}')
            return None
        chosen = found[(occurrence or 1) - 1]
        if len(found) > 1:
            self._duplicate(text, found, chosen, occurrence)
        return chosen

    def _constant(self, spec: ColumnSpec) -> int | None:
        """A value that is the same on every row (valor, celda, hoja, titulo), put in a
        column of its own after the sheet's, named in messages by where it came from."""
        if spec.source == "valor":
            value = spec.arg
        elif spec.source == "hoja":
            value = self.sheet
        elif spec.source == "celda":
            r, c = spec.arg
            value = cell(self.grid[r], c) if r < len(self.grid) else None  # merged ranges are already filled
            if is_blank(value):
                self.problems.error("celda-vacia", self.file, f"la {spec.ref} está vacía y {spec.key} en plan.yml la pide",
                                    sheet=self.sheet, row=r + 1, column=spec.ref.removeprefix("celda "))
                return None
        else:
            value, place = self._title(spec.arg)
            if value is None:
                rows = f"las filas de título (1 a {self.header.row - 1})" if self.header.row > 2 else "la fila de título 1"
                what = f"ninguna celda de {rows} coincide" if self.header.row > 1 else "la hoja no tiene filas de título arriba de los encabezados (fila 1) que coincidan"
                self.problems.error("titulo-no-encontrado", self.file, f"{what} con el patrón de {spec.key} en plan.yml", sheet=self.sheet, row=1)
                return None
            spec = ColumnSpec(ref=f"título, celda {place}", key=spec.key, source=spec.source)
        self.header.texts.append(spec.ref)
        for row in self.grid:
            row.extend([None] * (len(self.header.texts) - 1 - len(row)))
            row.append(value)
        return len(self.header.texts) - 1

    def _title(self, pattern) -> tuple[object, str]:
        """The first cell above the header row the pattern finds: the text of its
        group `valor` if it has one, else the whole cell; and where it is ("A1")."""
        for r in range(min(self.header.row - 1, len(self.grid))):
            for c in range(self.header.width):
                value = self.grid[r][c]
                match = pattern.search(" ".join(str(value).split())) if not is_blank(value) else None
                if match is None:
                    continue
                text = match.group("valor") if "valor" in pattern.groupindex else match.string
                return (text.strip() or None), f"{column_letter(c)}{r + 1}"
        return None, ""

    def _duplicate(self, text: str, found: list[int], chosen: int, occurrence: int | None) -> None:
        key = canonical_name(text) if occurrence is not None else f"{canonical_name(text)}#sin-indice"
        if key in self.warned:
            return
        self.warned.add(key)
        letters = ", ".join(column_letter(i) for i in found)
        if occurrence is None:
            message = (f'el encabezado "{text}" aparece en {len(found)} columnas ({letters}); se usa la primera ({column_letter(chosen)}). '
                       f'Para otra escriba "{text}#2" o "col:{column_letter(found[1])}" en el mapeo')
        else:
            message = (f'el encabezado "{text}" aparece en {len(found)} columnas ({letters}); el mapeo las distingue con '
                       f'"{text}#1", "{text}#2"... (en los mensajes se nombran con su letra)')
        self.problems.warn("columna-repetida", self.file, message, sheet=self.sheet, row=self.header.row, column=self.header.texts[chosen] or None)

    def _missing(self, spec: ColumnSpec, what: str) -> None:
        close = near_miss(_split_ref(spec.ref)[0], [self.header.texts[i[0]] for i in self.header.by_name.values()])
        hint = f' ¿Quiso decir "{close}"?' if close else ""
        self.problems.error(
            "columna-faltante", self.file,
            f"{what} que pide {spec.key} en plan.yml.{hint} Las columnas de la fila {self.header.row} de la hoja son: {self.header.listing()}",
            sheet=self.sheet, row=self.header.row,
        )

    def written(self, index: int | None) -> str:
        """The header of a column as written, with its letter when the header is
        repeated ("L.B [T]"), or the letter alone when it has none."""
        if index is None:
            return ""
        text = self.header.texts[index] if index < len(self.header.texts) else ""
        if not text:
            return f"columna {column_letter(index)}"
        if len(self.header.by_name.get(canonical_name(text), [])) > 1:
            return f"{text} [{column_letter(index)}]"
        return text


def near_miss(wanted: str, present: list[str]) -> str | None:
    """The name among `present` the office most likely meant by `wanted`, compared
    like headers: the only one that contains it ("AVANCE META 2026 (diligenciar)" for
    "AVANCE META 2026"), else the only one it contains, else a close spelling with the
    same numbers (never "AVANCE 2025" for "AVANCE 2026")."""
    names = {canonical_name(p): p for p in present if p}
    text = canonical_name(wanted)
    if len(text) >= 4:
        for found in ([p for n, p in names.items() if text in n], [p for n, p in names.items() if len(n) >= 4 and n in text]):
            if found:
                return found[0] if len(found) == 1 else None
    digits = re.findall(r"\d+", text)
    close = difflib.get_close_matches(text, [n for n in names if re.findall(r"\d+", n) == digits], n=1, cutoff=0.75)
    return names[close[0]] if close else None


def cell(row: list[object], index: int | None) -> object:
    if index is None or index >= len(row):
        return None
    return row[index]


_TOTAL = re.compile(r"\b(sub)?totale?s?\b", re.IGNORECASE)


def says_total(row: list[object]) -> bool:
    return any(isinstance(v, str) and _TOTAL.search(v) for v in row)
