"""Cells that used to be lost or to crash the build (issue 15): formulas without a cached
value, error cells, hidden rows and sheets, sheets that declare a far cell, numbers
beyond what the build can compute. Every workbook is made here, small, with openpyxl or
zipfile."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator.compute.plan import compute_plan
from generator.read.cells import MAX_NUMBER, MIN_NUMBER, CellError, parse_number
from generator.read.safety import FileRefused
from generator.read.sheet_xml import scan_xlsx
from generator.read.xlsx import read_xlsx
from generator.render.site import write_docs
from tests.corpus.plans import AVANCES_CSV, METAS_CSV, PLAN_YML, load, only

METAS_HEADER = ["codigo_meta", "codigo_padre", "meta", "indicador", "meta_cuatrienio", "programado_2021", "programado_2022"]


def xlsx(rows: list[list], hidden_rows: tuple[int, ...] = (), hidden_sheet: bool = False) -> bytes:
    """A workbook as openpyxl writes it: formulas without cached values, error cells as `t="e"`."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Metas"
    if hidden_sheet:
        helper = book.create_sheet("Listas", 0)
        helper.append(["codigo_meta"])
        helper.sheet_state = "hidden"
    for row in rows:
        sheet.append(row)
    for number in hidden_rows:
        sheet.row_dimensions[number].hidden = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def metas_book(*rows: list, **kw) -> dict:
    return {"metas": None, "extra": {"metas.xlsx": xlsx([METAS_HEADER, *rows], **kw)}}


# ---------------------------------------------------------------- formulas and error cells


def test_a_formula_without_cached_value_is_an_error_naming_the_cell(tmp_path):
    plan, found = load(tmp_path, **metas_book(["M1", "1.1", "Dotar aulas", "Aulas", 20, "=5+5", 10],
                                               ["M2", "1.2", "Reducir", "Toneladas", 60, 80, 60]))
    message = only(found, "hoja \"Metas\", fila 2, columna programado_2021")
    assert "F2" in message and "=5+5" in message and "sin valor calculado" in message
    assert "guárdelo en Excel o LibreOffice" in message


@pytest.mark.parametrize("error", ["#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"])
def test_an_error_cell_is_an_error_with_its_location(tmp_path, error):
    plan, found = load(tmp_path, **metas_book(["M1", "1.1", "Dotar aulas", "Aulas", error, 10, 10],
                                               ["M2", "1.2", "Reducir", "Toneladas", 60, 80, 60]))
    message = only(found, "fila 2, columna meta_cuatrienio")
    assert f'"{error}"' in message and f"la celda E2 tiene el error de Excel {error}" in message


def test_an_error_cell_in_a_text_or_extra_column_is_an_error_too(tmp_path):
    rows = [[*METAS_HEADER, "Observación interna"],
            ["M1", "1.1", "#REF!", "Aulas", 20, 10, 10, "#N/A"],
            ["M2", "1.2", "Reducir", "Toneladas", 60, 80, 60, "ok"]]
    plan, found = load(tmp_path, metas=None, extra={"metas.xlsx": xlsx(rows)})
    assert "C2" in only(found, "fila 2, columna meta")
    assert "H2" in only(found, "fila 2, columna Observación interna")


def test_an_error_cell_in_an_unread_place_is_not_an_error(tmp_path):
    """A cell no column reads (no header above it) is not data."""
    rows = [["Plan de prueba", None, None, None, None, None, None, None, "#DIV/0!"], METAS_HEADER,
            ["M1", "1.1", "Dotar aulas", "Aulas", 20, 10, 10, None, "=A1"],
            ["M2", "1.2", "Reducir", "Toneladas", 60, 80, 60]]
    plan, found = load(tmp_path, metas=None, extra={"metas.xlsx": xlsx(rows)})
    assert plan is not None, found


def test_a_formula_with_a_cached_value_is_read(tmp_path):
    """As Excel saves it: <f> and <v>; and a formula whose result is empty text (t="str")."""
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>codigo_meta</t></is></c><c r="B1" t="inlineStr"><is><t>ejecutado</t></is></c>'
             '<c r="C1" t="inlineStr"><is><t>observaciones</t></is></c></row>'
             '<row r="2"><c r="A2" t="inlineStr"><is><t>M1</t></is></c><c r="B2"><f>2+3</f><v>5</v></c>'
             '<c r="C2" t="str"><f>""</f><v></v></c></row></sheetData></worksheet>')
    path = tmp_path / "a.xlsx"
    path.write_bytes(crafted(sheet))
    table, problems = read_xlsx(path, "a.xlsx", {"codigo_meta", "ejecutado", "observaciones"})
    assert problems == [] and table.rows[0].cells == {"codigo_meta": "M1", "ejecutado": 5.0, "observaciones": ""}


def test_an_excel_error_written_in_a_csv_says_so(tmp_path):
    avances = AVANCES_CSV.replace("M1,2021,5,", "M1,2021,#DIV/0!,")
    plan, found = load(tmp_path, avances={"2021-T4.csv": avances})
    assert "es un error de Excel, no un número" in only(found, "fila 2, columna ejecutado")


# ---------------------------------------------------------------- hidden rows and sheets


def test_hidden_rows_are_read_with_one_aviso_listing_them(tmp_path):
    rows = [["M1", "1.1", "Dotar aulas", "Aulas", 20, 10, 10], ["M2", "1.2", "Reducir", "Toneladas", 60, 80, 60],
            ["M3", "1.2", "Sembrar", "Árboles", 5, 1, 1], ["M4", "1.2", "Podar", "Árboles", 5, 1, 1]]
    plan, found = load(tmp_path, **metas_book(*rows, hidden_rows=(3, 4, 5, 9)))
    assert sorted(plan.metas) == ["M1", "M2", "M3", "M4"]
    hidden = [m for m in found if "oculta" in m]
    assert hidden == [next(m for m in found if "se leyeron 3 filas ocultas (filas 3 a 5)" in m)]
    assert hidden[0].startswith("aviso: ") and 'hoja "Metas"' in hidden[0]


def test_hidden_sheets_are_skipped_with_an_aviso(tmp_path):
    plan, found = load(tmp_path, **metas_book(["M1", "1.1", "Dotar aulas", "Aulas", 20, 10, 10],
                                               ["M2", "1.2", "Reducir", "Toneladas", 60, 80, 60], hidden_sheet=True))
    assert plan is not None
    assert "no se leen las hojas ocultas (\"Listas\")" in only(found, "aviso:", "ocultas")


def test_a_hidden_sheet_named_in_plan_yml_is_read_without_aviso(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Portada"
    hidden = book.create_sheet("Metas")
    for row in [METAS_HEADER, ["M1", "1.1", "Dotar aulas", "Aulas", 20, 10, 10], ["M2", "1.2", "Reducir", "T", 60, 80, 60]]:
        hidden.append(row)
    hidden.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    plan, found = load(tmp_path, plan_yml=PLAN_YML + "hojas: {metas: Metas}\n", metas=None, extra={"metas.xlsx": out.getvalue()})
    assert sorted(plan.metas) == ["M1", "M2"] and not [m for m in found if "oculta" in m]


# ---------------------------------------------------------------- dimensions


def crafted(sheet_xml: str, part: str = "xl/worksheets/sheet1.xml") -> bytes:
    """A minimal .xlsx with one sheet whose XML is `sheet_xml`, stored at `part`."""
    target = part.removeprefix("xl/")
    files = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '</Types>',
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Hoja1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        f'Target="{target}"/></Relationships>',
        part: sheet_xml,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


def sheet_with(dimension: str = "", cells: str = '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>') -> str:
    return ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"{dimension}<sheetData>{cells}</sheetData></worksheet>")


FAR = [
    sheet_with("<dimension ref='A1:XFD1048576'/>"),
    sheet_with('<dimension ref = "A1:XFD1048576" />'),
    sheet_with("<x:dimension xmlns:x='urn:x' ref=' A1:XFD1048576 '/>"),
    sheet_with('<dimension ref="a1:xfd1048576"/>'),
    sheet_with('<dimension ref="$A$1:$XFD$1048576"/>'),
    sheet_with(cells='<row r="1"><c r="A1"/><c r = \'XFD20000\'/></row>'),
    sheet_with(cells='<row r="20000"><c r="A20000"/></row><row><c r="A1"/><c/></row>' + '<row r="1"><c r="XFD1"/></row>'),
    sheet_with(cells='<row r="600000"/>'),
    sheet_with(cells='<row r="1">' + "<c/>" * 300 + '</row><row r="30000"><c/></row>'),  # cells without r
]


@pytest.mark.parametrize("sheet", FAR)
@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/worksheets/hoja", "xl/otra/parte.bin"])
def test_a_far_cell_in_any_form_is_refused_before_calamine_reads(tmp_path, sheet, part):
    path = tmp_path / "lejos.xlsx"
    path.write_bytes(crafted(sheet, part))
    with pytest.raises(FileRefused, match="es demasiado grande para leerla"):
        read_xlsx(path, "lejos.xlsx", {"x"})


@pytest.mark.parametrize("reference", ["A", "1", "A1:", "XFDD1", "A12345678", "A-1"])
def test_a_cell_reference_that_is_not_one_is_refused(tmp_path, reference):
    path = tmp_path / "rara.xlsx"
    path.write_bytes(crafted(sheet_with(cells=f'<row r="1"><c r="{reference}"/></row>')))
    with pytest.raises(FileRefused, match="dañado"):
        scan_xlsx(path)


def test_a_sheet_within_the_limits_is_read(tmp_path):
    path = tmp_path / "cerca.xlsx"
    path.write_bytes(crafted(sheet_with("<dimension ref='A1:B2'/>", '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c>'
                                        '<c r="B1"/></row><row r="2"><c r="A2"><v>3</v></c></row>')))
    table, problems = read_xlsx(path, "cerca.xlsx", {"x"})
    assert [r.cells for r in table.rows] == [{"x": 3.0}] and problems == []


# ---------------------------------------------------------------- numbers the build can compute


@pytest.mark.parametrize("value", ["1e16", "1000000000000000000000000000", "1.7976931348623157e308", "-2e15"])
def test_numbers_beyond_the_bound_are_refused(value):
    with pytest.raises(CellError, match="demasiado grande"):
        parse_number(float(value))
    with pytest.raises(CellError):
        parse_number(value.replace(".", ","))


def test_a_27_digit_meta_cuatrienio_is_refused_by_check(tmp_path):
    metas = METAS_CSV.replace(",20,10,10,", ",123456789012345678901234567,10,10,")
    plan, found = load(tmp_path, metas=metas)
    assert "demasiado grande" in only(found, "columna meta_cuatrienio")


def test_huge_weights_in_plan_yml_are_refused_by_check(tmp_path):
    yml = PLAN_YML.replace("peso: 60", "peso: 1.0e+300") + "vigencias: {2021: 1.0e+200, 2022: 1}\n"
    plan, found = load(tmp_path, plan_yml=yml)
    assert "demasiado grande" in only(found, "clave estructura[0].peso")
    assert "demasiado grande" in only(found, "clave vigencias.2021")


@pytest.mark.parametrize("value", [5e-324, 1e-7, -9e-7, "0,0000001"])
def test_non_zero_numbers_below_a_millionth_are_refused(value):
    with pytest.raises(CellError, match="demasiado pequeño"):
        parse_number(value)


def test_bounds_are_inclusive():
    assert parse_number(MAX_NUMBER) == MAX_NUMBER and parse_number(-MIN_NUMBER) == -MIN_NUMBER and parse_number(0.0) == 0


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_values_at_the_bounds_compute_and_render(tmp_path, kind):
    """What check accepts, build can compute and write: numbers at both bounds, with
    the largest ratios between them (a tiny programado against a huge ejecutado)."""
    big, tiny = MAX_NUMBER, MIN_NUMBER
    yml = PLAN_YML.replace("peso: 60", "peso: 1000000000000000") + "vigencias: {2021: 1000000000000000, 2022: 0.000001}\n"
    metas = [["codigo_meta", "codigo_padre", "meta", "indicador", "tipo", "linea_base", "meta_cuatrienio",
              "programado_2021", "programado_2022", "peso"],
             ["M1", "1.1", "Grande", "Pesos", "incremento", big, big, big, big, big],
             ["M2", "1.2", "Diminuta", "Pesos", "reduccion", big, tiny, tiny, tiny, tiny],
             ["M3", "1.2", "Mixta", "Pesos", "incremento", tiny, big, tiny, big, 1]]
    avances = [["codigo_meta", "vigencia", "ejecutado", "recursos_programados", "recursos_ejecutados"],
               ["M1", 2021, big, big, big], ["M2", 2021, big, tiny, big], ["M3", 2021, big, big, tiny]]
    if kind == "csv":
        text = lambda rows: "\n".join(",".join(f"{v:f}".rstrip("0").rstrip(".") if isinstance(v, float) else str(v)
                                               for v in row) for row in rows) + "\n"
        files = {"metas": text(metas), "avances": {"2021-T4.csv": text(avances)}}
    else:
        files = {"metas": None, "avances": {}, "extra": {"metas.xlsx": xlsx(metas), "avances/2021-T4.xlsx": xlsx(avances)}}
    plan, found = load(tmp_path, plan_yml=yml, **files)
    assert [m for m in found if not m.startswith("aviso")] == []
    results = compute_plan(plan)
    write_docs([results], tmp_path / "docs", published=datetime.date(2022, 1, 31))
    assert any(Path(tmp_path / "docs").rglob("*.md"))


# ---------------------------------------------------------------- the same through a mapping


def test_a_mapped_workbook_reports_faults_hidden_rows_and_hidden_sheets(tmp_path):
    from tests.test_mapping import HEADER, mapeo, read, rows_simple

    rows = rows_simple()
    rows[1][6] = "=SUMA(H2:H3)"  # PROG 2024 of M1: a formula with no cached value
    rows[2][0] = "#REF!"  # the EJE of M2
    book = openpyxl.Workbook()
    book.active.title = "Listas"
    book.active.sheet_state = "hidden"
    sheet = book.create_sheet("PI")
    for row in rows:
        sheet.append(row)
    sheet.row_dimensions[4].hidden = True
    book.save(tmp_path / "libro.xlsx")
    _, metas, _, problems = read(tmp_path, mapeo())
    assert HEADER[6] == "PROG 2024"
    by_code = {p.codigo: p for p in problems}
    assert by_code["celda-error-excel"].row == 3 and by_code["celda-error-excel"].column == "EJE"
    assert "A3" in by_code["celda-error-excel"].message
    assert metas.rows[0].cells["programado_2024"] == "=SUMA(H2:H3)"  # a CellFault: validation refuses it
    assert "G2" in metas.rows[0].cells["programado_2024"].message
    assert "se leyó 1 fila oculta (fila 4)" in by_code["filas-ocultas-leidas"].message and not by_code["filas-ocultas-leidas"].is_error
    assert '"Listas"' in by_code["hojas-ocultas-omitidas"].message
