"""The render stage's entry point: every generated page of the site, and its nav.

`write_docs` writes Markdown into an empty docs folder (the repository's docs/, with
the stylesheet, the chart script, the methodology and the glossary, already copied in
by the build) and returns the `nav` for mkdocs.yml. It formats results; it computes
nothing. Pages are independent of each other: they are rendered by a process per
core (forked, so they share the results without copying them), to the same bytes
as one process writes them.

URLs (use_directory_urls):
    /                       index.md            the plans the site holds
    /<plan>/                <plan>/index.md     the plan: figures, charts, narrative
    /<plan>/<codigo>/       <plan>/<slug>/index.md   one page per node, every level
    /<plan>/datos/          <plan>/datos.md     open data: files, dictionary, licence
    /<plan>/alertas/        rezagadas and sobreejecutadas by dependencia (pages_quarter)
    /<plan>/dependencias/   every dependencia side by side, and /<plan>/dependencias/<slug>/
    /<plan>/inversion/      money by fuente, sector, territorio (only when there is money)
    /<plan>/reprogramaciones/  every adjustment to the metas (only when there is one)
    /<plan>/cortes/         every corte, and /<plan>/cortes/<corte>/: the plan as it stood then
    /<plan>/informe/        the council report of the latest corte (pages/informe.py), and its PDF
    /<plan>/cambios/<corte>/   what changed since the previous corte (every corte but the first)
    /<plan>/feed.xml        the plan's Atom feed, one entry per corte (render/feed.py)
"""

from __future__ import annotations

import datetime
import json
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import markdown

from generator.model import Node
from generator.render.escape import html_text
from generator.render.feed import atom_feed
from generator.render.layout import PlanLayout, cambios_section, page_footer
from generator.render.pages import archive
from generator.render.pages.informe import informe_page
from generator.render.pages.cambios import cambios_page
from generator.render.pages.money import inversion_page, reprogramaciones_page
from generator.render.pages.nodes import datos_page, node_page, plan_page, site_home
from generator.render.pages.quarter import (
    accumulated_page,
    alerts_page,
    dependencia_page,
    dependencias_page,
)
from generator.results import PlanResults
from generator.write.prerender import page_markdown, write_converted
from generator.write.search_entries import convert_page, converted_entries

# A page to write: the call that renders its Markdown, and the footer that ends it.
Page = tuple[Callable[..., str], tuple, str]
# The pages of the build in progress, read by the forked workers (never pickled).
_PAGES: list[tuple[str, Page]] = []
# Fewer pages than this a worker are written in turn: a process costs more than they do.
PAGES_PER_WORKER = 50


def _write(docs_dir: Path, relative: str, text: str) -> None:
    path = docs_dir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _write_pages(docs_dir: Path, indexes: range, md: markdown.Markdown | None,
                 converted: Path | None) -> list[list[dict]]:
    """Write the pages at `indexes`; with `md`, return the search entries of each,
    and keep each page converted in `converted` if given (write/prerender.py)."""
    found = []
    for relative, (render, args, footer) in (_PAGES[i] for i in indexes):
        text = render(*args) + str(footer)
        _write(docs_dir, relative, text)
        if md is not None:
            page = convert_page(md, text)
            if converted is not None:
                write_converted(converted, relative, page)
            found.append(converted_entries(relative, page) or [])
    return found


def _worker_signals() -> None:
    # Ctrl-C reaches the whole process group: the build stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _render_all(pages: dict[str, Page], docs_dir: Path, workers: int | None, search: bool,
                converted: Path | None) -> list[dict]:
    """Write every page, in up to `workers` processes (None: one per core); with
    `search`, return the search entries of every page, in the pages' order, and keep
    each page converted in `converted` if given."""
    if workers is None:
        workers = len(os.sched_getaffinity(0))
    workers = min(workers, len(pages) // PAGES_PER_WORKER)
    _PAGES[:] = pages.items()
    md = page_markdown() if search else None
    try:
        if workers <= 1:
            by_page = _write_pages(docs_dir, range(len(_PAGES)), md, converted)
        else:
            chunks = [range(i, len(_PAGES), workers) for i in range(workers)]
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                     initializer=_worker_signals) as pool:
                done = [pool.submit(_write_pages, docs_dir, chunk, md, converted) for chunk in chunks]
                by_page = [None] * len(_PAGES)
                for chunk, future in zip(chunks, done):
                    for i, entries in zip(chunk, future.result()):
                        by_page[i] = entries
    finally:
        _PAGES.clear()
    return [entry for entries in by_page for entry in entries or ()] if search else []


def _nav_title(text: str) -> str:
    """Material prints nav titles without escaping them: escaped HTML, as a plain str
    for the YAML of mkdocs.yml."""
    return str(html_text(text))


def _node_nav(layout: PlanLayout, node: Node):
    title = _nav_title(f"{node.codigo}. {node.nombre}")
    if not node.children:
        return {title: layout.node_file(node)}
    return {title: [layout.node_file(node)] + [_node_nav(layout, child) for child in node.children]}


def _quarter_pages(results: PlanResults, layout: PlanLayout, pages: dict[str, Page], footer: str,
                   published: datetime.date) -> list:
    """Add the plan's alerts, dependencias, inversión and reprogramaciones pages (the
    last two only when there is something to show), its archive of cortes and what
    changed at each; return their nav entries."""
    plan = results.plan

    def page(name: str, render: Callable[..., str], *args) -> str:
        pages[layout.section_file(name)] = (render, (results, layout, *args), footer)
        return layout.section_file(name)

    nav: list = [
        {"Alertas": [page("alertas", alerts_page),
                     {"Matriz acumulada": page("alertas/acumulada", accumulated_page)}]},
        {"Dependencias": [page("dependencias", dependencias_page)] + [
            {_nav_title(dep.nombre): page(f"dependencias/{dep.slug}", dependencia_page, dep)}
            for dep in results.dependencias
        ]},
    ]
    if results.current is not None and results.current.finanzas is not None:
        nav.append({"Inversión": page("inversion", inversion_page)})
    if plan.reprogramaciones:
        nav.append({"Reprogramaciones": page("reprogramaciones", reprogramaciones_page)})
    if results.history:
        nav.append(_archive_pages(results, layout, pages, published))
    if results.cambios:  # the latest corte first
        nav.append({"Qué cambió": [{f"Al corte {c.corte}": page(cambios_section(c.corte), cambios_page, c)}
                                   for c in reversed(results.cambios)]})
    return nav


def _nav_group(nav: list, groups: dict[str, list], grupo: str) -> list:
    """Where a plan goes in the nav: the site's top level, or its `grupo` (a province,
    a subregion), made where the group's first plan comes (`groups`: those made so
    far). A departmental site of a hundred plans then shows a dozen groups, not a
    hundred plans, in the menu Material writes into every page: on 100 plans, grouping
    them in 10 took MkDocs from 116 s to 69 s."""
    if not grupo:
        return nav
    if grupo not in groups:
        groups[grupo] = []
        nav.append({_nav_title(grupo): groups[grupo]})
    return groups[grupo]


def _archive_pages(results: PlanResults, layout: PlanLayout, pages: dict[str, Page],
                   published: datetime.date) -> dict:
    """Add the archive of cortes: its index, each corte's page and an earlier corte's
    report, each ending with the footer of its own corte; return its nav entry."""

    def page(name: str, render: Callable[..., str], corte: str, *args) -> str:
        footer = page_footer(results.plan, results.at(corte).current, published)
        pages[layout.section_file(name)] = (render, (results, layout, *args), footer)
        return layout.section_file(name)

    entries: list = [page("cortes", archive.cortes_page, results.current.corte)]
    for vr in reversed(results.history):
        entry: str | list = page(f"cortes/{vr.corte}", archive.corte_page, vr.corte, vr.corte)
        if vr.corte in results.archivo:  # an earlier corte: its report too (the latest's is the plan's)
            entry = [entry, {"Informe al concejo": page(archive.informe_section(vr.corte), archive.corte_informe_page,
                                                        vr.corte, vr.corte, published)}]
        entries.append({f"Corte {vr.corte}": entry})
    return {archive.TITLE: entries}


def _informe_page(results: PlanResults, layout: PlanLayout, pages: dict[str, Page], footer: str,
                  published: datetime.date, pdf: bool) -> str:
    file = layout.section_file("informe")
    pages[file] = (informe_page, (results, layout, published, pdf), footer)
    return file


def write_docs(results: list[PlanResults], docs_dir: Path, *, published: datetime.date,
               workers: int | None = None, pdf: bool = False, site_url: str | None = None,
               search_entries: Path | None = None, converted: Path | None = None) -> list:
    """Write every generated page of the site into `docs_dir`, in up to `workers`
    processes (None: one per core), and each plan's Atom feed (absolute links with
    `site_url`); return the nav. `pdf`: the build prints each council report to PDF,
    so the report page links it. `search_entries`: where to write the pages' search
    index entries (JSON), which the build adds to the index MkDocs writes; the pages
    always tell Material's search plugin to skip them, so without it a site built
    from these pages finds only the hand-written ones. `converted`: with
    `search_entries`, where to keep each page as converted to make them, for MkDocs's
    child to use instead of converting it again (write/prerender.py)."""
    docs_dir = Path(docs_dir)
    docs_dir.mkdir(parents=True, exist_ok=True)
    layouts = {r.plan.slug: PlanLayout.of(r.plan) for r in results}
    # By file: were two pages ever to share one, the later wins, as when written in turn.
    pages: dict[str, Page] = {"index.md": (site_home, (results, layouts), page_footer(None, None, published))}
    nav: list = [{"Inicio": "index.md"}]
    groups: dict[str, list] = {}
    for plan_results in results:
        plan = plan_results.plan
        layout = layouts[plan.slug]
        footer = page_footer(plan, plan_results.current, published)
        pages[layout.home_file] = (plan_page, (plan_results, layout), footer)
        pages[layout.datos_file] = (datos_page, (plan_results, layout, published), footer)
        for node in plan.iter_nodes():
            pages[layout.node_file(node)] = (node_page, (plan_results, layout, node), footer)
        _write(docs_dir, layout.feed_url, atom_feed(plan_results, layout, published, site_url))
        _nav_group(nav, groups, plan.grupo).append({
            _nav_title(plan.nombre): [layout.home_file]
            + [_node_nav(layout, root) for root in plan.roots]
            + _quarter_pages(plan_results, layout, pages, footer, published)
            + [{"Informe al concejo": _informe_page(plan_results, layout, pages, footer, published, pdf)}]
            + [{"Datos abiertos": layout.datos_file}]
        })
    entries = _render_all(pages, docs_dir, workers, search=search_entries is not None, converted=converted)
    if search_entries is not None:
        search_entries.write_text(json.dumps(entries, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    for page, title in (("metodologia.md", "Metodología"), ("glosario.md", "Glosario"),
                        ("accesibilidad.md", "Accesibilidad")):
        if (docs_dir / page).exists():
            nav.append({title: page})
    return nav
