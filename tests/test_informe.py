"""The council report (issue 12): plan.yml's decreto and firma, the office's conclusions
in informes/<corte>.md, the report's own figures, the page, and its PDF.

The end-to-end tests read the demo site's report page and its PDF (pdftotext, from
poppler-utils) and check them against the published open data and the plan itself."""

from __future__ import annotations

import csv
import os
import datetime
import shutil
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import build, cli
from generator.compute.informe import esperado_cuatrienio, reprogramadas_by_node
from generator.compute.plan import compute_plan
from generator.load import load_data
from generator.model import ROOT, Firma, Reprogramacion
from generator.render.layout import PlanLayout
from generator.render.pages.informe import informe_page
from generator.write.pdf import NO_CHROMIUM, PdfError, Printer, PrintJob, informe_pdf_name, renumber_nodes, stamp_dates
from tests.corpus.plans import PLAN_YML, load, located
from tests.helpers import body
from tests.plan_factory import corte, make_plan, meta

REPO = Path(__file__).resolve().parent.parent
YML = "data/prueba/plan.yml"
SOPO_VIGENCIAS = {2020: 10, 2021: 30, 2022: 30, 2023: 30}


# ---------------------------------------------------------------- plan.yml and informes/


def test_plan_yml_names_the_decree_and_who_signs(tmp_path):
    plan_yml = PLAN_YML + ('decreto_seguimiento: Decreto 0197 de 2020\n'
                           'firma: {nombre: Ana Pérez, cargo: Secretaria de Planeación}\n')
    plan, problems = load(tmp_path, plan_yml=plan_yml)
    assert problems == []
    assert plan.decreto_seguimiento == "Decreto 0197 de 2020"
    assert plan.firma == Firma("Ana Pérez", "Secretaria de Planeación")


def test_a_signature_without_its_role_or_not_a_group_is_an_error_at_its_line(tmp_path):
    line = len(PLAN_YML.splitlines()) + 1
    found = located(tmp_path, plan_yml=PLAN_YML + "firma: {nombre: Ana Pérez, cargos: X}\n")
    assert ("clave-faltante", YML, None, line, "firma.cargo") in found
    assert ("clave-desconocida", YML, None, line, "firma.cargos") in found
    assert ("valor-no-valido", YML, None, line, "firma") in located(tmp_path, plan_yml=PLAN_YML + "firma: Ana Pérez\n")


def test_without_signature_or_decree_the_plan_is_valid(tmp_path):
    plan, problems = load(tmp_path)
    assert problems == [] and plan.firma is None and plan.decreto_seguimiento == "" and plan.informes == {}


def test_informes_are_read_by_corte_and_every_other_file_there_is_a_problem(tmp_path):
    plan, problems = load(tmp_path, extra={
        "informes/2021-T4.md": "Conclusión **uno**.\n".encode(),
        "informes/2022-T1.md": b"De un corte sin avances.",
        "informes/conclusiones.docx": b"PK",
        "informes/README.md": b"notas",
    })
    assert any("informes/conclusiones.docx" in p and "[informe-no-valido]" in p for p in problems)
    assert any("informes/2022-T1.md" in p and "[informe-sin-corte]" in p for p in problems)
    assert any("informes/README.md" in p and "[archivo-ignorado]" in p for p in problems)
    plan, problems = load(tmp_path / "otro", extra={"informes/2021-T4.md": "Conclusión **uno**.\n".encode(),
                                                    "informes/2022-T1.md": b"De un corte sin avances."})
    assert plan.informes == {"2021-T4": "Conclusión **uno**.\n"}
    assert [p for p in problems if "[informe-sin-corte]" not in p] == []


def test_an_informe_not_in_utf8_is_refused(tmp_path):
    _, problems = load(tmp_path, extra={"informes/2021-T4.md": "Conclusión".encode("cp1252")})
    assert any("informes/2021-T4.md" in p and "[codificacion-no-utf8]" in p for p in problems)


# ---------------------------------------------------------------- figures (compute)


def test_what_was_expected_of_the_cuatrienio_by_a_corte():
    # Sopó: 2020 weighs 10 %, 2021 30 %; at 2021-T3, 75 % of 2021 elapsed: 10 + 30 × 0,75 = 32,5 %.
    weights = {2020: 0.1, 2021: 0.3, 2022: 0.3, 2023: 0.3}
    assert esperado_cuatrienio(weights, corte("2021-T3", {})) == pytest.approx(0.325)
    assert esperado_cuatrienio(weights, corte("2020-T4", {})) == pytest.approx(0.1)
    assert esperado_cuatrienio(weights, corte("2023-T4", {})) == pytest.approx(1.0)


def _reprogrammed_plan():
    plan = make_plan({"1": (1, {"1.1": 1, "1.2": 1}), "2": 1},
                     [meta("M1", "1.1", {2021: 1}), meta("M2", "1.2", {2021: 1}), meta("M3", "2", {2021: 1})],
                     cortes={"2021-T3": {}, "2021-T4": {}})
    plan.reprogramaciones = [
        Reprogramacion("M1", "2021-03-10", "meta_cuatrienio", 1, 2, "x"),
        Reprogramacion("M1", "2021-07-01", "programado_2021", 1, 2, "x"),  # the same meta: counted once
        Reprogramacion("M2", "2021-11-02", "programado_2021", 1, 2, "x"),  # after 2021-T3 closed
        Reprogramacion("M3", "2020-12-01", "programado_2021", 1, 2, "x"),  # another vigencia
    ]
    return plan


def test_metas_reprogrammed_in_the_vigencia_up_to_the_corte_by_node():
    plan = _reprogrammed_plan()
    t3, t4 = plan.cortes
    assert reprogramadas_by_node(plan, t3) == {ROOT: 1, "1": 1, "1.1": 1, "1.2": 0, "2": 0}
    assert reprogramadas_by_node(plan, t4) == {ROOT: 2, "1": 2, "1.1": 1, "1.2": 1, "2": 0}


def test_the_dependencias_that_reported_are_those_with_a_row_in_the_corte():
    plan = make_plan({"1": 1}, [meta("M1", "1", {2021: 1}, dependencia="Educación"),
                                meta("M2", "1", {2021: 1}, dependencia="Ambiente"),
                                meta("M3", "1", {2022: 1}, dependencia="Salud")],
                     cortes={"2021-T4": {"M1": 0, "M3": 1}})
    vr = compute_plan(plan).current
    # Salud reported a meta not programmed in 2021: it reported all the same.
    assert [vr.dependencias[k].nombre for k in vr.reportaron] == ["Educación", "Salud"]


# ---------------------------------------------------------------- the page


def _page(plan, pdf=True) -> str:
    results = compute_plan(plan)
    return body(informe_page(results, PlanLayout.of(plan), datetime.date(2022, 1, 20), pdf))


def test_the_conclusions_keep_bold_italic_and_web_links_and_nothing_else():
    plan = _reprogrammed_plan()
    plan.informes = {"2021-T4": "<script>alert(1)</script> **Urgente** y *pronto*.\n\n"
                                "[ver](https://example.org/a) [mal](javascript:void)"}
    page = _page(plan)
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<strong>Urgente</strong>" in page and "<em>pronto</em>" in page
    assert 'href="https://example.org/a"' in page and 'href="javascript' not in page


def test_without_conclusions_or_signature_the_page_says_so_plainly():
    plan = _reprogrammed_plan()
    plan.oficina = "Oficina Asesora de Planeación"
    page = _page(plan, pdf=False)
    assert "Oficina Asesora de Planeación no agregó conclusiones ni recomendaciones para el corte 2021-T4" in page
    assert "Fecha: 20 de enero de 2022" in page
    assert ".pdf" not in page  # no PDF to link
    plan.firma = Firma("Ana Pérez", "Secretaria de Planeación")
    page = _page(plan)
    assert "<strong>Ana Pérez</strong><br>Secretaria de Planeación<br>Oficina Asesora de Planeación" in page
    assert f'href="{informe_pdf_name("prueba", "2021-T4")}"' in page


def test_the_decree_is_cited_only_when_plan_yml_names_it():
    plan = _reprogrammed_plan()
    assert "Ley 152 de 1994" in _page(plan) and "reglamenta" not in _page(plan)
    plan.decreto_seguimiento = "Decreto 0197 del 13 de agosto de 2020"
    assert "lo reglamenta el Decreto 0197 del 13 de agosto de 2020" in _page(plan)


# ---------------------------------------------------------------- end to end: the demo


class Tables(HTMLParser):
    """Every table of a page, by caption: its rows as lists of cell texts."""

    def __init__(self, page: str):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._caption: str | None = None
        self._rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._in_caption = False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._caption, self._rows = "", []
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self._rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th"):
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self.tables[self._caption] = self._rows

    def handle_data(self, data):
        if self._in_caption:
            self._caption += data
        elif self._cell is not None:
            self._cell.append(data)


def _pct(text: str) -> float | None:
    return None if text in ("", "—") else float(text.removesuffix(" %").replace(".", "").replace(",", "."))


def _table(tables: Tables, start: str) -> list[list[str]]:
    return next(rows for caption, rows in tables.tables.items() if caption.startswith(start))


@pytest.fixture(scope="module")
def sopo():
    plans, problems = load_data(REPO / "data" / "sopo")
    assert not problems.has_errors
    return plans[0]


@pytest.fixture(scope="module")
def pdf_pages(demo_site) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("falta pdftotext (apt-get install poppler-utils)")
    pdf = demo_site / "sopo" / "informe" / informe_pdf_name("sopo", "2021-T3")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


@pytest.mark.slow
def test_the_report_page_links_its_pdf_and_shows_each_escenario_as_the_open_data_does(demo_site, sopo):
    page = (demo_site / "sopo" / "informe" / "index.html").read_text(encoding="utf-8")
    assert f'href="{informe_pdf_name("sopo", "2021-T3")}"' in page
    rows = {row[0]: row for row in _table(Tables(page), "Resultados al 30 de septiembre de 2021")}
    with open(demo_site / "datos" / "sopo" / "niveles.csv", encoding="utf-8") as f:
        published = {r["codigo"]: r for r in csv.DictReader(f) if r["vigencia"] == "2021"}
    assert rows["Lo esperado al corte"][1] == "75,0 %" and rows["Lo esperado al corte"][4] == "32,5 %"
    for root in sopo.roots:
        label, cumplimiento, ritmo, _, _, frente_meta = rows[f"{root.codigo}. {root.nombre}"]
        csv_row = published[root.codigo]
        assert _pct(cumplimiento) == pytest.approx(float(csv_row["cumplimiento"]), abs=0.05)
        assert _pct(ritmo) == pytest.approx(float(csv_row["ritmo"]), abs=0.05)
        assert _pct(frente_meta) == pytest.approx(float(csv_row["avance_cuatrienio"]), abs=0.05)
    # The first escenario by hand (demo data, Sopó's real counts): 228 metas, 216 programmed
    # for 2021, 22 of them without progress (10,2 %), 2 reprogrammed in 2021 (0,9 %).
    shares = {row[0]: row[1:] for row in _table(Tables(page), "Escenario de cambio 1: metas sin avance")}
    assert shares["Sin avance al corte"] == ["22", "10,2 % de las programadas"]
    assert shares["Reprogramadas en 2021 hasta el corte"] == ["2", "0,9 % de sus metas"]


@pytest.mark.slow
def test_the_structure_table_counts_the_plans_metas(demo_site, sopo):
    page = (demo_site / "sopo" / "informe" / "index.html").read_text(encoding="utf-8")
    rows = _table(Tables(page), "Estructura del plan")[1:]
    under: dict[str, int] = {}
    for m in sopo.metas.values():
        node = sopo.node(m.codigo_padre)
        while node is not None:
            under[node.codigo] = under.get(node.codigo, 0) + 1
            node = sopo.node(node.codigo_padre) if node.codigo_padre else None
    assert {code: int(metas) for code, _, _, metas in rows[:-1]} == under
    assert rows[-1][0] == "Total" and rows[-1][3] == "477"
    assert rows[-1][1] == "4 escenarios de cambio, 22 prospectivas, 67 escenarios de apuesta y 477 metas"


@pytest.mark.slow
def test_the_pdf_is_a4_with_a_page_per_escenario_and_the_same_figures(demo_site, sopo, pdf_pages):
    info = subprocess.run(["pdfinfo", str(demo_site / "sopo" / "informe" / informe_pdf_name("sopo", "2021-T3"))],
                          capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    starts = []
    for root in sopo.roots:
        heading = f"Escenario de cambio {root.codigo}: "
        pages = [i for i, text in enumerate(pdf_pages) if heading + root.nombre.split()[0] in text]
        assert pages, heading
        starts.append(pages[0])
    assert starts == sorted(set(starts)) and len(starts) == 4  # each on its own page, in order
    page = (demo_site / "sopo" / "informe" / "index.html").read_text(encoding="utf-8")
    rows = {row[0]: row for row in _table(Tables(page), "Resultados al 30 de septiembre de 2021")}
    for root, start in zip(sopo.roots, starts):
        cumplimiento = rows[f"{root.codigo}. {root.nombre}"][1]
        assert cumplimiento in pdf_pages[start]
    whole = "".join(pdf_pages)
    assert "Ley 152 de 1994" in whole and "Decreto 0197 del 13 de agosto de 2020" in whole
    assert "Nombre de quien firma (demostración)" in whole
    assert "Sin una gestión adecuada de los recursos" in whole  # informes/2021-T3.md


@pytest.mark.slow
def test_without_chromium_the_build_succeeds_and_says_how_to_get_the_pdf(data, tmp_path, monkeypatch, capsys):
    """The mini plan has no firma, no decreto and no informes/ either."""
    monkeypatch.setattr(build, "find_chromium", lambda: None)
    site = tmp_path / "site"
    assert cli.main(["build", "--data", str(data), "--site", str(site)]) == 0
    assert NO_CHROMIUM in capsys.readouterr().out
    folder = next(site.glob("*/informe"))
    assert list(folder.glob("*.pdf")) == []
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert ".pdf" not in page and "no agregó conclusiones" in page


def test_the_report_folder_is_reserved_for_node_slugs():
    plan = make_plan({"informe": 1}, [meta("M1", "informe", {2021: 1})])
    assert PlanLayout.of(plan).slugs["informe"] != "informe"



@pytest.mark.slow
def test_a_chromium_that_fails_stops_the_build_and_keeps_the_previous_site(data, old_site, tmp_path, monkeypatch,
                                                                             capsys):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'no hay pantalla' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(build, "find_chromium", lambda: str(fake))
    before = sorted(p.name for p in old_site.iterdir())
    assert cli.main(["build", "--data", str(data), "--site", str(old_site)]) == 2
    err = capsys.readouterr().err
    assert "Chromium no pudo imprimir informe-" in err and "no hay pantalla" in err and "Traceback" not in err
    assert sorted(p.name for p in old_site.iterdir()) == before


def test_the_pdf_dates_become_the_publication_date_without_moving_a_byte(tmp_path):
    pdf = tmp_path / "a.pdf"
    original = (b"%PDF-1.4\n1 0 obj\n<</Producer (Skia/PDF m156)\n/CreationDate (D:20261207002458+00'00')\n"
                b"/ModDate (D:20261207002459+00'00')>>\nendobj\nxref\n")
    pdf.write_bytes(original)
    stamp_dates(pdf, datetime.date(2021, 10, 15))
    stamped = pdf.read_bytes()
    assert len(stamped) == len(original)
    assert stamped == original.replace(b"20261207002458", b"20211015000000").replace(b"20261207002459", b"20211015000000")


@pytest.mark.slow
def test_an_interrupted_build_leaves_no_chromium_running(data, tmp_path, monkeypatch):
    pid_file = tmp_path / "pid"
    fake = tmp_path / "chromium"
    fake.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 60\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(build, "find_chromium", lambda: str(fake))

    def interrupted(site):
        while not pid_file.exists():  # Chromium is printing
            time.sleep(0.05)
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "write_compressed_copies", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build.build_site(data, tmp_path / "site")
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)


def test_a_chromium_that_never_answers_is_given_up_on_with_one_sentence(tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexec sleep 60\n", encoding="utf-8")
    fake.chmod(0o755)
    printer = Printer(str(fake), tmp_path / "perfil")
    job = PrintJob(tmp_path / "index.html", tmp_path / "informe-x-2021-T3.pdf")
    try:
        with pytest.raises(PdfError, match=r"^Chromium no terminó de imprimir informe-x-2021-T3\.pdf en 0 segundos"):
            printer.print_pdfs([job], datetime.date(2021, 10, 15), timeout=0.3)
    finally:
        printer.close()
    assert printer._proc.returncode is not None and not job.pdf.exists()


def test_closing_a_printer_ends_the_browsers_helpers_too(tmp_path):
    """Chromium's helpers (its zygote, renderers, GPU process) outlived the browser for
    a moment and wrote into its profile after the build had removed the work folder."""
    helper = tmp_path / "helper"
    fake = tmp_path / "chromium"
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {helper}.tmp\nmv {helper}.tmp {helper}\nexec sleep 60\n",
                    encoding="utf-8")
    fake.chmod(0o755)
    printer = Printer(str(fake), tmp_path / "perfil")
    try:
        deadline = time.monotonic() + 30
        while not helper.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        pid = int(helper.read_text())
        assert running(pid)
    finally:
        printer.close()
    assert not running(pid)


def running(pid: int) -> bool:
    """Whether the process runs: neither ended nor dead and waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except FileNotFoundError:
        return False
    return stat[stat.rindex(b")") + 2:].split()[0] != b"Z"


def test_the_pdf_tags_node_numbers_become_their_rank_without_moving_a_byte():
    first = b"<</ID (node00000208)>>\n<</ID (node00000215)>>\n[(node00000208) 3 0 R (node00000215) 4 0 R]"
    second = first.replace(b"00000208", b"00000209").replace(b"00000215", b"00000216")
    assert renumber_nodes(first) == renumber_nodes(second)
    assert renumber_nodes(first) == first.replace(b"00000208", b"00000001").replace(b"00000215", b"00000002")
    assert len(renumber_nodes(first)) == len(first)
