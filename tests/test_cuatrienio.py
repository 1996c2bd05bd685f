"""Each meta against its four-year target (compute/cuatrienio.py), hand-checked."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.compute.plan import compute_plan
from generator.model import ROOT
from tests.plan_factory import make_plan, meta

EVERY_YEAR = {2020: 20, 2021: 20, 2022: 20, 2023: 20}  # meta_cuatrienio 80


def one_meta(cortes, **fields):
    plan = make_plan(tree={"1": 1}, metas=[meta("M1", "1", EVERY_YEAR, **fields)], cortes=cortes)
    results = compute_plan(plan)
    return results.metas_cuatrienio["M1"], results.frente_meta


def test_incremento_reached_in_year_two_reads_the_whole_cuatrienio():
    m, nodes = one_meta({"2020-T4": {"M1": 40}, "2021-T4": {"M1": 40}})
    assert (m.acumulado, m.meta_cuatrienio, m.avance, m.sobreejecutada) == (80, 80, 1.0, False)
    assert nodes == {ROOT: 1.0, "1": 1.0}


def test_incremento_half_way_reads_half_and_uses_each_vigencias_latest_corte():
    # 2021-T2's 5 is superseded by 2021-T4's 20: E is accumulated within the year.
    m, nodes = one_meta({"2020-T4": {"M1": 20}, "2021-T2": {"M1": 5}, "2021-T4": {"M1": 20}})
    assert (m.acumulado, m.avance) == (40, 0.5)
    assert nodes[ROOT] == 0.5


def test_mantenimiento_is_the_level_reached_at_the_latest_corte():
    m, _ = one_meta({"2020-T4": {"M1": 80}, "2021-T4": {"M1": 72}},
                    tipo="mantenimiento", meta_cuatrienio=90)
    assert (m.acumulado, m.avance) == (72, pytest.approx(0.8))


def test_reduccion_is_the_share_of_the_way_from_the_linea_base():
    # From 80 towards 50: at 65 half the way is covered.
    m, _ = one_meta({"2020-T4": {"M1": 70}, "2021-T4": {"M1": 65}},
                    tipo="reduccion", linea_base=80, meta_cuatrienio=50)
    assert (m.acumulado, m.avance, m.sobreejecutada) == (65, 0.5, False)
    worse, _ = one_meta({"2020-T4": {"M1": 90}}, tipo="reduccion", linea_base=80, meta_cuatrienio=50)
    assert worse.avance == 0.0
    below, _ = one_meta({"2020-T4": {"M1": 40}}, tipo="reduccion", linea_base=80, meta_cuatrienio=50)
    assert (below.avance, below.sobreejecutada) == (1.0, True)


def test_over_execution_is_capped_and_flagged():
    m, nodes = one_meta({"2020-T4": {"M1": 60}, "2021-T4": {"M1": 40}})
    assert (m.acumulado, m.avance, m.sobreejecutada) == (100, 1.0, True)
    assert nodes[ROOT] == 1.0


def test_never_reported_counts_zero_and_no_target_is_left_out():
    plan = make_plan(tree={"1": 1}, metas=[meta("M1", "1", EVERY_YEAR),
                                           meta("M2", "1", EVERY_YEAR, meta_cuatrienio=None),
                                           meta("M3", "1", EVERY_YEAR)],
                     cortes={"2020-T4": {"M1": 40, "M2": 10}})
    results = compute_plan(plan)
    assert results.metas_cuatrienio["M3"].acumulado is None
    assert results.metas_cuatrienio["M3"].avance == 0.0
    assert results.metas_cuatrienio["M2"].avance is None
    assert results.frente_meta[ROOT] == 0.25  # (0.5 + 0) / 2, M2 left out


def test_roll_up_uses_the_plans_weights():
    # M1 0.5 | M2 1.0 and M3 0.2 (peso 1 and 3) in 1.2 | M4 0.4 in "2".
    plan = make_plan(
        tree={"1": (3, {"1.1": 1, "1.2": 1}), "2": 1},
        metas=[meta("M1", "1.1", EVERY_YEAR), meta("M2", "1.2", EVERY_YEAR),
               meta("M3", "1.2", EVERY_YEAR, peso=3), meta("M4", "2", EVERY_YEAR)],
        cortes={"2021-T4": {"M1": 40, "M2": 80, "M3": 16, "M4": 32}},
    )
    nodes = compute_plan(plan).frente_meta
    assert nodes["1.1"] == 0.5
    assert nodes["1.2"] == pytest.approx(0.4)  # (1 x 1 + 3 x 0.2) / 4
    assert nodes["1"] == pytest.approx(0.45)  # (0.5 + 0.4) / 2
    assert nodes[ROOT] == pytest.approx(0.4375)  # (3 x 0.45 + 1 x 0.4) / 4


def test_default_figure_is_still_the_sum_over_vigencias():
    # Reached in year two, the por vigencias figure is 2 x 25 % = 50 %.
    plan = make_plan(tree={"1": 1}, metas=[meta("M1", "1", EVERY_YEAR)],
                     cortes={"2020-T4": {"M1": 40}, "2021-T4": {"M1": 40}})
    results = compute_plan(plan)
    assert results.cuatrienio[ROOT] == 0.5
    assert results.frente_meta[ROOT] == 1.0


_metas = st.lists(
    st.tuples(st.sampled_from(["incremento", "mantenimiento", "reduccion"]),
              st.floats(1, 1000), st.floats(1, 5), st.lists(st.floats(0, 2000), min_size=0, max_size=4)),
    min_size=1, max_size=8,
)


def _plan(specs, order):
    metas, cortes = [], {}
    for i in order:
        tipo, target, peso, values = specs[i]
        extra = {"linea_base": target * 2} if tipo == "reduccion" else {}
        metas.append(meta(f"M{i}", "1" if i % 2 else "2", EVERY_YEAR, tipo=tipo,
                          meta_cuatrienio=target, peso=peso, **extra))
        for year, value in zip(EVERY_YEAR, values):
            cortes.setdefault(f"{year}-T4", {})[f"M{i}"] = value
    return make_plan(tree={"1": 2, "2": 1}, metas=metas, cortes=cortes)


@settings(max_examples=60, deadline=None)
@given(_metas, st.randoms())
def test_figures_are_shares_and_order_free(specs, rnd):
    order = list(range(len(specs)))
    shuffled = order[:]
    rnd.shuffle(shuffled)
    first, second = compute_plan(_plan(specs, order)), compute_plan(_plan(specs, shuffled))
    assert first.frente_meta == second.frente_meta
    assert first.metas_cuatrienio == second.metas_cuatrienio
    for value in first.frente_meta.values():
        assert value is None or 0 <= value <= 1
