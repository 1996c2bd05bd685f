"""The computation (contract section 6) on tiny plans whose figures are checked by hand.

Every expected number below is worked out in the comment or the test's docstring, so a
reader can redo it with a calculator.
"""

from __future__ import annotations

import pytest

from generator.compute.core import meta_result, plan_shape, rango_for, round_pct
from generator.compute.plan import compute_plan, compute_vigencia
from generator.model import DEFAULT_RANGOS, ROOT, Rango
from generator.results import Counts
from tests.plan_factory import corte, make_plan, meta

SOPO_VIGENCIAS = {2020: 10, 2021: 30, 2022: 30, 2023: 30}


def node(results, codigo, vigencia=2021):
    return results.vigencias[vigencia].nodes[codigo]


# --- Published percentage and rango ---------------------------------------------------

@pytest.mark.parametrize("fraction, pct", [
    (0.6785, 67.9),  # the binary 0.67849999... must still round half-up as written
    (0.678, 67.8),
    (0.8095, 81.0),
    (0.5594, 55.9),
    (0.5595, 56.0),
    (0.0005, 0.1),
    (0.00049, 0.0),
    (0.0, 0.0),
    (1.0, 100.0),
    (1 / 3, 33.3),
])
def test_round_pct_is_half_up_on_the_written_decimal(fraction, pct):
    assert round_pct(fraction) == pct


@pytest.mark.parametrize("fraction, nombre", [
    (0.8095, "Sobresaliente"),  # 80.95 -> 81.0 published, so Sobresaliente
    (0.8094, "Aceptable"),  # 80.94 -> 80.9
    (0.81, "Sobresaliente"),
    (1.0, "Sobresaliente"),
    (0.5594, "Bajo"),  # 55.94 -> 55.9
    (0.5595, "Aceptable"),  # 55.95 -> 56.0
    (0.0, "Bajo"),
])
def test_rango_follows_the_published_percentage(fraction, nombre):
    assert rango_for(fraction, DEFAULT_RANGOS).nombre == nombre


def test_rango_for_nothing_is_none():
    assert rango_for(None, DEFAULT_RANGOS) is None
    assert rango_for(0.2, [Rango("Alto", 50.0, "#000000")]) is None


@pytest.mark.parametrize("ejecutado, nombre", [(8095, "Sobresaliente"), (5594, "Bajo")])
def test_node_rango_at_the_boundaries(ejecutado, nombre):
    plan = make_plan({"1": 1}, [meta("M1", "1", {2021: 10000})], {"2021-T4": {"M1": ejecutado}})
    assert node(compute_plan(plan), "1").rango == nombre


# --- One meta -------------------------------------------------------------------------

T4 = corte("2021-T4", {})


@pytest.mark.parametrize("tipo, linea_base, programado, ejecutado, c, estado", [
    ("incremento", None, 10, 5, 0.5, "en avance"),
    ("incremento", None, 10, 0, 0.0, "sin avance"),
    ("incremento", None, 10, 10, 1.0, "cumplida"),
    ("incremento", None, 10, 12, 1.0, "sobreejecutada"),  # 1.2 capped at 1
    ("mantenimiento", None, 4, 3, 0.75, "en avance"),
    ("mantenimiento", None, 4, 4, 1.0, "cumplida"),
    ("mantenimiento", None, 4, 5, 1.0, "sobreejecutada"),
    # reduccion from LB 20 towards P 10: c = (20 - E) / (20 - 10)
    ("reduccion", 20, 10, 15, 0.5, "en avance"),
    ("reduccion", 20, 10, 20, 0.0, "sin avance"),  # still at the linea base
    ("reduccion", 20, 10, 25, 0.0, "sin avance"),  # worse than the linea base: clamped
    ("reduccion", 20, 10, 10, 1.0, "cumplida"),
    ("reduccion", 20, 10, 8, 1.0, "sobreejecutada"),  # (20-8)/10 = 1.2 capped at 1
    ("reduccion", 20, 10, 0, 1.0, "sobreejecutada"),
])
def test_meta_compliance_by_tipo(tipo, linea_base, programado, ejecutado, c, estado):
    m = meta("M1", "1", {2021: programado}, tipo=tipo, linea_base=linea_base)
    r = meta_result(m, corte("2021-T4", {"M1": ejecutado}))
    assert (r.cumplimiento, r.estado, r.ejecutado, r.programado) == (c, estado, ejecutado, programado)
    assert (r.vigencia, r.corte, r.esperado) == (2021, "2021-T4", 1.0)


def test_sin_reporte_counts_as_zero_and_is_rezagada():
    r = meta_result(meta("M1", "1", {2021: 10}), T4)
    assert (r.cumplimiento, r.estado, r.ejecutado, r.rezagada) == (0.0, "sin reporte", None, True)


@pytest.mark.parametrize("reportes, ejecutado", [({}, None), ({"M1": 3}, 3)])
def test_no_programada_has_no_compliance(reportes, ejecutado):
    r = meta_result(meta("M1", "1", {2022: 10}), corte("2021-T4", reportes))
    assert (r.programado, r.cumplimiento, r.estado) == (0.0, None, "no programada")
    assert (r.ejecutado, r.rezagada, r.esperado) == (ejecutado, False, None)


@pytest.mark.parametrize("corte_id, ejecutado, rezagada", [
    ("2021-T1", 3, False),  # 0.3 >= 0.25 elapsed
    ("2021-T2", 4, True),  # 0.4 < 0.5
    ("2021-T2", 5, False),  # 0.5 is on time
    ("2021-T2", 0, True),  # sin avance
    ("2021-T3", 7, True),  # 0.7 < 0.75
    ("2021-T4", 9, True),  # 0.9 < 1
    ("2021-T4", 10, False),  # cumplida
    ("2021-T4", 11, False),  # sobreejecutada
])
def test_rezagada_against_the_share_of_the_year(corte_id, ejecutado, rezagada):
    r = meta_result(meta("M1", "1", {2021: 10}), corte(corte_id, {"M1": ejecutado}))
    assert r.rezagada is rezagada
    assert r.esperado == int(corte_id[-1]) / 4


@pytest.mark.parametrize("ejecutado, rezagada", [(1500, False), (1499, True)])
def test_rezagada_compares_the_published_figure(ejecutado, rezagada):
    # 1500 / 2001 = 74.96 %, published as 75,0 %: on time at T3; 1499 -> 74,9 %: behind.
    r = meta_result(meta("M1", "1", {2021: 2001}), corte("2021-T3", {"M1": ejecutado}))
    assert r.rezagada is rezagada


# --- Weights --------------------------------------------------------------------------

UNEVEN = {"1": (3, {"1.1": 1, "1.2": 3}), "2": 1}


def test_weights_with_uneven_siblings():
    """W1 = 3/4, W2 = 1/4; W1.1 = 3/4 * 1/4, W1.2 = 3/4 * 3/4; the metas of 1.2 split
    its W 1:2."""
    plan = make_plan(UNEVEN, [
        meta("A", "1.1", {2021: 10}),
        meta("B", "1.2", {2021: 10}), meta("C", "1.2", {2021: 10}, peso=2),
        meta("D", "2", {2021: 10}),
    ])
    shape = plan_shape(plan)
    assert shape.node_weights == pytest.approx(
        {ROOT: 1, "1": 0.75, "2": 0.25, "1.1": 0.1875, "1.2": 0.5625})
    assert shape.meta_weights == pytest.approx(
        {"A": 0.1875, "B": 0.1875, "C": 0.375, "D": 0.25})
    assert list(shape.node_weights) == [ROOT, "1", "1.1", "1.2", "2"]  # plan order


def test_vigencia_weights_are_normalised_over_the_period():
    assert plan_shape(make_plan({"1": 1}, [], vigencias=SOPO_VIGENCIAS)).vigencia_weights == \
        pytest.approx({2020: 0.1, 2021: 0.3, 2022: 0.3, 2023: 0.3})
    assert plan_shape(make_plan({"1": 1}, [])).vigencia_weights == \
        pytest.approx({2020: 0.25, 2021: 0.25, 2022: 0.25, 2023: 0.25})


# --- Nodes ----------------------------------------------------------------------------

def test_worked_example_of_the_contract():
    """Sopó, 2021: the escenario weighs 46.2 % and 2021 weighs 30 %, so 13.86 points are
    programmed; a compliance of 67.8 % gives 0.462 * 0.3 * 0.678 = 9.39708 -> 9.40."""
    plan = make_plan({"1": 46.2, "2": 53.8},
                     [meta("M1", "1", {2021: 1000}), meta("M2", "2", {2021: 10})],
                     {"2021-T3": {"M1": 678, "M2": 5}}, vigencias=SOPO_VIGENCIAS)
    r = node(compute_plan(plan), "1")
    assert r.peso_plan == pytest.approx(0.462)
    assert r.programado * 100 == pytest.approx(13.86)
    assert r.avance * 100 == pytest.approx(9.39708)
    assert round(r.avance * 100, 2) == 9.40
    assert (r.cumplimiento, round_pct(r.cumplimiento), r.rango_cumplimiento) == (0.678, 67.8, "Aceptable")
    # The site's semáforo judges the pace: at T3, 75 % of the year was expected, and
    # 67.8 / 75 = 90.4 % of it is Sobresaliente.
    assert (round_pct(r.ritmo), r.rango) == (90.4, "Sobresaliente")
    assert (r.vigencia, r.corte) == (2021, "2021-T3")


def test_over_execution_is_capped_in_the_aggregate():
    plan = make_plan({"1": 1}, [meta("A", "1", {2021: 10}), meta("B", "1", {2021: 10})],
                     {"2021-T4": {"A": 30, "B": 5}})
    r = node(compute_plan(plan), "1")
    assert r.cumplimiento == 0.75  # (1 + 0.5) / 2, not (3 + 0.5) / 2
    assert r.counts.sobreejecutadas == 1


def test_metas_not_programmed_are_left_out_and_weights_renormalised():
    """C (peso 2) is not programmed in 2021: the node is (1 + 0) / 2, not (1 + 0 + 0) / 4."""
    plan = make_plan({"1": 1}, [
        meta("A", "1", {2021: 10}), meta("B", "1", {2021: 10}),
        meta("C", "1", {2022: 10}, peso=2),
    ], {"2021-T4": {"A": 10, "B": 0}})
    assert node(compute_plan(plan), "1").cumplimiento == 0.5


def test_nodes_not_programmed_are_left_out_and_weights_renormalised():
    """2021: 1.2 has nothing programmed, so 1 = 1.1 = 0.4; the plan is
    (3 * 0.4 + 1 * 0.9) / 4 = 0.525. With v = 0.25: programado of 1 is 0.1875, its avance
    0.075; 1.2 keeps its programado 0.140625 and has avance 0."""
    plan = make_plan(UNEVEN, [
        meta("A", "1.1", {2021: 10}), meta("B", "1.2", {2022: 10}), meta("C", "2", {2021: 10}),
    ], {"2021-T4": {"A": 4, "C": 9}})
    results = compute_plan(plan)
    assert node(results, "1").cumplimiento == pytest.approx(0.4)
    assert node(results, "1").programado == pytest.approx(0.1875)
    assert node(results, "1").avance == pytest.approx(0.075)
    r12 = node(results, "1.2")
    assert (r12.cumplimiento, r12.rango, r12.avance) == (None, None, 0.0)
    assert r12.programado == pytest.approx(0.140625)
    assert node(results, ROOT).cumplimiento == pytest.approx(0.525)
    assert node(results, ROOT).avance == pytest.approx(0.13125)  # = 0.075 + 0.25*0.25*0.9


def test_plan_avance_is_renormalised_when_a_top_node_is_not_programmed():
    """2021: only 1 (W 1/4) is programmed, at 0.5. The plan's compliance is 0.5 and its
    avance 0.25 * 0.5 = 0.125, not the sum of the top avances 0.25 * 0.25 * 0.5."""
    plan = make_plan({"1": 1, "2": 3}, [meta("A", "1", {2021: 10}), meta("B", "2", {2022: 10})],
                     {"2021-T4": {"A": 5}})
    results = compute_plan(plan)
    assert node(results, ROOT).cumplimiento == 0.5
    assert node(results, ROOT).avance == pytest.approx(0.125)
    assert node(results, "1").avance + node(results, "2").avance == pytest.approx(0.03125)


def test_one_level_plan():
    """Top nodes hold the metas: A = 0.5, B = (1 * 0.2 + 3 * 1) / 4 = 0.8;
    plan = (2 * 0.5 + 1 * 0.8) / 3 = 0.6."""
    plan = make_plan({"A": 2, "B": 1}, [
        meta("a1", "A", {2021: 10}),
        meta("b1", "B", {2021: 10}), meta("b2", "B", {2021: 10}, peso=3),
    ], {"2021-T4": {"a1": 5, "b1": 2, "b2": 10}})
    results = compute_plan(plan)
    assert node(results, "A").cumplimiento == 0.5
    assert node(results, "B").cumplimiento == pytest.approx(0.8)
    assert node(results, ROOT).cumplimiento == pytest.approx(0.6)
    assert node(results, ROOT).rango == "Aceptable"


FIVE_LEVELS = {
    "1": (1, {
        "1.1": (1, {
            "1.1.1": (1, {"1.1.1.1": (1, {"1.1.1.1.1": 1, "1.1.1.1.2": 1})}),
            "1.1.2": 1,
        }),
        "1.2": 3,
    }),
    "2": 1,
}


def test_five_level_plan():
    """1.1.1.1 = (1 + 0) / 2 = 0.5 = 1.1.1; 1.1 = (0.5 + 0.25) / 2 = 0.375;
    1 = (1 * 0.375 + 3 * 0.5) / 4 = 0.46875; plan = (0.46875 + 0.8) / 2 = 0.634375.
    W: 1 = 1/2, 1.1 = 1/8, 1.2 = 3/8, 1.1.1 = 1.1.2 = 1.1.1.1 = 1/16, its leaves 1/32."""
    plan = make_plan(FIVE_LEVELS, [
        meta("a", "1.1.1.1.1", {2021: 10}), meta("b", "1.1.1.1.2", {2021: 10}),
        meta("c", "1.1.2", {2021: 4}), meta("d", "1.2", {2021: 10}), meta("e", "2", {2021: 10}),
    ], {"2021-T4": {"a": 10, "b": 0, "c": 1, "d": 5, "e": 8}})
    assert len(plan.niveles) == 5
    results = compute_plan(plan)
    expected_c = {"1.1.1.1.1": 1.0, "1.1.1.1.2": 0.0, "1.1.1.1": 0.5, "1.1.1": 0.5,
                  "1.1.2": 0.25, "1.1": 0.375, "1.2": 0.5, "1": 0.46875, "2": 0.8,
                  ROOT: 0.634375}
    assert {k: r.cumplimiento for k, r in results.vigencias[2021].nodes.items()} == \
        pytest.approx(expected_c)
    assert results.node_weights == pytest.approx({
        ROOT: 1, "1": 1 / 2, "1.1": 1 / 8, "1.1.1": 1 / 16, "1.1.1.1": 1 / 16,
        "1.1.1.1.1": 1 / 32, "1.1.1.1.2": 1 / 32, "1.1.2": 1 / 16, "1.2": 3 / 8, "2": 1 / 2})
    assert node(results, ROOT).rango == "Aceptable"  # 63.4
    assert node(results, "1.1.1.1.1").rango == "Sobresaliente"
    assert node(results, ROOT).counts.total == 5


def test_counts_of_every_estado():
    """At 2021-T4 (esperado 100 %) the rezagadas are sin reporte, sin avance and en avance."""
    plan = make_plan({"1": (1, {"1.1": 1})}, [
        meta("np", "1.1", {2022: 10}), meta("sr", "1.1", {2021: 10}),
        meta("sa", "1.1", {2021: 10}), meta("ea", "1.1", {2021: 10}),
        meta("cu", "1.1", {2021: 10}), meta("so", "1.1", {2021: 10}),
    ], {"2021-T4": {"np": 1, "sa": 0, "ea": 5, "cu": 10, "so": 11}})
    expected = Counts(total=6, programadas=5, con_avance=3, sin_avance=2, no_programadas=1,
                      sin_reporte=1, sobreejecutadas=1, cumplidas=1, rezagadas=3,
                      atrasadas=1, reportadas_sin_avance=1)
    results = compute_plan(plan)
    assert [node(results, c).counts for c in (ROOT, "1", "1.1")] == [expected] * 3


def test_leaf_without_metas_has_nothing_programmed():
    plan = make_plan({"1": 1, "2": 1}, [meta("A", "1", {2021: 10})], {"2021-T4": {"A": 10}})
    r = node(compute_plan(plan), "2")
    assert (r.cumplimiento, r.rango, r.avance, r.counts) == (None, None, 0.0, Counts())


def test_plan_without_cortes():
    results = compute_plan(make_plan({"1": 1}, [meta("A", "1", {2021: 10})]))
    assert (results.vigencias, results.history, results.current) == ({}, [], None)
    assert results.cuatrienio == {ROOT: 0.0, "1": 0.0}


def test_compute_vigencia_on_its_own_matches_compute_plan():
    plan = make_plan(UNEVEN, [meta("A", "1.1", {2021: 10}), meta("C", "2", {2021: 10})],
                     {"2021-T4": {"A": 4, "C": 9}})
    assert compute_vigencia(plan, plan.cortes[0]) == compute_plan(plan).vigencias[2021]


# --- Several cortes -------------------------------------------------------------------

def test_history_vigencias_and_cuatrienio_over_several_cortes():
    """v_2021 = v_2022 = 0.3. B is programmed in 2021 only.
    2021-T2: A 0.2, B 0.5, plan 0.35; 2021-T4: A 0.8, B 1, plan 0.9;
    2022-T1: A 0.5, B not programmed, plan 0.5.
    Cuatrienio: plan 0.3 * 0.9 + 0.3 * 0.5 = 0.42; 1: 0.3 * 0.8 + 0.3 * 0.5 = 0.39;
    2: 0.3 * 1 = 0.3 (2022 adds nothing)."""
    plan = make_plan({"1": 1, "2": 1},
                     [meta("A", "1", {2021: 10, 2022: 10}), meta("B", "2", {2021: 10})],
                     {"2021-T2": {"A": 2, "B": 5}, "2021-T4": {"A": 8, "B": 10},
                      "2022-T1": {"A": 5}},
                     vigencias=SOPO_VIGENCIAS)
    plan.cortes.reverse()  # the computation orders the cortes itself
    results = compute_plan(plan)
    assert [r.corte for r in results.history] == ["2021-T2", "2021-T4", "2022-T1"]
    assert [r.nodes[ROOT].cumplimiento for r in results.history] == pytest.approx([0.35, 0.9, 0.5])
    assert {y: r.corte for y, r in results.vigencias.items()} == {2021: "2021-T4", 2022: "2022-T1"}
    assert results.current.corte == "2022-T1"
    assert results.vigencias[2021] is results.history[1]
    assert results.history[0].metas["A"].rezagada  # 0.2 < 0.5 at T2
    assert not results.history[2].metas["A"].rezagada  # 0.5 >= 0.25 at T1
    assert node(results, "2", 2022).cumplimiento is None
    assert results.cuatrienio == pytest.approx({ROOT: 0.42, "1": 0.39, "2": 0.3})
    assert results.vigencias[2022].peso_vigencia == pytest.approx(0.3)


@pytest.mark.parametrize("corte_id, ejecutado, ritmo, rango, rango_del_anio", [
    # 2021-T1 of the issue: 20.5 % of the year when 25 % was expected is 82 % of the pace.
    ("2021-T1", 205, 0.82, "Sobresaliente", "Bajo"),
    # Exactly on pace at T3: 75 % of the year, 100 % of what was expected.
    ("2021-T3", 750, 1.0, "Sobresaliente", "Aceptable"),
    # 40 % at T3 is 53.3 % of the 75 % expected: Bajo on either yardstick.
    ("2021-T3", 400, 0.4 / 0.75, "Bajo", "Bajo"),
    # At T4 the whole year was expected: the pace is the cumplimiento itself.
    ("2021-T4", 700, 0.7, "Aceptable", "Aceptable"),
    # Ahead of the pace is capped at 100 %.
    ("2021-T2", 900, 1.0, "Sobresaliente", "Sobresaliente"),
])
def test_the_rango_judges_the_pace_expected_by_the_corte(corte_id, ejecutado, ritmo, rango, rango_del_anio):
    plan = make_plan({"1": 1}, [meta("M1", "1", {2021: 1000})], {corte_id: {"M1": ejecutado}})
    r = node(compute_plan(plan), ROOT)
    assert r.cumplimiento == pytest.approx(ejecutado / 1000)
    assert r.ritmo == pytest.approx(ritmo)
    assert (r.rango, r.rango_cumplimiento) == (rango, rango_del_anio)


def test_where_each_rango_starts_at_the_corte():
    """Default rangos (81 / 56 / 0) at T3: 60.75 % and 42 % of the year's target."""
    plan = make_plan({"1": 1}, [meta("M1", "1", {2021: 10})], {"2021-T3": {"M1": 5}})
    vr = compute_plan(plan).current
    starts = dict(vr.umbrales)
    assert starts["Sobresaliente"] == pytest.approx(0.6075)
    assert starts["Aceptable"] == pytest.approx(0.42)
    assert starts["Bajo"] == 0
    # a cumplimiento at a band's start on this scale gets that band's rango
    assert rango_for(starts["Sobresaliente"] / vr.esperado, plan.rangos).nombre == "Sobresaliente"
