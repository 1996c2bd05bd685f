"""Quarterly alert reports: the *matriz de metas rezagadas* sent to each dependencia.

Every quarter the planning office identifies the metas that are behind (*rezagadas*:
not started, or started but below the share of the year elapsed) and those over
100 %, and sends each dependencia its list (Pasto's PE-P-008). This module writes,
for the latest corte of the current vigencia, one workbook per dependencia plus one
with every dependencia, and builds the rows of the `rezagadas` open-data table.

Figures are percentages 0..100 (cumplimiento, esperado). Writing only: every status,
alert, count and grouping comes from the computation (`MetaResult`, `AlertsResult`,
`DependenciaResult`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


from generator.compute.dependencias import SIN_DEPENDENCIA
from generator.model import Meta, Plan
from generator.results import (
    ALERT_KINDS,
    AlertKind,
    CompromisoResult,
    Counts,
    DependenciaResult,
    MetaResult,
    PlanResults,
    VigenciaResult,
)
from generator.write.spreadsheet_safety import write_value
from generator.write.workbook import corte_timestamp, new_workbook

REZAGADAS_COLUMNS = [
    "codigo_meta", "meta", "dependencia", "vigencia", "corte", "programado", "ejecutado",
    "cumplimiento", "esperado", "estado",
]
# Headers as shown in the workbooks: plain Spanish that still reads back (ignoring
# case and accents) as the open-data column names.
HEADERS = {
    "codigo_meta": "Código meta", "meta": "Meta", "dependencia": "Dependencia",
    "vigencia": "Vigencia", "corte": "Corte", "programado": "Programado",
    "ejecutado": "Ejecutado", "cumplimiento": "Cumplimiento", "esperado": "Esperado",
    "estado": "Estado",
}
_WIDTHS = {"codigo_meta": 13, "meta": 55, "dependencia": 28, "vigencia": 10, "corte": 10,
           "programado": 13, "ejecutado": 13, "cumplimiento": 14, "esperado": 12, "estado": 16}
_PERCENT_FORMAT = '0.0" %"'

# The sheet of each kind of alert.
SHEETS: dict[AlertKind, str] = {"no iniciada": "No iniciadas", "atrasada": "Atrasadas",
                                "sobreejecutada": "Sobreejecutadas"}
ALL_LABEL = "todas las dependencias"


def pct_points(fraction: float | None) -> float | None:
    """A fraction (0..1) as the percentage points published in the data files."""
    return None if fraction is None else fraction * 100


def alert_row(meta: Meta, r: MetaResult, corte: str) -> dict:
    """One meta in one vigencia, with the columns of REZAGADAS_COLUMNS."""
    return {
        "codigo_meta": meta.codigo, "meta": meta.nombre, "dependencia": meta.dependencia,
        "vigencia": r.vigencia, "corte": r.corte or corte, "programado": r.programado,
        "ejecutado": r.ejecutado, "cumplimiento": pct_points(r.cumplimiento),
        "esperado": pct_points(r.esperado), "estado": r.estado,
    }


SEGUIMIENTO_COLUMNS = [
    "codigo_meta", "meta", "dependencia", "corte", "causa", "compromiso", "responsable", "fecha_compromiso",
    "cumplido", "estado", "corte_estado",
]
_CUMPLIDO = {True: "sí", False: "no", None: ""}


def compromiso_row(meta: Meta, r: CompromisoResult, corte_estado: str | None) -> dict:
    """One commitment, with the columns of SEGUIMIENTO_COLUMNS."""
    c = r.compromiso
    return {
        "codigo_meta": c.codigo_meta, "meta": meta.nombre, "dependencia": meta.dependencia, "corte": c.corte,
        "causa": c.causa, "compromiso": c.compromiso, "responsable": c.responsable, "fecha_compromiso": c.fecha,
        "cumplido": _CUMPLIDO[c.cumplido], "estado": r.estado, "corte_estado": corte_estado,
    }


def rezagadas_rows(results: PlanResults) -> list[dict]:
    """Rows of the `rezagadas` open-data table: every rezagada meta at the latest corte
    of each vigencia with data, vigencias oldest first, metas in plan order. Pure."""
    metas = results.plan.metas
    return [
        alert_row(metas[codigo], vr.metas[codigo], vr.corte)
        for vigencia in sorted(results.vigencias)
        for vr in [results.vigencias[vigencia]]
        for codigo in vr.alertas.rezagadas
    ]


# --- writing ---------------------------------------------------------------------

# The Counts field of each line of the summary (no iniciadas are Counts.sin_avance).
_SUMMARY_LABELS = [
    ("total", "Metas a cargo"),
    ("programadas", "Programadas en la vigencia"),
    ("sin_avance", "No iniciadas (sin reporte o sin avance)"),
    ("atrasadas", "Atrasadas (con avance, por debajo de lo esperado)"),
    ("rezagadas", "Rezagadas (no iniciadas + atrasadas)"),
    ("sobreejecutadas", "Sobreejecutadas (más del 100 % de lo programado)"),
    ("cumplidas", "Cumplidas"),
]
_SECTION_TITLES: dict[AlertKind, str] = {
    "no iniciada": "Metas no iniciadas: programadas en la vigencia, sin reporte o con ejecutado 0",
    "atrasada": "Metas atrasadas: con avance, pero por debajo de la parte del año transcurrida",
    "sobreejecutada": "Metas sobreejecutadas: lo ejecutado supera lo programado en la vigencia",
}
@dataclass(frozen=True)
class _Formats:
    """The cell formats of one workbook (XlsxWriter makes them per workbook)."""

    title: object
    subtitle: object
    header: object
    bold: object
    top: dict  # by whether the text wraps
    percent: object

    @classmethod
    def of(cls, wb) -> "_Formats":
        top = {wrap: wb.add_format({"valign": "top", "text_wrap": wrap}) for wrap in (True, False)}
        return cls(
            title=wb.add_format({"bold": True, "font_size": 14}),
            subtitle=wb.add_format({"bold": True, "font_size": 11}),
            header=wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F3864", "pattern": 1,
                                  "text_wrap": True, "valign": "vcenter"}),
            bold=wb.add_format({"bold": True}),
            top=top,
            percent=wb.add_format({"valign": "top", "num_format": _PERCENT_FORMAT}),
        )


def _titles(ws, f: _Formats, lines: list[str]) -> None:
    for row, text in enumerate(lines):
        write_value(ws, row, 0, text, f.title if row == 0 else f.subtitle)


def _header(ws, f: _Formats, row: int, headers: list[str]) -> None:
    """The column headers on `row` (counted from 0)."""
    for col, text in enumerate(headers):
        write_value(ws, row, col, text, f.header)


def _title_lines(plan: Plan, vr: VigenciaResult, label: str) -> list[str]:
    return [
        plan.entidad,
        plan.nombre,
        f"Reporte de alertas — corte {vr.corte} — {label}",
        f"Vigencia {vr.vigencia}: a la fecha del corte se esperaba un avance de al menos el "
        f"{vr.esperado * 100:.0f} % de lo programado en el año.",
    ]


def _write_summary(ws, f: _Formats, plan: Plan, vr: VigenciaResult, label: str,
                   deps: list[DependenciaResult], total: Counts | None) -> None:
    """A column of counts for one dependencia, or (with the `total`) a row per dependencia."""
    _titles(ws, f, _title_lines(plan, vr, label))
    header_row = 5  # the sixth row
    if total is None:
        _header(ws, f, header_row, ["Situación de las metas", "Metas"])
        for row, (key, text) in enumerate(_SUMMARY_LABELS, start=header_row + 1):
            write_value(ws, row, 0, text)
            write_value(ws, row, 1, getattr(deps[0].counts, key))
        last = header_row + len(_SUMMARY_LABELS)
        widths = [52, 10]
    else:
        _header(ws, f, header_row, ["Dependencia"] + [text for _, text in _SUMMARY_LABELS])
        lines = [(d.nombre, d.counts) for d in deps] + [("Total", total)]
        for row, (name, counts) in enumerate(lines, start=header_row + 1):
            bold = f.bold if counts is total else None
            write_value(ws, row, 0, name, bold)
            for col, (key, _) in enumerate(_SUMMARY_LABELS, start=1):
                write_value(ws, row, col, getattr(counts, key), bold)
        last = header_row + len(deps) + 1
        widths = [40] + [16] * len(_SUMMARY_LABELS)
        ws.set_row(header_row, 48)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    write_value(ws, last + 2, 0, (
        "Las metas rezagadas y las sobreejecutadas se revisan con la oficina de planeación: "
        "qué impide el avance, qué compromisos se adquieren y si la meta debe ajustarse o "
        "reprogramarse. El detalle está en las hojas siguientes."
    ))
    ws.freeze_panes(header_row + 1, 0)


def _write_section(ws, f: _Formats, kind: AlertKind, vr: VigenciaResult,
                   metas: list[tuple[Meta, MetaResult]]) -> None:
    _titles(ws, f, [_SECTION_TITLES[kind], f"Corte {vr.corte}, vigencia {vr.vigencia}"])
    header_row = 3  # the fourth row
    _header(ws, f, header_row, [HEADERS[c] for c in REZAGADAS_COLUMNS])
    for col, name in enumerate(REZAGADAS_COLUMNS):
        ws.set_column(col, col, _WIDTHS[name])
    cell_formats = [f.percent if name in ("cumplimiento", "esperado") else f.top[name == "meta"]
                    for name in REZAGADAS_COLUMNS]
    for row, (meta, r) in enumerate(metas, start=header_row + 1):
        values = alert_row(meta, r, vr.corte)
        values["dependencia"] = values["dependencia"].strip() or SIN_DEPENDENCIA
        for col, name in enumerate(REZAGADAS_COLUMNS):
            write_value(ws, row, col, values[name], cell_formats[col])
    if metas:
        ws.autofilter(header_row, 0, header_row + len(metas), len(REZAGADAS_COLUMNS) - 1)
    else:
        # Below a blank row, so a program reading the table stops before it.
        write_value(ws, header_row + 2, 0, "Ninguna meta en esta situación.")
    ws.freeze_panes(header_row + 1, 0)


SHEET_COMPROMISOS = "Compromisos vencidos"
_COMPROMISO_HEADERS = ["Código meta", "Meta", "Dependencia", "Corte", "Causa", "Compromiso", "Responsable",
                       "Fecha compromiso", "Cumplido", "Estado"]
_COMPROMISO_WIDTHS = [13, 45, 28, 10, 40, 45, 28, 14, 10, 14]


def _write_compromisos(ws, f: _Formats, plan: Plan, corte: str, compromisos: list[CompromisoResult]) -> None:
    """The commitments past their date and unmet (Pasto's PE-P-004, step 8)."""
    _titles(ws, f, ["Compromisos vencidos o no cumplidos: su fecha llegó al cierre del corte y no se cumplieron",
                    f"Corte {corte}"])
    header_row = 3
    _header(ws, f, header_row, _COMPROMISO_HEADERS)
    for col, width in enumerate(_COMPROMISO_WIDTHS):
        ws.set_column(col, col, width)
    columns = SEGUIMIENTO_COLUMNS[:len(_COMPROMISO_HEADERS)]
    for row, r in enumerate(compromisos, start=header_row + 1):
        values = compromiso_row(plan.metas[r.codigo_meta], r, corte)
        values["dependencia"] = values["dependencia"].strip() or SIN_DEPENDENCIA
        for col, name in enumerate(columns):
            write_value(ws, row, col, values[name], f.top[name in ("meta", "causa", "compromiso")])
    if not compromisos:
        write_value(ws, header_row + 2, 0, "Ningún compromiso vencido ni incumplido.")
    ws.freeze_panes(header_row + 1, 0)


def write_alert_workbook(path: Path, when: datetime, plan: Plan, vr: VigenciaResult, label: str,
                         deps: list[DependenciaResult], total: Counts | None = None,
                         compromisos: list[CompromisoResult] | None = None) -> Path:
    """Summary sheet, then one sheet per kind of alert, over the metas of `deps`: one
    dependencia's report, or with the `total` the consolidated one (a summary row per
    dependencia). With `compromisos` (a plan that follows up its alerts), a last sheet
    lists those past their date and unmet at this corte (the plan's latest)."""
    wb = new_workbook(path, when, f"Reporte de alertas {vr.corte} — {label}"[:250])
    f = _Formats.of(wb)
    _write_summary(wb.add_worksheet("Resumen"), f, plan, vr, label, deps, total)
    for kind in ALERT_KINDS:
        metas = [(plan.metas[codigo], vr.metas[codigo]) for d in deps for codigo in d.alertas[kind]]
        _write_section(wb.add_worksheet(SHEETS[kind]), f, kind, vr, metas)
    if compromisos is not None:
        _write_compromisos(wb.add_worksheet(SHEET_COMPROMISOS), f, plan, vr.corte, compromisos)
    wb.close()
    return path


@dataclass(frozen=True)
class AlertFile:
    """One alert workbook the build publishes under datos/<plan>/alertas/."""

    slug: str | None  # the dependencia's file slug; None for the one with every dependencia
    label: str
    name: str  # file name


def alert_files(results: PlanResults) -> list[AlertFile]:
    """The workbooks for the latest corte of the current vigencia, in the order they are
    written: `<plan>-<corte>-alertas.xlsx` with every dependencia, then
    `<plan>-<corte>-alertas-<dependencia>.xlsx` for each dependencia with metas programmed
    in the vigencia. Pure: the site links the same names the writer uses."""
    vr = results.current
    if vr is None:
        return []
    prefix = f"{results.plan.slug}-{vr.corte}-alertas"
    return [AlertFile(None, ALL_LABEL, f"{prefix}.xlsx")] + [
        AlertFile(d.slug, d.nombre, f"{prefix}-{d.slug}.xlsx") for d in vr.alertas.dependencias
    ]


def write_alert_workbooks(results: PlanResults, out_dir: Path) -> list[Path]:
    """Write the workbooks of `alert_files` into `out_dir`; returns the files written."""
    vr = results.current
    if vr is None:
        return []
    plan = results.plan
    deps = {d.slug: d for d in vr.alertas.dependencias}
    when = corte_timestamp(vr.corte)
    seguimiento = results.seguimiento
    followed = bool(seguimiento.compromisos)

    def overdue(metas: set[str] | None) -> list[CompromisoResult] | None:
        if not followed:
            return None
        return [r for r in seguimiento.alertas if metas is None or r.codigo_meta in metas]

    written = []
    for file in alert_files(results):
        path = Path(out_dir) / file.name
        if file.slug is None:
            written.append(write_alert_workbook(path, when, plan, vr, ALL_LABEL, list(deps.values()),
                                                vr.alertas.total, overdue(None)))
        else:
            written.append(write_alert_workbook(path, when, plan, vr, file.label, [deps[file.slug]], None,
                                                overdue(set(deps[file.slug].metas))))
    return written
