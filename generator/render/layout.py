"""What every page of a plan shares: where pages live (PlanLayout), links between them,
and the small HTML components (breadcrumbs, tables, figure cards, rango and estado
badges) the page modules are built from.

Every component returns `Html` (see `escape`): each plain string it is given (a name,
a caption, a table cell) is escaped on the way in, and `Html` ones are kept as they
are. Links are directory URLs (use_directory_urls), relative to the page.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date

from generator.model import Meta, Node, Plan, Rango
from generator.names import ascii_only, fmt_date, slugify
from generator.render import charts, palette
from generator.render.escape import Html, html_text
from generator.render.text import corte_date, fmt_millions, fmt_pct, in_progress, points_value, round_pct
from generator.results import DependenciaResult, Money, NodeResult, VigenciaResult

# Folders of a plan that hold other pages (node slugs must not take them).
RESERVED_NODE_SLUGS = {"datos", "index", "assets", "search", "alertas", "dependencias", "inversion", "reprogramaciones", "cortes", "informe", "cambios"}


_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")



@dataclass
class PlanLayout:
    """Where each page of a plan lives: `<plan>/`, `<plan>/<node-slug>/`, `<plan>/datos/`."""

    plan: Plan
    slugs: dict[str, str] = field(default_factory=dict)  # node codigo -> slug

    @classmethod
    def of(cls, plan: Plan) -> "PlanLayout":
        layout = cls(plan)
        used = set(RESERVED_NODE_SLUGS)
        for node in plan.iter_nodes():
            base = slugify(ascii_only(node.codigo)) or "nodo"
            if base in RESERVED_NODE_SLUGS:
                base = "n-" + base
            slug, n = base, 2
            while slug in used:
                slug, n = f"{base}-{n}", n + 1
            used.add(slug)
            layout.slugs[node.codigo] = slug
        return layout

    @property
    def home_url(self) -> str:
        return f"{self.plan.slug}/"

    @property
    def home_file(self) -> str:
        return f"{self.plan.slug}/index.md"

    @property
    def datos_url(self) -> str:
        return f"{self.plan.slug}/datos/"

    @property
    def datos_file(self) -> str:
        return f"{self.plan.slug}/datos.md"

    @property
    def feed_url(self) -> str:
        """The plan's Atom feed (render/feed.py)."""
        return f"{self.plan.slug}/feed.xml"

    def section_url(self, name: str) -> str:
        """A plan page with a fixed folder: "alertas", "dependencias/<slug>"..."""
        return f"{self.plan.slug}/{name}/"

    def section_file(self, name: str) -> str:
        return f"{self.plan.slug}/{name}/index.md"

    def node_url(self, node: Node) -> str:
        return f"{self.plan.slug}/{self.slugs[node.codigo]}/"

    def node_file(self, node: Node) -> str:
        return f"{self.plan.slug}/{self.slugs[node.codigo]}/index.md"


def cambios_section(corte_id: str) -> str:
    """The section of a corte's changes page (render/pages/cambios.py): "cambios/2021-T3"."""
    return f"cambios/{corte_id}"


def rel(from_dir: str, to: str) -> str:
    """Relative href from the page at directory URL `from_dir` to `to` (a directory
    URL ending in "/" or a file)."""
    target = posixpath.relpath("/" + to, "/" + from_dir) if to.strip("/") else posixpath.relpath("/", "/" + from_dir)
    if to.endswith("/") or not to:
        return "./" if target == "." else target + "/"
    return target


_JSON_IN_HTML = str.maketrans({c: f"\\u{ord(c):04x}" for c in "<>&='"})


def front_matter(title: str, jsonld: dict | None = None, description: str = "", searchable: bool = True) -> str:
    """The page's YAML front matter. Material prints page.meta.title and
    page.meta.description unescaped (in <title>, the header, <meta name="description">,
    and overrides/main.html in the Open Graph tags): they get escaped HTML. `jsonld`,
    structured data for search engines, goes in the <head> (overrides/main.html), where
    instant navigation never runs it as JavaScript; the characters of markup are JSON
    escapes (`\\u003c`...), so no text can close its <script> or read as markup. Material's
    search plugin skips every generated page (`search: exclude`): the build indexes them
    itself (write/search_entries.py), all but those not `searchable` (a matrix: a wall
    of figures), which say `buscable: false`."""
    meta = "title: " + json.dumps(str(html_text(title)), ensure_ascii=False) + "\n"
    if description:
        meta += "description: " + json.dumps(str(html_text(description)), ensure_ascii=False) + "\n"
    if jsonld is not None:
        text = json.dumps(jsonld, ensure_ascii=False, separators=(",", ":")).translate(_JSON_IN_HTML)
        meta += "jsonld: " + json.dumps(text, ensure_ascii=False) + "\n"
    meta += "search:\n  exclude: true\n"
    if not searchable:
        meta += "buscable: false\n"
    return "---\n" + meta + "---\n\n"


def page_title(title: str, plan: Plan) -> str:
    """A plan page's title names the plan: a shared link or a browser tab says whose it is."""
    return f"{title} · {plan.nombre}"


def cumplimiento_phrase(r: NodeResult | DependenciaResult | None, vigencia: VigenciaResult) -> str:
    """The figure a page is about, for its description: "Cumplimiento 2021: 63,0 % al
    30 de septiembre de 2021, el 84,0 % de lo esperado a esa fecha (Sobresaliente)"."""
    when = f"al {corte_date(vigencia.corte)}"
    if r is None or r.cumplimiento is None:
        return f"Sin metas programadas en la vigencia {vigencia.vigencia}, {when}"
    pace = f", el {fmt_pct(r.ritmo)} de lo esperado a esa fecha" if in_progress(vigencia) else ""
    return f"Cumplimiento {vigencia.vigencia}: {fmt_pct(r.cumplimiento)} {when}{pace} ({r.rango})"


def page_footer(plan: Plan | None, vigencia: VigenciaResult | None, published: date) -> Html:
    """The line that ends every page, on screen and on each printed sheet: the corte,
    the publication date and who answers for the figures."""
    parts = []
    if plan is not None:
        parts.append(Html("Corte: {}").format(
            f"{corte_date(vigencia.corte)} (informe {vigencia.corte})" if vigencia else "sin cortes publicados"))
    parts.append(Html("Publicado el {}").format(fmt_date(published)))
    if plan is not None and (plan.oficina or plan.entidad):
        who = ", ".join(x for x in (plan.oficina, plan.entidad) if x)
        parts.append(Html("Responsable: {}").format(who))
    return Html('\n\n<footer class="pie-pagina"><p>{}</p></footer>\n').format(Html(" · ").join(parts))


def demo_banner(plan: Plan) -> str:
    if not plan.demo:
        return ""
    # One compact line: on a phone the page's own figure must still fit the first screen.
    return (
        '<p class="aviso-demo"><strong>Datos de demostración:</strong> las cifras de este plan son '
        "inventadas y no describen la gestión real de ninguna entidad.</p>\n\n"
    )


def color_of(rangos: list[Rango], nombre: str | None) -> str | None:
    for rango in rangos:
        if rango.nombre == nombre:
            return rango.color if _COLOR.match(rango.color or "") else palette.FALLBACK
    return None


def rango_html(rangos: list[Rango], nombre: str | None) -> Html:
    """The rango's name with a coloured dot: the colour is never the only sign."""
    if not nombre:
        return Html('<span class="rango rango--nulo">sin metas programadas</span>')
    color = color_of(rangos, nombre) or palette.FALLBACK
    return Html(
        '<span class="rango"><span class="rango__punto" style="background:{}" aria-hidden="true"></span>'
        "{}</span>"
    ).format(color, nombre)


def breadcrumbs(items: list[tuple[str, str | None]]) -> Html:
    """`items`: (label, href or None for the current page)."""
    lis = Html("").join(
        Html('<li aria-current="page">{}</li>').format(label) if href is None
        else Html('<li><a href="{}">{}</a></li>').format(href, label)
        for label, href in items
    )
    # data-search-exclude: a search result's preview starts with the page's own text.
    return Html('<nav class="migas" aria-label="Ruta dentro del plan" data-search-exclude><ol>{}</ol></nav>\n\n').format(lis)


# Tables with more columns than this become cards wherever the text column is narrower
# than a desktop page's full width (extra.css, "Tables as cards"); narrower ones only on phones.
CARD_COLUMNS = 4
# A table of more rows than this is a long list: on a phone, its cards out of sight wait
# until the page has loaded to be laid out (extra.css and tablas.js, "tabla--larga").
LONG_ROWS = 30


def html_table(caption: str, headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset(),
               wide: set[int] = frozenset(), key: tuple[int, ...] = ()) -> Html:
    """A raw HTML table; plain-string caption, headers and cells are escaped, `Html`
    cells (links, badges) kept.

    Where the table does not fit (a phone; a desktop page, if it has more than
    CARD_COLUMNS columns) each row shows as a card, every cell labelled with its header
    (`data-label`): `key` are the columns a card shows first, in that order, the first
    one as the card's title (the name), the rest of the row after them (extra.css orders
    up to 6 key cells)."""

    def cls(i: int) -> str:
        names = ["num" if i in numeric else "texto" if i in wide else ""]
        if i in key:
            names.append(f"clave-{key.index(i) + 1}")
        joined = " ".join(n for n in names if n)
        return f' class="{joined}"' if joined else ""

    # Every piece from the data goes through html_text; the rest is this function's
    # own markup. Plain f-strings, not Html.format: tables are most of the site's HTML,
    # and Html.format (a Python-level formatter) was over a third of writing the pages.
    labels = [h.striptags() if isinstance(h, Html) else h for h in headers]
    head = "".join(f'<th scope="col"{cls(i)}>{html_text(h)}</th>' for i, h in enumerate(headers))
    opening = [f'<td{cls(i)} data-label="{html_text(label)}">' for i, label in enumerate(labels)]
    body = "".join(
        "<tr>" + "".join(f"{opening[i]}{html_text(cell)}</td>" for i, cell in enumerate(row)) + "</tr>"
        for row in rows
    )
    size = "tabla tabla--ancha" if len(headers) > CARD_COLUMNS else "tabla"
    if len(rows) > LONG_ROWS:
        size += " tabla--larga"
    return Html(f'<div class="{size}"><table><caption>{html_text(caption)}</caption><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table></div>\n\n")


def figure_cards(cards: list[tuple[str, str, str]], variant: str = "") -> Html:
    """Key figures as cards: (label, value, note), plain strings escaped, `Html` notes
    (a rango badge) kept; `variant` adds a `cifras--<variant>` class (e.g. "dinero":
    longer values, smaller)."""
    items = Html("").join(
        Html('<div class="cifra"><dt>{}</dt><dd class="cifra__valor">{}</dd>'
             '<dd class="cifra__nota">{}</dd></div>').format(label, value, note)
        for label, value, note in cards
    )
    classes = f"cifras cifras--{variant}" if variant else "cifras"
    return Html('<dl class="{}">{}</dl>\n\n').format(classes, items)


def verdict_html(sentence: str) -> Html:
    """The page's answer in one plain sentence (render/text.py verdict), escaped."""
    return Html('<p class="veredicto">{}</p>\n\n').format(sentence)


def corte_line(vigencia: VigenciaResult) -> Html:
    return Html(
        '<p class="corte">Corte: <strong>{}</strong> (vigencia {}, informe {}).</p>\n\n'
    ).format(corte_date(vigencia.corte), vigencia.vigencia, vigencia.corte)


def bands(plan: Plan, vigencia: VigenciaResult) -> list[charts.Band]:
    """The rangos on the cumplimiento scale: where each starts at the corte of `vigencia`
    (compute.core.umbrales: the pace expected by then)."""
    return [charts.Band(nombre, round(points_value(start), 2), color_of(plan.rangos, nombre) or palette.FALLBACK)
            for nombre, start in vigencia.umbrales]


def _estado_class(estado: str) -> str:
    return slugify(estado)  # an Estado: plain words, no digits


def estado_html(estado: str) -> Html:
    return Html('<span class="estado estado--{}">{}</span>').format(_estado_class(estado), estado)


def rel_md(here: str, target_file: str, layout: PlanLayout) -> str:
    """Relative link to a Markdown source file (MkDocs checks and rewrites it)."""
    source_dir = here.rstrip("/")  # node pages are `<dir>/index.md`, same folder as `here`
    return posixpath.relpath("/" + target_file, "/" + source_dir)


def plan_trail(layout: PlanLayout, here: str, *middle: tuple[str, str], title: str) -> Html:
    """Breadcrumbs of a plan-level page: Inicio › plan › [middle...] › title."""
    plan = layout.plan
    return breadcrumbs([("Inicio", rel(here, "")), (plan.nombre, rel(here, layout.home_url)),
                        *[(label, rel(here, url)) for label, url in middle], (title, None)])


def page_head(layout: PlanLayout, here: str, title: str, *middle: tuple[str, str], description: str = "",
              searchable: bool = True) -> list[str]:
    plan = layout.plan
    return [front_matter(page_title(title, plan), description=description, searchable=searchable), demo_banner(plan),
            plan_trail(layout, here, *middle, title=title), Html("<h1>{}</h1>\n\n").format(title)]


def methodology_link(layout: PlanLayout, here: str, anchor: str = "") -> str:
    return f"[metodología]({rel_md(here, 'metodologia.md', layout)}{anchor})"


def meta_link(layout: PlanLayout, here: str, meta: Meta) -> Html:
    """The meta's code as a link to the page of its node, where its row is."""
    node = layout.plan.node(meta.codigo_padre)
    return Html('<a href="{}">{}</a>').format(rel(here, layout.node_url(node)), meta.codigo)


def money_cards(money: Money, vigencia: int) -> Html:
    """Programado, comprometido, pagado and ejecución financiera as key figures."""
    return figure_cards([
        ("Recursos programados", fmt_millions(money.programado), f"vigencia {vigencia}"),
        ("Comprometido", fmt_millions(money.comprometido), "hasta el corte"),
        ("Pagado", fmt_millions(money.pagado), "hasta el corte"),
        ("Ejecución financiera", fmt_pct(money.ejecucion), "pagado ÷ programado"),
    ], variant="dinero")


def physical_financial(labels: list[str], codes: list[str] | None, physical: list[float | None],
                       financial: list[float | None]) -> charts.Figure:
    """Cumplimiento físico beside ejecución financiera (fractions 0..1), per row."""
    def series(name: str, values: list[float | None], color: str) -> charts.Series:
        return charts.Series(name, [round_pct(v) if v is not None else None for v in values],
                             [fmt_pct(v, empty="sin dato") for v in values], color)

    return charts.grouped_bars(
        labels, [series("Cumplimiento físico", physical, palette.AVANCE),
                 series("Ejecución financiera", financial, palette.FINANCIERA)],
        "porcentaje", codes=codes,
    )
