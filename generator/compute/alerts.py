"""The alert matrix (Pasto's PE-P-008): which metas are behind, which went over.

Rezagada (contract section 6, computed in compute/core.py) = *no iniciada* (sin reporte
or sin avance) + *atrasada* (en avance, below the share of the year elapsed). A meta
not rezagada whose ejecutado exceeds its programado is *sobreejecutada*: it is reviewed
too. Pages, alert workbooks and open data read these classifications from the results.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from generator.compute.core import counts_of, round_pct
from generator.results import (
    ALERT_KINDS,
    Acumulada,
    AlertKind,
    AlertsResult,
    DependenciaResult,
    MetaResult,
    VigenciaResult,
)


def alert_kind(r: MetaResult) -> AlertKind | None:
    """"no iniciada", "atrasada", "sobreejecutada" or None (no alert)."""
    if r.rezagada:
        return "no iniciada" if r.estado in ("sin reporte", "sin avance") else "atrasada"
    if r.estado == "sobreejecutada":
        return "sobreejecutada"
    return None


def alerts_by_kind(results: Iterable[MetaResult]) -> dict[AlertKind, tuple[str, ...]]:
    """The codes of each kind of alert, in the order given (every kind present)."""
    kinds: dict[AlertKind, list[str]] = {kind: [] for kind in ALERT_KINDS}
    for r in results:
        if (kind := alert_kind(r)) is not None:
            kinds[kind].append(r.codigo)
    return {kind: tuple(codes) for kind, codes in kinds.items()}


def alerts_result(metas: dict[str, MetaResult], dependencias: Sequence[DependenciaResult]) -> AlertsResult:
    """The matrix over the dependencias (already sorted by slug) with metas programmed in
    the vigencia; `metas` in plan order."""
    shown = tuple(d for d in dependencias if d.counts.programadas)
    return AlertsResult(
        dependencias=shown,
        total=counts_of(metas[codigo] for d in shown for codigo in d.metas),
        metas=alerts_by_kind(metas.values()),
        rezagadas=tuple(codigo for codigo, r in metas.items() if r.rezagada),
    )


def least_advanced(metas: dict[str, MetaResult]) -> tuple[str, ...]:
    """Programmed metas by published cumplimiento, lowest first (plan order among equals),
    then the metas not programmed, in plan order (`metas` in plan order)."""
    order = {codigo: i for i, codigo in enumerate(metas)}

    def key(codigo: str) -> tuple[bool, float, int]:
        c = metas[codigo].cumplimiento
        return c is None, round_pct(c) if c is not None else 0.0, order[codigo]

    return tuple(sorted(metas, key=key))


def acumulada(history: Sequence[VigenciaResult], vigencia: int, plan_order: Iterable[str]) -> Acumulada:
    """Each meta rezagada in any corte of the vigencia with the cortes it was rezagada in,
    most cortes first (plan order among equals)."""
    cortes = [v for v in history if v.vigencia == vigencia]
    behind = []
    for codigo in plan_order:
        flagged = tuple(v.corte for v in cortes if (r := v.metas.get(codigo)) is not None and r.rezagada)
        if flagged:
            behind.append((codigo, flagged))
    behind.sort(key=lambda item: -len(item[1]))
    return Acumulada(vigencia, tuple(v.corte for v in cortes), tuple(behind))
