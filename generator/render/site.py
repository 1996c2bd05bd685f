"""The render stage's entry point: every generated page of the site, and its nav.

`write_docs` writes Markdown into an empty docs folder (the repository's docs/, with
the stylesheet, the chart script, the methodology and the glossary, already copied in
by the build) and returns the `nav` for mkdocs.yml. It formats results; it computes
nothing.

URLs (use_directory_urls):
    /                       index.md            the plans the site holds
    /<plan>/                <plan>/index.md     the plan: figures, charts, narrative
    /<plan>/<codigo>/       <plan>/<slug>/index.md   one page per node, every level
    /<plan>/datos/          <plan>/datos.md     open data: files, dictionary, licence
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from ..model import Node
from ..results import PlanResults
from .escape import html_text
from .pages import PlanLayout, datos_page, node_page, plan_page, site_home

PLOTLY_TARGET = Path("assets") / "javascripts" / "plotly.min.js"


def plotly_bundle() -> Path:
    """plotly.min.js as shipped in the installed plotly wheel (package_data)."""
    import plotly

    path = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise FileNotFoundError(f"no se encontró plotly.min.js en {path.parent}")
    return path


def _write(docs_dir: Path, relative: str, text: str) -> None:
    path = docs_dir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _nav_title(text: str) -> str:
    # Material prints nav titles without escaping them.
    return html_text(text)


def _node_nav(layout: PlanLayout, node: Node):
    title = _nav_title(f"{node.codigo}. {node.nombre}")
    if not node.children:
        return {title: layout.node_file(node)}
    return {title: [layout.node_file(node)] + [_node_nav(layout, child) for child in node.children]}


def write_docs(results: list[PlanResults], docs_dir: Path, *, published: datetime.date) -> list:
    """Write every generated page of the site into `docs_dir`; return the nav."""
    docs_dir = Path(docs_dir)
    docs_dir.mkdir(parents=True, exist_ok=True)
    target = docs_dir / PLOTLY_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(plotly_bundle(), target)

    layouts = {r.plan.slug: PlanLayout.of(r.plan) for r in results}
    _write(docs_dir, "index.md", site_home(results, layouts))
    nav: list = [{"Inicio": "index.md"}]
    for plan_results in results:
        plan = plan_results.plan
        layout = layouts[plan.slug]
        _write(docs_dir, layout.home_file, plan_page(plan_results, layout))
        _write(docs_dir, layout.datos_file, datos_page(plan_results, layout, published))
        for node in plan.iter_nodes():
            _write(docs_dir, layout.node_file(node), node_page(plan_results, layout, node))
        nav.append({
            _nav_title(plan.nombre): [layout.home_file]
            + [_node_nav(layout, root) for root in plan.roots]
            + [{"Datos abiertos": layout.datos_file}]
        })
    for page, title in (("metodologia.md", "Metodología"), ("glosario.md", "Glosario")):
        if (docs_dir / page).exists():
            nav.append({title: page})
    return nav
