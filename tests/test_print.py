"""Pages on paper (print emulation in real Chromium): every table fits the printable
width of an A4 page, every "Más datos" is open, no navigation is printed; printed to
PDF, the corte, date and office line sits under every sheet and the plan page takes no
more sheets than before."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import PageWatch, assert_clean, draw_charts, page_with

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


def printed(page, pdf: Path) -> list[list[tuple[float, float, str]]]:
    """The page printed by Chromium (A4, the stylesheet's @page margins): the words of
    each sheet as (top, bottom, text), read back with poppler's pdftotext."""
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    if shutil.which("pdftotext") is None:
        pytest.fail("Falta pdftotext: ejecute ./tareas pruebas, que instala poppler-utils")
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[(float(top), float(bottom), html.unescape(text)) for top, bottom, text in WORD.findall(sheet)]
            for sheet in xml.split("<page ")[1:]]


WORD = re.compile(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<')
# The demo's plan page, seen at 1366 x 900 and printed on A4 with 1 cm margins, took 7
# sheets before the cards and the footer in the margin (7 after), and 8 once the front door
# gained each escenario's description, the avance of the whole period in its table and the
# plan by topic: it may not take more paper than that.
PLAN_SHEETS_BEFORE = 8


@pytest.mark.parametrize("path", ["/sopo/", "/sopo/inversion/", "/sopo/alertas/", "/tenjo/e1/", "/sopo/informe/"])
def test_every_printed_sheet_ends_with_the_corte_date_and_office_below_the_page(browser, demo_url, tmp_path, path):
    """The page's last line is printed in the bottom margin of every sheet, with the
    sheet's number: it covers no line of the page (a fixed element did, on each sheet)."""
    watch = PageWatch(browser, demo_url, viewport={"width": PRINTABLE_WIDTH, "height": 1100})
    try:
        page = watch.open(path)
        footer = page.locator("article .pie-pagina")
        text = " ".join(footer.inner_text().split())
        assert text.startswith("Corte: ") and "Publicado el " in text and "Responsable: " in text
        page.emulate_media(media="print")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert not footer.is_visible()  # in the margin instead
        sheets = printed(page, tmp_path / "pagina.pdf")
        assert len(sheets) > 1
        for number, words in enumerate(sheets, start=1):
            starts = [top for top, _, word in words if word == "Corte:"]
            assert starts, f"hoja {number} sin pie"
            foot = max(starts)
            line = " ".join(word for top, _, word in words if top >= foot - 1)
            assert line.startswith(text.split(" Responsable:")[0]) and f"Hoja {number} de {len(sheets)}" in line
            page_words = [w for w in words if w[0] < foot - 1]
            assert page_words and max(bottom for _, bottom, _ in page_words) < foot  # nothing under the foot
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        page.emulate_media(media="screen")
        assert footer.is_visible()
        assert page.evaluate("document.documentElement.style.getPropertyValue('--pie-pagina')") == ""
        assert_clean(watch)
    finally:
        watch.close()


def test_the_plan_page_takes_no_more_paper_than_before(browser, demo_url, tmp_path):
    watch = PageWatch(browser, demo_url, viewport={"width": 1366, "height": 900})
    try:
        page = watch.open("/sopo/")
        draw_charts(page)  # as a reader who scrolled the page, then printed it
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert 1 < len(printed(page, tmp_path / "plan.pdf")) <= PLAN_SHEETS_BEFORE
        assert_clean(watch)
    finally:
        watch.close()
