"""The archive of cortes (issue 12): every corte of the plan at a stable URL, as it stood
at that corte, with its figures, alerts and a zip of its open data; a notice on every
earlier corte's page that links to the current one."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest

from generator.compute.cambios import reprogramaciones_between
from generator.compute.plan import compute_plan, plan_at
from generator.load import load_data
from generator.model import ROOT
from generator.render.text import fmt_pct

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sopo():
    plans, problems = load_data(REPO / "data")
    assert not problems.has_errors
    return compute_plan(next(p for p in plans if p.slug == "sopo"))


def test_each_earlier_corte_has_its_results_as_they_stood(sopo):
    cortes = [vr.corte for vr in sopo.history]
    assert cortes == ["2020-T3", "2020-T4", "2021-T1", "2021-T2", "2021-T3"]
    assert list(sopo.archivo) == cortes[:-1]  # the latest corte's results are the plan's own
    assert sopo.at("2021-T3") is sopo
    for vr in sopo.history[:-1]:
        past = sopo.at(vr.corte)
        assert past.current.corte == vr.corte
        assert past.current.nodes[ROOT].cumplimiento == vr.nodes[ROOT].cumplimiento
        assert [h.corte for h in past.history] == cortes[:cortes.index(vr.corte) + 1]
    # At 2021-T2 the plan had two vigencias with data, 2020 at its last corte.
    assert sorted(sopo.at("2021-T2").vigencias) == [2020, 2021]
    assert sopo.at("2021-T2").vigencias[2020].corte == "2020-T4"
    # The four-year figure grows as cortes add progress: as it stood, not as it is now.
    assert sopo.at("2020-T3").frente_meta[ROOT] < sopo.at("2021-T2").frente_meta[ROOT] < sopo.frente_meta[ROOT]


def test_reprogramaciones_after_a_corte_are_the_ones_dated_after_it_closed(sopo):
    plan = sopo.plan
    fechas = sorted(r.fecha for r in plan.reprogramaciones)
    assert fechas == ["2021-03-10", "2021-03-18", "2021-07-20", "2021-07-20", "2021-07-25", "2021-07-30"]
    assert len(reprogramaciones_between(plan, "2020-T4")) == 6
    assert [r.fecha for r in reprogramaciones_between(plan, "2021-T1")] == fechas[2:]  # 31 March closes T1
    assert len(reprogramaciones_between(plan, "2021-T2")) == 4
    assert reprogramaciones_between(plan, "2021-T3") == ()
    assert sopo.at("2021-T2").reprogramaciones_despues == reprogramaciones_between(plan, "2021-T2")
    corte = {c.id: c for c in plan.cortes}
    assert [c.id for c in plan_at(plan, corte["2021-T1"]).cortes] == ["2020-T3", "2020-T4", "2021-T1"]


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.slow
def test_a_page_per_corte_with_the_figures_of_historial(demo_site):
    historial = _csv((demo_site / "datos" / "sopo" / "historial.csv").read_text(encoding="utf-8"))
    plan_rows = {row["corte"]: row for row in historial if row["nivel"] == "plan"}
    assert len(plan_rows) == 5
    index = (demo_site / "sopo" / "cortes" / "index.html").read_text(encoding="utf-8")
    for corte, row in plan_rows.items():
        page = (demo_site / "sopo" / "cortes" / corte / "index.html").read_text(encoding="utf-8")
        shown = fmt_pct(float(row["cumplimiento"]) / 100)
        assert f"Cumple el {shown} de lo programado" in _text(page), corte
        assert f'href="{corte}/"' in index
        report = "informe/" if corte != "2021-T3" else "../../informe/"  # the latest's has its PDF
        assert f'<a href="{report}">Informe al concejo de este corte</a>' in page
        assert f"(informe {corte})" in re.search(r'<footer class="pie-pagina">.*?</footer>', page, re.S).group(0)
        if corte != "2021-T3":
            informe = (demo_site / "sopo" / "cortes" / corte / "informe" / "index.html").read_text(encoding="utf-8")
            assert f"informe {corte}" in informe and "Guardar como PDF" in informe
            assert f"(informe {corte})" in re.search(r'<footer class="pie-pagina">.*?</footer>', informe, re.S).group(0)
        if corte != "2020-T3":  # the first corte has no earlier one to compare with
            assert f'<a href="../../cambios/{corte}/">Qué cambió desde el corte anterior</a>' in page
        if corte == "2021-T3":
            assert "Corte anterior" not in page
        else:
            notice = re.search(r'<p class="aviso-archivo">(.*?)</p>', page, re.S).group(1)
            assert "El corte más reciente es el 2021-T3" in notice
            assert 'href="../../"' in notice  # the plan's page, where the current corte is


@pytest.mark.slow
def test_each_earlier_corte_has_a_zip_of_its_open_data(demo_site):
    historial = _csv((demo_site / "datos" / "sopo" / "historial.csv").read_text(encoding="utf-8"))
    at_t2 = {row["codigo"]: row["cumplimiento"] for row in historial if row["corte"] == "2021-T2"}
    archive = demo_site / "datos" / "sopo" / "cortes" / "datos-sopo-2021-T2.zip"
    with zipfile.ZipFile(archive) as z:
        assert "datapackage.json" in z.namelist()
        niveles = _csv(z.read("niveles.csv").decode("utf-8"))
        historial_then = _csv(z.read("historial.csv").decode("utf-8"))
    assert {row["corte"] for row in niveles} == {"2020-T4", "2021-T2"}
    assert {row["corte"] for row in historial_then} == {"2020-T3", "2020-T4", "2021-T1", "2021-T2"}
    for row in niveles:
        if row["corte"] == "2021-T2":
            assert row["cumplimiento"] == at_t2[row["codigo"]], row["codigo"]
    page = (demo_site / "sopo" / "cortes" / "2021-T2" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../datos/sopo/cortes/datos-sopo-2021-T2.zip"' in page
    assert "Ajustes aprobados después de este corte" in page
