"""What changed from one corte to the next: the office's "what moved this quarter".

Pure: it compares the per-corte results already computed (compute/plan.py, the history)
and re-decides nothing. Estado and rezagada are the ones compute/core.py gave each meta
at each corte; a dependencia's rango is the one the site shows (on the ritmo,
compute/core.py judge).

Decisions, stated once here and on the page:

- A meta *changed estado* when its estado at the corte differs from the previous one.
- A *nueva rezagada* is rezagada at the corte and was not at the previous one.
- A *recuperada* was rezagada at the previous corte and, still programmed, is not now;
  one that stopped being programmed (a new vigencia without programado) only changed
  estado: it did not catch up.
- A dependencia *improved* (or *fell*) when its rango moved to a higher (lower) one in the
  plan's order of rangos; one without metas programmed in either corte is not compared.
- A reprogramación falls between two cortes when its fecha is after the day the previous
  corte closes and not after the day this one closes (contract.corte_end).
"""

from __future__ import annotations

from typing import Sequence

from generator.contract import corte_end, parse_corte_id
from generator.model import Plan, Reprogramacion
from generator.results import Cambios, DependenciaResult, VigenciaResult


def _closes(corte_id: str) -> str:
    """The ISO day a corte closes on, comparable with a reprogramación's fecha."""
    return corte_end(*parse_corte_id(corte_id)).isoformat()


def reprogramaciones_between(plan: Plan, since: str, until: str | None = None) -> tuple[Reprogramacion, ...]:
    """The adjustments approved after the corte `since` closed and, with `until`, not
    after that corte closed."""
    start, end = _closes(since), _closes(until) if until else None
    return tuple(r for r in plan.reprogramaciones if start < r.fecha and (end is None or r.fecha <= end))


def _rango_moves(plan: Plan, before: VigenciaResult, now: VigenciaResult
                 ) -> tuple[list[tuple[DependenciaResult, DependenciaResult]], list[tuple[DependenciaResult, DependenciaResult]]]:
    """(improved, fell): the dependencias whose rango moved up or down, by slug."""
    rank = {r.nombre: i for i, r in enumerate(plan.rangos)}  # highest rango first
    up, down = [], []
    for key, d in now.dependencias.items():
        prev = before.dependencias.get(key)
        if prev is None or prev.rango is None or d.rango is None or prev.rango == d.rango:
            continue
        (up if rank[d.rango] < rank[prev.rango] else down).append((prev, d))
    return up, down


def cambios_between(plan: Plan, before: VigenciaResult, now: VigenciaResult) -> Cambios:
    """What changed from the corte of `before` to the corte of `now` (metas in plan order)."""
    pairs = [(before.metas[codigo], r) for codigo, r in now.metas.items() if codigo in before.metas]
    up, down = _rango_moves(plan, before, now)
    return Cambios(
        anterior=before.corte, corte=now.corte, nueva_vigencia=now.vigencia != before.vigencia,
        estados=tuple((a, b) for a, b in pairs if a.estado != b.estado),
        nuevas_rezagadas=tuple(b.codigo for a, b in pairs if b.rezagada and not a.rezagada),
        recuperadas=tuple(b.codigo for a, b in pairs
                          if a.rezagada and not b.rezagada and b.estado != "no programada"),
        mejoraron=tuple(up), bajaron=tuple(down),
        reprogramaciones=reprogramaciones_between(plan, before.corte, now.corte),
    )


def cambios(plan: Plan, history: Sequence[VigenciaResult]) -> tuple[Cambios, ...]:
    """Every corte of the history (oldest first) against the one before it."""
    return tuple(cambios_between(plan, before, now) for before, now in zip(history, history[1:]))
