"""Dependencias and money, checked by hand on a tiny plan.

Tree: línea 1 (peso 60) with programas 1.1 and 1.2 (equal), línea 2 (peso 40), so
W(1.1) = W(1.2) = 0.3 and W(2) = 0.4. Metas, vigencia 2021 at corte 2021-T3 (75 % of the year):

  A in 1.1, peso 1, P 10, E 5   -> c 0.5 (en avance, rezagada), W = 0.3 * 1/4 = 0.075   Educación
  B in 1.1, peso 3, P 4,  E 4   -> c 1 (cumplida),              W = 0.3 * 3/4 = 0.225   Educación
  C in 1.2, not programmed in 2021                               W = 0.3                 Ambiente
  D in 2,   P 20, E 10          -> c 0.5 (en avance, rezagada), W = 0.4                 Ambiente

Educación: (0.075 * 0.5 + 0.225 * 1) / (0.075 + 0.225) = 0.2625 / 0.3 = 0.875
Ambiente: only D is programmed: 0.5

Presupuesto (programado / comprometido / pagado):
  A SGP 1000/800/600 (no territorio: A's own, Casco urbano); A Recursos propios 500/500/100 Vereda Meusa
  C SGR 300/0/0 (money on a meta not programmed); D SGP 2000/1000/blank (counts as 0), D's own
  territorio Vereda Meusa. E has no dependencia and no money.
"""

from __future__ import annotations

import pytest

from generator.compute.core import plan_shape
from generator.compute.dependencias import dependencia_results
from generator.compute.money import finance_result
from generator.compute.plan import compute_plan, compute_vigencia
from generator.model import ROOT, Presupuesto
from generator.results import Money
from tests.plan_factory import make_plan, meta


def plan_with(presupuesto: bool = True):
    plan = make_plan(
        tree={"1": (60, {"1.1": 1, "1.2": 1}), "2": 40},
        metas=[
            meta("A", "1.1", {2021: 10}, dependencia="Educación", sector="Educación", territorio="Casco urbano"),
            meta("B", "1.1", {2021: 4}, peso=3, dependencia="Educación"),
            meta("C", "1.2", {2022: 5}, dependencia="Ambiente"),
            meta("D", "2", {2021: 20}, dependencia="Ambiente", territorio="Vereda Meusa"),
            meta("E", "2", {2021: 1}),  # no dependencia, no money
        ],
        cortes={"2021-T3": {"A": 5, "B": 4, "D": 10, "E": 1}},
    )
    if presupuesto:
        plan.cortes[0].presupuesto = [
            Presupuesto("A", 2021, "SGP", 1000, 800, 600),
            Presupuesto("A", 2021, "Recursos propios", 500, 500, 100, territorio="Vereda Meusa"),
            Presupuesto("C", 2021, "SGR", 300, 0, 0),
            Presupuesto("D", 2021, "SGP", 2000, 1000, None),
        ]
    return plan


def test_finance_from_presupuesto_by_meta_node_dependencia_fuente_sector_territorio():
    plan = plan_with()
    f = finance_result(plan, plan.cortes[0], plan_shape(plan))
    # D's pagado is blank: not reported (None), and sums add the reported amounts only.
    assert f.by_meta == {"A": Money(1500, 1300, 700), "C": Money(300, 0, 0), "D": Money(2000, 1000, None)}
    assert list(f.by_node) == [ROOT, "1", "1.1", "1.2", "2"]
    assert f.by_node["1.1"] == Money(1500, 1300, 700)
    assert f.by_node["1"] == Money(1800, 1300, 700)
    assert f.by_node["2"] == Money(2000, 1000, None)
    assert f.by_node[ROOT] == Money(3800, 2300, 700)
    assert f.by_node[ROOT].ejecucion == pytest.approx(700 / 3800)
    deps = compute_vigencia(plan, plan.cortes[0]).dependencias
    assert {d.nombre: d.dinero for d in deps.values()} == {"Ambiente": Money(2300, 1000, 0),
                                                          "Educación": Money(1500, 1300, 700)}
    assert f.by_fuente == {"Recursos propios": Money(500, 500, 100), "SGP": Money(3000, 1800, 600), "SGR": Money(300, 0, 0)}
    assert f.by_sector == {"Educación": Money(1500, 1300, 700)}
    assert f.by_territorio == {"Casco urbano": Money(1000, 800, 600), "Vereda Meusa": Money(2500, 1500, 100)}
    # Kept apart, so each breakdown adds up to the plan's 3800 / 2300 / 700: every row has a
    # fuente; only A has a sector (C 300/0/0 + D 2000/1000/blank have none); C has no territorio.
    assert f.sin_fuente is None
    assert f.sin_sector == Money(2300, 1000, 0)
    assert f.sin_territorio == Money(300, 0, 0)


def test_finance_from_the_avances_columns_when_there_is_no_presupuesto():
    plan = plan_with(presupuesto=False)
    reportes = plan.cortes[0].reportes
    reportes["A"].recursos_programados, reportes["A"].recursos_ejecutados = 100, 40
    reportes["D"].recursos_programados = 50  # nothing executed yet
    f = finance_result(plan, plan.cortes[0], plan_shape(plan))
    # recursos_ejecutados is pagado; nothing says what was comprometido: not reported.
    assert f.by_meta == {"A": Money(100, None, 40), "D": Money(50, None, None)}
    assert f.by_node[ROOT] == Money(150, None, 40)
    assert (f.by_fuente, f.by_sector) == ({}, {"Educación": Money(100, None, 40)})
    assert f.by_territorio == {"Casco urbano": Money(100, None, 40), "Vereda Meusa": Money(50, None, None)}
    assert (f.sin_fuente, f.sin_sector, f.sin_territorio) == (Money(150, None, 40), Money(50, None, None), None)


def test_no_money_no_finance():
    plan = plan_with(presupuesto=False)
    assert finance_result(plan, plan.cortes[0], plan_shape(plan)) is None


def test_dependencias_weighted_by_the_metas_weight_in_the_plan():
    plan = plan_with()
    shape = plan_shape(plan)
    vig = compute_vigencia(plan, plan.cortes[0], shape)
    deps = dependencia_results(plan, vig, shape.meta_weights)
    assert [d.nombre for d in deps] == ["Ambiente", "Educación", "Sin dependencia asignada"]
    assert list(vig.dependencias) == ["ambiente", "educacion"]  # E has no dependencia: in none
    edu, amb = vig.dependencias["educacion"], vig.dependencias["ambiente"]
    assert edu.cumplimiento == pytest.approx(0.875)
    assert (edu.metas, edu.vigencia, edu.corte) == (("A", "B"), 2021, "2021-T3")
    c = edu.counts
    assert (c.total, c.programadas, c.con_avance, c.sin_avance, c.cumplidas, c.rezagadas) == (2, 2, 2, 0, 1, 1)
    assert edu.dinero == Money(1500, 1300, 700)
    assert amb.cumplimiento == pytest.approx(0.5)
    assert (amb.counts.total, amb.counts.programadas, amb.counts.no_programadas) == (2, 1, 1)
    assert amb.dinero == Money(2300, 1000, 0)
    assert tuple(vig.dependencias.values()) == deps[:2]


def test_every_vigencia_result_carries_them_history_too():
    plan = make_plan(tree={"1": 1}, metas=[meta("A", "1", {2021: 4}, dependencia="Salud")],
                     cortes={"2021-T1": {"A": 1}, "2021-T2": {"A": 3}})
    results = compute_plan(plan)
    assert [r.dependencias["salud"].cumplimiento for r in results.history] == [0.25, 0.75]
    assert all(r.finanzas is None for r in results.history)
    assert results.history[0].dependencias["salud"].dinero == Money()


def test_dependencia_carries_its_rango():
    from pathlib import Path

    from generator.compute.plan import compute_plan
    from generator.load import load_data

    plans, _ = load_data(Path(__file__).parent / "data" / "mini")
    deps = compute_plan(plans[0]).current.dependencias
    # Educación: M1 0.5 and M2 1 with equal weight in the plan (0.15 each) -> 75 % Aceptable
    # against the whole year; at T2 half the year was expected, so 75 % is on pace (capped at 100 %).
    educacion = deps["secretaria_de_educacion"]
    assert educacion.cumplimiento == pytest.approx(0.75)
    assert (educacion.rango_cumplimiento, educacion.ritmo, educacion.rango) == ("Aceptable", 1.0, "Sobresaliente")
    economico = deps["secretaria_de_desarrollo_economico"]  # (0 + 1) / 2 = 50 % of the year, 100 % of T2's pace
    assert (economico.rango_cumplimiento, economico.ritmo, economico.rango) == ("Bajo", 1.0, "Sobresaliente")
