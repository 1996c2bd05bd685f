"""The charts as a reader sees them (issue 10), in real Chromium, on a phone (375×812) and
a laptop (1366×900), in Material's light and dark ("slate") palettes: no two texts of a
chart overlap, none leaves its chart, corte labels stay horizontal, a phone gets bars
where a laptop gets the sunburst, and no console error."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import CHART, PageWatch, assert_clean, draw_charts, url_of

pytestmark = pytest.mark.browser

SIZES = {"telefono": {"width": 375, "height": 812}, "portatil": {"width": 1366, "height": 900}}
SCHEMES = {"claro": ("light", "default"), "oscuro": ("dark", "slate")}
SECTIONS = {"alertas", "datos", "dependencias", "inversion", "reprogramaciones"}

# Every text of every drawn chart, as the browser lays it out, and the chart's box.
TEXTS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
  const svg = plot.querySelector('.main-svg').getBoundingClientRect();
  const texts = [...plot.querySelectorAll('svg text')].filter(t => t.textContent.trim()).map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  }).filter(b => b.right - b.left > 0.5 && b.bottom - b.top > 0.5);
  const angles = [...plot.querySelectorAll('.xtick text')].map(t => t.getAttribute('transform') || '')
    .filter(t => /rotate\\((?!0[,)])/.test(t));
  return {id: plot.id, left: svg.left, right: svg.right, texts, rotated: angles.length,
          traces: [...plot.querySelectorAll('.trace')].map(t => t.getAttribute('class'))};
})"""


def chart_pages(site: Path) -> list[str]:
    """The plan page, the first node page of each level, the alerts page, the
    dependencias page (a dependencia's own page has no chart) and the investment page."""
    levels: dict[int, str] = {}
    for page in sorted((site / "sopo").glob("*/index.html")):
        name = page.parent.name
        if name not in SECTIONS and CHART in page.read_text(encoding="utf-8"):
            levels.setdefault(name.count("-"), url_of(site, page))
    assert len(levels) >= 3, levels
    return ["/sopo/", *levels.values(), "/sopo/alertas/", "/sopo/dependencias/", "/sopo/inversion/"]


def overlaps(texts: list[dict]) -> list[tuple[str, str]]:
    """Pairs of texts whose boxes share more than a pixel each way."""
    found = []
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            wide = min(a["right"], b["right"]) - max(a["left"], b["left"])
            high = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if wide > 1 and high > 1:
                found.append((a["text"], b["text"]))
    return found


def test_overlap_finds_two_labels_printed_over_each_other():
    aceptable = {"text": "Aceptable", "left": 100, "right": 160, "top": 0, "bottom": 14}
    sobresaliente = {"text": "Sobresaliente", "left": 146, "right": 230, "top": 0, "bottom": 14}
    above = {**sobresaliente, "top": 15, "bottom": 29}
    assert overlaps([aceptable, sobresaliente]) == [("Aceptable", "Sobresaliente")]
    assert overlaps([aceptable, above]) == []


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("size", list(SIZES))
def test_chart_texts_never_overlap_nor_leave_the_chart(browser, demo_url, demo_site, size, scheme):
    media, attribute = SCHEMES[scheme]
    watch = PageWatch(browser, demo_url, viewport=SIZES[size], color_scheme=media)
    problems: list[str] = []
    try:
        for path in chart_pages(demo_site):
            page = watch.open(path)
            draw_charts(page)
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == attribute
            charts = page.evaluate(TEXTS)
            assert charts, path
            for chart in charts:
                where = f"{size} {scheme} {path} {chart['id']}"
                assert chart["texts"], where
                problems += [f"{where}: «{a}» sobre «{b}»" for a, b in overlaps(chart["texts"])]
                problems += [f"{where}: «{t['text']}» sale de la gráfica" for t in chart["texts"]
                             if t["left"] < chart["left"] - 1 or t["right"] > chart["right"] + 1]
                if chart["rotated"]:
                    problems.append(f"{where}: {chart['rotated']} etiquetas del eje x inclinadas")
        assert_clean(watch)
    finally:
        watch.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("size, trace", [("telefono", "bars"), ("portatil", "sunburst")])
def test_a_phone_reads_the_composition_as_bars(browser, demo_url, demo_site, size, trace):
    watch = PageWatch(browser, demo_url, viewport=SIZES[size])
    try:
        page = watch.open("/sopo/")
        draw_charts(page)
        drawn = {c["id"]: c["traces"] for c in page.evaluate(TEXTS)}
        kinds = {cls for cls in drawn["fig-sopo-plan-composicion"] if cls.startswith("trace ")}
        assert kinds == {f"trace {trace}"}
        assert_clean(watch)
    finally:
        watch.close()


def test_turning_the_screen_redraws_the_chart_for_its_new_width(browser, demo_url, demo_site):
    watch = PageWatch(browser, demo_url, viewport=SIZES["telefono"])
    try:
        page = watch.open("/sopo/")
        draw_charts(page)
        chart = "#fig-sopo-plan-composicion"
        assert page.locator(f"{chart} .barlayer .trace").count() == 1
        page.set_viewport_size(SIZES["portatil"])
        page.wait_for_selector(f"{chart} .sunburstlayer .trace", timeout=5000)
        assert page.locator(f"{chart} .barlayer .trace").count() == 0
        # The bar charts' labels grow back from codes to names.
        names = page.eval_on_selector_all("#fig-sopo-plan-cumplimiento .ytick text", "ts => ts.map(t => t.textContent)")
        assert names and all(" " in name for name in names), names
        assert_clean(watch)
    finally:
        watch.close()
