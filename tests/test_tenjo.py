"""Tenjo's real Plan Indicativo read through data/tenjo/plan.yml, checked against an
independent reading of the raw sheet with plain openpyxl (not the mapping module)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import openpyxl
import pytest
import yaml

from generator.read.mapping.reader import read_mapped

TENJO = Path(__file__).resolve().parent.parent / "data" / "tenjo"
WORKBOOK = TENJO / "PLAN INDICATIVO TENJO.xlsx"


def _name(value) -> str:
    return " ".join(str(value).split())


@pytest.fixture(scope="module")
def raw():
    """The PDM sheet as {header occurrence: column} and the meta rows, read plainly."""
    wb = openpyxl.load_workbook(WORKBOOK, read_only=True, data_only=True)
    rows = list(wb["PDM"].iter_rows(values_only=True))
    wb.close()
    header, col = rows[0], {}
    for i, text in enumerate(header):
        if text is None:
            continue
        key = " ".join(str(text).split())
        col[key if key not in col else key + "#2"] = i
    metas = [(n, r) for n, r in enumerate(rows[1:], start=2) if r[col["COD META PRODUCTO"]] is not None]
    return col, metas, rows


@pytest.fixture(scope="module")
def mapped():
    plan_yml = yaml.safe_load((TENJO / "plan.yml").read_text(encoding="utf-8"))
    return read_mapped(TENJO, plan_yml, "data/tenjo")


def test_files_are_kept_as_published():
    original = Path("/work/shared/fixtures/tenjo/PLAN INDICATIVO TENJO.xlsx")
    if original.exists():
        assert WORKBOOK.read_bytes() == original.read_bytes()
    assert "MIT License" in (TENJO / "LICENSE").read_text(encoding="utf-8")


def test_structure(raw, mapped):
    col, metas, _ = raw
    plan, table, _, problems = mapped
    assert not problems.errors, [str(p) for p in problems.errors]
    ejes = {_name(r[col["EJE"]]) for _, r in metas}
    programas = {(_name(r[col["EJE"]]), r[col["COD,.INT. PROGRAMA"]]) for _, r in metas}
    subprogramas = {(r[col["COD,.INT. PROGRAMA"]], _name(r[col["SUBPROGRAMA"]])) for _, r in metas}
    assert (len(ejes), len(programas), len(subprogramas), len(metas)) == (5, 34, 74, 331)
    estructura = plan["estructura"]
    assert len(estructura) == 5
    assert sum(len(e["hijos"]) for e in estructura) == 34
    assert sum(len(p["hijos"]) for e in estructura for p in e["hijos"]) == 74
    assert [e["codigo"] for e in estructura] == ["E1", "E2", "E3", "E4", "E5"]
    assert estructura[3]["nombre"] == "Transformación Social"
    # Every meta hangs from the subprogram its row names.
    names = {s["codigo"]: s["nombre"] for e in estructura for p in e["hijos"] for s in p["hijos"]}
    assert len(table.rows) == 331
    for (number, row), out in zip(metas, table.rows):
        assert out.number == number
        assert out.cells["codigo_meta"] == row[col["COD META PRODUCTO"]]
        assert names[out.cells["codigo_padre"]] == _name(row[col["SUBPROGRAMA"]])
        assert out.cells["codigo_padre"].split(".")[0] == str(row[col["COD,.INT. PROGRAMA"]])


def test_eje_weights_are_normalised_from_0_978(raw, mapped):
    col, metas, _ = raw
    plan, _, _, problems = mapped
    ponderador = {}
    for _, r in metas:
        ponderador.setdefault(int(re.match(r"\s*Eje\s+(\d+)", r[col["EJE"]])[1]), r[col["PONDERADOR EJE"]])
    total = sum(ponderador.values())
    assert total == pytest.approx(0.978)
    got = [e["peso"] for e in plan["estructura"]]
    assert got == pytest.approx([ponderador[i] / total for i in range(1, 6)])
    assert sum(got) == pytest.approx(1)
    assert any("suman 0,978, no 1" in p.message for p in problems.warnings)
    assert plan["vigencias"] == {2024: 15, 2025: 35, 2026: 35, 2027: 15}


def test_programado_per_vigencia(raw, mapped):
    col, metas, _ = raw
    _, table, _, _ = mapped
    for (_, row), out in zip(metas, table.rows):
        assert out.cells["programado_2024"] == pytest.approx(row[col["TOTAL PLANEADO 2024"]])
        assert out.cells["programado_2025"] == pytest.approx(row[col["TOTAL PLANEADO 2025"]])
        assert out.cells["programado_2026"] == pytest.approx(row[col["VALOR ESPERADO 2026"]])
        assert out.cells["programado_2027"] == pytest.approx(row[col["VALOR ESPERADO 2027"]])
        assert out.cells["tipo"] == {"I": "incremento", "M": "mantenimiento"}[row[col["TENDENCIA INDICADOR"]]]
    assert table.columns["programado_2024"] == "TOTAL PLANEADO 2024"
    assert len({r.cells["dependencia"] for r in table.rows}) == 15


def _quarters(col, year):
    return [col[f"T{q}. EJECUTADO {year}"] if q < 4 else col[f"T.4 EJECUTADO {year}"] for q in range(1, 5)]


def test_cortes_and_ejecutado(raw, mapped):
    col, metas, _ = raw
    _, _, cortes, _ = mapped
    expected = []
    for year in (2024, 2025):
        quarters = _quarters(col, year)
        expected += [f"{year}-T{q + 1}" for q, c in enumerate(quarters) if any(r[c] is not None for _, r in metas)]
    assert sorted(cortes) == expected == ["2024-T3", "2024-T4", "2025-T1", "2025-T2", "2025-T3", "2025-T4"]
    for year, last in ((2024, "2024-T4"), (2025, "2025-T4")):
        # The latest corte of each vigencia is the workbook's TOTAL EJECUTADO.
        got = {r.number: r.cells["ejecutado"] for r in cortes[last].rows}
        for number, row in metas:
            assert got[number] == pytest.approx(row[col[f"TOTAL EJECUTADO {year}"]])
        # Earlier cortes: the sum of the quarters so far, where the quarters add up to the total.
        quarters = _quarters(col, year)
        for corte, table in cortes.items():
            q = int(corte[-1])
            if not corte.startswith(str(year)) or corte == last:
                continue
            got = {r.number: r.cells["ejecutado"] for r in table.rows}
            for number, row in metas:
                values = [row[c] for c in quarters]
                total = row[col[f"TOTAL EJECUTADO {year}"]]
                if not math.isclose(sum(v or 0 for v in values), total, abs_tol=1e-9):
                    continue
                if all(v is None for v in values[:q]):
                    assert number not in got
                else:
                    assert got[number] == pytest.approx(sum(v or 0 for v in values[:q]))
    assert all(r.cells["vigencia"] == 2025 for r in cortes["2025-T2"].rows)
    assert cortes["2025-T4"].columns["recursos_comprometidos"] == "COMPROMISOS 2025 [BW]"
    assert cortes["2025-T4"].columns["recursos_ejecutados"].startswith("PAGOS 2025")


def test_inconsistencies_are_avisos_naming_the_row(raw, mapped):
    col, metas, rows = raw
    _, _, _, problems = mapped
    warned = problems.warnings
    flags = set()
    for year, flag in ((2024, "ESTADO PROGRAMADO-NO PROGRAMADO"), (2025, "ESTADO PROGRAMADO-NO PROGRAMADO#2")):
        for number, row in metas:
            programmed = (row[col[f"TOTAL PLANEADO {year}"]] or 0) > 0
            if (row[col[flag]] == "NP") == programmed:
                flags.add(number)
    assert len(flags) == 12
    assert {p.row for p in warned if "la meta está marcada como" in p.message} == flags
    differ = sum(
        1 for year in (2024, 2025) for _, row in metas
        if not math.isclose(row[col[f"VALOR ESPERADO {year}"]] or 0, row[col[f"TOTAL PLANEADO {year}"]] or 0, abs_tol=1e-9)
    )
    assert differ == 159  # 130 vs 130.001 counts: the office typed a different figure
    assert sum(1 for p in warned if (p.column or "").startswith("VALOR ESPERADO") and "no coincide" in p.message) == differ
    not_sums = sum(
        1 for year in (2024, 2025) for _, row in metas
        if not math.isclose(sum(row[c] or 0 for c in _quarters(col, year)), row[col[f"TOTAL EJECUTADO {year}"]], abs_tol=1e-9)
    )
    assert sum(1 for p in warned if "no es la suma de los trimestres" in p.message) == not_sums == 76
    assert any('"L.B" aparece en 2 columnas (N, T)' in p.message for p in warned)
    totals = [number for number, row in enumerate(rows[1:], start=2) if row[col["COD META PRODUCTO"]] is None and any(row)]
    assert totals == [333]
    assert any(p.row == 333 and "se omite" in p.message for p in warned)


def test_the_validator_accepts_the_mapped_plan(mapped):
    from generator.read.yaml_file import YamlDoc
    from generator.validate.plan import PlanFiles, validate_plan

    plan_yml, table, cortes, _ = mapped
    files = PlanFiles("tenjo", "data/tenjo", YamlDoc(plan_yml, "data/tenjo/plan.yml"), table, {k: [t] for k, t in cortes.items()})
    plan, problems = validate_plan(files)
    assert not problems.errors, [str(p) for p in problems.errors][:10]
    assert len(plan.metas) == 331 and len(plan.roots) == 5
    assert plan.latest_corte(2025).id == "2025-T4"
