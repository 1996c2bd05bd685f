"""Money for each corte (PE-P-004: financial execution by node, dependencia and
source). Pure, like the rest of compute/.

Decisions, stated here and for the methodology page:

- Money comes from the corte's presupuesto rows when it has any; otherwise from the
  avances columns recursos_programados / recursos_ejecutados, where ejecutado counts
  as both comprometido and pagado (no fuente then). Blank amounts count as 0.
- A presupuesto row's territorio, when given, wins over its meta's territorio.
- Sums use math.fsum: the order of rows or files changes no figure.
"""

from __future__ import annotations

from collections import defaultdict
from math import fsum
from typing import Callable, Iterable

from generator.compute.core import PlanShape
from generator.model import ROOT, Corte, Meta, Plan
from generator.results import FinanceResult, Money

# One amount of money of a meta: (meta, fuente, territorio, money); fuente "" from avances.
Entry = tuple[Meta, str, str, Money]


def money_sum(amounts: Iterable[Money]) -> Money:
    amounts = list(amounts)
    return Money(fsum(m.programado for m in amounts), fsum(m.comprometido for m in amounts),
                 fsum(m.pagado for m in amounts))


def _entries(plan: Plan, corte: Corte) -> list[Entry]:
    """Every amount of the corte: its presupuesto rows, or else its avances' recursos."""
    if corte.presupuesto:
        return [
            (meta, p.fuente, p.territorio or meta.territorio,
             Money(p.programado, p.comprometido or 0.0, p.pagado or 0.0))
            for p in corte.presupuesto if (meta := plan.metas.get(p.codigo_meta))
        ]
    return [
        (meta, "", meta.territorio,
         Money(r.recursos_programados or 0.0, r.recursos_ejecutados or 0.0, r.recursos_ejecutados or 0.0))
        for r in corte.reportes.values()
        if (meta := plan.metas.get(r.codigo_meta))
        and (r.recursos_programados is not None or r.recursos_ejecutados is not None)
    ]


def _group(entries: list[Entry], key: Callable[[Entry], str]) -> dict[str, Money]:
    """Money by a key (entries with an empty key left out), keys sorted."""
    groups: dict[str, list[Money]] = defaultdict(list)
    for entry in entries:
        if name := key(entry):
            groups[name].append(entry[3])
    return {name: money_sum(groups[name]) for name in sorted(groups)}


def _by_node(plan: Plan, by_meta: dict[str, Money], shape: PlanShape) -> dict[str, Money]:
    """Metas' money added up the tree, ROOT included, in the plan's order (ROOT first)."""
    totals: dict[str, Money] = {}
    for node in shape.bottom_up:
        parts = ([by_meta.get(m.codigo, Money()) for m in node.metas] if node.is_leaf
                 else [totals[c.codigo] for c in node.children])
        totals[node.codigo] = money_sum(parts)
    totals[ROOT] = money_sum(totals[n.codigo] for n in plan.roots)
    return {codigo: totals[codigo] for codigo in shape.node_weights}


def finance_result(plan: Plan, corte: Corte, shape: PlanShape) -> FinanceResult | None:
    """Financial execution at the corte; None when the corte reports no money at all."""
    entries = _entries(plan, corte)
    if not any(m.programado > 0 or m.pagado > 0 for *_, m in entries):
        return None
    grouped = _group(entries, lambda e: e[0].codigo)
    by_meta = {codigo: grouped[codigo] for codigo in plan.metas if codigo in grouped}  # plan order
    return FinanceResult(
        by_node=_by_node(plan, by_meta, shape),
        by_meta=by_meta,
        by_dependencia=_group(entries, lambda e: e[0].dependencia),
        by_fuente=_group(entries, lambda e: e[1]),
        by_sector=_group(entries, lambda e: e[0].sector),
        by_territorio=_group(entries, lambda e: e[2]),
    )
