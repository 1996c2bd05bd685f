"""Tiny workbooks written by the tests themselves, as a planning office would send them."""

from __future__ import annotations

from pathlib import Path

import openpyxl


def write_workbook(path: Path, sheets: dict[str, list[list]], merges: dict | None = None,
                   hidden: tuple[str, ...] = ()) -> Path:
    """One sheet per entry of `sheets` (rows as lists), with merged ranges per sheet and
    hidden sheets when asked."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(title, []):
            ws.merge_cells(rng)
        if title in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path
