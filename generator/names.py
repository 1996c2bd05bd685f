"""How names are compared and turned into URLs: one accent folding for the whole tool.

`fmt_date` writes a date in Spanish words, as pages and capture sheets say it.
`canonical_name` is how headers and keywords are compared; `name_key` is how grouped
names (dependencia, sector, territorio, fuente) are: two spellings with one key are one
thing. `slugify` is the one slug rule for file names, folder names and HTML ids. All
fold accents with `fold_accents`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

MESES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "octubre", "noviembre", "diciembre",
)

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SEPARATORS = re.compile(r"[\s\-._]+")


def fold_accents(text: str) -> str:
    """ "Educación" -> "Educacion": every combining mark dropped (ñ becomes n)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def ascii_only(text: str) -> str:
    """Accents folded and any other non-ASCII character dropped (not a separator)."""
    return fold_accents(text).encode("ascii", "ignore").decode("ascii")


def canonical_name(text: object) -> str:
    """Header or keyword as compared: no case, accents, spaces, hyphens or dots.

    >>> canonical_name(" Código-Meta ")
    'codigo_meta'
    >>> canonical_name("REDUCCIÓN")
    'reduccion'
    """
    return _SEPARATORS.sub("_", fold_accents(str(text)).lower()).strip("_")


def _edge(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in "PZC"


def name_key(text: object) -> str:
    """Identity of a grouped name: `canonical_name` of it without the punctuation and
    spaces at either end, so "Secretaría de Salud", "Secretaría de Salud," and
    "SECRETARÍA DE SALUD" are one dependencia. A name of punctuation only ("***") keeps
    it; a blank name has the key "".

    >>> name_key("Secretaría de Salud, ") == name_key("SECRETARÍA DE SALUD")
    True
    """
    written = str(text)
    start, end = 0, len(written)
    while start < end and _edge(written[start]):
        start += 1
    while end > start and _edge(written[end - 1]):
        end -= 1
    return canonical_name(written[start:end] or written.strip())


def slugify(text: str) -> str:
    """`"Secretaría de Educación"` -> `secretaria-de-educacion`: accents dropped, lower
    case, each run of anything else than [a-z0-9] one "-", none at either end; "" when
    nothing is left."""
    return _NOT_SLUG.sub("-", fold_accents(text).lower()).strip("-")


def fmt_date(day: date) -> str:
    """A date in words: 2021-07-15 -> "15 de julio de 2021"."""
    return f"{day.day} de {MESES[day.month - 1]} de {day.year}"
