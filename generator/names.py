"""How names are compared and turned into URLs: one accent folding for the whole tool.

`canonical_name` is how headers, keywords and grouped names (dependencia, sector,
territorio, fuente) are compared; `slugify` is the one slug rule for file names, folder
names and HTML ids. Both fold accents with `fold_accents`.
"""

from __future__ import annotations

import re
import unicodedata

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


def slugify(text: str) -> str:
    """`"Secretaría de Educación"` -> `secretaria-de-educacion`: accents dropped, lower
    case, each run of anything else than [a-z0-9] one "-", none at either end; "" when
    nothing is left."""
    return _NOT_SLUG.sub("-", fold_accents(text).lower()).strip("-")
