"""A grid of numbered rows (from xlsx or CSV) to a `Table`: find the header, name columns.

The header row is the one, within the first 20, that names the most expected columns,
so title rows (entity, logo, date) above it are allowed.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from generator.names import canonical_name
from generator.problems import Problem
from generator.read.cells import CellFault, is_blank, parse_text
from generator.read.safety import check_row_count
from generator.read.table import Row, Table

HEADER_SEARCH_ROWS = 20

NumberedRow = tuple[int, list]

WIDE_ROW = (
    "la fila tiene más celdas que la fila de encabezados; si escribió números con coma decimal, "
    "póngalos entre comillas o use punto y coma (;) como separador"
)


def grid_to_table(
    file: str, sheet: str | None, rows: Iterable[NumberedRow], expected: set[str], strict_width: bool = False
) -> tuple[Table, list[Problem]]:
    """`rows` are (row number as Excel shows it, cells); blank rows anywhere are skipped.

    With `strict_width` (CSV), a row with values beyond the last header is a problem:
    it is almost always an unquoted decimal comma ("12,5" split into two cells).
    """
    rows = _non_blank(rows)
    head = [row for _, row in zip(range(HEADER_SEARCH_ROWS), rows)]
    table = Table(file=file, sheet=sheet, header_row=None)
    if not head:
        return table, [Problem(file, "el archivo no tiene datos: se esperaba una fila de encabezados", sheet=sheet,
                               codigo="archivo-vacio")]
    header_at = _header_index(head, expected)
    number, header = head[header_at]
    table.header_row = number
    positions, problems = _columns(table, header)
    width = max((i + 1 for i, c in enumerate(header) if not is_blank(c)), default=0)
    for number, cells in _chain(head[header_at + 1 :], rows):
        if strict_width and not all(is_blank(c) for c in cells[width:]):
            problems.append(Problem(file, WIDE_ROW, sheet=sheet, row=number, codigo="fila-con-celdas-de-mas"))
        values = {name: cells[i] if i < len(cells) else None for i, name in positions}
        if not all(is_blank(v) for v in values.values()):
            table.rows.append(Row(number, values))
    return table, problems


def _non_blank(rows: Iterable[NumberedRow]) -> Iterator[NumberedRow]:
    for count, (number, cells) in enumerate(rows, start=1):
        check_row_count(count)
        if not all(is_blank(c) for c in cells):
            yield number, cells


def _chain(first: list[NumberedRow], rest: Iterator[NumberedRow]) -> Iterator[NumberedRow]:
    yield from first
    yield from rest


def _header_index(head: list[NumberedRow], expected: set[str]) -> int:
    scores = [sum(canonical_name(_header_text(c)) in expected for c in cells) for _, cells in head]
    best = max(scores)
    return scores.index(best) if best > 0 else 0


def _header_text(cell: object) -> str:
    return "" if isinstance(cell, CellFault) else parse_text(cell)


def _columns(table: Table, header: list) -> tuple[list[tuple[int, str]], list[Problem]]:
    """Column positions by canonical name; a repeated header is a problem, not a silent loss."""
    positions: list[tuple[int, str]] = []
    problems: list[Problem] = []
    for index, cell in enumerate(header):
        if isinstance(cell, CellFault):
            problems.append(Problem(table.file, f"{cell.message}; un encabezado debe ser texto", sheet=table.sheet,
                                    row=table.header_row, value=cell, codigo=cell.codigo))
            continue
        written = parse_text(cell)
        name = canonical_name(written)
        if not name:
            continue
        if name in table.columns:
            problems.append(Problem(
                table.file, f"la columna está repetida (también se llama así la columna {table.columns[name]!r}); "
                "se esperaba un solo encabezado con ese nombre",
                sheet=table.sheet, row=table.header_row, column=written, codigo="columna-repetida",
            ))
            continue
        table.columns[name] = written
        positions.append((index, name))
    return positions, problems
