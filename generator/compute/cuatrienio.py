"""Each meta against its four-year target (contract 6.5, the meta_cuatrienio method).

Pure: the model in, `results` dataclasses out. A meta's progress accumulated up to the
latest corte, by its tipo, uses each vigencia's latest corte:

- incremento: the sum of the vigencias' E.
- mantenimiento: the level reached, the E of the latest corte that reports the meta.
- reduccion: the share of the way from linea_base to meta_cuatrienio covered by the
  latest reported E: (LB - E) / (LB - meta_cuatrienio).
- stock (or "último valor"): a level that already counts what existed before the plan
  (km of roads, people enrolled), so only the way up from the linea base is the plan's:
  (E - LB) / (meta_cuatrienio - LB), with the latest reported E and LB = 0 when the
  plan gives none (DNP's "stock" accumulation).

The share is clamped to 0..1 and flagged `sobreejecutada` above 1. A meta with no
meta_cuatrienio (or 0, a reduccion with no linea base or LB = meta_cuatrienio, a stock
with meta_cuatrienio not above its LB) has no figure and, like a meta not programmed in a vigencia, is left out of its node's mean.
A meta never reported counts 0. The figures can be taken at any corte (`upto`: each
vigencia's latest corte up to it), for the history. Nodes roll up with the weighted mean of contract 6.2
(compute/core.weighted_mean), i.e. with the same weights W as the vigencia figures.
"""

from __future__ import annotations

from math import fsum

from generator.compute.core import PlanShape, weighted_mean
from generator.model import ROOT, Corte, Meta, Plan
from generator.results import MetaCuatrienio


def latest_cortes(plan: Plan, upto: Corte | None = None) -> list[Corte]:
    """Each vigencia's latest corte (not after `upto`, when given), oldest first."""
    cortes = [c for c in plan.cortes if upto is None or c.sort_key <= upto.sort_key]
    latest = {c.vigencia: c for c in sorted(cortes, key=lambda c: c.sort_key)}
    return [latest[vigencia] for vigencia in sorted(latest)]


def _latest_values(cortes: list[Corte], codigo: str) -> list[float]:
    """E of the meta at each of `cortes` that reports it, oldest first."""
    values = []
    for corte in cortes:
        reporte = corte.reportes.get(codigo)
        if reporte is not None and reporte.ejecutado is not None:
            values.append(reporte.ejecutado)
    return values


def _baseline_and_target(meta: Meta) -> tuple[float, float] | None:
    """Where the meta starts and where it must arrive, on the scale its share is measured
    on; None when the meta has no usable four-year target."""
    target, lb = meta.meta_cuatrienio, meta.linea_base
    if target is None:
        return None
    if meta.tipo == "reduccion":
        return None if lb is None or lb == target else (lb, target)
    start = (lb or 0.0) if meta.tipo == "stock" else 0.0
    return (start, target) if target > start else None


def meta_cuatrienio(meta: Meta, cortes: list[Corte]) -> MetaCuatrienio:
    """The meta against its four-year target at `cortes` (each vigencia's latest)."""
    values = _latest_values(cortes, meta.codigo)
    if meta.tipo == "incremento":
        acumulado = fsum(values) if values else None
    else:
        acumulado = values[-1] if values else None
    scale = _baseline_and_target(meta)
    if scale is None:
        return MetaCuatrienio(meta.codigo, acumulado, meta.meta_cuatrienio, None, False)
    start, target = scale
    ratio = 0.0 if acumulado is None else (acumulado - start) / (target - start)
    return MetaCuatrienio(meta.codigo, acumulado, meta.meta_cuatrienio, min(max(ratio, 0.0), 1.0), ratio > 1)


def metas_cuatrienio(plan: Plan, upto: Corte | None = None) -> dict[str, MetaCuatrienio]:
    """Every meta against its four-year target, at the latest corte or at `upto`."""
    cortes = latest_cortes(plan, upto)
    return {codigo: meta_cuatrienio(meta, cortes) for codigo, meta in plan.metas.items()}


def nodes_cuatrienio(plan: Plan, shape: PlanShape,
                     metas: dict[str, MetaCuatrienio]) -> dict[str, float | None]:
    """Each node's share of its metas' four-year targets reached (ROOT included)."""
    figures: dict[str, float | None] = {}
    for node in shape.bottom_up:
        if node.is_leaf:
            children = [(m.peso, metas[m.codigo].avance) for m in node.metas]
        else:
            children = [(n.peso, figures[n.codigo]) for n in node.children]
        figures[node.codigo] = weighted_mean(children)
    figures[ROOT] = weighted_mean([(n.peso, figures[n.codigo]) for n in plan.roots])
    return {codigo: figures[codigo] for codigo in shape.node_weights}
