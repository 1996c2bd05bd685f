"""The Markdown extension that passes HTML blocks through unparsed (render/raw_html.py)."""

from __future__ import annotations

import re

import markdown
import pytest

from generator.render.raw_html import RawHtmlBlocks
from tests.helpers import MARKDOWN_CONFIGS, MARKDOWN_EXTENSIONS, to_html

WITHOUT = [e for e in MARKDOWN_EXTENSIONS if e != "generator.render.raw_html"]


def plain(md_source: str) -> str:
    """Markdown as Python-Markdown alone converts it (md_in_html parsing the HTML)."""
    return markdown.markdown(md_source, extensions=WITHOUT, extension_configs=MARKDOWN_CONFIGS)


def same(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def test_the_site_uses_it():
    assert "generator.render.raw_html" in MARKDOWN_EXTENSIONS
    assert MARKDOWN_EXTENSIONS.index("generator.render.raw_html") < MARKDOWN_EXTENSIONS.index("md_in_html")


PAGE = """<nav class="migas"><ol><li><a href="../">Plan</a></li></ol></nav>

<h1><span class="nivel">Escenario 1</span> Bienestar</h1>

## En pocas palabras

«Bienestar» (escenario 1\\.A) tiene un *peso* del 30 %, ver [metodología](../metodologia/).

<figure class="grafica"><div class="plotly-chart" data-figure='{"data":[]}'></div><figcaption>Una gráfica</figcaption></figure>
<div class="tabla"><table><caption>Metas</caption><tr><th>Código</th></tr><tr><td>1.A.1</td></tr></table></div>

- una lista
- de *dos*

<details class="mas"><summary>Más datos</summary><ul><li>a &amp; b</li></ul></details>
"""


def test_a_generated_page_converts_as_markdown_alone_converts_it():
    assert same(to_html(PAGE)) == same(plain(PAGE))


def test_each_block_is_kept_verbatim_not_parsed():
    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIGS)
    # Unbalanced on purpose: a parser would close the <div>; passed through, it stays as written.
    block = '<div class="tabla"><table><tr><td>1</td></tr></table>\n<p>second line, same block'
    html = md.convert(f"## Título\n\n{block}\n\nUn párrafo *con énfasis*.\n")
    assert block in html
    assert md.htmlStash.rawHtmlBlocks == [block]
    assert "<em>con énfasis</em>" in html


@pytest.mark.parametrize("source", [
    "Un párrafo\n<div>pegado al párrafo</div>\n",  # no blank line before: part of the paragraph
    "<!-- un comentario -->\n\n*texto*\n",  # comments are Markdown's
    "<span>en línea</span> y *énfasis*\n",  # not a block-level tag
    '<div markdown="1">\n*énfasis* dentro\n</div>\n',  # md_in_html's own
    "<div>\n<p>dos líneas</p>\n</div>\n\n<div>\n\n*separado*\n\n</div>\n",  # blank lines inside
])
def test_what_is_not_a_plain_html_block_is_left_to_markdown(source):
    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIGS)
    lines = source.split("\n")
    kept = RawHtmlBlocks(md).run(lines)
    stashed = md.htmlStash.rawHtmlBlocks
    assert all("\n\n" not in block and "markdown=" not in block and block.startswith("<")
               and not block.startswith("<!--") and not block.startswith("<span") for block in stashed)
    assert len(kept) <= len(lines)


def test_markdown_inside_a_markdown_attribute_block_is_still_converted():
    assert "<em>énfasis</em>" in to_html('<div markdown="1">\n*énfasis* dentro\n</div>\n')


def test_a_block_after_a_paragraph_line_stays_in_the_paragraph_as_before():
    source = "Un párrafo\n<div>pegado</div>\n\n<div>suelto</div>\n"
    assert same(to_html(source)) == same(plain(source))
