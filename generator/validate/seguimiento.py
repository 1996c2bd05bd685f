"""seguimiento.xlsx|csv to Plan.compromisos: the follow-up of alerts (Pasto's PE-P-004,
steps 7 and 8).

For each meta lagging at a corte the dependencia explains why (causa) and commits to
something (compromiso), with who answers (responsable) and by when (fecha_compromiso);
at a later corte the office writes whether it was met (cumplido: sí, no or blank). One
row per meta and corte. The meta must exist and the corte must be one the plan has
avances for; dates follow the reprogramaciones' rule (Excel dates, AAAA-MM-DD or
DD/MM/AAAA text).
"""

from __future__ import annotations

from generator.contract import SEGUIMIENTO_REQUIRED, corte_id
from generator.model import Compromiso, Corte, Meta
from generator.problems import Problems
from generator.read.cells import CellError, is_blank, parse_code, parse_text, parse_word
from generator.read.table import Table
from generator.validate.reprogramaciones import parse_fecha
from generator.validate.rows import Cells, missing_columns


def parse_corte_cell(value: object) -> str | None:
    """A corte id cell ("2021-T2", "2021-t2 "); None when blank."""
    text = parse_text(value)
    if not text:
        return None
    found = corte_id(text)
    if found is None:
        raise CellError("corte-no-valido", "no es un corte; se esperaba AAAA-TN, p. ej. 2021-T2 (segundo trimestre de 2021)")
    return found


def parse_cumplido(value: object) -> bool | None:
    """sí / no (any case, with or without accent), a logical cell, or blank (not said yet)."""
    if isinstance(value, bool):
        return value
    if is_blank(value):
        return None
    return parse_word(value, ("si", "no")) == "si"


def validate_seguimiento(table: Table, metas: dict[str, Meta], cortes: list[Corte],
                         problems: Problems) -> list[Compromiso]:
    """The valid commitments, by corte (oldest first), then in file order."""
    missing_columns(table, list(SEGUIMIENTO_REQUIRED), problems)
    known = {c.id: c for c in cortes}
    seen: dict[tuple[str, str], int] = {}
    found = []
    for row in table.rows:
        cells = Cells(table, row, problems)
        item = _compromiso(cells, metas, known)
        if item is None:
            continue
        key = (item.codigo_meta, item.corte)
        if key in seen:
            cells.error("compromiso-repetido", "corte", f"la meta {item.codigo_meta} ya tiene un compromiso para el corte "
                        f"{item.corte} (fila {seen[key]}); se esperaba una sola fila por meta y corte", cells.raw("corte"))
            continue
        seen[key] = row.number
        found.append(item)
    found.sort(key=lambda c: known[c.corte].sort_key)  # stable: file order within a corte
    return found


def _compromiso(cells: Cells, metas: dict[str, Meta], cortes: dict[str, Corte]) -> Compromiso | None:
    errors = len(cells.problems.errors)
    codigo = cells.get("codigo_meta", parse_code, "el código de la meta")
    corte = cells.get("corte", parse_corte_cell, "el corte al que responde el compromiso, p. ej. 2021-T2")
    compromiso = cells.get("compromiso", parse_text, "lo que la dependencia se compromete a hacer")
    responsable = cells.get("responsable", parse_text, "quién responde por el compromiso")
    fecha = cells.get("fecha_compromiso", parse_fecha, "la fecha en que se cumplirá, p. ej. 2021-09-30")
    causa = cells.get("causa", parse_text) or ""
    cumplido = cells.get("cumplido", parse_cumplido)
    if codigo and codigo not in metas:
        cells.error("meta-inexistente", "codigo_meta", "no existe esa meta en el archivo de metas", codigo)
    if corte and corte not in cortes:
        have = ", ".join(cortes) or "ninguno"
        cells.error("corte-desconocido", "corte", f"el plan no tiene avances del corte {corte}; los cortes publicados son: {have}",
                    cells.raw("corte"))
    if len(cells.problems.errors) > errors:
        return None
    return Compromiso(codigo, corte, compromiso, responsable, fecha, causa, cumplido, cells.source())
