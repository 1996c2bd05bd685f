"""The avances tables of each corte to the model's cortes and reportes."""

from __future__ import annotations

from generator.contract import AVANCES_FIELDS, AVANCES_REQUIRED, corte_id
from generator.model import Corte, Meta, Reporte
from generator.problems import Problems, number_text, pesos
from generator.read.cells import (
    parse_code,
    parse_non_negative,
    parse_text,
    parse_url,
    parse_year,
)
from generator.read.table import Row, Table
from generator.validate.rows import Cells, missing_columns

OVER_EXECUTION = 2.0  # ejecutado above this many times programado earns an aviso


def _corte(corte: Corte, tables: list[Table], years: list[int], metas: dict[str, Meta] | None,
           problems: Problems, check_execution: bool) -> None:
    """Fill `corte` from its tables (one file, or one per dependencia)."""
    where: dict[str, tuple[Table, Row]] = {}
    for table in tables:
        missing_columns(table, list(AVANCES_REQUIRED), problems)
        corte.files.append(table.file)
        for row in table.rows:
            cells = Cells(table, row, problems)
            reporte = _reporte(cells, corte, years, metas, check_execution)
            if reporte is None:
                continue
            if reporte.codigo_meta in where:
                first_table, first_row = where[reporte.codigo_meta]
                place = "" if first_table is table else f"{first_table.file}, "
                cells.error("fila-repetida", "codigo_meta", f"la meta ya está reportada en este corte ({place}fila {first_row.number}); "
                            "se esperaba una sola fila por meta", reporte.codigo_meta)
                continue
            where[reporte.codigo_meta] = (table, row)
            corte.reportes[reporte.codigo_meta] = reporte


def _reporte(cells: Cells, corte: Corte, years: list[int], metas: dict[str, Meta] | None, check: bool) -> Reporte | None:
    codigo = cells.get("codigo_meta", parse_code, "el código de la meta")
    vigencia = cells.get("vigencia", parse_year, "el año de la vigencia")
    ejecutado = cells.get("ejecutado", parse_non_negative)
    reporte = Reporte(
        codigo_meta=codigo or "",
        vigencia=vigencia or corte.vigencia,
        ejecutado=ejecutado or 0.0,
        observaciones=cells.get("observaciones", parse_text) or "",
        evidencia=cells.get("evidencia", parse_url) or "",
        recursos_programados=cells.get("recursos_programados", parse_non_negative),
        recursos_comprometidos=cells.get("recursos_comprometidos", parse_non_negative),
        recursos_ejecutados=cells.get("recursos_ejecutados", parse_non_negative),
        extra=cells.extra(AVANCES_FIELDS),
        source=cells.source(),
    )
    meta = metas.get(codigo) if metas is not None and codigo else None
    if codigo and metas is not None and meta is None:
        cells.error("meta-inexistente", "codigo_meta", "no existe esa meta en el archivo de metas", codigo)
    if check_vigencia(cells, vigencia, corte, years) and check and meta is not None and ejecutado is not None:
        _check_execution(cells, meta, reporte)
    # A row with an empty ejecutado is a meta not reported yet: "sin reporte".
    return reporte if codigo and ejecutado is not None else None


def check_vigencia(cells: Cells, vigencia: int | None, corte: Corte, years: list[int]) -> bool:
    """A row's vigencia must be the corte's year, inside the period; False (and a problem) if not."""
    if vigencia is not None and years and vigencia not in years:
        cells.error("vigencia-fuera-de-periodo", "vigencia", f"la vigencia está fuera del periodo del plan ({years[0]}-{years[-1]})", vigencia)
    elif vigencia is not None and vigencia != corte.vigencia:
        cells.error("vigencia-de-otro-corte", "vigencia", f"el corte {corte.id} es del año {corte.vigencia}; se esperaba la vigencia {corte.vigencia}", vigencia)
    else:
        return True
    return False


def _check_execution(cells: Cells, meta: Meta, reporte: Reporte) -> None:
    """Execution above what was programmed (PE-P-004 asks to review it before publishing)."""
    programado = meta.programado_en(reporte.vigencia)
    if programado <= 0 and reporte.ejecutado > 0:
        cells.warn("avance-sin-programacion", "ejecutado", f"la meta {meta.codigo} no está programada en {reporte.vigencia} y reporta avance")
    elif meta.tipo != "reduccion" and reporte.ejecutado > OVER_EXECUTION * programado > 0:
        cells.warn("sobreejecucion", "ejecutado", f"es más del doble de lo programado para {reporte.vigencia} ({number_text(programado)}); revise el valor")
    elif meta.tipo != "reduccion" and reporte.ejecutado > programado > 0:
        cells.warn("sobreejecucion", "ejecutado", f"supera lo programado para {reporte.vigencia} ({number_text(programado)}): la meta queda "
                   "sobreejecutada; confirme el valor")
    spent, budget = reporte.recursos_ejecutados, reporte.recursos_programados
    if spent is not None and budget is not None and spent > budget:
        cells.warn("recursos-excedidos", "recursos_ejecutados", f"los recursos ejecutados superan los programados ({pesos(budget)}); revise el valor")



def validate_cortes(tables: dict[str, list[Table]], years: list[int], metas: dict[str, Meta] | None, problems: Problems) -> list[Corte]:
    tables = dict(tables)
    for wrong in [i for i in tables if corte_id(i) != i]:
        problems.error("corte-no-valido", tables.pop(wrong)[0].file, f"{wrong} no es un corte; se esperaba AAAA-TN, p. ej. 2021-T3")
    cortes = sorted((Corte(id=i, vigencia=int(i[:4]), trimestre=int(i[-1])) for i in tables), key=lambda c: c.sort_key)
    latest = {c.vigencia: c for c in cortes}  # execution avisos only there: once per meta and year
    for corte in cortes:
        if years and corte.vigencia not in years:
            problems.error("vigencia-fuera-de-periodo", tables[corte.id][0].file, f"el corte {corte.id} está fuera del periodo del plan ({years[0]}-{years[-1]})")
        _corte(corte, tables[corte.id], years, metas, problems, latest[corte.vigencia] is corte)
    return cortes

