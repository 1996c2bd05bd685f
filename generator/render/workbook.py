"""Saving openpyxl workbooks byte for byte reproducibly.

openpyxl stamps the document properties and every zip entry with the current time,
so two builds of the same data would differ. A published site must be verifiable
against its repository, so every workbook we write goes through `save_workbook`.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook


def save_workbook(wb: Workbook, path: Path, when: datetime) -> Path:
    """Save `wb` to `path` with every timestamp set to `when`."""
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.lastModifiedBy = None
    wb.properties.creator = "rendicion-cuentas"
    raw = io.BytesIO()
    wb.save(raw)
    raw.seek(0)
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return path
