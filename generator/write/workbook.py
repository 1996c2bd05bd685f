"""Saving openpyxl workbooks byte for byte reproducibly.

openpyxl stamps the document properties (it overwrites `modified` while saving) and
every zip entry with the current time, so two builds of the same data would differ. A published site must be verifiable
against its repository, so every workbook we write goes through `save_workbook`.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

from generator.contract import corte_end, parse_corte_id

def corte_timestamp(corte_id: str) -> datetime:
    """The first day after a valid corte's quarter: the fixed date stamped in the
    workbooks of that corte, so that the same data always gives the same bytes."""
    end = corte_end(*parse_corte_id(corte_id)) + timedelta(days=1)
    return datetime(end.year, end.month, end.day)


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


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
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                content = _MODIFIED.sub(rb"\g<1>" + iso + rb"\g<2>", content)
            dst.writestr(fixed, content)
    return path
