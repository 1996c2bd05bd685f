"""What a reader's phone downloads (issue 11): gzip copies of the large text files for
hosts that serve them, and the search index only once the reader opens search."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from generator.write.compressed import COMPRESSED_SUFFIXES, MIN_BYTES, write_compressed_copies
from tests.helpers import PageWatch, first_node_page

INDEX = "search/search_index.json"


def test_every_large_text_file_of_the_site_has_a_gzip_copy_of_its_bytes(demo_site):
    large = [p for p in demo_site.rglob("*") if p.is_file() and p.suffix in COMPRESSED_SUFFIXES
             and p.stat().st_size > MIN_BYTES]
    assert {p.suffix for p in large} >= {".html", ".js", ".css", ".json", ".csv"}
    assert (demo_site / INDEX) in large
    for path in large:
        copy = path.with_name(path.name + ".gz")
        assert gzip.decompress(copy.read_bytes()) == path.read_bytes(), path
    small = [p for p in demo_site.rglob("*") if p.is_file() and p.suffix in COMPRESSED_SUFFIXES
             and p.stat().st_size <= MIN_BYTES and p.name != "sitemap.xml"]  # MkDocs gzips it
    assert small and not any(p.with_name(p.name + ".gz").exists() for p in small)


def test_gzip_copies_carry_no_date_or_name_and_skip_other_files(tmp_path: Path):
    (tmp_path / "a").mkdir()
    page = tmp_path / "a" / "index.html"
    page.write_text("<p>cumplimiento</p>" * 200, encoding="utf-8")
    (tmp_path / "libro.xlsx").write_bytes(b"PK" * 2000)
    write_compressed_copies(tmp_path)
    first = (tmp_path / "a" / "index.html.gz").read_bytes()
    assert first[3] == 0 and first[4:8] == b"\0\0\0\0"  # no FNAME flag, mtime 0
    write_compressed_copies(tmp_path)
    assert (tmp_path / "a" / "index.html.gz").read_bytes() == first
    assert not (tmp_path / "libro.xlsx.gz").exists()


@pytest.mark.browser
def test_a_page_load_does_not_fetch_the_search_index_until_search_opens(browser, demo_url, demo_site):
    watch = PageWatch(browser, demo_url)
    asked = []
    watch.page.on("request", lambda r: r.url.endswith(INDEX) and asked.append(r.url))
    try:
        page = watch.open(first_node_page(demo_site))
        page.wait_for_timeout(500)
        assert asked == []
        page.locator("[data-md-component=search-query]").click()
        page.keyboard.type("educación")
        result = page.locator(".md-search-result__item").first
        result.wait_for(timeout=15000)
        assert len(asked) == 1
        assert "ducaci" in result.inner_text().lower()
        assert watch.errors == [] and watch.outside == []
    finally:
        watch.close()
