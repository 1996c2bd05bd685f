"""write_docs on a small computed plan: the pages, the nav, the charts (inert,
deterministic, round-tripping) and hostile text kept literal. No MkDocs build here."""

from __future__ import annotations

import datetime
import html
import json
import re
from pathlib import Path

import pytest

from generator.compute.plan import compute_plan
from generator.render import charts
from generator.render.site import write_docs
from generator.write.opendata import table_columns
from tests.corpus.plans import PLAN_YML, load, located
from tests.helpers import Charts, body
from tests.render_sample import sample_results

PUBLISHED = datetime.date(2021, 7, 15)
HOSTILE_NAME = "<script>alert('nodo')</script> | tubo | {{ 7*7 }} [x](javascript:alert(1))"
HOSTILE_META = "<img src=x onerror=alert(1)> **negrita**"


@pytest.fixture
def docs(tmp_path) -> tuple[Path, list]:
    nav = write_docs([sample_results()], tmp_path, published=PUBLISHED)
    return tmp_path, nav


def test_pages_and_urls(docs):
    root, nav = docs
    for page in ("index.md", "prueba/index.md", "prueba/datos.md", "prueba/1/index.md",
                 "prueba/1-1/index.md", "prueba/1-2/index.md", "prueba/2/index.md", "prueba/2-1/index.md"):
        assert (root / page).is_file(), page


def test_nav_follows_the_plan(docs):
    _, nav = docs
    assert nav[0] == {"Inicio": "index.md"}
    plan = nav[1]["Plan de prueba"]
    assert plan[0] == "prueba/index.md"
    assert plan[1] == {"1. Social": ["prueba/1/index.md", {"1.1. Educación": "prueba/1-1/index.md"},
                                     {"1.2. Ambiente": "prueba/1-2/index.md"}]}
    assert plan[-1] == {"Datos abiertos": "prueba/datos.md"}


def test_plan_page_has_figures_counts_corte_and_narrative(docs):
    root, _ = docs
    page = body((root / "prueba" / "index.md").read_text(encoding="utf-8"))
    text = re.sub(r"<[^>]+>", " ", page)
    assert "30 de junio de 2021" in text
    assert "Metas programadas" in text and "No programadas" in text
    assert "El plan «Plan de prueba» agrupa" in text
    parser = Charts()
    parser.feed(page)
    assert set(parser.figures) == {
        "fig-prueba-plan-indicador", "fig-prueba-plan-cumplimiento",
        "fig-prueba-plan-programado-avance", "fig-prueba-plan-composicion",
    }


def test_leaf_page_lists_its_metas_with_every_column(docs):
    root, _ = docs
    page = body((root / "prueba" / "1-1" / "index.md").read_text(encoding="utf-8"))
    for header in ("Código", "Meta", "Indicador", "Unidad", "Línea base", "Meta cuatrienio",
                   "Programado", "Ejecutado", "Cumplimiento", "Estado", "Dependencia"):
        assert f">{header}</th>" in page
    assert '<td data-label="Código">M1</td>' in page and '<td data-label="Código">M2</td>' in page
    assert "100,0 %" in page and "20,0 %" in page  # M1 10/10, M2 4/20
    assert 'aria-current="page">1.1. Educación' in page  # breadcrumbs end on the page
    assert '<a href="../1/">1. Social</a>' in page


def test_datos_page_links_every_file_and_documents_every_column(docs):
    root, _ = docs
    page = body((root / "prueba" / "datos.md").read_text(encoding="utf-8"))
    for table, columns in table_columns().items():
        for ext in ("csv", "xlsx", "json"):
            assert f'href="../../datos/prueba/{table}.{ext}"' in page
        for column in columns:
            assert f"<code>{column}</code>" in page
    assert "Columna adicional" not in page  # every column has its own description
    assert "CC BY 4.0" in page and "15 de julio de 2021" in page


def test_demo_plans_say_so_on_every_page(tmp_path):
    write_docs([sample_results(demo=True)], tmp_path, published=PUBLISHED)
    for page in (tmp_path / "prueba").rglob("*.md"):
        assert "Datos de demostración" in page.read_text(encoding="utf-8"), page


def test_hostile_text_is_literal_in_the_generated_pages(tmp_path):
    nav = write_docs([sample_results(nombre_1=HOSTILE_NAME, nombre_meta=HOSTILE_META)], tmp_path, published=PUBLISHED)
    assert "<script>" not in json.dumps(nav, ensure_ascii=False)  # Material prints nav titles raw
    for path in (tmp_path / "prueba").rglob("*.md"):
        source = path.read_text(encoding="utf-8")
        assert "<script>" not in source and "<img" not in source
        assert "49" not in source
        title = source.split("\n---\n", 1)[0]
        assert "<" not in title.replace("---\ntitle:", "")
        page = body(source)
        parser = Charts()
        parser.feed(page)
        assert [t for t, _ in parser.tags if t in ("script", "img", "iframe")] == []
        assert all(not (a.get("href") or "").lower().startswith("javascript") for _, a in parser.tags)
        assert all(not name.startswith("on") for _, a in parser.tags for name in a)
    leaf = html.unescape(re.sub(r"<[^>]+>", "", body((tmp_path / "prueba" / "1-1" / "index.md").read_text(encoding="utf-8"))))
    assert HOSTILE_META in leaf
    top = html.unescape(re.sub(r"<[^>]+>", "", body((tmp_path / "prueba" / "1" / "index.md").read_text(encoding="utf-8"))))
    assert HOSTILE_NAME in top


def test_hostile_labels_are_escaped_inside_the_figures(tmp_path):
    write_docs([sample_results(nombre_1=HOSTILE_NAME)], tmp_path, published=PUBLISHED)
    parser = Charts()
    parser.feed(body((tmp_path / "prueba" / "index.md").read_text(encoding="utf-8")))
    figure = json.loads(parser.figures["fig-prueba-plan-cumplimiento"])
    labels = figure["data"][0]["y"]
    # Plotly shows entities literally; the label is wrapped on lines of our own.
    assert labels[0].replace("<br>", " ").startswith("1 &lt;script&gt;alert")
    dumped = json.dumps(figure)
    assert "<script" not in dumped and "&lt;script&gt;" in dumped  # there, escaped
    assert "<a" not in dumped


def test_chart_html_is_deterministic_and_round_trips(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write_docs([sample_results()], a, published=PUBLISHED)
    write_docs([sample_results()], b, published=PUBLISHED)
    for page in a.rglob("*.md"):
        assert page.read_bytes() == (b / page.relative_to(a)).read_bytes(), page
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}", text)  # no uuid
        assert "<script" not in text and "Plotly.newPlot" not in text

    bars = [charts.Bar("1", "Uno", 13.86, 9.4, 67.8, "Aceptable", "#b58100", "13,86", "9,40", "67,8 %")]
    fig = charts.programado_avance(bars)
    block = charts.figure_html(fig, "fig-x", "Texto <b>alternativo</b>")
    parser = Charts()
    parser.feed(block)
    assert json.loads(parser.figures["fig-x"]) == fig
    assert parser.figures["fig-x"] == charts.figure_json(fig)
    assert "<figcaption>Texto &lt;b&gt;alternativo&lt;/b&gt;</figcaption>" in block
    assert charts.figure_html(fig, "fig-x", "t") == charts.figure_html(charts.programado_avance(bars), "fig-x", "t")


def test_rango_is_written_not_only_coloured(docs):
    root, _ = docs
    page = body((root / "prueba" / "index.md").read_text(encoding="utf-8"))
    parser = Charts()
    parser.feed(page)
    bars = json.loads(parser.figures["fig-prueba-plan-cumplimiento"])["data"][0]
    assert any("Aceptable" in t for t in bars["text"])  # línea 1: 30 % of the 50 % expected at T2
    assert re.search(r'rango__punto[^>]*></span>Aceptable', page)


def test_plans_with_a_grupo_are_listed_under_it_in_the_menu_and_on_the_home_page(tmp_path):
    plans = []
    for slug, nombre, grupo in [("a", "Plan A", "Sabana Centro"), ("b", "Plan B", ""), ("c", "Plan C", "Sabana Centro"),
                                ("d", "Plan D", "Guavio <b>")]:
        plan = sample_results().plan
        plan.slug, plan.nombre, plan.grupo = slug, nombre, grupo
        plans.append(compute_plan(plan))
    nav = write_docs(plans, tmp_path, published=PUBLISHED)
    titles = [next(iter(entry)) for entry in nav]
    assert titles[:4] == ["Inicio", "Sabana Centro", "Plan B", "Guavio &lt;b&gt;"]
    assert [next(iter(p)) for p in nav[1]["Sabana Centro"]] == ["Plan A", "Plan C"]
    assert nav[1]["Sabana Centro"][1]["Plan C"][0] == "c/index.md"
    home = body((tmp_path / "index.md").read_text(encoding="utf-8"))
    assert '<th scope="col">Grupo</th>' in home and 'data-label="Grupo">Sabana Centro</td>' in home
    assert 'data-label="Grupo">—</td>' in home and "Guavio &lt;b&gt;" in home


def test_plan_yml_grupo_is_read_and_a_list_is_an_error_at_its_line(tmp_path):
    plan, problems = load(tmp_path / "a", plan_yml=PLAN_YML + "grupo: Sabana Centro\n")
    assert problems == [] and plan.grupo == "Sabana Centro"
    line = len(PLAN_YML.splitlines()) + 1
    found = located(tmp_path / "b", plan_yml=PLAN_YML + "grupo: [Sabana, Centro]\n")
    assert ("valor-no-valido", "data/prueba/plan.yml", None, line, "grupo") in found
