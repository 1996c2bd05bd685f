"""The SisPT/KPT mapping documented in MAPEO.md reads a workbook laid out like the DNP export."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import yaml

from generator.read.mapping.reader import read_mapped

MAPEO_MD = Path(__file__).resolve().parent.parent / "MAPEO.md"

HEADER = [
    "Línea estratégica", "Sector", "Programa presupuestal", "Producto", "Código indicador de producto",
    "Indicador de producto", "Meta de producto", "Unidad de medida", "Línea base", "Meta cuatrienio",
    "Tipo de meta", "Responsable",
    "Programación meta 2024", "Programación meta 2025", "Programación meta 2026", "Programación meta 2027",
]
L1, L2 = "1. Municipio sostenible", "2. Municipio productivo"
AGRO, AMB = "17 - Agricultura y desarrollo rural", "32 - Ambiente y desarrollo sostenible"
P1702, P3202 = "1702 - Inclusión productiva de pequeños productores rurales", "3202 - Conservación de la biodiversidad"
ROWS = [
    [L1, AMB, P3202, "3202005 - Servicio de restauración de ecosistemas", 320200500,
     "Áreas en proceso de restauración", "Restaurar 40 hectáreas", "Hectáreas", 10, 40, "Incremento", "Secretaría de Ambiente", 5, 15, 15, 5],
    [L1, AGRO, P1702, "1702007 - Servicio de apoyo a la comercialización", 170200700,
     "Productores apoyados", "Apoyar 200 productores", "Número", 0, 200, "Incremento", "Secretaría de Desarrollo", 50, 50, 50, 50],
    [L2, AGRO, P1702, "1702007 - Servicio de apoyo a la comercialización", 170200700,
     "Productores apoyados", "Apoyar 100 productoras", "Número", 0, 100, "Incremento", "Secretaría de la Mujer", 25, 25, 25, 25],
    [L2, AGRO, P1702, "1702017 - Servicio de asistencia técnica", 170201700,
     "Productores con asistencia", "Mantener la asistencia a 300 productores", "Número", 300, 300, "Mantenimiento",
     "Secretaría de Desarrollo", 300, 300, 300, 300],
]


def documented_mapping() -> dict:
    text = MAPEO_MD.read_text(encoding="utf-8")
    block = re.search(r"<!-- mapeo-sispt -->\s*```yaml\n(.*?)```", text, re.DOTALL)
    assert block, "MAPEO.md debe traer el mapeo SisPT tras <!-- mapeo-sispt -->"
    return yaml.safe_load(block[1])["mapeo"]


def sispt_workbook(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan indicativo - Productos"
    ws.append(["Plan Indicativo - Productos. Municipio de Ejemplo 2024-2027"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    wb.create_sheet("Plan indicativo - Resultados").append(["Indicador de resultado", "Línea base", "Meta"])
    wb.save(path)


def test_documented_sispt_mapping_reads_the_export_layout(tmp_path):
    sispt_workbook(tmp_path / "Plan indicativo.xlsx")
    plan_yml = {"nombre": "Plan de Ejemplo", "periodo": [2024, 2027],
                "niveles": ["línea estratégica", "sector", "programa"], "mapeo": documented_mapping()}
    plan, metas, cortes, problems = read_mapped(tmp_path, plan_yml, "data/ejemplo")
    assert not problems.errors, [str(p) for p in problems.errors]
    assert not problems.warnings, [str(p) for p in problems.warnings]
    assert metas.header_row == 2 and metas.sheet == "Plan indicativo - Productos"
    assert [r.number for r in metas.rows] == [3, 4, 5, 6]
    # The same MGA indicator in two programs gets two distinct meta codes.
    assert [r.cells["codigo_meta"] for r in metas.rows] == [
        "1.32.3202-320200500", "1.17.1702-170200700", "2.17.1702-170200700", "2.17.1702-170201700"]
    assert [r.cells["codigo_padre"] for r in metas.rows] == ["1.32.3202", "1.17.1702", "2.17.1702", "2.17.1702"]
    assert plan["estructura"] == [
        {"codigo": "1", "nombre": "Municipio sostenible", "hijos": [
            {"codigo": "1.32", "nombre": "Ambiente y desarrollo sostenible", "hijos": [
                {"codigo": "1.32.3202", "nombre": "Conservación de la biodiversidad"}]},
            {"codigo": "1.17", "nombre": "Agricultura y desarrollo rural", "hijos": [
                {"codigo": "1.17.1702", "nombre": "Inclusión productiva de pequeños productores rurales"}]},
        ]},
        {"codigo": "2", "nombre": "Municipio productivo", "hijos": [
            {"codigo": "2.17", "nombre": "Agricultura y desarrollo rural", "hijos": [
                {"codigo": "2.17.1702", "nombre": "Inclusión productiva de pequeños productores rurales"}]},
        ]},
    ]
    row = metas.rows[3].cells
    assert row["tipo"] == "Mantenimiento"  # validation matches contract words ignoring case
    assert [row[f"programado_{y}"] for y in range(2024, 2028)] == [300, 300, 300, 300]
    assert row["producto_mga"].startswith("1702017")
    assert metas.columns["programado_2026"] == "Programación meta 2026"
    assert cortes == {}  # the Plan Indicativo export carries programming, not execution


def test_the_validator_accepts_the_sispt_plan(tmp_path):
    from generator.read.yaml_file import YamlDoc
    from generator.validate.plan import PlanFiles, validate_plan

    sispt_workbook(tmp_path / "Plan indicativo.xlsx")
    plan_yml = {"nombre": "Plan de Ejemplo", "periodo": [2024, 2027],
                "niveles": ["línea estratégica", "sector", "programa"], "mapeo": documented_mapping()}
    plan, metas, cortes, _ = read_mapped(tmp_path, plan_yml, "data/ejemplo")
    model, problems = validate_plan(PlanFiles("ejemplo", "data/ejemplo", YamlDoc(plan, "data/ejemplo/plan.yml"), metas, {}))
    assert not problems.errors, [str(p) for p in problems.errors]
    assert len(model.metas) == 4 and model.metas["2.17.1702-170201700"].tipo == "mantenimiento"
