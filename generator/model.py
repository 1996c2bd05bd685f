"""The domain model: a validated plan, its metas and its cortes.

Built by the validation stage from the tables the readers return; read by the
computation, which never touches files. Codes are always text ("1.10" is not "1.1").
Numbers are floats in the indicator's unit; weights are the raw positive numbers the
plan gives (normalisation happens in the computation).
"""

from __future__ import annotations

import functools

from dataclasses import dataclass, field
from typing import Literal

from generator.contract import QUARTER_SHARE

Tipo = Literal["incremento", "mantenimiento", "reduccion", "stock"]
TIPOS: tuple[Tipo, ...] = ("incremento", "mantenimiento", "reduccion", "stock")
# How offices write each tipo (as names.canonical_name leaves them): "Suma" is an
# incremento, "Último valor" a stock.
TIPO_SPELLINGS: dict[str, Tipo] = {
    **{tipo: tipo for tipo in TIPOS}, "suma": "incremento", "ultimo_valor": "stock",
}

# The figure a plan leads with for its whole period (plan.yml `cuatrienio`, contract
# 6.5): the vigencias' compliance weighted by v_y, or each meta against its four-year target.
Metodo = Literal["por_vigencias", "meta_cuatrienio"]
METODOS: tuple[Metodo, ...] = ("por_vigencias", "meta_cuatrienio")

# Code of the root node (the plan itself) in results and open data. Validation
# refuses a node of the plan that uses it.
ROOT = "PLAN"


@dataclass(frozen=True)
class Source:
    """Where a record came from, to locate later (consistency) problems."""

    file: str
    sheet: str | None = None
    row: int | None = None


@dataclass(frozen=True)
class Rango:
    nombre: str
    desde: float  # percentage, 0..100
    color: str  # "#rrggbb"


DEFAULT_RANGOS: tuple[Rango, ...] = (
    Rango("Sobresaliente", 81.0, "#1b7f3b"),
    Rango("Aceptable", 56.0, "#b58100"),
    Rango("Bajo", 0.0, "#b3261e"),
)


@dataclass
class Meta:
    """A meta de producto: one row of the Plan Indicativo."""

    codigo: str
    codigo_padre: str
    nombre: str  # the `meta` column: what is promised
    indicador: str
    meta_cuatrienio: float | None
    programado: dict[int, float]  # vigencia -> programmed value; 0 = not programmed
    tipo: Tipo = "incremento"
    unidad: str = ""
    linea_base: float | None = None
    peso: float = 1.0  # relative to the other metas of the same parent
    dependencia: str = ""
    sector: str = ""
    territorio: str = ""  # comuna, corregimiento, vereda... when the plan says
    extra: dict[str, str] = field(default_factory=dict)  # other columns, kept as text
    source: Source | None = None
    # Values before reprogramming, by field ("meta_cuatrienio", "programado_2022"...):
    # the fields above hold the values in force; the original plan stays visible here.
    original: dict[str, object] = field(default_factory=dict)

    def programado_en(self, vigencia: int) -> float:
        return self.programado.get(vigencia, 0.0) or 0.0

    def is_programmed(self, vigencia: int) -> bool:
        return self.programado_en(vigencia) > 0


@dataclass
class Node:
    """A node of the plan's tree: holds either child nodes or metas, never both."""

    codigo: str
    nombre: str
    nivel: int  # depth: 0 = top level (index into Plan.niveles)
    peso: float = 1.0  # relative to its siblings
    descripcion: str = ""
    codigo_padre: str | None = None  # None for top-level nodes
    children: list["Node"] = field(default_factory=list)
    metas: list[Meta] = field(default_factory=list)

    @property
    def is_leaf(self) -> bool:
        return not self.children


@dataclass
class Reporte:
    """One row of an avances file: what a meta achieved in a vigencia up to a corte."""

    codigo_meta: str
    vigencia: int
    ejecutado: float
    observaciones: str = ""
    evidencia: str = ""  # validated http(s) URL or empty
    recursos_programados: float | None = None
    recursos_comprometidos: float | None = None
    recursos_ejecutados: float | None = None  # pagado
    extra: dict[str, str] = field(default_factory=dict)
    source: Source | None = None


@dataclass
class Presupuesto:
    """One row of presupuesto/AAAA-TN: money of a meta in a vigencia from one source."""

    codigo_meta: str
    vigencia: int
    fuente: str  # recursos propios, SGP, SGR, cofinanciación, crédito...
    programado: float  # apropiación, in pesos
    comprometido: float | None = None
    pagado: float | None = None
    territorio: str = ""
    source: Source | None = None


@dataclass
class Reprogramacion:
    """An adjustment to a meta, with its justification and administrative act."""

    codigo_meta: str
    fecha: str  # ISO date, AAAA-MM-DD
    campo: str  # canonical field name of the meta: meta_cuatrienio, programado_2022...
    valor_anterior: object
    valor_nuevo: object
    justificacion: str
    acto: str = ""
    source: Source | None = None


@dataclass
class Compromiso:
    """A dependencia's answer to a lagging meta at a corte (Pasto's PE-P-004, step 8):
    why it lags, what it commits to, who answers and by when; `cumplido` is filled at a
    later corte (None while nobody has said)."""

    codigo_meta: str
    corte: str  # the corte the commitment answers, "2021-T2"
    compromiso: str
    responsable: str
    fecha: str  # ISO date the commitment is due, AAAA-MM-DD
    causa: str = ""
    cumplido: bool | None = None
    source: Source | None = None


@dataclass
class Corte:
    """A report cut-off: `2021-T3` is the third quarter of 2021 (T4 closes the year)."""

    id: str  # "2021-T3"
    vigencia: int
    trimestre: int  # 1..4
    reportes: dict[str, Reporte] = field(default_factory=dict)  # codigo_meta -> row
    files: list[str] = field(default_factory=list)
    presupuesto: list[Presupuesto] = field(default_factory=list)  # presupuesto/<id> rows

    @property
    def share_of_year(self) -> float:
        return QUARTER_SHARE[self.trimestre]

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.vigencia, self.trimestre)


@dataclass(frozen=True)
class Firma:
    """Who signs the council report (plan.yml `firma`)."""

    nombre: str
    cargo: str


@dataclass
class Plan:
    slug: str  # folder name under data/
    nombre: str
    entidad: str
    periodo: tuple[int, int]
    niveles: list[str]  # level names, top first (1 to 5)
    vigencias: dict[int, float]  # raw weight of each year of the period
    rangos: list[Rango]  # sorted by `desde`, highest first
    roots: list[Node]  # top-level nodes
    metas: dict[str, Meta]  # codigo -> meta, in file order
    cortes: list[Corte]  # sorted oldest first
    reprogramaciones: list[Reprogramacion] = field(default_factory=list)  # oldest first
    compromisos: list[Compromiso] = field(default_factory=list)  # seguimiento file, by corte then file order
    demo: bool = False
    licencia: str = "CC BY 4.0"
    descripcion: str = ""
    oficina: str = ""  # the office that answers for the figures (plan.yml `oficina`), may be empty
    source_dir: str = ""
    sinonimos: dict[str, list[str]] = field(default_factory=dict)  # search: word -> also searched
    cuatrienio: Metodo = "por_vigencias"  # the headline figure of the whole period
    # The municipal act that regulates the quarterly follow-up (plan.yml `decreto_seguimiento`), may be empty.
    decreto_seguimiento: str = ""
    firma: Firma | None = None  # who signs the council report (plan.yml `firma`), None when not given
    # The province or subregion a site of many plans lists this one under (plan.yml `grupo`), may be empty.
    grupo: str = ""
    # The office's conclusions and recommendations for a corte (informes/<corte>.md), by corte id: Markdown.
    informes: dict[str, str] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        return list(range(self.periodo[0], self.periodo[1] + 1))

    def iter_nodes(self):
        """Every node, depth first, parents before children, in plan order."""
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def node(self, codigo: str) -> Node:
        return self._nodes_by_codigo[codigo]

    @functools.cached_property
    def _nodes_by_codigo(self) -> dict[str, Node]:
        """Every node by its code, made the first time one is looked up (a plan's
        structure does not change once read): a page links hundreds of metas to
        their node, and a walk of thousands of nodes for each was most of a large
        plan's page writing."""
        return {node.codigo: node for node in self.iter_nodes()}

    def corte(self, corte_id: str | None) -> Corte | None:
        return next((c for c in self.cortes if c.id == corte_id), None)

    def latest_corte(self, vigencia: int) -> Corte | None:
        of_year = [c for c in self.cortes if c.vigencia == vigencia]
        return max(of_year, key=lambda c: c.sort_key) if of_year else None

    @property
    def vigencias_con_datos(self) -> list[int]:
        return sorted({c.vigencia for c in self.cortes})
