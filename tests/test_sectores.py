"""The plan by topic (issue 10, the front door's entries by sector): each sector's
cumplimiento is its programmed metas' mean, each weighted by its weight in the plan, as
a dependencia's; a meta without a sector is in none."""

from __future__ import annotations

import pytest

from generator.compute.plan import compute_plan
from generator.render.layout import PlanLayout
from generator.render.pages.nodes import plan_page
from tests.plan_factory import make_plan, meta


def plan_by_topic():
    """Two programas of equal weight under one línea, each half of the plan: A and B in
    1.1 (W 1/4 each), C, D and E in 1.2 (W 1/6 each). At 2021-T4: A 10/10 = 100 %,
    B 2/10 = 20 %, C 3/4 = 75 %, D not programmed in 2021.
    Educación (A, C): (1/4 x 100 + 1/6 x 75) / (1/4 + 1/6) = 90,0 %.
    Salud (B, D): only B is programmed -> 20 %. E has no sector."""
    metas = [meta("A", "1.1", {2021: 10}, sector="Educación"),
             meta("B", "1.1", {2021: 10}, sector="Salud"),
             meta("C", "1.2", {2021: 4}, sector="Educación"),
             meta("D", "1.2", {2022: 4}, sector="Salud"),
             meta("E", "1.2", {2021: 4})]
    return make_plan(tree={"1": (1, {"1.1": 1, "1.2": 1})}, metas=metas,
                     cortes={"2021-T4": {"A": 10, "B": 2, "C": 3, "E": 4}}, periodo=(2021, 2022))


def test_each_sector_is_its_metas_weighted_by_their_weight_in_the_plan():
    vr = compute_plan(plan_by_topic()).current
    assert [s.nombre for s in vr.sectores] == ["Educación", "Salud"]
    edu, salud = vr.sectores
    assert edu.metas == ("A", "C") and salud.metas == ("B", "D")
    assert edu.cumplimiento == pytest.approx((1 / 4 * 1 + 1 / 6 * 0.75) / (1 / 4 + 1 / 6)) == pytest.approx(0.9)
    assert salud.cumplimiento == pytest.approx(0.2)
    assert (salud.counts.total, salud.counts.programadas, salud.counts.no_programadas) == (2, 1, 1)
    assert (edu.rango, salud.rango) == ("Sobresaliente", "Bajo")  # at T4 the whole year is expected


def test_the_front_door_lists_the_topics_and_a_plan_without_sectors_has_none():
    results = compute_plan(plan_by_topic())
    page = plan_page(results, PlanLayout.of(results.plan))
    assert "## Por tema" in page
    assert 'data-label="Cumplimiento">90,0 %' in page and 'data-label="Cumplimiento">20,0 %' in page
    for m in results.plan.metas.values():
        m.sector = ""
    results = compute_plan(results.plan)
    assert results.current.sectores == ()
    assert "## Por tema" not in plan_page(results, PlanLayout.of(results.plan))
