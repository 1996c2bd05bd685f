"""Open data (contract section 7) from the hand-checkable plan in tests/data/mini.

Hand computation for vigencia 2021 at corte 2021-T2 (vigencias 2021 and 2022 weigh
the same, so v_2021 = 0.5):
  M1 5/10 = 0.5; M2 6/4 capped = 1 (sobreejecutada); programa 1.1 = 0.75
  M3 reduccion (100-90)/(100-80) = 0.5; M4 not programmed; programa 1.2 = 0.5
  línea 1 = (0.75 + 0.5) / 2 = 0.625, W = 0.6
  M5 sin reporte = 0; M6 10/10 = 1; programa 2.1 = línea 2 = 0.5, W = 0.4
  plan = 0.6 * 0.625 + 0.4 * 0.5 = 0.575 -> 57,5 % Aceptable
  programado of línea 1 = 0.5 * 60 = 30 points, avance = 30 * 0.625 = 18.75
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from generator.compute.plan import compute_plan
from generator.load import load_data
from generator.write.opendata import (
    HISTORIAL_COLUMNS,
    METAS_COLUMNS,
    NIVELES_COLUMNS,
    write_csv,
    write_open_data,
)

MINI = Path(__file__).parent / "data" / "mini"
WHEN = datetime(2021, 7, 15)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    plans, problems = load_data(MINI)
    assert not problems.has_errors, [str(p) for p in problems]
    site = tmp_path_factory.mktemp("site")
    write_open_data(compute_plan(plans[0]), site, WHEN)
    return site / "datos" / "mini"


def read_csv(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_every_table_in_every_format(written):
    names = sorted(p.name for p in written.iterdir())
    tables = ("dependencias", "historial", "metas", "niveles", "presupuesto", "reprogramaciones", "rezagadas")
    assert names == [f"{t}.{e}" for t in tables for e in ("csv", "json", "xlsx")]


def test_historial_has_a_row_per_node_per_corte(written):
    rows = read_csv(written / "historial.csv")
    assert list(rows[0]) == HISTORIAL_COLUMNS
    assert len(rows) == 6  # the plan, 2 líneas, 3 programas; one corte
    plan = rows[0]
    assert (plan["codigo"], plan["corte"], plan["vigencia"]) == ("PLAN", "2021-T2", "2021")
    assert float(plan["cumplimiento"]) == pytest.approx(57.5)


def test_niveles_figures_match_the_hand_computation(written):
    rows = {r["codigo"]: r for r in read_csv(written / "niveles.csv")}
    assert list(read_csv(written / "niveles.csv")[0]) == NIVELES_COLUMNS
    plan = rows["PLAN"]
    assert (plan["nivel"], plan["corte"], plan["rango"]) == ("plan", "2021-T2", "Aceptable")
    assert float(plan["peso_plan"]) == pytest.approx(100)
    assert float(plan["programado"]) == pytest.approx(50)
    assert float(plan["avance"]) == pytest.approx(28.75)
    assert float(plan["cumplimiento"]) == pytest.approx(57.5)
    linea = rows["1"]
    assert (linea["nivel"], linea["codigo_padre"]) == ("línea estratégica", "PLAN")
    assert float(linea["peso_plan"]) == pytest.approx(60)
    assert float(linea["programado"]) == pytest.approx(30)
    assert float(linea["avance"]) == pytest.approx(18.75)
    assert float(rows["1.2"]["cumplimiento"]) == pytest.approx(50)
    assert rows["1.2"]["metas_no_programadas"] == "1"
    assert rows["2.1"]["metas_sin_reporte"] == "1"
    assert rows["2.1"]["metas_sin_avance"] == "1"
    assert plan["metas_con_avance"] == "4"


def test_metas_rows_carry_status_and_raw_values(written):
    rows = {r["codigo_meta"]: r for r in read_csv(written / "metas.csv")}
    assert list(read_csv(written / "metas.csv")[0]) == METAS_COLUMNS
    assert rows["M2"]["estado"] == "sobreejecutada"
    assert float(rows["M2"]["cumplimiento"]) == pytest.approx(100)
    assert rows["M4"]["estado"] == "no programada"
    assert rows["M4"]["cumplimiento"] == ""
    assert rows["M5"]["estado"] == "sin reporte"
    assert rows["M5"]["ejecutado"] == ""
    assert (rows["M1"]["observaciones"], rows["M1"]["evidencia"]) == ("Avance normal", "https://example.org/m1")
    assert (rows["M5"]["observaciones"], rows["M5"]["evidencia"]) == ("", "")
    assert rows["M3"]["tipo"] == "reduccion"
    assert float(rows["M3"]["cumplimiento"]) == pytest.approx(50)


def test_json_and_xlsx_hold_the_same_rows_as_csv(written):
    for table in ("niveles", "metas", "historial"):
        csv_rows = read_csv(written / f"{table}.csv")
        json_rows = json.loads((written / f"{table}.json").read_text(encoding="utf-8"))
        sheet = openpyxl.load_workbook(written / f"{table}.xlsx").active
        xlsx_rows = list(sheet.iter_rows(values_only=True))
        assert len(json_rows) == len(csv_rows) == len(xlsx_rows) - 1
        assert [r["vigencia"] for r in json_rows] == [int(r["vigencia"]) for r in csv_rows]
        assert list(xlsx_rows[0]) == list(csv_rows[0])


def test_formula_like_text_is_neutralised(tmp_path):
    rows = [{"a": "=HYPERLINK(\"http://x\")", "b": "+57 300", "c": "@SUM(A1)", "d": "-1", "e": 1.5}]
    write_csv(tmp_path / "t.csv", list("abcde"), rows)
    lines = (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1] == "\"'=HYPERLINK(\"\"http://x\"\")\",'+57 300,'@SUM(A1),'-1,1.5"


def test_csv_numbers_are_full_precision_without_exponents(tmp_path):
    write_csv(tmp_path / "n.csv", ["a", "b", "c"], [{"a": 1e-05, "b": 62.87453198765432, "c": 1.5e20}])
    assert (tmp_path / "n.csv").read_text(encoding="utf-8").splitlines()[1] == (
        "0.00001,62.87453198765432,150000000000000000000"
    )


def test_xlsx_cells_starting_like_formulas_stay_text(tmp_path):
    from generator.write.opendata import write_xlsx

    write_xlsx(tmp_path / "t.xlsx", "t", ["a"], [{"a": "=1+1"}], WHEN)
    cell = openpyxl.load_workbook(tmp_path / "t.xlsx").active["A2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_xlsx_bytes_do_not_depend_on_the_clock(tmp_path, monkeypatch):
    import datetime as dt

    from generator.write import opendata

    class Later(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2030, 1, 1, tzinfo=tz)

    opendata.write_xlsx(tmp_path / "a.xlsx", "t", ["a"], [{"a": 1}], WHEN)
    monkeypatch.setattr(dt, "datetime", Later)
    opendata.write_xlsx(tmp_path / "b.xlsx", "t", ["a"], [{"a": 1}], WHEN)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    core = zipfile.ZipFile(tmp_path / "b.xlsx").read("docProps/core.xml").decode()
    assert "2021-07-15T00:00:00Z" in core and "2030" not in core


# ---------------------------------------------------------------- money, dependencias, reprogramaciones


@pytest.fixture(scope="module")
def with_money(tmp_path_factory):
    """The corpus plan with a presupuesto file and a reprogramación, written as open data."""
    import contextlib

    from tests.corpus.plans import write_plan

    root = tmp_path_factory.mktemp("money")
    extra = {
        "presupuesto/2021-T4.csv": ("codigo_meta,vigencia,fuente,programado,comprometido,pagado,territorio\n"
                                    "M1,2021,SGP,1000,800,600,Vereda Meusa\nM1,2021,=Propios,500,,100,\n"
                                    "M2,2021,SGR,2000,1000,1000,\n").encode(),
        "reprogramaciones.csv": ("codigo_meta,fecha,campo,valor_anterior,valor_nuevo,justificacion,acto\n"
                                 "M1,2021-06-30,programado_2021,10,8,Obra aplazada,Decreto 045 de 2021\n").encode(),
    }
    data = write_plan(root, extra=extra)
    with contextlib.chdir(root):
        plans, problems = load_data(data)
    assert not problems.has_errors, [str(p) for p in problems]
    write_open_data(compute_plan(plans[0]), root / "site", WHEN)
    return root / "site" / "datos" / "prueba"


def test_presupuesto_rows_as_given_in_plan_order(with_money):
    from generator.write.opendata import PRESUPUESTO_COLUMNS

    rows = read_csv(with_money / "presupuesto.csv")
    assert list(rows[0]) == PRESUPUESTO_COLUMNS
    assert [(r["codigo_meta"], r["fuente"], r["territorio"], r["programado"], r["comprometido"], r["pagado"]) for r in rows] == [
        ("M1", "SGP", "Vereda Meusa", "1000.0", "800.0", "600.0"),
        ("M1", "'=Propios", "", "500.0", "", "100.0"),  # neutralised, blank stays blank
        ("M2", "SGR", "", "2000.0", "1000.0", "1000.0"),
    ]
    assert (rows[0]["dependencia"], rows[0]["vigencia"], rows[0]["corte"]) == ("Educación", "2021", "2021-T4")


def test_dependencias_rows(with_money):
    from generator.write.opendata import DEPENDENCIAS_COLUMNS

    rows = read_csv(with_money / "dependencias.csv")
    assert list(rows[0]) == DEPENDENCIAS_COLUMNS
    edu = {r["dependencia"]: r for r in rows}["Educación"]
    assert float(edu["cumplimiento"]) == pytest.approx(5 / 8 * 100)  # reprogrammed: P = 8
    assert (edu["metas_total"], edu["metas_programadas"], edu["metas_con_avance"]) == ("1", "1", "1")
    assert float(edu["recursos_programados"]) == 1500 and float(edu["recursos_pagados"]) == 700
    assert float(edu["ejecucion_financiera"]) == pytest.approx(700 / 1500 * 100)


def test_reprogramaciones_rows_as_given(with_money):
    [row] = json.loads((with_money / "reprogramaciones.json").read_text(encoding="utf-8"))
    assert row == {"codigo_meta": "M1", "meta": "Dotar aulas", "fecha": "2021-06-30", "campo": "programado_2021",
                   "valor_anterior": 10.0, "valor_nuevo": 8.0, "justificacion": "Obra aplazada",
                   "acto": "Decreto 045 de 2021"}
