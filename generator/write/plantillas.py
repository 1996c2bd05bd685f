"""Hojas de captura: the workbook each dependencia fills in for a corte.

Every quarter the planning office sends each dependencia a sheet with its metas and
what was programmed for the year, and gets back what was achieved (Pasto's PE-P-004
calls it the *hoja de captura*). The sheet we write is itself an avances file
(contract section 4): title rows, then a header row with the contract's columns in
readable Spanish, then one row per meta. Returned as it is, it can be dropped into
`data/<plan>/avances/<corte>/` and read like any other corte file.

Only the input cells (Ejecutado, Observaciones, Evidencia, Recursos) are unlocked;
Excel itself checks them (numbers >= 0, links starting with http:// or https://).
The context columns after them (meta, indicator, unit, programmed value...) are
extra columns the reader keeps harmlessly.

When the plan has a published corte before the sheet's, the metas lagging at it also
get the follow-up cells (PE-P-004, step 8): Causa, Compromiso, Responsable and Fecha
compromiso, unlocked on their rows only, with the Corte they answer beside them. The
reader keeps them as extra columns of the avances; the office copies them, with the
code, into seguimiento.xlsx, whose columns they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.compute.dependencias import dependencias
from generator.compute.seguimiento import rezagadas_before
from generator.contract import corte_end, parse_corte_id
from generator.model import Meta, Plan
from generator.names import fmt_date
from generator.results import PlanResults
from generator.write.spreadsheet_safety import write_cell
from generator.write.workbook import corte_timestamp, save_workbook

SHEET_AVANCES = "Avances"
SHEET_INSTRUCCIONES = "Instrucciones"

# Rows of the Avances sheet, as Excel numbers them: title rows, a blank row, the header.
HEADER_ROW = 6
FIRST_DATA_ROW = HEADER_ROW + 1

_QUARTER_NAME = {1: "primer", 2: "segundo", 3: "tercer", 4: "cuarto"}
_TIPO_LABEL = {"incremento": "Incremento", "mantenimiento": "Mantenimiento", "reduccion": "Reducción",
               "stock": "Stock"}


# --- corte ids and names ---------------------------------------------------------


def parse_corte(corte_id: str) -> tuple[str, int, int]:
    """`"2022-T2"` -> `("2022-T2", 2022, 2)`; ValueError (in Spanish) for anything else."""
    parts = parse_corte_id(str(corte_id).strip())
    if parts is None:
        raise ValueError(
            f'el corte "{corte_id}" no es válido: se esperaba AAAA-TN, por ejemplo 2022-T2 '
            "(T1 a T4, T4 cierra el año)"
        )
    vigencia, trimestre = parts
    return f"{vigencia}-T{trimestre}", vigencia, trimestre


# --- the capture sheet --------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    editable: bool = False
    wrap: bool = False
    number_format: str = "General"
    lagging_only: bool = False  # editable on the rows of lagging metas only


@dataclass(frozen=True)
class Lagging:
    """The metas lagging at the latest published corte before the sheet's: their rows
    take a commitment that answers that corte."""

    corte: str
    metas: frozenset[str]


FOLLOW_UP = [
    Column("Causa", 32, editable=True, wrap=True, lagging_only=True),
    Column("Compromiso", 36, editable=True, wrap=True, lagging_only=True),
    Column("Responsable", 24, editable=True, wrap=True, lagging_only=True),
    Column("Fecha compromiso", 14, editable=True, number_format="dd/mm/yyyy", lagging_only=True),
    Column("Corte", 10),
]


def _columns(vigencia: int, lagging: Lagging | None = None) -> list[Column]:
    return [
        Column("Código meta", 13),
        Column("Vigencia", 10),
        Column("Ejecutado", 13, editable=True),
        Column("Observaciones", 40, editable=True, wrap=True),
        Column("Evidencia", 36, editable=True, wrap=True),
        Column("Recursos programados", 18, editable=True, number_format="#,##0"),
        Column("Recursos ejecutados", 18, editable=True, number_format="#,##0"),
        *(FOLLOW_UP if lagging else []),
        Column("Meta", 50, wrap=True),
        Column("Indicador", 36, wrap=True),
        Column("Unidad", 14, wrap=True),
        Column(f"Programado {vigencia}", 14),
        Column("Programada en la vigencia", 13, wrap=True),
        Column("Tipo", 15),
        Column("Línea base", 12),
    ]


def _meta_values(meta: Meta, vigencia: int, lagging: Lagging | None) -> list[object]:
    programmed = meta.is_programmed(vigencia)
    follow_up = [None] * (len(FOLLOW_UP) - 1) + [lagging.corte if meta.codigo in lagging.metas else None] if lagging else []
    return [
        meta.codigo, vigencia, None, None, None, None, None, *follow_up,
        meta.nombre, meta.indicador, meta.unidad,
        meta.programado_en(vigencia) if programmed else None,
        "Sí" if programmed else "No",
        _TIPO_LABEL.get(meta.tipo, meta.tipo), meta.linea_base,
    ]


_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FILL_HEADER = PatternFill("solid", fgColor="1F3864")
_FILL_HEADER_INPUT = PatternFill("solid", fgColor="1B7F3B")
_FILL_LOCKED = PatternFill("solid", fgColor="F2F2F2")
_FILL_INPUT = PatternFill("solid", fgColor="FFFFFF")


def _validations(columns: list[Column], last_row: int) -> list[DataValidation]:
    def col(header: str) -> str:
        return get_column_letter([c.header for c in columns].index(header) + 1)

    def rows(header: str) -> str:
        return f"{col(header)}{FIRST_DATA_ROW}:{col(header)}{last_row}"

    number_error = (
        "Escriba solo un número mayor o igual que cero, sin unidades, signos ni texto. "
        "En Excel en español el decimal se escribe con coma: 12,5."
    )
    ejecutado = DataValidation(
        type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
        showErrorMessage=True, errorStyle="stop", errorTitle="Ejecutado no válido", error=number_error,
        showInputMessage=True, promptTitle="Ejecutado",
        prompt="Lo logrado en el año hasta el corte, en la unidad del indicador. Vacío = sin reporte.",
    )
    ejecutado.add(rows("Ejecutado"))
    recursos = DataValidation(
        type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
        showErrorMessage=True, errorStyle="stop", errorTitle="Recursos no válidos",
        error="Escriba el valor en pesos: solo un número mayor o igual que cero, sin $ ni puntos de miles.",
    )
    recursos.add(rows("Recursos programados"))
    recursos.add(rows("Recursos ejecutados"))
    first = f"{col('Evidencia')}{FIRST_DATA_ROW}"
    evidencia = DataValidation(
        type="custom", allow_blank=True,
        formula1=f'OR({first}="",LEFT({first},7)="http://",LEFT({first},8)="https://")',
        showErrorMessage=True, errorStyle="stop", errorTitle="Evidencia no válida",
        error="Escriba un enlace que empiece por http:// o https://, o deje la celda vacía.",
        showInputMessage=True, promptTitle="Evidencia",
        prompt="Un enlace (http:// o https://) al soporte del avance.",
    )
    evidencia.add(rows("Evidencia"))
    found = [ejecutado, recursos, evidencia]
    if "Fecha compromiso" in [c.header for c in columns]:
        fecha = DataValidation(
            type="date", operator="greaterThan", formula1="1", allow_blank=True,
            showErrorMessage=True, errorStyle="stop", errorTitle="Fecha no válida",
            error="Escriba una fecha, por ejemplo 30/09/2021.",
            showInputMessage=True, promptTitle="Fecha compromiso",
            prompt="La fecha en que la dependencia cumplirá el compromiso.",
        )
        fecha.add(rows("Fecha compromiso"))
        found.append(fecha)
    return found


def _write_titles(ws: Worksheet, plan: Plan, corte: str, vigencia: int, trimestre: int, label: str) -> None:
    lines = [
        (plan.entidad, Font(bold=True, size=14)),
        (plan.nombre, Font(bold=True, size=12)),
        (f"Hoja de captura — corte {corte} — {label}", Font(bold=True, size=12)),
        (
            f"Escriba en las celdas blancas lo ejecutado por cada meta del 1 de enero al "
            f"{fmt_date(corte_end(vigencia, trimestre))} (acumulado del año). "
            "Lea la hoja «Instrucciones» antes de llenar.",
            Font(italic=True),
        ),
    ]
    for row, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1)
        write_cell(cell, text)
        cell.font = font


def _write_table(ws: Worksheet, columns: list[Column], metas: list[Meta], vigencia: int,
                 lagging: Lagging | None) -> int:
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row=HEADER_ROW, column=index)
        write_cell(cell, column.header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _FILL_HEADER_INPUT if column.editable else _FILL_HEADER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = _BORDER
        ws.column_dimensions[get_column_letter(index)].width = column.width
    row = HEADER_ROW
    for row, meta in enumerate(metas, start=FIRST_DATA_ROW):
        programmed = meta.is_programmed(vigencia)
        behind = lagging is not None and meta.codigo in lagging.metas
        for index, (column, value) in enumerate(zip(columns, _meta_values(meta, vigencia, lagging)), start=1):
            cell = ws.cell(row=row, column=index)
            write_cell(cell, value)
            cell.border = _BORDER
            cell.number_format = column.number_format
            cell.alignment = Alignment(wrap_text=column.wrap, vertical="top")
            if column.editable and (behind or not column.lagging_only):
                cell.protection = Protection(locked=False)
                cell.fill = _FILL_INPUT
            else:
                cell.fill = _FILL_LOCKED
                if not programmed:
                    cell.font = Font(italic=True, color="7F7F7F")
    return row


def _protect(ws: Worksheet) -> None:
    """Locked cells cannot be edited; columns and rows can still be resized."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False


def _write_avances(ws: Worksheet, plan: Plan, corte: str, vigencia: int, trimestre: int,
                   label: str, metas: list[Meta], lagging: Lagging | None) -> None:
    columns = _columns(vigencia, lagging)
    _write_titles(ws, plan, corte, vigencia, trimestre, label)
    last_row = _write_table(ws, columns, metas, vigencia, lagging)
    for validation in _validations(columns, last_row):
        ws.add_data_validation(validation)
    ws.row_dimensions[HEADER_ROW].height = 32
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=2).coordinate  # header and code stay visible
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    _protect(ws)


def _follow_up_instructions(lagging: Lagging | None) -> list[str]:
    if lagging is None:
        return []
    return [
        f"5. Causa, Compromiso, Responsable y Fecha compromiso: solo en las filas de las metas rezagadas "
        f"en el corte {lagging.corte} (esas celdas están en blanco; en las demás filas, en gris). Escriba "
        "por qué la meta va atrasada, qué hará la dependencia para ponerse al día, quién responde y para "
        "qué fecha (p. ej. 30/09/2021). La oficina de planeación verificará el compromiso en los cortes "
        "siguientes.",
    ]


def instructions(plan: Plan, corte: str, vigencia: int, trimestre: int, label: str,
                 lagging: Lagging | None = None) -> list[str]:
    """The lines of the Instrucciones sheet, in plain Spanish."""
    return [
        "Instrucciones para llenar la hoja de captura",
        "",
        f"Plan: {plan.nombre}",
        f"Dependencia: {label}",
        f"Corte: {corte} ({_QUARTER_NAME[trimestre]} trimestre de {vigencia}). Se reporta lo "
        f"logrado del 1 de enero al {fmt_date(corte_end(vigencia, trimestre))}.",
        "",
        "Qué llenar (solo las celdas blancas de la hoja «Avances»; las grises están protegidas):",
        "1. Ejecutado: lo que la meta logró en el año hasta la fecha del corte, en la unidad del "
        "indicador (columna «Unidad»). Es lo acumulado dentro del año, no desde el inicio del plan: "
        "si en el primer trimestre se hicieron 3 y en el segundo 2, en el corte T2 se escribe 5.",
        "   Si la meta no tuvo avance, escriba 0. Si deja la celda vacía, la meta queda «sin reporte».",
        "   Escriba solo el número, sin unidades, sin el signo % y sin puntos de miles. En Excel en "
        "español el decimal se escribe con coma: 12,5.",
        "2. Observaciones: qué se hizo, dificultades y qué falta, en pocas líneas.",
        "3. Evidencia: un enlace que empiece por http:// o https:// a un soporte que se pueda "
        "consultar (un documento publicado, una carpeta compartida, un contrato en SECOP). "
        "Puede dejarse vacía.",
        "4. Recursos programados y Recursos ejecutados: en pesos, solo el número, sin $ ni puntos "
        "de miles. Son opcionales.",
        *_follow_up_instructions(lagging),
        "",
        "Qué no cambiar:",
        "- No cambie los códigos de las metas, la vigencia ni los nombres de las columnas; no agregue, "
        "borre ni mueva filas, columnas u hojas. Las columnas grises (meta, indicador, lo programado) "
        "son solo para consulta.",
        "- Las metas con «Programada en la vigencia: No» no tienen nada programado este año: "
        "repórtelas solo si de todos modos tuvieron avance.",
        "",
        "Entrega:",
        "- Guarde el archivo con el mismo nombre, en formato Excel (.xlsx), y envíelo a la oficina "
        "de planeación por el medio y en la fecha que ella indique.",
        f"- Para la oficina de planeación: el archivo diligenciado se pone tal cual, sin copiar ni "
        f"cambiar nada, en la carpeta data/{plan.slug}/avances/{corte}/ junto a los de las demás "
        "dependencias; luego se ejecuta «python -m generator check», que señala cualquier celda "
        "por corregir con su hoja, fila y columna.",
        *([f"- Los compromisos (columnas Código meta, Corte, Causa, Compromiso, Responsable y Fecha "
           f"compromiso de las filas llenas) se copian además en data/{plan.slug}/seguimiento.xlsx, "
           "que tiene esas mismas columnas y la de Cumplido, que se llena al verificarlos."] if lagging else []),
    ]


def _write_instructions(ws: Worksheet, lines: list[str]) -> None:
    ws.column_dimensions["A"].width = 110
    for row, text in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1)
        write_cell(cell, text or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=14)
        elif text.endswith(":") and not text.startswith(("Plan", "Dependencia")):
            cell.font = Font(bold=True)
    ws.protection.sheet = True


def capture_workbook(plan: Plan, corte: str, vigencia: int, trimestre: int, label: str,
                     metas: list[Meta], lagging: Lagging | None = None) -> Workbook:
    """The workbook of one dependencia (not saved)."""
    wb = Workbook()
    avances = wb.active
    avances.title = SHEET_AVANCES
    _write_avances(avances, plan, corte, vigencia, trimestre, label, metas, lagging)
    _write_instructions(wb.create_sheet(SHEET_INSTRUCCIONES),
                        instructions(plan, corte, vigencia, trimestre, label, lagging))
    wb.active = 0
    wb.properties.title = f"Hoja de captura {corte} — {label}"[:250]
    return wb


def write_capture_sheets(plan: Plan, corte_id: str, out_dir: Path, results: PlanResults | None = None) -> list[Path]:
    """Write one hoja de captura per dependencia for the corte; returns the files, sorted.
    With the plan's `results`, the metas lagging at the latest corte before this one get
    the follow-up cells.

    Raises ValueError (message in Spanish) when the corte id is not AAAA-TN or its
    vigencia is outside the plan's period.
    """
    corte, vigencia, trimestre = parse_corte(corte_id)
    first, last = plan.periodo
    if not first <= vigencia <= last:
        raise ValueError(
            f'el corte {corte} es de la vigencia {vigencia}, que está fuera del periodo del plan '
            f'"{plan.nombre}" ({first}-{last})'
        )
    when = corte_timestamp(corte)
    before = rezagadas_before(results, corte) if results is not None else None
    lagging = Lagging(before[0], frozenset(before[1])) if before and before[1] else None
    written = []
    for dep in dependencias(plan):
        metas = [plan.metas[codigo] for codigo in dep.metas]
        wb = capture_workbook(plan, corte, vigencia, trimestre, dep.nombre, metas, lagging)
        written.append(save_workbook(wb, Path(out_dir) / f"{plan.slug}-{corte}-{dep.slug}.xlsx", when))
    return written
