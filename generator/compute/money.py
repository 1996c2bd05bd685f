"""Money for each corte (PE-P-004: financial execution by node, dependencia and
source). Pure, like the rest of compute/.

Decisions, stated here and for the methodology page:

- Money comes from the corte's presupuesto rows when it has any; otherwise from the
  avances columns recursos_programados, recursos_comprometidos (optional) and
  recursos_ejecutados, which is what was *pagado* (no fuente then).
- A blank amount is *not reported* (None), never 0: pages say "no reportado", open
  data leaves the cell empty. A sum adds the reported amounts and is None only when
  none of them is reported.
- A presupuesto row's territorio, when given, wins over its meta's territorio.
- The money with no fuente, no sector or no territorio is kept apart (sin_fuente...),
  so each breakdown's rows add up to the total of the plan.
- Sums use math.fsum: the order of rows or files changes no figure.
- The money of a dependencia is the sum of its metas' (compute/dependencias.py).
"""

from __future__ import annotations

from collections import defaultdict
from math import fsum
from typing import Callable, Iterable

from generator.compute.core import PlanShape
from generator.model import ROOT, Corte, Meta, Plan
from generator.results import FinanceResult, Money, MoneyEntry

# One amount of money of a meta, with its meta.
Entry = tuple[Meta, MoneyEntry]


def amount_sum(amounts: Iterable[float | None]) -> float | None:
    """The sum of the reported amounts; None when none is reported."""
    reported = [a for a in amounts if a is not None]
    return fsum(reported) if reported else None


def money_sum(amounts: Iterable[Money]) -> Money:
    amounts = list(amounts)
    return Money(amount_sum(m.programado for m in amounts), amount_sum(m.comprometido for m in amounts),
                 amount_sum(m.pagado for m in amounts))


def _entries(plan: Plan, corte: Corte) -> list[Entry]:
    """Every amount of the corte, metas in plan order: its presupuesto rows, or else its
    avances' recursos."""
    if corte.presupuesto:
        entries = [
            (meta, MoneyEntry(meta.codigo, p.fuente, p.territorio or meta.territorio,
                              Money(p.programado, p.comprometido, p.pagado)))
            for p in corte.presupuesto if (meta := plan.metas.get(p.codigo_meta))
        ]
    else:
        entries = [
            (meta, MoneyEntry(meta.codigo, "", meta.territorio,
                              Money(r.recursos_programados, r.recursos_comprometidos, r.recursos_ejecutados)))
            for r in corte.reportes.values()
            if (meta := plan.metas.get(r.codigo_meta))
            and any(v is not None for v in (r.recursos_programados, r.recursos_comprometidos, r.recursos_ejecutados))
        ]
    order = {codigo: i for i, codigo in enumerate(plan.metas)}
    return sorted(entries, key=lambda e: order[e[0].codigo])


def _group(entries: list[Entry], key: Callable[[Entry], str]) -> dict[str, Money]:
    """Money by a key (entries with an empty key left out), keys sorted."""
    groups: dict[str, list[Money]] = defaultdict(list)
    for entry in entries:
        if name := key(entry):
            groups[name].append(entry[1].dinero)
    return {name: money_sum(groups[name]) for name in sorted(groups)}


def _unassigned(entries: list[Entry], key: Callable[[Entry], str]) -> Money | None:
    """Money of the entries with an empty key; None when every entry has one."""
    missing = [entry[1].dinero for entry in entries if not key(entry)]
    return money_sum(missing) if missing else None


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
    if not any((e.dinero.programado or 0) > 0 or (e.dinero.pagado or 0) > 0 for _, e in entries):
        return None
    grouped = _group(entries, lambda e: e[0].codigo)
    by_meta = {codigo: grouped[codigo] for codigo in plan.metas if codigo in grouped}  # plan order

    def fuente(e: Entry) -> str:
        return e[1].fuente

    def sector(e: Entry) -> str:
        return e[0].sector

    def territorio(e: Entry) -> str:
        return e[1].territorio

    return FinanceResult(
        entries=tuple(e for _, e in entries),
        by_node=_by_node(plan, by_meta, shape),
        by_meta=by_meta,
        by_fuente=_group(entries, fuente),
        by_sector=_group(entries, sector),
        by_territorio=_group(entries, territorio),
        sin_fuente=_unassigned(entries, fuente),
        sin_sector=_unassigned(entries, sector),
        sin_territorio=_unassigned(entries, territorio),
    )
