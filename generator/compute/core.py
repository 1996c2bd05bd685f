"""The computation (contract section 6): every published figure from a validated Plan.

Pure: it reads the model and returns `results` dataclasses; no files, no formatting
(fractions 0..1 throughout; `round_pct` and `rango_for` are the one place where a
fraction becomes the published percentage, so the traffic light always agrees with the
number a reader sees).

Sums go through `math.fsum`, which is correctly rounded and therefore independent of
the order of the terms: shuffling metas, reportes or sibling nodes changes no figure,
not even in the last bit.

Decisions the contract leaves open, stated once here and in the methodology page:

- A meta's compliance is clamped to 0..1 for every tipo (contract: `min(E / P, 1)` for
  incremento; the clamp at 0 only matters for a negative E, which validation refuses).
- `sin avance` is a reported meta whose compliance is 0: E = 0 for incremento and
  mantenimiento; for a reduccion, E at or above the linea base (nothing was reduced).
- *Con avance* (Counts.con_avance) is a reported, programmed meta with compliance > 0:
  E > 0 for incremento and mantenimiento, E below the linea base for a reduccion. So
  `con_avance + sin_avance == programadas` always.
- `esperado` (share of the year elapsed) is None for a meta not programmed in the
  vigencia: nothing is expected of it.

compute/plan.py puts these together per corte, with the money (compute/money.py) and
the figures by dependencia (compute/dependencias.py), which state their own decisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from math import fsum
from typing import Iterable, Sequence

from generator.model import ROOT, Corte, Meta, Node, Plan, Rango
from generator.results import ESTADOS, Counts, Estado, MetaResult

# A tally of metas: how many in each estado (ESTADOS order), then how many rezagadas.
Tally = tuple[int, ...]
_REZAGADA = len(ESTADOS)
_EMPTY_TALLY: Tally = (0,) * (len(ESTADOS) + 1)
# A child in a node's aggregate: its raw peso, its compliance, its tally of metas.
Child = tuple[float, float | None, Tally]


@dataclass(frozen=True)
class PlanShape:
    """What does not change from one corte to the next: weights and the tree's order."""

    node_weights: dict[str, float]  # W of each node, ROOT = 1
    meta_weights: dict[str, float]  # W of each meta
    vigencia_weights: dict[int, float]  # v_y, normalised over the years of the period
    bottom_up: list[Node]  # every node, children before their parent


def round_pct(fraction: float) -> float:
    """The published percentage: `fraction` x 100 rounded half-up to one decimal.

    Works on the decimal text of the float (its shortest repr), so 0.6785 is the
    0.6785 a person wrote and gives 67.9, not the 67.8 of its binary approximation.
    """
    pct = Decimal(repr(fraction)) * 100
    return float(pct.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def rango_for(fraction: float | None, rangos: Iterable[Rango]) -> Rango | None:
    """The range whose `desde` is the highest one not above the published percentage
    (contract 6.6); None when there is no figure or no range reaches that low."""
    if fraction is None:
        return None
    pct = round_pct(fraction)
    return max((r for r in rangos if r.desde <= pct), key=lambda r: r.desde, default=None)


def ritmo(cumplimiento: float | None, esperado: float) -> float | None:
    """The one yardstick of a vigencia in progress: the compliance against what was
    expected by the corte (`esperado`, the share of the year elapsed), capped at 1. At T4,
    and for a closed vigencia, it is the compliance itself. The rango the site shows is
    judged on it; the open data also publish the contract's, on the compliance."""
    if cumplimiento is None:
        return None
    return min(cumplimiento / esperado, 1.0)


@dataclass(frozen=True)
class Judgement:
    ritmo: float | None
    rango: str | None  # on the ritmo: what the semáforo, narrative, charts and tables show
    rango_cumplimiento: str | None  # the contract's (6.6): on the compliance against the year


def judge(cumplimiento: float | None, esperado: float, rangos: Iterable[Rango]) -> Judgement:
    rangos = list(rangos)
    pace = ritmo(cumplimiento, esperado)
    by_year, by_corte = rango_for(cumplimiento, rangos), rango_for(pace, rangos)
    return Judgement(pace, by_corte and by_corte.nombre, by_year and by_year.nombre)


def umbrales(rangos: Iterable[Rango], esperado: float) -> tuple[tuple[str, float], ...]:
    """Where each rango starts on the compliance scale at a corte (fractions 0..1): its
    `desde` applied to what was expected by then. At T3 a Sobresaliente from 81 % of the
    pace starts at 81 % x 75 % = 60,75 % of the year's target."""
    return tuple((r.nombre, r.desde / 100 * esperado) for r in rangos)


def _shares(pesos: Sequence[float]) -> list[float]:
    total = fsum(pesos)
    return [peso / total for peso in pesos]


def plan_shape(plan: Plan) -> PlanShape:
    """Weights (contract 6.3, each normalised among all its siblings, and v_y) and the
    order the per-corte computation walks the tree in, built once per plan."""
    nodes = list(plan.iter_nodes())  # parents first: a parent's W is known before its children's
    siblings_total = {ROOT: fsum(n.peso for n in plan.roots)}
    siblings_total.update((n.codigo, fsum(c.peso for c in n.children)) for n in nodes)
    node_weights = {ROOT: 1.0}
    for n in nodes:
        parent = n.codigo_padre or ROOT
        node_weights[n.codigo] = node_weights[parent] * (n.peso / siblings_total[parent])

    meta_weights = {
        meta.codigo: node_weights[n.codigo] * share
        for n in nodes if n.metas
        for meta, share in zip(n.metas, _shares([m.peso for m in n.metas]))
    }
    years = plan.years
    vigencia_weights = dict(zip(years, _shares([plan.vigencias[y] for y in years])))
    return PlanShape(node_weights, meta_weights, vigencia_weights, nodes[::-1])


def _meta_compliance(meta: Meta, programado: float, ejecutado: float) -> tuple[float, Estado]:
    """Compliance c (0..1) and estado of a reported meta programmed in the vigencia."""
    if meta.tipo == "reduccion":
        ratio = (meta.linea_base - ejecutado) / (meta.linea_base - programado)
        over = ejecutado < programado
    else:
        ratio = ejecutado / programado
        over = ejecutado > programado
    c = min(max(ratio, 0.0), 1.0)
    if over:
        return c, "sobreejecutada"
    return c, "cumplida" if c == 1 else "sin avance" if c == 0 else "en avance"


def meta_result(meta: Meta, corte: Corte) -> MetaResult:
    """A meta's figures in the corte's vigencia (contract 6.1 and meta status)."""
    vigencia = corte.vigencia
    programado = meta.programado_en(vigencia)
    reporte = corte.reportes.get(meta.codigo)
    ejecutado = None if reporte is None else reporte.ejecutado
    if programado <= 0:
        return MetaResult(meta.codigo, vigencia, corte.id, programado, ejecutado, None,
                          "no programada")
    if ejecutado is None:
        c, estado = 0.0, "sin reporte"
    else:
        c, estado = _meta_compliance(meta, programado, ejecutado)
    esperado = corte.share_of_year
    # Compared as published: a meta shown at "75,0 %" is not behind an expected 75 %.
    rezagada = estado in ("sin reporte", "sin avance") or (estado == "en avance" and round_pct(c) < esperado * 100)
    return MetaResult(meta.codigo, vigencia, corte.id, programado, ejecutado, c, estado,
                      rezagada, esperado)


def weighted_mean(children: Iterable[tuple[float, float | None]]) -> float | None:
    """Mean of the children's compliance over the programmed ones (compliance not None),
    their weights renormalised over those children (contract 6.2)."""
    programmed = [(peso, c) for peso, c in children if c is not None]
    if not programmed:
        return None
    return fsum(peso * c for peso, c in programmed) / fsum(peso for peso, _ in programmed)


def shares_in_parent(children: list[tuple[float, float | None]], programado: float) -> list[tuple[float, float]]:
    """What each child counts for in its parent, whose programado (points of the plan)
    is `programado`: (points programmed, points reached), in the children's order.

    The parent's compliance renormalises the weights over its programmed children
    (weighted_mean), so its points are re-shared among them in proportion to their
    peso; a child not programmed gets none. Over the children these add up to the
    parent's programado and avance (when any child is programmed), which is how a
    reader redoes the parent's figures from the children's table."""
    total = fsum(peso for peso, c in children if c is not None)
    return [(0.0, 0.0) if c is None else (programado * peso / total, programado * peso / total * c)
            for peso, c in children]


def _one_hot(estado: Estado, rezagada: bool) -> Tally:
    return tuple(int(e == estado) for e in ESTADOS) + (int(rezagada),)


# The tally of a single meta, by (estado, rezagada).
_META_TALLY = {(e, r): _one_hot(e, r) for e in ESTADOS for r in (False, True)}


def meta_child(peso: float, result: MetaResult) -> Child:
    return peso, result.cumplimiento, _META_TALLY[result.estado, result.rezagada]


def _sum_tallies(tallies: Iterable[Tally]) -> Tally:
    return tuple(map(sum, zip(_EMPTY_TALLY, *tallies)))


def aggregate(children: list[Child]) -> tuple[float | None, Tally]:
    """A node's compliance and tally of metas from its children's."""
    return (weighted_mean((peso, c) for peso, c, _ in children),
            _sum_tallies(t for _, _, t in children))


def counts_of(results: Iterable[MetaResult]) -> Counts:
    """The counts of any set of metas (a dependencia's), as a node's are counted."""
    return counts_from_tally(_sum_tallies(_META_TALLY[r.estado, r.rezagada] for r in results))


def counts_from_tally(tally: Tally) -> Counts:
    n = dict(zip(ESTADOS, tally))
    total = sum(tally[:_REZAGADA])
    return Counts(
        total=total,
        programadas=total - n["no programada"],
        con_avance=n["en avance"] + n["cumplida"] + n["sobreejecutada"],
        sin_avance=n["sin reporte"] + n["sin avance"],
        no_programadas=n["no programada"],
        sin_reporte=n["sin reporte"],
        sobreejecutadas=n["sobreejecutada"],
        cumplidas=n["cumplida"],
        rezagadas=tally[_REZAGADA],
        atrasadas=tally[_REZAGADA] - n["sin reporte"] - n["sin avance"],
        reportadas_sin_avance=n["sin avance"],
    )
