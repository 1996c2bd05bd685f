"""The Markdown of every generated page, built with plain functions.

Structure is Markdown we write; anything from the data enters through `escape`
(`md_text` in Markdown runs; the raw HTML blocks, tables, figures, breadcrumbs and key
figures, are `Html`, which escapes every plain string, so no cell can turn into
Markdown or markup). Links inside raw HTML are directory URLs (use_directory_urls),
relative to the page.
"""

from __future__ import annotations

import re

from generator.compute.dependencias import SIN_DEPENDENCIA
from generator.model import ROOT, Meta, Node, Plan, Reporte
from generator.render import charts, palette
from generator.render.escape import Html, md_paragraphs, md_text, safe_url
from generator.render.layout import (
    PlanLayout,
    bands,
    breadcrumbs,
    cambios_section,
    color_of,
    corte_line,
    cumplimiento_phrase,
    demo_banner,
    estado_html,
    figure_cards,
    front_matter,
    html_table,
    meta_link,
    page_title,
    rango_html,
    rel,
    rel_md,
    verdict_html,
)
from generator.render.pages.money import (
    money_section,
    original_html,
    reprogramaciones_by_meta,
    reprogramming_html,
)
from generator.render.pages.quarter import history_section, meta_history_section, seguimiento_html
from generator.render.text import (
    capitalize,
    corte_date,
    count_of,
    fmt_date,
    fmt_int,
    fmt_number,
    fmt_pct,
    fmt_pct_short,
    fmt_points,
    headline_verdict,
    in_progress,
    join_words,
    leads_with_meta_cuatrienio,
    logro_text,
    narrative,
    nivel_name,
    node_subject,
    of_subject,
    pace_phrase,
    plural,
    period_card,
    points_value,
    round_pct,
)
from generator.results import MetaResult, NodeResult, PlanResults, VigenciaResult
from generator.write.dictionary import (
    DEFAULT_LICENCIA,
    DICTIONARY,
    MONEY_DECIMALS,
    PERCENT_DECIMALS,
    TABLE_TITLES,
    WEIGHT_DECIMALS,
    licence_of,
)
from generator.write import descriptor
from generator.write.opendata import table_columns



# --------------------------------------------------------------------------- layout


# --------------------------------------------------------------------------- small parts


def key_figures(results: PlanResults, key: str, r: NodeResult, vigencia: VigenciaResult) -> Html:
    """The block of key figures at the top of a plan or node page (`key`: ROOT for the
    plan): the whole period first when the plan leads with its metas del cuatrienio."""
    plan = results.plan
    c = r.counts
    pace = [("Frente a lo esperado", fmt_pct(r.ritmo),
             f"al corte se esperaba el {fmt_pct_short(vigencia.esperado)} del año")] if in_progress(vigencia) else []
    year = [("Cumplimiento " + str(vigencia.vigencia), fmt_pct(r.cumplimiento), rango_html(plan.rangos, r.rango)),
            *pace]
    period = [period_card(results, key)]
    cards = [
        *(period + year if leads_with_meta_cuatrienio(results.cuatrienio_figures(key)) else year + period),
        ("Avance", fmt_points(r.avance), f"puntos de {fmt_points(r.programado)} programados"),
        ("Peso en el plan", fmt_pct_short(r.peso_plan),
         f"la vigencia {vigencia.vigencia} pesa el {fmt_pct_short(vigencia.peso_vigencia)}"),
        ("Metas programadas", fmt_int(c.programadas), f"de {count_of(c.total, 'meta', 'metas')}"),
        ("Con avance", fmt_int(c.con_avance), f"sin avance: {fmt_int(c.sin_avance)}"),
        ("No programadas", fmt_int(c.no_programadas), f"en la vigencia {vigencia.vigencia}"),
    ]
    return figure_cards(cards)


def gauge_block(plan: Plan, r: NodeResult, vigencia: VigenciaResult, chart_id: str, subject: str) -> Html:
    value = round_pct(r.cumplimiento) if r.cumplimiento is not None else None
    fig = charts.gauge(value, fmt_pct(r.cumplimiento), r.rango, bands(plan, vigencia))
    caption = (
        f"Cumplimiento {of_subject(subject)} en la vigencia: {fmt_pct(r.cumplimiento)}; {pace_phrase(r, vigencia)}. "
        "Los colores marcan dónde empieza cada rango a la fecha del corte."
        if r.cumplimiento is not None else f"{capitalize(subject)} no tiene metas programadas en la vigencia."
    )
    return charts.figure_html(fig, chart_id, caption)


# --------------------------------------------------------------------------- children


def _bar(node: Node, r: NodeResult, plan: Plan) -> charts.Bar:
    return charts.Bar(
        codigo=node.codigo, nombre=node.nombre,
        programado=points_value(r.programado), avance=points_value(r.avance),
        cumplimiento=round_pct(r.cumplimiento) if r.cumplimiento is not None else None,
        rango=r.rango, color=color_of(plan.rangos, r.rango),
        programado_text=fmt_points(r.programado), avance_text=fmt_points(r.avance),
        cumplimiento_text=fmt_pct(r.cumplimiento),
    )


def children_section(results: PlanResults, layout: PlanLayout, parent: Node | None,
                     vigencia: VigenciaResult, here: str, scope: str = "") -> str:
    """The children of `parent` (the plan's top level for None): charts, table and
    composition. `scope` keeps chart ids unique when another page shows them too."""
    plan = results.plan
    children = plan.roots if parent is None else parent.children
    if not children:
        return ""
    level = nivel_name(plan, children[0])
    levels = plural(level)
    key = scope + (parent.codigo if parent is not None else "plan")
    rows = [(child, vigencia.nodes[child.codigo]) for child in children]
    bars = [_bar(child, r, plan) for child, r in rows]
    out = [f"## {md_text(capitalize(levels))}\n\n"]
    out.append(
        f"Resultado de cada {md_text(level)} en la vigencia {vigencia.vigencia}. "
        "Las gráficas y la tabla muestran las mismas cifras.\n\n"
    )
    out.append(_what_each_is(layout, here, rows))
    out.append(charts.figure_html(
        charts.cumplimiento(bars, bands(plan, vigencia), points_value(vigencia.esperado)),
        charts.slug_id(plan.slug, key, "cumplimiento"),
        f"Cumplimiento de cada {level} en la vigencia {vigencia.vigencia}, de mayor a menor, con el nombre "
        f"de su rango; {charts.RULER_CAPTION} Las cifras están en la tabla siguiente.",
    ))
    out.append(charts.figure_html(
        charts.programado_avance(bars), charts.slug_id(plan.slug, key, "programado-avance"),
        f"Lo programado y lo alcanzado por cada {level} en la vigencia {vigencia.vigencia}, en puntos "
        "(el plan entero vale 100 puntos), en el orden de la gráfica anterior. Las cifras están en la tabla siguiente.",
    ))
    whole = vigencia.nodes[parent.codigo if parent is not None else ROOT]
    # A child not programmed leaves its points to its programmed siblings (contract 6.2):
    # each cell then shows its own points → what it counts for in the parent, which add up.
    reshared = whole.cumplimiento is not None and any(r.cumplimiento is None for _, r in rows)
    table_rows = []
    for child, r in rows:
        c = r.counts
        href = rel(here, layout.node_url(child))
        table_rows.append([
            child.codigo,
            Html('<a href="{}">{}</a>').format(href, child.nombre),
            fmt_pct(r.peso_plan),
            _points_in_parent(r.programado, r.programado_en_padre, reshared),
            _points_in_parent(r.avance, r.avance_en_padre, reshared),
            fmt_pct(r.cumplimiento),
            rango_html(plan.rangos, r.rango),
            *(fmt_pct(value) for _, value in results.cuatrienio_figures(child.codigo)),
            fmt_int(c.programadas),
            fmt_int(c.con_avance),
            fmt_int(c.sin_avance),
            fmt_int(c.no_programadas),
        ])
    w = whole.counts
    whole_key = parent.codigo if parent is not None else ROOT
    table_rows.append([
        "", Html("<strong>Total {}</strong>").format(of_subject(node_subject(plan, parent)) if parent is not None
                                                     else "del plan"),
        fmt_pct(whole.peso_plan), fmt_points(whole.programado), fmt_points(whole.avance), fmt_pct(whole.cumplimiento),
        rango_html(plan.rangos, whole.rango), *(fmt_pct(value) for _, value in results.cuatrienio_figures(whole_key)),
        fmt_int(w.programadas), fmt_int(w.con_avance), fmt_int(w.sin_avance), fmt_int(w.no_programadas),
    ])
    start, end = plan.periodo
    if reshared:
        out.append(_reshared_note(plan, parent, level, rows, whole, vigencia.vigencia))
    out.append(html_table(
        f"{capitalize(levels)}: peso, puntos programados y alcanzados, cumplimiento de la vigencia {vigencia.vigencia}, "
        f"avance {start}-{end} y metas",
        ["Código", capitalize(level), "Peso en el plan", "Programado (puntos)", "Avance (puntos)",
         "Cumplimiento", "Rango",
         *(PERIOD_COLUMN[metodo].format(start=start, end=end) for metodo, _ in results.cuatrienio_figures(whole_key)),
         "Metas programadas", "Con avance", "Sin avance", "No programadas"],
        table_rows, numeric={2, 3, 4, 5, 7, 8, 9, 10, 11, 12}, wide={1}, key=(1, 5, 6, 7, 4, 3),
    ))
    out.append(composition_block(results, layout, parent, vigencia, scope))
    return "".join(out)


# The whole period's two figures as a table's column headers (short: a card shows them as labels).
PERIOD_COLUMN = {"por_vigencias": "Avance {start}-{end}", "meta_cuatrienio": "Frente a las metas del cuatrienio"}


def _what_each_is(layout: PlanLayout, here: str, rows: list[tuple[Node, NodeResult]]) -> Html:
    """Each child in plain words before its figures: its name, its cumplimiento and the
    description the plan gives it (none when no child has one)."""
    if not any(child.descripcion for child, _ in rows):
        return Html("")
    items = Html("").join(
        Html('<dt><a href="{}">{}. {}</a>: {}</dt><dd>{}</dd>').format(
            rel(here, layout.node_url(child)), child.codigo, child.nombre, fmt_pct(r.cumplimiento),
            child.descripcion or "Sin descripción en el plan.")
        for child, r in rows)
    return Html('<dl class="que-es">{}</dl>\n\n').format(items)


def _points_in_parent(own: float, in_parent: float, reshared: bool) -> str:
    return f"{fmt_points(own)} → {fmt_points(in_parent)}" if reshared else fmt_points(own)


def _reshared_note(plan: Plan, parent: Node | None, level: str, rows: list[tuple[Node, NodeResult]],
                   whole: NodeResult, year: int) -> str:
    """How the points of the children not programmed went to the others, with the sum a
    reader can redo (Markdown)."""
    idle = [child for child, r in rows if r.cumplimiento is None]
    names = join_words([f"{md_text(child.codigo)} «{md_text(child.nombre)}»" for child in idle])
    subject = md_text(node_subject(plan, parent)) if parent is not None else "el plan"
    terms = " + ".join(fmt_points(r.avance_en_padre) for _, r in rows if r.cumplimiento is not None)
    return (
        f"{names} no {'tiene' if len(idle) == 1 else 'tienen'} metas programadas en {year}: "
        f"sus puntos pasan al resto, en proporción a su peso. En la tabla, la flecha va de los puntos "
        f"propios de cada {md_text(level)} a los que cuenta en {subject}, y estos suman lo "
        f"{of_subject(subject)}: {terms} = {fmt_points(whole.avance)} puntos de avance de {fmt_points(whole.programado)} "
        "programados (cifras redondeadas a dos decimales).\n\n"
    )


def composition_block(results: PlanResults, layout: PlanLayout, parent: Node | None,
                      vigencia: VigenciaResult, scope: str = "") -> str:
    """Sunburst of the weights under `parent` (the whole plan for None)."""
    plan = results.plan
    slices = []
    centre = parent.codigo if parent is not None else ROOT

    def add(node: Node, parent_id: str, depth: int) -> None:
        # Only the rings the chart shows: deeper levels would make the page grow with
        # the whole plan (each node page shows its own composition anyway).
        last = node.is_leaf or depth == charts.COMPOSITION_RINGS
        r = vigencia.nodes[node.codigo]
        slices.append(charts.Slice(
            id=node.codigo, parent=parent_id, nombre=f"{node.codigo} {node.nombre}",
            peso=points_value(r.peso_plan),
            peso_text=fmt_pct(r.peso_plan), cumplimiento_text=fmt_pct(r.cumplimiento),
            rango=r.rango, color=color_of(plan.rangos, r.rango), leaf=last,
        ))
        for child in ([] if last else node.children):
            add(child, node.codigo, depth + 1)

    for child in (plan.roots if parent is None else parent.children):
        add(child, "", 1)
    subject = "el plan" if parent is None else node_subject(plan, parent)
    fig = charts.composition(slices)
    caption = (
        f"Composición {of_subject(subject)} por peso: cada sector es proporcional a su peso en el plan y "
        "su color es el de su rango de cumplimiento; cada sector lleva su código (en un teléfono, una barra "
        "por cada uno del primer anillo, de mayor a menor peso). El nombre, el peso y el cumplimiento de "
        "cada uno están en la tabla de arriba y en su propia página."
    )
    chart = charts.figure_html(fig, charts.slug_id(plan.slug, scope + centre, "composicion"), caption)
    return "".join(["## Composición por peso\n\n", chart])


def metas_section(results: PlanResults, node: Node, vigencia: VigenciaResult) -> str:
    plan = results.plan
    metas = node.metas
    if not metas:
        return ""
    trails = reprogramaciones_by_meta(plan)
    corte = plan.corte(vigencia.corte)
    rows = []
    for meta in metas:
        m: MetaResult | None = vigencia.metas.get(meta.codigo)
        reporte = corte.reportes.get(meta.codigo) if corte else None
        rows.append([
            meta.codigo,
            Html("{}{}{}{}").format(meta.nombre, reprogramming_html(trails.get(meta.codigo, [])),
                                    seguimiento_html(results.seguimiento.por_meta.get(meta.codigo, ())),
                                    meta_details_html(meta, reporte)),
            meta.indicador,
            meta.unidad, Html("{}{}").format(fmt_number(meta.linea_base), original_html(meta, "linea_base")),
            Html("{}{}").format(logro_text(meta, vigencia.metas_cuatrienio.get(meta.codigo)),
                                original_html(meta, "meta_cuatrienio")),
            Html("{}{}").format(fmt_number(m.programado) if m and m.programado else "—",
                                original_html(meta, f"programado_{vigencia.vigencia}")),
            fmt_number(m.ejecutado) if m and m.ejecutado is not None else "—",
            fmt_pct(m.cumplimiento) if m else "—",
            estado_html(m.estado) if m else "—",
            meta.dependencia,
        ])
    out = ["## Metas\n\n"]
    out.append(
        f"{count_of(len(metas), 'meta', 'metas')} en {md_text(node_subject(plan, node))}, "
        f"con lo programado y lo ejecutado en la vigencia {vigencia.vigencia} "
        f"(corte del {corte_date(vigencia.corte)}), en la unidad de cada indicador. "
        "En «Meta cuatrienio», lo logrado hasta el corte de lo prometido para todo el periodo "
        "(«30 de 140» es el 21,4 %; la metodología explica cómo se cuenta según el tipo de meta).\n\n"
    )
    out.append(charts.figure_html(
        charts.cumplimiento([_meta_bar(meta, vigencia.metas.get(meta.codigo)) for meta in metas], bands(plan, vigencia),
                            points_value(vigencia.esperado)),
        charts.slug_id(plan.slug, node.codigo, "metas"),
        f"Cumplimiento de cada meta en la vigencia {vigencia.vigencia}, de mayor a menor, con su estado escrito "
        f"junto a la barra; {charts.RULER_CAPTION} Las cifras están en la tabla siguiente.",
    ))
    out.append(html_table(
        f"Metas {of_subject(node_subject(plan, node))}, vigencia {vigencia.vigencia}",
        ["Código", "Meta", "Indicador", "Unidad", "Línea base", "Meta cuatrienio", "Programado",
         "Ejecutado", "Cumplimiento", "Estado", "Dependencia"],
        rows, numeric={4, 5, 6, 7, 8}, wide={1, 2, 10}, key=(1, 8, 9, 7, 6),
    ))
    return "".join(out)





def meta_details_html(meta: Meta, reporte: Reporte | None) -> Html:
    """Everything else the office wrote about the meta (its other columns, the
    observation and evidence of the corte): kept and shown, never lost."""
    items = [("Sector", meta.sector), ("Territorio", meta.territorio), *sorted(meta.extra.items())]
    items.append(("Observaciones del corte", reporte.observaciones if reporte else ""))
    lines = [Html("<li><strong>{}:</strong> {}</li>").format(k, v) for k, v in items if v]
    url = safe_url(reporte.evidencia) if reporte else None
    if url:
        lines.append(Html('<li><a href="{}" rel="nofollow noopener">Evidencia del avance</a></li>').format(url))
    if not lines:
        return Html("")
    return Html('<details class="mas"><summary>Más datos</summary><ul>{}</ul></details>').format(Html("").join(lines))


def _meta_bar(meta, m: MetaResult | None) -> charts.Bar:
    """A meta in the cumplimiento chart: its estado stands where a node's rango would."""
    programmed = m is not None and m.cumplimiento is not None
    return charts.Bar(
        codigo=meta.codigo, nombre=meta.nombre, programado=0.0, avance=0.0,
        cumplimiento=round_pct(m.cumplimiento) if programmed else None,
        rango=m.estado if programmed else None,
        color=palette.ESTADO.get(m.estado) if programmed else None,
        programado_text="", avance_text="",
        cumplimiento_text=fmt_pct(m.cumplimiento) if programmed else "",
    )


# --------------------------------------------------------------------------- pages


def node_page(results: PlanResults, layout: PlanLayout, node: Node) -> str:
    plan = results.plan
    here = layout.node_url(node)
    vigencia = results.current
    nivel = nivel_name(plan, node)
    trail = [(plan.nombre, rel(here, layout.home_url))]
    ancestors = []
    parent_code = node.codigo_padre
    while parent_code:
        parent = plan.node(parent_code)
        ancestors.append(parent)
        parent_code = parent.codigo_padre
    for ancestor in reversed(ancestors):
        trail.append((f"{ancestor.codigo}. {ancestor.nombre}", rel(here, layout.node_url(ancestor))))
    trail.append((f"{node.codigo}. {node.nombre}", None))

    subject = f"{capitalize(nivel)} {node.codigo}: «{node.nombre}». {plan.nombre}"
    figure = cumplimiento_phrase(vigencia.nodes[node.codigo], vigencia) if vigencia else "Todavía sin cortes publicados"
    out = [front_matter(page_title(f"{node.codigo}. {node.nombre}", plan), description=f"{figure}. {subject}."),
           demo_banner(plan), breadcrumbs(trail)]
    out.append(
Html('<h1><span class="nivel">{} {}</span> {}</h1>\n\n').format(capitalize(nivel), node.codigo, node.nombre)
    )
    about = ["## De qué trata\n\n", md_paragraphs(node.descripcion), "\n\n"] if node.descripcion else []
    if vigencia is None:
        out += about + ["Todavía no hay cortes publicados para este plan.\n"]
        return "".join(out)
    r = vigencia.nodes[node.codigo]
    out.append(corte_line(vigencia))
    out.append(verdict_html(headline_verdict(results.cuatrienio_figures(node.codigo), plan.periodo, r, vigencia)))
    out.append(key_figures(results, node.codigo, r, vigencia))
    out.append(gauge_block(plan, r, vigencia, charts.slug_id(plan.slug, node.codigo, "indicador"),
                           node_subject(plan, node)))
    out.append("## En pocas palabras\n\n")
    out.extend(p + "\n\n" for p in narrative(results, node, vigencia))
    out.extend(about)  # the results first, then what the node is about
    if node.children:
        out.append(children_section(results, layout, node, vigencia, here))
    else:
        out.append(metas_section(results, node, vigencia))
        out.append(meta_history_section(results, node))
    out.append(money_section(results, layout, node, here))
    out.append(history_section(results, node))
    out.append(
        f"Los datos de todas las metas están en [datos abiertos]({rel_md(here, layout.datos_file, layout)}) "
        "y el cálculo de cada cifra se explica en la [metodología](../../metodologia.md).\n"
    )
    return "".join(out)


def vigencias_table(results: PlanResults) -> str:
    plan = results.plan
    rows = []
    for year in sorted(results.vigencias):
        v = results.vigencias[year]
        r = v.nodes[ROOT]
        rows.append([
            str(year), corte_date(v.corte), fmt_pct_short(v.peso_vigencia),
            fmt_points(r.programado), fmt_points(r.avance),
            fmt_pct(r.cumplimiento), rango_html(plan.rangos, r.rango),
        ])
    return "".join(["## Por vigencia\n\n", html_table(
        "Resultado del plan en cada vigencia con datos, al último corte de cada una",
        ["Vigencia", "Corte", "Peso de la vigencia", "Programado (puntos)", "Avance (puntos)",
         "Cumplimiento", "Rango"],
        rows, numeric={2, 3, 4, 5}, key=(0, 5, 6, 4, 3),
    )])


def follow_up_links(results: PlanResults, layout: PlanLayout) -> str:
    """The plan's quarterly follow-up pages, as a list of links (Markdown)."""
    here = layout.home_url
    items = [
        ("alertas", "Alertas", "las metas rezagadas y sobreejecutadas, por dependencia"),
        ("dependencias", "Dependencias", "el cumplimiento de cada secretaría u oficina"),
    ]
    if results.current is not None and results.current.finanzas is not None:
        items.append(("inversion", "Inversión", "los recursos por fuente, sector y territorio"))
    if results.plan.reprogramaciones:
        items.append(("reprogramaciones", "Reprogramaciones", "los ajustes hechos a las metas"))
    if results.history:
        items.append(("cortes", "Cortes publicados", "cada corte trimestral como quedó a su fecha, con sus datos"))
    if results.cambios:
        latest = results.cambios[-1]
        items.append((cambios_section(latest.corte), "Qué cambió",
                      f"lo que cambió desde el corte {latest.anterior}: estados, rezagadas y dependencias"))
    items.append(("informe", "Informe al concejo", "el informe de seguimiento del último corte, para imprimir"))
    lines = "".join(
        f"- [{label}]({rel_md(here, layout.section_file(name), layout)}): {text}.\n" for name, label, text in items
    )
    feed = (f"Cada corte nuevo se anuncia en el [canal de novedades]({rel(here, layout.feed_url)}) del plan "
            "(Atom: se sigue con un lector de noticias).\n\n")
    return "## Seguimiento trimestral\n\n" + lines + "\n" + feed


FRONT_DOOR_METAS = 5


def most_delayed(results: PlanResults, layout: PlanLayout) -> str:
    """The front door's short list: the least advanced rezagadas (compute's ranking), each
    with who answers for it, linked to the page where its row is."""
    vr, plan, here = results.current, results.plan, layout.home_url
    codigos = [c for c in vr.least_advanced if vr.metas[c].rezagada][:FRONT_DOOR_METAS]
    out = ["## Las metas más atrasadas\n\n"]
    if not codigos:
        return "".join(out) + f"Ninguna meta va por debajo de lo esperado al corte {md_text(vr.corte)}.\n\n"
    items = Html("").join(
        Html("<li><strong>{}</strong> ({}): {}, {}. Responde: {}.</li>").format(
            plan.metas[c].nombre, meta_link(layout, here, plan.metas[c]), fmt_pct(vr.metas[c].cumplimiento),
            vr.metas[c].estado, plan.metas[c].dependencia.strip() or SIN_DEPENDENCIA)
        for c in codigos)
    out.append(Html('<ul class="atrasadas">{}</ul>\n\n').format(items))
    out.append(f"Todas las metas rezagadas, por dependencia, están en [alertas]"
               f"({rel_md(here, layout.section_file('alertas'), layout)}).\n\n")
    return "".join(out)


def topics_section(results: PlanResults) -> str:
    """The front door's entries by topic: each sector's metas and cumplimiento (none
    when the plan's metas have no sector)."""
    vr, plan = results.current, results.plan
    if not vr.sectores:
        return ""
    rows = [[s.nombre, fmt_int(len(s.metas)), fmt_int(s.counts.programadas), fmt_pct(s.cumplimiento),
             fmt_pct(s.ritmo), rango_html(plan.rangos, s.rango)] for s in vr.sectores]
    return "".join([
        "## Por tema\n\n",
        f"El cumplimiento de las metas de cada sector en la vigencia {vr.vigencia}, sin importar el "
        f"{md_text(plan.niveles[0])} al que pertenecen. Cada meta pesa lo que pesa en el plan.\n\n",
        html_table(f"Cumplimiento por sector en la vigencia {vr.vigencia}, al corte {vr.corte}",
                   ["Sector", "Metas", "Programadas", "Cumplimiento", "Frente a lo esperado", "Rango"],
                   rows, numeric={1, 2, 3, 4}, wide={0}, key=(0, 3, 5, 4)),
    ])


def plan_page(results: PlanResults, layout: PlanLayout) -> str:
    plan = results.plan
    here = layout.home_url
    vigencia = results.current
    figure = (cumplimiento_phrase(vigencia.nodes[ROOT], vigencia)
              if vigencia else "Todavía sin cortes publicados")
    who = ", ".join(part for part in (plan.nombre, plan.entidad) if part)
    out = [front_matter(plan.nombre, description=f"{figure}. {who}."),
           demo_banner(plan)]
    out.append(breadcrumbs([("Inicio", rel(here, "")), (plan.nombre, None)]))
    out.append(Html("<h1>{}</h1>\n\n").format(plan.nombre))
    out.append(
        Html('<p class="entidad">{} · periodo {}-{}</p>\n\n').format(plan.entidad, *plan.periodo)
    )
    about = ["## Sobre este plan\n\n", md_paragraphs(plan.descripcion), "\n\n"] if plan.descripcion else []
    if vigencia is None:
        out += about + ["Todavía no hay cortes publicados para este plan.\n"]
        return "".join(out)
    r = vigencia.nodes[ROOT]
    out.append(corte_line(vigencia))
    out.append(verdict_html(headline_verdict(results.cuatrienio_figures(ROOT), plan.periodo, r, vigencia)))
    out.append(key_figures(results, ROOT, r, vigencia))
    out.append(gauge_block(plan, r, vigencia, charts.slug_id(plan.slug, "plan", "indicador"), "el plan"))
    out.append("## En pocas palabras\n\n")
    out.extend(p + "\n\n" for p in narrative(results, None, vigencia))
    out.append(children_section(results, layout, None, vigencia, here))
    out.append(most_delayed(results, layout))
    out.append(topics_section(results))
    out.append(money_section(results, layout, None, here))
    out.append(history_section(results, None))
    if len(results.vigencias) > 1:
        out.append(vigencias_table(results))
    out.extend(about)  # every result first, then where the plan comes from
    out.append(follow_up_links(results, layout))
    out.append(
        "## Datos abiertos\n\n"
        "Todas las cifras de este sitio se pueden descargar en CSV, Excel y JSON desde la página de "
        "[datos abiertos](datos.md). La [metodología](../metodologia.md) explica cómo se calcula "
        "cada una, con un ejemplo que se puede repetir con una calculadora.\n"
    )
    return "".join(out)


def datos_page(results: PlanResults, layout: PlanLayout, published) -> str:
    plan = results.plan
    here = layout.datos_url
    vigencia = results.current
    columns = table_columns()
    to_datos = rel(here, f"datos/{plan.slug}/")
    dataset = descriptor.schema_org_dataset(results, list(columns), published, to_datos)
    described = (f"Las cifras de «{plan.nombre}» en CSV, Excel y JSON, al corte del "
                 f"{corte_date(vigencia.corte)}" if vigencia else f"Las cifras de «{plan.nombre}» en CSV, Excel y JSON")
    out = [front_matter(page_title("Datos abiertos", plan), jsonld=dataset,
                        description=f"{described}, con su diccionario de datos."), demo_banner(plan)]
    out.append(breadcrumbs([("Inicio", rel(here, "")), (plan.nombre, rel(here, layout.home_url)), ("Datos abiertos", None)]))
    out.append(Html("<h1>Datos abiertos: {}</h1>\n\n").format(plan.nombre))
    rows = []
    for table in columns:
        links = [
            Html('<a href="{}" download>{}</a>').format(to_datos + f"{table}.{ext}", label)
            for ext, (label, _) in descriptor.FORMATS.items()
        ]
        rows.append([TABLE_TITLES[table]] + links)
    out.append(
        "Las cifras de este sitio, listas para descargar y reutilizar. El CSV usa UTF-8, coma como "
        "separador y punto como separador decimal; los porcentajes van de 0 a 100. Las cifras se "
        f"calculan con toda la precisión y se publican redondeadas: los porcentajes con {PERCENT_DECIMALS} "
        f"decimales, los pesos con {WEIGHT_DECIMALS} y el dinero con {MONEY_DECIMALS} (el diccionario "
        "dice la precisión de cada columna).\n\n"
    )
    out.append(html_table("Archivos de datos abiertos", ["Tabla", "CSV", "Excel", "JSON"], rows))
    zip_file = descriptor.zip_name(results)
    out.append(Html(
        '<ul class="descargas"><li><a href="{}" download>Todos los archivos en un zip</a> ({})</li>'
        '<li><a href="{}">Descriptor Data Package</a> (<code>datapackage.json</code>): tipos, claves y '
        "descripción de cada columna, para validar los archivos con herramientas como Frictionless</li>"
        '<li><a href="{}">Catálogo DCAT del sitio</a> (<code>catalogo.jsonld</code>), para portales de datos '
        "abiertos</li></ul>\n\n"
    ).format(to_datos + zip_file, zip_file, to_datos + descriptor.DATAPACKAGE,
             rel(here, f"datos/{descriptor.CATALOGUE}")))
    licencia = plan.licencia or DEFAULT_LICENCIA
    url = safe_url(licence_of(licencia)[0])
    licence_html = Html('<a href="{}" rel="license">{}</a>').format(url, licencia) if url else licencia
    corte = f"{corte_date(vigencia.corte)} (informe {vigencia.corte})" if vigencia else "sin cortes"
    out.append(Html(
        '<ul class="ficha"><li>Entidad: {}</li><li>Licencia: {}</li><li>Corte más reciente: {}</li>'
        "<li>Fecha de publicación: {}</li></ul>\n\n"
    ).format(plan.entidad, licence_html, corte, fmt_date(published)))
    out.append("## Diccionario de datos\n\n")
    for table, cols in columns.items():
        described = DICTIONARY[table]
        rows = [[Html("<code>{}</code>").format(col), _md_code(described[col].full_description)] for col in cols]
        out.append(f"### {md_text(table)}\n\n")
        out.append(html_table(TABLE_TITLES[table], ["Columna", "Descripción"], rows))
    return "".join(out)


def _md_code(text: str) -> Html:
    """Our own dictionary text: `x` as <code> (the text is escaped first)."""
    return Html(re.sub(r"`([^`]+)`", r"<code>\1</code>", str(Html.escape(text))))


def site_home(all_results: list[PlanResults], layouts: dict[str, PlanLayout]) -> str:
    figures = [f"{r.plan.nombre}: {fmt_pct(r.current.nodes[ROOT].cumplimiento)} al {corte_date(r.current.corte)}"
               for r in all_results if r.current is not None]
    out = [front_matter("Rendición de cuentas", description=(
        "Cumplimiento de los planes de desarrollo" + (": " + "; ".join(figures) if figures else "") + "."))]
    out.append("<h1>Rendición de cuentas</h1>\n\n")
    out.append(
        "Cómo va cada plan frente a lo que prometió: el cumplimiento de sus metas en la vigencia, "
        "escenario por escenario, con las cifras para descargar.\n\n"
    )
    rows = []
    grouped = any(r.plan.grupo for r in all_results)  # plan.yml `grupo`: a province, a subregion
    for results in all_results:
        plan = results.plan
        layout = layouts[plan.slug]
        v = results.current
        r = v.nodes[ROOT] if v else None
        demo = Html(' <span class="demo">(datos de demostración)</span>') if plan.demo else ""
        rows.append([
            Html('<a href="{}">{}</a>{}').format(rel("", layout.home_url), plan.nombre, demo),
            plan.entidad,
            *([plan.grupo or "—"] if grouped else []),
            f"{plan.periodo[0]}-{plan.periodo[1]}",
            corte_date(v.corte) if v else "—",
            fmt_pct(r.cumplimiento) if r else "—",
            rango_html(plan.rangos, r.rango) if r else "—",
        ])
    shift = 1 if grouped else 0
    out.append(html_table(
        "Planes publicados, con el cumplimiento de la vigencia más reciente",
        ["Plan", "Entidad", *(["Grupo"] if grouped else []), "Periodo", "Corte", "Cumplimiento", "Rango"], rows,
        numeric={4 + shift}, key=(0, 4 + shift, 5 + shift, 3 + shift),
    ))
    if any(r.plan.demo for r in all_results):
        out.append(
            '!!! warning "Datos de demostración"\n\n'
            "    Los planes marcados como de demostración tienen cifras inventadas.\n\n"
        )
    out.append(
        "La [metodología](metodologia.md) explica cada cifra y el [glosario](glosario.md) "
        "las palabras de la planeación pública. La [declaración de accesibilidad](accesibilidad.md) "
        "dice cómo se comprueba que cualquier persona pueda usar el sitio.\n"
    )
    return "".join(out)
