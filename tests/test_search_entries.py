"""The generated pages' search entries (write/search_entries.py) are those Material's
search plugin makes, on every page of the demo, and the built index holds them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import SearchIndex

from generator.build import publication_date
from generator.compute.plan import compute_plan
from generator.load import load_data
from generator.render.site import write_docs
from generator.write.search_entries import (
    MKDOCS_BUILTIN_EXTENSIONS,
    page_entries,
    page_url,
    site_markdown,
)
from tests.helpers import MARKDOWN_EXTENSIONS

REPO = Path(__file__).resolve().parent.parent
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)


def plugin_entries(relative: str, source: str) -> list[dict]:
    """What Material's plugin makes of the page, were it not excluded."""
    found = _FRONT_MATTER.match(source)
    title = json.loads(re.search(r"^title: (.*)$", found.group(1), re.M).group(1))
    page = SimpleNamespace(meta={"title": title}, toc=[], url=page_url(relative), title=title,
                           content=site_markdown().convert(source[found.end():]))
    index = SearchIndex()
    index.add_entry_from_context(page)
    return index.entries


@pytest.fixture(scope="module")
def demo_docs(tmp_path_factory) -> tuple[Path, list[dict]]:
    plans, problems = load_data(REPO / "data")
    assert not problems.has_errors
    docs = tmp_path_factory.mktemp("docs")
    entries = docs.parent / "busqueda.json"
    write_docs([compute_plan(p) for p in plans], docs, published=publication_date(REPO / "data"),
               search_entries=entries)
    return docs, json.loads(entries.read_text(encoding="utf-8"))


def test_every_demo_page_gets_the_plugins_own_entries(demo_docs):
    docs, _ = demo_docs
    md = site_markdown()
    compared = 0
    for path in sorted(docs.rglob("*.md")):
        relative, source = str(path.relative_to(docs)), path.read_text(encoding="utf-8")
        mine = page_entries(md, relative, source)
        if mine is None:
            assert "\nbuscable: false\n" in source
            continue
        assert mine == plugin_entries(relative, source), relative
        compared += 1
    assert compared > 300


def test_the_written_entries_are_every_searchable_page_in_order(demo_docs):
    docs, written = demo_docs
    pages = {e["location"].split("#")[0] for e in written}
    assert "sopo/" in pages and "tenjo/1/" in pages and "sopo/alertas/" not in pages
    assert written[0]["location"] == "" and written[0]["title"].startswith("Rendición de cuentas")
    codes = {w for e in written for w in re.findall(r"1\.A\.4\.0\d", e["text"])}
    assert {"1.A.4.01", "1.A.4.07"} <= codes  # meta codes, as the tables show them


def test_every_generated_page_is_left_out_of_the_plugin(demo_docs):
    docs, _ = demo_docs
    for path in docs.rglob("*.md"):
        assert "\nsearch:\n  exclude: true\n" in path.read_text(encoding="utf-8").split("\n---\n", 1)[0] + "\n"


@pytest.mark.parametrize("html, expected", [
    # A heading without an id is text of its section; the page's title names it.
    ('<h1>Título</h1><p>Uno <b>dos</b></p>', [("", "T", "Título<p>Uno dos</p>")]),
    # The permalink is no part of the title; only the first empty kept tag of a section goes.
    ('<p>a</p><h2 id="b">B<a class="headerlink" href="#b">&para;</a></h2><ul><li>x &amp; y</li><li> </li></ul>',
     [("", "T", "<p>a</p>"), ("#b", "B", "<ul><li>x &amp; y</li><li> </li></ul>")]),
    ('<nav data-search-exclude><ol><li>migas</li></ol></nav><div class="tabla"><table><tr><td>1.A.1</td>'
     '<td>Meta</td></tr></table></div>', [("", "T", "1.A.1Meta")]),
    ('<h2 id="x" data-search-exclude>Fuera</h2><p>texto</p><h3 id="y">Y</h3><pre>a\n  b</pre>',
     [("", "T", ""), ("#y", "Y", "<pre>a\n  b</pre>")]),
    ('<p>a<br/>b<script>var x = "<p>";</script></p><!-- c --><p>d</p>', [("", "T", "<p>ab</p><p>d</p>")]),
    ("<p>x</p><style>p > a { color: red }</style><p>y</p>", [("", "T", "<p>x</p><p>y</p>")]),
])
def test_sections_and_text_as_the_plugin_makes_them(html, expected):
    source = '---\ntitle: "T"\n---\n\n' + html + "\n"
    mine = page_entries(site_markdown(), "p/index.md", source)
    assert [(e["location"][len("p/"):], e["title"], e["text"]) for e in mine] == expected
    assert mine == plugin_entries("p/index.md", source)


def test_markdown_is_converted_with_mkdocs_own_extensions_too():
    from mkdocs.config.defaults import MkDocsConfig

    assert tuple(MkDocsConfig.markdown_extensions.builtins) == MKDOCS_BUILTIN_EXTENSIONS
    assert set(MKDOCS_BUILTIN_EXTENSIONS) <= set(MARKDOWN_EXTENSIONS)


@pytest.mark.parametrize("relative, url", [("index.md", ""), ("sopo/index.md", "sopo/"),
                                           ("glosario.md", "glosario/"), ("sopo/datos.md", "sopo/datos/")])
def test_page_urls_are_mkdocs_directory_urls(relative, url):
    assert page_url(relative) == url
