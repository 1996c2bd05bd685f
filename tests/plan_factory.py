"""Tiny Plans built by hand, for tests that need a model without reading files.

    from tests.plan_factory import make_plan, meta

    plan = make_plan(
        tree={"1": (46.2, {"1.1": 1, "1.2": 3}), "2": 53.8},
        metas=[
            meta("M1", "1.1", {2021: 10}),
            meta("M2", "1.2", {2021: 4, 2022: 4}, peso=2),
            meta("M3", "2", {2021: 50}, tipo="reduccion", linea_base=80),
        ],
        cortes={"2021-T2": {"M1": 3}, "2021-T4": {"M1": 8, "M3": 60}},
        vigencias={2020: 10, 2021: 30, 2022: 30, 2023: 30},
    )

`tree` maps each top-level codigo to its peso (a leaf node, which holds metas) or to
`(peso, children)` where `children` is a mapping of the same shape (an inner node).
Node names are "Nodo <codigo>"; level names default to "nivel 1", "nivel 2", ...

`meta(codigo, padre, programado, **fields)` makes a Meta; `programado` maps vigencia ->
P (a missing year is not programmed); any other Meta field can be passed by name.

`cortes` maps a corte id ("2021-T3") to {codigo_meta: ejecutado}; the vigencia of every
reporte is the corte's. Cortes are sorted oldest first, as validation leaves them.

`vigencias` defaults to an equal weight for each year of `periodo` (2020-2023), `rangos`
to the model's DEFAULT_RANGOS. Node.metas is filled from the metas' codigo_padre.
`nombres` names nodes ({"1": "Social"}); any other Plan field (slug, nombre, entidad,
niveles, demo...) can be passed by name.
"""

from __future__ import annotations

from typing import Mapping, Union

from generator.contract import parse_corte_id
from generator.model import DEFAULT_RANGOS, Corte, Meta, Node, Plan, Rango, Reporte

TreeSpec = Mapping[str, Union[float, tuple[float, "TreeSpec"]]]


def meta(codigo: str, padre: str, programado: Mapping[int, float], **fields) -> Meta:
    fields.setdefault("nombre", f"Meta {codigo}")
    fields.setdefault("indicador", f"Indicador {codigo}")
    fields.setdefault("meta_cuatrienio", sum(programado.values()))
    return Meta(codigo=codigo, codigo_padre=padre, programado=dict(programado), **fields)


def _nodes(spec: TreeSpec, nivel: int, padre: str | None, nombres: Mapping[str, str]) -> list[Node]:
    nodes = []
    for codigo, value in spec.items():
        peso, children = value if isinstance(value, tuple) else (value, {})
        node = Node(codigo=codigo, nombre=nombres.get(codigo, f"Nodo {codigo}"), nivel=nivel,
                    peso=peso, codigo_padre=padre)
        node.children = _nodes(children, nivel + 1, codigo, nombres)
        nodes.append(node)
    return nodes


def corte(corte_id: str, ejecutados: Mapping[str, float]) -> Corte:
    vigencia, trimestre = parse_corte_id(corte_id)
    reportes = {codigo: Reporte(codigo, vigencia, e) for codigo, e in ejecutados.items()}
    return Corte(id=corte_id, vigencia=vigencia, trimestre=trimestre, reportes=reportes)


def make_plan(
    tree: TreeSpec,
    metas: list[Meta],
    cortes: Mapping[str, Mapping[str, float]] | None = None,
    vigencias: Mapping[int, float] | None = None,
    rangos: tuple[Rango, ...] | list[Rango] = DEFAULT_RANGOS,
    periodo: tuple[int, int] = (2020, 2023),
    nombres: Mapping[str, str] | None = None,
    **fields,
) -> Plan:
    fields.setdefault("slug", "prueba")
    fields.setdefault("nombre", "Plan de prueba")
    fields.setdefault("entidad", "Municipio de prueba")
    roots = _nodes(tree, 0, None, nombres or {})
    plan = Plan(
        periodo=periodo, niveles=fields.pop("niveles", []), rangos=sorted(rangos, key=lambda r: -r.desde),
        vigencias=dict(vigencias or {y: 1.0 for y in range(periodo[0], periodo[1] + 1)}),
        roots=roots, metas={m.codigo: m for m in metas},
        cortes=sorted((corte(i, e) for i, e in (cortes or {}).items()), key=lambda c: c.sort_key),
        **fields,
    )
    nodes = {n.codigo: n for n in plan.iter_nodes()}
    if not plan.niveles:
        plan.niveles = [f"nivel {i + 1}" for i in range(1 + max(n.nivel for n in nodes.values()))]
    for m in metas:
        nodes[m.codigo_padre].metas.append(m)
    return plan
