"""Pages converted once (write/prerender.py): MkDocs's child takes a page's HTML from the
page writers only when made from the Markdown it reads, rewrites its links as MkDocs
would, and the demo built that way is the site MkDocs makes converting every page."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

import generator.render.site as site_module
from generator.build import build_site, publication_date
from generator.compute.plan import compute_plan
from generator.load import load_data
from generator.mkdocs_child import use_converted
from generator.render.site import write_docs
from generator.write.prerender import LINK_MARK, page_markdown, read_converted, write_converted
from generator.write.search_entries import convert_page

REPO = Path(__file__).resolve().parent.parent
SOURCE = """---
title: "Metas de «A»"
---

# Metas

Vea [la otra página](../b.md#avance) y <a href="../b/">esta, en HTML</a>.

## Avance

| Meta | Avance |
|---|---|
| 1.A | 50 % |
"""


@pytest.fixture
def mkdocs_page(tmp_path, monkeypatch):
    """A function that gives the page at `sub/a.md` (holding `source`) as MkDocs
    renders it, once use_converted has set MkDocs to read pages from `kept`."""
    monkeypatch.setattr(Page, "render", Page.render)  # use_converted replaces it: put back after the test
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "b.md").write_text("# B\n\n## Avance\n", encoding="utf-8")
    yml = tmp_path / "mkdocs.yml"
    site = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    yml.write_text(yaml.safe_dump({"site_name": "Prueba", "docs_dir": "docs", "site_dir": "site",
                                   "markdown_extensions": site["markdown_extensions"]}), encoding="utf-8")
    config = load_config(str(yml))

    def render(source: str) -> Page:
        (docs / "sub" / "a.md").write_text(source, encoding="utf-8")
        files = Files([File(path, str(docs), str(tmp_path / "site"), True) for path in ("sub/a.md", "b.md")])
        page = Page(None, files.get_file_from_path("sub/a.md"), config)
        page.read_source(config)
        page.render(config, files)
        return page

    return render


def test_a_kept_page_is_used_with_its_links_rewritten_as_mkdocs_does(tmp_path, mkdocs_page):
    own = mkdocs_page(SOURCE)  # MkDocs converting the page itself
    kept = tmp_path / "kept"
    page = convert_page(page_markdown(), SOURCE)
    assert f'href="{LINK_MARK}../b.md#avance"' in page.html and 'href="../b/"' in page.html
    write_converted(kept, "sub/a.md", page)
    use_converted(kept)
    used = mkdocs_page(SOURCE)
    assert used.content == own.content
    assert 'href="../../b/#avance"' in used.content and 'href="../b/"' in used.content
    assert [(t.title, t.id) for t in used.toc] == [(t.title, t.id) for t in own.toc] == [("Metas", "metas")]
    assert [(t.title, t.id) for t in next(iter(used.toc)).children] == [("Avance", "avance")]
    assert used.title == own.title == "Metas de «A»"


def test_the_kept_html_is_what_mkdocs_shows_and_only_for_the_markdown_it_came_from(tmp_path, mkdocs_page):
    kept = tmp_path / "kept"
    page = convert_page(page_markdown(), SOURCE)
    write_converted(kept, "sub/a.md", page.__class__(page.meta, page.body, page.html + "<p>guardada</p>", page.toc))
    use_converted(kept)
    assert "guardada" in mkdocs_page(SOURCE).content
    changed = SOURCE.replace("50 %", "60 %")
    assert read_converted(kept, "sub/a.md", changed.split("---\n", 2)[2]) is None
    assert "guardada" not in mkdocs_page(changed).content and "60 %" in mkdocs_page(changed).content


def test_a_page_whose_link_the_serializer_escaped_is_left_to_mkdocs(tmp_path, mkdocs_page):
    source = SOURCE.replace("../b.md#avance", "../b.md?a=1&b=2")
    kept = tmp_path / "kept"
    page = convert_page(page_markdown(), source)
    write_converted(kept, "sub/a.md", page.__class__(page.meta, page.body, page.html + "<p>guardada</p>", page.toc))
    use_converted(kept)
    assert "guardada" not in mkdocs_page(source).content


def test_every_demo_page_is_kept_for_the_markdown_mkdocs_reads_from_its_file(tmp_path):
    plans, problems = load_data(REPO / "data")
    docs, kept = tmp_path / "docs", tmp_path / "kept"
    write_docs([compute_plan(p) for p in plans], docs, published=publication_date(REPO / "data"),
               search_entries=tmp_path / "busqueda.json", converted=kept)
    pages = sorted(docs.rglob("*.md"))
    assert len(pages) > 300
    for path in pages:
        body, meta = get_data(path.read_text(encoding="utf-8"))
        assert "title" in meta and read_converted(kept, str(path.relative_to(docs)), body), path


def test_the_demo_built_from_kept_pages_is_the_site_mkdocs_makes_alone(tmp_path, monkeypatch, demo_site,
                                                                         demo_site_url):
    """The page writers run in forked processes: without write_converted nothing is
    kept, and MkDocs converts every page itself."""
    monkeypatch.setattr(site_module, "write_converted", lambda *args: None)
    alone = tmp_path / "site"
    build_site(REPO / "data", alone, site_url=demo_site_url)
    files = sorted(str(path.relative_to(demo_site)) for path in demo_site.rglob("*") if path.is_file())
    assert files == sorted(str(path.relative_to(alone)) for path in alone.rglob("*") if path.is_file())
    assert len(files) > 1000
    assert [name for name in files if (demo_site / name).read_bytes() != (alone / name).read_bytes()] == []
