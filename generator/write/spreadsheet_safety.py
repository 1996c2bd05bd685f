"""Text from the data must never be evaluated by a spreadsheet.

A meta's name, a dependencia or an observation comes from a file anyone in the
office (or outside it) may have written. A spreadsheet opening our files would take
text starting with `=`, `+`, `-` or `@` (and, in some programs, a tab or a carriage
return) as a formula: CSV/formula injection. How each format is protected:

- CSV: `neutralise(value)` prefixes such text with `'`, the convention spreadsheet
  programs show as "this is text" (contract section 7).
- XLSX: `write_value(sheet, row, col, value)` (XlsxWriter, the site's workbooks) and
  `write_cell(cell, value)` (openpyxl, the capture sheets) keep the text exactly as it
  is and store it as a string cell, so the saved XML holds a shared string and never an
  `<f>` formula element. Characters the XLSX format cannot hold (control characters)
  are dropped instead of letting the writer fail, and text is cut at Excel's cell limit.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_MAX_CELL_CHARS = 32_767
# The control characters XML 1.0, and so an XLSX cell, cannot hold (tab, line feed and
# carriage return it can): openpyxl's ILLEGAL_CHARACTERS_RE, without importing openpyxl
# (and numpy) into every build for one pattern.
XLSX_ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_formula_like(value: object) -> bool:
    """Text a spreadsheet would evaluate (or treat as a formula) if typed in a cell."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralise(value: object) -> object:
    """For CSV: formula-like text with a leading `'`; anything else unchanged.

    >>> neutralise("=1+1")
    "'=1+1"
    >>> neutralise("Construir 3 km")
    'Construir 3 km'
    >>> neutralise(-5)
    -5
    """
    return "'" + value if is_formula_like(value) else value


def xlsx_text(value: str) -> str:
    """Text as an XLSX cell can hold it: no control characters, at most 32 767 chars."""
    return XLSX_ILLEGAL_CHARACTERS.sub("", value)[:EXCEL_MAX_CELL_CHARS]


def write_cell(cell, value: object) -> None:
    """Write `value` into an openpyxl cell; text is always stored as text, never a formula."""
    if isinstance(value, str):
        cell.value = xlsx_text(value)
        cell.data_type = "s"
    else:
        cell.value = value


def write_value(sheet, row: int, col: int, value: object, cell_format=None) -> None:
    """Write `value` at (row, col), counted from 0, of an XlsxWriter sheet: text always
    as text, never a formula; numbers and booleans as such; None and empty text as an
    empty cell."""
    if isinstance(value, str):
        value = xlsx_text(value) or None
    if isinstance(value, str):
        sheet.write_string(row, col, value, cell_format)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, cell_format)
    elif isinstance(value, (int, float)):
        sheet.write_number(row, col, value, cell_format)
    elif value is None:
        sheet.write_blank(row, col, None, cell_format)
    else:
        raise TypeError(f"celda de tipo {type(value).__name__}")
