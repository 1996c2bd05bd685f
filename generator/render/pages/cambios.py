"""What changed since the previous corte: one page per corte that has a previous one.

Counts first (one short line), then the lists: metas that changed estado, new and
recovered rezagadas, dependencias whose rango moved, reprogramaciones dated in between.
Rendering only: every comparison comes from compute/cambios.py (results.cambios).

URLs (use_directory_urls):
    /<plan>/cambios/<corte>/    cambios_page, e.g. /sopo/cambios/2021-T3/
"""

from __future__ import annotations

from generator.model import Meta
from generator.render.escape import Html, html_text
from generator.render.layout import (
    PlanLayout,
    cambios_section,
    corte_line,
    estado_html,
    html_table,
    meta_link,
    methodology_link,
    page_head,
    rango_html,
    rel,
    rel_md,
)
from generator.render.pages.archive import corte_url
from generator.render.pages.money import reprogramaciones_table
from generator.render.pages.quarter import alerts_table, capped
from generator.render.text import capitalize, corte_date, count_of, fmt_pct
from generator.results import Cambios, DependenciaResult, MetaResult, PlanResults


def counts_line(c: Cambios) -> str:
    """The changes in one line of counts: "2 metas cambiaron de estado, 1 nueva rezagada..."."""
    return ", ".join([
        f"{count_of(len(c.estados), 'meta cambió', 'metas cambiaron')} de estado",
        count_of(len(c.nuevas_rezagadas), "nueva rezagada", "nuevas rezagadas"),
        count_of(len(c.recuperadas), "recuperada", "recuperadas"),
        f"{count_of(len(c.mejoraron), 'dependencia subió', 'dependencias subieron')} de rango",
        f"{count_of(len(c.bajaron), 'dependencia bajó', 'dependencias bajaron')} de rango",
        count_of(len(c.reprogramaciones), "reprogramación", "reprogramaciones"),
    ])


def cambios_title(c: Cambios) -> str:
    return f"Qué cambió al corte {c.corte}"


def _estado_rows(layout: PlanLayout, here: str, pairs: list[tuple[Meta, tuple[MetaResult, MetaResult]]]) -> list:
    return [[
        meta_link(layout, here, meta), meta.nombre, html_text(meta.dependencia) or "—",
        estado_html(before.estado), estado_html(now.estado), fmt_pct(before.cumplimiento), fmt_pct(now.cumplimiento),
    ] for meta, (before, now) in pairs]


def _dependencia_rows(layout: PlanLayout, here: str,
                      pairs: tuple[tuple[DependenciaResult, DependenciaResult], ...]) -> list:
    rangos = layout.plan.rangos
    return [[
        Html('<a href="{}">{}</a>').format(rel(here, layout.section_url(f"dependencias/{now.slug}")), now.nombre),
        rango_html(rangos, before.rango), rango_html(rangos, now.rango),
        fmt_pct(before.cumplimiento), fmt_pct(now.cumplimiento),
    ] for before, now in pairs]


def _neighbours(layout: PlanLayout, here: str, results: PlanResults, c: Cambios) -> Html:
    """Links to the two cortes compared, as each stood (the archive), and to the changes
    pages of the cortes before and after this one."""
    ids = [x.corte for x in results.cambios]
    i = ids.index(c.corte)
    links = [Html('<a href="{}">Corte {} completo</a>').format(rel(here, corte_url(layout, corte)), corte)
             for corte in (c.anterior, c.corte)]
    if i > 0:
        links.append(Html('<a href="{}">← Qué cambió al corte {}</a>').format(
            rel(here, layout.section_url(cambios_section(ids[i - 1]))), ids[i - 1]))
    if i + 1 < len(ids):
        links.append(Html('<a href="{}">Qué cambió al corte {} →</a>').format(
            rel(here, layout.section_url(cambios_section(ids[i + 1]))), ids[i + 1]))
    return Html('<p class="cortes-vecinos">{}</p>\n\n').format(Html(" · ").join(links))


def cambios_page(results: PlanResults, layout: PlanLayout, c: Cambios) -> str:
    plan = results.plan
    here = layout.section_url(cambios_section(c.corte))
    vr = next(v for v in results.history if v.corte == c.corte)
    counts = counts_line(c)
    out = page_head(layout, here, cambios_title(c), searchable=False,
                    description=f"Desde el corte {c.anterior} hasta el {corte_date(c.corte)}: {counts}.")
    out.append(corte_line(vr))
    out.append(Html('<p class="conteo-cambios"><strong>Desde el corte {}</strong> ({}): {}.</p>\n\n').format(
        c.anterior, corte_date(c.anterior), capitalize(counts)))
    if c.nueva_vigencia:
        out.append(
            f"Este corte abre la vigencia {vr.vigencia}: cada meta empieza el año de nuevo, con lo programado "
            "para este año, así que muchas cambian de estado aunque nada se haya atrasado.\n\n")
    out.append(
        "Una meta está **rezagada** cuando no se ha iniciado o avanzó menos de la parte del año transcurrida; "
        "una **recuperada** estaba rezagada en el corte anterior y ya no lo está. El rango de una dependencia "
        f"compara su cumplimiento con lo esperado a cada corte ({methodology_link(layout, here, '#rezagadas')}).\n\n")

    out.append("## Metas que cambiaron de estado\n\n")
    if c.estados:
        pairs, note = capped([(plan.metas[now.codigo], (before, now)) for before, now in c.estados],
                             here, plan, "cambios", vr.advance_rank)
        out.append(note + html_table(
            f"{count_of(len(c.estados), 'meta cambió', 'metas cambiaron')} de estado entre {c.anterior} y {c.corte}",
            ["Código", "Meta", "Dependencia", f"Estado en {c.anterior}", f"Estado en {c.corte}",
             f"Cumplimiento en {c.anterior}", f"Cumplimiento en {c.corte}"],
            _estado_rows(layout, here, pairs), numeric={5, 6}, wide={1, 2}, key=(1, 4, 6, 3)))
    else:
        out.append("Ninguna meta cambió de estado.\n\n")

    for codigos, title, none, label in (
        (c.nuevas_rezagadas, "Nuevas rezagadas", "Ninguna meta quedó rezagada de nuevo.",
         ("nueva rezagada", "nuevas rezagadas")),
        (c.recuperadas, "Recuperadas", "Ninguna meta rezagada se recuperó.", ("recuperada", "recuperadas")),
    ):
        out.append(f"## {title}\n\n")
        out.append(alerts_table(layout, here, vr, f"{capitalize(count_of(len(codigos), *label))} al corte {c.corte}",
                                codigos, table="cambios") if codigos else none + "\n\n")

    for pairs, title, verb in ((c.mejoraron, "Dependencias que mejoraron", "subió"),
                               (c.bajaron, "Dependencias que bajaron", "bajó")):
        out.append(f"## {title}\n\n")
        if pairs:
            out.append(html_table(
                f"Dependencias cuyo rango {verb} entre {c.anterior} y {c.corte}",
                ["Dependencia", f"Rango en {c.anterior}", f"Rango en {c.corte}",
                 f"Cumplimiento en {c.anterior}", f"Cumplimiento en {c.corte}"],
                _dependencia_rows(layout, here, pairs), numeric={3, 4}, wide={0}, key=(0, 2, 4, 1)))
        else:
            out.append(f"Ninguna dependencia {verb} de rango.\n\n")

    out.append("## Reprogramaciones\n\n")
    if c.reprogramaciones:
        out.append(reprogramaciones_table(
            layout, here, c.reprogramaciones,
            f"Ajustes a las metas con fecha posterior al {corte_date(c.anterior)} y hasta el {corte_date(c.corte)}"))
    else:
        out.append(f"No hubo ajustes a las metas entre el {corte_date(c.anterior)} y el {corte_date(c.corte)}.\n\n")
    out.append(_neighbours(layout, here, results, c))
    out.append("Los cambios entre todos los cortes están en la tabla «cambios» de los "
               f"[datos abiertos]({rel_md(here, layout.datos_file, layout)}).\n")
    return "".join(out)
