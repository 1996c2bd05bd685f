"""Money and reprogramming: the resources beside the physical progress, and every
adjustment made to the metas.

URLs (use_directory_urls):
    /<plan>/inversion/          inversion_page: by fuente, sector and territorio
    /<plan>/reprogramaciones/   reprogramaciones_page (only when the plan has any)
and, on the plan and node pages, `money_section`; on the pages of the last level, each
meta's trail (`reprogramming_html`, `original_html`). Rendering only: the money comes
from FinanceResult, the values in force and the original ones from the model.
"""

from __future__ import annotations

from collections import defaultdict

from generator.model import ROOT, Meta, Node, Plan, Reprogramacion
from generator.render import charts, palette
from generator.render.escape import Html, html_text, md_text
from generator.render.layout import (
    PlanLayout,
    corte_line,
    html_table,
    meta_link,
    methodology_link,
    money_cards,
    page_head,
    physical_financial,
    rel,
)
from generator.render.text import (
    NO_REPORTADO,
    campo_label,
    capitalize,
    corte_date,
    count_of,
    fmt_millions,
    fmt_money,
    fmt_number,
    fmt_pct,
    fmt_value,
    millions_value,
    nivel_name,
    node_subject,
    plural,
)
from generator.results import FinanceResult, Money, PlanResults

def _money_cells(money: Money | None) -> list[str]:
    if money is None:
        return ["—", "—", "—", "—"]
    return [fmt_money(money.programado), fmt_money(money.comprometido), fmt_money(money.pagado),
            fmt_pct(money.ejecucion)]


MONEY_HEADERS = ["Programado", "Comprometido", "Pagado", "Ejecución financiera"]


def money_section(results: PlanResults, layout: PlanLayout, node: Node | None, here: str) -> str:
    """Resources of the plan or a node, and of each child (or meta) beside its physical
    cumplimiento. Empty when the current corte reports no money."""
    plan = results.plan
    vr = results.current
    fin = vr.finanzas if vr is not None else None
    if fin is None:
        return ""
    codigo = node.codigo if node is not None else ROOT
    subject = "el plan" if node is None else node_subject(plan, node)
    out = ["## Recursos\n\n"]
    out.append(
        f"Lo que se programó gastar en {md_text(subject)} en la vigencia {vr.vigencia}, lo comprometido y lo "
        "pagado hasta el corte. La ejecución financiera es lo pagado sobre lo programado.\n\n"
    )
    out.append(money_cards(fin.by_node.get(codigo, Money()), vr.vigencia))
    children = plan.roots if node is None else node.children
    if children:
        level = nivel_name(plan, children[0])
        items = [(c.codigo, c.nombre, layout.node_url(c), vr.nodes[c.codigo].cumplimiento, fin.by_node.get(c.codigo))
                 for c in children]
    else:
        level = "meta"
        items = [(m.codigo, m.nombre, None, r.cumplimiento if (r := vr.metas.get(m.codigo)) else None,
                  fin.by_meta.get(m.codigo)) for m in node.metas]
    if not items:
        return "".join(out)
    levels = plural(level)
    out.append(charts.figure_html(
        physical_financial([f"{c} {n}" for c, n, *_ in items], [c for c, *_ in items],
                           [phys for *_, phys, _ in items],
                           [money.ejecucion if money else None for *_, money in items]),
        charts.slug_id(plan.slug, codigo, "financiera"),
        f"Cumplimiento físico y ejecución financiera de cada {level} en la vigencia {vr.vigencia}. "
        "Las cifras están en la tabla siguiente.",
    ))
    rows = []
    for c, n, url, phys, money in items:
        name = Html('<a href="{}">{}</a>').format(rel(here, url), n) if url else n
        rows.append([c, name] + _money_cells(money) + [fmt_pct(phys)])
    out.append(html_table(
        f"{capitalize(levels)}: recursos y cumplimiento físico, vigencia {vr.vigencia}",
        ["Código", capitalize(level)] + MONEY_HEADERS + ["Cumplimiento físico"],
        rows, numeric={2, 3, 4, 5, 6}, wide={1}, key=(1, 6, 5, 2, 4),
    ))
    return "".join(out)


# --------------------------------------------------------------------------- inversión

_BREAKDOWNS = (
    ("by_fuente", "sin_fuente", "fuente", "Por fuente de financiación", "Fuente"),
    ("by_sector", "sin_sector", "sector", "Por sector", "Sector"),
    ("by_territorio", "sin_territorio", "territorio", "Por territorio", "Territorio"),
)


def _breakdown(plan: Plan, fin: FinanceResult, attrs: tuple[str, str], key: str, title: str, header: str,
               vigencia: int) -> str:
    """One breakdown: its groups, the money without a `key` ("Sin territorio") and the
    total, so the rows add up to what the plan reports."""
    groups: dict[str, Money] = dict(getattr(fin, attrs[0]))
    unassigned: Money | None = getattr(fin, attrs[1])
    if unassigned is not None:
        groups[f"Sin {key}"] = unassigned
    out = [f"## {title}\n\n"]
    names = list(groups)
    series = [
        charts.Series(label, [millions_value(getattr(groups[n], field)) for n in names],
                      [fmt_number(millions_value(getattr(groups[n], field)), decimals=1) for n in names], color)
        for label, field, color in (("Programado", "programado", palette.PROGRAMADO),
                                    ("Pagado", "pagado", palette.FINANCIERA))
    ]
    rows = [[n] + _money_cells(groups[n]) for n in names]
    rows.append([Html("<strong>Total</strong>")] + _money_cells(fin.by_node.get(ROOT, Money())))
    # The figures first, the chart after them (as on the alerts page): a phone opens the
    # page without loading plotly.js.
    out.append(html_table(f"Recursos por {key}, vigencia {vigencia}", [header] + MONEY_HEADERS, rows,
                          numeric={1, 2, 3, 4}, wide={0}, key=(0, 4, 1, 3)))
    out.append(charts.figure_html(
        charts.grouped_bars(names, series, "millones de pesos", unit=" millones"),
        charts.slug_id(plan.slug, "inversion", key),
        f"Recursos programados y pagados por {key} en la vigencia {vigencia}, en millones de pesos. "
        "Las cifras exactas están en la tabla anterior.",
    ))
    return "".join(out)


def inversion_page(results: PlanResults, layout: PlanLayout) -> str:
    """The money of the current vigencia by fuente, sector and territorio; written only
    when the current corte reports money."""
    plan = results.plan
    here = layout.section_url("inversion")
    vr = results.current
    fin = vr.finanzas if vr is not None else None
    total = fin.by_node.get(ROOT, Money()) if fin is not None else Money()
    out = page_head(layout, here, "Inversión", description=(
        f"Ejecución financiera {vr.vigencia}: {fmt_pct(total.ejecucion, empty=NO_REPORTADO)} "
        f"({fmt_millions(total.pagado)} pagados de {fmt_millions(total.programado)} programados) "
        f"al {corte_date(vr.corte)}, por fuente, sector y territorio." if fin is not None
        else "Los recursos del plan por fuente, sector y territorio."))
    if fin is None:
        out.append("Los reportes de este plan no traen información de recursos.\n")
        return "".join(out)
    out.append(corte_line(vr))
    out.append(
        f"Cuánto se programó invertir en la vigencia {vr.vigencia} y cuánto se ha comprometido y pagado "
        f"hasta el corte. La ejecución financiera es lo pagado sobre lo programado ({methodology_link(layout, here, '#ejecucion-financiera')}). "
        "La Ley 1909 de 2018 (artículo 22) pide presentar al concejo, cada año, la inversión por "
        "sector y por territorio.\n\n"
    )
    out.append(money_cards(fin.by_node.get(ROOT, Money()), vr.vigencia))
    missing = []
    for attr, unassigned, key, title, header in _BREAKDOWNS:
        if getattr(fin, attr):
            out.append(_breakdown(plan, fin, (attr, unassigned), key, title, header, vr.vigencia))
        else:
            missing.append(key)
    if missing:
        out.append(f"Los reportes de este corte no detallan los recursos por {' ni por '.join(missing)}.\n")
    return "".join(out)


# --------------------------------------------------------------------------- reprogramming


def reprogramaciones_by_meta(plan: Plan) -> dict[str, list[Reprogramacion]]:
    trail: dict[str, list[Reprogramacion]] = defaultdict(list)
    for r in plan.reprogramaciones:
        trail[r.codigo_meta].append(r)
    return trail


def _change(r: Reprogramacion) -> str:
    return f"{campo_label(r.campo)}: {fmt_value(r.valor_anterior)} → {fmt_value(r.valor_nuevo)}"


def reprogramming_html(trail: list[Reprogramacion]) -> Html:
    """A visible "reprogramada" mark and the meta's adjustments in a <details>."""
    if not trail:
        return Html("")
    items = Html("").join(
        Html("<li><strong>{}</strong>: {}. {}{}</li>").format(
            r.fecha, _change(r), r.justificacion, Html(" ({})").format(r.acto) if r.acto else "")
        for r in trail
    )
    n = len(trail)
    return Html(
        '<br><span class="marca">reprogramada</span>'
        '<details class="ajustes"><summary>{} {}</summary><ul>{}</ul></details>'
    ).format(n, "ajuste" if n == 1 else "ajustes", items)


def original_html(meta: Meta, campo: str) -> Html:
    """The value before reprogramming, when `campo` was changed (after the value in force)."""
    if campo not in meta.original:
        return Html("")
    return Html('<br><span class="original">original: {}</span>').format(fmt_value(meta.original[campo]))


def reprogramaciones_page(results: PlanResults, layout: PlanLayout) -> str:
    plan = results.plan
    here = layout.section_url("reprogramaciones")
    n = len(plan.reprogramaciones)
    out = page_head(layout, here, "Reprogramaciones", description=(
        f"{count_of(n, 'ajuste', 'ajustes')} a las metas de «{plan.nombre}», con su justificación "
        "y los valores originales."))
    out.append(
        f"{'Se ha hecho' if n == 1 else 'Se han hecho'} {n} {'ajuste' if n == 1 else 'ajustes'} a las metas del plan, "
        "acordados entre la oficina de planeación y cada dependencia. Las páginas del plan muestran los "
        "valores vigentes y, junto a ellos, los originales "
        f"({methodology_link(layout, here, '#reprogramacion')}).\n\n"
    )
    out.append(reprogramaciones_table(layout, here, plan.reprogramaciones,
                                      "Ajustes a las metas, del más antiguo al más reciente"))
    return "".join(out)


def reprogramaciones_table(layout: PlanLayout, here: str, trail: list[Reprogramacion] | tuple[Reprogramacion, ...],
                           caption: str) -> Html:
    """Adjustments to the metas, one row each, in the order given."""
    plan = layout.plan
    rows = []
    for r in trail:
        meta = plan.metas.get(r.codigo_meta)
        rows.append([
            r.fecha,
            meta_link(layout, here, meta) if meta else r.codigo_meta,
            meta.nombre if meta else "—",
            campo_label(r.campo),
            fmt_value(r.valor_anterior), fmt_value(r.valor_nuevo),
            r.justificacion, html_text(r.acto) or "—",
        ])
    return html_table(
        caption, ["Fecha", "Código", "Meta", "Qué cambió", "Antes", "Ahora", "Justificación", "Acto"],
        rows, numeric={4, 5}, wide={2, 6}, key=(2, 3, 4, 5),
    )
