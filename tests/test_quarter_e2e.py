"""The planning office's quarter, end to end: capture sheets out, filled sheets back in
as a new corte, rebuilt site with the new figures.

Hand computation for tests/data/mini at 2022-T4, every meta filled with its
programmed 2022 value except M5 (20 programmed, 10 executed):
  programas 1.1 and 1.2 = 1, línea 1 = 1; programa 2.1 = (0.5 + 1) / 2 = 0.75
  plan = 0.6 * 1 + 0.4 * 0.75 = 0.9 -> 90,0 % Sobresaliente
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import openpyxl
import pytest

from generator.cli import main
from generator.write.plantillas import FIRST_DATA_ROW, HEADER_ROW

MINI = Path(__file__).parent / "data" / "mini"
EXECUTED_2022 = {"M1": 10, "M2": 4, "M3": 60, "M4": 5, "M5": 10, "M6": 10}


def fill(sheet_path: Path, target: Path) -> list[str]:
    """Type the executed values into a capture sheet as a dependencia would."""
    wb = openpyxl.load_workbook(sheet_path)
    ws = wb["Avances"]
    headers = [c.value for c in ws[HEADER_ROW]]
    code_col, exec_col = headers.index("Código meta") + 1, headers.index("Ejecutado") + 1
    filled = []
    for row in range(FIRST_DATA_ROW, ws.max_row + 1):
        code = ws.cell(row=row, column=code_col).value
        if code in EXECUTED_2022:
            ws.cell(row=row, column=exec_col).value = EXECUTED_2022[code]
            filled.append(code)
    wb.save(target)
    return filled


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    root = tmp_path_factory.mktemp("trimestre")
    data = root / "data"
    shutil.copytree(MINI, data)
    assert main(["plantillas", "--corte", "2022-T4", "--data", str(data), "--out", str(root / "hojas")]) == 0
    corte_dir = data / "mini" / "avances" / "2022-T4"
    corte_dir.mkdir()
    filled = []
    for sheet in sorted((root / "hojas").glob("*.xlsx")):
        filled += fill(sheet, corte_dir / sheet.name)
    assert sorted(filled) == sorted(EXECUTED_2022)
    assert main(["check", "--data", str(data)]) == 0
    assert main(["build", "--data", str(data), "--site", str(root / "site")]) == 0
    return root / "site"


def test_one_capture_sheet_per_dependencia(tmp_path):
    assert main(["plantillas", "--corte", "2022-T4", "--data", str(MINI), "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.glob("*.xlsx"))
    assert len(names) == 3 and all(n.startswith("mini-2022-T4-") for n in names)


def test_a_corte_outside_the_period_is_a_message(tmp_path, capsys):
    assert main(["plantillas", "--corte", "2030-T1", "--data", str(MINI), "--out", str(tmp_path)]) == 2
    assert "fuera del periodo" in capsys.readouterr().err


def test_filled_sheets_become_the_new_corte_in_open_data(rebuilt):
    text = (rebuilt / "datos" / "mini" / "niveles.csv").read_text(encoding="utf-8")
    rows = {(r["codigo"], r["vigencia"]): r for r in csv.DictReader(io.StringIO(text))}
    plan_2022 = rows[("PLAN", "2022")]
    assert plan_2022["corte"] == "2022-T4"
    assert float(plan_2022["cumplimiento"]) == pytest.approx(90)
    assert plan_2022["rango"] == "Sobresaliente"
    assert float(rows[("2.1", "2022")]["cumplimiento"]) == pytest.approx(75)
    assert float(rows[("PLAN", "2021")]["cumplimiento"]) == pytest.approx(57.5)


def test_filled_sheets_show_on_the_pages(rebuilt):
    plan_page = (rebuilt / "mini" / "index.html").read_text(encoding="utf-8")
    assert "90,0 %" in plan_page
    assert "31 de diciembre de 2022" in plan_page
