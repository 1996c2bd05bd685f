"""Spanish text: numbers (in the Colombian format of `numbers.fmt_number`) as
percentages, points and pesos, dates, and the narrative of each node.

Nothing here computes a published figure: percentages come rounded by the
computation's `round_pct` (so the words agree with the rango), points are the
computation's fractions shown in hundredths. The only arithmetic is presentation: the
share a count is of another count, in a sentence.

The narrative returns Markdown: every piece of data in it went through `md_text`.
"""

from __future__ import annotations

from decimal import Decimal

from generator.compute.core import round_pct
from generator.contract import corte_end, parse_corte_id
from generator.model import ROOT, Meta, Node, Plan
from generator.names import fmt_date, fold_accents
from generator.numbers import fmt_number
from generator.render.escape import md_text
from generator.results import DependenciaResult, MetaCuatrienio, NodeResult, PlanResults, VigenciaResult

# Words that end the part of a level name that agrees in number ("escenario de cambio"
# -> "escenarios de cambio", "línea estratégica" -> "líneas estratégicas").
_PREPOSICIONES = {"de", "del", "para", "por", "y", "e", "con", "en", "a", "al", "o", "u"}


def fmt_int(value: int) -> str:
    return fmt_number(int(value), decimals=0)


def fmt_pct(fraction: float | None, empty: str = "—") -> str:
    """A fraction (0..1) as the published percentage: 0.626 -> "62,6 %"."""
    if fraction is None:
        return empty
    return fmt_number(round_pct(fraction), decimals=1) + " %"


def fmt_pct_short(fraction: float) -> str:
    """Like fmt_pct but without a needless ",0": 0.30 -> "30 %", 0.462 -> "46,2 %"."""
    return fmt_number(round_pct(fraction), max_decimals=1) + " %"


def fmt_points(fraction: float | None) -> str:
    """A share of the whole plan in points (hundredths): 0.1386 -> "13,86"."""
    if fraction is None:
        return "—"
    return fmt_number(float(Decimal(repr(fraction)) * 100), decimals=2)


def points_value(fraction: float) -> float:
    """A share of the plan in points, for a chart's bar length (unit change only)."""
    return fraction * 100


def corte_parts(corte_id: str | None) -> tuple[int, int] | None:
    """(year, quarter) of a corte id like "2021-T3", or None."""
    return parse_corte_id((corte_id or "").strip())


def corte_date(corte_id: str | None) -> str:
    """"2021-T3" -> "30 de septiembre de 2021"; an unknown id is shown as it is."""
    parts = corte_parts(corte_id)
    return fmt_date(corte_end(*parts)) if parts else corte_id or ""


def _plural_word(word: str) -> str:
    lower = word.lower()
    if not lower or not lower[-1].isalpha():
        return word
    if lower[-1] in "aeiouáéó":
        return word + "s"
    if lower[-1] == "z":
        return word[:-1] + "ces"
    if lower[-1] == "s" and len(lower) > 1 and lower[-2] not in "aeiou":
        return word
    # "acción" -> "acciones", "pilar" -> "pilares": the stress mark goes away.
    if len(word) > 2 and word[-2] in "áéíóú":
        word = word[:-2] + fold_accents(word[-2]) + word[-1]
    return word + "es"


def plural(name: str) -> str:
    """Plural of a level name, word by word up to the first preposition."""
    words = name.split(" ")
    out = []
    for i, word in enumerate(words):
        if word.lower() in _PREPOSICIONES:
            return " ".join(out + words[i:])
        out.append(_plural_word(word))
    return " ".join(out)


def count_of(n: int, singular: str, plural_form: str | None = None) -> str:
    """"1 prospectiva", "9 prospectivas", "1.234 metas"."""
    return f"{fmt_int(n)} {singular if n == 1 else (plural_form or plural(singular))}"


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def join_words(items: list[str]) -> str:
    """"a", "a y b", "a, b y c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " y " + items[-1]


def nivel_name(plan: Plan, node: Node | None) -> str:
    """The plan's own name for the node's level ("escenario de cambio"); "plan" for None."""
    if node is None:
        return "plan"
    if 0 <= node.nivel < len(plan.niveles):
        return plan.niveles[node.nivel]
    return "nivel"


# Level names ending in "a" that are masculine ("el programa", "el subprograma", "el sistema").
_MASCULINE_ENDINGS = ("ma",)
_FEMININE_ENDINGS = ("a", "ión", "dad", "tud")


def with_article(level: str) -> str:
    """A level name with its article: "el escenario de cambio", "la prospectiva",
    "el programa", "la dimensión". The gender comes from the first word's ending."""
    word = level.split(" ")[0].lower()
    feminine = word.endswith(_FEMININE_ENDINGS) and not word.endswith(_MASCULINE_ENDINGS)
    return f"{'la' if feminine else 'el'} {level}"


def node_subject(plan: Plan, node: Node) -> str:
    """The node named in a sentence: "el escenario de cambio 1", "la prospectiva 1.A"."""
    return f"{with_article(nivel_name(plan, node))} {node.codigo}"


def of_subject(subject: str) -> str:
    """"de" + a subject with its article, contracting "de el" to "del"."""
    return "del" + subject[2:] if subject.startswith("el ") else "de " + subject


def descendants_by_level(plan: Plan, node: Node | None) -> list[tuple[str, int]]:
    """(level name, how many) of the nodes under `node` (the whole plan for None)."""
    counts: dict[int, int] = {}
    stack = list(plan.roots if node is None else node.children)
    while stack:
        child = stack.pop()
        counts[child.nivel] = counts.get(child.nivel, 0) + 1
        stack.extend(child.children)
    names = plan.niveles
    return [(names[lvl] if lvl < len(names) else "nivel", counts[lvl]) for lvl in sorted(counts)]


def share_text(part: int, whole: int) -> str:
    """The share a count is of another, for a sentence: "47,7 %" ("0 %" of nothing)."""
    return fmt_pct_short(part / whole) if whole else "0 %"


def period_phrase(corte_id: str | None, vigencia: int) -> str:
    """"entre el 1 de enero y el 30 de septiembre de 2021" (or "en la vigencia 2021")."""
    parts = corte_parts(corte_id)
    if parts is None:
        return f"en la vigencia {vigencia}"
    return f"entre el 1 de enero y el {corte_date(corte_id)}"


def in_progress(vigencia: VigenciaResult) -> bool:
    """The corte is not the year's last: the rango judges the pace, not the whole year."""
    return vigencia.esperado < 1


def pace_phrase(r: NodeResult | DependenciaResult, vigencia: VigenciaResult) -> str:
    """The one yardstick in words (compute.core.judge), plain text: "al 30 de septiembre
    de 2021 se esperaba el 75 % del año: va al 90,4 % de lo esperado, rango
    Sobresaliente"; at the year's last corte, "rango Aceptable"."""
    if r.ritmo is None:
        return ""
    rango = f"rango {r.rango}" if r.rango else "sin rango"
    if not in_progress(vigencia):
        return rango
    return (f"al {corte_date(vigencia.corte)} se esperaba el {fmt_pct_short(vigencia.esperado)} del año: "
            f"va al {fmt_pct(r.ritmo)} de lo esperado, {rango}")


def verdict(r: NodeResult | DependenciaResult, vigencia: VigenciaResult) -> str:
    """The answer in plain words, for the first screen under the page's title, which
    names the subject (plain text)."""
    y = vigencia.vigencia
    if r.cumplimiento is None:
        return f"No tiene metas programadas en la vigencia {y}."
    head = f"Cumple el {fmt_pct(r.cumplimiento)} de lo programado para {y}"
    if not in_progress(vigencia):
        return f"{head}: {pace_phrase(r, vigencia)}."
    return f"{head}. {capitalize(pace_phrase(r, vigencia))}."


def leads_with_meta_cuatrienio(figures: tuple[tuple[str, float | None], ...]) -> bool:
    """Whether a plan or node page leads with the whole period against the metas del
    cuatrienio (plan.yml `cuatrienio: meta_cuatrienio`) rather than with the vigencia;
    `figures` as PlanResults.cuatrienio_figures gives them, the headline first."""
    (metodo, value), _ = figures
    return metodo == "meta_cuatrienio" and value is not None


def headline_verdict(figures: tuple[tuple[str, float | None], ...], periodo: tuple[int, int],
                     r: NodeResult, vigencia: VigenciaResult) -> str:
    """The sentence that answers first on a plan or node page (plain text)."""
    head = verdict(r, vigencia)
    if not leads_with_meta_cuatrienio(figures):
        return head
    return f"Lleva el {fmt_pct(figures[0][1])} de sus metas del cuatrienio {periodo[0]}-{periodo[1]}. {head}"


# The two figures of the whole period (contract 6.5), as the site names them.
METODO_LABEL = {"por_vigencias": "sumando las vigencias", "meta_cuatrienio": "frente a las metas del cuatrienio"}


def period_card(results: PlanResults, key: str) -> tuple[str, str, str]:
    """(label, value, note) of the whole period: the plan's headline figure, the other beside it."""
    (first, value), (other, other_value) = results.cuatrienio_figures(key)
    start, end = results.plan.periodo
    return (f"Avance {start}-{end}", fmt_pct(value),
            f"{METODO_LABEL[first]}; {METODO_LABEL[other]}: {fmt_pct(other_value)}")


def logro_text(meta: Meta, m: MetaCuatrienio | None) -> str:
    """A meta's four-year target with what it has reached: "30 de 140 (21,4 %)"; a
    reducción reads "65, meta 50 (50,0 %)". Just the target when it has no figure."""
    target = fmt_number(meta.meta_cuatrienio)
    if m is None or m.avance is None:
        return target
    reached = "—" if m.acumulado is None else fmt_number(m.acumulado)
    joined = f"{reached}, meta {target}" if meta.tipo == "reduccion" else f"{reached} de {target}"
    return f"{joined} ({fmt_pct(m.avance)})"


def alerts_verdict(vigencia: VigenciaResult) -> str:
    """The alerts page's answer in one sentence: how many programmed metas are rezagadas
    at the corte, of which kind, and how many went over (plain text)."""
    t, y = vigencia.alertas.total, vigencia.vigencia
    when = f"Al {corte_date(vigencia.corte)}"
    if not t.rezagadas:
        out = f"{when}, ninguna de las {fmt_int(t.programadas)} metas programadas para {y} está rezagada."
    else:
        verb = "está rezagada" if t.rezagadas == 1 else "están rezagadas"
        out = (f"{when}, {fmt_int(t.rezagadas)} de las {fmt_int(t.programadas)} metas programadas para {y} {verb}: "
               f"{fmt_int(t.sin_avance)} sin iniciar y {fmt_int(t.atrasadas)} atrasadas.")
    if t.sobreejecutadas:
        went = "superó" if t.sobreejecutadas == 1 else "superaron"
        out += f" {capitalize(count_of(t.sobreejecutadas, 'meta', 'metas'))} {went} lo programado."
    return out


def narrative(results: PlanResults, node: Node | None, vigencia: VigenciaResult) -> list[str]:
    """The paragraphs the planning office writes by hand for each escenario, written
    from the figures. Markdown, data escaped."""
    plan = results.plan
    codigo = node.codigo if node is not None else None
    r = vigencia.nodes[codigo] if codigo is not None else _root(vigencia)
    c = r.counts
    root_counts = _root(vigencia).counts
    y = vigencia.vigencia
    paragraphs = []

    if node is None:
        first = f"El plan «{md_text(plan.nombre)}»"
    else:
        first = (
            f"«{md_text(node.nombre)}» ({md_text(nivel_name(plan, node))} {md_text(node.codigo)}) "
            f"tiene un peso del {fmt_pct_short(r.peso_plan)} dentro del plan"
        )
    parts = [count_of(n, md_text(name), md_text(plural(name))) for name, n in descendants_by_level(plan, node)]
    parts.append(count_of(c.total, "meta", "metas"))
    holds = join_words(parts)
    if node is None:
        paragraphs.append(f"{first} agrupa {holds}.")
    else:
        paragraphs.append(
            f"{first}. Agrupa {holds}, el {share_text(c.total, root_counts.total)} de las metas del plan."
        )

    if c.programadas == 0:
        paragraphs.append(
            f"Ninguna de sus metas fue programada para la vigencia {y}, así que no tiene "
            "cumplimiento en esa vigencia."
        )
        return paragraphs

    if c.no_programadas:
        programming = (
            f"En la vigencia {y}, {count_of(c.no_programadas, 'meta no fue programada', 'metas no fueron programadas')} "
            f"({share_text(c.no_programadas, c.total)} de sus metas)"
        )
    else:
        programming = f"En la vigencia {y} todas sus metas fueron programadas"
    con = count_of(c.con_avance, "reporta", "reportan")
    sin = count_of(c.sin_avance, "no reporta", "no reportan")
    detail = f" (de ellas, {count_of(c.sin_reporte, 'no entregó reporte', 'no entregaron reporte')})" if c.sin_reporte else ""
    without = f" y {sin} ninguno{detail}" if c.sin_avance else ", todas"
    paragraphs.append(f"{programming}; de las {fmt_int(c.programadas)} programadas, {con} avance{without}.")

    subject = "el plan" if node is None else "se"
    verb = "logró" if node is None else "ha logrado"
    head = f"{capitalize(period_phrase(vigencia.corte, y))} {subject} {verb}"
    pace = md_text(pace_phrase(r, vigencia))
    pace = f"; {pace}" if in_progress(vigencia) else f", en el {pace}"
    paragraphs.append(
        f"{head} un avance de {fmt_points(r.avance)} puntos de {fmt_points(r.programado)} programados "
        f"(el {fmt_pct_short(vigencia.peso_vigencia)} de su peso, que es lo que corresponde a la vigencia {y}); "
        f"es decir, un cumplimiento del {fmt_pct(r.cumplimiento)}{pace}."
    )
    key = codigo if codigo is not None else ROOT
    sentences = {
        "por_vigencias": lambda value: (f"Sumando las vigencias con datos, lleva un avance del {fmt_pct(value)} "
                                        f"de lo que le corresponde en todo el periodo {plan.periodo[0]}-{plan.periodo[1]}."),
        "meta_cuatrienio": lambda value: (f"Medido contra las metas del cuatrienio (lo logrado hasta hoy frente a lo "
                                          f"prometido para los cuatro años), lleva el {fmt_pct(value)}."),
    }
    paragraphs.append(" ".join(sentences[metodo](value) for metodo, value in results.cuatrienio_figures(key)
                               if value is not None))
    return paragraphs


def _root(vigencia: VigenciaResult) -> NodeResult:
    return vigencia.nodes[ROOT]


# An amount of money the files do not give (compute/money.py: None, never 0).
NO_REPORTADO = "no reportado"


def fmt_money(value: float | None) -> str:
    """Pesos, Colombian style and without cents: 1234567.4 -> "$ 1.234.567"."""
    if value is None:
        return NO_REPORTADO
    return "$ " + fmt_number(value, decimals=0)


def fmt_millions(value: float | None) -> str:
    """Pesos in millions, for key figures: 4045350123 -> "$ 4.045,4 millones"."""
    if value is None:
        return NO_REPORTADO
    return "$ " + fmt_number(millions_value(value), decimals=1) + " millones"


def millions_value(value: float | None) -> float | None:
    """Pesos in millions, for a chart (unit change only)."""
    return None if value is None else value / 1_000_000


def fmt_value(value: object) -> str:
    """A value as a file gave it (a number or a text): numbers in Colombian format."""
    if value is None or value == "":
        return "—"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fmt_number(value)
    return str(value)


_CAMPOS = {"meta_cuatrienio": "meta del cuatrienio", "linea_base": "línea base"}


def campo_label(campo: str) -> str:
    """A meta's field as a reader says it: "programado_2022" -> "programado 2022"."""
    return _CAMPOS.get(campo, campo.replace("_", " "))
