"""A plan small enough to check by hand, computed by the real computation, for the
render tests (no files, no MkDocs). Built with the plan factory."""

from __future__ import annotations

from generator.compute.plan import compute_plan
from generator.model import Meta, Plan
from generator.results import PlanResults
from tests.plan_factory import make_plan, meta


def _meta(codigo, padre, programado_2021, nombre=None, **kw) -> Meta:
    kw.setdefault("indicador", "Personas atendidas")
    kw.setdefault("meta_cuatrienio", 1000.0)
    kw.setdefault("dependencia", "Secretaría de Educación")
    return meta(codigo, padre, {2021: programado_2021, 2022: 10.0}, nombre=nombre or f"Meta {codigo}",
                unidad="Número", linea_base=0.0, **kw)


def sample_plan(nombre_1="Social", nombre_meta="Meta M1", demo=False, **meta_kw) -> Plan:
    """Línea 1 "Social" (peso 60) with programas 1.1 (M1, M2) and 1.2 (M3, M4);
    línea 2 (peso 40) with programa 2.1 (M5), nothing programmed in 2021.

    2021-T2: M1 10/10 (100 %), M2 4/20 (20 %), M3 not programmed, M4 sin reporte.
    Programa 1.1 = (100 + 20) / 2 = 60 %; 1.2 = M4 alone = 0 %; línea 1 = 30 %.
    Línea 1 weighs 60 % of the plan and 2021 weighs 50 %: 30 points programmed, and
    30 x 30 % = 9 points achieved.
    """
    return make_plan(
        tree={"1": (60.0, {"1.1": 1.0, "1.2": 1.0}), "2": (40.0, {"2.1": 1.0})},
        nombres={"1": nombre_1, "1.1": "Educación", "1.2": "Ambiente", "2": "Económico", "2.1": "Empleo"},
        metas=[
            _meta("M1", "1.1", 10.0, nombre=nombre_meta, **meta_kw),
            _meta("M2", "1.1", 20.0),
            _meta("M3", "1.2", 0.0),
            _meta("M4", "1.2", 5.0),
            _meta("M5", "2.1", 0.0),
        ],
        cortes={"2021-T2": {"M1": 10.0, "M2": 4.0, "M3": 0.0}},
        periodo=(2021, 2022), vigencias={2021: 50.0, 2022: 50.0},
        niveles=["línea estratégica", "programa"],
        entidad="Alcaldía de Prueba", demo=demo,
    )


def sample_results(**kw) -> PlanResults:
    return compute_plan(sample_plan(**kw))
