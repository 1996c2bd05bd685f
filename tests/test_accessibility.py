"""Accessibility of the built demo site in a real Chromium (issue "Trust"):

- axe-core finds no serious or critical violation on the site home, a plan home, a
  node page, a lowest-level node page, the open data page, the methodology page and a
  second plan, in both palettes (light "default" and dark "slate", switched with the
  header's toggle as a reader does);
- from the top of a node page, the Tab key alone reaches every chart's data table
  (the table, or the focusable scrolling box Material wraps it in);
- the text actually rendered (body text, links, tables, footer, admonitions, figure
  captions, table captions, secondary text) has at least 4.5:1 contrast (WCAG 2.1
  1.4.3), and the chart marks (bars, points) at least 3:1 against the plot background
  by their fill or a 1px outline (1.4.11), with chart text at 4.5:1, in both palettes;
  the plan's rango colours must be among the marks measured. Ratios are computed here,
  in Python, from the computed colours, compositing every translucent layer.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import CHART, PageWatch, draw_charts, first_node_page, page_with

pytestmark = pytest.mark.browser

SCHEMES = {"claro": "default", "oscuro": "slate"}
TEXT_MIN = 4.5
MARK_MIN = 3.0
MAX_TABS = 400


def page_path(site: Path, which: str) -> str:
    return {"inicio": "/", "plan": "/sopo/", "nodo": first_node_page(site),
            "nodo-ultimo": page_with(site, "Meta cuatrienio", CHART),
            "datos": "/sopo/datos/", "metodologia": "/metodologia/", "tenjo": "/tenjo/",
            "informe": "/sopo/informe/", "gachancipa": "/gachancipa/"}[which]


def open_page(browser, base: str, path: str, scheme: str) -> PageWatch:
    """The page in the light palette, switched to the dark one with the header toggle."""
    watch = PageWatch(browser, base, color_scheme="light")
    page = watch.open(path)
    if page.locator(".plotly-chart").count():
        draw_charts(page)
    if SCHEMES[scheme] == "slate":
        page.locator("label.md-header__button[for^='__palette']:visible").first.click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=5000)
        page.wait_for_timeout(400)  # charts.js re-colours the charts on the palette change
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    return watch


# ---------------------------------------------------------------- (a) axe-core


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("which", ["inicio", "plan", "nodo", "nodo-ultimo", "datos", "metodologia", "tenjo", "informe",
                                   "gachancipa"])
def test_axe_finds_no_serious_violation_in_either_palette(browser, demo_url, demo_site, which, scheme):
    from axe_playwright_python.sync_playwright import Axe

    watch = open_page(browser, demo_url, page_path(demo_site, which), scheme)
    try:
        violations = Axe().run(watch.page).response["violations"]
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(
                " ".join(n["target"]) + (" " + n.get("failureSummary", "").split("\n")[-1].strip()) for n in v["nodes"][:5])
            for v in violations if v["impact"] in ("serious", "critical")
        ]
        assert serious == []
        assert watch.errors == []
    finally:
        watch.close()


# ---------------------------------------------------------------- (b) keyboard

CHART_TABLES = """() => {
  // Each chart's data table: the first table after its figure, as the captions say
  // ("Las cifras están en la tabla siguiente").
  const tables = [...document.querySelectorAll('article table')];
  const follows = (a, b) => a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING;
  return [...document.querySelectorAll('article figure')].filter(f => f.querySelector('.plotly-chart')).map(f => {
    const table = tables.find(t => follows(f, t));
    let reached = false, how = null;
    if (table) {
      if (table.hasAttribute('data-kb')) { reached = true; how = 'table'; }
      for (let a = table.parentElement; a && !reached && !a.contains(f); a = a.parentElement) {
        if (a.hasAttribute('data-kb') && a.tabIndex >= 0 && a.getAttribute('tabindex') !== null) { reached = true; how = a.className; }
      }
    }
    return {chart: f.querySelector('.plotly-chart').id, table: table ? (table.caption ? table.caption.textContent : '(sin título)') : null,
            reached, how};
  });
}"""


@pytest.mark.parametrize("which", ["nodo", "nodo-ultimo"])
def test_keyboard_reaches_every_chart_data_table(browser, demo_url, demo_site, which):
    watch = open_page(browser, demo_url, page_path(demo_site, which), "claro")
    page = watch.page
    try:
        page.evaluate("""() => {
          document.addEventListener('focusin', e => e.target.setAttribute('data-kb', '1'), true);
          if (document.activeElement) document.activeElement.blur();
          window.scrollTo(0, 0);
        }""")
        charts = page.evaluate(CHART_TABLES)
        assert charts, "la página no tiene gráficas"
        for press in range(MAX_TABS):
            page.keyboard.press("Tab")
            if press % 20 == 19 and all(c["reached"] for c in page.evaluate(CHART_TABLES)):
                break
        charts = page.evaluate(CHART_TABLES)
        assert [c for c in charts if c["table"] is None] == [], "gráficas sin tabla de datos después de ellas"
        assert [c for c in charts if not c["reached"]] == [], f"tablas que el teclado no alcanza en {MAX_TABS} pulsaciones de Tab"
    finally:
        watch.close()


# ---------------------------------------------------------------- (c) contrast

TEXTS = {
    "texto": "article > p",
    "enlace": "article p a, article td a, article li a",
    "tabla (celda)": "article td",
    "tabla (encabezado)": "article th",
    "título de tabla": "article table caption",
    "pie de figura": "article figcaption",
    "advertencia (texto)": "article .admonition > p:not(.admonition-title)",
    "advertencia (título)": "article .admonition-title",
    "texto secundario": "article .corte, article .entidad, article h1 .nivel, article .cifra dt, article .migas li",
    "pie de página": ".md-copyright",
}

MEASURE = """(texts) => {
  const stack = el => { const out = []; for (let e = el; e; e = e.parentElement) out.push(getComputedStyle(e).backgroundColor); return out.reverse(); };
  const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0.5 && r.height > 0.5; };
  const result = {texts: [], marks: [], svgtexts: []};
  for (const [name, selector] of Object.entries(texts)) {
    for (const el of [...document.querySelectorAll(selector)].filter(shown).slice(0, 40)) {
      if (!el.textContent.trim()) continue;
      const s = getComputedStyle(el);
      result.texts.push({name, color: s.color, layers: stack(el), opacity: s.opacity});
    }
  }
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const paper = [...stack(plot), getComputedStyle(plot.querySelector('.main-svg')).backgroundColor];
    const area = plot.querySelector('rect.bg');
    const plotBg = area ? [...paper, [getComputedStyle(area).fill, getComputedStyle(area).fillOpacity]] : paper;
    const id = plot.id;
    for (const path of plot.querySelectorAll('.point path, .bars path')) {
      if (!shown(path)) continue;
      const s = getComputedStyle(path);
      result.marks.push({chart: id, fill: s.fill, fillOpacity: s.fillOpacity, opacity: s.opacity, layers: plotBg,
                         stroke: s.stroke, strokeOpacity: s.strokeOpacity, strokeWidth: parseFloat(s.strokeWidth) || 0});
    }
    for (const text of plot.querySelectorAll('text')) {
      if (!text.textContent.trim() || !shown(text)) continue;
      const s = getComputedStyle(text);
      if (s.visibility === 'hidden' || s.display === 'none' || s.opacity === '0' || s.fillOpacity === '0') continue;
      let layers = paper;
      const group = text.closest('.point, .slice');
      const shape = group && group.querySelector('path');
      if (shape) {
        const t = text.getBoundingClientRect(), b = shape.getBoundingClientRect();
        const cx = t.x + t.width / 2, cy = t.y + t.height / 2;
        if (cx > b.left && cx < b.right && cy > b.top && cy < b.bottom) {
          const f = getComputedStyle(shape);
          layers = [...plotBg, [f.fill, f.fillOpacity]];
        }
      }
      result.svgtexts.push({chart: id, text: text.textContent.trim().slice(0, 30), fill: s.fill, fillOpacity: s.fillOpacity, layers});
    }
  }
  return result;
}"""

_NUMBERS = re.compile(r"[-+]?\d*\.?\d+(?:e[-+]?\d+)?")


def rgba(css: str | list) -> tuple[float, float, float, float]:
    """A computed CSS colour as (r, g, b in 0..255, alpha); a [colour, opacity] pair for SVG fills."""
    if isinstance(css, list):
        r, g, b, a = rgba(css[0])
        return r, g, b, a * float(css[1])
    css = css.strip()
    if css in ("none", "transparent", ""):
        return 0.0, 0.0, 0.0, 0.0
    values = [float(v) for v in _NUMBERS.findall(css)]
    if css.startswith("rgb"):
        return (*values[:3], values[3] if len(values) > 3 else 1.0)
    if css.startswith("color(srgb"):
        return (*(v * 255 for v in values[:3]), values[3] if len(values) > 3 else 1.0)
    raise AssertionError(f"color no reconocido: {css}")


def over(top: tuple, bottom: tuple) -> tuple:
    """`top` composited over an opaque `bottom`."""
    a = top[3]
    return (*(top[i] * a + bottom[i] * (1 - a) for i in range(3)), 1.0)


def flatten(layers: list) -> tuple:
    """The opaque colour behind an element: its ancestors' backgrounds over a white canvas."""
    colour = (255.0, 255.0, 255.0, 1.0)
    for layer in layers:
        colour = over(rgba(layer), colour)
    return colour


def luminance(colour: tuple) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: tuple, b: tuple) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def hexa(colour: tuple) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in colour[:3])


def measured(page, texts: dict[str, str]) -> dict[str, dict[tuple, float]]:
    """{kind: {(label, fg hex, bg hex): ratio}} for texts, chart marks and chart texts."""
    data = page.evaluate(MEASURE, texts)
    out: dict[str, dict[tuple, float]] = {"texto": {}, "marca": {}, "texto de gráfica": {}}
    for t in data["texts"]:
        bg = flatten(t["layers"])
        fg = over(rgba(t["color"]), bg)
        out["texto"][(t["name"], hexa(fg), hexa(bg))] = ratio(fg, bg)
    for m in data["marks"]:
        # WCAG 1.4.11: the mark is told from its background by its fill, or by an
        # outline of at least 1px (marker.line) when the fill is too close to it.
        bg = flatten(m["layers"])
        fill = rgba([m["fill"], float(m["fillOpacity"]) * float(m["opacity"])])
        label, value = m["chart"], ratio(over(fill, bg), bg)
        if m["strokeWidth"] >= 1 and m["stroke"] not in ("none", ""):
            stroke = over(rgba([m["stroke"], float(m["strokeOpacity"]) * float(m["opacity"])]), bg)
            label += f" (borde {hexa(stroke)}: {ratio(stroke, bg):.2f}:1)"
            value = max(value, ratio(stroke, bg))
        out["marca"][(label, hexa(fill), hexa(bg))] = value
    samples: dict[tuple, str] = {}
    for t in data["svgtexts"]:  # one line per chart and colour pair, named by its first text
        bg = flatten(t["layers"])
        fg = over(rgba([t["fill"], t["fillOpacity"]]), bg)
        sample = samples.setdefault((t["chart"], hexa(fg), hexa(bg)), t["text"])
        out["texto de gráfica"][(f'{t["chart"]} ("{sample}"…)', hexa(fg), hexa(bg))] = ratio(fg, bg)
    return out


def plan_rangos() -> list[str]:
    import yaml

    plan = yaml.safe_load((Path(__file__).resolve().parent.parent / "data" / "sopo" / "plan.yml").read_text(encoding="utf-8"))
    return [r["color"] for r in plan.get("rangos") or []] or ["#1b7f3b", "#b58100", "#b3261e"]


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_text_and_chart_colours_meet_wcag_aa(browser, demo_url, demo_site, scheme):
    low: list[str] = []
    report: list[str] = []
    backgrounds: set[str] = set()
    fills: set[str] = set()
    # The node page is one with a bar in the lowest rango (its label "… %<br>Bajo"), so
    # that every rango colour is drawn and measured.
    paths = {"plan": page_path(demo_site, "plan"), "nodo": page_with(demo_site, "&lt;br&gt;Bajo", CHART),
             "nodo-ultimo": page_path(demo_site, "nodo-ultimo")}
    for which, path in paths.items():
        watch = open_page(browser, demo_url, path, scheme)
        try:
            found = measured(watch.page, TEXTS)
            page_bg = flatten(watch.page.evaluate("[getComputedStyle(document.documentElement).backgroundColor,"
                                                  " getComputedStyle(document.body).backgroundColor]"))
        finally:
            watch.close()
        backgrounds.add(hexa(page_bg))
        seen = {name for name, _, _ in found["texto"]}
        assert {"texto", "enlace", "tabla (celda)", "pie de figura", "pie de página"} <= seen, seen
        for kind, minimum in (("texto", TEXT_MIN), ("marca", MARK_MIN), ("texto de gráfica", TEXT_MIN)):
            for (label, fg, bg), value in sorted(found[kind].items(), key=lambda kv: kv[1]):
                line = f"[{scheme}] {which} {kind} {label}: {fg} sobre {bg} = {value:.2f}:1"
                report.append(line)
                if value < minimum:
                    low.append(line + f" (mínimo {minimum}:1)")
        fills |= {fill for _, fill, _ in found["marca"]}
    print("\n".join(report))
    assert len(backgrounds) == 1
    # Not vacuous: the plan's rango colours were among the chart marks measured.
    assert set(plan_rangos()) <= fills, f"colores de rango no encontrados en las gráficas: {set(plan_rangos()) - fills}"
    assert low == [], "\n".join(low)
