"""The chart dicts of render/charts.py say what they mean (issue 10): comparisons sorted by
result, a line per vigencia, names that never share a row, full names in the hover, a
phone variant, and colours with one meaning each that show on both palettes."""

from __future__ import annotations

import pytest

from generator.model import DEFAULT_RANGOS
from generator.render import charts, palette

BANDS = [charts.Band("Sobresaliente", 60.75, "#1b7f3b"), charts.Band("Aceptable", 42.0, "#b58100"),
         charts.Band("Bajo", 0.0, "#b3261e")]
LONG = "Sopó contigo y con todos para el bienestar social de la niñez"  # 61 characters


def bar(codigo: str, cumplimiento: float | None, nombre: str = "Nodo") -> charts.Bar:
    return charts.Bar(codigo, nombre, 10.0, 5.0, cumplimiento, "Aceptable" if cumplimiento is not None else None,
                      "#b58100" if cumplimiento is not None else None, "10,00", "5,00",
                      f"{cumplimiento} %" if cumplimiento is not None else "—")


BARS = [bar("1", 50.0), bar("2", None), bar("3", 80.0), bar("4", 50.0), bar("5", 0.0)]


# ---------------------------------------------------------------- order


def test_cumplimiento_sorts_highest_first_and_not_programmed_last():
    fig = charts.cumplimiento(BARS, BANDS)
    trace = fig["data"][0]
    # 80 first; the two 50s keep their plan order; 0 is a result, "no programado" is not.
    assert trace["x"] == [80.0, 50.0, 50.0, 0.0, 0]
    assert trace["customdata"] == ["3 Nodo", "1 Nodo", "4 Nodo", "5 Nodo", "2 Nodo"]
    assert trace["text"][-1] == "no<br>programado"
    assert fig["layout"]["meta"]["short"] == ["3", "1", "4", "5", "2"]


def test_programado_avance_follows_the_cumplimiento_order():
    fig = charts.programado_avance(BARS)
    assert [t["customdata"] for t in fig["data"]] == [["3 Nodo", "1 Nodo", "4 Nodo", "5 Nodo", "2 Nodo"]] * 2


# ---------------------------------------------------------------- names


def test_a_long_name_is_wrapped_on_the_axis_and_whole_in_the_hover():
    trace = charts.cumplimiento([bar("1.A", 70.0, LONG)], BANDS)["data"][0]
    assert trace["y"] == ["1.A Sopó contigo y con todos<br>para el bienestar social de …"]
    assert trace["customdata"] == [f"1.A {LONG}"]
    assert trace["hovertemplate"].startswith("%{customdata}<br>")


def test_grouped_bars_carry_full_names_and_short_labels_for_a_phone():
    name = "Secretaría de Desarrollo Económico y Competitividad"
    fig = charts.grouped_bars([name], [charts.Series("Pagado", [1.0], ["1"], palette.FINANCIERA)], "millones")
    assert fig["data"][0]["customdata"] == [name]
    assert fig["data"][0]["y"] == ["Secretaría de Desarrollo<br>Económico y Competitividad"]
    assert fig["layout"]["meta"]["short"] == ["Secretaría de<br>Desarrollo<br>Económico y …"]


def test_ruler_names_each_threshold_and_the_expected_mark_on_a_row_of_its_own():
    layout = charts.cumplimiento(BARS, BANDS, esperado=75.0)["layout"]
    names = [(a["text"], a["x"], a["yshift"], a["xanchor"]) for a in layout["annotations"]]
    assert names == [("Aceptable desde 42 %", 42.0, 12, "left"),
                     ("Sobresaliente desde 60,8 %", 60.75, 27, "right"),
                     ("Esperado al corte: 75 %", 75.0, 42, "right")]
    # A strip coloured from where each rango starts, and the mark where 75 % was expected;
    # no shape crosses the bars (all sit above the plot, in pixels over its top).
    strips = [(s["x0"], s["x1"], s["fillcolor"]) for s in layout["shapes"] if s["type"] == "rect"]
    assert strips == [(0.0, 42.0, "#b3261e"), (42.0, 60.75, "#b58100"), (60.75, 135, "#1b7f3b")]
    assert [(s["x0"], s["line"]["color"]) for s in layout["shapes"] if s["type"] == "line"] == [(75.0, palette.ESPERADO)]
    assert all(s["yref"] == "paper" and s["yanchor"] == 1 and s["y0"] >= 0 for s in layout["shapes"])
    assert layout["margin"]["t"] == 16 + 15 * 3


def test_without_esperado_only_the_thresholds_are_named():
    layout = charts.cumplimiento(BARS, BANDS)["layout"]
    assert [a["text"] for a in layout["annotations"]] == ["Aceptable desde 42 %", "Sobresaliente desde 60,8 %"]
    assert [s["type"] for s in layout["shapes"]] == ["rect"] * 3


# ---------------------------------------------------------------- vigencias


def point(corte: str, cumplimiento: float, esperado: float) -> charts.Point:
    return charts.Point(corte, int(corte[:4]), 1.0, "1,00", cumplimiento, f"{cumplimiento} %", "Aceptable",
                        "#b58100", esperado)


POINTS = [point("2020-T3", 67.6, 75.0), point("2020-T4", 78.0, 100.0), point("2021-T1", 20.5, 25.0),
          point("2021-T2", 51.2, 50.0)]


@pytest.mark.parametrize("variant", ["wide", "narrow"])
def test_evolution_draws_one_line_per_vigencia_with_one_legend_entry(variant):
    fig = charts.evolution(POINTS)
    fig = fig if variant == "wide" else fig["narrow"]
    lines = [t for t in fig["data"] if t["name"] == "Cumplimiento"]
    assert [(t["x"], t["y"]) for t in lines] == [(["2020-T3", "2020-T4"], [67.6, 78.0]),
                                                 (["2021-T1", "2021-T2"], [20.5, 51.2])]
    assert [(t["legendgroup"], t["showlegend"]) for t in lines] == [("cumplimiento", True), ("cumplimiento", False)]
    expected = [t for t in fig["data"] if t["name"] == "Lo esperado al corte"]
    assert [t["y"] for t in expected] == [[75.0, 100.0], [25.0, 50.0]]
    bars = [t for t in fig["data"] if t["type"] == "bar"]
    assert len(bars) == 1 and bars[0]["x"] == ["2020-T3", "2020-T4", "2021-T1", "2021-T2"]
    assert fig["layout"]["xaxis"]["tickangle"] == 0


def test_evolution_labels_cortes_in_full_on_a_screen_and_short_on_a_phone():
    fig = charts.evolution(POINTS)
    assert fig["layout"]["xaxis"]["ticktext"][:2] == ["2020-T3<br>Aceptable", "2020-T4<br>Aceptable"]
    assert fig["narrow"]["layout"]["xaxis"]["ticktext"] == ["T3<br>2020", "T4", "T1<br>2021", "T2"]
    assert "narrow" not in fig["narrow"]


def test_a_phone_leaves_the_figures_to_the_table_past_six_cortes():
    many = POINTS + [point("2021-T3", 60.0, 75.0), point("2021-T4", 90.0, 100.0), point("2022-T1", 10.0, 25.0)]
    narrow = charts.evolution(many)["narrow"]
    assert all(text == "" for t in narrow["data"] if t["type"] == "scatter" and "text" in t for text in t["text"])
    assert all(text == "" for text in next(t for t in narrow["data"] if t["type"] == "bar")["text"])
    wide = charts.evolution(many)
    assert "90.0 %" in next(t for t in wide["data"] if t["x"][-1] == "2021-T4" and t["type"] == "scatter")["text"]


def test_metas_evolution_breaks_each_meta_at_the_vigencia_and_names_it_whole_in_the_hover():
    line = charts.Line("1.A.1.01", "Dotar las sedes & <aulas>", [50.0, 100.0, 25.0], ["50 %", "100 %", "25 %"])
    fig = charts.metas_evolution(["2020-T3", "2020-T4", "2021-T1"], [2020, 2020, 2021], [line], [75.0, 100.0, 25.0])
    metas = [t for t in fig["data"] if t["legendgroup"] == "1.A.1.01"]
    assert [(t["x"], t["y"], t["showlegend"]) for t in metas] == [
        (["2020-T3", "2020-T4"], [50.0, 100.0], True), (["2021-T1"], [25.0], False)]
    assert metas[0]["hovertemplate"].startswith("1.A.1.01 Dotar las sedes &amp; &lt;aulas&gt; · %{x}")
    assert fig["narrow"]["layout"]["xaxis"]["ticktext"] == ["T3<br>2020", "T4", "T1<br>2021"]


# ---------------------------------------------------------------- composition


def test_composition_is_a_sunburst_and_on_a_phone_the_first_ring_as_sorted_bars():
    slices = [charts.Slice("1", "", "1 Social", 46.2, "46,2 %", "70 %", "Aceptable", "#b58100", False),
              charts.Slice("1.A", "1", "1.A Educación", 20.0, "20 %", "80 %", "Sobresaliente", "#1b7f3b", True),
              charts.Slice("2", "", "2 Territorio", 53.8, "53,8 %", "—", None, None, True)]
    fig = charts.composition(slices)
    sunburst = fig["data"][0]
    assert sunburst["type"] == "sunburst" and sunburst["leaf"] == {"opacity": 1}
    assert sunburst["text"] == ["1", "1.A", "2"]
    bars = fig["narrow"]["data"][0]
    assert bars["type"] == "bar" and bars["y"] == ["2", "1"] and bars["x"] == [53.8, 46.2]
    assert bars["text"] == ["53,8 % del plan<br>sin rango", "46,2 % del plan<br>Aceptable"]
    assert bars["marker"]["color"] == [palette.NO_DATA, "#b58100"]
    assert bars["customdata"][1] == ["1 Social", "46,2 %", "70 %", "Aceptable"]


def test_a_narrow_variant_with_an_unbundled_trace_is_refused():
    fig = charts.with_narrow(charts.programado_avance(BARS), {"data": [{"type": "treemap"}], "layout": {}})
    with pytest.raises(charts.UnbundledTrace, match="treemap"):
        charts.figure_json(fig)


# ---------------------------------------------------------------- colours


def contrast(a: str, b: str) -> float:
    high, low = sorted((charts._luminance(a), charts._luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# Material's dark background, hsla(232, 15 %, 14 %), as Chromium paints it (measured by
# test_accessibility.py).
SLATE = "#1e2129"


def test_estado_colours_are_not_rango_colours():
    estados = {c for c in palette.ESTADO.values() if c}
    assert estados and not estados & {r.color for r in DEFAULT_RANGOS}
    # Progress and completion are told apart by colour too.
    assert palette.ESTADO["en avance"] != palette.ESTADO["cumplida"]
    assert not set(palette.LINES) & {r.color for r in DEFAULT_RANGOS}


@pytest.mark.parametrize("colour", sorted({c for c in palette.ESTADO.values() if c}
                                          | {palette.AVANCE, palette.FINANCIERA, palette.ESPERADO}))
def test_mark_colours_show_by_their_fill_on_both_palettes(colour):
    assert contrast(colour, "#ffffff") >= 3.0
    assert contrast(colour, SLATE) >= 3.0
