"""MkDocs in a child process that a build starts first thing (build.py, `MkDocsChild`).

Importing MkDocs and the Markdown extensions takes about 0.5 s. Started with the
build, the child does that on the core the generator leaves idle while it reads,
checks and computes the plans. Then it waits for one line on its standard input, JSON:
the arguments of the `mkdocs` command, the environment to build with, and the folder
where the page writers kept each page converted (write/prerender.py). An empty input
(the build stopped before MkDocs) ends it without building.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import mkdocs.commands.build  # noqa: F401 (imported ahead, as the build command will)
import mkdocs.config.defaults  # noqa: F401
from markdown.serializers import _escape_attrib_html
from mkdocs.__main__ import cli
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc

from generator.write.prerender import LINK_MARK, read_converted
from generator.write.search_entries import site_markdown

# A marked link as the Markdown serializer wrote it: `href="` or `src="`, the mark, the target.
_MARKED = re.compile(r'((?:href|src)=")' + re.escape(LINK_MARK) + r'([^"]*)"')


def use_converted(folder: Path) -> None:
    """From now on MkDocs takes a page's HTML and table of contents from `folder` when
    they were kept there for the Markdown it reads, and rewrites their marked links as
    its own Page.render does; any other page it converts itself."""
    convert = Page.render

    def render(self: Page, config, files) -> None:
        kept = read_converted(folder, self.file.src_uri, self.markdown) if "title" in self.meta else None
        # A target with "&" was escaped by the serializer: such a page is left to MkDocs.
        if kept is None or any("&" in target for _, target in _MARKED.findall(kept[0])):
            return convert(self, config, files)
        html, toc = kept
        links = _RelativePathTreeprocessor(self.file, files, config)
        self.content = _MARKED.sub(lambda m: m[1] + _escape_attrib_html(links.path_to_url(m[2])) + '"', html)
        self.toc = get_toc(toc)
        self.links_to_anchors = links.links_to_anchors

    Page.render = render


def main() -> None:
    site_markdown()  # imports every Markdown extension of the site
    order = sys.stdin.readline()
    if not order.strip():
        return
    order = json.loads(order)
    if order.get("converted"):
        use_converted(Path(order["converted"]))
    os.environ.update(order["env"])
    cli.main(args=order["args"], prog_name="mkdocs")


if __name__ == "__main__":
    main()
