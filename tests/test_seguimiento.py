"""seguimiento.xlsx|csv (Pasto's PE-P-004, step 8): the dependencias' commitments on
lagging metas, validated and located, judged at the latest corte, and published."""

from __future__ import annotations

import csv
import html
import json
import re
from datetime import date, datetime

import openpyxl
import pytest

from generator.compute.plan import compute_plan
from generator.model import Compromiso
from generator.render.layout import PlanLayout
from generator.render.site import write_docs
from generator.write.alerts_xlsx import write_alert_workbooks
from generator.write.opendata import write_open_data
from generator.write.plantillas import FIRST_DATA_ROW, HEADER_ROW, write_capture_sheets
from tests.corpus.plans import AVANCES_CSV, load, located, messages, only
from tests.helpers import assert_clean, body
from tests.render_sample import sample_plan
from tests.workbooks import write_workbook

FILE = "data/prueba/seguimiento.csv"
HEADER = "codigo_meta,corte,causa,compromiso,responsable,fecha_compromiso,cumplido\n"
# The plan's cortes: 2021-T2 and 2021-T4 (the latest, closing on 2021-12-31).
CORTES = {"2021-T2.csv": AVANCES_CSV, "2021-T4.csv": AVANCES_CSV}
ROWS = (
    "M1,2021-T4,Lluvias,Terminar la dotación,Secretaría de Educación,2022-03-31,\n"
    "M1,2021-T2,Contrato tardío,Firmar el contrato,Jefe de contratación,30/09/2021,\n"
    "M2,2021-t2,,Iniciar la campaña,Secretaría de Ambiente,2021-12-31,Sí\n"
)


def seguimiento(rows: str = ROWS, header: str = HEADER) -> dict[str, bytes]:
    return {"seguimiento.csv": (header + rows).encode("utf-8")}


def test_commitments_are_read_by_corte_with_their_dates_and_answer(tmp_path):
    plan, found = load(tmp_path, avances=CORTES, extra=seguimiento())
    assert found == []
    assert [(c.codigo_meta, c.corte, c.fecha, c.cumplido, c.causa) for c in plan.compromisos] == [
        ("M1", "2021-T2", "2021-09-30", None, "Contrato tardío"),
        ("M2", "2021-T2", "2021-12-31", True, ""),
        ("M1", "2021-T4", "2022-03-31", None, "Lluvias"),
    ]
    assert plan.compromisos[0].source.row == 3


def test_each_commitment_is_judged_at_the_latest_corte(tmp_path):
    rows = ROWS + "M2,2021-T4,Sin presupuesto,Pedir adición,Secretaría de Ambiente,2021-11-30,no\n"
    plan, _ = load(tmp_path, avances=CORTES, extra=seguimiento(rows))
    s = compute_plan(plan).seguimiento
    assert s.corte == "2021-T4"
    # 2021-09-30 is before 2021-12-31 and nobody said it was met: vencido; 2022-03-31 is after.
    assert [(r.codigo_meta, r.compromiso.corte, r.estado, r.alerta) for r in s.compromisos] == [
        ("M1", "2021-T2", "vencido", True),
        ("M2", "2021-T2", "cumplido", False),
        ("M1", "2021-T4", "pendiente", False),
        ("M2", "2021-T4", "no cumplido", True),
    ]
    assert [(r.codigo_meta, r.compromiso.corte) for r in s.alertas] == [("M1", "2021-T2"), ("M2", "2021-T4")]
    assert [r.compromiso.corte for r in s.por_meta["M1"]] == ["2021-T4", "2021-T2"]


def test_a_commitment_due_on_the_day_of_the_corte_is_vencido(tmp_path):
    rows = "M1,2021-T4,,Dotar,Educación,2021-12-31,\n"
    plan, _ = load(tmp_path, avances=CORTES, extra=seguimiento(rows))
    assert [r.estado for r in compute_plan(plan).seguimiento.compromisos] == ["vencido"]


def test_bad_dates_unknown_metas_and_cortes_and_repeats_are_located(tmp_path):
    rows = (
        "M1,2021-T2,,Dotar,Educación,31/02/2021,\n"
        "M9,2021-T2,,Dotar,Educación,2021-09-30,\n"
        "M1,2021-T3,,Dotar,Educación,2021-09-30,\n"
        "M2,2021-T2,,Campaña,Ambiente,2021-09-30,\n"
        "M2,2021-T2,,Otra campaña,Ambiente,2021-10-30,\n"
        "M2,2021-T4,,Campaña,Ambiente,2021-09-30,quizás\n"
        "M1,2021-T4,,,Educación,2021-09-30,\n"
    )
    found = messages(tmp_path, avances=CORTES, extra=seguimiento(rows))
    assert only(found, "fila 2,") == (f'{FILE}, fila 2, columna fecha_compromiso: "31/02/2021" no es una fecha; se esperaba '
                                      "una fecha como 2021-06-30 o 30/06/2021 [celda-no-fecha]")
    assert only(found, "fila 4,") == (f'{FILE}, fila 4, columna corte: "2021-T3" el plan no tiene avances del corte 2021-T3; '
                                      "los cortes publicados son: 2021-T2, 2021-T4 [corte-desconocido]")
    assert only(found, "fila 6,").endswith("la meta M2 ya tiene un compromiso para el corte 2021-T2 (fila 5); "
                                           "se esperaba una sola fila por meta y corte [compromiso-repetido]")
    assert located(tmp_path, avances=CORTES, extra=seguimiento(rows)) == [
        ("celda-no-fecha", FILE, None, 2, "fecha_compromiso"),
        ("meta-inexistente", FILE, None, 3, "codigo_meta"),
        ("corte-desconocido", FILE, None, 4, "corte"),
        ("compromiso-repetido", FILE, None, 6, "corte"),
        ("valor-no-admitido", FILE, None, 7, "cumplido"),
        ("celda-vacia", FILE, None, 8, "compromiso"),
    ]


def test_an_xlsx_with_spanish_headers_title_rows_and_excel_dates(tmp_path):
    data = tmp_path / "xlsx"
    data.mkdir()
    path = write_workbook(data / "seguimiento.xlsx", {"Compromisos": [
        ["Seguimiento a compromisos — Alcaldía de Prueba"],
        [],
        ["Código meta", "Corte", "Causa", "Compromiso", "Responsable", "Fecha compromiso", "¿Cumplido?"],
        ["M1", "2021-T2", "Lluvias\u200b", "Dotar aulas", "Educación", datetime(2021, 9, 30), "NO"],
        ["M2", "2021-T2", "", "Campaña", "Ambiente", "fin de año", ""],
    ]})
    plan, found = load(tmp_path, avances=CORTES, extra={"seguimiento.xlsx": path.read_bytes()})
    assert [p for p in found if "[texto-invisible]" not in p] == [
        'data/prueba/seguimiento.xlsx, hoja "Compromisos", fila 5, columna Fecha compromiso: "fin de año" no es una fecha; '
        "se esperaba una fecha como 2021-06-30 o 30/06/2021 [celda-no-fecha]"]
    assert only(found, "fila 4", "Causa", "[texto-invisible]")


# ---------------------------------------------------------------- on the site

HOSTILE = "<img src=x onerror=alert(1)> **x**"


def followed_plan():
    """sample_plan (one corte, 2021-T2, closing on 2021-06-30; M2 atrasada, M4 sin
    reporte) with a commitment for each: M2's due on 2021-06-15 (vencido), M4's on
    2021-08-31 (pendiente)."""
    plan = sample_plan()
    plan.compromisos = [
        Compromiso("M2", "2021-T2", "Firmar el convenio " + HOSTILE, "Jefe de contratación", "2021-06-15",
                   causa="Lluvias"),
        Compromiso("M4", "2021-T2", "Contratar el operador", "Secretaría de Ambiente", "2021-08-31"),
    ]
    return plan


@pytest.fixture
def site(tmp_path):
    plan = followed_plan()
    write_docs([compute_plan(plan)], tmp_path, published=date(2021, 7, 15))
    return tmp_path, PlanLayout.of(plan)


def text_of(root, path: str) -> str:
    rendered = body((root / path).read_text(encoding="utf-8"))
    assert "<img" not in rendered  # the office's text is escaped, never markup
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


def test_the_commitment_is_shown_on_the_metas_row(site):
    root, layout = site
    text = text_of(root, layout.node_file(layout.plan.node("1.1")))
    assert ("Meta M2 Compromiso 2021-T2 vencido : Firmar el convenio <img src=x onerror=alert(1)> **x** "
            "(Jefe de contratación, 15 de junio de 2021). Causa: Lluvias.") in text
    text = text_of(root, layout.node_file(layout.plan.node("1.2")))
    assert ("Meta M4 Compromiso 2021-T2 pendiente : Contratar el operador (Secretaría de Ambiente, "
            "31 de agosto de 2021).") in text


def test_the_overdue_commitment_is_an_alert_of_its_own(site):
    root, layout = site
    text = text_of(root, layout.section_file("alertas"))
    section = text[text.index("Compromisos vencidos al corte 2021-T2"):text.index("matriz acumulada")]
    assert "su fecha llegó al cierre del corte (30 de junio de 2021)" in section
    assert "De 2 compromisos, 1 está vencido o no se cumplió." in section
    assert ("1 compromiso vencido o no cumplido al corte 2021-T2 Código Meta Dependencia Corte Causa Compromiso "
            "Responsable Fecha Estado M2 Meta M2 Secretaría de Educación 2021-T2 Lluvias Firmar el convenio") in section
    assert "M4" not in section  # pendiente: not an alert


def test_the_dependencia_page_lists_its_commitments(site):
    root, layout = site
    text = text_of(root, layout.section_file("dependencias/secretaria-de-educacion"))
    assert ("Compromisos de Secretaría de Educación Código Meta Corte Causa Compromiso Responsable Fecha Estado "
            "M2 Meta M2 2021-T2 Lluvias Firmar el convenio") in text
    assert "M4 Meta M4 2021-T2 — Contratar el operador Secretaría de Ambiente 31 de agosto de 2021 pendiente" in text


def test_without_commitments_the_alerts_page_has_no_such_section(tmp_path):
    plan = sample_plan()
    write_docs([compute_plan(plan)], tmp_path, published=date(2021, 7, 15))
    assert "Compromisos" not in text_of(tmp_path, PlanLayout.of(plan).section_file("alertas"))


# ---------------------------------------------------------------- open data


def test_the_seguimiento_table_in_every_format_and_described(tmp_path):
    plan = followed_plan()
    plan.compromisos[1].cumplido = False
    out = tmp_path / "site"
    write_open_data(compute_plan(plan), out, datetime(2021, 7, 15))
    folder = out / "datos" / "prueba"
    with (folder / "seguimiento.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows == [
        {"codigo_meta": "M2", "meta": "Meta M2", "dependencia": "Secretaría de Educación", "corte": "2021-T2",
         "causa": "Lluvias", "compromiso": "Firmar el convenio " + HOSTILE, "responsable": "Jefe de contratación",
         "fecha_compromiso": "2021-06-15", "cumplido": "", "estado": "vencido", "corte_estado": "2021-T2"},
        {"codigo_meta": "M4", "meta": "Meta M4", "dependencia": "Secretaría de Educación", "corte": "2021-T2",
         "causa": "", "compromiso": "Contratar el operador", "responsable": "Secretaría de Ambiente",
         "fecha_compromiso": "2021-08-31", "cumplido": "no", "estado": "no cumplido", "corte_estado": "2021-T2"},
    ]
    assert json.loads((folder / "seguimiento.json").read_text(encoding="utf-8")) == rows
    sheet = openpyxl.load_workbook(folder / "seguimiento.xlsx").active
    assert [c.value for c in sheet[3]][:4] == ["M4", "Meta M4", "Secretaría de Educación", "2021-T2"]
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    [resource] = [r for r in package["resources"] if r["name"] == "seguimiento"]
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    assert list(fields) == list(rows[0])
    assert all(f["description"] for f in fields.values())
    assert fields["fecha_compromiso"]["type"] == "date"
    assert resource["schema"]["primaryKey"] == ["codigo_meta", "corte"]


def test_the_alert_workbooks_list_the_overdue_commitments(tmp_path):
    results = compute_plan(followed_plan())
    written = {p.name: p for p in write_alert_workbooks(results, tmp_path)}
    for name in ("prueba-2021-T2-alertas.xlsx", "prueba-2021-T2-alertas-secretaria-de-educacion.xlsx"):
        ws = openpyxl.load_workbook(written[name])["Compromisos vencidos"]
        rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4) if row[0].value]
        assert rows == [
            ["Código meta", "Meta", "Dependencia", "Corte", "Causa", "Compromiso", "Responsable", "Fecha compromiso",
             "Cumplido", "Estado"],
            ["M2", "Meta M2", "Secretaría de Educación", "2021-T2", "Lluvias", "Firmar el convenio " + HOSTILE,
             "Jefe de contratación", "2021-06-15", None, "vencido"],
        ], name  # M4's is pendiente: not an alert


# ---------------------------------------------------------------- capture sheets


def test_capture_sheets_ask_the_lagging_metas_for_a_commitment(tmp_path):
    """sample_plan at 2021-T2: M1 cumplida, M2 atrasada, M4 sin reporte; the 2021-T3
    sheet asks M2 and M4 (only) for a commitment that answers 2021-T2."""
    plan = sample_plan()
    [path] = write_capture_sheets(plan, "2021-T3", tmp_path, compute_plan(plan))
    wb = openpyxl.load_workbook(path)
    ws = wb["Avances"]
    headers = [c.value for c in ws[HEADER_ROW]]
    assert headers[7:12] == ["Causa", "Compromiso", "Responsable", "Fecha compromiso", "Corte"]
    unlocked = {}
    for row in ws.iter_rows(min_row=FIRST_DATA_ROW):
        unlocked[row[0].value] = [headers[c.column - 1] for c in row if not c.protection.locked][5:]
        assert row[11].value == ("2021-T2" if row[0].value in ("M2", "M4") else None)
    assert unlocked == {"M1": [], "M2": ["Causa", "Compromiso", "Responsable", "Fecha compromiso"], "M3": [],
                        "M4": ["Causa", "Compromiso", "Responsable", "Fecha compromiso"], "M5": []}
    lines = [c.value or "" for c in wb["Instrucciones"]["A"]]
    assert any(line.startswith("5. Causa, Compromiso, Responsable y Fecha compromiso: solo en las filas de las metas "
                               "rezagadas en el corte 2021-T2") for line in lines)
    assert any("se copian además en data/prueba/seguimiento.xlsx" in line for line in lines)


def test_without_an_earlier_corte_the_sheet_has_no_follow_up(tmp_path):
    plan = sample_plan()
    [path] = write_capture_sheets(plan, "2021-T2", tmp_path, compute_plan(plan))
    assert "Causa" not in [c.value for c in openpyxl.load_workbook(path)["Avances"][HEADER_ROW]]


# ---------------------------------------------------------------- in Chromium, on the demo site


@pytest.mark.browser
def test_from_the_overdue_alert_to_the_metas_row_in_chromium(watch):
    """The demo's overdue commitment (1.A.2.03, answering 2021-T2, due 2021-09-15) is on
    the alerts page; its code leads to the meta's row, where the latest commitment stands
    on its own line under the meta and the overdue one is folded; axe finds nothing serious."""
    from axe_playwright_python.sync_playwright import Axe

    page = watch.open("/sopo/alertas/")
    section = page.locator("h2", has_text="Compromisos vencidos al corte 2021-T3")
    assert section.is_visible()
    table = page.locator("table", has=page.locator("caption", has_text="compromisos vencidos o no cumplidos"))
    assert table.locator("tbody tr").count() == 2
    row = table.locator("tr", has=page.locator(".estado", has_text="vencido"))
    assert "15 de septiembre de 2021" in row.inner_text()
    row.locator("a", has_text="1.A.2.03").click()
    meta_row = page.locator("tr", has=page.locator("td:text-is('1.A.2.03')")).first
    note = meta_row.locator(".compromiso")
    # Instant navigation swaps the page in after the URL changes: wait for the row itself.
    note.wait_for(state="visible", timeout=30000)
    assert "Compromiso 2021-T3 pendiente" in note.inner_text()
    cell = meta_row.locator("td").nth(1).bounding_box()
    assert note.bounding_box()["x"] == pytest.approx(cell["x"] + 16, abs=16)  # at the start of a line of its own
    folded = meta_row.locator("details", has_text="1 compromiso anterior")
    assert not folded.locator("li").is_visible()
    folded.locator("summary").click()
    assert "vencido" in folded.locator("li").inner_text()
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
    assert_clean(watch)
