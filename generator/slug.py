"""The one slug rule: file names, folder names and HTML ids made of [a-z0-9-] only."""

from __future__ import annotations

import re
import unicodedata

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """`"Secretaría de Educación"` -> `secretaria-de-educacion`: accents dropped, lower
    case, each run of anything else than [a-z0-9] one "-", none at either end; "" when
    nothing is left."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return _NOT_SLUG.sub("-", plain).strip("-")
