"""The tables a mapped plan gives, and the merge of several books into one plan.

Rows of a mapped table know their sheet (several sheets concatenate into one table)
and, when several books make one plan (`mapeo.libros`), their book; a cell another
book completed (programado_2025 from the 2025 book) knows where it came from, so
every problem still names the file, sheet, row and column of its cell.

Books merge by meta code: the first book that has a meta gives its row, later books
fill the cells it leaves empty (another year's programado), and a cell two books
fill with different values is an error at the later one. Cortes merge the same way:
a meta reported in the same corte by two books must say the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from generator.problems import Problems
from generator.read.cells import CellError, is_blank, parse_number
from generator.read.table import Row, Table

_SHOWN_CHARS = 60


@dataclass
class MappedRow(Row):
    """A row that knows its sheet and book and, for derived cells, the columns they
    came from."""

    sheet: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    file: str | None = None  # None: the table's file
    origins: dict[str, tuple[str, str | None, int, str]] = field(default_factory=dict)  # key -> (file, sheet, row, header)


@dataclass
class MappedTable(Table):
    def where(self, row: Row | None = None, column: str | None = None) -> dict:
        """As Table.where, plus `file` when the row or cell comes from another book."""
        place = super().where(row, column)
        if not isinstance(row, MappedRow):
            return place
        if row.sheet is not None:
            place["sheet"] = row.sheet
        if column is not None and column in row.headers:
            place["column"] = row.headers[column]
        file = row.file
        if column in row.origins:
            file, place["sheet"], place["row"], place["column"] = row.origins[column]
        if file is not None and file != self.file:
            place["file"] = file
        return place


def merge_books(read: list[tuple[Table | None, dict[str, Table]]], problems: Problems) -> tuple[Table | None, dict[str, Table]]:
    """One metas table and one table per corte from every book's own."""
    if any(metas is None for metas, _ in read):
        return None, {}  # a book could not be read: its errors are already there
    books = [metas for metas, _ in read]
    metas = MappedTable(file=books[0].file, sheet=books[0].sheet, header_row=books[0].header_row)
    _merge(books, metas, problems, fill=True)
    cortes: dict[str, list[Table]] = {}
    for _, found in read:
        for corte, table in found.items():
            cortes.setdefault(corte, []).append(table)
    merged = {}
    for corte, tables in sorted(cortes.items()):
        merged[corte] = MappedTable(file=tables[0].file, sheet=tables[0].sheet, header_row=None)
        _merge(tables, merged[corte], problems, fill=False)
    return metas, merged


def _merge(tables: list[Table], out: MappedTable, problems: Problems, fill: bool) -> None:
    """Rows of `tables` into `out` by meta code. `fill`: a later book completes the
    empty cells of a meta (metas); otherwise its row is dropped (cortes). Repeated
    codes within one book stay: validation reports them."""
    first: dict[str, MappedRow] = {}
    for table in tables:
        for key, header in table.columns.items():
            out.columns.setdefault(key, header)
        for row in table.rows:
            if not isinstance(row, MappedRow):
                continue
            row.file = table.file
            row.headers = {**{k: table.columns.get(k, k) for k in row.cells}, **row.headers}
            code = str(row.cells.get("codigo_meta"))
            kept = first.get(code)
            if kept is None or kept.file == row.file:
                first.setdefault(code, row)
                out.rows.append(row)
                continue
            _combine(kept, row, problems, fill)


def _combine(kept: MappedRow, other: MappedRow, problems: Problems, fill: bool) -> None:
    for key, value in other.cells.items():
        if is_blank(value):
            continue
        current = kept.cells.get(key)
        if is_blank(current):
            if fill:
                kept.cells[key] = value
                kept.origins[key] = (other.file or "", other.sheet, other.number, other.headers.get(key, key))
            continue
        if _same(current, value):
            continue
        file, sheet, number, _ = kept.origins.get(key, (kept.file or "", kept.sheet, kept.number, ""))
        shown = " ".join(str(current).split())[:_SHOWN_CHARS]
        problems.error("conflicto-entre-libros", other.file or "", f'la meta {kept.cells.get("codigo_meta")} dice otra cosa en '
                       f'{file} (hoja "{sheet}", fila {number}): "{shown}"; los libros de un plan deben decir lo mismo de cada meta, '
                       "corrija uno de los dos", sheet=other.sheet, row=other.number, column=other.headers.get(key, key), value=value)


def _same(a: object, b: object) -> bool:
    try:
        x, y = parse_number(a), parse_number(b)
    except CellError:
        return " ".join(str(a).split()).casefold() == " ".join(str(b).split()).casefold()
    return x is not None and y is not None and math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9)
