"""Read a CSV file into a `Table`: UTF-8 (BOM accepted), separator detected.

Excel in Spanish saves CSV with `;` and, unless told "CSV UTF-8", in Windows-1252:
that is refused with the menu option to use, rather than guessed and mangled.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterator

from generator.names import canonical_name
from generator.problems import Problem
from generator.read.grid import HEADER_SEARCH_ROWS, grid_to_table
from generator.read.safety import FileRefused, check_text, decode_utf8
from generator.read.table import Table

SEPARATORS = (",", ";", "\t")
SAVE_AS_UTF8 = 'en Excel use "Guardar como" y elija "CSV UTF-8 (delimitado por comas)"'


def read_csv(path: Path, display: str, expected: set[str]) -> tuple[Table, list[Problem]]:
    """Raises FileRefused when the file cannot be read at all."""
    text = decode_utf8(check_text(path), SAVE_AS_UTF8)
    separator = detect_separator(text, expected)
    try:
        return grid_to_table(display, None, numbered_records(text, separator), expected, strict_width=True)
    except csv.Error as exc:
        raise FileRefused("csv-no-valido", "no se puede leer como CSV: hay una comilla sin cerrar o una celda demasiado larga") from exc


def numbered_records(text: str, separator: str) -> Iterator[tuple[int, list]]:
    """Records with the line each starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    start = 1
    for cells in reader:
        yield start, [cell if cell.strip() else None for cell in cells]
        start = reader.line_num + 1


def detect_separator(text: str, expected: set[str]) -> str:
    """The separator whose reading names the most expected columns in the first rows;
    on a tie, the one that splits the first line into more cells."""
    head = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])

    def score(separator: str) -> tuple[int, int]:
        rows = list(csv.reader(io.StringIO(head), delimiter=separator))
        named = max((sum(canonical_name(c) in expected for c in row) for row in rows), default=0)
        width = len(rows[0]) if rows else 0
        return named, width

    try:
        return max(SEPARATORS, key=score)
    except csv.Error:
        return ","
