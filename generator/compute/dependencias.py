"""Figures by dependencia for each corte (PE-P-004: execution by dependencia).

A dependencia's cumplimiento is the mean of the compliance of its metas programmed in
the vigencia, each weighted by its weight in the whole plan (W): a meta that weighs more
in the plan weighs more in its dependencia's figure. Metas without a dependencia belong
to none (they still count in the nodes and the plan).
"""

from __future__ import annotations

from collections import defaultdict

from generator.compute.core import counts_of, rango_for, weighted_mean
from generator.model import Meta, Plan
from generator.results import DependenciaResult, Money, VigenciaResult


def dependencia_results(plan: Plan, vig: VigenciaResult, weights: dict[str, float]) -> dict[str, DependenciaResult]:
    """Each dependencia's figures in the vigencia at the corte of `vig` (whose metas and
    finanzas are already computed); `weights` are the metas' W. Sorted by name."""
    metas: dict[str, list[Meta]] = defaultdict(list)
    for meta in plan.metas.values():
        if meta.dependencia:
            metas[meta.dependencia].append(meta)
    money = vig.finanzas.by_dependencia if vig.finanzas else {}
    results = {}
    for name in sorted(metas):
        figures = [vig.metas[m.codigo] for m in metas[name]]
        cumplimiento = weighted_mean((weights[m.codigo], r.cumplimiento) for m, r in zip(metas[name], figures))
        rango = rango_for(cumplimiento, plan.rangos)
        results[name] = DependenciaResult(
            nombre=name, vigencia=vig.vigencia, corte=vig.corte, cumplimiento=cumplimiento,
            counts=counts_of(figures), metas=tuple(m.codigo for m in metas[name]),
            dinero=money.get(name, Money()), rango=rango.nombre if rango else None,
        )
    return results
