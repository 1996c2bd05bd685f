"""Text from the data shows literally and runs nothing, in Markdown, HTML and charts."""

from __future__ import annotations

import re

import pytest

from generator.render.escape import (
    html_text,
    md_paragraphs,
    md_text,
    plotly_text,
    safe_url,
)
from tests.helpers import to_html

# The permalink the site's toc settings add to every heading.
_PERMALINK = re.compile(r'<a class="headerlink" href="#[^"]*" title="[^"]*">&para;</a>')


def render(md: str) -> str:
    """As the site converts it, less the headings' own permalinks."""
    return _PERMALINK.sub("", to_html(md))

HOSTILE = [
    "<script>alert(1)</script>",
    "{{ 7*7 }} {% raw %}",
    "| pipe | otra |",
    "[x](javascript:alert(1))",
    "# Título falso\n\n- lista",
    "**negrita** _cursiva_ `código` \\ barra",
    "texto {: onclick=alert(1) } fin",
    "<img src=x onerror=alert(1)>",
    "&lt;ya escapado&gt;",
    "l'apostrophe = \"comillas\" <img src=x onerror=alert('x')>",
    "1. no es una lista",
    "> no es una cita",
]


def visible_text(html: str) -> str:
    from html.parser import HTMLParser

    parts = []

    class Text(HTMLParser):
        def handle_data(self, data):
            parts.append(data)

    parser = Text(convert_charrefs=True)
    parser.feed(html)
    return "".join(parts)


def event_attributes(html: str) -> list[str]:
    from html.parser import HTMLParser

    found = []

    class Attrs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend(name for name, _ in attrs if name.startswith("on"))

    Attrs().feed(html)
    return found


@pytest.mark.parametrize("text", HOSTILE)
def test_md_text_shows_literally_in_a_paragraph_and_a_heading(text):
    literal = " ".join(text.split())
    for md in (f"Antes {md_text(text)} después", f"## {md_text(text)}", md_text(text)):
        html = render(md)
        assert "<script" not in html and "<img" not in html and "<a " not in html
        assert "<strong" not in html and "<em" not in html and "<code" not in html
        assert "<table" not in html and "<h1" not in html and "<li" not in html
        assert not event_attributes(html)
        assert literal in visible_text(html)


@pytest.mark.parametrize("text", HOSTILE)
def test_html_text_is_inert(text):
    out = html_text(text)
    assert "<" not in out and ">" not in out and '"' not in out
    assert visible_text(out) == " ".join(text.split())


def test_md_text_in_a_table_cell_does_not_split_the_row():
    md = "| a | b |\n|---|---|\n| " + md_text("| pipe | otra |") + " | x |\n"
    html = render(md)
    assert html.count("<td>") == 2
    assert "| pipe | otra |" in visible_text(html)


def test_plotly_text_escapes_the_tags_plotly_reads():
    assert plotly_text("<b>x</b> & <br>") == "&lt;b&gt;x&lt;/b&gt; &amp; &lt;br&gt;"
    assert plotly_text("{{ 7*7 }}") == "{{ 7*7 }}"
    assert plotly_text("a" * 50, 10) == "a" * 9 + "…"


@pytest.mark.parametrize("url, ok", [
    ("https://example.org/a?b=1", True),
    ("http://example.org", True),
    ("javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False),
    ("data:text/html,<script>", False),
    ("//example.org", False),
    ("ftp://example.org", False),
    ("https://exa mple.org", False),
    ("", False),
])
def test_only_http_links(url, ok):
    assert (safe_url(url) is not None) is ok


def test_description_keeps_safe_markdown_only():
    html = md_paragraphs("Texto **clave** y [bueno](https://example.org)\n\n[malo](javascript:alert(1)) <script>x</script>")
    assert '<a href="https://example.org" rel="nofollow noopener">bueno</a>' in html
    assert "<strong>clave</strong>" in html
    assert "javascript" not in html.split("malo")[0] and 'href="javascript' not in html
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert html.count("<p>") == 2


def test_control_characters_are_dropped_so_front_matter_stays_yaml():
    import yaml

    from generator.render.escape import one_line
    from generator.render.layout import front_matter

    assert one_line("a\x80b\x99c\x00d") == "abcd"
    head = front_matter("Meta \x85 con control \x99")
    assert yaml.safe_load(head.split("---")[1])["title"] == "Meta con control"
