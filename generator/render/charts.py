"""Plotly figures, written as inert HTML that the site's charts.js draws.

Each chart is a `<figure>` holding `<div class="plotly-chart" id="fig-..."
data-figure='...'>` (the figure's JSON, keys sorted, HTML-escaped) and a caption; the
page puts the same numbers in a table next to it. No plotly.js and no script in the
page: the site loads plotly.min.js once (see docs/assets/javascripts/charts.js), which
survives Material's instant navigation. Same input, same bytes: ids come from the
node's code and nothing random enters the JSON.

Figures are plain dicts in plotly.js's own form (`{"data": [...], "layout": {...}}`),
written with `json.dumps`: plotly.graph_objects would validate every property again
(about 30 ms a figure, most of a build), and the browser's plotly.js reads the same
JSON either way.

Figures take values already formatted or rounded by the caller; every label that comes
from the data goes through `plotly_text`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from generator.names import slugify
from generator.numbers import fmt_number
from generator.render import palette
from generator.render.escape import Html, json_attribute, one_line, plotly_text

FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif"
OUTLINE = {"color": palette.OUTLINE, "width": 1}
COMPOSITION_RINGS = 2
# An axis label: a name on up to two lines of this many characters ("…" past them; the
# hover shows it whole).
LABEL_WIDTH = 30
LABEL_LINES = 2
# A phone's label for a bar without a code: the name on up to three short lines.
SHORT_WIDTH = 16
SHORT_LINES = 3
# The cumplimiento axis goes past 100 % so that a full bar's label fits beside it.
AXIS_TOP = 135

# A figure as plotly.js reads it: {"data": [trace, ...], "layout": {...}}.
Figure = dict[str, Any]


@dataclass(frozen=True)
class Bar:
    """One child in the comparison charts (values already rounded as published)."""

    codigo: str
    nombre: str
    programado: float  # points of the plan
    avance: float  # points of the plan
    cumplimiento: float | None  # published percentage 0..100, None when not programmed
    rango: str | None
    color: str | None  # the rango's colour
    programado_text: str  # "13,86"
    avance_text: str
    cumplimiento_text: str  # "67,8 %"


@dataclass(frozen=True)
class Band:
    """A traffic-light range: from `desde` (percentage) up to the next one."""

    nombre: str
    desde: float
    color: str


@dataclass(frozen=True)
class Slice:
    """A node in the composition chart."""

    id: str
    parent: str  # "" for the centre
    nombre: str
    peso: float  # share of the plan in percent, for leaves; ignored for parents
    peso_text: str
    cumplimiento_text: str
    rango: str | None
    color: str | None
    leaf: bool


def _luminance(hex_color: str) -> float:
    """WCAG relative luminance of "#rrggbb"."""
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def text_color_on(fill: str) -> str:
    """Black or white, whichever contrasts more with `fill` (WCAG ratio)."""
    lum = _luminance(fill)
    return palette.TEXT_ON_LIGHT if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else palette.TEXT_ON_DARK


def slug_id(*parts: str) -> str:
    """A stable HTML id: "fig-<parts>" with only [a-z0-9-]."""
    raw = "-".join(parts).lower()
    # Every non-ASCII character is a separator here ("educación" -> "educaci-n"), as ids
    # have always been: "?" keeps it one, where slugify would fold the accent.
    return "fig-" + (slugify(raw.encode("ascii", "replace").decode("ascii")) or "x")


def _layout(height: int, **extra) -> dict:
    layout = {
        "height": height,
        "autosize": True,
        "margin": {"l": 8, "r": 8, "t": 8, "b": 8},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"family": FONT, "size": 13},
        "separators": ",.",  # Colombian: decimal comma, thousands dot
        "showlegend": False,
        "hoverlabel": {"align": "left"},
    }
    layout.update(extra)
    return layout


# Trace types in the site's plotly.min.js, a partial bundle built by scripts/plotly/
# (entry.js registers the same ones): a chart of any other type would not draw.
BUNDLED_TRACES = frozenset({"bar", "scatter", "indicator", "sunburst"})


class UnbundledTrace(ValueError):
    """A chart uses a trace type the site's plotly.js does not have."""


def figure_json(fig: Figure) -> str:
    """The figure as JSON with sorted keys: byte-stable and small."""
    traces = fig.get("data", []) + fig.get("narrow", {}).get("data", [])
    missing = {trace.get("type", "scatter") for trace in traces} - BUNDLED_TRACES
    if missing:
        raise UnbundledTrace(
            f"la gráfica usa {', '.join(sorted(missing))}, que no está en assets/javascripts/plotly.min.js: "
            "agréguelo en scripts/plotly/entry.js y en charts.BUNDLED_TRACES, y corra scripts/plotly/build.sh"
        )
    return json.dumps(fig, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def figure_html(fig: Figure, chart_id: str, caption: str) -> Html:
    """The `<figure>` block for a page, a raw HTML block of its own: inert data the
    site script draws. `caption` is plain text (escaped here)."""
    return Html(
        '<figure class="grafica"><div class="plotly-chart" id="{}" data-figure=\'{}\'></div>'
        "<figcaption>{}</figcaption></figure>\n\n"
    ).format(chart_id, Html(json_attribute(figure_json(fig))), caption)


def axis_label(text: str, width: int = LABEL_WIDTH, lines: int = LABEL_LINES) -> str:
    """A name for an axis: on up to `lines` lines of `width` characters (`<br>` is ours,
    the words are escaped), cut with "…" past them."""
    wrapped: list[str] = []
    for word in one_line(text).split(" "):
        word = word if len(word) <= width else word[: width - 1] + "…"
        if wrapped and len(wrapped[-1]) + 1 + len(word) <= width:
            wrapped[-1] += " " + word
        else:
            wrapped.append(word)
    if len(wrapped) > lines:
        last = wrapped[lines - 1]
        wrapped = wrapped[: lines - 1] + [(last if len(last) + 2 <= width else last[: width - 2].rstrip()) + " …"]
    return "<br>".join(plotly_text(line) for line in wrapped)


def _full_name(bar: Bar) -> str:
    return f"{bar.codigo} {bar.nombre}".strip()


def result_order(cumplimiento: float | None) -> tuple[bool, float]:
    """The sort key of a comparison read by result: highest first, not programmed last."""
    return cumplimiento is None, -(cumplimiento or 0.0)


def by_result(bars: list[Bar]) -> list[Bar]:
    """Highest cumplimiento first, the ones not programmed last (ties keep their order)."""
    return sorted(bars, key=lambda b: result_order(b.cumplimiento))


def with_narrow(wide: Figure, narrow: Figure) -> Figure:
    """`wide`, with the variant charts.js draws instead in a container under 600 px (its
    NARROW), where bar charts show their `meta.short` labels too."""
    return {**wide, "narrow": narrow}


def _bars_height(n: int, per_bar: int = 34) -> int:
    return max(160, 60 + per_bar * n)


def gauge(value: float | None, value_text: str, rango: str | None, bands: list[Band]) -> Figure:
    """The node's own cumplimiento on a 0..100 dial with the ranges as coloured steps."""
    steps = []
    ordered = sorted(bands, key=lambda b: b.desde)
    for band, upper in zip(ordered, [b.desde for b in ordered[1:]] + [100.0]):
        steps.append({"range": [band.desde, upper], "color": band.color})
    title = plotly_text(rango or "Sin metas programadas")
    indicator = {
        "type": "indicator",
        "mode": "gauge+number" if value is not None else "gauge",
        "value": value if value is not None else 0,
        "number": {"suffix": " %", "valueformat": ".1f", "font": {"size": 40}},
        "title": {"text": title, "font": {"size": 18}},
        "gauge": {
            "axis": {"range": [0, 100], "ticksuffix": " %", "tickvals": [0] + [b.desde for b in ordered if b.desde > 0] + [100]},
            "bar": {"color": palette.GAUGE_BAR, "thickness": 0.3},
            "steps": steps,
            "borderwidth": 0,
        },
        "domain": {"x": [0, 1], "y": [0, 1]},
    }
    return {"data": [indicator], "layout": _layout(230, margin={"l": 30, "r": 30, "t": 50, "b": 10})}


@dataclass(frozen=True)
class Series:
    """One set of bars in a grouped or stacked chart (values already rounded as published)."""

    name: str
    values: list[float | None]
    texts: list[str]
    color: str


def _short_labels(labels: list[str], codes: list[str] | None) -> tuple[dict, int]:
    """What a phone shows instead of the long labels (charts.js): the codes when all have
    one, else the names on narrow lines. Also the height a bar's row needs for them."""
    if codes and all(codes):
        return {"meta": {"short": [plotly_text(c) for c in codes]}}, 40
    return {"meta": {"short": [axis_label(label, SHORT_WIDTH, SHORT_LINES) for label in labels]}}, 58


def grouped_bars(labels: list[str], series: list[Series], axis_title: str, *, codes: list[str] | None = None,
                 unit: str = "", stacked: bool = False) -> Figure:
    """Horizontal bars, one row per label, one bar per series (side by side, or stacked),
    each with its value written on it. `unit` follows the value in the hover."""
    y = [axis_label(label) for label in labels]
    names = [plotly_text(label) for label in labels]
    short, row = _short_labels(labels, codes)
    traces = [{
        "type": "bar", "name": s.name, "orientation": "h", "y": y, "x": [v if v is not None else 0 for v in s.values],
        "text": s.texts, "textposition": "inside" if stacked else "outside", "cliponaxis": False,
        "marker": {"color": s.color, "line": OUTLINE},
        **({"insidetextfont": {"color": text_color_on(s.color)}} if stacked else {}),
        "customdata": names,
        "hovertemplate": f"%{{customdata}}<br>{plotly_text(s.name)}: %{{text}}{unit}<extra></extra>",
    } for s in series]
    if stacked:
        top = max([sum(s.values[i] or 0 for s in series) for i in range(len(labels))] + [1]) * 1.05
    else:
        top = max([v or 0 for s in series for v in s.values] + [0.01]) * 1.3
    return {"data": traces, "layout": _layout(
        _bars_height(len(labels), row if stacked else max(row, 18 + 17 * len(series))),
        barmode="stack" if stacked else "group",
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": 8, "r": 8, "t": 30, "b": 30},
        xaxis={"title": {"text": axis_title}, "range": [0, top], "automargin": True, "zeroline": True,
               "exponentformat": "none", "separatethousands": True},
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        **short,
        # Stacked: a number that does not fit its segment is hidden (the table has it).
        **({"uniformtext": {"mode": "hide", "minsize": 10}} if stacked else {}),
    )}


def programado_avance(bars: list[Bar]) -> Figure:
    """Programado vs avance of each child, in points of the plan (grouped bars), in the
    order of the cumplimiento chart: highest cumplimiento first."""
    bars = by_result(bars)
    return grouped_bars(
        [_full_name(b) for b in bars],
        [Series("Programado", [b.programado for b in bars], [b.programado_text for b in bars], palette.PROGRAMADO),
         Series("Avance", [b.avance for b in bars], [b.avance_text for b in bars], palette.AVANCE)],
        "puntos del plan", codes=[b.codigo for b in bars], unit=" puntos",
    )


RULER_ROW = 15  # px between two rows of names above the bars
# What a caption says of the strip (pages/*.py).
RULER_CAPTION = ("la franja de colores de arriba marca dónde empieza cada rango a la fecha del corte, "
                 "y la marca gris, lo esperado a esa fecha.")


def _ruler(bands: list[Band], esperado: float | None) -> tuple[list[dict], list[dict], int]:
    """Above the bars, a strip coloured where each rango begins and a mark where the
    expected cumplimiento at the corte is, each named on a row of its own: no two names
    meet, and no line crosses a bar's label. Returns shapes, annotations and the top
    margin they need."""
    ordered = sorted(bands, key=lambda b: b.desde)
    strip = {"type": "rect", "xref": "x", "yref": "paper", "ysizemode": "pixel", "yanchor": 1, "y0": 2, "y1": 8,
             "line": {"width": 0}}
    shapes = [{**strip, "x0": band.desde, "x1": upper, "fillcolor": band.color}
              for band, upper in zip(ordered, [b.desde for b in ordered[1:]] + [AXIS_TOP])]
    names = [(f"{plotly_text(b.nombre)} desde {fmt_tick(b.desde)}", b.desde) for b in ordered if b.desde > 0]
    if esperado is not None:
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "ysizemode": "pixel", "yanchor": 1,
                       "x0": esperado, "x1": esperado, "y0": 0, "y1": 12,
                       "line": {"color": palette.ESPERADO, "width": 3}})
        names.append((f"Esperado al corte: {fmt_tick(esperado)}", esperado))
    annotations = [{
        "xref": "x", "yref": "paper", "x": x, "y": 1, "yanchor": "bottom", "yshift": 12 + RULER_ROW * row,
        # A name past the first third runs leftwards, over the labels' side of the chart:
        # a phone leaves the bars too little room on their right.
        "xanchor": "left" if x < AXIS_TOP / 3 else "right",
        "text": text, "showarrow": False, "font": {"size": 11},
    } for row, (text, x) in enumerate(names)]
    return shapes, annotations, 16 + RULER_ROW * len(names)


@dataclass(frozen=True)
class Line:
    """One meta's cumplimiento at each corte (percentages as published; None when the
    meta is not programmed in that corte's vigencia)."""

    codigo: str
    nombre: str
    values: list[float | None]
    texts: list[str]


# Distinct marks for the lines of one chart, with the colours of palette.LINES.
LINE_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "cross", "star", "hexagon"]
# A phone writes each corte's figure above its point up to this many cortes (more would
# touch their neighbours; the table has them all).
NARROW_TEXTS = 6


def _vigencia_runs(vigencias: list[int]) -> list[list[int]]:
    """The positions of each vigencia's cortes, in order."""
    return [[i for i, _ in run] for _, run in groupby(enumerate(vigencias), key=lambda iv: iv[1])]


def _per_vigencia(runs: list[list[int]], group: str, make) -> list[dict]:
    """One trace per vigencia (`make(positions)` builds it), one legend entry for all: a
    line never joins December to January, when the cumplimiento starts again."""
    return [{**make(run), "legendgroup": group, "showlegend": n == 0} for n, run in enumerate(runs)]


def _pick(values: list, run: list[int]) -> list:
    return [values[i] for i in run]


def _corte_axis(cortes: list[str], vigencias: list[int], narrow: bool, under: list[str] | None = None) -> dict:
    """The cortes as horizontal labels. On a phone "T3", with the year under the first
    corte of each vigencia; otherwise the corte's id, with `under` (its rango) below."""
    x = [plotly_text(c) for c in cortes]
    if narrow:
        text = [c.removeprefix(f"{v}-") + (f"<br>{v}" if i == 0 or vigencias[i - 1] != v else "")
                for i, (c, v) in enumerate(zip(x, vigencias))]
    else:
        text = [f"{c}<br>{plotly_text(u)}" for c, u in zip(x, under)] if under else x
    return {"type": "category", "automargin": True, "tickangle": 0, "tickmode": "array", "tickvals": x,
            "ticktext": text}


def _expected(x: list[str], esperado: list[float], runs: list[list[int]]) -> list[dict]:
    """What was expected at each corte (the share of the year elapsed, percent): the
    yardstick the rango judges the pace on. It climbs to 100 % and starts again with each
    vigencia, so a cumplimiento that falls in January is not read as a collapse."""
    return _per_vigencia(runs, "esperado", lambda run: {
        "type": "scatter", "name": "Lo esperado al corte", "x": _pick(x, run), "y": _pick(esperado, run),
        "mode": "lines", "line": {"color": palette.ESPERADO, "width": 2, "dash": "dash"},
        "hovertemplate": "%{x}<br>Esperado: %{y:.0f} %<extra></extra>",
    })


def _metas_evolution(cortes: list[str], vigencias: list[int], lines: list[Line], esperado: list[float],
                     narrow: bool) -> Figure:
    x = [plotly_text(c) for c in cortes]
    runs = _vigencia_runs(vigencias)
    traces = _expected(x, esperado, runs)
    for i, line in enumerate(lines):
        color = palette.LINES[i % len(palette.LINES)]
        name = plotly_text(f"{line.codigo} {line.nombre}")
        traces += _per_vigencia(runs, plotly_text(line.codigo), lambda run: {
            "type": "scatter", "name": plotly_text(line.codigo), "x": _pick(x, run), "y": _pick(line.values, run),
            "mode": "lines+markers", "line": {"color": color, "width": 2},
            "marker": {"color": color, "size": 9, "symbol": LINE_SYMBOLS[i % len(LINE_SYMBOLS)], "line": OUTLINE},
            "customdata": [plotly_text(t) for t in _pick(line.texts, run)],
            "hovertemplate": f"{name} · %{{x}}<br>%{{customdata}}<extra></extra>",
        })
    return {"data": traces, "layout": _layout(
        340, showlegend=True, legend={"orientation": "h", "x": 0, "y": -0.2, "yanchor": "top"},
        margin={"l": 8, "r": 8, "t": 16, "b": 30},
        xaxis=_corte_axis(cortes, vigencias, narrow),
        yaxis={"range": [0, 108], "ticksuffix": " %", "automargin": True},
    )}


def metas_evolution(cortes: list[str], vigencias: list[int], lines: list[Line], esperado: list[float]) -> Figure:
    """The cumplimiento of each meta of a node across the cortes (`vigencias`: the
    vigencia of each), one line each, broken where a vigencia ends, with a dashed line for
    what was expected at each corte."""
    return with_narrow(_metas_evolution(cortes, vigencias, lines, esperado, False),
                       _metas_evolution(cortes, vigencias, lines, esperado, True))


@dataclass(frozen=True)
class Point:
    """A node at one corte, for the evolution chart (values already rounded as published)."""

    corte: str
    vigencia: int
    avance: float  # points of the plan
    avance_text: str
    cumplimiento: float | None  # percentage 0..100
    cumplimiento_text: str
    rango: str | None
    color: str | None
    esperado: float  # percentage of the year expected by the corte
    cuatrienio: float | None = None  # percentage of its metas del cuatrienio reached by the corte


def _evolution(points: list[Point], narrow: bool) -> Figure:
    x = [plotly_text(p.corte) for p in points]
    vigencias = [p.vigencia for p in points]
    runs = _vigencia_runs(vigencias)
    labelled = not narrow or len(points) <= NARROW_TEXTS
    texts = [plotly_text(p.cumplimiento_text) if p.rango and labelled else "" for p in points]
    traces = _per_vigencia(runs, "cumplimiento", lambda run: {
        "type": "scatter", "name": "Cumplimiento", "x": _pick(x, run), "y": _pick([p.cumplimiento for p in points], run),
        "mode": "lines+markers+text", "text": _pick(texts, run),
        "textposition": "top center", "textfont": {"size": 11}, "cliponaxis": False,
        "line": {"color": palette.AVANCE, "width": 2},
        "marker": {"color": _pick([p.color or palette.NO_DATA for p in points], run), "size": 11, "line": OUTLINE},
        "customdata": _pick([plotly_text(p.rango or "sin rango") for p in points], run),
        "hovertemplate": "%{x}<br>Cumplimiento: %{y:.1f} % (%{customdata})<extra></extra>",
    })
    traces.append({
        "type": "bar", "name": "Avance (puntos del plan)", "x": x, "y": [p.avance for p in points], "yaxis": "y2",
        "text": [p.avance_text if labelled else "" for p in points], "textposition": "outside", "cliponaxis": False,
        "marker": {"color": palette.PROGRAMADO, "line": OUTLINE},
        "hovertemplate": "%{x}<br>Avance: %{y:.2f} puntos<extra></extra>",
    })
    traces += _expected(x, [p.esperado for p in points], runs)
    if any(p.cuatrienio is not None for p in points):
        # Accumulated over the four years: one line that never restarts, dotted, no labels.
        traces.append({
            "type": "scatter", "name": "Frente a las metas del cuatrienio", "x": x,
            "y": [p.cuatrienio for p in points], "mode": "lines+markers",
            "line": {"color": palette.AVANCE, "width": 2, "dash": "dot"},
            "marker": {"color": palette.AVANCE, "size": 7, "symbol": "square"},
            "hovertemplate": "%{x}<br>Frente a las metas del cuatrienio: %{y:.1f} %<extra></extra>",
        })
    ticks = [0.0, 25.0, 50.0, 75.0, 100.0]
    top = max([p.avance for p in points] + [0.01])
    return {"data": traces, "layout": _layout(
        360, showlegend=True, legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        margin={"l": 8, "r": 8, "t": 30, "b": 30},
        # Each corte's rango in words under its label (on a phone, in the hover and the table).
        xaxis={**_corte_axis([p.corte for p in points], vigencias, narrow, [p.rango or "sin rango" for p in points]),
               "anchor": "y2"},
        yaxis={"domain": [0.38, 1], "range": [0, 135], "automargin": True, "tickvals": ticks,
               "ticktext": [fmt_tick(t) for t in ticks]},
        yaxis2={"domain": [0, 0.28], "range": [0, top * 1.5], "automargin": True, "showticklabels": False,
                "showgrid": False,
                "title": {"text": "puntos"}},
    )}


def evolution(points: list[Point]) -> Figure:
    """Two stacked panels over the cortes: cumplimiento (a line per vigencia, each point
    with its percentage; a dashed line for what was expected at each corte; a dotted one
    for the metas del cuatrienio reached by then) and avance in points of the plan (bars,
    each with its value). Each corte's label says its rango in words."""
    return with_narrow(_evolution(points, False), _evolution(points, True))


def fmt_tick(value: float) -> str:
    """An axis tick in percent, as the rangos are written: 56.0 -> "56 %", 55.5 -> "55,5 %"."""
    return fmt_number(value, max_decimals=1) + " %"


def cumplimiento(bars: list[Bar], bands: list[Band], esperado: float | None = None) -> Figure:
    """Cumplimiento of each child, highest first, coloured by its rango (or a meta's
    estado), under a strip that names where each rango begins and what was expected at
    the corte (`esperado`, percent); the bar's text says the rango, never colour alone."""
    bars = by_result(bars)
    values = [b.cumplimiento if b.cumplimiento is not None else 0 for b in bars]
    # Two short lines fit beside the bar on a phone; <br> is ours, the words are escaped.
    texts = [
        f"{plotly_text(b.cumplimiento_text)}<br>{plotly_text(b.rango)}" if b.rango else "no<br>programado"
        for b in bars
    ]
    colors = [b.color or palette.NO_DATA for b in bars]
    trace = {
        "type": "bar", "orientation": "h", "y": [axis_label(_full_name(b)) for b in bars], "x": values,
        "text": texts, "textposition": "outside", "cliponaxis": False, "marker": {"color": colors, "line": OUTLINE},
        "customdata": [plotly_text(_full_name(b)) for b in bars],
        "hovertemplate": "%{customdata}<br>Cumplimiento: %{x:.1f} %<extra></extra>",
    }
    shapes, annotations, top = _ruler(bands, esperado)
    short, row = _short_labels([_full_name(b) for b in bars], [b.codigo for b in bars])
    ticks = [0.0, 50.0, 100.0]
    return {"data": [trace], "layout": _layout(
        _bars_height(len(bars), row) + top,
        margin={"l": 8, "r": 8, "t": top, "b": 30},
        **short,
        xaxis={"range": [0, AXIS_TOP], "tickvals": ticks, "ticktext": [fmt_tick(t) for t in ticks],
               "automargin": True},
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        shapes=shapes, annotations=annotations,
    )}


_SLICE_HOVER = ("%{customdata[0]}<br>Peso en el plan: %{customdata[1]}"
                "<br>Cumplimiento: %{customdata[2]} (%{customdata[3]})<extra></extra>")


def _slice_data(s: Slice) -> list[str]:
    """What the hover says of a slice: its whole name, weight, cumplimiento and rango."""
    return [plotly_text(s.nombre), s.peso_text, plotly_text(s.cumplimiento_text), plotly_text(s.rango or "sin rango")]


def _sunburst(slices: list[Slice]) -> Figure:
    trace = {
        "type": "sunburst",
        "ids": [s.id for s in slices],
        "parents": [s.parent for s in slices],
        "labels": [plotly_text(s.nombre) for s in slices],
        # Each sector says its code, short enough to fit most of them (a name would be
        # hidden in all but the largest); the names are in the table above and the hover.
        "text": [plotly_text(s.id) for s in slices],
        "textinfo": "text",
        "values": [s.peso if s.leaf else 0 for s in slices],
        "branchvalues": "remainder",
        "maxdepth": COMPOSITION_RINGS + 1,
        # Labels read across; one that does not fit its sector is left to the hover.
        "insidetextorientation": "horizontal",
        "insidetextfont": {"color": [text_color_on(s.color or palette.NO_DATA) for s in slices]},
        # Plotly draws leaves at 0.7 opacity by default: over the dark palette an ochre
        # turns brown under black text.
        "leaf": {"opacity": 1},
        "marker": {"colors": [s.color or palette.NO_DATA for s in slices],
                   "line": {"width": 1, "color": palette.SLICE_BORDER}},
        "customdata": [_slice_data(s) for s in slices],
        "hovertemplate": _SLICE_HOVER,
    }
    return {"data": [trace], "layout": _layout(
        460, margin={"l": 4, "r": 4, "t": 4, "b": 4}, uniformtext={"mode": "hide", "minsize": 11})}


def _weight_bars(slices: list[Slice]) -> Figure:
    """The first ring as bars, heaviest first: a phone's sunburst is too small to read."""
    ring = sorted([s for s in slices if not s.parent], key=lambda s: -s.peso)
    trace = {
        "type": "bar", "orientation": "h", "y": [plotly_text(s.id) for s in ring], "x": [s.peso for s in ring],
        "text": [f"{s.peso_text} del plan<br>{plotly_text(s.rango or 'sin rango')}" for s in ring],
        "textposition": "outside", "cliponaxis": False,
        "marker": {"color": [s.color or palette.NO_DATA for s in ring], "line": OUTLINE},
        "customdata": [_slice_data(s) for s in ring],
        "hovertemplate": _SLICE_HOVER,
    }
    top = max([s.peso for s in ring] + [0.01]) * 1.8
    return {"data": [trace], "layout": _layout(
        _bars_height(len(ring), 40), margin={"l": 8, "r": 8, "t": 8, "b": 30},
        xaxis={"range": [0, top], "ticksuffix": " %", "automargin": True},
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
    )}


def composition(slices: list[Slice]) -> Figure:
    """How the node's weight is shared out among its descendants, each coloured by its
    rango: a sunburst with two rings visible, and on a phone the first ring as bars."""
    return with_narrow(_sunburst(slices), _weight_bars(slices))
