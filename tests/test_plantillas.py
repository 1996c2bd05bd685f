"""Hojas de captura: one workbook per dependencia that is itself an avances file."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from generator.model import Meta, Plan
from generator.names import canonical_name
from generator.write.plantillas import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    parse_corte,
    write_capture_sheets,
)
from generator.write.workbook import corte_timestamp
from generator.write.spreadsheet_safety import neutralise, write_cell
from tests.helpers import assert_no_formulas, tree_hash
from tests.plan_factory import make_plan, meta

AVANCES_COLUMNS = [
    "codigo_meta", "vigencia", "ejecutado", "observaciones", "evidencia",
    "recursos_programados", "recursos_ejecutados",
]
CONTEXT_COLUMNS = [
    "meta", "indicador", "unidad", "programado_2022", "programada_en_la_vigencia", "tipo", "linea_base",
]


def tiny_plan(extra: list[Meta] | None = None) -> Plan:
    """Two dependencias, four metas; 1001 is not programmed in 2022."""
    metas = [
        meta("1.10", "1.1", {2022: 10, 2023: 5}, nombre="Construir aulas escolares",
             indicador="Aulas construidas", unidad="aulas", dependencia="Secretaría de Educación"),
        meta("1001", "1.1", {2022: 0, 2023: 20}, nombre="=1+1 capacitar docentes",
             indicador="Docentes capacitados", unidad="docentes", dependencia="Secretaría de Educación"),
        meta("2001", "2.1", {2022: 100}, nombre="@Reducir casos de dengue", indicador="Casos al año",
             meta_cuatrienio=100, tipo="reduccion", linea_base=200, dependencia="Secretaría de Salud"),
        meta("2002", "2.1", {2022: 4}, nombre="Vacunar niños", indicador="Niños vacunados",
             dependencia="Secretaría de Salud"),
    ] + (extra or [])
    return make_plan(
        {"1": (1, {"1.1": 1}), "2": (1, {"2.1": 1})}, metas, periodo=(2022, 2023),
        nombres={"1": "Social", "1.1": "Educación", "2": "Salud", "2.1": "Salud pública"},
        niveles=["línea", "programa"], slug="mini", nombre="Plan mínimo 2022-2023",
        entidad="Alcaldía de Prueba",
    )


def find_header(rows: list[list[object]]) -> int:
    """Index of the first row (within 20) whose canonical headers hold the required ones."""
    for i, row in enumerate(rows[:20]):
        names = {canonical_name(v) for v in row if isinstance(v, str)}
        if {"codigo_meta", "vigencia", "ejecutado"} <= names:
            return i
    raise AssertionError("no header row in the first 20 rows")


def read_avances(path: Path) -> tuple[int, pd.DataFrame]:
    """(Excel row of the header, table) as a reader of avances files sees the first sheet."""
    raw = pd.read_excel(path, sheet_name=0, header=None, dtype=object, engine="openpyxl")
    rows = raw.values.tolist()
    i = find_header(rows)
    table = pd.DataFrame(rows[i + 1:], columns=[canonical_name(v) for v in rows[i]])
    return i + 1, table.dropna(how="all").reset_index(drop=True)


@pytest.fixture
def sheets(tmp_path) -> dict[str, Path]:
    paths = write_capture_sheets(tiny_plan(), "2022-T2", tmp_path / "out")
    return {p.name: p for p in paths}


def test_one_workbook_per_dependencia(sheets):
    assert list(sheets) == [
        "mini-2022-T2-secretaria-de-educacion.xlsx", "mini-2022-T2-secretaria-de-salud.xlsx",
    ]


def test_sheet_layout(sheets):
    wb = load_workbook(sheets["mini-2022-T2-secretaria-de-educacion.xlsx"])
    assert wb.sheetnames == ["Avances", "Instrucciones"]
    ws = wb.worksheets[0]
    assert ws["A1"].value == "Alcaldía de Prueba"
    assert ws["A2"].value == "Plan mínimo 2022-2023"
    assert ws["A3"].value == "Hoja de captura — corte 2022-T2 — Secretaría de Educación"
    headers = [c.value for c in ws[HEADER_ROW]]
    assert headers[:7] == [
        "Código meta", "Vigencia", "Ejecutado", "Observaciones", "Evidencia",
        "Recursos programados", "Recursos ejecutados",
    ]
    assert [canonical_name(h) for h in headers] == AVANCES_COLUMNS + CONTEXT_COLUMNS
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=FIRST_DATA_ROW)]
    assert rows == [
        ["1.10", 2022, None, None, None, None, None, "Construir aulas escolares",
         "Aulas construidas", "aulas", 10, "Sí", "Incremento", None],
        ["1001", 2022, None, None, None, None, None, "=1+1 capacitar docentes",
         "Docentes capacitados", "docentes", None, "No", "Incremento", None],
    ]
    assert ws.freeze_panes == f"B{FIRST_DATA_ROW}"
    assert ws.column_dimensions["H"].width >= 40
    assert ws[f"H{FIRST_DATA_ROW}"].alignment.wrap_text


def test_context_columns_of_a_reduccion(sheets):
    ws = load_workbook(sheets["mini-2022-T2-secretaria-de-salud.xlsx"]).worksheets[0]
    first = [c.value for c in ws[FIRST_DATA_ROW]]
    assert first[0] == "2001" and first[-2:] == ["Reducción", 200]


def test_only_input_cells_are_unlocked(sheets):
    ws = load_workbook(sheets["mini-2022-T2-secretaria-de-educacion.xlsx"]).worksheets[0]
    assert ws.protection.sheet
    for row in ws.iter_rows(min_row=FIRST_DATA_ROW):
        unlocked = [canonical_name(ws.cell(HEADER_ROW, c.column).value) for c in row if not c.protection.locked]
        assert unlocked == ["ejecutado", "observaciones", "evidencia", "recursos_programados", "recursos_ejecutados"]
    assert ws["A1"].protection.locked and ws[f"A{HEADER_ROW}"].protection.locked
    assert load_workbook(sheets["mini-2022-T2-secretaria-de-educacion.xlsx"])["Instrucciones"].protection.sheet


def test_excel_validates_the_input_cells(sheets):
    ws = load_workbook(sheets["mini-2022-T2-secretaria-de-educacion.xlsx"]).worksheets[0]
    by_range = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    rows = f"{FIRST_DATA_ROW}:%s{FIRST_DATA_ROW + 1}"
    ejecutado = by_range["C" + rows % "C"]
    assert (ejecutado.type, ejecutado.operator, ejecutado.formula1) == ("decimal", "greaterThanOrEqual", "0")
    assert ejecutado.allow_blank and ejecutado.showErrorMessage and "número" in ejecutado.error
    recursos = by_range[f"F{rows % 'F'} G{rows % 'G'}"]
    assert (recursos.type, recursos.operator, recursos.formula1) == ("decimal", "greaterThanOrEqual", "0")
    evidencia = by_range["E" + rows % "E"]
    assert evidencia.type == "custom" and evidencia.showErrorMessage
    assert evidencia.formula1 == f'OR(E{FIRST_DATA_ROW}="",LEFT(E{FIRST_DATA_ROW},7)="http://",LEFT(E{FIRST_DATA_ROW},8)="https://")'
    for dv in by_range.values():  # Excel refuses to open longer ones
        assert len(dv.error or "") <= 225 and len(dv.prompt or "") <= 255
        assert len(dv.errorTitle or "") <= 32 and len(dv.promptTitle or "") <= 32


def test_instructions_sheet(sheets):
    ws = load_workbook(sheets["mini-2022-T2-secretaria-de-salud.xlsx"])["Instrucciones"]
    text = "\n".join(str(c.value) for c in ws["A"] if c.value)
    for phrase in ("acumulado", "unidad", "http://", "https://", "coma", "No cambie los códigos",
                   "sin reporte", "data/mini/avances/2022-T2/", "30 de junio de 2022", "Secretaría de Salud"):
        assert phrase in text, phrase


def test_same_input_same_bytes(tmp_path):
    for out in (tmp_path / "a", tmp_path / "b"):
        write_capture_sheets(tiny_plan(), "2022-T2", out)
    assert tree_hash(tmp_path / "a") == tree_hash(tmp_path / "b")
    with zipfile.ZipFile(tmp_path / "a" / "mini-2022-T2-secretaria-de-salud.xlsx") as z:
        core = z.read("docProps/core.xml").decode()
        assert "2022-07-01T00:00:00Z" in core
        assert {info.date_time for info in z.infolist()} == {(2022, 7, 1, 0, 0, 0)}


def test_formula_like_text_is_stored_as_text(tmp_path):
    extra = [Meta("3001", "2.1", "+cmd|' /C calc'!A0", "-2 indicador", 1, {2022: 1}, dependencia="=Otra")]
    paths = write_capture_sheets(tiny_plan(extra), "2022-T2", tmp_path)
    for path in paths:
        assert_no_formulas(path)
    ws = load_workbook(tmp_path / "mini-2022-T2-secretaria-de-educacion.xlsx").worksheets[0]
    cell = ws[f"H{FIRST_DATA_ROW + 1}"]
    assert (cell.value, cell.data_type) == ("=1+1 capacitar docentes", "s")
    other = load_workbook(tmp_path / "mini-2022-T2-otra.xlsx").worksheets[0]
    assert other["A3"].value == "Hoja de captura — corte 2022-T2 — =Otra"
    assert other[f"H{FIRST_DATA_ROW}"].value == "+cmd|' /C calc'!A0"


def test_neutralise_for_csv_and_write_cell_for_xlsx():
    assert neutralise("=1+1") == "'=1+1"
    assert [neutralise(v) for v in ("+a", "-a", "@a", "\ta", "\ra")] == ["'+a", "'-a", "'@a", "'\ta", "'\ra"]
    assert neutralise("Aulas") == "Aulas" and neutralise(-5) == -5 and neutralise(None) is None
    ws = Workbook().active
    write_cell(ws["A1"], "=SUM(1)")
    write_cell(ws["A2"], "campana\x07")
    write_cell(ws["A3"], 2.5)
    assert (ws["A1"].data_type, ws["A2"].value, ws["A3"].value) == ("s", "campana", 2.5)


def test_filled_sheet_is_an_avances_file(sheets, tmp_path):
    path = sheets["mini-2022-T2-secretaria-de-educacion.xlsx"]
    wb = load_workbook(path)
    ws = wb["Avances"]
    ws[f"C{FIRST_DATA_ROW}"] = 7.5
    ws[f"D{FIRST_DATA_ROW}"] = "Dos aulas entregadas"
    ws[f"E{FIRST_DATA_ROW}"] = "https://ejemplo.gov.co/acta-12"
    ws[f"G{FIRST_DATA_ROW}"] = 1250000
    filled = tmp_path / "avances" / "2022-T2" / path.name
    filled.parent.mkdir(parents=True)
    wb.save(filled)

    header_row, table = read_avances(filled)
    assert 1 < header_row <= 20
    assert list(table.columns[:7]) == AVANCES_COLUMNS
    assert table["codigo_meta"].tolist() == ["1.10", "1001"]  # codes stay text: 1.10 is not 1.1
    assert table["vigencia"].tolist() == [2022, 2022]
    assert table.loc[0, "ejecutado"] == 7.5
    assert table.loc[0, "evidencia"] == "https://ejemplo.gov.co/acta-12"
    assert table.loc[0, "recursos_ejecutados"] == 1250000
    # An untouched row keeps its code and vigencia with ejecutado empty: "sin reporte".
    assert pd.isna(table.loc[1, "ejecutado"])


def test_metas_without_dependencia_and_hostile_names(tmp_path):
    extra = [
        Meta("3001", "2.1", "Sin responsable", "x", 1, {2022: 1}),
        Meta("3002", "2.1", "Otra", "x", 1, {2022: 1}, dependencia="../../etc/passwd"),
        Meta("3003", "2.1", "Tilde", "x", 1, {2022: 1}, dependencia="  SECRETARIA DE SALUD "),
        Meta("3004", "2.1", "Control\x01", "x", 1, {2022: 1}, dependencia="***"),
    ]
    paths = write_capture_sheets(tiny_plan(extra), "2022-t2", tmp_path / "out")
    assert [p.name for p in paths] == [
        "mini-2022-T2-dependencia.xlsx", "mini-2022-T2-etc-passwd.xlsx",
        "mini-2022-T2-secretaria-de-educacion.xlsx", "mini-2022-T2-secretaria-de-salud.xlsx",
        "mini-2022-T2-sin-dependencia.xlsx",
    ]
    assert all(p.parent == tmp_path / "out" for p in paths)
    salud = load_workbook(tmp_path / "out" / "mini-2022-T2-secretaria-de-salud.xlsx").worksheets[0]
    assert [r[0].value for r in salud.iter_rows(min_row=FIRST_DATA_ROW)] == ["2001", "2002", "3003"]
    none = load_workbook(tmp_path / "out" / "mini-2022-T2-sin-dependencia.xlsx").worksheets[0]
    assert none["A3"].value.endswith("Sin dependencia asignada")
    control = load_workbook(tmp_path / "out" / "mini-2022-T2-dependencia.xlsx").worksheets[0]
    assert control[f"H{FIRST_DATA_ROW}"].value == "Control"


@pytest.mark.parametrize("corte", ["2022T2", "2022-T5", "2022-T0", "T2-2022", "", "22-T1", "2022-Q2"])
def test_bad_corte_id(tmp_path, corte):
    with pytest.raises(ValueError, match=r"no es válido: se esperaba AAAA-TN"):
        write_capture_sheets(tiny_plan(), corte, tmp_path)
    assert not any(tmp_path.iterdir())


def test_corte_outside_the_period(tmp_path):
    with pytest.raises(ValueError, match=re.escape("vigencia 2021, que está fuera del periodo del plan")):
        write_capture_sheets(tiny_plan(), "2021-T4", tmp_path)


def test_corte_helpers():
    assert parse_corte(" 2023-t4 ") == ("2023-T4", 2023, 4)
    assert corte_timestamp("2023-T4").isoformat() == "2024-01-01T00:00:00"
    assert corte_timestamp("2022-T1").isoformat() == "2022-04-01T00:00:00"


def test_returned_sheets_load_as_a_corte(tmp_path):
    """With the project's own loader: filled sheets dropped as they are into
    avances/<corte>/ make that corte; untouched rows are simply not reported."""
    import shutil

    load = pytest.importorskip("generator.load")
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "data" / "mini", data)
    for old in (data / "mini" / "avances").iterdir():
        old.unlink()
    plans, problems = load.load_data(data)
    assert not problems.has_errors, [str(p) for p in problems]
    paths = write_capture_sheets(plans[0], "2021-T3", data / "mini" / "avances" / "2021-T3")
    wb = load_workbook(paths[0])
    codigo = wb["Avances"][f"A{FIRST_DATA_ROW}"].value
    wb["Avances"][f"C{FIRST_DATA_ROW}"] = 3
    wb["Avances"][f"E{FIRST_DATA_ROW}"] = "https://ejemplo.gov.co/acta"
    wb.save(paths[0])

    plans, problems = load.load_data(data)
    assert not problems.has_errors, [str(p) for p in problems]
    (corte,) = plans[0].cortes
    assert corte.id == "2021-T3" and list(corte.reportes) == [codigo]
    reporte = corte.reportes[codigo]
    assert (reporte.vigencia, reporte.ejecutado, reporte.evidencia) == (2021, 3.0, "https://ejemplo.gov.co/acta")
    assert reporte.source.row == FIRST_DATA_ROW
