"""Search a citizen can use (issue 10), in Chromium against the demo site: accents and
case do not matter, synonyms widen a query, a meta code finds its page, the matrix
pages stay out, the plan the reader is in comes first, and the worker logs nothing."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.helpers import PageWatch, assert_clean, first_node_page, page_with

pytestmark = pytest.mark.browser

INDEX = "search/search_index.json"
QUERY = "[data-md-component=search-query]"
META = ".md-search-result__meta"


def search(page, query: str) -> list[str]:
    """Type `query` into the open search box; the href of every result, in order
    (Material renders ten, then more as the list scrolls: the count is its own)."""
    box = page.locator(QUERY)
    box.fill(query)
    box.press("End")  # Material reads the query on keyup, not on input
    page.wait_for_function(
        """(query) => {
            const meta = document.querySelector(".md-search-result__meta");
            return document.querySelector("[data-md-component=search-query]").value === query
                && meta && /\\d|No se encontraron/.test(meta.textContent);
        }""", arg=query, timeout=30000)
    page.wait_for_timeout(400)  # a later keystroke's result replaces an earlier one
    links = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    return [urlsplit(link).path for link in links]  # without ?h=query#section


def found(page) -> int:
    text = page.locator(META).inner_text()
    return 0 if "No se encontraron" in text else int(re.search(r"\d+", text).group(0))


def open_search(watch: PageWatch, path: str):
    asked = []
    watch.page.on("request", lambda r: r.url.endswith(INDEX) and asked.append(r.url))
    page = watch.open(path)
    page.wait_for_timeout(300)
    assert asked == []  # the index waits until the reader opens search
    page.locator(QUERY).click()
    return page, asked


@pytest.fixture(params=["sopo"])
def searching(request, browser, demo_url, demo_site):
    """A node page of the plan, search open; at the end, one index request, no error."""
    watch = PageWatch(browser, demo_url)
    page, asked = open_search(watch, first_node_page(demo_site, request.param))
    yield page
    assert len(asked) == 1
    assert_clean(watch)
    watch.close()


def test_a_word_without_its_accent_or_in_capitals_finds_what_the_word_finds(searching):
    page = searching
    search(page, "educación")
    accented = found(page)
    assert accented >= 10
    for query in ("educacion", "EDUCACION", "Educación"):
        search(page, query)
        assert found(page) >= accented, query


@pytest.mark.parametrize("searching", ["tenjo"], indirect=True)
def test_vias_without_accent_and_carreteras_find_the_malla_vial_metas(searching, demo_site):
    page = searching
    malla = page_with(demo_site, "malla vial", "Meta cuatrienio", plan="tenjo")
    for query in ("vias", "carreteras", "malla vial"):
        links = search(page, query)
        assert malla in links, (query, malla, links)
        assert "malla vial" in page.locator(".md-search-result__list").inner_text().lower()


def test_hospital_finds_the_salud_pages_and_shows_no_missing_synonym(searching):
    page = searching
    links = search(page, "hospital")
    assert links
    listed = page.locator(".md-search-result__list").inner_text().lower()
    assert "salud" in listed
    assert page.locator(".md-search-result__list del").count() == 0  # "Falta: salud" never shown


def test_a_meta_code_finds_the_page_that_lists_the_meta(searching, demo_site):
    page = searching
    listing = page_with(demo_site, "1.A.4.01", "Meta cuatrienio")
    for query in ("1.A.4.01", "1.a.4.01", "1.A.4"):
        links = search(page, query)
        assert links and links[0] == listing, (query, listing, links)


def test_the_matrix_pages_are_not_search_results(searching, demo_site):
    page = searching
    for matrix in ("alertas", "alertas/acumulada"):
        assert "vías" in (demo_site / "sopo" / matrix / "index.html").read_text(encoding="utf-8")
    for query in ("vías", "rezagada", "matriz acumulada"):
        links = search(page, query)
        assert not any("/alertas/" in link for link in links), (query, links)


def test_results_of_the_readers_plan_come_first_and_then_the_others(browser, demo_url, demo_site):
    seen = set()
    for plan in ("sopo", "tenjo", "gachancipa"):
        watch = PageWatch(browser, demo_url)
        page, _ = open_search(watch, first_node_page(demo_site, plan))
        plans = [link.split("/")[1] for link in search(page, "hospital")]
        assert plans[0] == plan and plans == sorted(plans, key=lambda p: p != plan), plans
        seen.update(plans)
        assert_clean(watch)
        watch.close()
    assert {"sopo", "tenjo", "gachancipa"} <= seen


def test_the_plan_first_follows_instant_navigation(browser, demo_url, demo_site):
    watch = PageWatch(browser, demo_url)
    page, _ = open_search(watch, first_node_page(demo_site, "sopo"))
    page.keyboard.press("Escape")
    tenjo = first_node_page(demo_site, "tenjo")
    page.evaluate("(url) => { const a = document.createElement('a'); a.href = url; document.body.append(a); a.click(); }", tenjo)
    page.wait_for_url("**" + tenjo)
    page.locator(QUERY).click()
    links = search(page, "vías")
    assert links[0].split("/")[1] == "tenjo", links
    assert_clean(watch)
    watch.close()


def test_the_result_page_marks_the_words_found_accents_or_not(searching):
    page = searching
    search(page, "educacion")
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_url("**?h=*")
    page.wait_for_function("document.querySelectorAll('article mark').length > 0")
    marked = page.eval_on_selector_all("article mark", "marks => marks.map(m => m.textContent.toLowerCase())")
    assert "educación" in marked
    assert set(marked) <= {"educación", "educativa", "educativo", "educativas", "educativos", "educacion"}, marked


def test_a_page_opened_with_a_search_marks_plurals_and_meta_codes(browser, demo_url, demo_site):
    watch = PageWatch(browser, demo_url)
    listing = page_with(demo_site, "1.A.4.01", "Meta cuatrienio")
    page = watch.open(listing + "?h=1.a.4.01")
    page.wait_for_function("document.querySelectorAll('article mark').length > 0")
    assert "1.A.4.01" in page.eval_on_selector_all("article mark", "marks => marks.map(m => m.textContent)")
    page = watch.open(first_node_page(demo_site, "sopo"))
    assert page.locator("article mark").count() == 0  # no search, nothing marked
    assert_clean(watch)
    watch.close()
