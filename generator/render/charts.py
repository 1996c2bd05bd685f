"""Plotly figures, written as inert HTML that the site's charts.js draws.

Each chart is a `<figure>` holding `<div class="plotly-chart" id="fig-..."
data-figure="...">` (the figure's JSON, keys sorted, HTML-escaped) and a caption; the
page puts the same numbers in a table next to it. No plotly.js and no script in the
page: the site loads plotly.min.js once (see docs/assets/javascripts/charts.js), which
survives Material's instant navigation. Same input, same bytes: ids come from the
node's code and nothing random enters the JSON.

Figures take values already formatted or rounded by the caller; every label that comes
from the data goes through `plotly_text`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import plotly.graph_objects as go

from .escape import escape_html, html_text, plotly_text

FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif"
PROGRAMADO_COLOR = "#8c9eff"
AVANCE_COLOR = "#283593"
NO_DATA_COLOR = "#9e9e9e"
LABEL_LIMIT = 34


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


def slug_id(*parts: str) -> str:
    """A stable HTML id: "fig-<parts>" with only [a-z0-9-]."""
    raw = "-".join(parts).lower()
    return "fig-" + (re.sub(r"[^a-z0-9]+", "-", raw).strip("-") or "x")


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
        "template": None,
        "hoverlabel": {"align": "left"},
    }
    layout.update(extra)
    return layout


def figure_json(fig: go.Figure) -> str:
    """The figure as JSON with sorted keys and no template: byte-stable and small."""
    data = json.loads(fig.to_json())
    data.get("layout", {}).pop("template", None)
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def figure_html(fig: go.Figure, chart_id: str, caption: str) -> str:
    """The `<figure>` block for a page: inert data the site script draws.

    `caption` is plain text (escaped here)."""
    data = escape_html(figure_json(fig))
    return (
        f'<figure class="grafica">'
        f'<div class="plotly-chart" id="{escape_html(chart_id)}" data-figure="{data}"></div>'
        f"<figcaption>{html_text(caption)}</figcaption>"
        f"</figure>"
    )


def _bar_label(bar: Bar) -> str:
    return plotly_text(f"{bar.codigo} {bar.nombre}", LABEL_LIMIT)


def _bars_height(n: int, per_bar: int = 34) -> int:
    return max(160, 60 + per_bar * n)


def gauge(value: float | None, value_text: str, rango: str | None, bands: list[Band]) -> go.Figure:
    """The node's own cumplimiento on a 0..100 dial with the ranges as coloured steps."""
    steps = []
    ordered = sorted(bands, key=lambda b: b.desde)
    for band, upper in zip(ordered, [b.desde for b in ordered[1:]] + [100.0]):
        steps.append({"range": [band.desde, upper], "color": band.color})
    title = plotly_text(rango or "Sin metas programadas")
    indicator = go.Indicator(
        mode="gauge+number" if value is not None else "gauge",
        value=value if value is not None else 0,
        number={"suffix": " %", "valueformat": ".1f", "font": {"size": 40}},
        title={"text": title, "font": {"size": 18}},
        gauge={
            "axis": {"range": [0, 100], "ticksuffix": " %", "tickvals": [0] + [b.desde for b in ordered if b.desde > 0] + [100]},
            "bar": {"color": "#263238", "thickness": 0.3},
            "steps": steps,
            "borderwidth": 0,
        },
        domain={"x": [0, 1], "y": [0, 1]},
    )
    fig = go.Figure(indicator)
    fig.update_layout(_layout(230, margin={"l": 30, "r": 30, "t": 50, "b": 10}))
    return fig


def programado_avance(bars: list[Bar]) -> go.Figure:
    """Programado vs avance of each child, in points of the plan (grouped bars)."""
    labels = [_bar_label(b) for b in bars]
    fig = go.Figure()
    for name, values, texts, color in (
        ("Programado", [b.programado for b in bars], [b.programado_text for b in bars], PROGRAMADO_COLOR),
        ("Avance", [b.avance for b in bars], [b.avance_text for b in bars], AVANCE_COLOR),
    ):
        fig.add_trace(go.Bar(
            name=name, orientation="h", y=labels, x=values, text=texts,
            textposition="outside", cliponaxis=False, marker={"color": color},
            hovertemplate=f"%{{y}}<br>{name}: %{{text}} puntos<extra></extra>",
        ))
    top = max([b.programado for b in bars] + [b.avance for b in bars] + [0.01])
    fig.update_layout(_layout(
        _bars_height(len(bars), 52),
        barmode="group",
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        meta={"codes": [plotly_text(b.codigo) for b in bars]},
        margin={"l": 8, "r": 8, "t": 30, "b": 30},
        xaxis={"title": {"text": "puntos del plan"}, "range": [0, top * 1.25], "automargin": True, "zeroline": True},
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
    ))
    return fig


def cumplimiento(bars: list[Bar], bands: list[Band]) -> go.Figure:
    """Cumplimiento of each child coloured by its rango, with the range thresholds
    drawn as lines and named; the bar's text says the rango, never colour alone."""
    labels = [_bar_label(b) for b in bars]
    values = [b.cumplimiento if b.cumplimiento is not None else 0 for b in bars]
    # Two short lines fit beside the bar on a phone; <br> is ours, the words are escaped.
    texts = [
        f"{plotly_text(b.cumplimiento_text)}<br>{plotly_text(b.rango)}" if b.rango else "no<br>programado"
        for b in bars
    ]
    colors = [b.color or NO_DATA_COLOR for b in bars]
    fig = go.Figure(go.Bar(
        orientation="h", y=labels, x=values, text=texts, textposition="outside",
        cliponaxis=False, marker={"color": colors},
        hovertemplate="%{y}<br>Cumplimiento: %{x:.1f} %<extra></extra>",
    ))
    shapes, annotations = [], []
    thresholds = [b for b in sorted(bands, key=lambda b: b.desde) if b.desde > 0]
    for i, band in enumerate(thresholds):
        shapes.append({
            "type": "line", "xref": "x", "yref": "paper", "x0": band.desde, "x1": band.desde,
            "y0": 0, "y1": 1, "line": {"color": band.color, "width": 2, "dash": "dash"},
        })
        annotations.append({
            "xref": "x", "yref": "paper", "x": band.desde, "y": 1, "yanchor": "bottom",
            "text": plotly_text(band.nombre),
            "showarrow": False, "font": {"size": 11, "color": band.color},
        })
    fig.update_layout(_layout(
        _bars_height(len(bars), 40),
        margin={"l": 8, "r": 8, "t": 28, "b": 30},
        meta={"codes": [plotly_text(b.codigo) for b in bars]},
        xaxis={"range": [0, 135], "ticksuffix": " %", "tickvals": [0] + [b.desde for b in thresholds] + [100],
               "automargin": True},
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        shapes=shapes, annotations=annotations,
    ))
    return fig


def composition(slices: list[Slice]) -> go.Figure:
    """How the node's weight is shared out among its descendants (sunburst, two rings
    visible), each coloured by its rango."""
    fig = go.Figure(go.Sunburst(
        ids=[s.id for s in slices],
        parents=[s.parent for s in slices],
        labels=[plotly_text(s.nombre, 28) for s in slices],
        values=[s.peso if s.leaf else 0 for s in slices],
        branchvalues="remainder",
        maxdepth=3,
        insidetextorientation="radial",
        marker={"colors": [s.color or NO_DATA_COLOR for s in slices], "line": {"width": 1, "color": "#ffffff"}},
        customdata=[
            [plotly_text(s.nombre), s.peso_text, plotly_text(s.cumplimiento_text), plotly_text(s.rango or "sin rango")]
            for s in slices
        ],
        hovertemplate=(
            "%{customdata[0]}<br>Peso en el plan: %{customdata[1]}"
            "<br>Cumplimiento: %{customdata[2]} (%{customdata[3]})<extra></extra>"
        ),
    ))
    fig.update_layout(_layout(380, margin={"l": 4, "r": 4, "t": 4, "b": 4}))
    return fig

