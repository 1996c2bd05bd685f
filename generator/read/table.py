"""The neutral shape every reader returns: located rows of raw cells.

A reader knows formats (xlsx, csv, a mapped real workbook) and nothing of the plan;
validation turns tables into the domain model. Column names are canonical (see
`canonical_name`) so `Código Meta`, `CODIGO-META` and `codigo_meta` are one column,
while `columns` keeps the header as the file writes it, for messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Row:
    number: int  # as Excel shows it (title rows included), or the CSV line number
    cells: dict[str, object]  # canonical column -> raw value (str, int, float, datetime, None)


@dataclass
class Table:
    file: str  # path as shown to the user, e.g. "data/sopo/metas.xlsx"
    sheet: str | None  # None for CSV
    header_row: int | None  # None when there is no header row (a mapping built the table)
    columns: dict[str, str] = field(default_factory=dict)  # canonical -> header as written
    rows: list[Row] = field(default_factory=list)

    def where(self, row: Row | None = None, column: str | None = None) -> dict:
        """Keyword arguments locating a Problem at a row and canonical column."""
        place: dict = {"sheet": self.sheet}
        if row is not None:
            place["row"] = row.number
        if column is not None:
            place["column"] = self.columns.get(column, column)
        return place
