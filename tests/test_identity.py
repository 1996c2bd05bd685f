"""One rule per concept, read by every consumer: dependencia identity and slugs, money
not reported, the share of the year and the end date of a corte (issue 9)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.compute.dependencias import dependencias
from generator.compute.money import amount_sum, money_sum
from generator.compute.plan import compute_plan
from generator.contract import corte_end
from generator.load import load_data
from generator.model import ROOT, Presupuesto
from generator.names import name_key
from generator.render.layout import PlanLayout, money_cards
from generator.render.pages.quarter import dependencia_page, dependencias_page
from generator.results import Money
from generator.validate.metas import Spellings
from generator.write.alerts_xlsx import alert_files
from generator.write.opendata import PRESUPUESTO_COLUMNS, dependencias_rows, presupuesto_rows, write_csv
from generator.write.plantillas import FIRST_DATA_ROW, write_capture_sheets
from generator.write.workbook import corte_timestamp
from tests.plan_factory import make_plan, meta

SALUD = ("Secretaría de Salud", "Secretaría de Salud,", "SECRETARÍA DE SALUD ")


def salud_plan():
    """Three spellings of one dependencia: S1 cumplida, S2 at 0 %, S3 at 50 %; same weight."""
    metas = [meta(f"S{i}", "1", {2021: 10}, dependencia=name) for i, name in enumerate(SALUD, start=1)]
    return make_plan({"1": 1}, metas, cortes={"2021-T4": {"S1": 10, "S2": 0, "S3": 5}})


def test_name_key():
    assert len({name_key(n) for n in SALUD}) == 1
    assert name_key("***") == "***"  # punctuation only: kept, not "no dependencia"
    assert name_key("  ") == ""
    assert name_key("Gobierno – Tránsito") != name_key("Gobierno (Tránsito)")


def test_three_spellings_are_one_dependencia_everywhere(tmp_path):
    results = compute_plan(salud_plan())
    vr = results.current
    [dep] = results.dependencias
    assert (dep.nombre, dep.slug, dep.metas) == ("Secretaría de Salud", "secretaria-de-salud", ("S1", "S2", "S3"))
    [d] = vr.dependencias.values()
    assert d.cumplimiento == pytest.approx(0.5)  # (1 + 0 + 0.5) / 3: every meta counts
    assert d.cumplimiento == vr.nodes["1"].cumplimiento  # the figure of all the metas together
    # Open data: one row.
    [row] = dependencias_rows(results)
    assert (row["dependencia"], row["metas_total"], row["cumplimiento"]) == ("Secretaría de Salud", 3, 50.0)
    # The pages show that figure.
    layout = PlanLayout.of(results.plan)
    page = dependencia_page(results, layout, dep)
    assert "50,0 %" in page and "100,0 %" not in page.split("## Alertas")[0]
    assert all(f">S{i}<" in page for i in (1, 2, 3))
    assert dependencias_page(results, layout).count('href="secretaria-de-salud/"') == 1
    # The alert workbooks and the capture sheets: one each.
    assert [f.slug for f in alert_files(results)] == [None, "secretaria-de-salud"]
    [sheet] = write_capture_sheets(results.plan, "2021-T4", tmp_path)
    rows = load_workbook(sheet).worksheets[0].iter_rows(min_row=FIRST_DATA_ROW, values_only=True)
    assert [r[0] for r in rows] == ["S1", "S2", "S3"]


def test_validation_unifies_the_spelling_with_the_same_rule():
    spellings = Spellings()
    assert [spellings.of("dependencia", name) for name in SALUD] == [SALUD[0]] * 3


@pytest.mark.parametrize("names, slugs", [
    (("Secretaría de Gobierno – Tránsito", "Secretaría de Gobierno (Tránsito)"),
     ["secretaria-de-gobierno-transito", "secretaria-de-gobierno-transito-2"]),
    (("Секретариат здравоохранения", "Министерство образования"), ["dependencia", "dependencia-2"]),
    (("Dependencia", "Отдел", "Dependencia 2"), ["dependencia", "dependencia-2", "dependencia-3"]),
])
def test_slugs_are_unique_and_do_not_depend_on_the_order_of_the_metas(names, slugs):
    def plan(order):
        metas = [meta(f"M{i}", "1", {2021: 1}, dependencia=names[i]) for i in order]
        return make_plan({"1": 1}, metas, cortes={"2021-T4": {}})

    forward = dependencias(plan(range(len(names))))
    backward = dependencias(plan(reversed(range(len(names)))))
    assert sorted(d.slug for d in forward) == sorted(slugs)
    assert {d.nombre: d.slug for d in forward} == {d.nombre: d.slug for d in backward}
    results = compute_plan(plan(range(len(names))))
    files = [f.name for f in alert_files(results)]
    assert len(files) == len(set(files)) == len(names) + 1


def test_money_not_reported_is_none_and_sums_add_what_is_reported():
    assert amount_sum([None, None]) is None
    assert amount_sum([None, 2.0, 0.0]) == 2.0
    assert money_sum([Money(10, None, None), Money(None, None, 3)]) == Money(10, None, 3)
    assert money_sum([]) == Money()
    assert Money(100, None, None).ejecucion is None
    assert Money(None, None, 5).ejecucion is None


def money_plan(presupuesto: bool):
    plan = make_plan({"1": 1}, [meta("A", "1", {2021: 10}, dependencia="Salud")], cortes={"2021-T4": {"A": 5}})
    corte = plan.cortes[0]
    if presupuesto:
        corte.presupuesto = [Presupuesto("A", 2021, "SGP", 1000, None, 400)]
    else:
        corte.reportes["A"].recursos_programados, corte.reportes["A"].recursos_ejecutados = 1000, 400
    return plan


@pytest.mark.parametrize("presupuesto", [False, True])
def test_comprometido_not_reported_on_the_page_and_in_the_open_data(presupuesto, tmp_path):
    results = compute_plan(money_plan(presupuesto))
    vr = results.current
    assert vr.finanzas.by_node["1"] == Money(1000, None, 400)
    cards = re.sub(r"<[^>]+>", " ", money_cards(vr.finanzas.by_node["1"], vr.vigencia))
    assert re.search(r"Comprometido\s+no reportado", cards)
    assert "400" not in cards.split("Comprometido")[1].split("Pagado")[0]
    [row] = presupuesto_rows(results)
    assert (row["programado"], row["comprometido"], row["pagado"]) == (1000, None, 400)
    write_csv(tmp_path / "p.csv", PRESUPUESTO_COLUMNS, [row])
    assert (tmp_path / "p.csv").read_text(encoding="utf-8").splitlines()[1].endswith(",1000,,400")
    assert vr.dependencias["salud"].dinero == Money(1000, None, 400)


def test_share_of_the_year_and_end_of_a_corte():
    results = compute_plan(money_plan(False))
    assert results.current.esperado == 1.0
    assert corte_end(2021, 3) == datetime.date(2021, 9, 30)
    assert corte_end(2020, 4) == datetime.date(2020, 12, 31)
    assert corte_timestamp("2021-T3") == datetime.datetime(2021, 10, 1)


def test_tenjo_money_is_what_its_workbook_says(tmp_path):
    """Tenjo's book has compromisos for 2024 and 2025 and pagos only for 2025: the
    comprometido is published as such, and the 2024 pagado as not reported."""
    (plan,), _ = load_data(Path(__file__).resolve().parent.parent / "data" / "tenjo")
    results = compute_plan(plan)
    y2024, y2025 = (results.vigencias[y].finanzas.by_node[ROOT] for y in (2024, 2025))
    assert y2024.comprometido is not None and y2024.comprometido > 0 and y2024.pagado is None
    assert y2025.comprometido is not None and y2025.pagado is not None
    assert y2025.pagado <= y2025.comprometido
