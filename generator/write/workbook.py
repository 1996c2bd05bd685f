"""Writing workbooks byte for byte reproducibly.

A published site must be verifiable against its repository, so two builds of the same
data give the same bytes. The site's workbooks (open data, alert reports) are written
with XlsxWriter (`new_workbook`): its zip entries carry a fixed date and its document
dates are the one given. The capture sheets, which need openpyxl's data validation
and protection as they are, go through `save_workbook`: openpyxl stamps the document
properties (it overwrites `modified` while saving) and every zip entry with the
current time, which it puts right.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import xlsxwriter

from generator.contract import corte_end, parse_corte_id

if TYPE_CHECKING:  # openpyxl (and numpy with it) is imported only where capture sheets are made
    from openpyxl import Workbook

def corte_timestamp(corte_id: str) -> datetime:
    """The first day after a valid corte's quarter: the fixed date stamped in the
    workbooks of that corte, so that the same data always gives the same bytes."""
    end = corte_end(*parse_corte_id(corte_id)) + timedelta(days=1)
    return datetime(end.year, end.month, end.day)


# Text stays text: nothing a cell holds is read as a number, a formula or a link.
_XLSXWRITER_OPTIONS = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                       "strings_to_urls": False}


def new_workbook(path: Path, when: datetime, title: str = "") -> xlsxwriter.Workbook:
    """An XlsxWriter workbook that `close()` writes to `path`, dated `when`. XlsxWriter
    writes cells as they come instead of building them all first: the site's workbooks
    take less than half of openpyxl's time (0.6 s against 1.4 s for the demo's tables)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), _XLSXWRITER_OPTIONS)
    wb.set_properties({"created": when, "author": "rendicion-cuentas", "title": title})
    return wb


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
