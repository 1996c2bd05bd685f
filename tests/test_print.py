"""Pages on paper (print emulation in real Chromium): every table fits the printable
width of an A4 page, every "Más datos" is open, no navigation is printed."""

from __future__ import annotations

import pytest

from tests.helpers import PageWatch, assert_clean, page_with

pytestmark = pytest.mark.browser

# A4 portrait less 1 cm margins each side, in CSS pixels (96 per inch).
PRINTABLE_WIDTH = round((210 - 20) / 25.4 * 96)

WIDEST_TABLE = """() => Math.max(0, ...[...document.querySelectorAll('article table')].map(t =>
    Math.max(t.scrollWidth, t.getBoundingClientRect().right)))"""


@pytest.mark.parametrize("which", ["plan", "metas", "alertas", "dependencia", "datos", "informe"])
def test_printed_tables_fit_the_page_and_details_open(browser, demo_url, demo_site, which):
    path = {"plan": "/sopo/", "metas": page_with(demo_site, "Más datos"), "alertas": "/sopo/alertas/",
            "dependencia": "/sopo/dependencias/secretaria-de-educacion/", "datos": "/sopo/datos/",
            "informe": "/sopo/informe/"}[which]
    watch = PageWatch(browser, demo_url, viewport={"width": PRINTABLE_WIDTH, "height": 1100})
    try:
        page = watch.open(path)
        page.emulate_media(media="print")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert page.locator("article table").count() > 0
        assert page.evaluate(WIDEST_TABLE) <= PRINTABLE_WIDTH + 1
        assert page.evaluate("document.documentElement.scrollWidth") <= PRINTABLE_WIDTH + 1
        assert page.locator(".md-typeset details:not([open])").count() == 0
        assert not page.locator(".md-sidebar--primary").is_visible()
        assert_clean(watch)
    finally:
        watch.close()


def test_details_close_again_after_printing(watch, demo_site):
    page = watch.open(page_with(demo_site, "Más datos"))
    closed = page.locator(".md-typeset details:not([open])").count()
    assert closed > 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".md-typeset details:not([open])").count() == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".md-typeset details:not([open])").count() == closed


@pytest.mark.parametrize("path", ["/sopo/", "/sopo/inversion/", "/tenjo/e1/", "/sopo/informe/"])
def test_every_printed_sheet_ends_with_the_corte_date_and_office(browser, demo_url, path):
    """On paper the page's last line is fixed to the foot of the sheet: Chromium repeats a
    fixed element on every printed page."""
    watch = PageWatch(browser, demo_url, viewport={"width": PRINTABLE_WIDTH, "height": 1100})
    try:
        page = watch.open(path)
        footer = page.locator("article .pie-pagina")
        assert footer.evaluate("e => getComputedStyle(e).position") == "static"  # on screen, at the end
        page.emulate_media(media="print")
        assert footer.evaluate("e => getComputedStyle(e).position") == "fixed"
        box = footer.bounding_box()
        assert abs(box["y"] + box["height"] - 1100) <= 1  # at the foot of the sheet
        text = footer.inner_text()
        assert text.startswith("Corte: ") and "Publicado el " in text and "Responsable: " in text
        assert_clean(watch)
    finally:
        watch.close()
