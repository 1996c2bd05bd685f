"""Properties of the computation that hold for any plan (Hypothesis draws the plans).

Each plan has 1 to 5 levels, uneven positive weights, metas of every tipo programmed in
some vigencias and not others, and cortes in which some metas report and others do not.
"""

from __future__ import annotations

import dataclasses
import random
from math import fsum
from typing import NamedTuple

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.compute.plan import compute_plan
from generator.model import ROOT, TIPOS, Meta
from tests.plan_factory import TreeSpec, make_plan, meta

YEARS = (2020, 2021, 2022, 2023)
CORTES = [f"{y}-T{q}" for y in YEARS for q in (1, 2, 3, 4)]
TOLERANCE = 1e-9

pesos = st.floats(min_value=0.1, max_value=100, allow_nan=False)


class PlanSpec(NamedTuple):
    tree: TreeSpec
    metas: list[Meta]
    cortes: dict[str, dict[str, float]]
    vigencias: dict[int, float]

    def plan(self):
        return make_plan(self.tree, self.metas, self.cortes, self.vigencias)


def _leaves(tree: TreeSpec) -> list[str]:
    return [leaf for codigo, value in tree.items()
            for leaf in (_leaves(value[1]) if isinstance(value, tuple) else [codigo])]


def _all_nodes(tree: TreeSpec) -> list[str]:
    return [code for codigo, value in tree.items()
            for code in [codigo, *(_all_nodes(value[1]) if isinstance(value, tuple) else [])]]


@st.composite
def trees(draw, prefix: str = "", depth: int = 0) -> TreeSpec:
    tree = {}
    for i in range(1, draw(st.integers(1, 3)) + 1):
        codigo = f"{prefix}{i}"
        if depth < 4 and draw(st.integers(0, 2)) == 0:
            tree[codigo] = (draw(pesos), draw(trees(f"{codigo}.", depth + 1)))
        else:
            tree[codigo] = draw(pesos)
    return tree


@st.composite
def metas_of(draw, codigo: str, padre: str) -> Meta:
    tipo = draw(st.sampled_from(TIPOS))
    programado = {y: draw(st.sampled_from([0, 0.5, 1, 7, 10, 250])) for y in YEARS}
    linea_base = max(programado.values()) + draw(st.sampled_from([1, 3.5, 100]))
    return meta(codigo, padre, programado, tipo=tipo, peso=draw(pesos),
                linea_base=linea_base if tipo == "reduccion" else None)


@st.composite
def plan_specs(draw) -> PlanSpec:
    tree = draw(trees())
    metas = [draw(metas_of(f"M{leaf}.{j}", leaf))
             for leaf in _leaves(tree) for j in range(draw(st.integers(0, 3)))]
    cortes = {
        corte_id: {m.codigo: draw(st.sampled_from([0, 0.5, 3, 7, 10, 300])) for m in metas
                   if draw(st.booleans())}
        for corte_id in draw(st.lists(st.sampled_from(CORTES), max_size=5, unique=True))
    }
    vigencias = {y: draw(pesos) for y in YEARS}
    return PlanSpec(tree, metas, cortes, vigencias)


def children_of(plan) -> dict[str, list[str]]:
    """codigo -> the codigos of its children (nodes, or metas for a leaf)."""
    children = {ROOT: [n.codigo for n in plan.roots]}
    for node in plan.iter_nodes():
        children[node.codigo] = [c.codigo for c in node.children] or [m.codigo for m in node.metas]
    return children


def close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE


common = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@common
@given(plan_specs())
def test_node_compliance_lies_between_its_programmed_children(spec):
    plan = spec.plan()
    children = children_of(plan)
    for vigencia in compute_plan(plan).history:
        results = vigencia.nodes | vigencia.metas
        for codigo, node in vigencia.nodes.items():
            programmed = [results[c].cumplimiento for c in children[codigo]
                          if results[c].cumplimiento is not None]
            if not programmed:
                assert node.cumplimiento is None and node.avance == 0 and node.rango is None
                continue
            assert min(programmed) - TOLERANCE <= node.cumplimiento <= max(programmed) + TOLERANCE
            assert 0 <= node.cumplimiento <= 1
            assert node.avance <= node.programado + TOLERANCE


@common
@given(plan_specs())
def test_weights_of_siblings_add_up_to_their_parent(spec):
    plan = spec.plan()
    results = compute_plan(plan)
    weights = results.node_weights | results.meta_weights
    assert weights[ROOT] == 1
    for codigo, children in children_of(plan).items():
        if children:
            assert close(fsum(weights[c] for c in children), weights[codigo])
    assert close(fsum(results.node_weights[n.codigo] for n in plan.roots), 1.0)
    assert close(fsum(results.meta_weights.values()),
                 fsum(results.node_weights[n.codigo] for n in plan.iter_nodes()
                      if n.is_leaf and n.metas))


@common
@given(plan_specs())
def test_plan_avance_is_the_renormalised_sum_over_programmed_top_nodes(spec):
    """avance(plan) = v_y * sum(W_top * c_top) / sum(W_top) over the programmed top nodes;
    when every top node is programmed the denominator is 1 and the plan's avance is the
    sum of the top nodes' avances."""
    plan = spec.plan()
    results = compute_plan(plan)
    for vigencia in results.history:
        tops = [vigencia.nodes[n.codigo] for n in plan.roots]
        programmed = [t for t in tops if t.cumplimiento is not None]
        root = vigencia.nodes[ROOT]
        if not programmed:
            assert root.cumplimiento is None and root.avance == 0
            continue
        share = fsum(t.peso_plan for t in programmed)
        expected = vigencia.peso_vigencia * fsum(t.peso_plan * t.cumplimiento
                                                 for t in programmed) / share
        assert close(root.avance, expected)
        if len(programmed) == len(tops):
            assert close(root.avance, fsum(t.avance for t in tops))


@common
@given(plan_specs())
def test_counts_add_up(spec):
    plan = spec.plan()
    for vigencia in compute_plan(plan).history:
        for node in vigencia.nodes.values():
            c = node.counts
            assert c.total == c.programadas + c.no_programadas
            assert c.programadas == c.con_avance + c.sin_avance
            assert c.sin_reporte + c.cumplidas + c.sobreejecutadas <= c.programadas
        assert vigencia.nodes[ROOT].counts.total == len(plan.metas)


def relabelled(spec: PlanSpec, seed: int) -> tuple[PlanSpec, dict[str, str]]:
    """The same plan with every node and meta code replaced by another (a bijection)."""
    rng = random.Random(seed)
    codes = _all_nodes(spec.tree) + [m.codigo for m in spec.metas]
    new = [f"X{i}" for i in range(len(codes))]
    rng.shuffle(new)
    rename = dict(zip(codes, new))

    def tree(t: TreeSpec) -> TreeSpec:
        return {rename[c]: (v[0], tree(v[1])) if isinstance(v, tuple) else v for c, v in t.items()}

    metas = [dataclasses.replace(m, codigo=rename[m.codigo], codigo_padre=rename[m.codigo_padre])
             for m in spec.metas]
    cortes = {i: {rename[c]: e for c, e in r.items()} for i, r in spec.cortes.items()}
    return PlanSpec(tree(spec.tree), metas, cortes, spec.vigencias), rename | {ROOT: ROOT}


def shuffled(spec: PlanSpec, seed: int) -> PlanSpec:
    """The same plan with metas, reportes and sibling nodes in another order."""
    rng = random.Random(seed)

    def reorder(items: list) -> list:
        return rng.sample(items, len(items))

    def tree(t: TreeSpec) -> TreeSpec:
        return {c: (v[0], tree(v[1])) if isinstance(v, tuple) else v
                for c, v in reorder(list(t.items()))}

    cortes = {i: dict(reorder(list(r.items()))) for i, r in reorder(list(spec.cortes.items()))}
    return PlanSpec(tree(spec.tree), reorder(spec.metas), cortes, spec.vigencias)


def figures(results, rename: dict[str, str] | None = None) -> dict:
    """Every figure of a PlanResults, keyed and labelled by `rename`d codes."""
    rename = rename or {}

    def code(c: str) -> str:
        return rename.get(c, c)

    def vigencia(v):
        return (v.vigencia, v.corte, v.peso_vigencia,
                {code(c): dataclasses.replace(r, codigo=code(c)) for c, r in v.nodes.items()},
                {code(c): dataclasses.replace(r, codigo=code(c)) for c, r in v.metas.items()})

    return {
        "node_weights": {code(c): w for c, w in results.node_weights.items()},
        "meta_weights": {code(c): w for c, w in results.meta_weights.items()},
        "cuatrienio": {code(c): w for c, w in results.cuatrienio.items()},
        "vigencias": {y: vigencia(v) for y, v in results.vigencias.items()},
        "history": [vigencia(v) for v in results.history],
    }


@common
@given(plan_specs(), st.integers(0, 2**32))
def test_relabelling_codes_changes_no_figure(spec, seed):
    other, rename = relabelled(spec, seed)
    assert figures(compute_plan(spec.plan()), rename) == figures(compute_plan(other.plan()))


@common
@given(plan_specs(), st.integers(0, 2**32))
def test_order_of_metas_reportes_and_siblings_changes_no_figure(spec, seed):
    """Exactly equal, not merely close: every sum is correctly rounded (math.fsum)."""
    assert figures(compute_plan(spec.plan())) == figures(compute_plan(shuffled(spec, seed).plan()))
