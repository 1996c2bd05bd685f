"""Read one sheet of an .xlsx workbook into a `Table` (python-calamine, after safety checks).

The sheet is the one plan.yml names (`hojas:`), or else the first visible one: offices
keep hidden helper sheets (lists for drop-downs) in front of the data; an aviso names
the hidden sheets not read. Hidden rows are data (an aviso lists those read). Formulas
without a cached value and error cells reach validation as `CellFault`s.
"""

from __future__ import annotations

from pathlib import Path

import python_calamine

from generator.problems import Problem
from generator.read.grid import grid_to_table
from generator.read.safety import FileRefused, check_row_count
from generator.read.sheet_xml import hidden_rows_read, hidden_sheets_skipped, put_faults, scan_xlsx
from generator.read.table import Table


def read_xlsx(path: Path, display: str, expected: set[str], sheet: str | None = None) -> tuple[Table, list[Problem]]:
    """Raises FileRefused when the workbook cannot be read at all."""
    scan = scan_xlsx(path)
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError as exc:
        raise FileRefused("libro-con-contrasena", "el libro de Excel está protegido con contraseña; guárdelo sin contraseña") from exc
    except Exception as exc:  # calamine raises several types for damaged workbooks
        raise FileRefused("archivo-danado", "el libro de Excel está dañado o no se puede leer") from exc
    try:
        name, hidden = _sheet_name(workbook, sheet)
        data = workbook.get_sheet_by_name(name)
        check_row_count(data.end[0] + 1 if data.end else 0, f'la hoja "{name}"')
        grid = data.to_python(skip_empty_area=False)
    except FileRefused:
        raise
    except Exception as exc:
        raise FileRefused("archivo-danado", "el libro de Excel está dañado o no se puede leer") from exc
    finally:
        workbook.close()
    sheet_scan = scan.sheet(name)
    put_faults(grid, sheet_scan, "")
    table, problems = grid_to_table(display, name, enumerate(grid, start=1), expected)
    problems += hidden_sheets_skipped(display, hidden)
    problems += hidden_rows_read(display, name, sheet_scan, [row.number for row in table.rows])
    return table, problems


def _sheet_name(workbook, wanted: str | None) -> tuple[str, list[str]]:
    """The sheet to read, and the hidden sheets left unread."""
    sheets = [m for m in workbook.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet]
    if wanted is not None:
        if wanted in (m.name for m in sheets):
            return wanted, []
        names = ", ".join(f'"{m.name}"' for m in sheets) or "ninguna"
        raise FileRefused("hoja-inexistente", f'no tiene la hoja "{wanted}" que indica plan.yml; las hojas del libro son: {names}')
    visible = [m.name for m in sheets if m.visible == python_calamine.SheetVisibleEnum.Visible]
    if not visible:
        raise FileRefused("sin-hojas-visibles", "el libro de Excel no tiene ninguna hoja visible")
    return visible[0], [m.name for m in sheets if m.name not in visible]
