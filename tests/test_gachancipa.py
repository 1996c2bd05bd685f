"""Gachancipá's real Plan Indicativo read through data/gachancipa/plan.yml and published,
checked against an independent reading of the raw sheet with plain openpyxl (not the
mapping module): the office's own per-meta figure for 2025 (its cached "% TOTAL AVANCE
2025" = TOTAL EJECUTADO / TOTAL PLANEADO), the plan's counts, and each eje's 2025
cumplimiento recomputed with the contract's weighting (CONTRACT.md 6.1-6.2)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest

from generator.build import build_site

GACHANCIPA = Path(__file__).resolve().parent.parent / "data" / "gachancipa"
WORKBOOK = GACHANCIPA / "PlanIndicativo.xlsx"
SHEET = "PI-NUEVO PDM"
OMITTED = 206  # plan.yml's omitir_filas: a meta with no number, its project "ELIMINADA"


def _name(value) -> str:
    return " ".join(str(value).split())


@pytest.fixture(scope="module")
def raw():
    """{header occurrence: column} and the rows 2..214 as lists, merged ranges spread
    over the cells they cover, read plainly."""
    wb = openpyxl.load_workbook(WORKBOOK, data_only=True)
    assert wb.sheetnames == [SHEET]
    ws = wb[SHEET]
    grid = [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=ws.max_row)]
    for merged in ws.merged_cells.ranges:
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                grid[r - 1][c - 1] = value
    wb.close()
    col = {}
    for i, text in enumerate(grid[0]):
        if text is not None:
            key = _name(text).upper()
            col[key if key not in col else key + "#2"] = i
    rows = [(n, row) for n, row in enumerate(grid[1:], start=2) if any(v is not None for v in row)]
    assert rows[-1][0] == 214 and all(n < 215 for n, _ in rows[:213])
    return col, rows[:213]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """data/gachancipa alone, built: the open data the site publishes."""
    data = tmp_path_factory.mktemp("data")
    shutil.copytree(GACHANCIPA, data / "gachancipa")
    site = tmp_path_factory.mktemp("site")
    build_site(data, site)
    folder = site / "datos" / "gachancipa"
    with open(folder / "metas.csv", encoding="utf-8") as f:
        metas = list(csv.DictReader(f))
    with open(folder / "niveles.csv", encoding="utf-8") as f:
        niveles = list(csv.DictReader(f))
    return metas, niveles


def _metas(raw):
    """The rows with a meta number ("No"), as the site publishes them."""
    col, rows = raw
    return [(n, row) for n, row in rows if row[col["NO"]] is not None]


def test_files_are_kept_as_published():
    original = Path("/tmp/segundo-libro/dashboard-gachancipa/PlanIndicativo.xlsx")
    if original.exists():
        assert WORKBOOK.read_bytes() == original.read_bytes()
    licence = (GACHANCIPA / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Andrés Felipe Toro González" in licence


def test_the_office_figure_per_meta_is_what_the_site_publishes(raw, published):
    col, _ = raw
    metas, _ = published
    site = {int(m["codigo_meta"]): m for m in metas}
    checked = 0
    for number, row in _metas(raw):
        planned, executed = row[col["TOTAL PLANEADO 2025"]] or 0, row[col["TOTAL EJECUTADO 2025"]] or 0
        office = row[col["% TOTAL AVANCE 2025"]]  # =IF(AD=0,0,AE/AD), as Excel last saved it
        assert office == pytest.approx(executed / planned if planned else 0), number
        if not isinstance(row[col["AVANCE 2025"]], str):  # =AE/AD; "#DIV/0!" when nothing is planned
            assert row[col["AVANCE 2025"]] == pytest.approx(office)
        meta = site.pop(row[col["NO"]])
        assert (meta["vigencia"], meta["corte"]) == ("2025", "2025-T4")
        if planned > 0:
            assert float(meta["cumplimiento"]) == pytest.approx(100 * min(1, office), abs=1e-4), number
            assert float(meta["programado"]) == pytest.approx(planned) and float(meta["ejecutado"]) == pytest.approx(executed)
            checked += 1
        else:
            # The office writes 0 % for a meta with nothing planned; the site says it is not programmed.
            assert (meta["estado"], meta["cumplimiento"]) == ("no programada", ""), number
    assert site == {} and checked == 164


def test_counts_match_the_plan_structure(raw, published):
    col, rows = raw
    metas, niveles = published
    eje = col["EJE"]
    published_rows = [(n, r) for n, r in _metas(raw)]
    assert len(rows) == 213 and len(published_rows) == 211
    assert [n for n, r in rows if r[col["NO"]] is None] == [113, OMITTED]
    ejes = {_name(r[eje]) for _, r in published_rows}
    programas = {(_name(r[eje]), _name(r[col["NOMBRE DEL PROGRAMA"]])) for _, r in published_rows}
    assert (len(ejes), len(programas), len(published_rows)) == (10, 37, 211)
    by_level = {}
    for n in niveles:
        by_level[n["nivel"]] = by_level.get(n["nivel"], 0) + 1
    assert by_level == {"plan": 1, "eje": 10, "programa": 37}
    assert len(metas) == 211
    # P/NP: the office's marks over its 213 rows, and programmed by value (TOTAL PLANEADO > 0).
    flag = col["ESTADO PROGRAMADO-NO PROGRAMADO"]
    assert sum(r[flag] == "P" for _, r in rows) == 178 and sum(r[flag] == "NP" for _, r in rows) == 35
    programmed = sum((r[col["TOTAL PLANEADO 2025"]] or 0) > 0 for _, r in published_rows)
    contradicted = sum(r[flag] == "P" and not (r[col["TOTAL PLANEADO 2025"]] or 0) > 0 for _, r in published_rows)
    assert (programmed, contradicted) == (164, 12)
    plan = next(n for n in niveles if n["nivel"] == "plan")
    assert (int(plan["metas_total"]), int(plan["metas_programadas"]), int(plan["metas_no_programadas"])) == (211, 164, 47)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def test_each_eje_2025_cumplimiento_recomputed_with_the_contract_weighting(raw, published):
    """No weights in the book: metas weigh the same within their programa and programas
    within their eje (6.2: the mean over the children programmed in 2025)."""
    col, _ = raw
    _, niveles = published
    programas: dict[str, dict[str, list[float]]] = {}
    for _, row in _metas(raw):
        planned = row[col["TOTAL PLANEADO 2025"]] or 0
        if planned > 0:
            c = min((row[col["TOTAL EJECUTADO 2025"]] or 0) / planned, 1)  # 6.1, incremento
            eje = _name(row[col["EJE"]]).split(".")[0]
            programas.setdefault(eje, {}).setdefault(_name(row[col["NOMBRE DEL PROGRAMA"]]), []).append(c)
    expected = {eje: _mean([_mean(cs) for cs in progs.values()]) for eje, progs in programas.items()}
    got = {n["codigo"]: float(n["cumplimiento"]) for n in niveles if n["nivel"] == "eje"}
    assert got == pytest.approx({eje: 100 * c for eje, c in expected.items()}, abs=1e-4)
    assert len(got) == 10
    plan = next(n for n in niveles if n["nivel"] == "plan")
    assert float(plan["cumplimiento"]) == pytest.approx(100 * _mean(list(expected.values())), abs=1e-4)
    # The eje of the seguridad: programas at 100 %, 35 %, 83,3 % and 100 %.
    assert got["1"] == pytest.approx(100 * (1 + 0.35 + 5 / 6 + 1) / 4, abs=1e-4)
