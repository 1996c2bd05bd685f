"""Sectors: a citizen's way into the plan by topic ("Educación", "Salud"), where its
metas carry a sector (metas' `sector` column, spelled as validate/metas.py unifies it).

A sector's cumplimiento is computed as a dependencia's (compute/dependencias.py
group_figures): the mean of the compliance of its metas programmed in the vigencia, each
weighted by its weight in the whole plan, judged against what was expected by the corte.
Metas without a sector belong to none; a plan whose metas have none has no sectors.
"""

from __future__ import annotations

from generator.compute.core import counts_of
from generator.compute.dependencias import group_figures
from generator.model import Plan
from generator.names import name_key
from generator.results import SectorResult, VigenciaResult


def sector_results(plan: Plan, vig: VigenciaResult, weights: dict[str, float]) -> tuple[SectorResult, ...]:
    """Each sector's figures at the corte of `vig` (metas computed), sorted by name;
    `weights` are the metas' W."""
    metas: dict[str, list[str]] = {}
    for meta in plan.metas.values():
        if meta.sector.strip():
            metas.setdefault(meta.sector.strip(), []).append(meta.codigo)
    results = []
    for nombre in sorted(metas, key=name_key):
        codigos = tuple(metas[nombre])
        figures, cumplimiento, judged = group_figures(plan, vig, weights, codigos)
        results.append(SectorResult(nombre, codigos, cumplimiento, counts_of(figures), judged.rango, judged.ritmo))
    return tuple(results)
