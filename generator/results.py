"""What the computation produces (contract section 6), and rendering reads.

Fractions are 0..1 here; rendering and the open-data writers turn them into
percentages. `None` means "does not apply" (e.g. the compliance of a node with no
programmed meta in that vigencia), never zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .model import Plan

Estado = Literal[
    "no programada", "sin reporte", "sin avance", "en avance", "cumplida", "sobreejecutada"
]
ESTADOS: tuple[Estado, ...] = (
    "no programada", "sin reporte", "sin avance", "en avance", "cumplida", "sobreejecutada"
)


@dataclass(frozen=True)
class MetaResult:
    codigo: str
    vigencia: int
    corte: str | None  # id of the corte the figures come from
    programado: float  # P, in the indicator's unit (0 = not programmed)
    ejecutado: float | None  # E, None when sin reporte or not programmed without report
    cumplimiento: float | None  # c in 0..1, None when not programmed
    estado: Estado
    rezagada: bool = False  # sin reporte, sin avance, or below the share of the year elapsed
    esperado: float | None = None  # share of the year elapsed at the corte (0..1)


@dataclass(frozen=True)
class Counts:
    total: int = 0
    programadas: int = 0
    con_avance: int = 0  # programmed with E > 0
    sin_avance: int = 0  # programmed with E = 0 or no report
    no_programadas: int = 0
    sin_reporte: int = 0
    sobreejecutadas: int = 0
    cumplidas: int = 0
    rezagadas: int = 0


@dataclass(frozen=True)
class NodeResult:
    codigo: str  # model.ROOT for the plan itself
    vigencia: int
    corte: str | None
    peso_plan: float  # W, 0..1
    programado: float  # v_y * W, in fractions of the whole plan
    avance: float  # v_y * W * c
    cumplimiento: float | None  # c, 0..1; None when nothing under it is programmed
    rango: str | None  # name of the range, None when cumplimiento is None
    counts: Counts


@dataclass(frozen=True)
class VigenciaResult:
    """Every figure of one vigencia at one corte (the latest of that vigencia, or any
    corte when computing the history)."""

    vigencia: int
    corte: str
    peso_vigencia: float  # v_y, normalised, 0..1
    nodes: dict[str, NodeResult]  # codigo -> result, model.ROOT included
    metas: dict[str, MetaResult]  # codigo_meta -> result


@dataclass
class PlanResults:
    plan: Plan
    node_weights: dict[str, float]  # W of each node, ROOT included (= 1)
    meta_weights: dict[str, float]  # W of each meta
    vigencias: dict[int, VigenciaResult]  # vigencias with data, at their latest corte
    cuatrienio: dict[str, float]  # avance del cuatrienio of each node (0..1), ROOT included
    history: list[VigenciaResult] = field(default_factory=list)  # every corte, oldest first

    @property
    def current(self) -> VigenciaResult | None:
        """The latest vigencia with data: what the home page shows."""
        return self.vigencias[max(self.vigencias)] if self.vigencias else None
