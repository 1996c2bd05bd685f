"""The site's public address (`--site-url`), checked before anything is built.

MkDocs writes it into sitemap.xml and the canonical links; Material's instant
navigation only takes over the clicks on pages the sitemap lists, and the pages'
og:url is built from it. A wrong address would publish broken links on every page,
so it must be an absolute http or https address of a server, with no query or
fragment; it always ends in "/".
"""

from __future__ import annotations

from urllib.parse import urlsplit

from generator.problems import Problems
from generator.read.cells import CellError, parse_url

OPTION = "--site-url"
EXPECTED = "se esperaba la dirección completa donde se publica el sitio, p. ej. https://www.ejemplo.gov.co/rendicion/"


def validate_site_url(value: str, problems: Problems) -> str | None:
    """`value` as MkDocs's site_url (ending in "/"), or None with an error in `problems`."""
    try:
        url = parse_url(value)
    except CellError:
        url = None
    parts = urlsplit(url) if url else None
    if parts is None or not parts.hostname or parts.query or parts.fragment or "@" in parts.netloc:
        problems.error("direccion-del-sitio-no-valida", OPTION, f"no es una dirección web válida para el sitio; {EXPECTED}",
                       value=value)
        return None
    return url if url.endswith("/") else url + "/"
