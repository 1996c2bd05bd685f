"""How names are compared and turned into URLs: one accent folding for the whole tool.

`fmt_date` writes a date in Spanish words, as pages and capture sheets say it.
`canonical_name` is how headers and keywords are compared; `name_key` is how grouped
names (dependencia, sector, territorio, fuente) are: two spellings with one key are one
thing. `slugify` is the one slug rule for file names, folder names and HTML ids. All
fold accents with `fold_accents`. `INVISIBLE` is the one list of characters a reader
cannot see: codes holding one are refused, texts lose them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date

MESES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "octubre", "noviembre", "diciembre",
)

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SEPARATORS = re.compile(r"[\s\-._]+")

# C0 and C1 controls but tab and line breaks (NUL, ESC...), soft hyphen, zero-width
# spaces and joiners, left/right marks, bidi embeddings, overrides and isolates, line
# and paragraph separators, word joiner and invisible operators, BOM, tag characters.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
MAX_SLUG = 60


def visible(text: str) -> str:
    """The text without INVISIBLE characters."""
    return INVISIBLE.sub("", text)


def show_invisible(text: str) -> str:
    """Each INVISIBLE character as <U+XXXX>, so a message can show where it is.

    >>> show_invisible("1.1\u200b")
    '1.1<U+200B>'
    """
    return INVISIBLE.sub(lambda m: f"<U+{ord(m[0]):04X}>", text)


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
    nothing is left. At most MAX_SLUG characters: a longer slug keeps its start and
    ends with a hash of the whole text, so two long texts with the same start differ.

    >>> len(slugify("x" * 300)), slugify("x" * 300) == slugify("x" * 299 + "y")
    (60, False)
    """
    slug = _NOT_SLUG.sub("-", fold_accents(text).lower()).strip("-")
    if len(slug) <= MAX_SLUG:
        return slug
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return slug[: MAX_SLUG - len(digest) - 1].rstrip("-") + "-" + digest


def fmt_date(day: date) -> str:
    """A date in words: 2021-07-15 -> "15 de julio de 2021"."""
    return f"{day.day} de {MESES[day.month - 1]} de {day.year}"
