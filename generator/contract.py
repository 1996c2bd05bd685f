"""The contract's names (CONTRACT.md sections 1, 3, 4 and 6): the columns each input
table is read by, corte ids and the share of the year each quarter closes.

One owner for these: readers, validation, computation, writers and pages import them
from here and never spell a column list or parse a corte id themselves.
"""

from __future__ import annotations

import re
from datetime import date

METAS_REQUIRED = ("codigo_meta", "codigo_padre", "meta", "indicador", "meta_cuatrienio")
# Columns with a field of Meta / Reporte; any other column is kept in `extra`.
METAS_FIELDS = set(METAS_REQUIRED) | {"unidad", "linea_base", "tipo", "peso", "dependencia", "sector", "territorio"}
METAS_NAMED_EXTRAS = {"ods", "programa"}  # named by the contract, kept in `extra`
AVANCES_REQUIRED = ("codigo_meta", "vigencia", "ejecutado")
AVANCES_FIELDS = set(AVANCES_REQUIRED) | {"observaciones", "evidencia", "recursos_programados", "recursos_comprometidos",
                                        "recursos_ejecutados"}
PRESUPUESTO_REQUIRED = ("codigo_meta", "vigencia", "fuente", "programado")
PRESUPUESTO_FIELDS = set(PRESUPUESTO_REQUIRED) | {"comprometido", "pagado", "territorio"}
REPROGRAMACIONES_REQUIRED = ("codigo_meta", "fecha", "campo", "valor_anterior", "valor_nuevo", "justificacion")
REPROGRAMACIONES_FIELDS = set(REPROGRAMACIONES_REQUIRED) | {"acto"}
# seguimiento.xlsx|csv: the dependencias' commitments on lagging metas (Pasto's PE-P-004, step 8).
SEGUIMIENTO_REQUIRED = ("codigo_meta", "corte", "compromiso", "responsable", "fecha_compromiso")
SEGUIMIENTO_FIELDS = set(SEGUIMIENTO_REQUIRED) | {"causa", "cumplido"}

# "programado_2021": the column (and field) of a meta's programado for one vigencia.
PROGRAMADO_COLUMN = re.compile(r"programado_(\d{4})")

# Share of the year elapsed at each quarter's corte (contract section 6, rezagada).
QUARTER_SHARE = {1: 0.25, 2: 0.5, 3: 0.75, 4: 1.0}
# (day, month) each quarter closes on.
QUARTER_END = {1: (31, 3), 2: (30, 6), 3: (30, 9), 4: (31, 12)}

_CORTE_ID = re.compile(r"(\d{4})-[tT]([1-4])")


def parse_corte_id(text: str) -> tuple[int, int] | None:
    """(vigencia, trimestre) of a corte id like "2021-T3" (also "2021-t3"), or None.
    The whole text must be the id: callers that accept surrounding spaces strip first."""
    match = _CORTE_ID.fullmatch(text)
    return (int(match[1]), int(match[2])) if match else None


def corte_id(name: str) -> str | None:
    """ "2021-T3" (also "2021-t3") as the corte id "2021-T3"; None if it is not one."""
    parts = parse_corte_id(name)
    return f"{parts[0]:04d}-T{parts[1]}" if parts else None


def corte_end(vigencia: int, trimestre: int) -> date:
    """The day a corte closes on: 2021-T3 -> 2021-09-30."""
    day, month = QUARTER_END[trimestre]
    return date(vigencia, month, day)


def metas_columns(years: list[int]) -> set[str]:
    """Canonical columns a metas header row is recognised by."""
    return METAS_FIELDS | METAS_NAMED_EXTRAS | {f"programado_{y}" for y in years}


def avances_columns() -> set[str]:
    return set(AVANCES_FIELDS)


def presupuesto_columns() -> set[str]:
    return set(PRESUPUESTO_FIELDS)


def reprogramaciones_columns() -> set[str]:
    return set(REPROGRAMACIONES_FIELDS)


def seguimiento_columns() -> set[str]:
    return set(SEGUIMIENTO_FIELDS)
