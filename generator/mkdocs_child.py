"""MkDocs in a child process that a build starts first thing (build.py, `MkDocsChild`).

Importing MkDocs and the Markdown extensions takes about 0.5 s. Started with the
build, the child does that on the core the generator leaves idle while it reads,
checks and computes the plans. Then it waits for one line on its standard input, JSON:
the arguments of the `mkdocs` command and the environment to build with. An empty
input (the build stopped before MkDocs) ends it without building.
"""

from __future__ import annotations

import json
import os
import sys

import mkdocs.commands.build  # noqa: F401 (imported ahead, as the build command will)
import mkdocs.config.defaults  # noqa: F401
from mkdocs.__main__ import cli

from generator.write.search_entries import site_markdown


def main() -> None:
    site_markdown()  # imports every Markdown extension of the site
    order = sys.stdin.readline()
    if not order.strip():
        return
    order = json.loads(order)
    os.environ.update(order["env"])
    cli.main(args=order["args"], prog_name="mkdocs")


if __name__ == "__main__":
    main()
