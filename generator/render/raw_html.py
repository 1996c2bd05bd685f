"""A Markdown extension (named in mkdocs.yml) that passes the pages' HTML blocks through
as they are, without parsing them.

The generated pages are mostly HTML (tables, cards, charts) between Markdown headings
and paragraphs. Python-Markdown parses every raw HTML block with a pure-Python HTML
parser, twice (md_in_html, and MkDocs collecting anchor ids), only to put it back
unchanged: on the demo that was over a third of the whole build. This preprocessor
runs first and sets each HTML block aside in Markdown's own stash, so the rest of
Markdown sees one placeholder line, and the block is written back verbatim.

An HTML block follows CommonMark's rule for block-level tags: after a blank line (or
at the start), a line that begins with a block-level tag (`<table`, `<figure`,
`</div>`...) starts it, and the next blank line ends it. Blocks with a `markdown`
attribute are left to md_in_html, and comments to Markdown, so hand-written pages
read as before.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

_START = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)[\s/>]|</?([A-Za-z][A-Za-z0-9-]*)$")
_MARKDOWN_ATTRIBUTE = re.compile(r"\smarkdown\s*=")
# Before md_in_html's and MkDocs's HTML parsers (20 and 21), after whitespace (30).
PRIORITY = 25


def _opens_block(md: Markdown, line: str) -> bool:
    found = _START.match(line)
    return bool(found) and md.is_block_level((found.group(1) or found.group(2)).lower())


class RawHtmlBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            if (not out or not out[-1].strip()) and _opens_block(self.md, line):
                end = i
                while end < len(lines) and lines[end].strip():
                    end += 1
                block = "\n".join(lines[i:end])
                if not _MARKDOWN_ATTRIBUTE.search(block):
                    out.append(self.md.htmlStash.store(block))
                    i = end
                    continue
            out.append(line)
            i += 1
        return out


class RawHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(RawHtmlBlocks(md), "raw_html_blocks", PRIORITY)


def makeExtension(**kwargs) -> RawHtmlExtension:  # noqa: N802 (Markdown's name for it)
    return RawHtmlExtension(**kwargs)
