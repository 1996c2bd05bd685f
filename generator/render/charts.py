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
from typing import Any

from generator.names import slugify
from generator.numbers import fmt_number
from generator.render import palette
from generator.render.escape import Html, json_attribute, plotly_text

FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif"
OUTLINE = {"color": palette.OUTLINE, "width": 1}
COMPOSITION_RINGS = 2
LABEL_LIMIT = 34

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
    missing = {trace.get("type", "scatter") for trace in fig.get("data", [])} - BUNDLED_TRACES
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


def _bar_label(bar: Bar) -> str:
    return plotly_text(f"{bar.codigo} {bar.nombre}", LABEL_LIMIT)


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


def _codes_meta(codes: list[str] | None) -> dict:
    """Short codes a phone shows instead of the long labels (charts.js), when all have one."""
    return {"meta": {"codes": [plotly_text(c) for c in codes]}} if codes and all(codes) else {}


def grouped_bars(labels: list[str], series: list[Series], axis_title: str, *, codes: list[str] | None = None,
                 unit: str = "", stacked: bool = False) -> Figure:
    """Horizontal bars, one row per label, one bar per series (side by side, or stacked),
    each with its value written on it. `unit` follows the value in the hover."""
    y = [plotly_text(label, LABEL_LIMIT) for label in labels]
    traces = [{
        "type": "bar", "name": s.name, "orientation": "h", "y": y, "x": [v if v is not None else 0 for v in s.values],
        "text": s.texts, "textposition": "inside" if stacked else "outside", "cliponaxis": False,
        "marker": {"color": s.color, "line": OUTLINE},
        **({"insidetextfont": {"color": text_color_on(s.color)}} if stacked else {}),
        "hovertemplate": f"%{{y}}<br>{plotly_text(s.name)}: %{{text}}{unit}<extra></extra>",
    } for s in series]
    if stacked:
        top = max([sum(s.values[i] or 0 for s in series) for i in range(len(labels))] + [1]) * 1.05
    else:
        top = max([v or 0 for s in series for v in s.values] + [0.01]) * 1.3
    return {"data": traces, "layout": _layout(
        _bars_height(len(labels), 34 if stacked else 18 + 17 * len(series)),
        barmode="stack" if stacked else "group",
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": 8, "r": 8, "t": 30, "b": 30},
        xaxis={"title": {"text": axis_title}, "range": [0, top], "automargin": True, "zeroline": True,
               "exponentformat": "none", "separatethousands": True},
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        **_codes_meta(codes),
        # Stacked: a number that does not fit its segment is hidden (the table has it).
        **({"uniformtext": {"mode": "hide", "minsize": 10}} if stacked else {}),
    )}


def programado_avance(bars: list[Bar]) -> Figure:
    """Programado vs avance of each child, in points of the plan (grouped bars)."""
    return grouped_bars(
        [f"{b.codigo} {b.nombre}" for b in bars],
        [Series("Programado", [b.programado for b in bars], [b.programado_text for b in bars], palette.PROGRAMADO),
         Series("Avance", [b.avance for b in bars], [b.avance_text for b in bars], palette.AVANCE)],
        "puntos del plan", codes=[b.codigo for b in bars], unit=" puntos",
    )


def _thresholds(bands: list[Band], axis: str) -> tuple[list[dict], list[dict]]:
    """Dashed lines where each rango begins, named (`axis`: the chart's value axis)."""
    shapes, annotations = [], []
    other = "y" if axis == "x" else "x"
    for band in [b for b in sorted(bands, key=lambda b: b.desde) if b.desde > 0]:
        shapes.append({
            "type": "line", f"{axis}ref": axis, f"{other}ref": "paper", f"{axis}0": band.desde,
            f"{axis}1": band.desde, f"{other}0": 0, f"{other}1": 1,
            "line": {"color": band.color, "width": 2 if axis == "x" else 1, "dash": "dash"},
        })
        place = ({"x": band.desde, "y": 1, "yanchor": "bottom"} if axis == "x"
                 else {"x": 0, "y": band.desde, "xanchor": "left", "yanchor": "bottom"})
        annotations.append({
            "xref": "x" if axis == "x" else "paper", "yref": "paper" if axis == "x" else "y", **place,
            "text": plotly_text(band.nombre), "showarrow": False, "font": {"size": 11},
        })
    return shapes, annotations


@dataclass(frozen=True)
class Line:
    """One meta's cumplimiento at each corte (percentages as published; None when the
    meta is not programmed in that corte's vigencia)."""

    codigo: str
    values: list[float | None]
    texts: list[str]


# Distinct marks for the lines of one chart, with the colours of palette.LINES.
LINE_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "cross", "star", "hexagon"]


def _expected(x: list[str], esperado: list[float], **extra) -> dict:
    """What was expected at each corte (the share of the year elapsed, percent): the
    yardstick the rango judges the pace on. It climbs to 100 % and starts again with each
    vigencia, so a cumplimiento that falls in January is not read as a collapse."""
    return {
        "type": "scatter", "name": "Lo esperado al corte", "x": x, "y": esperado, "mode": "lines",
        "line": {"color": palette.NO_DATA, "width": 2, "dash": "dash"},
        "hovertemplate": "%{x}<br>Esperado: %{y:.0f} %<extra></extra>", **extra,
    }


def metas_evolution(cortes: list[str], lines: list[Line], esperado: list[float]) -> Figure:
    """The cumplimiento of each meta of a node across the cortes, one line each, with
    a dashed line for what was expected at each corte."""
    x = [plotly_text(c) for c in cortes]
    traces = [_expected(x, esperado)]
    for i, line in enumerate(lines):
        color = palette.LINES[i % len(palette.LINES)]
        traces.append({
            "type": "scatter", "name": plotly_text(line.codigo), "x": x, "y": line.values, "mode": "lines+markers",
            "line": {"color": color, "width": 2},
            "marker": {"color": color, "size": 9, "symbol": LINE_SYMBOLS[i % len(LINE_SYMBOLS)], "line": OUTLINE},
            "customdata": [plotly_text(t) for t in line.texts],
            "hovertemplate": f"{plotly_text(line.codigo)} · %{{x}}<br>%{{customdata}}<extra></extra>",
        })
    return {"data": traces, "layout": _layout(
        340, showlegend=True, legend={"orientation": "h", "x": 0, "y": -0.15, "yanchor": "top"},
        margin={"l": 8, "r": 8, "t": 16, "b": 30},
        xaxis={"type": "category", "automargin": True},
        yaxis={"range": [0, 108], "ticksuffix": " %", "automargin": True},
    )}


@dataclass(frozen=True)
class Point:
    """A node at one corte, for the evolution chart (values already rounded as published)."""

    corte: str
    avance: float  # points of the plan
    avance_text: str
    cumplimiento: float | None  # percentage 0..100
    cumplimiento_text: str
    rango: str | None
    color: str | None
    esperado: float  # percentage of the year expected by the corte


def evolution(points: list[Point]) -> Figure:
    """Two stacked panels over the cortes: cumplimiento (line, each point with its
    percentage; a dashed line for what was expected at each corte) and avance in points
    of the plan (bars, each with its value). Each corte's label says its rango in words."""
    x = [plotly_text(p.corte) for p in points]
    traces = [{
        "type": "scatter", "name": "Cumplimiento", "x": x, "y": [p.cumplimiento for p in points],
        "mode": "lines+markers+text",
        "text": [plotly_text(p.cumplimiento_text) if p.rango else "" for p in points],
        "textposition": "top center", "textfont": {"size": 11}, "cliponaxis": False,
        "line": {"color": palette.AVANCE, "width": 2},
        "marker": {"color": [p.color or palette.NO_DATA for p in points], "size": 11, "line": OUTLINE},
        "hovertemplate": "%{x}<br>Cumplimiento: %{y:.1f} %<extra></extra>",
    }, {
        "type": "bar", "name": "Avance (puntos del plan)", "x": x, "y": [p.avance for p in points], "yaxis": "y2",
        "text": [p.avance_text for p in points], "textposition": "outside", "cliponaxis": False,
        "marker": {"color": palette.PROGRAMADO, "line": OUTLINE},
        "hovertemplate": "%{x}<br>Avance: %{text} puntos<extra></extra>",
    }, _expected(x, [p.esperado for p in points])]
    ticks = [0.0, 25.0, 50.0, 75.0, 100.0]
    top = max([p.avance for p in points] + [0.01])
    return {"data": traces, "layout": _layout(
        360, showlegend=True, legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        margin={"l": 8, "r": 8, "t": 30, "b": 30},
        # Each corte's rango in words under its label: it never overlaps a neighbour's.
        xaxis={"type": "category", "automargin": True, "anchor": "y2", "tickmode": "array", "tickvals": x,
               "ticktext": [f"{c}<br>{plotly_text(p.rango or 'sin rango')}" for c, p in zip(x, points)]},
        yaxis={"domain": [0.38, 1], "range": [0, 135], "automargin": True, "tickvals": ticks,
               "ticktext": [fmt_tick(t) for t in ticks]},
        yaxis2={"domain": [0, 0.28], "range": [0, top * 1.5], "automargin": True, "showticklabels": False,
                "title": {"text": "puntos"}},
    )}


def fmt_tick(value: float) -> str:
    """An axis tick in percent, as the rangos are written: 56.0 -> "56 %", 55.5 -> "55,5 %"."""
    return fmt_number(value, max_decimals=1) + " %"


def cumplimiento(bars: list[Bar], bands: list[Band]) -> Figure:
    """Cumplimiento of each child coloured by its rango, with the range thresholds
    drawn as lines and named; the bar's text says the rango, never colour alone."""
    labels = [_bar_label(b) for b in bars]
    values = [b.cumplimiento if b.cumplimiento is not None else 0 for b in bars]
    # Two short lines fit beside the bar on a phone; <br> is ours, the words are escaped.
    texts = [
        f"{plotly_text(b.cumplimiento_text)}<br>{plotly_text(b.rango)}" if b.rango else "no<br>programado"
        for b in bars
    ]
    colors = [b.color or palette.NO_DATA for b in bars]
    trace = {
        "type": "bar", "orientation": "h", "y": labels, "x": values, "text": texts, "textposition": "outside",
        "cliponaxis": False, "marker": {"color": colors, "line": OUTLINE},
        "hovertemplate": "%{y}<br>Cumplimiento: %{x:.1f} %<extra></extra>",
    }
    shapes, annotations = _thresholds(bands, "x")
    thresholds = [b for b in sorted(bands, key=lambda b: b.desde) if b.desde > 0]
    return {"data": [trace], "layout": _layout(
        _bars_height(len(bars), 40),
        margin={"l": 8, "r": 8, "t": 28, "b": 30},
        **_codes_meta([b.codigo for b in bars]),
        xaxis={"range": [0, 135], "ticksuffix": " %", "tickvals": [0] + [b.desde for b in thresholds] + [100],
               "automargin": True},
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        shapes=shapes, annotations=annotations,
    )}


def composition(slices: list[Slice]) -> Figure:
    """How the node's weight is shared out among its descendants (sunburst, two rings
    visible), each coloured by its rango."""
    trace = {
        "type": "sunburst",
        "ids": [s.id for s in slices],
        "parents": [s.parent for s in slices],
        "labels": [plotly_text(s.nombre, 28) for s in slices],
        "values": [s.peso if s.leaf else 0 for s in slices],
        "branchvalues": "remainder",
        "maxdepth": COMPOSITION_RINGS + 1,
        "insidetextorientation": "radial",
        "insidetextfont": {"color": [text_color_on(s.color or palette.NO_DATA) for s in slices]},
        "marker": {"colors": [s.color or palette.NO_DATA for s in slices],
                   "line": {"width": 1, "color": palette.SLICE_BORDER}},
        "customdata": [
            [plotly_text(s.nombre), s.peso_text, plotly_text(s.cumplimiento_text), plotly_text(s.rango or "sin rango")]
            for s in slices
        ],
        "hovertemplate": (
            "%{customdata[0]}<br>Peso en el plan: %{customdata[1]}"
            "<br>Cumplimiento: %{customdata[2]} (%{customdata[3]})<extra></extra>"
        ),
    }
    return {"data": [trace], "layout": _layout(380, margin={"l": 4, "r": 4, "t": 4, "b": 4})}

