"""Real headless Chromium (Debian's package) on the built demo site, served on loopback:
charts render, no console error, no request leaves the site, phones do not scroll
sideways, hostile text runs nothing. axe-core runs in test_accessibility.py (the site's
pages) and test_browser_quarter.py (the quarter's pages)."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.helpers import PLOT, PageWatch, assert_clean, charts_on, first_node_page, page_with, serve, url_of

pytestmark = pytest.mark.browser


def test_charts_far_down_the_page_wait_until_they_come_near(watch, demo_site):
    page = watch.open(page_with(demo_site, "Meta cuatrienio"))
    page.wait_for_selector(PLOT, timeout=15000)
    total = page.locator(".plotly-chart").count()
    assert 0 < page.locator(".js-plotly-plot").count() < total
    assert charts_on(page) == total
    assert_clean(watch)


def test_every_trace_type_draws_with_the_partial_bundle(browser, demo_url, demo_site):
    """One demo page per trace type the charts use, drawn by the site's own plotly.min.js:
    every chart drawn, no console message at all (an unknown trace type only warns)."""
    from generator.render.charts import BUNDLED_TRACES

    pages = {}
    for html in sorted(demo_site.rglob("index.html")):
        text = html.read_text(encoding="utf-8")
        for trace in BUNDLED_TRACES - set(pages):
            if f'"type":"{trace}"' in text:
                pages[trace] = "/" + str(html.parent.relative_to(demo_site)) + "/"
    assert set(pages) == BUNDLED_TRACES
    watch = PageWatch(browser, demo_url)
    said = []
    watch.page.on("console", lambda m: said.append(f"{m.type}: {m.text}"))
    try:
        for trace, path in sorted(pages.items()):
            page = watch.open(path)
            assert charts_on(page) == page.locator(".plotly-chart").count(), trace
            assert page.locator(f".js-plotly-plot .{trace}layer .trace").count() > 0, trace
        assert said == []
        assert_clean(watch)
    finally:
        watch.close()


def test_home_and_plan_pages_render_charts(watch):
    page = watch.open("/")
    assert page.locator("h1").first.inner_text()
    page = watch.open("/sopo/")
    assert charts_on(page) >= 2
    assert "%" in page.locator("article").inner_text()
    assert_clean(watch)


def test_node_pages_render_charts_and_tables(watch, demo_site):
    for path in (first_node_page(demo_site), page_with(demo_site, "Meta cuatrienio")):
        page = watch.open(path)
        assert charts_on(page) >= 1
        assert page.locator("article table").count() >= 1
    assert_clean(watch)


def test_charts_survive_instant_navigation(watch, demo_site):
    page = watch.open("/sopo/")
    charts_on(page)
    target = first_node_page(demo_site)
    page.locator(f'.md-content a[href$="{target}"]').first.click()
    # instant navigation may land on an anchor of the page (…/1/#escenarios-de-cambio)
    page.wait_for_url(lambda url: urlparse(url).path.endswith(target))
    assert charts_on(page) >= 1
    assert page.locator("style#plotly\\.js-style-global").count() == 1
    assert_clean(watch)


def test_palette_toggle_keeps_charts(watch):
    page = watch.open("/sopo/")
    charts_on(page)
    page.locator("label.md-header__button[for^='__palette']").first.click()
    page.wait_for_timeout(300)
    assert page.locator(PLOT).count() >= 1
    assert_clean(watch)


@pytest.mark.parametrize("path", ["nodo", "/sopo/alertas/", "/sopo/dependencias/", "/sopo/inversion/"])
def test_phone_width_has_no_horizontal_scroll(browser, demo_url, demo_site, path):
    watch = PageWatch(browser, demo_url, viewport={"width": 375, "height": 740})
    try:
        page = watch.open(first_node_page(demo_site) if path == "nodo" else path)
        charts_on(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1
        assert_clean(watch)
    finally:
        watch.close()


def test_hostile_text_runs_nothing_in_the_browser(browser, tmp_path):
    from generator.build import build_site

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "data" / "hostil", data)
    build_site(data, tmp_path / "site")
    base, server = serve(tmp_path / "site")
    watch = PageWatch(browser, base)
    try:
        for page_dir in sorted((tmp_path / "site" / "hostil").rglob("index.html")):
            page = watch.open(url_of(tmp_path / "site", page_dir))
            page.wait_for_timeout(200)
        text = watch.open("/hostil/").locator("article").inner_text()
        assert "<script>alert('nodo')</script>" in text or "alert('nodo')" in text
        assert_clean(watch)
    finally:
        watch.close()
        server.shutdown()


@pytest.mark.parametrize("which", ["plan", "nodo", "hoja"])
def test_the_figure_and_its_rango_are_in_a_phones_first_screen(browser, demo_url, demo_site, which):
    path = {"plan": "/sopo/", "nodo": first_node_page(demo_site), "hoja": page_with(demo_site, "Meta cuatrienio")}[which]
    watch = PageWatch(browser, demo_url, viewport={"width": 375, "height": 812})
    try:
        page = watch.open(path)
        for selector in (".veredicto", ".cifra__valor", ".cifra .rango"):
            box = page.locator(selector).first.bounding_box()
            assert box is not None and box["y"] + box["height"] <= 812, (selector, box)
        assert "%" in page.locator(".cifra__valor").first.inner_text()
        # the demo's corte is a T3: the sentence gives the expected-to-date reference
        assert "se esperaba el 75 % del año" in page.locator(".veredicto").inner_text()
    finally:
        watch.close()
