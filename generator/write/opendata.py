"""Open data published with the site (contract section 7).

Each table is written as CSV (UTF-8, `,`, `.` as decimal mark), XLSX and JSON under
`datos/<plan>/`, with its Data Package descriptor and a zip of them all
(write/descriptor.py). Figures are percentages 0..100; the rows are built at full
precision and every number is rounded to its column's published precision
(write/dictionary.py) by `published_value`, once, before any format is written, so
the three formats agree. Rows and columns come in a fixed order so two builds give
the same bytes. Text that a spreadsheet would evaluate is neutralised (see
spreadsheet_safety).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import tempfile
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Callable, Iterable

from generator.model import ROOT, Plan
from generator.results import DependenciaResult, NodeResult, PlanResults
from generator.write import descriptor
from generator.write.alerts_xlsx import (
    REZAGADAS_COLUMNS,
    SEGUIMIENTO_COLUMNS,
    compromiso_row,
    pct_points,
    rezagadas_rows,
)
from generator.write.dictionary import DICTIONARY, Column
from generator.write.spreadsheet_safety import neutralise, write_value
from generator.write.workbook import new_workbook

# The site's semáforo, redone: what was expected at the corte, the pace, its rango.
PACE_COLUMNS = ["esperado", "ritmo", "rango_al_corte"]
NIVELES_COLUMNS = [
    "codigo", "nivel", "nombre", "codigo_padre", "vigencia", "corte", "peso_plan",
    "programado", "avance", "cumplimiento", "rango", "metas_total", "metas_programadas",
    "metas_con_avance", "metas_sin_avance", "metas_no_programadas", "metas_sin_reporte",
    # Beyond the contract: with peso_plan, what makes every figure a published weighted sum.
    "peso_en_padre",
    *PACE_COLUMNS,
    # Against meta_cuatrienio (contract 6.5), at the latest corte.
    "avance_cuatrienio",
    # The whole period por vigencias (contract 6.5), and what the node counts for in its
    # parent: over siblings these add up to the parent's programado and avance.
    "avance_por_vigencias", "programado_en_padre", "avance_en_padre",
]
METAS_COLUMNS = [
    "codigo_meta", "codigo_padre", "meta", "indicador", "unidad", "tipo", "dependencia",
    "linea_base", "meta_cuatrienio", "vigencia", "corte", "programado", "ejecutado",
    "cumplimiento", "estado",
    # Beyond the contract: the weights, so any node's or dependencia's cumplimiento is a
    # weighted sum of this table's columns (the methodology shows one by hand)...
    "peso_plan", "peso_en_padre",
    # ...and what the office wrote, kept and published, never lost.
    "sector", "territorio", "observaciones", "evidencia",
    # Against meta_cuatrienio (contract 6.5), at the latest corte: "30 de 140".
    "acumulado_cuatrienio", "avance_cuatrienio",
]


HISTORIAL_COLUMNS = [
    "codigo", "nivel", "nombre", "vigencia", "corte", "programado", "avance",
    "cumplimiento", "rango", *PACE_COLUMNS, "avance_cuatrienio",
]


def _node_entries(plan: Plan) -> list[tuple[str, str, str, str]]:
    """(codigo, nivel, nombre, codigo_padre) of the plan itself and every node, in order."""
    return [(ROOT, "plan", plan.nombre, "")] + [
        (n.codigo, plan.niveles[n.nivel], n.nombre, n.codigo_padre or ROOT)
        for n in plan.iter_nodes()
    ]


def _pace(esperado: float, r: NodeResult | DependenciaResult) -> dict:
    """The contract's rango (on the cumplimiento) and the one the site shows (on the ritmo)."""
    return {"rango": r.rango_cumplimiento, "esperado": pct_points(esperado), "ritmo": pct_points(r.ritmo),
            "rango_al_corte": r.rango}


def _node_row(codigo: str, nivel: str, nombre: str, r: NodeResult, esperado: float) -> dict:
    return {
        "codigo": codigo, "nivel": nivel, "nombre": nombre, "vigencia": r.vigencia,
        "corte": r.corte, "peso_plan": pct_points(r.peso_plan), "programado": pct_points(r.programado),
        "avance": pct_points(r.avance), "cumplimiento": pct_points(r.cumplimiento),
        "avance_cuatrienio": pct_points(r.avance_cuatrienio),
    } | _pace(esperado, r)


def _share_in_parent(results: PlanResults, weight: float, padre: str) -> float | None:
    """A weight (W, in the plan) as a percentage of its parent node's W; None for the plan."""
    return pct_points(weight / results.node_weights[padre]) if padre else None


def niveles_rows(results: PlanResults) -> list[dict]:
    """One row per node (the plan first, nivel `plan`) per vigencia with data."""
    rows = []
    for codigo, nivel, nombre, padre in _node_entries(results.plan):
        en_padre = _share_in_parent(results, results.node_weights[codigo], padre)
        for vigencia in sorted(results.vigencias):
            vr = results.vigencias[vigencia]
            r = vr.nodes[codigo]
            c = r.counts
            rows.append(_node_row(codigo, nivel, nombre, r, vr.esperado) | {
                "codigo_padre": padre, "peso_en_padre": 100.0 if en_padre is None else en_padre,
                "metas_total": c.total, "metas_programadas": c.programadas,
                "metas_con_avance": c.con_avance, "metas_sin_avance": c.sin_avance,
                "metas_no_programadas": c.no_programadas, "metas_sin_reporte": c.sin_reporte,
                "avance_cuatrienio": pct_points(results.frente_meta.get(codigo)),
                "avance_por_vigencias": pct_points(results.cuatrienio.get(codigo)),
                "programado_en_padre": pct_points(r.programado_en_padre),
                "avance_en_padre": pct_points(r.avance_en_padre),
            })
    return rows


def historial_rows(results: PlanResults) -> list[dict]:
    """One row per node per corte, every corte kept: the evolution over time."""
    return [
        _node_row(codigo, nivel, nombre, corte.nodes[codigo], corte.esperado)
        for codigo, nivel, nombre, _ in _node_entries(results.plan)
        for corte in results.history
    ]


def metas_rows(results: PlanResults) -> list[dict]:
    """One row per meta per vigencia with data, in the plan's order."""
    rows = []
    plan = results.plan
    for meta in plan.metas.values():
        weight = results.meta_weights[meta.codigo]
        frente = results.metas_cuatrienio.get(meta.codigo)
        per_meta = {"peso_plan": pct_points(weight),
                    "peso_en_padre": _share_in_parent(results, weight, meta.codigo_padre),
                    "acumulado_cuatrienio": frente.acumulado if frente else None,
                    "avance_cuatrienio": pct_points(frente.avance) if frente else None}
        for vigencia in sorted(results.vigencias):
            r = results.vigencias[vigencia].metas[meta.codigo]
            corte = plan.corte(r.corte)
            reporte = corte.reportes.get(meta.codigo) if corte else None
            rows.append({
                "codigo_meta": meta.codigo, "codigo_padre": meta.codigo_padre,
                "meta": meta.nombre, "indicador": meta.indicador, "unidad": meta.unidad,
                "tipo": meta.tipo, "dependencia": meta.dependencia,
                "linea_base": meta.linea_base, "meta_cuatrienio": meta.meta_cuatrienio,
                "vigencia": vigencia, "corte": r.corte, "programado": r.programado,
                "ejecutado": r.ejecutado, "cumplimiento": pct_points(r.cumplimiento),
                "estado": r.estado, "sector": meta.sector, "territorio": meta.territorio,
                "observaciones": reporte.observaciones if reporte else "",
                "evidencia": reporte.evidencia if reporte else "",
            } | per_meta)
    return rows


PRESUPUESTO_COLUMNS = [
    "codigo_meta", "meta", "dependencia", "vigencia", "corte", "fuente", "territorio",
    "programado", "comprometido", "pagado",
]
DEPENDENCIAS_COLUMNS = [
    "dependencia", "vigencia", "corte", "metas_total", "metas_programadas", "metas_con_avance",
    "metas_sin_avance", "cumplimiento", "recursos_programados", "recursos_pagados",
    "ejecucion_financiera", "rango", *PACE_COLUMNS, "avance_cuatrienio",
]
REPROGRAMACIONES_COLUMNS = [
    "codigo_meta", "meta", "fecha", "campo", "valor_anterior", "valor_nuevo", "justificacion", "acto",
]


def presupuesto_rows(results: PlanResults) -> list[dict]:
    """One row per amount of money (per meta, fuente and territorio) per vigencia with
    data, at the vigencia's latest corte, as the computation took it from the files
    (compute/money.py): an amount not reported is an empty cell."""
    metas = results.plan.metas
    rows = []
    for vigencia in sorted(results.vigencias):
        vr = results.vigencias[vigencia]
        for e in vr.finanzas.entries if vr.finanzas else ():
            m = metas[e.codigo_meta]
            rows.append({
                "codigo_meta": m.codigo, "meta": m.nombre, "dependencia": m.dependencia, "vigencia": vigencia,
                "corte": vr.corte, "fuente": e.fuente, "territorio": e.territorio,
                "programado": e.dinero.programado, "comprometido": e.dinero.comprometido,
                "pagado": e.dinero.pagado,
            })
    return rows


def dependencias_rows(results: PlanResults) -> list[dict]:
    """One row per dependencia per vigencia with data (as compute/dependencias.py
    groups them: one row per dependencia however its name is spelled), by slug."""
    return [
        {"dependencia": d.nombre, "vigencia": d.vigencia, "corte": d.corte,
         "metas_total": d.counts.total, "metas_programadas": d.counts.programadas,
         "metas_con_avance": d.counts.con_avance, "metas_sin_avance": d.counts.sin_avance,
         "cumplimiento": pct_points(d.cumplimiento), "recursos_programados": d.dinero.programado,
         "recursos_pagados": d.dinero.pagado, "ejecucion_financiera": pct_points(d.dinero.ejecucion),
         "avance_cuatrienio": pct_points(d.avance_cuatrienio)}
        | _pace(vr.esperado, d)
        for vr in (results.vigencias[vigencia] for vigencia in sorted(results.vigencias))
        for d in vr.dependencias.values()
    ]


def reprogramaciones_rows(results: PlanResults) -> list[dict]:
    """The trail of adjustments as the office wrote it, oldest first (values as read:
    numbers for numeric campos, text for the others)."""
    plan = results.plan
    return [
        {"codigo_meta": r.codigo_meta, "meta": plan.metas[r.codigo_meta].nombre, "fecha": r.fecha,
         "campo": r.campo, "valor_anterior": r.valor_anterior, "valor_nuevo": r.valor_nuevo,
         "justificacion": r.justificacion, "acto": r.acto}
        for r in plan.reprogramaciones
    ]


def seguimiento_rows(results: PlanResults) -> list[dict]:
    """Every commitment as the office wrote it, with its state at the latest corte
    (compute/seguimiento.py), by the corte it answers."""
    s = results.seguimiento
    return [compromiso_row(results.plan.metas[r.codigo_meta], r, s.corte) for r in s.compromisos]


CAMBIOS_COLUMNS = ["corte_anterior", "corte", "cambio", "codigo_meta", "dependencia", "antes", "despues"]


def cambios_rows(results: PlanResults) -> list[dict]:
    """What changed from each corte to the next (compute/cambios.py): each meta that changed
    estado, became rezagada or recovered (antes/despues: its estado) and each dependencia
    whose rango moved (antes/despues: the rango the site shows). The reprogramaciones are
    in their own table, with their fecha."""
    metas = results.plan.metas
    history = {v.corte: v.metas for v in results.history}
    rows = []
    for c in results.cambios:
        before, now = history[c.anterior], history[c.corte]
        at = {"corte_anterior": c.anterior, "corte": c.corte}
        for cambio, codigos in (("estado", [b.codigo for _, b in c.estados]),
                                ("nueva rezagada", c.nuevas_rezagadas), ("recuperada", c.recuperadas)):
            rows += [at | {"cambio": cambio, "codigo_meta": codigo, "dependencia": metas[codigo].dependencia,
                           "antes": before[codigo].estado, "despues": now[codigo].estado} for codigo in codigos]
        for cambio, pairs in (("dependencia subió", c.mejoraron), ("dependencia bajó", c.bajaron)):
            rows += [at | {"cambio": cambio, "codigo_meta": "", "dependencia": b.nombre,
                           "antes": a.rango, "despues": b.rango} for a, b in pairs]
    return rows


def published_value(value: object, column: Column) -> object:
    """A number rounded (half up, on its decimal text) to its column's published
    precision; anything else unchanged. The one rounding of the open data."""
    if column.decimals is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return _rounded(value, float if isinstance(value, float) else int, column.decimals)


# The tables repeat a few thousand numbers (0, 100, the same percentages) hundreds of
# thousands of times over: each is rounded once. Its type is in the key, as 1 == 1.0.
@functools.lru_cache(maxsize=1 << 16)
def _rounded(value: int | float, kind: type, decimals: int) -> int | float:
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return float(rounded) + 0.0 if kind is float else int(rounded)


def published_rows(table: str, rows: Iterable[dict]) -> list[dict]:
    """The rows of a table as published: every number at its stated precision."""
    columns = DICTIONARY[table]
    rounded = {name: column for name, column in columns.items() if column.decimals is not None}
    return [{name: published_value(v, rounded[name]) if name in rounded else v
             for name, v in row.items() if name in columns} for row in rows]


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float):
        return _float_text(repr(value))  # by its text: -0.0 == 0.0, but reads "-0.0"
    return neutralise(value)


@functools.lru_cache(maxsize=1 << 16)
def _float_text(shortest: str) -> str:
    """The shortest text that reads back as the same float, never in scientific
    notation (1e-05), which spreadsheets in Spanish locales misread."""
    return format(Decimal(shortest), "f")


def write_csv(path: Path, columns: list[str], rows: Iterable[dict]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row[c]) for c in columns])
    path.write_text(out.getvalue(), encoding="utf-8")


def write_xlsx(path: Path, sheet: str, columns: list[str], rows: Iterable[dict], when: datetime) -> None:
    wb = new_workbook(path, when)
    ws = wb.add_worksheet(sheet)
    for col, name in enumerate(columns):
        write_value(ws, 0, col, name)
    for number, row in enumerate(rows, start=1):
        for col, name in enumerate(columns):
            if row[name] is not None:
                write_value(ws, number, col, row[name])
    ws.freeze_panes(1, 0)
    wb.close()


def write_json(path: Path, columns: list[str], rows: Iterable[dict]) -> None:
    """An array of records, one a line: readable, and written by json's C encoder
    (an indented document goes through its Python one, at five times the cost)."""
    records = [json.dumps({c: row[c] for c in columns}, ensure_ascii=False, allow_nan=False) for row in rows]
    text = "[\n" + ",\n".join(records) + "\n]" if records else "[]"
    path.write_text(text + "\n", encoding="utf-8")


TABLES: dict[str, tuple[list[str], Callable[[PlanResults], list[dict]]]] = {
    "niveles": (NIVELES_COLUMNS, niveles_rows),
    "metas": (METAS_COLUMNS, metas_rows),
    "historial": (HISTORIAL_COLUMNS, historial_rows),
    "rezagadas": (REZAGADAS_COLUMNS, rezagadas_rows),
    "presupuesto": (PRESUPUESTO_COLUMNS, presupuesto_rows),
    "dependencias": (DEPENDENCIAS_COLUMNS, dependencias_rows),
    "reprogramaciones": (REPROGRAMACIONES_COLUMNS, reprogramaciones_rows),
    "seguimiento": (SEGUIMIENTO_COLUMNS, seguimiento_rows),
    "cambios": (CAMBIOS_COLUMNS, cambios_rows),
}


def open_data_dir(site_dir: Path, plan: Plan) -> Path:
    return site_dir / "datos" / plan.slug


def table_columns() -> dict[str, list[str]]:
    """The tables and their columns, in the order they are published."""
    return {name: list(columns) for name, (columns, _) in TABLES.items()}


def write_open_data(results: PlanResults, site_dir: Path, when: datetime) -> list[Path]:
    """Write every open-data table of a plan, its Data Package descriptor and the zip
    of them all; returns the files written."""
    out = open_data_dir(site_dir, results.plan)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (columns, build_rows) in TABLES.items():
        rows = published_rows(name, build_rows(results))
        write_csv(out / f"{name}.csv", columns, rows)
        write_xlsx(out / f"{name}.xlsx", name, columns, rows, when)
        write_json(out / f"{name}.json", columns, rows)
        written += [out / f"{name}.{ext}" for ext in ("csv", "xlsx", "json")]
    descriptor.write_json_file(out / descriptor.DATAPACKAGE, descriptor.datapackage(results, table_columns(), when.date()))
    written.append(out / descriptor.DATAPACKAGE)
    archive = out / descriptor.zip_name(results)
    descriptor.write_zip(archive, written, when.date())
    return written + [archive]


CORTES_DIR = "cortes"


def corte_zip(results: PlanResults, corte: str) -> str:
    """Where the zip of a corte's open data lives, from the site's root: the latest
    corte's beside the tables, each earlier one's under `cortes/`."""
    folder = f"datos/{results.plan.slug}/"
    if results.current is None or corte != results.current.corte:
        folder += CORTES_DIR + "/"
    return folder + descriptor.zip_name(results.at(corte))


def write_corte_archives(results: PlanResults, site_dir: Path, when: datetime) -> list[Path]:
    """The zip of each earlier corte: every table as it stood at that corte, in CSV,
    with its Data Package descriptor (the archive of cortes, render/pages/archive.py)."""
    zips = []
    for corte, past in results.archivo.items():
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            files = []
            for name, (columns, build_rows) in TABLES.items():
                write_csv(folder / f"{name}.csv", columns, published_rows(name, build_rows(past)))
                files.append(folder / f"{name}.csv")
            descriptor.write_json_file(folder / descriptor.DATAPACKAGE,
                                       descriptor.datapackage(past, table_columns(), when.date()))
            files.append(folder / descriptor.DATAPACKAGE)
            archive = site_dir / corte_zip(results, corte)
            archive.parent.mkdir(parents=True, exist_ok=True)
            descriptor.write_zip(archive, files, when.date())
        zips.append(archive)
    return zips


def write_catalogue(all_results: list[PlanResults], site_dir: Path, when: datetime) -> Path:
    """The site's DCAT catalogue of every plan's open data, `datos/catalogo.jsonld`."""
    path = site_dir / "datos" / descriptor.CATALOGUE
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor.write_json_file(path, descriptor.catalogue(all_results, list(TABLES), when.date()))
    return path
