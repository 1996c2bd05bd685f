"""reprogramaciones.xlsx|csv to Plan.reprogramaciones, applied to the metas (PE-P-008).

One row per adjustment: codigo_meta, fecha, campo, valor_anterior, valor_nuevo,
justificacion (required: the procedure asks for it) and acto (the administrative act,
e.g. "Decreto 045 de 2021"). Adjustments are applied in date order (file order within
a date): each one's valor_anterior must be the value in force at that date, so the
trail is verifiable from the original plan. Afterwards Meta fields hold the values in
force and Meta.original the value each adjusted field had before its first adjustment,
keyed by campo ("meta_cuatrienio", "programado_2022", "meta"...).
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Callable

from generator.contract import PROGRAMADO_COLUMN, REPROGRAMACIONES_REQUIRED
from generator.model import Meta, Reprogramacion
from generator.names import canonical_name
from generator.problems import Problems, number_text
from generator.read.cells import (
    CellError,
    is_blank,
    parse_code,
    parse_non_negative,
    parse_positive,
    parse_text,
)
from generator.read.table import Table
from generator.validate.metas import parse_tipo, reduccion_problems
from generator.validate.rows import Cells, missing_columns

TEXT_CAMPOS = ("meta", "indicador", "unidad", "dependencia")
NUMBER_CAMPOS: dict[str, Callable] = {"linea_base": parse_non_negative, "meta_cuatrienio": parse_non_negative,
                                      "peso": parse_positive}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_fecha(value: object) -> str | None:
    """A date cell (or text AAAA-MM-DD or DD/MM/AAAA) as ISO text."""
    if is_blank(value):
        return None
    if isinstance(value, (date, datetime)):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    text = str(value).strip()
    iso, dmy = _ISO.fullmatch(text), _DMY.fullmatch(text)
    try:
        if iso or dmy:
            y, m, d = (iso[1], iso[2], iso[3]) if iso else (dmy[3], dmy[2], dmy[1])
            return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        pass
    raise CellError("celda-no-fecha", "no es una fecha; se esperaba una fecha como 2021-06-30 o 30/06/2021")


def _campos(years: list[int]) -> str:
    period = f" (un año del periodo {years[0]}-{years[-1]})" if years else ""
    return ", ".join(TEXT_CAMPOS + ("tipo",) + tuple(NUMBER_CAMPOS)) + f" o programado_AAAA{period}"


def _parse_campo(value: object, years: list[int]) -> str | None:
    campo = canonical_name(parse_text(value))
    if not campo:
        return None
    year = PROGRAMADO_COLUMN.fullmatch(campo)
    if campo in TEXT_CAMPOS or campo in NUMBER_CAMPOS or campo == "tipo" or (year and int(year[1]) in years):
        return campo
    raise CellError("campo-no-ajustable", f"no es un campo que se pueda ajustar; se esperaba uno de: {_campos(years)}")


def _value_parser(campo: str) -> Callable[[object], object]:
    if campo in TEXT_CAMPOS:
        return parse_text
    if campo == "tipo":
        return parse_tipo
    if campo in NUMBER_CAMPOS:
        return NUMBER_CAMPOS[campo]
    return lambda v: parse_non_negative(v) or 0.0  # programado: empty means not programmed


def value_in_force(meta: Meta, campo: str) -> object:
    """The meta's current value of a campo, as the reprogramaciones table names it."""
    year = PROGRAMADO_COLUMN.fullmatch(campo)
    if year:
        return meta.programado_en(int(year[1]))
    return getattr(meta, "nombre" if campo == "meta" else campo)


def _set(meta: Meta, campo: str, value: object) -> None:
    year = PROGRAMADO_COLUMN.fullmatch(campo)
    if year:
        meta.programado[int(year[1])] = value
    else:
        setattr(meta, "nombre" if campo == "meta" else campo, value)


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(a, str) and isinstance(b, str):
        return canonical_name(a) == canonical_name(b)
    return a == b


def shown(value: object) -> str:
    if value is None or value == "":
        return "vacío"
    return f"{number_text(value)}" if isinstance(value, float) else f'"{value}"'


def apply_reprogramaciones(table: Table, metas: dict[str, Meta], years: list[int],
                           problems: Problems) -> list[Reprogramacion]:
    """Validate the trail and apply it to `metas`; returns the valid rows, oldest first."""
    missing_columns(table, list(REPROGRAMACIONES_REQUIRED), problems)
    rows = [(r, cells) for row in table.rows
            if (r := _reprogramacion(cells := Cells(table, row, problems), metas, years))]
    rows.sort(key=lambda pair: pair[0].fecha)  # stable: file order within a date
    last: dict[str, Cells] = {}
    for r, cells in rows:
        meta = metas[r.codigo_meta]
        current = value_in_force(meta, r.campo)
        if not _same(current, r.valor_anterior):
            cells.error("valor-anterior-no-coincide", "valor_anterior", f"no coincide con el valor vigente de {r.campo} de la meta {r.codigo_meta} "
                        f"el {r.fecha}: el plan tenía {shown(current)}", cells.raw("valor_anterior"))
            continue
        meta.original.setdefault(r.campo, current)
        _set(meta, r.campo, r.valor_nuevo)
        last[r.codigo_meta] = cells
    for codigo, cells in last.items():
        meta = metas[codigo]
        for _, message in reduccion_problems(meta) if meta.tipo == "reduccion" else []:
            cells.error("reduccion-inconsistente", "valor_nuevo", f"con los ajustes, la meta {codigo} queda inconsistente: {message}",
                        cells.raw("valor_nuevo"))
    return [r for r, _ in rows]


def _reprogramacion(cells: Cells, metas: dict[str, Meta], years: list[int]) -> Reprogramacion | None:
    codigo = cells.get("codigo_meta", parse_code, "el código de la meta")
    fecha = cells.get("fecha", parse_fecha, "la fecha del ajuste, p. ej. 2021-06-30")
    campo = cells.get("campo", lambda v: _parse_campo(v, years), f"el campo ajustado: {_campos(years)}")
    justificacion = cells.get("justificacion", parse_text,
                              "la justificación del ajuste (el procedimiento PE-P-008 la exige)")
    if codigo and codigo not in metas:
        cells.error("meta-inexistente", "codigo_meta", "no existe esa meta en el archivo de metas", codigo)
    if not (codigo in metas and fecha and campo and justificacion):
        return None
    errors = len(cells.problems.errors)
    parse = _value_parser(campo)
    anterior, nuevo = cells.get("valor_anterior", parse), cells.get("valor_nuevo", parse)
    if campo in ("meta", "indicador", "tipo", "peso") and nuevo in (None, ""):
        cells.error("celda-vacia", "valor_nuevo", f"la celda está vacía; se esperaba el nuevo valor de {campo}")
    if len(cells.problems.errors) > errors:
        return None
    return Reprogramacion(codigo, fecha, campo, anterior, nuevo, justificacion,
                          cells.get("acto", parse_text) or "", cells.source())
