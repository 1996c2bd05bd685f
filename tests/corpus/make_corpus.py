"""Broken and hostile input files: how the regression corpus in archivos/ was made.

The tests read the committed files in tests/corpus/archivos/ and expect a located
Problem for each, never an exception or a hang. To add a case, add a maker here and
write it into the corpus: `python tests/corpus/make_corpus.py tests/corpus/archivos`
(existing files are rewritten; commit only the new one).
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import openpyxl

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">\n' for i in range(1, 10))
    + "]>\n"
)


def small_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["codigo_meta", "vigencia", "ejecutado"])
    sheet.append(["M1", 2021, 5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def far_cell() -> bytes:
    """Two cells, at A1 and XFD20000: a dense grid of 327 million cells (10 GB in calamine)."""
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "codigo_meta"
    workbook.active["XFD20000"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_member(workbook: bytes, name: str, rewrite) -> bytes:
    """The workbook with member `name` replaced by rewrite(old bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item.filename, rewrite(data) if item.filename == name else data)
    return out.getvalue()


def xml_bomb() -> bytes:
    def add_doctype(xml: bytes) -> bytes:
        body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
        return LAUGHS.encode() + body.replace(b"<v>5</v>", b"<v>&lol9;</v>")

    return with_member(small_workbook(), "xl/worksheets/sheet1.xml", add_doctype)


def zip_bomb() -> bytes:
    """A workbook with one member of 12 MB of zeros (compresses about 1000 to 1)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(small_workbook())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item))
        dst.writestr("xl/media/relleno.bin", b"\0" * (12 * 1024 * 1024))
    return out.getvalue()


SAMPLES = {
    "vacio.xlsx": lambda: b"",
    "vacio.csv": lambda: b"",
    "pdf-renombrado.xlsx": lambda: b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
    "zip-danado.xlsx": lambda: small_workbook()[:400],
    "csv-renombrado.xlsx": lambda: "codigo_meta;vigencia;ejecutado\nM1;2021;5\n".encode(),
    "bomba-xml.xlsx": xml_bomb,
    "bomba-zip.xlsx": zip_bomb,
    "celda-lejana.xlsx": far_cell,
    "windows-1252.csv": lambda: "codigo_meta;vigencia;ejecutado\nM1;2021;5\nM2;2021;Ejecución\n".encode("cp1252"),
    "xlsx-renombrado.csv": small_workbook,
    "plan-roto.yml": lambda: "nombre: Plan\nperiodo: [2020, 2023\nniveles: [eje]\n".encode(),
    "plan-tabulador.yml": lambda: "nombre: Plan\nestructura:\n\t- codigo: 1\n".encode(),
    "plan-alias.yml": lambda: "a: &x [1, 2]\nb: [*x, *x]\n".encode(),
    "plan-anidado.yml": lambda: ("nombre: " + "[" * 100_000 + "]" * 100_000 + "\n").encode(),  # crashed libyaml
}


def make_corpus(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, make in SAMPLES.items():
        paths[name] = folder / name
        paths[name].write_bytes(make())
    return paths


if __name__ == "__main__":
    for path in make_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")).values():
        print(path)
