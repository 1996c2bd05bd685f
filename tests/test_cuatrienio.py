"""Each meta against its four-year target (compute/cuatrienio.py), hand-checked."""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build import build_site
from generator.compute.plan import compute_plan
from generator.model import ROOT
from generator.render.layout import PlanLayout
from generator.render.pages import nodes
from generator.write.opendata import dependencias_rows, historial_rows, niveles_rows, published_rows
from tests.corpus.plans import METAS_CSV, PLAN_YML, load, located, messages, only
from tests.helpers import PageWatch, assert_clean, serve
from tests.plan_factory import make_plan, meta

EVERY_YEAR = {2020: 20, 2021: 20, 2022: 20, 2023: 20}  # meta_cuatrienio 80


def one_meta(cortes, **fields):
    plan = make_plan(tree={"1": 1}, metas=[meta("M1", "1", EVERY_YEAR, **fields)], cortes=cortes)
    results = compute_plan(plan)
    return results.metas_cuatrienio["M1"], results.frente_meta


def test_incremento_reached_in_year_two_reads_the_whole_cuatrienio():
    m, nodes = one_meta({"2020-T4": {"M1": 40}, "2021-T4": {"M1": 40}})
    assert (m.acumulado, m.meta_cuatrienio, m.avance, m.sobreejecutada) == (80, 80, 1.0, False)
    assert nodes == {ROOT: 1.0, "1": 1.0}


def test_incremento_half_way_reads_half_and_uses_each_vigencias_latest_corte():
    # 2021-T2's 5 is superseded by 2021-T4's 20: E is accumulated within the year.
    m, nodes = one_meta({"2020-T4": {"M1": 20}, "2021-T2": {"M1": 5}, "2021-T4": {"M1": 20}})
    assert (m.acumulado, m.avance) == (40, 0.5)
    assert nodes[ROOT] == 0.5


def test_mantenimiento_is_the_level_reached_at_the_latest_corte():
    m, _ = one_meta({"2020-T4": {"M1": 80}, "2021-T4": {"M1": 72}},
                    tipo="mantenimiento", meta_cuatrienio=90)
    assert (m.acumulado, m.avance) == (72, pytest.approx(0.8))


def test_reduccion_is_the_share_of_the_way_from_the_linea_base():
    # From 80 towards 50: at 65 half the way is covered.
    m, _ = one_meta({"2020-T4": {"M1": 70}, "2021-T4": {"M1": 65}},
                    tipo="reduccion", linea_base=80, meta_cuatrienio=50)
    assert (m.acumulado, m.avance, m.sobreejecutada) == (65, 0.5, False)
    worse, _ = one_meta({"2020-T4": {"M1": 90}}, tipo="reduccion", linea_base=80, meta_cuatrienio=50)
    assert worse.avance == 0.0
    below, _ = one_meta({"2020-T4": {"M1": 40}}, tipo="reduccion", linea_base=80, meta_cuatrienio=50)
    assert (below.avance, below.sobreejecutada) == (1.0, True)


def test_mantenimiento_kept_from_year_two_reads_the_whole_cuatrienio():
    m, nodes_ = one_meta({"2020-T4": {"M1": 50}, "2021-T4": {"M1": 90}}, tipo="mantenimiento", meta_cuatrienio=90)
    assert (m.acumulado, m.avance, m.sobreejecutada) == (90, 1.0, False)
    assert nodes_[ROOT] == 1.0


def test_stock_counts_the_way_up_from_the_linea_base():
    # 100 km before the plan, 140 promised: at 130, 30 of the 40 km are built.
    m, nodes_ = one_meta({"2020-T4": {"M1": 110}, "2021-T4": {"M1": 130}},
                         tipo="stock", linea_base=100, meta_cuatrienio=140)
    assert (m.acumulado, m.meta_cuatrienio, m.avance, m.sobreejecutada) == (130, 140, 0.75, False)
    assert nodes_[ROOT] == 0.75
    half, _ = one_meta({"2020-T4": {"M1": 120}}, tipo="stock", linea_base=100, meta_cuatrienio=140)
    assert half.avance == 0.5
    reached, _ = one_meta({"2020-T4": {"M1": 125}, "2021-T4": {"M1": 140}},
                          tipo="stock", linea_base=100, meta_cuatrienio=140)
    assert (reached.avance, reached.sobreejecutada) == (1.0, False)
    # The latest value, not the sum (as mantenimiento): 130 then 150 is 150, over the target.
    over, _ = one_meta({"2020-T4": {"M1": 130}, "2021-T4": {"M1": 150}},
                       tipo="stock", linea_base=100, meta_cuatrienio=140)
    assert (over.acumulado, over.avance, over.sobreejecutada) == (150, 1.0, True)
    below, _ = one_meta({"2020-T4": {"M1": 90}}, tipo="stock", linea_base=100, meta_cuatrienio=140)
    assert (below.avance, below.sobreejecutada) == (0.0, False)


def test_stock_without_linea_base_starts_at_zero_and_a_target_not_above_it_has_no_figure():
    m, _ = one_meta({"2020-T4": {"M1": 10}, "2021-T4": {"M1": 20}}, tipo="stock")  # meta_cuatrienio 80
    assert (m.acumulado, m.avance) == (20, 0.25)
    flat, nodes_ = one_meta({"2020-T4": {"M1": 10}}, tipo="stock", linea_base=80, meta_cuatrienio=80)
    assert (flat.avance, nodes_[ROOT]) == (None, None)


def test_offices_spellings_of_the_tipo_are_accepted(tmp_path):
    metas = (METAS_CSV.replace(",incremento,", ",Suma,")
             + "M3,1.1,Aulas en uso,Aulas,Último valor,10,30,20,30,Educación\n"
             + "M4,1.1,Sedes,Sedes,STOCK,1,3,2,3,Educación\n")
    plan, found = load(tmp_path, metas=metas)
    assert [m for m in found if not m.startswith("aviso")] == []  # only "sin reporte" notices
    assert {c: m.tipo for c, m in plan.metas.items()} == {"M1": "incremento", "M2": "reduccion",
                                                          "M3": "stock", "M4": "stock"}


def test_an_unknown_tipo_is_located_and_lists_stock(tmp_path):
    metas = METAS_CSV + "M3,1.1,Aulas en uso,Aulas,existencias,10,30,20,30,Educación\n"
    assert ("valor-no-admitido", "data/prueba/metas.csv", None, 4, "tipo") in located(tmp_path, metas=metas)
    assert "stock" in only(messages(tmp_path, metas=metas), "existencias")


def test_the_headline_is_chosen_in_plan_yml_and_other_values_are_located(tmp_path):
    plan, found = load(tmp_path, plan_yml=PLAN_YML + "cuatrienio: meta_cuatrienio\n")
    assert (plan.cuatrienio, found) == ("meta_cuatrienio", [])
    assert load(tmp_path)[0].cuatrienio == "por_vigencias"
    wrong = PLAN_YML + "cuatrienio: anual\n"
    line = len(PLAN_YML.splitlines()) + 1
    assert ("valor-no-valido", "data/prueba/plan.yml", None, line, "cuatrienio") in located(tmp_path, plan_yml=wrong)
    message = only(messages(tmp_path, plan_yml=wrong), "anual")
    assert "se esperaba por_vigencias" in message and "meta_cuatrienio" in message


def _reached_in_year_two(**fields):
    """M1 reached its four-year target (80) in 2021: 100 % against it, 50 % por vigencias."""
    return compute_plan(make_plan(tree={"1": 1}, metas=[meta("M1", "1", EVERY_YEAR)],
                                  cortes={"2020-T4": {"M1": 40}, "2021-T4": {"M1": 40}}, **fields))


def _cards_and_verdict(results):
    page = nodes.plan_page(results, PlanLayout.of(results.plan))
    cards = re.findall(r'<div class="cifra"><dt>(.*?)</dt><dd class="cifra__valor">(.*?)</dd>'
                       r'<dd class="cifra__nota">(.*?)</dd>', page)
    return cards, re.search(r'<p class="veredicto">(.*?)</p>', page).group(1)


def test_a_plan_that_leads_with_meta_cuatrienio_shows_it_first():
    cards, verdict = _cards_and_verdict(_reached_in_year_two(cuatrienio="meta_cuatrienio"))
    assert cards[0] == ("Avance 2020-2023", "100,0 %",
                        "frente a las metas del cuatrienio; sumando las vigencias: 50,0 %")
    assert cards[1][:2] == ("Cumplimiento 2021", "100,0 %")
    assert verdict.startswith("Lleva el 100,0 % de sus metas del cuatrienio 2020-2023. Cumple el 100,0 %")


def test_by_default_the_page_leads_with_the_vigencia_and_shows_both_period_figures():
    cards, verdict = _cards_and_verdict(_reached_in_year_two())
    assert cards[0][:2] == ("Cumplimiento 2021", "100,0 %")
    assert cards[1] == ("Avance 2020-2023", "50,0 %", "sumando las vigencias; frente a las metas del cuatrienio: 100,0 %")
    assert verdict.startswith("Cumple el 100,0 %")


def test_the_metas_table_shows_what_was_reached_of_the_target():
    results = compute_plan(make_plan(
        tree={"1": 1},
        metas=[meta("M1", "1", {2020: 40, 2021: 100}, meta_cuatrienio=140),
               meta("M2", "1", {2020: 70}, tipo="reduccion", linea_base=80, meta_cuatrienio=50),
               meta("M3", "1", {2020: 10}, meta_cuatrienio=None)],
        cortes={"2020-T4": {"M1": 20, "M2": 70, "M3": 4}, "2021-T2": {"M1": 10}},
    ))
    section = nodes.metas_section(results, results.plan.node("1"), results.current)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row)[5] for row in re.findall(r"<tr>(.*?)</tr>", section)[1:]]
    # 20 + 10 of 140; the reducción, from 80 towards 50, is at 70: a third of the way.
    assert cells == ["30 de 140 (21,4 %)", "70, meta 50 (33,3 %)", ""]


def test_history_and_dependencias_publish_the_four_year_figure_at_each_corte():
    plan = make_plan(
        tree={"1": 1},
        metas=[meta("M1", "1", EVERY_YEAR, dependencia="Salud"),
               meta("M2", "1", {2021: 50}, meta_cuatrienio=100, peso=3, dependencia="Salud")],
        cortes={"2020-T2": {"M1": 20}, "2020-T4": {"M1": 40}, "2021-T4": {"M1": 20, "M2": 40}},
    )
    results = compute_plan(plan)
    plan_rows = [r for r in published_rows("historial", historial_rows(results)) if r["codigo"] == ROOT]
    # M1: 20, 40, 60 of 80; M2 (peso 3): 0, 0, 40 of 100.
    assert [(r["corte"], r["avance_cuatrienio"]) for r in plan_rows] == [
        ("2020-T2", 6.25), ("2020-T4", 12.5), ("2021-T4", 48.75)]  # (1 x 75 + 3 x 40) / 4 = 48,75
    deps = published_rows("dependencias", dependencias_rows(results))
    assert [(r["vigencia"], r["avance_cuatrienio"]) for r in deps] == [(2020, 12.5), (2021, 48.75)]


def _one_sibling_not_programmed():
    # "1.3" (peso 2) has nothing programmed in 2020; 1.1 reaches 80 %, 1.2 40 %.
    return compute_plan(make_plan(
        tree={"1": (1, {"1.1": 1, "1.2": 1, "1.3": 2})},
        metas=[meta("M1", "1.1", {2020: 10}), meta("M2", "1.2", {2020: 10}), meta("M3", "1.3", {2021: 5})],
        cortes={"2020-T4": {"M1": 8, "M2": 4}},
    ))


def test_the_childrens_points_in_their_parent_add_up_to_the_parents():
    results = _one_sibling_not_programmed()
    rows = {r["codigo"]: r for r in published_rows("niveles", niveles_rows(results))}
    # 2020 weighs 25 points; node 1: c = (0,8 + 0,4) / 2 = 0,6, so 15 points of 25.
    assert (rows["1"]["programado"], rows["1"]["avance"]) == (25.0, 15.0)
    # Its own points (W = 1/4, 1/4, 1/2 of the plan) add to 7,5, not 15...
    assert [(rows[c]["programado"], rows[c]["avance"]) for c in ("1.1", "1.2", "1.3")] == [
        (6.25, 5.0), (6.25, 2.5), (12.5, 0.0)]
    # ...the 25 points re-shared between 1.1 and 1.2 (peso 1 and 1) add to 25 and 15.
    assert [(rows[c]["programado_en_padre"], rows[c]["avance_en_padre"]) for c in ("1.1", "1.2", "1.3")] == [
        (12.5, 10.0), (12.5, 5.0), (0.0, 0.0)]
    assert (rows["1"]["programado_en_padre"], rows["1"]["avance_en_padre"]) == (25.0, 15.0)
    assert (rows[ROOT]["programado_en_padre"], rows[ROOT]["avance_en_padre"]) == (25.0, 15.0)
    # The whole period por vigencias: 25 % x 0,6.
    assert (rows["1"]["avance_por_vigencias"], rows["1.3"]["avance_por_vigencias"]) == (15.0, 0.0)


def test_the_children_table_shows_the_re_shared_points_and_the_sum():
    results = _one_sibling_not_programmed()
    node = results.plan.node("1")
    section = nodes.children_section(results, PlanLayout.of(results.plan), node, results.current, "prueba/1/")
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row)[3:5] for row in re.findall(r"<tr>(.*?)</tr>", section)[1:]]
    assert cells == [["6,25 → 12,50", "5,00 → 10,00"], ["6,25 → 12,50", "2,50 → 5,00"],
                     ["12,50 → 0,00", "0,00 → 0,00"], ["25,00", "15,00"]]
    assert "10,00 + 5,00 = 15,00 puntos de avance de 25,00 programados" in section
    note = markdown.markdown(section)
    assert "<p>1.3 «Nodo 1.3» no tiene metas programadas en 2020: sus puntos pasan al resto" in note


def test_without_re_sharing_the_children_table_shows_own_points_and_a_total():
    results = _reached_in_year_two()
    section = nodes.children_section(results, PlanLayout.of(results.plan), None, results.current, "prueba/")
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row)[3:5] for row in re.findall(r"<tr>(.*?)</tr>", section)[1:]]
    assert cells == [["25,00", "25,00"], ["25,00", "25,00"]]
    assert "→" not in section and "flecha" not in section


def test_over_execution_is_capped_and_flagged():
    m, nodes = one_meta({"2020-T4": {"M1": 60}, "2021-T4": {"M1": 40}})
    assert (m.acumulado, m.avance, m.sobreejecutada) == (100, 1.0, True)
    assert nodes[ROOT] == 1.0


def test_never_reported_counts_zero_and_no_target_is_left_out():
    plan = make_plan(tree={"1": 1}, metas=[meta("M1", "1", EVERY_YEAR),
                                           meta("M2", "1", EVERY_YEAR, meta_cuatrienio=None),
                                           meta("M3", "1", EVERY_YEAR)],
                     cortes={"2020-T4": {"M1": 40, "M2": 10}})
    results = compute_plan(plan)
    assert results.metas_cuatrienio["M3"].acumulado is None
    assert results.metas_cuatrienio["M3"].avance == 0.0
    assert results.metas_cuatrienio["M2"].avance is None
    assert results.frente_meta[ROOT] == 0.25  # (0.5 + 0) / 2, M2 left out


def test_roll_up_uses_the_plans_weights():
    # M1 0.5 | M2 1.0 and M3 0.2 (peso 1 and 3) in 1.2 | M4 0.4 in "2".
    plan = make_plan(
        tree={"1": (3, {"1.1": 1, "1.2": 1}), "2": 1},
        metas=[meta("M1", "1.1", EVERY_YEAR), meta("M2", "1.2", EVERY_YEAR),
               meta("M3", "1.2", EVERY_YEAR, peso=3), meta("M4", "2", EVERY_YEAR)],
        cortes={"2021-T4": {"M1": 40, "M2": 80, "M3": 16, "M4": 32}},
    )
    nodes = compute_plan(plan).frente_meta
    assert nodes["1.1"] == 0.5
    assert nodes["1.2"] == pytest.approx(0.4)  # (1 x 1 + 3 x 0.2) / 4
    assert nodes["1"] == pytest.approx(0.45)  # (0.5 + 0.4) / 2
    assert nodes[ROOT] == pytest.approx(0.4375)  # (3 x 0.45 + 1 x 0.4) / 4


def test_default_figure_is_still_the_sum_over_vigencias():
    # Reached in year two, the por vigencias figure is 2 x 25 % = 50 %.
    plan = make_plan(tree={"1": 1}, metas=[meta("M1", "1", EVERY_YEAR)],
                     cortes={"2020-T4": {"M1": 40}, "2021-T4": {"M1": 40}})
    results = compute_plan(plan)
    assert results.cuatrienio[ROOT] == 0.5
    assert results.frente_meta[ROOT] == 1.0


_metas = st.lists(
    st.tuples(st.sampled_from(["incremento", "mantenimiento", "reduccion", "stock"]),
              st.floats(1, 1000), st.floats(1, 5), st.lists(st.floats(0, 2000), min_size=0, max_size=4)),
    min_size=1, max_size=8,
)


def _plan(specs, order):
    metas, cortes = [], {}
    for i in order:
        tipo, target, peso, values = specs[i]
        extra = {"linea_base": target * 2} if tipo == "reduccion" else {"linea_base": target / 2} if tipo == "stock" else {}
        metas.append(meta(f"M{i}", "1" if i % 2 else "2", EVERY_YEAR, tipo=tipo,
                          meta_cuatrienio=target, peso=peso, **extra))
        for year, value in zip(EVERY_YEAR, values):
            cortes.setdefault(f"{year}-T4", {})[f"M{i}"] = value
    return make_plan(tree={"1": 2, "2": 1}, metas=metas, cortes=cortes)


@settings(max_examples=60, deadline=None)
@given(_metas, st.randoms())
def test_figures_are_shares_and_order_free(specs, rnd):
    order = list(range(len(specs)))
    shuffled = order[:]
    rnd.shuffle(shuffled)
    first, second = compute_plan(_plan(specs, order)), compute_plan(_plan(specs, shuffled))
    assert first.frente_meta == second.frente_meta
    assert first.metas_cuatrienio == second.metas_cuatrienio
    for value in first.frente_meta.values():
        assert value is None or 0 <= value <= 1


def test_in_chromium_a_plan_that_leads_with_meta_cuatrienio_shows_it_first_on_a_phone(browser, data, tmp_path):
    plan_yml = data / "mini" / "plan.yml"
    plan_yml.write_text(plan_yml.read_text(encoding="utf-8") + "cuatrienio: meta_cuatrienio\n", encoding="utf-8")
    build_site(data, tmp_path / "site")
    base, server = serve(tmp_path / "site")
    watch = PageWatch(browser, base, viewport={"width": 375, "height": 812})
    try:
        page = watch.open("/mini/")
        first = page.locator(".cifra").first
        assert first.locator("dt").inner_text() == "Avance 2021-2022"
        assert "sumando las vigencias:" in first.locator(".cifra__nota").inner_text()
        assert page.locator(".veredicto").inner_text().startswith("Lleva el ")
        for selector in (".veredicto", ".cifra__valor", ".cifra .rango"):
            box = page.locator(selector).first.bounding_box()
            assert box is not None and box["y"] + box["height"] <= 812, (selector, box)
        assert_clean(watch)
    finally:
        watch.close()
        server.shutdown()


def test_pesos_por_conteo_weighs_each_node_by_its_metas(tmp_path):
    metas = METAS_CSV + ("M3,1.1,Aulas,Aulas,incremento,0,4,2,2,Educación\n"
                         "M4,1.1,Sedes,Sedes,incremento,0,4,2,2,Educación\n")
    plan, found = load(tmp_path, plan_yml=PLAN_YML + "pesos: por_conteo\n", metas=metas)
    # 1.1 holds three metas and 1.2 one: 75 % and 25 % of línea 1, each meta 25 % of the plan.
    assert [(n.codigo, n.peso) for n in plan.iter_nodes()] == [("1", 4.0), ("1.1", 3.0), ("1.2", 1.0)]
    results = compute_plan(plan)
    assert (results.node_weights["1.1"], results.node_weights["1.2"]) == (0.75, 0.25)
    assert set(results.meta_weights.values()) == {0.25}
    # Línea 1's "peso: 60" is not used, and the office is told where it is.
    assert only(found, "peso-no-usado").startswith(
        "aviso: data/prueba/plan.yml, línea 8, clave estructura[0].peso: \"60\" el nodo 1 pesa el número de sus metas (4)")
    assert load(tmp_path, metas=metas)[0].node("1.1").peso == 1.0  # by default, the estructura's


def test_pesos_other_values_are_located(tmp_path):
    wrong = PLAN_YML + "pesos: por_metas\n"
    line = len(PLAN_YML.splitlines()) + 1
    assert ("valor-no-valido", "data/prueba/plan.yml", None, line, "pesos") in located(tmp_path, plan_yml=wrong)
    assert "por_conteo" in only(messages(tmp_path, plan_yml=wrong), "por_metas")
