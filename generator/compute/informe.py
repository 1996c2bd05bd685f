"""Figures of the council report that no other page needs (pure): what was expected
of the whole cuatrienio by a corte, the metas reprogrammed in the vigencia by each
node, and the dependencias that reported in the corte."""

from __future__ import annotations

from collections.abc import Iterable
from math import fsum

from generator.contract import corte_end
from generator.model import ROOT, Corte, Plan
from generator.results import DependenciaResult, MetaResult


def esperado_cuatrienio(vigencia_weights: dict[int, float], corte: Corte) -> float:
    """Share of the plan's four years expected by the corte (0..1): the weights of the
    vigencias before the corte's, and the share of its own year elapsed."""
    before = [weight for year, weight in vigencia_weights.items() if year < corte.vigencia]
    return fsum(before + [vigencia_weights.get(corte.vigencia, 0.0) * corte.share_of_year])


def reprogramadas_by_node(plan: Plan, corte: Corte) -> dict[str, int]:
    """How many metas under each node (ROOT included; 0 when none) had a reprogramación
    dated in the corte's vigencia up to the day the corte closes."""
    start, end = f"{corte.vigencia:04d}-01-01", corte_end(corte.vigencia, corte.trimestre).isoformat()
    metas = {r.codigo_meta for r in plan.reprogramaciones if start <= r.fecha <= end and r.codigo_meta in plan.metas}
    parents = {node.codigo: node.codigo_padre or ROOT for node in plan.iter_nodes()}
    counts = dict.fromkeys([ROOT, *parents], 0)
    for codigo in metas:
        node = plan.metas[codigo].codigo_padre
        while node != ROOT:
            counts[node] += 1
            node = parents[node]
        counts[ROOT] += 1
    return counts


def reporting(dependencias: Iterable[DependenciaResult], metas: dict[str, MetaResult]) -> tuple[str, ...]:
    """Keys of the named dependencias with at least one report in the corte, in the
    order given."""
    return tuple(
        d.dependencia.key for d in dependencias
        if d.dependencia.key and any(metas[c].ejecutado is not None for c in d.metas if c in metas)
    )
