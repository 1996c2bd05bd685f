"""The planning office's quarter: evolution by corte, alerts and dependencias.

What Pasto's PE-P-004 and PE-P-008 ask each quarter, as pages: how each part of the
plan moved from corte to corte, the *matriz de metas rezagadas* (with the accumulated
view over the cortes of the year) and each dependencia's metas, compliance and money.
Rendering only: figures, estados, alerts, counts, rankings and the grouping by
dependencia come from the computation (the same the alert workbooks, capture sheets and
open data read); here they are formatted.

URLs (use_directory_urls):
    /<plan>/alertas/                   alerts_page
    /<plan>/alertas/acumulada/         accumulated_page: the year's cortes, meta by meta
    /<plan>/dependencias/              dependencias_page: every dependencia side by side
    /<plan>/dependencias/<slug>/       dependencia_page (slug as in the alert workbooks)
and, on the plan and node pages, `history_section` and `meta_history_section`.
"""

from __future__ import annotations

from datetime import date

from generator.model import ROOT, Meta, Node, Plan
from generator.render import charts, palette
from generator.render.escape import Html, html_text, md_text
from generator.render.layout import (
    PlanLayout,
    bands,
    color_of,
    corte_line,
    cumplimiento_phrase,
    estado_html,
    figure_cards,
    html_table,
    meta_link,
    methodology_link,
    money_cards,
    page_head,
    physical_financial,
    rango_html,
    rel,
    rel_md,
    verdict_html,
)
from generator.render.text import (
    alerts_verdict,
    capitalize,
    corte_date,
    count_of,
    fmt_date,
    fmt_int,
    fmt_money,
    fmt_number,
    fmt_pct,
    fmt_pct_short,
    fmt_points,
    node_subject,
    of_subject,
    points_value,
    round_pct,
    verdict,
)
from generator.results import (
    CompromisoResult,
    Counts,
    Dependencia,
    DependenciaResult,
    MetaResult,
    PlanResults,
    VigenciaResult,
)
from generator.write.alerts_xlsx import alert_files

ALERT_COLORS = {"no iniciada": palette.NO_INICIADAS, "atrasada": palette.ATRASADAS,
                "sobreejecutada": palette.SOBREEJECUTADAS}


# --------------------------------------------------------------------------- history


def history_section(results: PlanResults, node: Node | None) -> str:
    """Cumplimiento and avance of the plan or a node at every corte: chart and table."""
    plan = results.plan
    codigo = node.codigo if node is not None else ROOT
    subject = "del plan" if node is None else of_subject(node_subject(plan, node))
    out = ["## Evolución por corte\n\n"]
    history = [(v, v.nodes[codigo]) for v in results.history if codigo in v.nodes]
    if len(history) < 2:
        out.append("Hay un solo corte publicado: la evolución se podrá ver desde el próximo informe.\n\n")
        return "".join(out)
    out.append(
        "Cada corte suma lo ejecutado desde el 1 de enero frente a lo programado para todo el año: "
        "el cumplimiento crece durante el año y vuelve a empezar con cada vigencia.\n\n"
    )
    points = [charts.Point(
        corte=v.corte, vigencia=v.vigencia, avance=points_value(r.avance), avance_text=fmt_points(r.avance),
        cumplimiento=round_pct(r.cumplimiento) if r.cumplimiento is not None else None,
        cumplimiento_text=fmt_pct(r.cumplimiento), rango=r.rango, color=color_of(plan.rangos, r.rango),
        esperado=points_value(v.esperado),
        cuatrienio=round_pct(r.avance_cuatrienio) if r.avance_cuatrienio is not None else None,
    ) for v, r in history]
    out.append(charts.figure_html(
        charts.evolution(points), charts.slug_id(plan.slug, codigo, "evolucion"),
        f"Cumplimiento {subject} en cada corte (arriba, con su rango escrito bajo cada corte, o en la tabla "
        "en un teléfono; una línea por vigencia; la línea "
        "de rayas marca lo esperado a cada corte, que vuelve a empezar con cada vigencia: el rango compara "
        "el cumplimiento con ella; la de puntos, lo logrado frente a las metas del cuatrienio, que se acumula) "
        "y avance en puntos del plan (abajo). Las cifras están en la tabla siguiente.",
    ))
    rows = [[
        v.corte, corte_date(v.corte), fmt_points(r.programado),
        fmt_points(r.avance), fmt_pct(r.cumplimiento), rango_html(plan.rangos, r.rango), fmt_pct(r.avance_cuatrienio),
    ] for v, r in history]
    out.append(html_table(
        f"Resultado {subject} en cada corte",
        ["Corte", "Fecha", "Programado (puntos)", "Avance (puntos)", "Cumplimiento", "Rango",
         "Frente a las metas del cuatrienio"],
        rows, numeric={2, 3, 4, 6}, key=(0, 4, 5, 6, 3, 2),
    ))
    return "".join(out)


def _meta_cell(r: MetaResult | None) -> Html | str:
    """One meta at one corte: cumplimiento, ejecutado of programado, estado."""
    if r is None:
        return "—"
    if r.cumplimiento is None:
        return estado_html(r.estado)
    ejecutado = fmt_number(r.ejecutado) if r.ejecutado is not None else "—"
    return Html('{}<br><span class="de">{} / {}</span><br>{}').format(
        fmt_pct(r.cumplimiento), ejecutado, fmt_number(r.programado), estado_html(r.estado))


CHART_LINES = len(charts.LINE_SYMBOLS)


def meta_history_section(results: PlanResults, node: Node) -> str:
    """On a page of the last level: each meta at every corte, in one compact table."""
    metas = node.metas
    if not metas or len(results.history) < 2:
        return ""
    cortes = results.history
    rows = [[meta.codigo, meta.nombre] + [_meta_cell(v.metas.get(meta.codigo)) for v in cortes]
            for meta in metas]
    lines = []
    for meta in metas:
        figures = [v.metas.get(meta.codigo) for v in cortes]
        lines.append(charts.Line(
            meta.codigo, meta.nombre,
            [round_pct(r.cumplimiento) if r and r.cumplimiento is not None else None for r in figures],
            [f"{fmt_pct(r.cumplimiento)} ({r.estado})" if r else "—" for r in figures],
        ))
    subject = of_subject(node_subject(results.plan, node))
    caption = f"Cumplimiento de cada meta {subject} en cada corte"
    if len(lines) > CHART_LINES:
        # More lines than a reader can tell apart: the least advanced at the latest corte.
        position = cortes[-1].advance_rank
        lines = sorted(lines, key=lambda line: position[line.codigo])[:CHART_LINES]
        caption = f"Las {CHART_LINES} metas {subject} con menor cumplimiento en el último corte, en cada corte"
    chart = charts.figure_html(
        charts.metas_evolution([v.corte for v in cortes], [v.vigencia for v in cortes], lines,
                               [points_value(v.esperado) for v in cortes]),
        charts.slug_id(results.plan.slug, node.codigo, "metas-por-corte"),
        f"{caption} (sin punto: no programada en esa vigencia). Las cifras de todas las metas "
        "están en la tabla siguiente.",
    )
    return "".join([
        "### Metas en cada corte\n\n"
        "Para cada meta y cada corte: cumplimiento, ejecutado / programado en esa vigencia "
        "(en la unidad del indicador) y estado.\n\n",
        chart,
        html_table(
            f"Metas {subject} en cada corte",
            ["Código", "Meta"] + [v.corte for v in cortes], rows,
            numeric=set(range(2, 2 + len(cortes))), wide={1}, key=(1, 1 + len(cortes)),
        ),
    ])


# --------------------------------------------------------------------------- alerts


# The Counts field of each column (no iniciadas are Counts.sin_avance).
_MATRIX_COLUMNS = [
    ("programadas", "Programadas"), ("sin_reporte", "Sin reporte"), ("reportadas_sin_avance", "Sin avance"),
    ("sin_avance", "No iniciadas"), ("atrasadas", "Atrasadas"), ("rezagadas", "Rezagadas"),
    ("sobreejecutadas", "Sobreejecutadas"), ("cumplidas", "Cumplidas"),
]


def esperado_text(vr: VigenciaResult) -> str:
    """The share of the year elapsed at the corte, in words ("75 %")."""
    return fmt_pct_short(vr.esperado)


def _dependencia_cell(layout: PlanLayout, here: str, slug: str, label: str, named: bool) -> Html:
    if not named:
        return html_text(label)
    href = rel(here, layout.section_url(f"dependencias/{slug}"))
    return Html('<a href="{}">{}</a>').format(href, label)


# A page lists at most this many metas: in a plan of thousands of metas a full list
# would make pages of megabytes. Capped lists keep the most lagging and link to the
# complete open-data file.
LIST_LIMIT = 200


def capped(items: list, here: str, plan: Plan, table: str | None,
           ranking: dict[str, int] | None = None) -> tuple[list, Html]:
    """`items` when short; otherwise the first LIST_LIMIT (in the order of `ranking`, the
    computation's least advanced first (VigenciaResult.advance_rank), when given: items
    are then (meta, result) pairs) and the sentence that says so and, with `table`,
    which open-data file has them all."""
    if len(items) <= LIST_LIMIT:
        return items, Html("")
    order = ranking or {}
    shown = sorted(items, key=lambda pair: order[pair[0].codigo])[:LIST_LIMIT] if order else items[:LIST_LIMIT]
    where = Html("")
    if table:
        where = Html(' La lista completa está en los datos abiertos: <a href="{}" download>{}.csv</a>.').format(
            rel(here, f"datos/{plan.slug}/{table}.csv"), table)
    return shown, Html("<p>Se muestran {} de {}{}.{}</p>\n\n").format(
        fmt_int(LIST_LIMIT), fmt_int(len(items)), Html(" (las de menor cumplimiento)") if order else "", where)


def meta_pairs(plan: Plan, vr: VigenciaResult, codigos: tuple[str, ...]) -> list[tuple[Meta, MetaResult]]:
    return [(plan.metas[codigo], vr.metas[codigo]) for codigo in codigos]


def _alert_rows(layout: PlanLayout, here: str, plan: Plan, pairs: list[tuple[Meta, MetaResult]],
                with_dependencia: bool = True) -> list[list[str]]:
    rows = []
    for meta, r in pairs:
        row = [meta_link(layout, here, meta), meta.nombre]
        if with_dependencia:
            row.append(html_text(meta.dependencia) or "—")
        row += [
            fmt_number(r.programado),
            fmt_number(r.ejecutado) if r.ejecutado is not None else "—",
            fmt_pct(r.cumplimiento), fmt_pct(r.esperado), estado_html(r.estado),
        ]
        rows.append(row)
    return rows


def alerts_table(layout: PlanLayout, here: str, vr: VigenciaResult, caption: str,
                 codigos: tuple[str, ...], with_dependencia: bool = True,
                 table: str = "rezagadas") -> Html:
    """The list of rezagadas (or sobreejecutadas), as in the alert workbooks; long lists
    keep the least advanced and link to the open-data `table`."""
    plan = layout.plan
    pairs, note = capped(meta_pairs(plan, vr, codigos), here, plan, table, vr.advance_rank)
    headers = ["Código", "Meta"] + (["Dependencia"] if with_dependencia else []) + [
        "Programado", "Ejecutado", "Cumplimiento", "Esperado", "Estado"]
    first_number = 3 if with_dependencia else 2
    return note + html_table(caption, headers, _alert_rows(layout, here, plan, pairs, with_dependencia),
                             numeric=set(range(first_number, first_number + 4)),
                             wide={1, 2} if with_dependencia else {1},
                             key=(1, first_number + 2, first_number + 4, first_number + 1, first_number))


def workbook_links(layout: PlanLayout, here: str, results: PlanResults, slug: str | None = None) -> Html:
    """Download links to the alert workbooks (all, or the one of `slug`)."""
    files = [f for f in alert_files(results) if slug is None or f.slug == slug]
    if not files:
        return Html("")
    base = f"datos/{layout.plan.slug}/alertas/"
    items = Html("").join(
        Html('<li><a href="{}" download>{}</a> (Excel)</li>').format(
            rel(here, base + f.name), capitalize(f.label) if f.slug is None else f.label)
        for f in files
    )
    return Html('<ul class="descargas">{}</ul>\n\n').format(items)


def accumulated_page(results: PlanResults, layout: PlanLayout) -> str:
    """The matrix of metas rezagadas accumulated over the cortes of the current vigencia."""
    here = layout.section_url("alertas/acumulada")
    vr = results.current
    behind_count = len(results.acumulada.metas) if results.acumulada is not None else 0
    out = page_head(layout, here, "Matriz acumulada", ("Alertas", layout.section_url("alertas")), searchable=False,
                    description=(
        f"{count_of(behind_count, 'meta rezagada', 'metas rezagadas')} en algún corte de la vigencia {vr.vigencia}, "
        f"al {corte_date(vr.corte)}." if vr is not None else "Las metas rezagadas en los cortes de la vigencia."))
    if vr is None:
        out.append("Todavía no hay cortes publicados para este plan.\n")
        return "".join(out)
    out.append(corte_line(vr))
    acumulada = results.acumulada
    cortes, behind = acumulada.cortes, [(results.plan.metas[c], flagged) for c, flagged in acumulada.metas]
    if not behind:
        out.append(f"Ninguna meta quedó rezagada en los cortes de la vigencia {vr.vigencia}.\n\n")
        return "".join(out)
    out.append(
        f"Las metas que quedaron rezagadas en algún corte de {vr.vigencia} "
        f"({', '.join(md_text(c) for c in cortes)}), primero las que llevan más cortes atrás. "
        "Es la matriz que la oficina de planeación consolida en el tercer trimestre para acordar "
        "compromisos con cada dependencia.\n\n"
    )
    behind, note = capped(behind, here, results.plan, None)  # the first: most cortes behind
    out.append(note)
    rows = []
    for meta, flagged in behind:
        current = vr.metas.get(meta.codigo)
        rows.append([
            meta_link(layout, here, meta),
            meta.nombre, html_text(meta.dependencia) or "—",
            f"{fmt_int(len(flagged))} de {fmt_int(len(cortes))}",
            ", ".join(flagged),
            estado_html(current.estado) if current else "—",
        ])
    out.append(html_table(
        f"Metas rezagadas en algún corte de {vr.vigencia}, por número de cortes",
        ["Código", "Meta", "Dependencia", "Cortes rezagada", "En qué cortes", f"Estado al {vr.corte}"],
        rows, numeric={3}, wide={1, 2}, key=(1, 5, 3),
    ))
    return "".join(out)


def rezagadas_section(layout: PlanLayout, here: str, vr: VigenciaResult) -> str:
    """The heading and list of the metas rezagadas at the corte of `vr`."""
    rezagadas = vr.alertas.rezagadas
    heading = f"## Metas rezagadas al corte {md_text(vr.corte)}\n\n"
    if not rezagadas:
        return heading + "Ninguna meta está rezagada en este corte.\n\n"
    caption = f"{count_of(len(rezagadas), 'meta rezagada', 'metas rezagadas')} al corte {vr.corte}"
    # Joined, not added: str + Html would escape the Markdown heading into the HTML block.
    return "".join([heading, alerts_table(layout, here, vr, caption, rezagadas)])


def alerts_page(results: PlanResults, layout: PlanLayout) -> str:
    here = layout.section_url("alertas")
    vr = results.current
    out = page_head(layout, here, "Alertas", searchable=False, description=(
        f"{count_of(len(vr.alertas.rezagadas), 'meta rezagada', 'metas rezagadas')} de "
        f"{fmt_int(vr.alertas.total.programadas)} programadas en la vigencia {vr.vigencia}, al "
        f"{corte_date(vr.corte)}, por dependencia." if vr is not None else "Las metas rezagadas, por dependencia."))
    if vr is None:
        out.append("Todavía no hay cortes publicados para este plan.\n")
        return "".join(out)
    out.append(corte_line(vr))
    if vr.alertas.dependencias:  # the answer first, then what the words mean
        out.append(verdict_html(alerts_verdict(vr)))
    out.append(
        "Cada trimestre la oficina de planeación revisa qué metas van atrasadas y se lo informa a "
        "cada dependencia. Una meta programada está **rezagada** cuando no se ha iniciado (no "
        "entregó reporte o no avanzó) o cuando avanzó menos de la parte del año transcurrida: "
        f"al corte {md_text(vr.corte)} se esperaba al menos el {esperado_text(vr)} de lo "
        "programado para el año. Las **sobreejecutadas** superaron lo programado: también se revisan. "
        f"La {methodology_link(layout, here, '#rezagadas')} lo explica.\n\n"
    )
    if not vr.alertas.dependencias:
        out.append(f"Ninguna meta fue programada para la vigencia {vr.vigencia}.\n")
        return "".join(out)
    out.append(_matrix(layout, here, results, vr))
    out.append(rezagadas_section(layout, here, vr))
    sobre = vr.alertas.metas["sobreejecutada"]
    if sobre:
        out.append(f"## Metas sobreejecutadas al corte {md_text(vr.corte)}\n\n")
        out.append(alerts_table(layout, here, vr,
                                f"{count_of(len(sobre), 'meta sobreejecutada', 'metas sobreejecutadas')} al corte {vr.corte}",
                                sobre, table="metas"))
    out.append(seguimiento_section(layout, here, results))
    out.append(
        f"La [matriz acumulada]({rel_md(here, layout.section_file('alertas/acumulada'), layout)}) "
        f"muestra cuántos cortes de {vr.vigencia} lleva rezagada cada meta.\n\n"
    )
    out.append("## Reportes de alertas en Excel\n\n")
    out.append(
        "El reporte de alertas del corte, con una hoja por tipo de alerta: uno con todas las "
        "dependencias y uno para cada dependencia con metas programadas.\n\n"
    )
    out.append(workbook_links(layout, here, results))
    return "".join(out)


def _matrix(layout: PlanLayout, here: str, results: PlanResults, vr: VigenciaResult) -> str:
    """Counts of alerts per dependencia and in total: chart and table."""
    plan = results.plan
    deps = vr.alertas.dependencias
    out = [f"## Alertas por dependencia al corte {md_text(vr.corte)}\n\n"]
    series = [
        charts.Series(name, [getattr(d.counts, key) for d in deps],
                      [fmt_int(getattr(d.counts, key)) if getattr(d.counts, key) else "" for d in deps],
                      ALERT_COLORS[kind])
        for kind, key, name in (("no iniciada", "sin_avance", "No iniciadas"),
                                ("atrasada", "atrasadas", "Atrasadas"),
                                ("sobreejecutada", "sobreejecutadas", "Sobreejecutadas"))
    ]
    chart = charts.figure_html(
        charts.grouped_bars([d.nombre for d in deps], series, "metas", stacked=True, unit=" metas"),
        charts.slug_id(plan.slug, "alertas", "dependencias"),
        f"Metas no iniciadas, atrasadas y sobreejecutadas de cada dependencia al corte {vr.corte}; "
        "cada color lleva su nombre en la leyenda. Las cifras están en la tabla anterior.",
    )
    lines: list[tuple[str | None, str, bool, Counts]] = [
        (d.slug, d.nombre, bool(d.dependencia.key), d.counts) for d in deps]
    rows = []
    for slug, label, named, counts in lines + [(None, "Todas las dependencias", False, vr.alertas.total)]:
        cell = _dependencia_cell(layout, here, slug, label, named)
        rows.append([Html("<strong>{}</strong>").format(cell) if slug is None else cell]
                    + [fmt_int(getattr(counts, key)) for key, _ in _MATRIX_COLUMNS])
    out.append(html_table(
        f"Metas por situación y dependencia al corte {vr.corte} (sin reporte + sin avance = no iniciadas; "
        "no iniciadas + atrasadas = rezagadas)",
        ["Dependencia"] + [label for _, label in _MATRIX_COLUMNS], rows,
        numeric=set(range(1, 1 + len(_MATRIX_COLUMNS))), wide={0}, key=(0,),
    ))
    # The figures first, the chart after them: on a phone the table is the answer, and a
    # page whose first chart is further down loads plotly.js only when the reader gets there.
    out.append(chart)
    return "".join(out)


# --------------------------------------------------------------------------- follow-up of alerts


def fecha_text(iso: str) -> str:
    """An ISO date in words: "2021-09-30" -> "30 de septiembre de 2021"."""
    return fmt_date(date.fromisoformat(iso))


def compromiso_html(r: CompromisoResult) -> Html:
    """One commitment in a sentence: corte, state, what, who, by when and why."""
    c = r.compromiso
    causa = Html(" Causa: {}.").format(c.causa) if c.causa else ""
    return Html("<strong>Compromiso {}</strong> {}: {} ({}, {}).{}").format(
        c.corte, estado_html(r.estado), c.compromiso, c.responsable, fecha_text(c.fecha), causa)


def seguimiento_html(compromisos: tuple[CompromisoResult, ...]) -> Html:
    """Under a meta in its row: its latest commitment, the earlier ones folded."""
    if not compromisos:
        return Html("")
    latest, *earlier = compromisos
    folded = Html("")
    if earlier:
        items = Html("").join(Html("<li>{}</li>").format(compromiso_html(r)) for r in earlier)
        folded = Html('<details class="ajustes"><summary>{}</summary><ul>{}</ul></details>').format(
            count_of(len(earlier), "compromiso anterior", "compromisos anteriores"), items)
    return Html('<span class="compromiso">{}</span>{}').format(compromiso_html(latest), folded)


def compromisos_table(layout: PlanLayout, here: str, caption: str, compromisos: list[CompromisoResult],
                      with_dependencia: bool = True) -> Html:
    """Commitments as rows (long lists capped, the whole list in the open data)."""
    plan = layout.plan
    shown, note = capped(compromisos, here, plan, "seguimiento")
    rows = []
    for r in shown:
        c = r.compromiso
        meta = plan.metas[c.codigo_meta]
        rows.append([meta_link(layout, here, meta), meta.nombre]
                    + ([html_text(meta.dependencia) or "—"] if with_dependencia else [])
                    + [c.corte, c.causa or "—", c.compromiso, c.responsable, fecha_text(c.fecha), estado_html(r.estado)])
    headers = ["Código", "Meta"] + (["Dependencia"] if with_dependencia else []) + [
        "Corte", "Causa", "Compromiso", "Responsable", "Fecha", "Estado"]
    wide = {1, 2, 4, 5} if with_dependencia else {1, 3, 4}
    last = len(headers) - 1  # a card: the meta, its estado, the date and the commitment first
    return note + html_table(caption, headers, rows, wide=wide, key=(1, last, last - 1, headers.index("Compromiso")))


def seguimiento_section(layout: PlanLayout, here: str, results: PlanResults) -> str:
    """The alerts page's section on commitments past their date and unmet."""
    s = results.seguimiento
    if not s.compromisos:
        return ""
    out = [f"## Compromisos vencidos al corte {md_text(s.corte)}\n\n"]
    out.append(
        "Cuando una meta se rezaga, la dependencia explica la causa y se compromete a algo, con un "
        "responsable y una fecha; en los cortes siguientes la oficina de planeación verifica si lo cumplió. "
        f"Un compromiso está **vencido** cuando su fecha llegó al cierre del corte ({corte_date(s.corte)}) "
        "sin que se haya cumplido. "
        + (f"De {count_of(len(s.compromisos), 'compromiso', 'compromisos')}, "
           f"{count_of(len(s.alertas), 'está vencido o no se cumplió', 'están vencidos o no se cumplieron')}.\n\n"
           if s.alertas else f"Hay {count_of(len(s.compromisos), 'compromiso', 'compromisos')} y ninguno está vencido "
           "ni se dejó de cumplir.\n\n")
    )
    if s.alertas:
        out.append(compromisos_table(
            layout, here, f"{count_of(len(s.alertas), 'compromiso vencido o no cumplido', 'compromisos vencidos o no cumplidos')} "
            f"al corte {s.corte}", list(s.alertas)))
    return "".join(out)


# --------------------------------------------------------------------------- dependencias


def dependencia_result(vr: VigenciaResult | None, dep: Dependencia) -> DependenciaResult | None:
    return vr.dependencias.get(dep.key) if vr is not None else None


def rango_of(d: DependenciaResult | None) -> str | None:
    return d.rango if d is not None else None


def _dependencia_bar(plan: Plan, dep: Dependencia, d: DependenciaResult | None) -> charts.Bar:
    rango = rango_of(d)
    c = d.cumplimiento if d is not None else None
    return charts.Bar(
        codigo="", nombre=dep.nombre, programado=0.0, avance=0.0,
        cumplimiento=round_pct(c) if c is not None else None, rango=rango, color=color_of(plan.rangos, rango),
        programado_text="", avance_text="", cumplimiento_text=fmt_pct(c),
    )


def dependencias_table(layout: PlanLayout, here: str, vr: VigenciaResult,
                       pairs: list[tuple[Dependencia, DependenciaResult | None]], scope: str = "") -> str:
    """Each dependencia's metas, cumplimiento and rango at `vr` (and its money, with the
    physical-financial chart, when the corte reports money); `scope` as in children_section."""
    plan = layout.plan
    out = []
    money = vr.finanzas is not None
    if money:
        ranked = sorted(pairs, key=lambda pair: charts.result_order(pair[1] and pair[1].cumplimiento))
        out.append(charts.figure_html(
            physical_financial([dep.nombre for dep, _ in ranked], None,
                               [d.cumplimiento if d else None for _, d in ranked],
                               [d.dinero.ejecucion if d else None for _, d in ranked]),
            charts.slug_id(plan.slug, scope + "dependencias", "financiera"),
            f"Cumplimiento físico y ejecución financiera (pagado ÷ programado) de cada dependencia en la vigencia "
            f"{vr.vigencia}, de mayor a menor cumplimiento. Las cifras están en la tabla siguiente.",
        ))
    rows = []
    for dep, d in pairs:
        c = d.counts if d else None
        row = [
            _dependencia_cell(layout, here, dep.slug, dep.nombre, True),
            fmt_int(len(dep.metas)),
            fmt_int(c.programadas) if c else "—",
            fmt_int(c.con_avance) if c else "—",
            fmt_int(c.rezagadas) if c else "—",
            fmt_pct(d.cumplimiento if d else None),
            rango_html(plan.rangos, rango_of(d)),
            fmt_pct(d.avance_cuatrienio if d else None),
        ]
        if money:
            row += [fmt_money(d.dinero.programado if d else None),
                    fmt_money(d.dinero.pagado if d else None),
                    fmt_pct(d.dinero.ejecucion if d else None)]
        rows.append(row)
    headers = ["Dependencia", "Metas", "Programadas", "Con avance", "Rezagadas", "Cumplimiento", "Rango",
               "Frente a las metas del cuatrienio"]
    if money:
        headers += ["Recursos programados", "Pagado", "Ejecución financiera"]
    out.append(html_table(
        f"Dependencias: metas, cumplimiento{' y ejecución financiera' if money else ''}, vigencia {vr.vigencia}",
        headers, rows, numeric={1, 2, 3, 4, 5, 7, 8, 9, 10}, wide={0}, key=(0, 5, 6, 7),
    ))
    return "".join(out)


def dependencias_page(results: PlanResults, layout: PlanLayout) -> str:
    plan = results.plan
    here = layout.section_url("dependencias")
    vr = results.current
    out = page_head(layout, here, "Dependencias", description=(
        f"El cumplimiento de cada secretaría u oficina. Plan: "
        f"{cumplimiento_phrase(vr.nodes[ROOT], vr)}." if vr is not None
        else "El cumplimiento de cada secretaría u oficina."))
    deps = results.dependencias
    if vr is None or not deps:
        out.append("Todavía no hay cortes publicados para este plan." if vr is None
                   else "Las metas de este plan no tienen dependencia asignada.")
        return "".join(out) + "\n"
    out.append(corte_line(vr))
    out.append(
        "Cada secretaría u oficina responde por sus metas. Su cumplimiento es el promedio del "
        "cumplimiento de sus metas programadas en la vigencia, y cada meta pesa lo que pesa en el plan "
        f"(ver la {methodology_link(layout, here, '#dependencias')}).\n\n"
    )
    pairs = [(dep, dependencia_result(vr, dep)) for dep in deps]
    if any(d is not None and d.cumplimiento is not None for _, d in pairs):
        out.append(charts.figure_html(
            charts.cumplimiento([_dependencia_bar(plan, dep, d) for dep, d in pairs], bands(plan, vr),
                                points_value(vr.esperado)),
            charts.slug_id(plan.slug, "dependencias", "cumplimiento"),
            f"Cumplimiento de cada dependencia en la vigencia {vr.vigencia}, de mayor a menor, con el nombre "
            f"de su rango; {charts.RULER_CAPTION} Las cifras están en la tabla siguiente.",
        ))
    else:
        out.append(f"Ninguna dependencia tiene metas programadas con resultado en la vigencia {vr.vigencia}.\n\n")
    out.append(dependencias_table(layout, here, vr, pairs))
    return "".join(out)


def dependencia_page(results: PlanResults, layout: PlanLayout, dep: Dependencia) -> str:
    plan = results.plan
    here = layout.section_url(f"dependencias/{dep.slug}")
    vr = results.current
    d = dependencia_result(vr, dep) if vr is not None else None
    figure = cumplimiento_phrase(d, vr) if vr is not None else ""
    out = page_head(layout, here, dep.nombre, ("Dependencias", layout.section_url("dependencias")),
                    description=f"{figure}. Las metas a cargo de {dep.nombre}." if figure
                    else f"Las metas a cargo de {dep.nombre}.")
    if vr is None:
        out.append("Todavía no hay cortes publicados para este plan.\n")
        return "".join(out)
    out.append(corte_line(vr))
    if d is not None:
        out.append(verdict_html(verdict(d, vr)))
    rango = rango_of(d)
    cards = [
        (f"Cumplimiento {vr.vigencia}", fmt_pct(d.cumplimiento if d else None), rango_html(plan.rangos, rango)),
        ("Metas programadas", fmt_int(d.counts.programadas) if d else "—",
         f"de {count_of(len(dep.metas), 'meta', 'metas')} a cargo"),
        ("Con avance", fmt_int(d.counts.con_avance) if d else "—",
         f"sin avance: {fmt_int(d.counts.sin_avance)}" if d else ""),
        (f"Avance {plan.periodo[0]}-{plan.periodo[1]}", fmt_pct(d.avance_cuatrienio if d else None),
         "sus metas frente a su meta del cuatrienio"),
    ]
    out.append(figure_cards(cards))
    if vr.finanzas is not None and d is not None:
        out.append(money_cards(d.dinero, vr.vigencia))
    rezagadas = d.rezagadas if d is not None else ()
    out.append("## Alertas\n\n")
    if rezagadas:
        out.append(
            f"Al corte {md_text(vr.corte)} se esperaba al menos el {esperado_text(vr)} de lo "
            "programado para el año.\n\n"
        )
        out.append(alerts_table(layout, here, vr,
                                f"{count_of(len(rezagadas), 'meta rezagada', 'metas rezagadas')} al corte {vr.corte}",
                                rezagadas, with_dependencia=False))
    else:
        out.append(f"Ninguna de sus metas está rezagada al corte {md_text(vr.corte)}.\n\n")
    out.append(workbook_links(layout, here, results, dep.slug))
    compromisos = [r for codigo in dep.metas for r in results.seguimiento.por_meta.get(codigo, ())]
    if compromisos:
        out.append(f"### Compromisos\n\n"
                   f"Lo que la dependencia se comprometió a hacer por sus metas rezagadas, y cómo va al corte "
                   f"{md_text(results.seguimiento.corte)}.\n\n")
        out.append(compromisos_table(layout, here, f"Compromisos de {dep.nombre}", compromisos, with_dependencia=False))
    out.append("## Metas\n\n")
    shown, note = capped([plan.metas[codigo] for codigo in dep.metas], here, plan, "metas")
    out.append(note)
    rows = []
    for meta in shown:
        r = vr.metas.get(meta.codigo)
        money = vr.finanzas.by_meta.get(meta.codigo) if vr.finanzas else None
        row = [
            meta_link(layout, here, meta), meta.nombre,
            fmt_number(r.programado) if r and r.programado else "—",
            fmt_number(r.ejecutado) if r and r.ejecutado is not None else "—",
            fmt_pct(r.cumplimiento) if r else "—",
            estado_html(r.estado) if r else "—",
        ]
        if vr.finanzas is not None:
            row.append(fmt_pct(money.ejecucion) if money else "—")
        rows.append(row)
    headers = ["Código", "Meta", "Programado", "Ejecutado", "Cumplimiento", "Estado"]
    if vr.finanzas is not None:
        headers.append("Ejecución financiera")
    out.append(html_table(
        f"Metas a cargo de {dep.nombre}, vigencia {vr.vigencia}", headers, rows, numeric={2, 3, 4, 6}, wide={1}, key=(1, 4, 5, 3, 2),
    ))
    return "".join(out)
