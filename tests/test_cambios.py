"""What changed between cortes: counts checked by hand on a tiny plan, the page, the
`cambios` open-data table.

One node, four metas of equal weight (peso 1 each), so each dependencia's cumplimiento is
the plain mean of its programmed metas'. Rangos: Sobresaliente from 81, Aceptable from
56, Bajo from 0, judged on the ritmo (cumplimiento ÷ esperado, capped at 1).

            dep.    P 2021 P 2022  2021-T2 (50 %)           2021-T3 (75 %)              2022-T1 (25 %)
  M1        Salud   10     10      E 5: 50 %, en avance      E 6: 60 % < 75, rezagada    E 3: 30 % ≥ 25, en avance
  M2        Salud   10     -       sin reporte, rezagada     E 10: cumplida              no programada
  M3        Obras   10     -       E 0: sin avance, rezag.   E 0: sin avance, rezagada   no programada
  M4        Obras   10     -       E 8: 80 %, en avance      E 8: 80 % ≥ 75, en avance   no programada

Salud:  T2 (0,5 + 0) / 2 = 0,25, ritmo 0,25 / 0,5 = 50 %  -> Bajo
        T3 (0,6 + 1) / 2 = 0,8,  ritmo 0,8 / 0,75 > 1 -> 100 % -> Sobresaliente (mejoró)
        2022-T1 0,3, ritmo 0,3 / 0,25 -> 100 % -> Sobresaliente (igual)
Obras:  T2 (0 + 0,8) / 2 = 0,4,  ritmo 0,4 / 0,5 = 80 % -> Aceptable
        T3 0,4, ritmo 0,4 / 0,75 = 53,3 % -> Bajo (bajó)
        2022-T1 nothing programmed: not compared.

2021-T2 -> 2021-T3: estado changed: M2 (sin reporte -> cumplida); nueva rezagada: M1;
recuperada: M2; mejoró: Salud; bajó: Obras; reprogramaciones dated 2021-07-01 and
2021-09-30 (2021-06-30 is T2's own day).
2021-T3 -> 2022-T1 (a new vigencia): estado changed: M2, M3, M4 (-> no programada); no new
rezagada; recuperada: M1 only (M3 stopped being programmed: it did not catch up);
no dependencia moved; reprogramación dated 2021-10-01.
"""

from __future__ import annotations

import csv
import re
from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe

from generator.compute.plan import compute_plan
from generator.model import Reprogramacion
from generator.render.layout import PlanLayout
from generator.render.pages.cambios import cambios_page
from generator.write.opendata import cambios_rows
from tests.helpers import assert_clean
from tests.plan_factory import make_plan, meta


def _reprogramacion(codigo: str, fecha: str) -> Reprogramacion:
    return Reprogramacion(codigo, fecha, "programado_2021", 10.0, 12.0, "Ajuste <b>de prueba</b>")


def small_plan():
    return make_plan(
        tree={"1": 1},
        metas=[
            meta("M1", "1", {2021: 10, 2022: 10}, dependencia="Salud"),
            meta("M2", "1", {2021: 10}, dependencia="Salud"),
            meta("M3", "1", {2021: 10}, dependencia="Obras"),
            meta("M4", "1", {2021: 10}, dependencia="Obras"),
        ],
        cortes={
            "2021-T2": {"M1": 5, "M3": 0, "M4": 8},
            "2021-T3": {"M1": 6, "M2": 10, "M3": 0, "M4": 8},
            "2022-T1": {"M1": 3},
        },
        reprogramaciones=[_reprogramacion("M1", f) for f in ("2021-06-30", "2021-07-01", "2021-09-30", "2021-10-01")],
    )


def test_changes_between_cortes_counted_by_hand():
    results = compute_plan(small_plan())
    first, second = results.cambios
    assert (first.anterior, first.corte, first.nueva_vigencia) == ("2021-T2", "2021-T3", False)
    assert [(a.codigo, a.estado, b.estado) for a, b in first.estados] == [("M2", "sin reporte", "cumplida")]
    assert first.nuevas_rezagadas == ("M1",)
    assert first.recuperadas == ("M2",)
    assert [(a.nombre, a.rango, b.rango) for a, b in first.mejoraron] == [("Salud", "Bajo", "Sobresaliente")]
    assert [(a.nombre, a.rango, b.rango) for a, b in first.bajaron] == [("Obras", "Aceptable", "Bajo")]
    assert [r.fecha for r in first.reprogramaciones] == ["2021-07-01", "2021-09-30"]

    assert (second.anterior, second.corte, second.nueva_vigencia) == ("2021-T3", "2022-T1", True)
    assert [(a.codigo, b.estado) for a, b in second.estados] == [
        ("M2", "no programada"), ("M3", "no programada"), ("M4", "no programada")]
    assert second.nuevas_rezagadas == ()
    assert second.recuperadas == ("M1",)
    assert second.mejoraron == second.bajaron == ()
    assert [r.fecha for r in second.reprogramaciones] == ["2021-10-01"]


def test_a_single_corte_has_no_changes():
    plan = make_plan(tree={"1": 1}, metas=[meta("M1", "1", {2021: 10})], cortes={"2021-T2": {"M1": 5}})
    assert compute_plan(plan).cambios == ()


def test_the_changes_page_counts_first_then_lists():
    results = compute_plan(small_plan())
    page = cambios_page(results, PlanLayout.of(results.plan), results.cambios[0])
    counts = page.index("1 meta cambió de estado, 1 nueva rezagada, 1 recuperada, 1 dependencia subió de rango, "
                        "1 dependencia bajó de rango, 2 reprogramaciones")
    assert counts < page.index("## Metas que cambiaron de estado") < page.index("## Nuevas rezagadas")
    assert "Ajuste &lt;b&gt;de prueba&lt;/b&gt;" in page and "<b>de prueba" not in page  # data escaped
    assert "abre la vigencia" not in page
    assert "Qué cambió al corte 2022-T1 →" in page  # the next corte's changes
    assert '<a href="../../cortes/2021-T2/">Corte 2021-T2 completo</a>' in page  # both cortes, as they stood
    opening = cambios_page(results, PlanLayout.of(results.plan), results.cambios[1])
    assert "Este corte abre la vigencia 2022" in opening and "← Qué cambió al corte 2021-T3" in opening


def test_cambios_open_data_rows():
    rows = cambios_rows(compute_plan(small_plan()))
    assert [(r["corte"], r["cambio"], r["codigo_meta"] or r["dependencia"], r["antes"], r["despues"]) for r in rows] == [
        ("2021-T3", "estado", "M2", "sin reporte", "cumplida"),
        ("2021-T3", "nueva rezagada", "M1", "en avance", "en avance"),
        ("2021-T3", "recuperada", "M2", "sin reporte", "cumplida"),
        ("2021-T3", "dependencia subió", "Salud", "Bajo", "Sobresaliente"),
        ("2021-T3", "dependencia bajó", "Obras", "Aceptable", "Bajo"),
        ("2022-T1", "estado", "M2", "cumplida", "no programada"),
        ("2022-T1", "estado", "M3", "sin avance", "no programada"),
        ("2022-T1", "estado", "M4", "en avance", "no programada"),
        ("2022-T1", "recuperada", "M1", "en avance", "en avance"),
    ]


def test_demo_changes_pages_agree_with_the_open_data(demo_site):
    """Every corte but the first has its page; the latest is linked from the plan page and
    the nav; each page's counts are the rows of `cambios.csv` for that corte."""
    with open(demo_site / "datos" / "sopo" / "cambios.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    cortes = sorted({r["corte"] for r in rows})
    assert cortes == ["2020-T4", "2021-T1", "2021-T2", "2021-T3"]
    assert sorted(p.name for p in (demo_site / "sopo" / "cambios").iterdir()) == cortes
    for corte in cortes:
        page = (demo_site / "sopo" / "cambios" / corte / "index.html").read_text(encoding="utf-8")
        n = Counter(r["cambio"] for r in rows if r["corte"] == corte)
        line = re.search(r'<p class="conteo-cambios">(.*?)</p>', page)[1]
        for cambio, words in (("estado", "de estado"), ("nueva rezagada", "nueva"), ("recuperada", "recuperada"),
                              ("dependencia subió", "subi"), ("dependencia bajó", "baj")):
            assert re.search(rf"\b{n[cambio]} [^,]*{words}", line), (corte, cambio, line)
    home = (demo_site / "sopo" / "index.html").read_text(encoding="utf-8")
    assert '<a href="cambios/2021-T3/">Qué cambió</a>' in home  # the plan page leads to the latest
    assert '<a href="cambios/2021-T3/" class="md-nav__link">' in home  # so does the nav («Qué cambió», latest first)


@pytest.mark.browser
def test_changes_page_in_the_browser(watch):
    """From the plan page to the latest changes, and back one corte, with instant
    navigation; nothing errs, the tables are there, axe finds nothing serious."""
    page = watch.open("/sopo/")
    page.locator("article a", has_text="Qué cambió").click()
    page.wait_for_url(lambda url: "/sopo/cambios/2021-T3/" in url)  # may land on an anchor
    page.locator("h1", has_text="Qué cambió al corte 2021-T3").wait_for()  # the URL changes before the content
    assert page.locator(".conteo-cambios").inner_text().startswith("Desde el corte 2021-T2")
    assert page.locator("article table").count() == 6  # estados, nuevas, recuperadas, subieron, bajaron, ajustes
    serious = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    page.locator(".cortes-vecinos a", has_text="Qué cambió al corte 2021-T2").click()
    page.wait_for_url(lambda url: "/sopo/cambios/2021-T2/" in url)
    page.locator("h1", has_text="Qué cambió al corte 2021-T2").wait_for()  # the URL changes before the content
    assert_clean(watch)
