"""Checks on a file before any parser sees it (issue "Trust").

A planning office publishes whatever lands in the data folder, so a file that is
empty, huge, not what its name says, a zip bomb or an XML bomb is refused with a
Spanish message instead of hanging the build or crashing it.
"""

from __future__ import annotations

import xml.parsers.expat
import zipfile
import zlib
from pathlib import Path

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for members big enough to matter (legit sheets: 5-30)
RATIO_FLOOR_BYTES = 10 * 1024 * 1024
MAX_ZIP_MEMBERS = 10_000
MAX_PROLOG_BYTES = 1024 * 1024
MAX_ROWS = 500_000
# calamine fills a dense grid up to the farthest cell: two cells, at A1 and at XFD20000,
# take 10 GB. Refused before calamine opens the sheet (about 32 bytes a cell), by
# read/sheet_xml.py, which reads the sheets' XML.
MAX_GRID_CELLS = 6_000_000

_SIGNATURES = (
    (b"%PDF", "es un PDF"),
    (b"\xd0\xcf\x11\xe0", "es un libro de Excel 97-2003 (.xls) o está protegido con contraseña"),
    (b"PK\x03\x04", "es un archivo comprimido (zip o .xlsx)"),
    (b"\x89PNG", "es una imagen PNG"),
    (b"\xff\xd8\xff", "es una imagen JPEG"),
    (b"{\\rtf", "es un documento RTF"),
)


class FileRefused(Exception):
    """The file cannot be read safely or is not what its name says: the problem's
    `codigo` (problem_codes.CODES) and a Spanish `message`."""

    def __init__(self, codigo: str, message: str):
        super().__init__(message)
        self.codigo = codigo
        self.message = message


def check_row_count(count: int, what: str = "el archivo") -> None:
    if count > MAX_ROWS:
        limit = f"{MAX_ROWS:,}".replace(",", ".")
        raise FileRefused("hoja-muy-grande", f"{what} tiene más de {limit} filas; es el máximo que se lee")


def what_it_is(head: bytes) -> str | None:
    """What the first bytes say the file is, in Spanish, when recognisable."""
    for signature, description in _SIGNATURES:
        if head.startswith(signature):
            return description
    stripped = head.lstrip().lower()
    if stripped.startswith((b"<!doctype html", b"<html")):
        return "es una página web (HTML)"
    return None


def _looks_like_text(head: bytes) -> bool:
    return bool(head) and all(b >= 32 or b in b"\t\r\n" for b in head.removeprefix(b"\xef\xbb\xbf"))


def check_size(path: Path) -> None:
    size = path.stat().st_size
    if size == 0:
        raise FileRefused("archivo-vacio", "el archivo está vacío")
    if size > MAX_FILE_BYTES:
        raise FileRefused("archivo-muy-grande", f"el archivo pesa {size // (1024 * 1024)} MB; el máximo es {MAX_FILE_BYTES // (1024 * 1024)} MB")


def check_xlsx(path: Path) -> None:
    """Size, zip structure, expansion limits and no DTD in any XML part."""
    check_size(path)
    with open(path, "rb") as f:
        head = f.read(16)
    if not head.startswith(b"PK\x03\x04"):
        kind = what_it_is(head) or ("parece un archivo de texto (¿un CSV con otra extensión?)" if _looks_like_text(head) else None)
        raise FileRefused("tipo-de-archivo-equivocado", f"no es un libro de Excel .xlsx: {kind}" if kind else "no es un libro de Excel .xlsx válido")
    try:
        with zipfile.ZipFile(path) as archive:
            _check_members(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise FileRefused("archivo-danado", "el libro de Excel está dañado (el archivo .xlsx no se puede abrir)") from exc


def _check_members(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise FileRefused("archivo-no-seguro", "el libro de Excel tiene demasiadas partes internas; no parece un .xlsx normal")
    total = sum(m.file_size for m in members)
    if total > MAX_UNZIPPED_BYTES:
        raise FileRefused(
            "archivo-muy-grande",
            f"el libro de Excel ocupa {total // (1024 * 1024)} MB descomprimido; el máximo es "
            f"{MAX_UNZIPPED_BYTES // (1024 * 1024)} MB"
        )
    for member in members:
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise FileRefused("archivo-no-seguro", "el libro de Excel se expande de forma anómala al descomprimirlo (posible bomba zip)")
        if member.filename.endswith((".xml", ".rels", ".vml")):
            with archive.open(member) as stream:
                _check_xml_prolog(stream)


class _RootReached(Exception):
    pass


def _check_xml_prolog(stream) -> None:
    """Refuse a DOCTYPE (entity expansion, external entities); stop at the root element."""
    parser = xml.parsers.expat.ParserCreate()

    def refuse(*_args):
        raise FileRefused("archivo-no-seguro", "el libro de Excel contiene declaraciones XML (DOCTYPE/ENTITY) no permitidas")

    def root(*_args):
        raise _RootReached

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = root
    read = 0
    try:
        while read < MAX_PROLOG_BYTES:
            chunk = stream.read(64 * 1024)
            read += len(chunk)
            parser.Parse(chunk, not chunk)
            if not chunk:
                return
    except _RootReached:
        return
    except xml.parsers.expat.ExpatError as exc:
        raise FileRefused("archivo-danado", "el libro de Excel está dañado (una de sus partes XML no es válida)") from exc
    raise FileRefused("archivo-danado", "el libro de Excel está dañado (una de sus partes XML empieza de forma anómala)")


def check_text(path: Path) -> bytes:
    """Size and signature of a text file (CSV, YAML); returns its bytes."""
    check_size(path)
    data = path.read_bytes()
    kind = what_it_is(data[:16])
    if kind:
        raise FileRefused("tipo-de-archivo-equivocado", f"no es un archivo de texto: {kind}")
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRefused("tipo-de-archivo-equivocado", "no es un archivo de texto (contiene datos binarios)")
    return data


def decode_utf8(data: bytes, how_to_fix: str) -> str:
    """UTF-8 text (BOM dropped), or a refusal that names the first bad line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRefused("codificacion-no-utf8", f"está en UTF-16, no en UTF-8; {how_to_fix}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileRefused("codificacion-no-utf8", f"no está en UTF-8 (primer carácter no válido en la línea {line}); {how_to_fix}") from exc
