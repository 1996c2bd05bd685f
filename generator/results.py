"""What the computation produces (contract section 6), and rendering reads.

Fractions are 0..1 here; rendering and the open-data writers turn them into
percentages. `None` means "does not apply" (e.g. the compliance of a node with no
programmed meta in that vigencia), never zero.
"""

from __future__ import annotations

import functools

from dataclasses import dataclass, field
from typing import Literal

from generator.model import Compromiso, Metodo, Plan, Reprogramacion

Estado = Literal[
    "no programada", "sin reporte", "sin avance", "en avance", "cumplida", "sobreejecutada"
]
ESTADOS: tuple[Estado, ...] = (
    "no programada", "sin reporte", "sin avance", "en avance", "cumplida", "sobreejecutada"
)
# The alert of a meta at a corte (compute/alerts.py): rezagada = no iniciada + atrasada.
AlertKind = Literal["no iniciada", "atrasada", "sobreejecutada"]
ALERT_KINDS: tuple[AlertKind, ...] = ("no iniciada", "atrasada", "sobreejecutada")


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
class MetaCuatrienio:
    """A meta against its four-year target (compute/cuatrienio.py owns the rule)."""

    codigo: str
    acumulado: float | None  # progress so far by its tipo, in the indicator's unit; None = never reported
    meta_cuatrienio: float | None
    avance: float | None  # 0..1, capped; None when the meta has no usable four-year target
    sobreejecutada: bool  # the uncapped share is above 1


@dataclass(frozen=True)
class Counts:
    total: int = 0
    programadas: int = 0
    con_avance: int = 0  # programmed with E > 0
    sin_avance: int = 0  # programmed with E = 0 or no report: the alert matrix's no iniciadas
    no_programadas: int = 0
    sin_reporte: int = 0
    sobreejecutadas: int = 0
    cumplidas: int = 0
    rezagadas: int = 0
    atrasadas: int = 0  # rezagadas en avance: rezagadas - sin_avance
    reportadas_sin_avance: int = 0  # estado "sin avance" (reported, nothing achieved)


@dataclass(frozen=True)
class NodeResult:
    codigo: str  # model.ROOT for the plan itself
    vigencia: int
    corte: str | None
    peso_plan: float  # W, 0..1
    programado: float  # v_y * W, in fractions of the whole plan
    avance: float  # v_y * W * c
    cumplimiento: float | None  # c, 0..1; None when nothing under it is programmed
    # Name of the range on the ritmo, what the site shows (compute.core.judge); None when
    # cumplimiento is None.
    rango: str | None
    counts: Counts
    ritmo: float | None = None  # cumplimiento / esperado, capped at 1 (compute.core.ritmo)
    rango_cumplimiento: str | None = None  # on the cumplimiento itself (contract 6.6)
    # What it counts for in its parent (compute.core.shares_in_parent): the parent's
    # programado re-shared among its programmed children (0 when not programmed), and
    # that times c. Over siblings they add up to the parent's programado and avance.
    programado_en_padre: float = 0.0
    avance_en_padre: float = 0.0
    avance_cuatrienio: float | None = None  # against meta_cuatrienio at this corte (compute/cuatrienio.py)


@dataclass(frozen=True)
class Money:
    """Pesos of a vigencia up to a corte; None = not reported (shown "no reportado",
    published as an empty cell), never 0. ejecucion = pagado / programado."""

    programado: float | None = None
    comprometido: float | None = None
    pagado: float | None = None

    @property
    def ejecucion(self) -> float | None:
        if self.programado is None or self.programado <= 0 or self.pagado is None:
            return None
        return self.pagado / self.programado


@dataclass(frozen=True)
class MoneyEntry:
    """One amount of money of a meta as the files give it: a presupuesto row, or the
    recursos of an avances row (fuente "" then)."""

    codigo_meta: str
    fuente: str
    territorio: str  # the row's, else its meta's
    dinero: Money


@dataclass(frozen=True)
class Dependencia:
    """One dependencia of the plan (compute/dependencias.py owns the rule): every
    spelling of a name with the same names.name_key is the same dependencia."""

    key: str  # names.name_key of its name; "" for the metas without a dependencia
    nombre: str  # as the plan first writes it, or "Sin dependencia asignada"
    slug: str  # unique among the plan's dependencias: page folder and file names
    metas: tuple[str, ...]  # codes of its metas, in plan order


@dataclass(frozen=True)
class SectorResult:
    """A sector's figures at a corte (compute/sectores.py): the plan by topic."""

    nombre: str
    metas: tuple[str, ...]  # codes, in plan order
    cumplimiento: float | None
    counts: Counts
    rango: str | None = None  # on the ritmo, as the site shows it
    ritmo: float | None = None  # cumplimiento / esperado, capped at 1


@dataclass(frozen=True)
class DependenciaResult:
    dependencia: Dependencia
    vigencia: int
    corte: str
    # Mean of its programmed metas' compliance, weighted by their weight in the plan.
    cumplimiento: float | None
    counts: Counts
    dinero: Money = Money()
    rango: str | None = None  # on the ritmo: what the site shows
    ritmo: float | None = None  # cumplimiento / esperado, capped at 1
    rango_cumplimiento: str | None = None  # on the cumplimiento itself (contract 6.6)
    avance_cuatrienio: float | None = None  # its metas against meta_cuatrienio at this corte, weighted by W
    alertas: dict[AlertKind, tuple[str, ...]] = field(default_factory=dict)  # codes by kind, plan order
    rezagadas: tuple[str, ...] = ()  # no iniciadas and atrasadas, plan order

    @property
    def nombre(self) -> str:
        return self.dependencia.nombre

    @property
    def slug(self) -> str:
        return self.dependencia.slug

    @property
    def metas(self) -> tuple[str, ...]:
        return self.dependencia.metas


@dataclass(frozen=True)
class AlertsResult:
    """The alert matrix of a corte (Pasto's PE-P-008), as pages and workbooks show it."""

    # Dependencias with metas programmed in the vigencia, by slug; the metas without a
    # dependencia are one more ("Sin dependencia asignada").
    dependencias: tuple[DependenciaResult, ...] = ()
    total: Counts = Counts()  # the metas of those dependencias together
    metas: dict[AlertKind, tuple[str, ...]] = field(default_factory=dict)  # every meta by kind, plan order
    rezagadas: tuple[str, ...] = ()  # no iniciadas and atrasadas, plan order


@dataclass(frozen=True)
class FinanceResult:
    """Financial execution of a vigencia at a corte, side by side with physical progress.

    From presupuesto/ files when the corte has them, else from the avances columns
    recursos_programados / recursos_comprometidos / recursos_ejecutados (= pagado)."""

    entries: tuple[MoneyEntry, ...]  # every amount, metas in plan order
    by_node: dict[str, Money]  # ROOT included
    by_meta: dict[str, Money]
    by_fuente: dict[str, Money]  # empty when the money comes from avances
    by_sector: dict[str, Money]  # empty when no meta has a sector
    by_territorio: dict[str, Money]  # empty when nothing has a territorio
    # The money with no fuente, sector or territorio; None when every amount has one.
    # With them, each breakdown adds up to by_node[ROOT].
    sin_fuente: Money | None = None
    sin_sector: Money | None = None
    sin_territorio: Money | None = None


@dataclass(frozen=True)
class VigenciaResult:
    """Every figure of one vigencia at one corte (the latest of that vigencia, or any
    corte when computing the history)."""

    vigencia: int
    corte: str
    peso_vigencia: float  # v_y, normalised, 0..1
    nodes: dict[str, NodeResult]  # codigo -> result, model.ROOT included
    metas: dict[str, MetaResult]  # codigo_meta -> result
    esperado: float  # share of the year elapsed at the corte (0..1)
    # Where each rango starts on the cumplimiento scale at this corte (compute.core.umbrales).
    umbrales: tuple[tuple[str, float], ...] = ()
    # Named dependencias by Dependencia.key, sorted by slug (none for metas without one).
    dependencias: dict[str, DependenciaResult] = field(default_factory=dict)
    finanzas: FinanceResult | None = None  # None when the corte reports no money
    alertas: AlertsResult = AlertsResult()
    # Programmed metas, least advanced first (published cumplimiento, then plan order),
    # then the others in plan order: what a capped list or chart keeps.
    least_advanced: tuple[str, ...] = ()
    sectores: tuple[SectorResult, ...] = ()  # by name; none when no meta has a sector
    # Each meta against its four-year target at this corte (compute/cuatrienio.py).
    metas_cuatrienio: dict[str, MetaCuatrienio] = field(default_factory=dict)
    # For the council report (compute/informe.py): the share of the four years expected by
    # the corte, the metas reprogrammed in the vigencia up to the corte by node (ROOT
    # included), and the keys of the dependencias that reported in the corte, by slug.
    esperado_cuatrienio: float = 0.0
    reprogramadas: dict[str, int] = field(default_factory=dict)
    reportaron: tuple[str, ...] = ()

    @functools.cached_property
    def advance_rank(self) -> dict[str, int]:
        """Each programmed meta's place in `least_advanced` (0: the least advanced)."""
        return {codigo: i for i, codigo in enumerate(self.least_advanced)}


@dataclass(frozen=True)
class Acumulada:
    """The accumulated matrix of metas rezagadas over the cortes of one vigencia."""

    vigencia: int
    cortes: tuple[str, ...]  # the vigencia's cortes, oldest first
    # (codigo_meta, the cortes it was rezagada in): most cortes first, plan order among equals.
    metas: tuple[tuple[str, tuple[str, ...]], ...]


# A commitment's state at the latest corte (compute/seguimiento.py owns the rule).
EstadoCompromiso = Literal["pendiente", "vencido", "cumplido", "no cumplido"]


@dataclass(frozen=True)
class CompromisoResult:
    compromiso: Compromiso
    estado: EstadoCompromiso
    alerta: bool  # past its date and not met: vencido or no cumplido

    @property
    def codigo_meta(self) -> str:
        return self.compromiso.codigo_meta


@dataclass(frozen=True)
class Seguimiento:
    """The follow-up of alerts (Pasto's PE-P-004, step 8): every commitment judged at
    the plan's latest corte."""

    corte: str | None = None  # the latest corte, None when there is none
    compromisos: tuple[CompromisoResult, ...] = ()  # by the corte they answer, then file order
    por_meta: dict[str, tuple[CompromisoResult, ...]] = field(default_factory=dict)  # latest corte first
    alertas: tuple[CompromisoResult, ...] = ()  # vencidos and no cumplidos, in the order of `compromisos`


@dataclass
class PlanResults:
    plan: Plan
    node_weights: dict[str, float]  # W of each node, ROOT included (= 1)
    meta_weights: dict[str, float]  # W of each meta
    vigencias: dict[int, VigenciaResult]  # vigencias with data, at their latest corte
    cuatrienio: dict[str, float]  # avance del cuatrienio of each node (0..1), ROOT included
    history: list[VigenciaResult] = field(default_factory=list)  # every corte, oldest first
    acumulada: Acumulada | None = None  # of the current vigencia
    dependencias: tuple[Dependencia, ...] = ()  # the plan's named dependencias, by slug
    # Against meta_cuatrienio (compute/cuatrienio.py): each node's share (ROOT included,
    # None when no meta under it has a usable target) and each meta's figures.
    frente_meta: dict[str, float | None] = field(default_factory=dict)
    metas_cuatrienio: dict[str, MetaCuatrienio] = field(default_factory=dict)
    seguimiento: Seguimiento = Seguimiento()
    # The plan's results as they stood at each earlier corte, by corte id (the latest
    # corte's are these results themselves): what the archive of cortes publishes.
    archivo: dict[str, "PlanResults"] = field(default_factory=dict)
    # In an archive entry: the reprogramaciones approved after its corte closed.
    reprogramaciones_despues: tuple[Reprogramacion, ...] = ()
    cambios: tuple[Cambios, ...] = ()  # every corte against the previous one, oldest first

    def at(self, corte: str) -> "PlanResults":
        """The results as they stood at `corte` (one of the history's)."""
        return self.archivo.get(corte, self)

    def cuatrienio_figures(self, codigo: str) -> tuple[tuple[Metodo, float | None], ...]:
        """A node's two figures for the whole period (ROOT for the plan), the plan's
        headline (plan.yml `cuatrienio`) first: the one place that decides which leads."""
        figures = {"por_vigencias": self.cuatrienio.get(codigo), "meta_cuatrienio": self.frente_meta.get(codigo)}
        return tuple(sorted(figures.items(), key=lambda item: item[0] != self.plan.cuatrienio))

    @property
    def current(self) -> VigenciaResult | None:
        """The latest vigencia with data: what the home page shows."""
        return self.vigencias[max(self.vigencias)] if self.vigencias else None


@dataclass(frozen=True)
class Cambios:
    """What changed from one corte to the next (compute/cambios.py owns the rules):
    the figures of both cortes, side by side, in plan order (dependencias by slug)."""

    anterior: str  # id of the previous corte
    corte: str
    nueva_vigencia: bool  # the corte opens a new vigencia: every meta starts the year again
    estados: tuple[tuple[MetaResult, MetaResult], ...]  # (before, now) of the metas whose estado changed
    nuevas_rezagadas: tuple[str, ...]  # rezagada now, not before
    recuperadas: tuple[str, ...]  # rezagada before; now programmed and not rezagada
    mejoraron: tuple[tuple[DependenciaResult, DependenciaResult], ...]  # (before, now): a higher rango
    bajaron: tuple[tuple[DependenciaResult, DependenciaResult], ...]  # (before, now): a lower rango
    reprogramaciones: tuple[Reprogramacion, ...]  # dated after the previous corte's day, up to this one's
