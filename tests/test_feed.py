"""The plan's Atom feed: valid Atom (RFC 4287's required elements), one entry per corte,
stable ids, data escaped, linked from the plan page."""

from __future__ import annotations

import datetime
from xml.etree import ElementTree

from generator.compute.plan import compute_plan
from generator.render.feed import atom_feed
from generator.render.layout import PlanLayout
from tests.plan_factory import make_plan, meta
from tests.test_cambios import small_plan

A = "{http://www.w3.org/2005/Atom}"
PUBLISHED = datetime.date(2022, 4, 15)
HOSTILE = 'Plan <script>alert(1)</script> & "Sopó" ]]>'


def feed_of(plan, site_url=None) -> tuple[str, ElementTree.Element]:
    results = compute_plan(plan)
    text = atom_feed(results, PlanLayout.of(plan), PUBLISHED, site_url)
    return text, ElementTree.fromstring(text.encode("utf-8"))


def test_valid_atom_with_one_entry_per_corte():
    text, feed = feed_of(small_plan())
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n')
    assert feed.tag == A + "feed"
    for tag in ("id", "title", "updated"):  # required of the feed
        assert feed.find(A + tag).text
    assert feed.find(f"{A}author/{A}name").text == "Municipio de prueba"
    assert feed.find(A + "updated").text == "2022-04-15T00:00:00Z"  # the publication date
    entries = feed.findall(A + "entry")
    # Hand-checked: the plan's cumplimiento is its only node's, the mean of its programmed metas'.
    # 2022-T1: only M1 programmed, 3 / 10 = 30 %; 2021-T3: (60 + 100 + 0 + 80) / 4 = 60 %;
    # 2021-T2: (50 + 0 + 0 + 80) / 4 = 32,5 %.
    assert [e.find(A + "title").text for e in entries] == [
        "Corte 2022-T1 de «Plan de prueba»: cumplimiento 2022 del 30,0 %",
        "Corte 2021-T3 de «Plan de prueba»: cumplimiento 2021 del 60,0 %",
        "Corte 2021-T2 de «Plan de prueba»: cumplimiento 2021 del 32,5 %",
    ]
    assert [e.find(A + "updated").text for e in entries] == [
        "2022-03-31T00:00:00Z", "2021-09-30T00:00:00Z", "2021-06-30T00:00:00Z"]
    ids = [e.find(A + "id").text for e in entries]
    assert len(set(ids + [feed.find(A + "id").text])) == 4 and all(i.startswith("urn:uuid:") for i in ids)
    # Relative to the feed (prueba/feed.xml): the changes page, or the archived page of the first corte.
    assert [e.find(A + "link").get("href") for e in entries] == [
        "cambios/2022-T1/", "cambios/2021-T3/", "cortes/2021-T2/"]
    assert "Desde el corte 2021-T2: 1 meta cambió de estado" in entries[1].find(A + "summary").text


def test_ids_stable_links_absolute_with_the_site_url():
    text, feed = feed_of(small_plan(), "https://www.ejemplo.gov.co/rendicion/")
    again, _ = feed_of(small_plan(), None)
    ids = [e.text for e in feed.iter(A + "id")]
    assert ids == [e.text for e in ElementTree.fromstring(again.encode()).iter(A + "id")]  # whatever the address
    assert text == feed_of(small_plan(), "https://www.ejemplo.gov.co/rendicion/")[0]  # same bytes
    assert feed.find(A + "link[@rel='self']").get("href") == "https://www.ejemplo.gov.co/rendicion/prueba/feed.xml"
    assert feed.find(f"{A}entry/{A}link").get("href") == "https://www.ejemplo.gov.co/rendicion/prueba/cambios/2022-T1/"


def test_text_from_the_data_is_escaped():
    plan = make_plan(tree={"1": 1}, metas=[meta("M1", "1", {2021: 10})], cortes={"2021-T2": {"M1": 5}},
                     nombre=HOSTILE, entidad="Alcaldía <b>&amp;</b>")
    text, feed = feed_of(plan)
    assert "<script>" not in text and "<b>" not in text
    assert feed.find(A + "title").text == f"{HOSTILE}: cortes publicados"
    assert feed.find(f"{A}author/{A}name").text == "Alcaldía <b>&amp;</b>"
    (entry,) = feed.findall(A + "entry")
    assert entry.find(A + "title").text == f"Corte 2021-T2 de «{HOSTILE}»: cumplimiento 2021 del 50,0 %"


def test_demo_feed_linked_from_the_plan_page(demo_site):
    feed = ElementTree.parse(demo_site / "sopo" / "feed.xml").getroot()
    assert len(feed.findall(A + "entry")) == len(list((demo_site / "sopo" / "cambios").iterdir())) + 1
    home = (demo_site / "sopo" / "index.html").read_text(encoding="utf-8")
    assert '<a href="feed.xml">canal de novedades</a>' in home
    # No <link rel="alternate"> in the head: Material fetches a sitemap.xml beside every
    # alternate link (its language switcher), /sopo/sitemap.xml here, a 404 on each page.
    assert "application/atom+xml" not in home
