"""The planning office's quarter on the site: evolution by corte, alerts, dependencias,
money and reprogramming, on a small plan checked by hand (no MkDocs here)."""

from __future__ import annotations

import datetime
import html
import json
import re
from dataclasses import replace

import pytest

from generator.compute.plan import compute_plan
from generator.model import ROOT, Corte, Reporte, Reprogramacion
from generator.render.site import write_docs
from generator.results import FinanceResult, Money, PlanResults
from generator.write.alerts_xlsx import alert_files, write_alert_workbooks
from tests.helpers import Charts, body
from tests.plan_factory import make_plan, meta
from tests.render_sample import sample_plan

PUBLISHED = datetime.date(2021, 7, 15)
HOSTILE = "<img src=x onerror=alert(1)> **x** [y](javascript:alert(2))"


def quarter_plan(dependencia_ambiente="Secretaría de Ambiente", reprogramar=True):
    """sample_plan with a 2021-T1 corte before its 2021-T2 one; M4 belongs to another
    dependencia and M5 to none.

    2021-T1 (25 % of the year expected): M1 2/10 = 20 % atrasada, M2 and M4 sin reporte.
    2021-T2 (50 %): M1 10/10 cumplida, M2 4/20 = 20 % atrasada, M4 sin reporte.
    Secretaría de Educación (M1, M2 programmed, same weight): (100 + 20) / 2 = 60 %.
    """
    plan = sample_plan()
    plan.cortes.insert(0, Corte("2021-T1", 2021, 1, reportes={"M1": Reporte("M1", 2021, 2.0)}))
    plan.metas["M4"].dependencia = dependencia_ambiente
    plan.metas["M5"].dependencia = ""
    if reprogramar:
        plan.reprogramaciones = [Reprogramacion(
            "M2", "2021-03-01", "programado_2021", 25.0, 20.0, "Menos demanda " + HOSTILE, "Decreto 7 de 2021")]
        plan.metas["M2"].original = {"programado_2021": 25.0}
    return plan


DEPENDENCIA_MONEY = {"Secretaría de Educación": Money(800e6, 500e6, 400e6)}
FINANZAS = FinanceResult(
    entries=(),
    by_node={ROOT: Money(1000e6, 600e6, 400e6), "1": Money(1000e6, 600e6, 400e6), "1.1": Money(800e6, 500e6, 400e6),
             "1.2": Money(200e6, 100e6, 0e6), "2": Money(), "2.1": Money()},
    by_meta={"M1": Money(800e6, 500e6, 400e6), "M4": Money(200e6, 100e6, 0e6)},
    by_fuente={"SGP": Money(1000e6, 600e6, 400e6)},
    by_sector={},
    by_territorio={"Rural " + HOSTILE: Money(1000e6, 600e6, 400e6)},
)


def with_money(results: PlanResults) -> PlanResults:
    """The same results with money at the current corte (built by hand)."""
    current = results.current
    deps = {key: replace(d, dinero=DEPENDENCIA_MONEY.get(d.nombre, Money()))
            for key, d in current.dependencias.items()}
    money = replace(current, finanzas=FINANZAS, dependencias=deps)
    results.vigencias[money.vigencia] = money
    results.history[-1] = money
    return results


@pytest.fixture
def site(tmp_path):
    results = with_money(compute_plan(quarter_plan()))
    nav = write_docs([results], tmp_path, published=PUBLISHED)
    return tmp_path, nav, results


def page(root, path: str) -> str:
    return body((root / path).read_text(encoding="utf-8"))


def text_of(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", rendered))


def figures(rendered: str) -> dict[str, dict]:
    parser = Charts()
    parser.feed(rendered)
    return {k: json.loads(v) for k, v in parser.figures.items()}


def test_pages_and_nav(site):
    root, nav, results = site
    (cambios,) = results.cambios  # two cortes: the latest against the first
    for path in ("alertas", "alertas/acumulada", "dependencias", "dependencias/secretaria-de-educacion",
                 "dependencias/secretaria-de-ambiente", "inversion", "reprogramaciones", "informe", f"cambios/{cambios.corte}"):
        assert (root / "prueba" / path / "index.md").is_file(), path
    entries = nav[1]["Plan de prueba"]
    assert entries[-8:] == [
        {"Alertas": ["prueba/alertas/index.md", {"Matriz acumulada": "prueba/alertas/acumulada/index.md"}]},
        {"Dependencias": ["prueba/dependencias/index.md",
                          {"Secretaría de Ambiente": "prueba/dependencias/secretaria-de-ambiente/index.md"},
                          {"Secretaría de Educación": "prueba/dependencias/secretaria-de-educacion/index.md"}]},
        {"Inversión": "prueba/inversion/index.md"},
        {"Reprogramaciones": "prueba/reprogramaciones/index.md"},
        {"Cortes publicados": ["prueba/cortes/index.md", {"Corte 2021-T2": "prueba/cortes/2021-T2/index.md"},
                               {"Corte 2021-T1": ["prueba/cortes/2021-T1/index.md", {
                                   "Informe al concejo": "prueba/cortes/2021-T1/informe/index.md"}]}]},
        {"Qué cambió": [{f"Al corte {cambios.corte}": f"prueba/cambios/{cambios.corte}/index.md"}]},
        {"Informe al concejo": "prueba/informe/index.md"},
        {"Datos abiertos": "prueba/datos.md"},
    ]
    home = page(root, "prueba/index.md")
    for link in ("alertas/", "dependencias/", "inversion/", "reprogramaciones/", "cortes/", "informe/",
                 f"cambios/{cambios.corte}/"):
        assert f'href="{link}"' in home or f'href="{link}index.md"' in home


def test_evolution_on_plan_and_node_pages(site):
    root, _, results = site
    home = page(root, "prueba/index.md")
    fig = figures(home)["fig-prueba-plan-evolucion"]
    assert fig["data"][0]["x"] == ["2021-T1", "2021-T2"]
    # 2021 weighs 50 points of the plan: at T1 línea 1 (60 %) is at (10 + 0) / 2 = 5 %, at T2 at 30 %
    assert fig["data"][1]["text"] == ["2,50", "15,00"]
    assert (fig["data"][2]["name"], fig["data"][2]["y"]) == ("Lo esperado al corte", [25.0, 50.0])
    # Against the metas del cuatrienio (1.000 each, W 0.15 for M1 and M2): at T1 M1 has 2 of 1.000,
    # 0.15 x 0.2 % = 0.03 %; at T2 M1 10 and M2 4: 0.15 x (1 % + 0.4 %) = 0.21 %, one line, never restarting.
    cuatrienio = next(t for t in fig["data"] if t["name"] == "Frente a las metas del cuatrienio")
    assert cuatrienio["y"] == [0.0, 0.2]
    # rango in words, judged on the pace: 5 % of the 25 % expected at T1 is 20 % (Bajo); 30 % of
    # the 50 % expected at T2 is 60 % (Aceptable)
    assert fig["layout"]["xaxis"]["ticktext"] == ["2021-T1<br>Bajo", "2021-T2<br>Aceptable"]
    table = text_of(home)
    assert "Resultado del plan en cada corte" in table and "31 de marzo de 2021" in table
    for codigo, slug in (("1", "1"), ("1.1", "1-1"), ("2.1", "2-1")):
        assert f"fig-prueba-{slug}-evolucion" in figures(page(root, f"prueba/{slug}/index.md")), codigo


def test_leaf_page_shows_each_meta_at_every_corte(site):
    root, _, _ = site
    leaf = page(root, "prueba/1-1/index.md")
    start = leaf.index("Metas del programa 1.1 en cada corte")
    table = text_of(leaf[start:leaf.index("</table>", start)])
    assert "2021-T1" in table and "2021-T2" in table
    assert re.search(r"M1 .*20,0 %\s+2 / 10\s+en avance\s+100,0 %\s+10 / 10\s+cumplida", table)
    assert re.search(r"M2 .*sin reporte.*20,0 %\s+4 / 20\s+en avance", table)
    fig = figures(leaf)["fig-prueba-1-1-metas-por-corte"]
    lines = {trace["name"]: trace for trace in fig["data"]}
    assert lines.pop("Lo esperado al corte")["y"] == [25.0, 50.0]  # the yardstick, at T1 and T2
    assert lines["M1"]["x"] == ["2021-T1", "2021-T2"]
    assert lines["M1"]["y"] == [20.0, 100.0]
    assert lines["M2"]["y"] == [0.0, 20.0]  # sin reporte at T1 counts as 0
    assert len({trace["marker"]["symbol"] for trace in lines.values()}) == len(lines)  # not colour alone


def test_one_corte_gives_a_sentence_not_a_chart(tmp_path):
    write_docs([compute_plan(sample_plan())], tmp_path, published=PUBLISHED)
    home = page(tmp_path, "prueba/index.md")
    assert "Hay un solo corte publicado" in home
    assert "fig-prueba-plan-evolucion" not in home
    assert "en cada corte" not in page(tmp_path, "prueba/1-1/index.md")


def test_alerts_matrix_list_and_workbooks(site, tmp_path):
    root, _, results = site
    alerts = page(root, "prueba/alertas/index.md")
    text = text_of(alerts)
    assert "se esperaba al menos el 50 %" in text
    start = alerts.index("<caption>Metas por situación")
    rows = [text_of(r).split() for r in re.findall(r"<tr>(.*?)</tr>", alerts[start:alerts.index("</table>", start)])]
    # Programadas, Sin reporte, Sin avance, No iniciadas, Atrasadas, Rezagadas, Sobreejecutadas, Cumplidas
    assert rows[1][-8:] == ["1", "1", "0", "1", "0", "1", "0", "0"]  # Ambiente: M4 sin reporte
    assert rows[2][-8:] == ["2", "0", "0", "0", "1", "1", "0", "1"]  # Educación: M2 atrasada, M1 cumplida
    assert rows[3][-8:] == ["3", "1", "0", "1", "1", "2", "0", "1"]  # all of them
    # The answer first, in one sentence, from the same counts; then the table, then the chart.
    assert ("Al 30 de junio de 2021, 2 de las 3 metas programadas para 2021 están rezagadas: "
            "1 sin iniciar y 1 atrasadas.") in text
    assert alerts.index('class="veredicto"') < alerts.index("Cada trimestre la oficina") < start
    assert start < alerts.index("fig-prueba-alertas-dependencias")
    fig = figures(alerts)["fig-prueba-alertas-dependencias"]
    assert [t["name"] for t in fig["data"]] == ["No iniciadas", "Atrasadas", "Sobreejecutadas"]
    assert fig["data"][0]["x"] == [1, 0] and fig["data"][1]["x"] == [0, 1]
    listed = alerts[alerts.index("2 metas rezagadas"):]
    listed = text_of(listed[:listed.index("</table>")])
    assert re.search(r"M2 .*Secretaría de Educación\s+20\s+4\s+20,0 %\s+50,0 %\s+en avance", listed)
    assert re.search(r"M4 .*Secretaría de Ambiente\s+5\s+—\s+0,0 %\s+50,0 %\s+sin reporte", listed)
    names = [f.name for f in alert_files(results)]
    assert names == ["prueba-2021-T2-alertas.xlsx", "prueba-2021-T2-alertas-secretaria-de-ambiente.xlsx",
                     "prueba-2021-T2-alertas-secretaria-de-educacion.xlsx"]
    for name in names:
        assert f'href="../../datos/prueba/alertas/{name}"' in alerts
    written = write_alert_workbooks(results, tmp_path / "alertas")
    assert [p.name for p in written] == names


def test_accumulated_matrix_counts_cortes_behind(site):
    root, _, _ = site
    text = text_of(page(root, "prueba/alertas/acumulada/index.md"))
    order = [m.group(1) for m in re.finditer(r"(M\d)\s+Meta", text)]
    assert order == ["M2", "M4", "M1"]  # 2 cortes, 2 cortes, then 1
    assert re.search(r"M2 .*2 de 2\s+2021-T1, 2021-T2\s+en avance", text)
    assert re.search(r"M1 .*1 de 2\s+2021-T1\s+cumplida", text)


def test_dependencia_pages(site):
    root, _, _ = site
    comparison = page(root, "prueba/dependencias/index.md")
    figs = figures(comparison)
    bars = figs["fig-prueba-dependencias-cumplimiento"]["data"][0]
    # Highest cumplimiento first: 60 % at T2 is above the 50 % expected.
    assert bars["y"] == ["Secretaría de Educación", "Secretaría de Ambiente"]
    assert bars["text"] == ["60,0 %<br>Sobresaliente", "0,0 %<br>Bajo"]
    money = figs["fig-prueba-dependencias-financiera"]["data"]
    # In the same order, by result: Educación paid 400 of 800; Ambiente had no money programmed.
    assert money[1]["text"] == ["50,0 %", "sin dato"]
    assert "Ejecución financiera" in comparison and "$ 800.000.000" in comparison
    educacion = text_of(page(root, "prueba/dependencias/secretaria-de-educacion/index.md"))
    assert "60,0 %" in educacion and "Sobresaliente" in educacion  # on pace at T2
    assert "sus metas frente a su meta del cuatrienio" in educacion
    assert "va al 100,0 % de lo esperado" in educacion
    assert "$ 400,0 millones" in educacion and "50,0 %" in educacion
    assert "1 meta rezagada" in educacion and "prueba-2021-T2-alertas-secretaria-de-educacion.xlsx" in \
        page(root, "prueba/dependencias/secretaria-de-educacion/index.md")
    assert "Meta M3" in educacion  # every meta it has, programmed or not


def test_money_on_plan_node_and_inversion_pages(site):
    root, _, _ = site
    home = page(root, "prueba/index.md")
    text = text_of(home)
    assert "$ 1.000,0 millones" in text and "$ 600,0 millones" in text and "40,0 %" in text  # cards
    assert "$ 1.000.000.000" in text and "$ 400.000.000" in text  # table
    fin = figures(home)["fig-prueba-plan-financiera"]["data"]
    assert [t["name"] for t in fin] == ["Cumplimiento físico", "Ejecución financiera"]
    leaf = figures(page(root, "prueba/1-2/index.md"))["fig-prueba-1-2-financiera"]["data"]
    assert leaf[0]["y"] == ["M3 Meta M3", "M4 Meta M4"] and leaf[1]["text"] == ["sin dato", "0,0 %"]
    inversion = page(root, "prueba/inversion/index.md")
    text = text_of(inversion)
    assert "Ley 1909 de 2018" in text
    assert "Recursos por fuente" in text and "SGP" in text
    assert "no detallan los recursos por sector." in text
    assert "fig-prueba-inversion-sector" not in inversion
    assert "Rural " + HOSTILE in text  # literal
    assert "<img" not in inversion and "&lt;img" in inversion


def test_no_money_and_no_reprogramming_means_no_page(tmp_path):
    nav = write_docs([compute_plan(quarter_plan(reprogramar=False))], tmp_path, published=PUBLISHED)
    titles = [next(iter(e)) for e in nav[1]["Plan de prueba"] if isinstance(e, dict)]
    assert "Inversión" not in titles and "Reprogramaciones" not in titles
    assert not (tmp_path / "prueba" / "inversion").exists()
    assert not (tmp_path / "prueba" / "reprogramaciones").exists()
    assert "## Recursos" not in (tmp_path / "prueba" / "index.md").read_text(encoding="utf-8")
    comparison = page(tmp_path, "prueba/dependencias/index.md")
    assert "financiera" not in comparison and "fig-prueba-dependencias-cumplimiento" in comparison


def test_reprogrammed_meta_shows_its_trail_and_original_value(site):
    root, _, _ = site
    leaf = page(root, "prueba/1-1/index.md")
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", leaf) if '<td data-label="Código">M2</td>' in r)
    assert '<span class="marca">reprogramada</span>' in row and "<details" in row
    text = text_of(row)
    assert "programado 2021: 25 → 20" in text and "Decreto 7 de 2021" in text
    assert "original: 25" in text
    assert "Menos demanda " + HOSTILE in re.sub(r"\s+", " ", text)
    assert "<img" not in leaf
    listing = text_of(page(root, "prueba/reprogramaciones/index.md"))
    assert re.search(r"2021-03-01\s+M2\s+Meta M2\s+programado 2021\s+25\s+20\s+Menos demanda", listing)


def test_hostile_dependencia_is_literal(tmp_path):
    results = compute_plan(quarter_plan(dependencia_ambiente=HOSTILE))
    nav = write_docs([results], tmp_path, published=PUBLISHED)
    assert "<img" not in json.dumps(nav, ensure_ascii=False)
    for path in (tmp_path / "prueba").rglob("*.md"):
        source = path.read_text(encoding="utf-8")
        assert "<img" not in source, path
        rendered = body(source)
        parser = Charts()
        parser.feed(rendered)
        assert [t for t, _ in parser.tags if t in ("script", "img", "iframe")] == []
        assert all(not (a.get("href") or "").lower().startswith("javascript") for _, a in parser.tags)
    comparison = figures(page(tmp_path, "prueba/dependencias/index.md"))
    # Ambiente, at 0 %, comes last in the chart sorted by result.
    assert comparison["fig-prueba-dependencias-cumplimiento"]["data"][0]["y"][-1].startswith("&lt;img")


def test_pages_are_deterministic_and_charts_unique(tmp_path):
    for out in ("a", "b"):
        write_docs([with_money(compute_plan(quarter_plan()))], tmp_path / out, published=PUBLISHED)
    ids: set[str] = set()
    for path in (tmp_path / "a").rglob("*.md"):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes(), path
        found = figures(body(path.read_text(encoding="utf-8")))
        assert not ids & set(found), path
        ids |= set(found)


def test_long_lists_are_capped_with_the_least_advanced_and_a_link_to_the_full_file():
    from generator.render.layout import PlanLayout
    from generator.render.pages.quarter import (
        LIST_LIMIT,
        alerts_page,
        dependencia_page,
    )

    n = LIST_LIMIT + 50
    metas = [meta(f"M{i:03d}", "1", {2021: 100}, dependencia="Secretaría única") for i in range(n)]
    # M000 advanced most (99 %), the last one least (50 %): all atrasadas at T4 (100 % expected)
    plan = make_plan({"1": 1}, metas, cortes={"2021-T4": {f"M{i:03d}": 99 - i * 49 / (n - 1) for i in range(n)}})
    results = compute_plan(plan)
    layout = PlanLayout.of(plan)
    page = alerts_page(results, layout)
    shown = re.findall(r">(M\d{3})<", page)
    assert len(set(shown)) == LIST_LIMIT
    assert f"M{n - 1:03d}" in shown and "M000" not in shown  # the least advanced are kept
    assert f"de {n}" in page and "rezagadas.csv" in page
    [dep] = results.dependencias
    assert "metas.csv" in dependencia_page(results, layout, dep)


def test_metas_chart_keeps_the_least_advanced_when_a_node_has_many_metas():
    from generator.render.pages.quarter import CHART_LINES, meta_history_section

    n = CHART_LINES + 4
    metas = [meta(f"M{i:02d}", "1", {2021: 100}) for i in range(n)]
    plan = make_plan({"1": 1}, metas, cortes={
        "2021-T1": {f"M{i:02d}": 10 for i in range(n)},
        "2021-T2": {f"M{i:02d}": 100 - i for i in range(n)},  # M00 most advanced
    })
    results = compute_plan(plan)
    fig = figures(meta_history_section(results, plan.roots[0]))["fig-prueba-1-metas-por-corte"]
    names = [trace["name"] for trace in fig["data"] if trace["name"] != "Lo esperado al corte"]
    assert len(names) == CHART_LINES
    assert "M00" not in names and f"M{n - 1:02d}" in names


def test_the_front_door_lists_the_most_delayed_metas_with_who_answers(site):
    root, _, _ = site
    home = text_of(page(root, "prueba/index.md"))
    section = home.split("Las metas más atrasadas", 1)[1].split("Todas las metas rezagadas", 1)[0]
    # at 2021-T2 the rezagadas are M4 (no report) and M2 (20 % of the year, below the 50 %
    # expected), least advanced first, each with its dependencia
    assert section.index("M4") < section.index("M2")
    assert "0,0 %, sin reporte. Responde: Secretaría de Ambiente." in section
    assert "20,0 %, en avance. Responde: Secretaría de Educación." in section
    assert "M1" not in section  # not rezagada
