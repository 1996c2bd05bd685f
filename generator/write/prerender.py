"""Each generated page converted once, by the process that writes it.

The page writers convert every page's Markdown with the site's own extensions and
settings (search_entries.site_markdown) to make its search entries. This module keeps
that HTML and table of contents beside the docs folder, one JSON file a page, and
MkDocs's child uses them instead of converting each page again with a new Markdown
converter (generator/mkdocs_child.py): on the demo, about a sixth of MkDocs's time,
on the one core MkDocs runs on.

The one thing MkDocs does to a page's HTML that the site's extensions do not is to
rewrite the links the Markdown made (not those of raw HTML) from a source file to its
address. Those links are marked here (LINK_MARK) and the child rewrites them with
MkDocs's own rule. A page is used only if MkDocs reads from its file the very Markdown
it was made from (a hash of it); any other is converted by MkDocs as usual. A test
builds the demo both ways and compares every file of the two sites.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown

from generator.write.search_entries import Converted, site_markdown

# Put before the target of each link and image the Markdown made; not a scheme any
# page's link could start with.
LINK_MARK = "enlace-por-resolver:"
# The links MkDocs rewrites: the attribute of each element (its _RelativePathTreeprocessor).
LINKED = {"a": "href", "img": "src"}


class _MarkLinks(markdown.treeprocessors.Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            key = LINKED.get(element.tag)
            if key is not None and element.get(key) is not None:
                element.set(key, LINK_MARK + element.get(key))


def page_markdown() -> markdown.Markdown:
    """site_markdown, with the links the Markdown makes marked for MkDocs to rewrite;
    where MkDocs rewrites them (the same name and priority)."""
    md = site_markdown()
    md.treeprocessors.register(_MarkLinks(md), "relpath", 0)
    return md


def markdown_key(body: str) -> str:
    """What ties converted HTML to the Markdown it was made from. MkDocs drops the
    blank lines that open a page's Markdown, which change nothing in its HTML."""
    return hashlib.sha256(body.lstrip("\n").encode("utf-8")).hexdigest()


def converted_file(folder: Path, relative: str) -> Path:
    """Where the page at `relative` (docs-relative .md path) is kept converted."""
    return folder / (relative + ".json")


def write_converted(folder: Path, relative: str, page: Converted) -> None:
    path = converted_file(folder, relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"markdown": markdown_key(page.body), "html": page.html, "toc": page.toc},
                               ensure_ascii=False), encoding="utf-8")


def read_converted(folder: Path, relative: str, body: str) -> tuple[str, list] | None:
    """The HTML (links still marked) and table of contents kept for the page at
    `relative`, if made from `body`; None otherwise."""
    try:
        kept = json.loads(converted_file(folder, relative).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return (kept["html"], kept["toc"]) if kept["markdown"] == markdown_key(body) else None
