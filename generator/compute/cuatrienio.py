"""Each meta against its four-year target (contract 6.5, the meta_cuatrienio method).

Pure: the model in, `results` dataclasses out. A meta's progress accumulated up to the
latest corte, by its tipo, uses each vigencia's latest corte:

- incremento: the sum of the vigencias' E.
- mantenimiento: the level reached, the E of the latest corte that reports the meta.
- reduccion: the share of the way from linea_base to meta_cuatrienio covered by the
  latest reported E: (LB - E) / (LB - meta_cuatrienio).

The share is clamped to 0..1 and flagged `sobreejecutada` above 1. A meta with no
meta_cuatrienio (or 0, or a reduccion with no linea base or LB = meta_cuatrienio) has no
figure and, like a meta not programmed in a vigencia, is left out of its node's mean.
A meta never reported counts 0. Nodes roll up with the weighted mean of contract 6.2
(compute/core.weighted_mean), i.e. with the same weights W as the vigencia figures.
"""

from __future__ import annotations

from math import fsum

from generator.compute.core import PlanShape, weighted_mean
from generator.model import ROOT, Meta, Plan
from generator.results import MetaCuatrienio


def _latest_values(plan: Plan, codigo: str) -> list[float]:
    """E of the meta at each vigencia's latest corte that reports it, oldest first."""
    values = []
    for vigencia in plan.vigencias_con_datos:
        corte = plan.latest_corte(vigencia)
        reporte = corte.reportes.get(codigo)
        if reporte is not None and reporte.ejecutado is not None:
            values.append(reporte.ejecutado)
    return values


def meta_cuatrienio(plan: Plan, meta: Meta) -> MetaCuatrienio:
    values = _latest_values(plan, meta.codigo)
    target = meta.meta_cuatrienio
    if meta.tipo == "incremento":
        acumulado = fsum(values) if values else None
    else:
        acumulado = values[-1] if values else None
    if meta.tipo == "reduccion":
        lb = meta.linea_base
        if target is None or lb is None or lb == target:
            return MetaCuatrienio(meta.codigo, acumulado, target, None, False)
        ratio = 0.0 if acumulado is None else (lb - acumulado) / (lb - target)
    else:
        if target is None or target <= 0:
            return MetaCuatrienio(meta.codigo, acumulado, target, None, False)
        ratio = 0.0 if acumulado is None else acumulado / target
    return MetaCuatrienio(meta.codigo, acumulado, target, min(max(ratio, 0.0), 1.0), ratio > 1)


def metas_cuatrienio(plan: Plan) -> dict[str, MetaCuatrienio]:
    return {codigo: meta_cuatrienio(plan, meta) for codigo, meta in plan.metas.items()}


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
