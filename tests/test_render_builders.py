"""Escaping the code cannot forget (issue 9): every HTML builder of the render stage
returns `Html`, and a hostile string given to it as data comes out as text; every page
and section, fed a plan whose every text is hostile, holds no markup from the data, and
Plotly shows `%{...}` from the data literally instead of filling it in.

The lists below name every builder and every page function: a new public one that is
not added here makes `test_every_builder_is_listed` fail."""

from __future__ import annotations

import dataclasses
import datetime
import html
import importlib
import inspect
import json
import re

import pytest

from generator.compute.plan import compute_plan
from generator.model import DEFAULT_RANGOS, Compromiso, Corte, Firma, Meta, Node, Plan, Rango, Reporte, Reprogramacion
from generator.render import charts
from generator.render.escape import Html, html_text, md_paragraphs
from generator.render.layout import (
    LONG_ROWS,
    PlanLayout,
    breadcrumbs,
    corte_line,
    estado_html,
    figure_cards,
    html_table,
    meta_link,
    money_cards,
    page_footer,
    plan_trail,
    rango_html,
    verdict_html,
)
from generator.render.pages import archive, cambios, informe, money, nodes, quarter
from generator.results import Money
from tests.helpers import to_html

HOSTILE = "<script>alert(1)</script>{{7*7}}%{x} a & b"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;{{7*7}}%{x} a &amp; b"
MODULES = ["escape", "layout", "charts", "text", "site", "pages.nodes", "pages.money", "pages.quarter",
           "pages.informe", "pages.archive", "pages.cambios"]


def hostile_plan() -> Plan:
    """Two cortes, money, a reprogramming, and HOSTILE in every text the files can hold."""
    def meta(codigo: str, padre: str) -> Meta:
        return Meta(codigo=codigo, codigo_padre=padre, nombre=f"Meta {HOSTILE}", indicador=HOSTILE,
                    meta_cuatrienio=20.0, programado={2021: 10.0, 2022: 10.0}, unidad=HOSTILE,
                    linea_base=0.0, dependencia=f"Secretaría {HOSTILE}", sector=HOSTILE,
                    territorio=HOSTILE, extra={HOSTILE: HOSTILE},
                    original={"meta_cuatrienio": HOSTILE})

    metas = [meta("M1", "1.1"), meta(f"M2 {HOSTILE}", "1.1")]
    leaf = Node("1.1", f"Programa {HOSTILE}", 1, 1.0, descripcion=HOSTILE, codigo_padre="1", metas=metas)
    root = Node("1", f"Línea {HOSTILE}", 0, 100.0, descripcion=f"**{HOSTILE}**", children=[leaf])

    def corte(trimestre: int, ejecutado: float) -> Corte:
        reportes = {m.codigo: Reporte(m.codigo, 2021, ejecutado, observaciones=HOSTILE,
                                      recursos_programados=1000.0, recursos_ejecutados=ejecutado * 10)
                    for m in metas}
        return Corte(f"2021-T{trimestre}", 2021, trimestre, reportes=reportes)

    rangos = [Rango(f"{r.nombre} {HOSTILE}", r.desde, r.color) for r in DEFAULT_RANGOS]
    return Plan(
        slug="hostil", nombre=f"Plan {HOSTILE}", entidad=HOSTILE, periodo=(2021, 2022),
        niveles=[f"línea {HOSTILE}", f"programa {HOSTILE}"], vigencias={2021: 50.0, 2022: 50.0},
        rangos=sorted(rangos, key=lambda r: -r.desde), roots=[root], metas={m.codigo: m for m in metas},
        cortes=[corte(2, 2.0), corte(3, 4.0)], descripcion=HOSTILE,
        reprogramaciones=[Reprogramacion("M1", "2021-05-01", "meta_cuatrienio", HOSTILE, 20.0, HOSTILE, acto=HOSTILE)],
        compromisos=[Compromiso("M1", "2021-T2", HOSTILE, HOSTILE, "2021-06-15", causa=HOSTILE),
                     Compromiso("M1", "2021-T3", HOSTILE, HOSTILE, "2022-06-15", causa=HOSTILE)],
        oficina=HOSTILE, decreto_seguimiento=HOSTILE, firma=Firma(HOSTILE, HOSTILE), informes={"2021-T3": HOSTILE},
    )


@pytest.fixture(scope="module")
def hostile():
    results = compute_plan(hostile_plan())
    return results, PlanLayout.of(results.plan)


def html_of(results, layout, name: str):
    """Call the builder `name` with HOSTILE wherever it takes data."""
    plan = results.plan
    vr = results.current
    leaf = plan.node("1.1")
    meta = plan.metas["M1"]
    here = layout.home_url
    calls = {
        "html_text": lambda: html_text(HOSTILE),
        "md_paragraphs": lambda: md_paragraphs(HOSTILE),
        "breadcrumbs": lambda: breadcrumbs([(HOSTILE, HOSTILE), (HOSTILE, None)]),
        "html_table": lambda: html_table(HOSTILE, [HOSTILE], [[HOSTILE]]),
        "figure_cards": lambda: figure_cards([(HOSTILE, HOSTILE, HOSTILE)]),
        "rango_html": lambda: rango_html(plan.rangos, plan.rangos[0].nombre),
        "estado_html": lambda: estado_html(HOSTILE),
        "corte_line": lambda: corte_line(dataclasses.replace(vr, corte=HOSTILE)),
        "page_footer": lambda: page_footer(plan, dataclasses.replace(vr, corte=HOSTILE), datetime.date(2022, 7, 15)),
        "plan_trail": lambda: plan_trail(layout, here, (HOSTILE, HOSTILE), title=HOSTILE),
        "meta_link": lambda: meta_link(layout, here, plan.metas[f"M2 {HOSTILE}"]),
        "money_cards": lambda: money_cards(Money(1.0, 1.0, 1.0), 2021),
        "figure_html": lambda: charts.figure_html(charts.grouped_bars([HOSTILE], [], HOSTILE), HOSTILE, HOSTILE),
        "gauge_block": lambda: nodes.gauge_block(plan, vr.nodes["1"], vr, HOSTILE, HOSTILE),
        "verdict_html": lambda: verdict_html(HOSTILE),
        "key_figures": lambda: nodes.key_figures(results, "1", vr.nodes["1"], vr),
        "meta_details_html": lambda: nodes.meta_details_html(meta, plan.cortes[-1].reportes["M1"]),
        "original_html": lambda: money.original_html(meta, "meta_cuatrienio"),
        "reprogramming_html": lambda: money.reprogramming_html(plan.reprogramaciones),
        "alerts_table": lambda: quarter.alerts_table(layout, here, vr, HOSTILE,
                                                     tuple(m.codigo for m in leaf.metas)),
        "workbook_links": lambda: quarter.workbook_links(layout, here, results),
        "capped": lambda: quarter.capped(list(range(quarter.LIST_LIMIT + 1)), here, plan, HOSTILE)[1],
        "compromiso_html": lambda: quarter.compromiso_html(results.seguimiento.compromisos[0]),
        "seguimiento_html": lambda: quarter.seguimiento_html(results.seguimiento.por_meta["M1"]),
        "compromisos_table": lambda: quarter.compromisos_table(layout, here, HOSTILE, list(results.seguimiento.compromisos)),
        "reprogramaciones_table": lambda: money.reprogramaciones_table(layout, here, plan.reprogramaciones, HOSTILE),
    }
    return calls[name]()


BUILDERS = [
    "html_text", "md_paragraphs", "breadcrumbs", "html_table", "figure_cards", "rango_html", "estado_html",
    "corte_line", "page_footer", "plan_trail", "meta_link", "money_cards", "figure_html", "gauge_block", "key_figures",
    "meta_details_html", "original_html", "reprogramming_html", "alerts_table", "workbook_links", "capped",
    "verdict_html", "compromiso_html", "seguimiento_html", "compromisos_table", "reprogramaciones_table",
]


def page_of(results, layout, name: str) -> str:
    plan = results.plan
    vr = results.current
    here = layout.home_url
    leaf, root = plan.node("1.1"), plan.node("1")
    dep = results.dependencias[0]
    calls = {
        "plan_page": lambda: nodes.plan_page(results, layout),
        "node_page": lambda: nodes.node_page(results, layout, leaf) + nodes.node_page(results, layout, root),
        "datos_page": lambda: nodes.datos_page(results, layout, datetime.date(2021, 7, 15)),
        "site_home": lambda: nodes.site_home([results], {plan.slug: layout}),
        "children_section": lambda: nodes.children_section(results, layout, None, vr, here),
        "composition_block": lambda: nodes.composition_block(results, layout, None, vr),
        "metas_section": lambda: nodes.metas_section(results, leaf, vr),
        "vigencias_table": lambda: nodes.vigencias_table(results),
        "follow_up_links": lambda: nodes.follow_up_links(results, layout),
        "most_delayed": lambda: nodes.most_delayed(results, layout),
        "money_section": lambda: money.money_section(results, layout, leaf, here),
        "inversion_page": lambda: money.inversion_page(results, layout),
        "reprogramaciones_page": lambda: money.reprogramaciones_page(results, layout),
        "history_section": lambda: quarter.history_section(results, root),
        "meta_history_section": lambda: quarter.meta_history_section(results, leaf),
        "alerts_page": lambda: quarter.alerts_page(results, layout),
        "accumulated_page": lambda: quarter.accumulated_page(results, layout),
        "dependencias_page": lambda: quarter.dependencias_page(results, layout),
        "dependencia_page": lambda: quarter.dependencia_page(results, layout, dep),
        "seguimiento_section": lambda: quarter.seguimiento_section(layout, here, results),
        "informe_page": lambda: informe.informe_page(results, layout, datetime.date(2021, 10, 15), True),
        "topics_section": lambda: nodes.topics_section(results),
        "cortes_page": lambda: archive.cortes_page(results, layout),
        "corte_page": lambda: "".join(archive.corte_page(results, layout, c.id) for c in plan.cortes),
        "cambios_page": lambda: cambios.cambios_page(results, layout, results.cambios[-1]),
        "corte_informe_page": lambda: archive.corte_informe_page(results, layout, plan.cortes[0].id,
                                                                 datetime.date(2021, 10, 15)),
    }
    return calls[name]()


NUMBERS_ONLY = {"money_cards"}  # takes no text at all

NO_TEXT_BUT_FIGURES = {"composition_block", "follow_up_links"}  # data only in a chart, or none

PAGES = [
    "plan_page", "node_page", "datos_page", "site_home", "children_section", "composition_block",
    "metas_section", "vigencias_table", "follow_up_links", "money_section", "inversion_page",
    "reprogramaciones_page", "history_section", "meta_history_section", "alerts_page", "accumulated_page",
    "dependencias_page", "dependencia_page", "most_delayed", "seguimiento_section", "informe_page",
    "cortes_page", "corte_page", "cambios_page", "corte_informe_page", "topics_section",
]


def public_functions():
    for name in MODULES:
        module = importlib.import_module(f"generator.render.{name}")
        for fname, f in inspect.getmembers(module, inspect.isfunction):
            if f.__module__ == module.__name__ and not fname.startswith("_"):
                yield fname, f


def test_every_builder_is_listed():
    """Every public function that returns Html is a builder here; every one that takes
    the results and returns text (a page or a section of one) is a page here."""
    builders = {n for n, f in public_functions() if "Html" in str(inspect.signature(f).return_annotation)}
    pages = {n for n, f in public_functions()
             if {"results", "all_results"} & set(inspect.signature(f).parameters)
             and inspect.signature(f).return_annotation == "str"}
    assert builders == set(BUILDERS)
    assert pages == set(PAGES)


def rendered(md_source: str) -> str:
    """The page as MkDocs renders it (front matter dropped: of each page, when a test
    joins two)."""
    md_source = re.sub(r"(?ms)^---\ntitle: .*?\n---\n", "", md_source)
    return to_html(md_source)


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def without_figures(page: str) -> str:
    """The page without the figures' JSON (an attribute holding JSON holding Plotly
    labels: escaped for each of the three, checked by the figure tests)."""
    return re.sub(r"data-figure='[^']*'", "", page)


@pytest.mark.parametrize("name", BUILDERS)
def test_each_builder_returns_html_with_the_data_escaped(hostile, name):
    out = html_of(*hostile, name)
    assert isinstance(out, Html)
    out = without_figures(out)
    assert "<script" not in out
    if name not in NUMBERS_ONLY:
        assert ESCAPED in out  # once: not left raw, not escaped twice
    assert "&amp;amp;" not in out and "49" not in text_of(out)


@pytest.mark.parametrize("name", PAGES)
def test_each_page_shows_hostile_data_as_text(hostile, name):
    page = without_figures(rendered(page_of(*hostile, name)))
    assert "<script" not in page and "&amp;amp;" not in page
    assert ("alert(1)" in page) is (name not in NO_TEXT_BUT_FIGURES)
    for shown in re.findall(r"<script>alert\(1\).{0,30}", text_of(page)):
        assert shown.startswith(HOSTILE), shown


def test_a_plain_string_is_escaped_once_and_html_is_kept():
    table = html_table("a & b", ["a & b", "h", "i"], [["a & b", html_text("a & b"), Html("<em>x</em>")]])
    assert table.count("a &amp; b") == 5 and "&amp;amp;" not in table  # caption, header, label, 2 cells
    assert '<td data-label="a &amp; b">a &amp; b</td>' in table
    assert "<em>x</em>" in table
    assert figure_cards([("a & b", "1", "a & b")]).count("a &amp; b") == 2


def test_a_table_labels_each_cell_with_its_header_and_ranks_its_key_cells_for_cards():
    headers = ["Código", "Meta", "Programado", "Cumplimiento", "Estado"]
    table = html_table("t", headers, [["M1", "Leer", "10", "50 %", Html("<b>en avance</b>")]],
                       numeric={2, 3}, wide={1}, key=(1, 3, 4))
    assert table.startswith('<div class="tabla tabla--ancha"><table><caption>t</caption>')
    assert ('<tr><td data-label="Código">M1</td><td class="texto clave-1" data-label="Meta">Leer</td>'
            '<td class="num" data-label="Programado">10</td>'
            '<td class="num clave-2" data-label="Cumplimiento">50 %</td>'
            '<td class="clave-3" data-label="Estado"><b>en avance</b></td></tr>') in table
    assert '<th scope="col" class="num clave-2">Cumplimiento</th>' in table
    assert html_table("t", headers[:4], [["M1", "Leer", "10", "50 %"]]).startswith('<div class="tabla"><table>')
    assert 'data-label="Estado"' in html_table("t", [Html("<abbr>Estado</abbr>")], [["x"]])


def test_only_a_table_of_more_than_long_rows_is_a_long_list():
    row = [["M1", "Leer"]]
    assert html_table("t", ["a", "b"], row * LONG_ROWS).startswith('<div class="tabla"><table>')
    assert html_table("t", ["a", "b"], row * (LONG_ROWS + 1)).startswith('<div class="tabla tabla--larga"><table>')


def test_a_newline_in_data_cannot_end_the_raw_html_block():
    assert "\n" not in html_table("x", ["x"], [["línea 1\n\n# Título"]]).rstrip("\n")


def figures(page: str) -> list[dict]:
    return [json.loads(html.unescape(data)) for data in re.findall(r"data-figure='([^']*)'", page)]


def strings(value, key=""):
    """(key, string) of every string in a figure's JSON."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v, key)
    elif isinstance(value, str):
        yield key, value


@pytest.mark.parametrize("name", ["plan_page", "node_page", "inversion_page", "alerts_page", "dependencias_page"])
def test_plotly_never_reads_a_placeholder_or_a_tag_from_the_data(hostile, name):
    page = page_of(*hostile, name)
    found = figures(page)
    assert found
    templates = 0
    for figure in found:
        for key, text in strings(figure):
            if key in ("ids", "parents") or "alert(1)" not in text:
                continue  # sunburst ids are never shown
            assert "<script" not in text, (key, text)
            # `%{x}` from the data is `&#37;{x}`, which Plotly shows as `%{x}`.
            assert "{{7*7}}%{" not in text, (key, text)
            if key.endswith("template"):
                templates += 1
                assert "{{7*7}}&#37;{x} a &amp; b" in text, (key, text)
    assert templates or name != "node_page"  # the metas' lines carry their code in the hover


def test_a_placeholder_in_a_hover_template_shows_literally():
    fig = charts.grouped_bars(["a"], [charts.Series("%{y} <b>", [1.0], ["1"], "#000000")], "x")
    template = fig["data"][0]["hovertemplate"]
    assert "&#37;{y} &lt;b&gt;" in template
    assert template.count("%{") == 2  # only ours: %{y} and %{text}
