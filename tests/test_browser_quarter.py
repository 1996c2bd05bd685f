"""The quarter's pages in real headless Chromium on the built demo site: the alerts,
dependencias, inversión and history charts render, nothing errs or leaves the site,
axe finds no serious or critical violation (phone widths: test_browser.py)."""

from __future__ import annotations

import pytest

from tests.helpers import assert_clean, charts_on, page_with

pytestmark = pytest.mark.browser

PAGES = {
    "alertas": ("/sopo/alertas/", 1),
    "dependencias": ("/sopo/dependencias/", 2),
    "dependencia": ("/sopo/dependencias/secretaria-de-educacion/", 0),
    "inversion": ("/sopo/inversion/", 1),
    "acumulada": ("/sopo/alertas/acumulada/", 0),
}


@pytest.mark.parametrize("which", sorted(PAGES))
def test_quarter_pages_render_without_errors(watch, which):
    path, min_charts = PAGES[which]
    page = watch.open(path)
    if min_charts:
        assert charts_on(page) >= min_charts
    assert page.locator("article table").count() >= 1
    assert_clean(watch)


def test_history_charts_on_plan_and_leaf_pages(watch, demo_site):
    for path in ("/sopo/", page_with(demo_site, "Meta cuatrienio")):
        page = watch.open(path)
        charts_on(page)
        assert page.locator("[id$='-evolucion'].js-plotly-plot").count() == 1, path
        assert page.locator("h2", has_text="Evolución por corte").count() == 1
    assert page.locator("caption", has_text="en cada corte").count() >= 1
    assert page.locator("[id$='-metas-por-corte'].js-plotly-plot .main-svg").count() >= 1
    assert_clean(watch)


def test_reprogrammed_meta_trail_opens(watch, demo_site):
    page = watch.open("/sopo/reprogramaciones/")
    link = page.locator("article table a").first
    code = link.inner_text()
    link.click()
    page.wait_for_load_state("networkidle")
    row = page.locator("tr", has=page.locator(".marca")).filter(has=page.locator(f"td:text-is('{code}')"))
    assert "reprogramada" in row.inner_text()
    row.locator("details summary").first.click()
    assert row.locator("details li").first.is_visible()
    assert_clean(watch)


@pytest.mark.parametrize("which", ["alertas", "dependencias", "dependencia", "inversion", "reprogramaciones", "hoja"])
def test_no_serious_accessibility_violation(watch, demo_site, which):
    from axe_playwright_python.sync_playwright import Axe

    path, min_charts = {**PAGES, "reprogramaciones": ("/sopo/reprogramaciones/", 0),
                        "hoja": (page_with(demo_site, 'class="marca"'), 1)}[which]
    page = watch.open(path)
    if min_charts:
        charts_on(page)
    violations = Axe().run(page).response["violations"]
    serious = [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []
