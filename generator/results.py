"""What the computation produces (contract section 6), and rendering reads.

Fractions are 0..1 here; rendering and the open-data writers turn them into
percentages. `None` means "does not apply" (e.g. the compliance of a node with no
programmed meta in that vigencia), never zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from generator.model import Plan

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
class Money:
    """Pesos of a vigencia up to a corte. ejecucion = pagado / programado."""

    programado: float = 0.0
    comprometido: float = 0.0
    pagado: float = 0.0

    @property
    def ejecucion(self) -> float | None:
        return self.pagado / self.programado if self.programado > 0 else None


@dataclass(frozen=True)
class DependenciaResult:
    nombre: str
    vigencia: int
    corte: str
    # Mean of its programmed metas' compliance, weighted by their weight in the plan.
    cumplimiento: float | None
    counts: Counts
    metas: tuple[str, ...]  # codes of its metas, in plan order
    dinero: Money = Money()
    rango: str | None = None


@dataclass(frozen=True)
class FinanceResult:
    """Financial execution of a vigencia at a corte, side by side with physical progress.

    From presupuesto/ files when the corte has them, else from the avances columns
    recursos_programados / recursos_ejecutados (then comprometido = pagado)."""

    by_node: dict[str, Money]  # ROOT included
    by_meta: dict[str, Money]
    by_dependencia: dict[str, Money]
    by_fuente: dict[str, Money]  # empty when the money comes from avances
    by_sector: dict[str, Money]  # empty when no meta has a sector
    by_territorio: dict[str, Money]  # empty when nothing has a territorio


@dataclass(frozen=True)
class VigenciaResult:
    """Every figure of one vigencia at one corte (the latest of that vigencia, or any
    corte when computing the history)."""

    vigencia: int
    corte: str
    peso_vigencia: float  # v_y, normalised, 0..1
    nodes: dict[str, NodeResult]  # codigo -> result, model.ROOT included
    metas: dict[str, MetaResult]  # codigo_meta -> result
    dependencias: dict[str, DependenciaResult] = field(default_factory=dict)  # by name
    finanzas: FinanceResult | None = None  # None when the corte reports no money


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
