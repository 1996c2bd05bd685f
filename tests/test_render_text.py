"""Colombian number and date formats, level names and the narrative of a node."""

from __future__ import annotations

import datetime

import pytest

from generator.render.text import (
    corte_date,
    count_of,
    fmt_date,
    fmt_int,
    fmt_number,
    fmt_pct,
    fmt_pct_short,
    fmt_points,
    narrative,
    plural,
)
from tests.render_sample import sample_results


@pytest.mark.parametrize("value, kwargs, expected", [
    (1234.5, {}, "1.234,5"),
    (1234, {}, "1.234"),
    (1234567.891, {}, "1.234.567,89"),
    (0.125, {"decimals": 2}, "0,13"),  # half-up on the decimal text, not the binary float
    (2.675, {"decimals": 2}, "2,68"),
    (-1500.0, {}, "-1.500"),
    (-0.001, {}, "0"),
    (12.0, {"decimals": 1}, "12,0"),
    (None, {}, ""),
])
def test_fmt_number_is_colombian(value, kwargs, expected):
    assert fmt_number(value, **kwargs) == expected


def test_percentages_and_points():
    assert fmt_pct(0.626) == "62,6 %"
    assert fmt_pct(0.6785) == "67,9 %"  # the computation's half-up rounding
    assert fmt_pct(1.0) == "100,0 %"
    assert fmt_pct(None) == "—"
    assert fmt_pct_short(0.3) == "30 %"
    assert fmt_pct_short(0.462) == "46,2 %"
    assert fmt_points(0.462 * 0.3) == "13,86"
    assert fmt_points(0.1386 * 0.678) == "9,40"
    assert fmt_int(1234) == "1.234"


def test_corte_dates():
    assert corte_date("2021-T3") == "30 de septiembre de 2021"
    assert corte_date("2021-T1") == "31 de marzo de 2021"
    assert corte_date("2020-T4") == "31 de diciembre de 2020"
    assert corte_date("otro") == "otro"
    assert fmt_date(datetime.date(2021, 7, 5)) == "5 de julio de 2021"


@pytest.mark.parametrize("singular, expected", [
    ("escenario de cambio", "escenarios de cambio"),
    ("prospectiva", "prospectivas"),
    ("escenario de apuesta", "escenarios de apuesta"),
    ("línea estratégica", "líneas estratégicas"),
    ("pilar", "pilares"),
    ("eje", "ejes"),
    ("acción", "acciones"),
    ("sector", "sectores"),
])
def test_plural_of_level_names(singular, expected):
    assert plural(singular) == expected


def test_count_of_handles_one_and_many():
    assert count_of(1, "prospectiva") == "1 prospectiva"
    assert count_of(9, "prospectiva") == "9 prospectivas"
    assert count_of(1234, "meta") == "1.234 metas"


def test_narrative_of_a_top_level_node():
    results = sample_results()
    plan = results.plan
    text = "\n".join(narrative(results, plan.node("1"), results.current))
    # weight of the node in the plan, what it holds and the share of the plan's metas
    assert "«Social» (línea estratégica 1) tiene un peso del 60 % dentro del plan" in text
    assert "Agrupa 2 programas y 4 metas, el 80 % de las metas del plan" in text
    # not programmed, con avance, sin avance
    assert "1 meta no fue programada (25 % de sus metas)" in text
    assert "de las 3 programadas, 2 reportan avance y 1 no reporta ninguno" in text
    assert "(de ellas, 1 no entregó reporte)" in text
    # points achieved of those programmed, and the cumplimiento with its rango
    assert "entre el 1 de enero y el 30 de junio de 2021" in text.lower()
    r = results.current.nodes["1"]
    assert f"un avance de {fmt_points(r.avance)} puntos de {fmt_points(r.programado)} programados" in text
    assert "9,00 puntos de 30,00 programados" in text
    # judged against what was expected at the corte (T2: half the year), the year's figure beside it
    assert ("cumplimiento del 30,0 %; al 30 de junio de 2021 se esperaba el 50 % del año: "
            "va al 60,0 % de lo esperado, rango Aceptable") in text
    # against the four-year targets: 1.1 holds M1 (10 of 1000) and M2 (4 of 1000), 0.7 %;
    # 1.2 has nothing yet; the línea, with its two programas of equal weight, is at 0.35 %
    assert "Medido contra las metas del cuatrienio" in text and "lleva el 0,4 %." in text


def test_narrative_of_the_plan_and_of_a_node_with_nothing_programmed():
    results = sample_results()
    plan_text = "\n".join(narrative(results, None, results.current))
    assert plan_text.startswith("El plan «Plan de prueba» agrupa 2 líneas estratégicas, 3 programas y 5 metas.")
    quiet = "\n".join(narrative(results, results.plan.node("2"), results.current))
    assert "Ninguna de sus metas fue programada para la vigencia 2021" in quiet
