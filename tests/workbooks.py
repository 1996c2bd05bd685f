"""Tiny workbooks written by the tests themselves, as a planning office would send them."""

from __future__ import annotations

import re
import zipfile
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


def set_saved(path: Path, when: str) -> None:
    """Rewrite the book's last-saved date (docProps/core.xml dcterms:modified), which
    openpyxl always sets to now: `when` like "2026-03-14T10:00:00Z"."""
    with zipfile.ZipFile(path) as src:
        parts = [(info, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, content in parts:
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + when.encode(), content)
            dst.writestr(info, content)
