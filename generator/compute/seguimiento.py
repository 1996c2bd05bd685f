"""The follow-up of alerts (Pasto's PE-P-004, step 8): each commitment's state at the
plan's latest corte.

A commitment the office marked as met is *cumplido*, one marked as not met *no
cumplido*. Otherwise it is *pendiente* while its date is after the day the latest corte
closes, and *vencido* once that day reaches it. Vencidos and no cumplidos are alerts.
"""

from __future__ import annotations

from datetime import date

from generator.contract import corte_end, parse_corte_id
from generator.model import Compromiso, Corte, Plan
from generator.results import CompromisoResult, EstadoCompromiso, PlanResults, Seguimiento


def estado_compromiso(c: Compromiso, hoy: date) -> EstadoCompromiso:
    """The state of `c` at a corte that closes on `hoy`."""
    if c.cumplido is not None:
        return "cumplido" if c.cumplido else "no cumplido"
    return "pendiente" if date.fromisoformat(c.fecha) > hoy else "vencido"


def seguimiento(plan: Plan) -> Seguimiento:
    latest: Corte | None = max(plan.cortes, key=lambda c: c.sort_key, default=None)
    if latest is None:
        return Seguimiento()
    hoy = corte_end(latest.vigencia, latest.trimestre)
    judged = []
    for c in plan.compromisos:
        estado = estado_compromiso(c, hoy)
        judged.append(CompromisoResult(c, estado, estado in ("vencido", "no cumplido")))
    por_meta: dict[str, list[CompromisoResult]] = {}
    for r in reversed(judged):
        por_meta.setdefault(r.codigo_meta, []).append(r)
    return Seguimiento(latest.id, tuple(judged), {codigo: tuple(rs) for codigo, rs in por_meta.items()},
                       tuple(r for r in judged if r.alerta))


def rezagadas_before(results: PlanResults, corte_id: str) -> tuple[str, tuple[str, ...]] | None:
    """The latest corte before `corte_id` ("2021-T4") and its metas rezagadas, in plan
    order: the ones a capture sheet for `corte_id` asks a commitment for. None when no
    corte comes before it."""
    key = parse_corte_id(corte_id)
    before = [v for v in results.history if parse_corte_id(v.corte) < key]
    return (before[-1].corte, before[-1].alertas.rezagadas) if before else None
