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
import pandas as pd
import pytest
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from pandas.testing import assert_frame_equal

from generator.compute.plan import compute_plan
from generator.load import load_data
from generator.write.opendata import HISTORIAL_COLUMNS, write_csv, write_json, write_open_data
from generator.write.spreadsheet_safety import XLSX_ILLEGAL_CHARACTERS, write_value, xlsx_text
from generator.write.workbook import new_workbook

MINI = Path(__file__).parent / "data" / "mini"
WHEN = datetime(2021, 7, 15)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    plans, problems = load_data(MINI)
    assert not problems.has_errors, [str(p) for p in problems]
    site = tmp_path_factory.mktemp("site")
    write_open_data(compute_plan(plans[0]), site, WHEN)
    return site / "datos" / "mini"


# CONTRACT.md section 7, written out here: a column the writer drops fails these tests.
NIVELES_CONTRACT = [
    "codigo", "nivel", "nombre", "codigo_padre", "vigencia", "corte", "peso_plan", "programado",
    "avance", "cumplimiento", "rango", "metas_total", "metas_programadas", "metas_con_avance",
    "metas_sin_avance", "metas_no_programadas", "metas_sin_reporte",
]
METAS_CONTRACT = [
    "codigo_meta", "codigo_padre", "meta", "indicador", "unidad", "tipo", "dependencia",
    "linea_base", "meta_cuatrienio", "vigencia", "corte", "programado", "ejecutado",
    "cumplimiento", "estado",
]
CODES = {"codigo": str, "codigo_padre": str, "codigo_meta": str}


def read_csv(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def frame(source: Path | str) -> pd.DataFrame:
    """A published CSV file, or the expected table written as CSV text, as a DataFrame
    (codes stay text: "1.10" is not 1.1)."""
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    return pd.read_csv(io.StringIO(text), dtype=CODES)


def assert_table(path: Path, expected_csv: str) -> None:
    """The published table holds the expected one: its columns (in that order) and rows;
    figures equal to the hand computation up to float rounding."""
    expected = frame(expected_csv)
    assert_frame_equal(frame(path)[list(expected.columns)], expected, check_dtype=False)


def contract_columns(header: list[str], contract: list[str]) -> list[str]:
    """The contract's columns in the header, in the header's order (others may follow)."""
    return [c for c in header if c in contract]


def test_every_table_in_every_format(written):
    names = sorted(p.name for p in written.iterdir())
    tables = ("dependencias", "historial", "metas", "niveles", "presupuesto", "reprogramaciones", "rezagadas", "seguimiento", "cambios")
    expected = [f"{t}.{e}" for t in tables for e in ("csv", "json", "xlsx")] + ["datapackage.json", "datos-mini-2021-T2.zip"]
    assert names == sorted(expected)


def test_historial_has_a_row_per_node_per_corte(written):
    rows = read_csv(written / "historial.csv")
    assert list(rows[0]) == HISTORIAL_COLUMNS
    assert len(rows) == 6  # the plan, 2 líneas, 3 programas; one corte
    plan = rows[0]
    assert (plan["codigo"], plan["corte"], plan["vigencia"]) == ("PLAN", "2021-T2", "2021")
    assert float(plan["cumplimiento"]) == pytest.approx(57.5)


def test_niveles_and_metas_have_every_contract_column_in_order(written):
    for table, contract in (("niveles", NIVELES_CONTRACT), ("metas", METAS_CONTRACT)):
        header = next(csv.reader(io.StringIO((written / f"{table}.csv").read_text(encoding="utf-8"))))
        assert contract_columns(header, contract) == contract, table


def test_niveles_table_is_the_hand_computation(written):
    assert_table(written / "niveles.csv", """\
codigo,nivel,nombre,codigo_padre,vigencia,corte,peso_plan,programado,avance,cumplimiento,rango,metas_total,metas_programadas,metas_con_avance,metas_sin_avance,metas_no_programadas,metas_sin_reporte
PLAN,plan,Plan mínimo de prueba 2021-2022,,2021,2021-T2,100,50,28.75,57.5,Aceptable,6,5,4,1,1,1
1,línea estratégica,Social,PLAN,2021,2021-T2,60,30,18.75,62.5,Aceptable,4,3,3,0,1,0
1.1,programa,Educación,1,2021,2021-T2,30,15,11.25,75,Aceptable,2,2,2,0,0,0
1.2,programa,Ambiente,1,2021,2021-T2,30,15,7.5,50,Bajo,2,1,1,0,1,0
2,línea estratégica,Económico,PLAN,2021,2021-T2,40,20,10,50,Bajo,2,2,1,1,0,1
2.1,programa,Empleo,2,2021,2021-T2,40,20,10,50,Bajo,2,2,1,1,0,1
""")


def test_metas_table_carries_status_raw_values_and_what_the_office_wrote(written):
    # cumplimiento empty: not programmed; ejecutado empty: no report (sin reporte).
    assert_table(written / "metas.csv", """\
codigo_meta,codigo_padre,meta,indicador,unidad,tipo,dependencia,linea_base,meta_cuatrienio,vigencia,corte,programado,ejecutado,cumplimiento,estado,observaciones,evidencia
M1,1.1,Dotar aulas,Aulas dotadas,Número,incremento,Secretaría de Educación,0,20,2021,2021-T2,10,5,50,en avance,Avance normal,https://example.org/m1
M2,1.1,Formar docentes,Docentes formados,Número,incremento,Secretaría de Educación,0,8,2021,2021-T2,4,6,100,sobreejecutada,Se superó lo programado,
M3,1.2,Reducir residuos,Toneladas de residuos,Toneladas,reduccion,Secretaría de Ambiente,100,60,2021,2021-T2,80,90,50,en avance,,
M4,1.2,Mantener parques,Parques mantenidos,Número,mantenimiento,Secretaría de Ambiente,5,5,2021,2021-T2,0,,,no programada,,
M5,2.1,Crear empleos,Empleos creados,Número,incremento,Secretaría de Desarrollo Económico,0,40,2021,2021-T2,20,,0,sin reporte,,
M6,2.1,Apoyar emprendimientos,Emprendimientos apoyados,Número,incremento,Secretaría de Desarrollo Económico,0,20,2021,2021-T2,10,10,100,cumplida,,
""")


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


def test_csv_numbers_are_written_without_exponents(tmp_path):
    write_csv(tmp_path / "n.csv", ["a", "b", "c"], [{"a": 1e-05, "b": 62.87453198765432, "c": 1.5e20}])
    assert (tmp_path / "n.csv").read_text(encoding="utf-8").splitlines()[1] == (
        "0.00001,62.87453198765432,150000000000000000000"
    )


def test_json_is_an_array_of_records_one_a_line_and_empty_when_the_table_is(tmp_path):
    rows = [{"a": "Añil \"ñ\"\n", "b": None, "c": 1.5}, {"a": "", "b": True, "c": 0}]
    write_json(tmp_path / "t.json", ["c", "a"], rows)
    text = (tmp_path / "t.json").read_text(encoding="utf-8")
    assert json.loads(text) == [{"c": 1.5, "a": "Añil \"ñ\"\n"}, {"c": 0, "a": ""}]
    assert text.splitlines() == ["[", '{"c": 1.5, "a": "Añil \\"ñ\\"\\n"},', '{"c": 0, "a": ""}', "]"]
    write_json(tmp_path / "e.json", ["a"], [])
    assert json.loads((tmp_path / "e.json").read_text(encoding="utf-8")) == []
    with pytest.raises(ValueError):
        write_json(tmp_path / "n.json", ["a"], [{"a": float("nan")}])


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


def test_avance_cuatrienio_is_each_meta_against_its_four_year_target(written):
    # M1 5/20; M2 6/8; M3 reducción (100 − 90) ÷ (100 − 60); M4 and M5 never reported: 0;
    # M6 10/20. M4 counts though it is not programmed in 2021: its target is the period's.
    assert_table(written / "metas.csv", """codigo_meta,acumulado_cuatrienio,avance_cuatrienio
M1,5,25
M2,6,75
M3,90,25
M4,,0
M5,,0
M6,10,50
""")
    # 1.1 (25 + 75) / 2; 1.2 (25 + 0) / 2; 1 (50 + 12.5) / 2; 2.1 = 2 (0 + 50) / 2;
    # PLAN 0.6 x 31.25 + 0.4 x 25.
    assert_table(written / "niveles.csv", """codigo,avance_cuatrienio
PLAN,28.75
1,31.25
1.1,50
1.2,12.5
2,25
2.1,25
""")


def test_a_workbook_cell_keeps_text_as_text_and_empty_text_empty(tmp_path):
    path = tmp_path / "celdas.xlsx"
    wb = new_workbook(path, datetime(2021, 10, 1))
    ws = wb.add_worksheet("x")
    for col, value in enumerate(["=1+1", "", "\x01\x02", "0012", 3.5, True, None, "-Vacunar"]):
        write_value(ws, 0, col, value)
    wb.close()
    cells = list(openpyxl.load_workbook(path).active.iter_rows(max_col=8))[0]
    assert [c.value for c in cells] == ["=1+1", None, None, "0012", 3.5, True, None, "-Vacunar"]
    assert [c.data_type for c in cells if isinstance(c.value, str)] == ["s", "s", "s"]


def test_the_characters_dropped_from_a_cell_are_those_openpyxl_refuses():
    every = "".join(map(chr, range(0x3000)))
    assert XLSX_ILLEGAL_CHARACTERS.sub("", every) == ILLEGAL_CHARACTERS_RE.sub("", every)
    assert xlsx_text("a\tb\nc\x0bd\x1f") == "a\tb\ncd"
