"""The council report of the latest corte (/<plan>/informe/), as a printable page.

It follows the planning office's quarterly report to the concejo (Sopó's "Informe de
seguimiento a las metas del Plan de Desarrollo"): the legal basis, how the figures were
gathered and what is not counted, the plan's structure, each top-level node's results
for the vigencia and the cuatrienio beside what was expected by the corte, the office's
conclusions, and the signature. Every figure comes from the results; the page only
formats them. It is plain HTML with no chart and no script of its own, so Chromium
prints it from the file (write/pdf.py) and it reads the same on paper.
"""

from __future__ import annotations

from datetime import date

from generator.model import ROOT, Node, Plan
from generator.names import fmt_date
from generator.render.escape import Html, md_paragraphs
from generator.render.layout import PlanLayout, html_table, page_head, rango_html
from generator.render.text import (
    capitalize,
    corte_date,
    count_of,
    descendants_by_level,
    fmt_int,
    fmt_pct,
    fmt_pct_short,
    in_progress,
    join_words,
    nivel_name,
    period_phrase,
    plural,
    share_text,
)
from generator.results import NodeResult, PlanResults, VigenciaResult
from generator.write.pdf import informe_pdf_name

TITLE = "Informe de seguimiento al plan de desarrollo"


def _section(number: int, title: str, body: Html) -> Html:
    return Html('<section class="informe__seccion"><h2>{}. {}</h2>{}</section>').format(number, title, body)


def _paragraphs(*sentences: str) -> Html:
    return Html("").join(Html("<p>{}</p>").format(s) for s in sentences if s)


def _together(block: Html) -> Html:
    """A block that is not split across two printed sheets (a short table and its caption)."""
    return Html('<div class="informe__junto">{}</div>').format(block)


def _office(plan: Plan) -> str:
    return plan.oficina or "la oficina de planeación"


def _legal_basis(plan: Plan, vigencia: VigenciaResult) -> Html:
    decreto = (f"En el municipio, el seguimiento trimestral al plan lo reglamenta el {plan.decreto_seguimiento}."
               if plan.decreto_seguimiento else "")
    return _paragraphs(
        "De conformidad con la Ley 152 de 1994 (Ley Orgánica del Plan de Desarrollo), el plan de desarrollo "
        "se evalúa para orientar a la administración hacia el cumplimiento de sus metas y garantizar la "
        "efectividad de la inversión pública.",
        decreto,
        "Según el artículo 22 de la Ley 1909 de 2018 (Estatuto de la Oposición), antes de terminar cada año "
        "del periodo el alcalde presenta al concejo un informe de cumplimiento de las metas del plan de "
        "desarrollo y de ejecución del presupuesto de inversión.",
        f"Este informe mide la eficacia del plan: el cumplimiento de las metas programadas para la vigencia "
        f"{vigencia.vigencia}, {period_phrase(vigencia.corte, vigencia.vigencia)} (corte {vigencia.corte}), y "
        f"el avance en el cuatrienio {plan.periodo[0]}-{plan.periodo[1]}.",
    )


def _data_rules(results: PlanResults, vigencia: VigenciaResult) -> Html:
    plan = results.plan
    y = vigencia.vigencia
    root = vigencia.nodes[ROOT].counts
    names = [vigencia.dependencias[key].nombre for key in vigencia.reportaron]
    reported = (f"La información de este corte la reportaron {count_of(len(names), 'dependencia', 'dependencias')}: "
                f"{join_words(names)}." if names else "Ninguna dependencia reportó avances en este corte.")
    tops = [100.0] + [r.desde for r in plan.rangos]  # rangos go highest first: each ends where the one above starts
    rangos = _together(html_table(
        "Rangos del nivel de cumplimiento",
        ["Nivel de cumplimiento", "Rango"],
        [[rango_html(plan.rangos, r.nombre),
          f"de {fmt_pct_short(r.desde / 100)} a {'' if i == 0 else 'menos de '}{fmt_pct_short(top / 100)}"]
         for i, (r, top) in enumerate(zip(plan.rangos, tops))],
    ))
    pace = (f"Como el corte no cierra el año, el rango se aplica al cumplimiento frente a lo esperado a la fecha: "
            f"al {corte_date(vigencia.corte)} se esperaba el {fmt_pct_short(vigencia.esperado)} de lo programado "
            f"para {y}." if in_progress(vigencia) else "")
    return _paragraphs(
        reported,
        "Cada dependencia responde por la calidad y la veracidad de la información que reporta, y guarda las "
        f"evidencias que la soportan. {capitalize(_office(plan))} administra el seguimiento del plan y consolida "
        "la información.",
        f"Qué no se cuenta: las metas no programadas para la vigencia {y} "
        f"({count_of(root.no_programadas, 'meta', 'metas')} de {fmt_int(root.total)}) no entran en el "
        f"cumplimiento de la vigencia. Una meta programada sin reporte cuenta como sin avance "
        f"({count_of(root.sin_reporte, 'meta', 'metas')} en este corte). Lo ejecutado por encima de lo "
        "programado cuenta como el 100 % de la meta.",
        f"El nivel de cumplimiento se califica con estos rangos. {pace}".strip(),
    ) + rangos


def _structure_table(results: PlanResults, vigencia: VigenciaResult) -> Html:
    plan = results.plan
    parts = [count_of(n, name, plural(name)) for name, n in descendants_by_level(plan, None)]
    parts.append(count_of(vigencia.nodes[ROOT].counts.total, "meta", "metas"))
    rows = [
        [Html('<span class="informe__nivel-{}">{}</span>').format(node.nivel, node.codigo),
         Html('<span class="informe__nivel-{}">{}</span>').format(node.nivel, node.nombre),
         capitalize(nivel_name(plan, node)), fmt_int(vigencia.nodes[node.codigo].counts.total)]
        for node in plan.iter_nodes()
    ]
    rows.append([Html("<strong>Total</strong>"), Html("<strong>{}</strong>").format(join_words(parts)), "",
                 Html("<strong>{}</strong>").format(fmt_int(vigencia.nodes[ROOT].counts.total))])
    table = html_table("Estructura del plan: metas de cada nodo", ["Código", "Nombre", "Nivel", "Metas"], rows,
                       numeric={3}, wide={1})
    return _paragraphs(f"El plan «{plan.nombre}» tiene {join_words(parts)}, distribuidos así:") + table


def _results_table(results: PlanResults, vigencia: VigenciaResult) -> Html:
    plan = results.plan
    y = vigencia.vigencia

    def row(label: str, codigo: str) -> list:
        r = vigencia.nodes[codigo]
        return [label, fmt_pct(r.cumplimiento), fmt_pct(r.ritmo), rango_html(plan.rangos, r.rango),
                fmt_pct(results.cuatrienio.get(codigo)), fmt_pct(results.frente_meta.get(codigo))]

    expected = ["Lo esperado al corte", fmt_pct(vigencia.esperado), fmt_pct(1.0), "",
                fmt_pct(vigencia.esperado_cuatrienio), ""]
    rows = [expected] + [row(f"{n.codigo}. {n.nombre}", n.codigo) for n in plan.roots] + [row("Todo el plan", ROOT)]
    return _together(html_table(
        f"Resultados al {corte_date(vigencia.corte)}, frente a lo esperado a esa fecha",
        ["", f"Cumplimiento {y}", "Frente a lo esperado", "Rango", f"Avance del cuatrienio {plan.periodo[0]}-{plan.periodo[1]}",
         "Frente a las metas del cuatrienio"],
        rows, numeric={1, 2, 4, 5}, wide={0},
    ))


def _node_paragraph(results: PlanResults, node: Node, vigencia: VigenciaResult) -> str:
    plan = results.plan
    r = vigencia.nodes[node.codigo]
    c = r.counts
    y = vigencia.vigencia
    parts = [count_of(n, name, plural(name)) for name, n in descendants_by_level(plan, node)]
    parts.append(count_of(c.total, "meta", "metas"))
    programmed = (f"De ellas, {count_of(c.no_programadas, 'meta no fue programada', 'metas no fueron programadas')} "
                  f"para {y}; de las {fmt_int(c.programadas)} programadas, {fmt_int(c.con_avance)} reportan avance "
                  f"y {fmt_int(c.sin_avance)} no reportan ninguno.")
    return (f"Tiene un peso del {fmt_pct_short(r.peso_plan)} en el plan y agrupa {join_words(parts)}, el "
            f"{share_text(c.total, vigencia.nodes[ROOT].counts.total)} de las metas del plan. {programmed}")


def _node_section(results: PlanResults, node: Node, vigencia: VigenciaResult) -> Html:
    plan = results.plan
    r: NodeResult = vigencia.nodes[node.codigo]
    c = r.counts
    y = vigencia.vigencia
    figures = html_table(
        f"{capitalize(nivel_name(plan, node))} {node.codigo}: lo logrado frente a lo esperado al corte",
        ["", "Lo esperado al corte", "Lo logrado", "Frente a lo esperado", "Rango"],
        [[f"Vigencia {y}", fmt_pct(vigencia.esperado), fmt_pct(r.cumplimiento), fmt_pct(r.ritmo),
          rango_html(plan.rangos, r.rango)],
         [f"Cuatrienio {plan.periodo[0]}-{plan.periodo[1]}", fmt_pct(vigencia.esperado_cuatrienio),
          fmt_pct(results.cuatrienio.get(node.codigo)), "", ""],
         ["Metas del cuatrienio (lo logrado frente a lo prometido para el periodo)", "",
          fmt_pct(results.frente_meta.get(node.codigo)), "", ""]],
        numeric={1, 2, 3}, wide={0},
    )
    reprogramadas = vigencia.reprogramadas.get(node.codigo, 0)
    shares = html_table(
        f"{capitalize(nivel_name(plan, node))} {node.codigo}: metas sin avance y reprogramadas",
        ["", "Metas", "Proporción"],
        [["Programadas para " + str(y), fmt_int(c.programadas), f"{share_text(c.programadas, c.total)} de sus metas"],
         ["Sin avance al corte", fmt_int(c.sin_avance), f"{share_text(c.sin_avance, c.programadas)} de las programadas"],
         [f"Reprogramadas en {y} hasta el corte", fmt_int(reprogramadas),
          f"{share_text(reprogramadas, c.total)} de sus metas"]],
        numeric={1}, wide={0},
    )
    return Html('<section class="informe__escenario"><h3>{} {}: {}</h3><p>{}</p>{}{}</section>').format(
        capitalize(nivel_name(plan, node)), node.codigo, node.nombre,
        _node_paragraph(results, node, vigencia), _together(figures), _together(shares))


def _conclusions(plan: Plan, vigencia: VigenciaResult) -> Html:
    text = plan.informes.get(vigencia.corte, "")
    if text.strip():
        return md_paragraphs(text, "informe__conclusiones")
    return _paragraphs(
        f"{capitalize(_office(plan))} no agregó conclusiones ni recomendaciones para el corte {vigencia.corte}. "
        "Las cifras de este informe salen de los reportes de las dependencias y se pueden verificar en el sitio "
        "y en sus datos abiertos."
    )


def _signature(plan: Plan, published: date) -> Html:
    who = [plan.firma.nombre, plan.firma.cargo] if plan.firma else []
    who += [x for x in (plan.oficina, plan.entidad) if x]
    lines = Html("<br>").join(Html("<strong>{}</strong>").format(x) if i == 0 and plan.firma else Html.escape(x)
                              for i, x in enumerate(who))
    return Html('<div class="informe__firma"><p>Fecha: {}</p><p class="informe__firma-linea">{}</p></div>').format(
        fmt_date(published), lines)


def informe_page(results: PlanResults, layout: PlanLayout, published: date, pdf: bool,
                 section: str = "informe", *middle: tuple[str, str]) -> str:
    """The council report of the latest corte of `results` (an earlier corte's: its
    archived results, at `section` under the breadcrumbs `middle`). `pdf`: the build
    printed it, and the page links the file; otherwise the page says how to print it."""
    plan = results.plan
    here = layout.section_url(section)
    vigencia = results.current
    when = f"al {corte_date(vigencia.corte)}" if vigencia else "sin cortes publicados"
    out = page_head(layout, here, TITLE, *middle, description=f"Informe al concejo sobre «{plan.nombre}», {when}.")
    if vigencia is None:
        return "".join(out) + "Todavía no hay cortes publicados para este plan.\n"
    head = Html('<p class="informe__subtitulo">{} · {} · corte del {} (informe {})</p>').format(
        plan.nombre, plan.entidad, corte_date(vigencia.corte), vigencia.corte)
    download = Html('<p class="informe__pdf"><a href="{}" download>Descargar este informe en PDF</a> (A4, para '
                    "imprimir o enviar)</p>").format(informe_pdf_name(plan.slug, vigencia.corte)) if pdf else Html(
        '<p class="informe__pdf">Para guardarlo en PDF, use «Imprimir» en el navegador y elija «Guardar como '
        'PDF»: la página está preparada para hojas A4.</p>')
    top = plural(plan.niveles[0])
    escenarios = Html("").join(_node_section(results, node, vigencia) for node in plan.roots)
    body = Html("").join([
        head, download,
        _section(1, "Marco legal", _legal_basis(plan, vigencia)),
        _section(2, "Cómo se obtuvieron las cifras", _data_rules(results, vigencia)),
        _section(3, "Estructura del plan", _structure_table(results, vigencia)),
        _section(4, f"Resultados por {top}", _results_table(results, vigencia) + _paragraphs(
            "El avance del cuatrienio suma el cumplimiento de cada vigencia según el peso de la vigencia en el "
            "plan; se compara con lo esperado a la fecha del corte. «Frente a las metas del cuatrienio» compara "
            "lo logrado hasta hoy por cada meta con lo que prometió para los cuatro años.") + escenarios),
        _section(5, "Conclusiones y recomendaciones", _conclusions(plan, vigencia)),
        _signature(plan, published),
    ])
    out.append(Html('<article class="informe">{}</article>\n\n').format(body))
    return "".join(out)
