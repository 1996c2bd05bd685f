"""Reading the cells of a validated table's rows, each bad cell a located problem."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from generator.contract import PROGRAMADO_COLUMN
from generator.model import Source
from generator.problems import Problems
from generator.read.cells import CellError, parse_text
from generator.read.table import Row, Table


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
            self.error(column, exc.message, self.raw(column), exc.codigo)
            return None
        if (value is None or value == "") and required:
            self.error(column, f"la celda está vacía; se esperaba {required}")
        return value

    def error(self, column: str, message: str, value: object = None, codigo: str = "") -> None:
        self.problems.error(self.table.file, message, value=value, codigo=codigo, **self.table.where(self.row, column))

    def warn(self, column: str, message: str) -> None:
        self.problems.warn(self.table.file, message, value=self.raw(column), **self.table.where(self.row, column))

    def extra(self, known: set[str]) -> dict[str, str]:
        """The other columns as text (they are published); a faulty cell is a problem."""
        extra = {}
        for name, value in self.row.cells.items():
            if name in known or PROGRAMADO_COLUMN.fullmatch(name):
                continue
            try:
                text = parse_text(value)
            except CellError as exc:
                self.error(name, exc.message, value, exc.codigo)
                continue
            if text:
                extra[self.table.columns.get(name, name)] = text
        return extra

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

