"""A plan's results: every corte computed with the shared core, money and dependencias.

Pure, like the rest of the computation: the model in, `results` dataclasses out.
"""

from __future__ import annotations

from dataclasses import replace
from math import fsum

from generator.compute.core import (
    PlanShape,
    Tally,
    aggregate,
    counts_from_tally,
    judge,
    meta_child,
    meta_result,
    plan_shape,
    shares_in_parent,
    umbrales,
)
from generator.compute.cambios import cambios, reprogramaciones_between
from generator.compute.cuatrienio import metas_cuatrienio, nodes_cuatrienio
from generator.compute.alerts import acumulada, alerts_result, least_advanced
from generator.compute.dependencias import dependencia_results, dependencias
from generator.compute.informe import esperado_cuatrienio, reporting, reprogramadas_by_node
from generator.compute.money import finance_result
from generator.compute.sectores import sector_results
from generator.compute.seguimiento import seguimiento
from generator.contract import parse_corte_id
from generator.model import ROOT, Corte, Plan
from generator.results import NodeResult, PlanResults, VigenciaResult


def with_dependencias(plan: Plan, vig: VigenciaResult, weights: dict[str, float]) -> VigenciaResult:
    """`vig` (metas, nodes and finanzas computed) with its dependencias, alert matrix,
    ranking of the least advanced metas and sectors; `weights` are the metas' W."""
    deps = dependencia_results(plan, vig, weights)
    return replace(vig, dependencias={d.dependencia.key: d for d in deps if d.dependencia.key},
                   alertas=alerts_result(vig.metas, deps), least_advanced=least_advanced(vig.metas),
                   reportaron=reporting(deps, vig.metas), sectores=sector_results(plan, vig, weights))


def compute_vigencia(plan: Plan, corte: Corte, shape: PlanShape | None = None) -> VigenciaResult:
    """Every figure of the corte's vigencia at that corte. Pass the plan's `shape` when
    computing several cortes of one plan, to build it once."""
    shape = shape or plan_shape(plan)
    metas = {codigo: meta_result(meta, corte) for codigo, meta in plan.metas.items()}
    # (compliance, tally) of each node, filled children first.
    partial: dict[str, tuple[float | None, Tally]] = {}
    for node in shape.bottom_up:
        if node.is_leaf:
            children = [meta_child(m.peso, metas[m.codigo]) for m in node.metas]
        else:
            children = [(n.peso, *partial[n.codigo]) for n in node.children]
        partial[node.codigo] = aggregate(children)
    partial[ROOT] = aggregate([(n.peso, *partial[n.codigo]) for n in plan.roots])

    v = shape.vigencia_weights[corte.vigencia]
    en_padre = _shares_in_parents(plan, shape, partial, v)
    por_meta = metas_cuatrienio(plan, corte)
    frente_meta = nodes_cuatrienio(plan, shape, por_meta)
    nodes = {}
    for codigo, w in shape.node_weights.items():  # ROOT first, then the plan's order
        c, tally = partial[codigo]
        judged = judge(c, corte.share_of_year, plan.rangos)
        nodes[codigo] = NodeResult(
            codigo=codigo, vigencia=corte.vigencia, corte=corte.id, peso_plan=w,
            programado=v * w, avance=0.0 if c is None else v * w * c, cumplimiento=c,
            rango=judged.rango, counts=counts_from_tally(tally),
            ritmo=judged.ritmo, rango_cumplimiento=judged.rango_cumplimiento,
            programado_en_padre=en_padre[codigo][0], avance_en_padre=en_padre[codigo][1],
            avance_cuatrienio=frente_meta[codigo],
        )
    result = VigenciaResult(corte.vigencia, corte.id, v, nodes, metas, corte.share_of_year,
                            umbrales=umbrales(plan.rangos, corte.share_of_year),
                            finanzas=finance_result(plan, corte, shape), metas_cuatrienio=por_meta,
                            esperado_cuatrienio=esperado_cuatrienio(shape.vigencia_weights, corte),
                            reprogramadas=reprogramadas_by_node(plan, corte))
    return with_dependencias(plan, result, shape.meta_weights)


def _shares_in_parents(plan: Plan, shape: PlanShape, partial: dict[str, tuple[float | None, Tally]],
                       v: float) -> dict[str, tuple[float, float]]:
    """(programado_en_padre, avance_en_padre) of every node; the plan's are its own."""
    c_root = partial[ROOT][0]
    shares = {ROOT: (v, 0.0 if c_root is None else v * c_root)}
    for parent, children in [(ROOT, plan.roots)] + [(n.codigo, n.children) for n in plan.iter_nodes()]:
        programado = v * shape.node_weights[parent]
        figures = shares_in_parent([(n.peso, partial[n.codigo][0]) for n in children], programado)
        shares.update(zip((n.codigo for n in children), figures))
    return shares


def plan_at(plan: Plan, corte: Corte) -> Plan:
    """The plan as it stood at `corte`: the cortes up to it and the commitments that
    answer them, none after. Metas keep the values in force today (reprogramaciones
    included), so its figures at `corte` are the ones `historial` publishes for it."""
    return replace(plan, cortes=[c for c in plan.cortes if c.sort_key <= corte.sort_key],
                   compromisos=[c for c in plan.compromisos if parse_corte_id(c.corte) <= corte.sort_key])


def _assemble(plan: Plan, shape: PlanShape, history: list[VigenciaResult]) -> PlanResults:
    """The plan's results from its `history` (every corte of `plan`, oldest first)."""
    # Oldest first, so each vigencia ends up with its latest corte.
    vigencias = {result.vigencia: result for result in history}
    cuatrienio = {
        codigo: fsum(r.peso_vigencia * r.nodes[codigo].cumplimiento
                     for r in vigencias.values() if r.nodes[codigo].cumplimiento is not None)
        for codigo in shape.node_weights
    }
    current = max(vigencias, default=None)
    por_meta = metas_cuatrienio(plan)
    return PlanResults(plan, shape.node_weights, shape.meta_weights, vigencias, cuatrienio, history,
                       None if current is None else acumulada(history, current, plan.metas),
                       tuple(d for d in dependencias(plan) if d.key),
                       nodes_cuatrienio(plan, shape, por_meta), por_meta, seguimiento(plan),
                       cambios=cambios(plan, history))


def compute_plan(plan: Plan) -> PlanResults:
    """Every figure of the plan: each corte (history), each vigencia with data at its
    latest corte, the avance del cuatrienio of each node (contract 6.5), and the
    plan's results as they stood at each earlier corte (its archive)."""
    shape = plan_shape(plan)
    cortes = sorted(plan.cortes, key=lambda c: c.sort_key)
    # A corte's figures depend on no later corte: the archive reuses the history.
    history = [compute_vigencia(plan, corte, shape) for corte in cortes]
    archivo = {
        corte.id: replace(_assemble(plan_at(plan, corte), shape, history[:i + 1]),
                          reprogramaciones_despues=reprogramaciones_between(plan, corte.id))
        for i, corte in enumerate(cortes[:-1])
    }
    return replace(_assemble(plan, shape, history), archivo=archivo)
