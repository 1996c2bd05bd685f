"""The consistency review PE-P-004 asks of the planning office before publishing.

`review(plan)` runs on a validated plan (no errors) and returns avisos, each located at
the row of the avances, presupuesto or metas file where the office can check it:

- a meta the metas file marks as not programmed (a column `programada` or `estado`, or
  per year `programada_2021`, saying NP, No or No programada) that has a programmed value;
- a cumulative ejecutado that went down between two cortes of the same vigencia (both
  named; not for reduccion metas, whose ejecutado is a level that may rightly go down);
- a programmed meta with no report in the latest corte of a vigencia;
- money spent (recursos_ejecutados of avances, pagado of presupuesto) at the latest corte
  of a vigencia on a meta with no physical progress (no report, or a report of no progress).

Execution above what was programmed is checked as each avances row is read
(validate._check_execution), where the cell's own text is at hand.
"""

from __future__ import annotations

import re
from collections import defaultdict
from math import fsum, isclose

from generator.model import Corte, Meta, Plan, Reporte, Source
from generator.names import canonical_name
from generator.problems import Problem, number_text, pesos

_NP_COLUMN = re.compile(r"(?:programada|estado)(?:_(\d{4}))?")
_NP_WORDS = {"np", "no", "no_programada"}


def review(plan: Plan) -> list[Problem]:
    """Every consistency aviso of the plan, in plan order within each check."""
    return (_marked_not_programmed(plan) + _decreasing(plan) + _sin_reporte(plan)
            + _money_without_progress(plan))


def _aviso(codigo: str, source: Source | None, fallback: str, message: str, column: str, value: object = None) -> Problem:
    if source is None:  # a model built in memory (tests); files always give a source
        return Problem(fallback, message, column=column, value=value, severity="aviso", codigo=codigo)
    return Problem(source.file, message, sheet=source.sheet, row=source.row, column=column, value=value,
                   severity="aviso", codigo=codigo)


def _marked_not_programmed(plan: Plan) -> list[Problem]:
    found = []
    for meta in plan.metas.values():
        for column, text in meta.extra.items():
            match = _NP_COLUMN.fullmatch(canonical_name(column))
            if not match or canonical_name(text) not in _NP_WORDS:
                continue
            years = [int(match[1])] if match[1] else plan.years
            programmed = [f"{y} ({number_text(meta.programado_en(y))})" for y in years if meta.is_programmed(y)]
            if programmed:
                found.append(_aviso("marca-contradice-programado", meta.source, plan.source_dir, "la meta está marcada como no programada y tiene "
                                    f"valor programado en {', '.join(programmed)}; corrija una de las dos cosas",
                                    column, text))
    return found


def _cortes_by_vigencia(plan: Plan) -> dict[int, list[Corte]]:
    by_year: dict[int, list[Corte]] = defaultdict(list)
    for corte in sorted(plan.cortes, key=lambda c: c.sort_key):
        by_year[corte.vigencia].append(corte)
    return by_year


def _decreasing(plan: Plan) -> list[Problem]:
    found = []
    for cortes in _cortes_by_vigencia(plan).values():
        last: dict[str, tuple[Corte, Reporte]] = {}  # codigo -> its latest earlier report
        for corte in cortes:
            for codigo, reporte in corte.reportes.items():
                earlier = last.get(codigo)
                meta = plan.metas.get(codigo)
                if earlier and meta and meta.tipo != "reduccion" and _went_down(earlier[1].ejecutado, reporte.ejecutado):
                    found.append(_aviso("ejecutado-disminuye", reporte.source, plan.source_dir,
                                        f"el ejecutado acumulado de la meta {codigo} bajó de "
                                        f"{number_text(earlier[1].ejecutado)} en el corte {earlier[0].id} a "
                                        f"{number_text(reporte.ejecutado)} en el corte {corte.id}; cada corte "
                                        "reporta lo acumulado en el año, que no debería bajar",
                                        "ejecutado", number_text(reporte.ejecutado)))
                last[codigo] = (corte, reporte)
    return found


def _went_down(before: float, after: float) -> bool:
    """Lower beyond rounding (a mapped workbook's quarters may be rescaled)."""
    return after < before and not isclose(after, before, rel_tol=1e-9, abs_tol=1e-9)


def _latest_cortes(plan: Plan) -> list[Corte]:
    return [plan.latest_corte(year) for year in plan.vigencias_con_datos]


def _sin_reporte(plan: Plan) -> list[Problem]:
    return [
        _aviso("sin-reporte", meta.source, plan.source_dir, f"la meta está programada en {corte.vigencia} y no tiene reporte en "
               f"el corte {corte.id}, el último de esa vigencia", f"programado_{corte.vigencia}",
               number_text(meta.programado_en(corte.vigencia)))
        for corte in _latest_cortes(plan)
        for meta in plan.metas.values()
        if meta.is_programmed(corte.vigencia) and meta.codigo not in corte.reportes
    ]


def _without_progress(meta: Meta, reporte: Reporte | None) -> bool:
    """No physical progress: no report, or a report whose compliance would be 0."""
    if reporte is None:
        return True
    if meta.tipo == "reduccion":
        return meta.linea_base is not None and reporte.ejecutado >= meta.linea_base
    return reporte.ejecutado == 0


def _money_without_progress(plan: Plan) -> list[Problem]:
    found = []
    for corte in _latest_cortes(plan):
        for codigo, reporte in corte.reportes.items():
            meta = plan.metas.get(codigo)
            if meta and (reporte.recursos_ejecutados or 0) > 0 and _without_progress(meta, reporte):
                found.append(_aviso("gasto-sin-avance", reporte.source, plan.source_dir, _spent_message(meta, corte, reporte.recursos_ejecutados),
                                    "recursos_ejecutados", pesos(reporte.recursos_ejecutados)))
        paid: dict[str, list] = defaultdict(list)
        for item in corte.presupuesto:
            if item.pagado:
                paid[item.codigo_meta].append(item)
        for codigo, items in paid.items():
            meta = plan.metas[codigo]
            if _without_progress(meta, corte.reportes.get(codigo)):
                total = fsum(i.pagado for i in items)
                found.append(_aviso("gasto-sin-avance", items[0].source, plan.source_dir, _spent_message(meta, corte, total),
                                    "pagado", pesos(items[0].pagado)))
    return found


def _spent_message(meta: Meta, corte: Corte, amount: float) -> str:
    return (f"la meta {meta.codigo} tiene {pesos(amount)} ejecutados en el corte {corte.id} y no reporta "
            "avance físico; revise el avance o la ejecución financiera")
