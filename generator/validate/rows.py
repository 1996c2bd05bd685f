"""Reading the cells of a validated table's rows, each bad cell a located problem."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from generator.contract import PROGRAMADO_COLUMN
from generator.model import Source
from generator.problems import Problems
from generator.read.cells import INVISIBLE_DROPPED, CellError, has_invisible, parse_text
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
            self.error(exc.codigo, column, exc.message, self.raw(column))
            return None
        if (value is None or value == "") and required:
            self.error("celda-vacia", column, f"la celda está vacía; se esperaba {required}")
        elif has_invisible(self.raw(column)):
            self.warn("texto-invisible", column, INVISIBLE_DROPPED)
        return value

    def error(self, codigo: str, column: str, message: str, value: object = None) -> None:
        place = self.table.where(self.row, column)
        self.problems.error(codigo, place.pop("file", self.table.file), message, value=value, **place)

    def warn(self, codigo: str, column: str, message: str) -> None:
        place = self.table.where(self.row, column)  # "file": a row another book gave (mapeo.libros)
        self.problems.warn(codigo, place.pop("file", self.table.file), message, value=self.raw(column), **place)

    def extra(self, known: set[str]) -> dict[str, str]:
        """The other columns as text (they are published); a faulty cell is a problem."""
        extra = {}
        for name, value in self.row.cells.items():
            if name in known or PROGRAMADO_COLUMN.fullmatch(name):
                continue
            try:
                text = parse_text(value)
            except CellError as exc:
                self.error(exc.codigo, name, exc.message, value)
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
            "columna-faltante", table.file, f"faltan columnas obligatorias: {', '.join(missing)}. Las columnas del archivo son: {found}",
            sheet=table.sheet, row=table.header_row,
        )

