"""Results tables on a phone, a tablet and a desktop (real Chromium): the cumplimiento of
every row is on screen without any sideways scrolling, since a table that does not fit
its box shows its rows as cards (render/layout.py html_table, extra.css "Tables as
cards"), and the cards are still a table for screen readers."""

from __future__ import annotations

import pytest

from generator.render.layout import LONG_ROWS
from tests.helpers import CHART, PageWatch, assert_clean, first_node_page, page_with

pytestmark = pytest.mark.browser

VIEWPORTS = {"telefono": (375, 812), "tableta": (768, 1024), "escritorio": (1366, 900)}

# Each cumplimiento cell of a results table (cumplimiento físico too) and each other key
# cell (rango, avance, ejecución financiera...), where it is on screen, and every table
# that is wider than the box it sits in (which then scrolls).
LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const cells = [...document.querySelectorAll('article td[data-label^="Cumplimiento"], article td[class*="clave-"]')].map(td => {
    const r = td.getBoundingClientRect();
    return {label: td.dataset.label, row: td.closest('tr').innerText.slice(0, 60), left: r.left, right: r.right};
  });
  const scrolling = [...document.querySelectorAll('article table')].filter(t => {
    const box = t.closest('.md-typeset__scrollwrap') || t.parentElement;
    return box.scrollWidth > box.clientWidth + 1 || t.getBoundingClientRect().right > width + 1;
  }).map(t => t.caption ? t.caption.textContent : '(sin título)');
  return {width, pageWidth: document.documentElement.scrollWidth, cells, scrolling};
}"""


def page_path(site, which: str) -> str:
    return {
        "inicio": "/", "plan": "/sopo/", "escenario": first_node_page(site),
        "prospectiva": page_with(site, 'class="nivel">Prospectiva', CHART),
        "apuesta": page_with(site, "Meta cuatrienio", CHART), "alertas": "/sopo/alertas/",
        "dependencia": "/sopo/dependencias/secretaria-de-educacion/", "inversion": "/sopo/inversion/",
        "cortes": "/sopo/cortes/", "corte": "/sopo/cortes/2021-T2/",
    }[which]


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("which", ["inicio", "plan", "escenario", "prospectiva", "apuesta", "alertas",
                                   "dependencia", "inversion", "cortes", "corte"])
def test_every_cumplimiento_is_on_screen_without_sideways_scrolling(browser, demo_url, demo_site, which, viewport):
    width, height = VIEWPORTS[viewport]
    watch = PageWatch(browser, demo_url, viewport={"width": width, "height": height})
    try:
        layout = watch.open(page_path(demo_site, which)).evaluate(LAYOUT)
        assert {c["label"] for c in layout["cells"]} & {"Cumplimiento", "Ejecución financiera"}
        assert layout["pageWidth"] <= layout["width"]
        assert layout["scrolling"] == []
        assert [c for c in layout["cells"] if c["left"] < 0 or c["right"] > layout["width"]] == []
        assert_clean(watch)
    finally:
        watch.close()


# The row of the plan page's table of escenarios, as a card reads it top to bottom.
CARD = """() => {
  const row = document.querySelector('article .tabla--ancha tbody tr');
  const cells = [...row.cells].filter(td => td.getBoundingClientRect().height > 0);
  cells.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top
                       || a.getBoundingClientRect().left - b.getBoundingClientRect().left);
  return cells.map(td => ({label: td.dataset.label,
                           shown: getComputedStyle(td, '::before').content,
                           text: td.innerText.trim()}));
}"""


def test_a_card_shows_name_then_cumplimiento_rango_and_points_each_with_its_label(browser, demo_url):
    watch = PageWatch(browser, demo_url, viewport={"width": 375, "height": 812})
    try:
        page = watch.open("/sopo/")
        header = page.locator("article .tabla--ancha thead").first
        assert header.bounding_box()["height"] <= 1  # hidden from sight, not from screen readers
        cells = page.evaluate(CARD)
        assert [c["label"] for c in cells[:6]] == [
            "Escenario de cambio", "Cumplimiento", "Rango", "Avance 2020-2023", "Avance (puntos)", "Programado (puntos)"]
        assert cells[0]["shown"] == "none"  # the name is the card's title
        assert all(c["shown"] != "none" for c in cells[1:])
        assert cells[1]["text"].endswith("%")
        assert sorted(c["label"] for c in cells) == sorted(
            ["Código", "Escenario de cambio", "Peso en el plan", "Programado (puntos)", "Avance (puntos)",
             "Cumplimiento", "Rango", "Avance 2020-2023", "Frente a las metas del cuatrienio",
             "Metas programadas", "Con avance", "Sin avance", "No programadas"])
    finally:
        watch.close()


@pytest.mark.parametrize("width", [320, 375])
def test_on_a_phone_the_name_heads_its_card_alone(browser, demo_url, width):
    """The alerts list has two text columns (meta, dependencia): on a narrow phone the card
    has one column of values, and no text cell may add a second one beside the name."""
    watch = PageWatch(browser, demo_url, viewport={"width": width, "height": 812})
    try:
        page = watch.open("/sopo/alertas/")
        squeezed = page.evaluate("""() => [...document.querySelectorAll('article tbody td.clave-1')].filter(td =>
            td.getBoundingClientRect().width < td.closest('tr').clientWidth * 0.8).map(td => td.innerText)""")
        assert page.locator("article tbody td.clave-1").count() > 10
        assert squeezed == []
    finally:
        watch.close()


def test_cards_are_still_a_table_with_column_headers_for_screen_readers(browser, demo_url):
    """Chromium's accessibility tree (what a screen reader reads) of the plan page on a
    phone: every table is still a table, with its caption and its column headers."""
    watch = PageWatch(browser, demo_url, viewport={"width": 375, "height": 812})
    try:
        page = watch.open("/sopo/")
        assert page.evaluate("getComputedStyle(document.querySelector('article .tabla--ancha tr')).display") == "grid"
        nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
        roles = [n["role"]["value"] for n in nodes if not n.get("ignored") and "role" in n]
        tables = page.locator("article table").count()
        assert roles.count("table") == tables
        assert roles.count("caption") == tables
        assert roles.count("columnheader") == page.locator("article th").count()
        assert roles.count("cell") == page.locator("article td").count()
    finally:
        watch.close()


# The cards of the page's long lists (more than LONG_ROWS rows) and whether each is laid out.
LONG_LISTS = """() => [...document.querySelectorAll('article tbody')].filter(b => b.rows.length > %d)
  .flatMap(b => [...b.rows]).map(tr => tr.cells[0].checkVisibility({contentVisibilityAuto: true}))"""


@pytest.mark.parametrize("hash", ["", "#metas"])
def test_long_lists_are_laid_out_whole_once_the_page_has_loaded(browser, demo_url, hash):
    """While a phone loads the page, cards of a long list out of sight wait (extra.css);
    once the browser is idle every card is laid out (tablas.js), so find-in-page and
    links land where the cards stay; a page opened at a heading lays them out at once."""
    watch = PageWatch(browser, demo_url, viewport={"width": 375, "height": 812})
    try:
        page = watch.page
        page.goto(demo_url + "/sopo/dependencias/secretaria-de-desarrollo-social/" + hash)
        assert page.evaluate("document.documentElement.classList.contains('sin-diferir')") == bool(hash)
        assert len(page.evaluate(LONG_LISTS % LONG_ROWS)) > 2 * LONG_ROWS
        # The browser lays a card out at its next style update after tablas.js removes
        # the class: what the reader gets is every card laid out once the page settles.
        page.wait_for_function(f"({LONG_LISTS % LONG_ROWS})().every(Boolean)", timeout=10000, polling=100)
        assert_clean(watch)
    finally:
        watch.close()


# requestIdleCallback held back: the test lays the long lists out when it chooses.
HOLD_IDLE = "window.requestIdleCallback = (callback) => { window.__layOut = callback; return 1; };"


def test_what_the_reader_looks_at_stays_put_when_long_lists_are_laid_out(browser, demo_url):
    """A card the reader reached before the lists were laid out (find-in-page, a quick
    scroll while the page loads) stays where it is on the screen once the cards above it
    take their real height (tablas.js)."""
    watch = PageWatch(browser, demo_url, viewport={"width": 375, "height": 812})
    try:
        page = watch.page
        page.add_init_script(HOLD_IDLE)
        page.goto(demo_url + "/sopo/dependencias/secretaria-de-desarrollo-social/", wait_until="load")
        page.wait_for_function("typeof window.__layOut === 'function'")
        assert page.evaluate("document.querySelectorAll('.tabla--larga').length") > 0
        top = page.evaluate(f"""() => {{
            const rows = [...document.querySelectorAll('article tbody')].find(b => b.rows.length > {LONG_ROWS}).rows;
            window.__card = rows[Math.floor(rows.length * 0.8)];
            window.__card.scrollIntoView({{block: 'center'}});
            return window.__card.getBoundingClientRect().top;
        }}""")
        page.evaluate("window.__layOut()")
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        assert not page.evaluate("document.querySelector('.tabla--larga')")
        assert abs(page.evaluate("window.__card.getBoundingClientRect().top") - top) <= 1
        assert_clean(watch)
    finally:
        watch.close()
