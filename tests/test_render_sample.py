"""A plan small enough to check by hand, computed by the real computation, for the
render tests (no files, no MkDocs). Holds no tests itself: the other test_render_*
modules import it."""

from __future__ import annotations

from generator.compute.plan import compute_plan
from generator.model import DEFAULT_RANGOS, Corte, Meta, Node, Plan, Reporte
from generator.results import PlanResults


def _meta(codigo, padre, programado_2021, nombre=None, **kw):
    return Meta(
        codigo=codigo, codigo_padre=padre, nombre=nombre or f"Meta {codigo}",
        indicador=kw.pop("indicador", "Personas atendidas"), meta_cuatrienio=kw.pop("meta_cuatrienio", 1000.0),
        programado={2021: programado_2021, 2022: 10.0}, unidad="Número", linea_base=0.0,
        dependencia=kw.pop("dependencia", "Secretaría de Educación"), **kw,
    )


def sample_plan(nombre_1="Social", nombre_meta="Meta M1", demo=False, **meta_kw) -> Plan:
    """Línea 1 "Social" (peso 60) with programas 1.1 (M1, M2) and 1.2 (M3, M4);
    línea 2 (peso 40) with programa 2.1 (M5), nothing programmed in 2021.

    2021-T2: M1 10/10 (100 %), M2 4/20 (20 %), M3 not programmed, M4 sin reporte.
    Programa 1.1 = (100 + 20) / 2 = 60 %; 1.2 = M4 alone = 0 %; línea 1 = 30 %.
    Línea 1 weighs 60 % of the plan and 2021 weighs 50 %: 30 points programmed, and
    30 x 30 % = 9 points achieved.
    """
    m = [
        _meta("M1", "1.1", 10.0, nombre=nombre_meta, **meta_kw),
        _meta("M2", "1.1", 20.0),
        _meta("M3", "1.2", 0.0),
        _meta("M4", "1.2", 5.0),
        _meta("M5", "2.1", 0.0),
    ]
    n11 = Node("1.1", "Educación", 1, 1.0, codigo_padre="1", metas=m[0:2])
    n12 = Node("1.2", "Ambiente", 1, 1.0, codigo_padre="1", metas=m[2:4])
    n1 = Node("1", nombre_1, 0, 60.0, children=[n11, n12])
    n21 = Node("2.1", "Empleo", 1, 1.0, codigo_padre="2", metas=m[4:5])
    n2 = Node("2", "Económico", 0, 40.0, children=[n21])
    corte = Corte("2021-T2", 2021, 2, reportes={
        "M1": Reporte("M1", 2021, 10.0),
        "M2": Reporte("M2", 2021, 4.0),
        "M3": Reporte("M3", 2021, 0.0),
    })
    return Plan(
        slug="prueba", nombre="Plan de prueba", entidad="Alcaldía de Prueba", periodo=(2021, 2022),
        niveles=["línea estratégica", "programa"], vigencias={2021: 50.0, 2022: 50.0},
        rangos=list(DEFAULT_RANGOS), roots=[n1, n2], metas={x.codigo: x for x in m},
        cortes=[corte], demo=demo,
    )


def sample_results(**kw) -> PlanResults:
    return compute_plan(sample_plan(**kw))
