"""Quarterly alert workbooks and the rows of the `rezagadas` open-data table, from
meta results built by hand (their grouping by dependencia from the computation)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.compute.cuatrienio import metas_cuatrienio
from generator.compute.plan import with_dependencias
from generator.model import Plan
from generator.names import canonical_name
from generator.results import MetaResult, PlanResults, VigenciaResult
from generator.write.alerts_xlsx import (
    REZAGADAS_COLUMNS,
    rezagadas_rows,
    write_alert_workbooks,
)
from tests.helpers import assert_no_formulas, tree_hash
from tests.plan_factory import make_plan, meta

EDU, SALUD = "Secretaría de Educación", "Secretaría de Salud"


def tiny_plan() -> Plan:
    metas = [
        meta("1.10", "1.1", {2021: 8, 2022: 10}, nombre="Construir aulas escolares", indicador="Aulas",
             meta_cuatrienio=15, dependencia=EDU),
        meta("1001", "1.1", {2022: 0, 2023: 20}, nombre="Capacitar docentes", indicador="Docentes",
             dependencia=EDU),
        meta("2001", "2.1", {2021: 150, 2022: 100}, nombre="=HYPERLINK(\"http://x\") dengue",
             indicador="Casos", meta_cuatrienio=100, tipo="reduccion", linea_base=200, dependencia=SALUD),
        meta("2002", "2.1", {2022: 4}, nombre="-Vacunar niños", indicador="Niños", dependencia=SALUD),
        meta("3001", "3.1", {2023: 1}, nombre="Festival", indicador="Festivales", dependencia="Cultura"),
    ]
    return make_plan({"1.1": 1, "2.1": 1, "3.1": 1}, metas, periodo=(2021, 2023),
                     slug="mini", nombre="Plan mínimo", entidad="Alcaldía de Prueba")


def no_programada(codigo: str, vigencia: int, corte: str) -> MetaResult:
    return MetaResult(codigo, vigencia, corte, 0.0, None, None, "no programada")


def results_2022_t2() -> PlanResults:
    plan = tiny_plan()
    weights = dict.fromkeys(plan.metas, 0.2)
    four_years = metas_cuatrienio(plan)  # every meta has one, as compute_vigencia gives it
    t4 = "2021-T4"
    y2021 = with_dependencias(plan, VigenciaResult(2021, t4, 0.5, {}, {
        "1.10": MetaResult("1.10", 2021, t4, 8.0, 8.0, 1.0, "cumplida", esperado=1.0),
        "1001": no_programada("1001", 2021, t4),
        "2001": MetaResult("2001", 2021, t4, 150.0, 0.0, 0.0, "sin avance", rezagada=True, esperado=1.0),
        "2002": no_programada("2002", 2021, t4),
        "3001": no_programada("3001", 2021, t4),
    }, 1.0, metas_cuatrienio=four_years), weights)
    t2 = "2022-T2"
    y2022 = with_dependencias(plan, VigenciaResult(2022, t2, 0.5, {}, {
        "1.10": MetaResult("1.10", 2022, t2, 10.0, 3.0, 0.3, "en avance", rezagada=True, esperado=0.5),
        "1001": no_programada("1001", 2022, t2),
        "2001": MetaResult("2001", 2022, t2, 100.0, None, 0.0, "sin reporte", rezagada=True, esperado=0.5),
        "2002": MetaResult("2002", 2022, t2, 4.0, 6.0, 1.0, "sobreejecutada", esperado=0.5),
        "3001": no_programada("3001", 2022, t2),
    }, 0.5, metas_cuatrienio=four_years), weights)
    return PlanResults(
        plan=plan, node_weights={}, meta_weights={}, vigencias={2021: y2021, 2022: y2022},
        cuatrienio={}, history=[y2021, y2022],
    )


def test_rezagadas_rows():
    rows = rezagadas_rows(results_2022_t2())
    assert all(list(row) == REZAGADAS_COLUMNS for row in rows)
    assert rows == [
        {"codigo_meta": "2001", "meta": "=HYPERLINK(\"http://x\") dengue", "dependencia": SALUD,
         "vigencia": 2021, "corte": "2021-T4", "programado": 150.0, "ejecutado": 0.0,
         "cumplimiento": 0.0, "esperado": 100.0, "estado": "sin avance"},
        {"codigo_meta": "1.10", "meta": "Construir aulas escolares", "dependencia": EDU,
         "vigencia": 2022, "corte": "2022-T2", "programado": 10.0, "ejecutado": 3.0,
         "cumplimiento": 30.0, "esperado": 50.0, "estado": "en avance"},
        {"codigo_meta": "2001", "meta": "=HYPERLINK(\"http://x\") dengue", "dependencia": SALUD,
         "vigencia": 2022, "corte": "2022-T2", "programado": 100.0, "ejecutado": None,
         "cumplimiento": 0.0, "esperado": 50.0, "estado": "sin reporte"},
    ]


def test_rezagadas_rows_without_data():
    results = results_2022_t2()
    results.vigencias, results.history = {}, []
    assert rezagadas_rows(results) == []


def table(ws, first_row: int = 1) -> tuple[list[str], list[list[object]]]:
    """(canonical headers, rows) of the table whose header row holds `codigo_meta`."""
    rows = [list(r) for r in ws.iter_rows(min_row=first_row, values_only=True)]
    i = next(i for i, r in enumerate(rows) if "codigo_meta" in {canonical_name(v) for v in r if isinstance(v, str)})
    body = []
    for r in rows[i + 1:]:
        if all(v is None for v in r):
            break
        body.append(r)
    return [canonical_name(v) for v in rows[i]], body


@pytest.fixture
def workbooks(tmp_path) -> dict[str, Path]:
    return {p.name: p for p in write_alert_workbooks(results_2022_t2(), tmp_path)}


def test_one_workbook_per_dependencia_with_programmed_metas(workbooks):
    # Cultura has nothing programmed in 2022: no report for it.
    assert list(workbooks) == [
        "mini-2022-T2-alertas.xlsx",
        "mini-2022-T2-alertas-secretaria-de-educacion.xlsx",
        "mini-2022-T2-alertas-secretaria-de-salud.xlsx",
    ]
    for path in workbooks.values():
        assert load_workbook(path).sheetnames == ["Resumen", "No iniciadas", "Atrasadas", "Sobreejecutadas"]


def test_dependencia_workbook(workbooks):
    wb = load_workbook(workbooks["mini-2022-T2-alertas-secretaria-de-salud.xlsx"])
    resumen = wb["Resumen"]
    assert resumen["A3"].value == "Reporte de alertas — corte 2022-T2 — Secretaría de Salud"
    assert "50 %" in resumen["A4"].value
    counts = {r[0]: r[1] for r in table_rows(resumen)}
    assert counts == {
        "Metas a cargo": 2, "Programadas en la vigencia": 2,
        "No iniciadas (sin reporte o sin avance)": 1,
        "Atrasadas (con avance, por debajo de lo esperado)": 0,
        "Rezagadas (no iniciadas + atrasadas)": 1,
        "Sobreejecutadas (más del 100 % de lo programado)": 1, "Cumplidas": 0,
    }
    headers, rows = table(wb["No iniciadas"])
    assert headers == REZAGADAS_COLUMNS
    assert rows == [["2001", "=HYPERLINK(\"http://x\") dengue", SALUD, 2022, "2022-T2", 100, None, 0, 50, "sin reporte"]]
    assert table(wb["Atrasadas"])[1] == []
    assert wb["Atrasadas"]["A6"].value == "Ninguna meta en esta situación."
    headers, rows = table(wb["Sobreejecutadas"])
    assert [r[0] for r in rows] == ["2002"] and rows[0][-1] == "sobreejecutada"
    assert wb["Sobreejecutadas"]["H5"].number_format == '0.0" %"'


def table_rows(ws) -> list[list[object]]:
    rows = [list(r) for r in ws.iter_rows(min_row=7, values_only=True)]
    return [r for r in rows[: rows.index([None] * len(rows[0]))]]


def test_education_is_behind(workbooks):
    wb = load_workbook(workbooks["mini-2022-T2-alertas-secretaria-de-educacion.xlsx"])
    assert table(wb["No iniciadas"])[1] == []
    assert table(wb["Atrasadas"])[1] == [
        ["1.10", "Construir aulas escolares", EDU, 2022, "2022-T2", 10, 3, 30, 50, "en avance"],
    ]


def test_consolidated_workbook(workbooks):
    wb = load_workbook(workbooks["mini-2022-T2-alertas.xlsx"])
    assert wb["Resumen"]["A3"].value == "Reporte de alertas — corte 2022-T2 — todas las dependencias"
    resumen = [r[:6] for r in table_rows(wb["Resumen"])]
    assert resumen == [[EDU, 2, 1, 0, 1, 1], [SALUD, 2, 2, 1, 0, 1], ["Total", 4, 3, 1, 1, 2]]
    assert [r[0] for r in table(wb["No iniciadas"])[1]] == ["2001"]
    assert [r[0] for r in table(wb["Atrasadas"])[1]] == ["1.10"]
    assert wb["Atrasadas"].auto_filter.ref == "A4:J5"


def test_same_results_same_bytes(tmp_path):
    for out in (tmp_path / "a", tmp_path / "b"):
        write_alert_workbooks(results_2022_t2(), out)
    assert tree_hash(tmp_path / "a") == tree_hash(tmp_path / "b")
    with zipfile.ZipFile(tmp_path / "a" / "mini-2022-T2-alertas.xlsx") as z:
        assert "2022-07-01T00:00:00Z" in z.read("docProps/core.xml").decode()


def test_text_from_the_data_is_never_a_formula(workbooks):
    for path in workbooks.values():
        assert_no_formulas(path)
    ws = load_workbook(workbooks["mini-2022-T2-alertas.xlsx"])["Sobreejecutadas"]
    assert (ws["B5"].value, ws["B5"].data_type) == ("-Vacunar niños", "s")


def test_no_data_no_workbooks(tmp_path):
    results = results_2022_t2()
    results.vigencias = {}
    assert write_alert_workbooks(results, tmp_path) == []
    assert not any(tmp_path.iterdir())
