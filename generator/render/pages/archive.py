"""The archive of cortes (Ley 1712 de 2014, artículo 14: what was published stays
reachable): a page that lists every corte of the plan, and a page per corte, at a
stable URL (`<plan>/cortes/2021-T2/`), with the plan as it stood at that corte: its
figures, its alerts, its dependencias and the zip of its open data.

"As it stood" is compute's `plan_at`: the cortes up to that one, with the values in
force today, so a corte's figures are the ones `historial` publishes for it; the
reprogramaciones approved after the corte closed are listed on its page, since the
figures published at the time did not have them.
"""

from __future__ import annotations

from datetime import date

from generator.model import ROOT
from generator.render.escape import Html, md_text
from generator.render.layout import (
    PlanLayout,
    cambios_section,
    corte_line,
    cumplimiento_phrase,
    html_table,
    page_head,
    rango_html,
    rel,
    verdict_html,
)
from generator.render.pages.informe import informe_page
from generator.render.pages.nodes import children_section, key_figures
from generator.render.pages.quarter import dependencia_result, dependencias_table
from generator.render.text import alerts_verdict, corte_date, count_of, fmt_int, fmt_pct, headline_verdict, narrative
from generator.results import PlanResults
from generator.write.opendata import corte_zip

TITLE = "Cortes publicados"


def corte_url(layout: PlanLayout, corte: str) -> str:
    return layout.section_url(f"cortes/{corte}")


def informe_section(corte: str) -> str:
    return f"cortes/{corte}/informe"


def corte_informe_page(results: PlanResults, layout: PlanLayout, corte: str, published: date) -> str:
    """The council report as it stood at an earlier corte: a page to print (the build
    prints only the latest corte's to PDF)."""
    return informe_page(results.at(corte), layout, published, False, informe_section(corte),
                        (TITLE, layout.section_url("cortes")), (f"Corte {corte}", corte_url(layout, corte)))


def _zip_link(results: PlanResults, here: str, corte: str) -> Html:
    path = corte_zip(results, corte)
    return Html('<a href="{}" download>{}</a>').format(rel(here, path), path.rsplit("/", 1)[-1])


def cortes_page(results: PlanResults, layout: PlanLayout) -> str:
    """Every corte of the plan, newest first, each with its figure and its pages."""
    here = layout.section_url("cortes")
    history = results.history
    out = page_head(layout, here, TITLE, description=(
        f"Los {fmt_int(len(history))} cortes trimestrales del plan, cada uno como quedó a su fecha, "
        "con sus cifras, alertas y datos abiertos."))
    if not history:
        out.append("Todavía no hay cortes publicados para este plan.\n")
        return "".join(out)
    out.append(
        "Cada corte trimestral queda publicado en su propia página, con las cifras, las alertas y los "
        "datos abiertos de ese momento, como lo pide la Ley 1712 de 2014 (artículo 14). Las cifras de un "
        "corte se calculan con los reportes hasta ese corte y con los valores vigentes de las metas: si "
        "después se aprobó una reprogramación, la página del corte la señala.\n\n"
    )
    plan = results.plan
    rows = []
    for vr in reversed(history):
        r = vr.nodes[ROOT]
        rows.append([
            Html('<a href="{}">{}</a>').format(rel(here, corte_url(layout, vr.corte)), vr.corte),
            corte_date(vr.corte), fmt_pct(r.cumplimiento), fmt_pct(r.ritmo),
            rango_html(plan.rangos, r.rango), fmt_int(len(vr.alertas.rezagadas)),
            _zip_link(results, here, vr.corte),
        ])
    out.append(html_table(
        "Cortes del plan, el más reciente primero: cumplimiento de la vigencia, frente a lo esperado y metas rezagadas",
        ["Corte", "Fecha", "Cumplimiento", "Frente a lo esperado", "Rango", "Metas rezagadas",
         "Datos abiertos (zip)"],
        rows, numeric={2, 3, 5}, key=(0, 2, 4, 3),
    ))
    return "".join(out)


def _notice(results: PlanResults, layout: PlanLayout, here: str, corte: str) -> Html:
    latest = results.current.corte
    if corte == latest:
        return Html('<p class="aviso-archivo">Este es el corte más reciente: sus cifras son las de la '
                    '<a href="{}">página del plan</a>.</p>\n\n').format(rel(here, layout.home_url))
    return Html(
        '<p class="aviso-archivo"><strong>Corte anterior.</strong> Esta página muestra el plan como quedó al '
        '{}. El corte más reciente es el {}: vea la <a href="{}">página del plan</a>.</p>\n\n'
    ).format(corte_date(corte), latest, rel(here, layout.home_url))


def _later_adjustments(past: PlanResults) -> str:
    later = past.reprogramaciones_despues
    if not later:
        return ""
    metas = past.plan.metas
    rows = [[r.codigo_meta, metas[r.codigo_meta].nombre, r.fecha, r.campo, r.acto or "—"] for r in later]
    return "".join([
        "## Ajustes aprobados después de este corte\n\n",
        f"Después de este corte se aprobaron {count_of(len(later), 'reprogramación', 'reprogramaciones')}. "
        "Las cifras de esta página ya usan los valores nuevos; las que se publicaron en su momento "
        "usaban los anteriores.\n\n",
        html_table("Reprogramaciones aprobadas después del corte", ["Código", "Meta", "Fecha", "Campo", "Acto"],
                   rows, wide={1}, key=(1, 3)),
    ])


def corte_page(results: PlanResults, layout: PlanLayout, corte: str) -> str:
    """The plan as it stood at `corte`: figures, narrative, alerts, dependencias, data."""
    past = results.at(corte)
    vr = past.current
    r = vr.nodes[ROOT]
    here = corte_url(layout, corte)
    out = page_head(layout, here, f"Corte {corte}", (TITLE, layout.section_url("cortes")),
                    description=cumplimiento_phrase(r, vr) + ".")
    out.append(_notice(results, layout, here, corte))
    out.append(corte_line(vr))
    out.append(verdict_html(headline_verdict(past.cuatrienio_figures(ROOT), past.plan.periodo, r, vr)))
    report = informe_section(corte) if corte in results.archivo else "informe"  # the latest's has its PDF
    links = [Html('<a href="{}">Informe al concejo de este corte</a>').format(rel(here, layout.section_url(report)))]
    if any(c.corte == corte for c in results.cambios):
        links.append(Html('<a href="{}">Qué cambió desde el corte anterior</a>').format(
            rel(here, layout.section_url(cambios_section(corte)))))
    out.append(Html("<p>{}</p>\n\n").format(Html(" · ").join(links)))
    out.append(key_figures(past, ROOT, r, vr))
    out.append("## En pocas palabras\n\n")
    out.extend(p + "\n\n" for p in narrative(past, None, vr))
    scope = f"corte-{corte}-"  # this page's charts, apart from the plan page's
    out.append(children_section(past, layout, None, vr, here, scope))
    # The alerts by their counts, and by dependencia below: the list of every rezagada is in
    # the corte's zip (rezagadas.csv), which keeps the page light.
    out.append(f"## Alertas al corte {md_text(corte)}\n\n")
    out.append(verdict_html(alerts_verdict(vr)))
    if past.dependencias:
        out.append(f"## Dependencias al corte {md_text(corte)}\n\n")
        out.append(dependencias_table(layout, here, vr, [(d, dependencia_result(vr, d)) for d in past.dependencias],
                                      scope))
    out.append(_later_adjustments(past))
    out.append("## Datos abiertos de este corte\n\n")
    out.append(Html("<p>Todas las tablas de datos abiertos como quedaron a este corte, en CSV, con su "
                    "descriptor (la lista de las metas rezagadas está en <code>rezagadas.csv</code>): {}.</p>\n\n"
                    ).format(_zip_link(results, here, corte)))
    return "".join(out)
