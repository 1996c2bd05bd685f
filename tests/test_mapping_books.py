"""One plan from several books (`mapeo.libros`): one book per vigencia or per corte,
merged into one series; a meta two books describe differently is a located error."""

from __future__ import annotations

from pathlib import Path

from generator.load import load_data
from generator.read.mapping.reader import read_mapped
from tests.workbooks import write_workbook

BASE = ["EJE", "PROGRAMA", "COD", "META", "INDICADOR", "CUATRIENIO"]
YML = "data/x/plan.yml"


def year_book(folder: Path, year: int, rows: list[list]) -> None:
    write_workbook(folder / f"PA {year}.xlsx", {"Plan": [["Plan de acción"], BASE + [f"PROG {year}", f"EJEC {year}"], *rows]})


def by_year(**plan_wide) -> dict:
    return {
        "niveles": [{"nombre": "EJE", "codigo": "desde_nombre"}, {"nombre": "PROGRAMA", "codigo": "desde_nombre"}],
        "columnas": {"codigo_meta": "COD", "meta": "META", "indicador": "INDICADOR", "meta_cuatrienio": "CUATRIENIO"},
        "libros": [{"archivo": f"PA {y}.xlsx", "vigencias": {y: {"programado": f"PROG {y}", "ejecutado": f"EJEC {y}"}}} for y in (2024, 2025)],
        **plan_wide,
    }


def read(folder: Path, m: dict):
    plan = {"nombre": "Plan", "periodo": [2024, 2025], "niveles": ["eje", "programa"], "mapeo": m}
    return read_mapped(folder, plan, "data/x")


def located(problems) -> list[tuple]:
    return [(p.codigo, p.file, p.sheet, p.row, p.column) for p in problems]


def two_years(folder: Path, meta_2025: str = "Meta dos") -> None:
    year_book(folder, 2024, [["1. Agua", "1.1 Acueducto", "M1", "Meta uno", "Ind", 4, 1, 1],
                             ["1. Agua", "1.1 Acueducto", "M2", "Meta dos", "Ind", 4, 2, 1]])
    year_book(folder, 2025, [["1. Agua", "1.1 Acueducto", "M2", meta_2025, "Ind", 4, 1, None],
                             ["1. Agua", "1.1 Acueducto", "M1", "Meta uno", "Ind", 4, 2, 1.5],
                             ["2. Vías", "2.1 Rurales", "M3", "Meta tres", "Ind", 2, 1, 1]])


def test_one_book_per_vigencia_makes_one_series(tmp_path):
    two_years(tmp_path)
    result, metas, cortes, problems = read(tmp_path, by_year())
    assert not len(problems), [str(p) for p in problems]
    assert [(r.cells["codigo_meta"], r.cells["programado_2024"], r.cells["programado_2025"]) for r in metas.rows] == [
        ("M1", 1, 2), ("M2", 2, 1), ("M3", None, 1)]
    assert [n["codigo"] for n in result["estructura"]] == ["1", "2"]
    # Each cell still names its book: M1's 2025 programado is in the 2025 book, row 5.
    assert metas.where(metas.rows[0], "programado_2025") == {"file": "data/x/PA 2025.xlsx", "sheet": "Plan", "row": 4, "column": "PROG 2025"}
    assert metas.where(metas.rows[0], "programado_2024") == {"sheet": "Plan", "row": 3, "column": "PROG 2024"}
    assert metas.where(metas.rows[2], "meta") == {"file": "data/x/PA 2025.xlsx", "sheet": "Plan", "row": 5, "column": "META"}
    assert sorted(cortes) == ["2024-T4", "2025-T4"]
    assert [(r.cells["codigo_meta"], r.cells["ejecutado"]) for r in cortes["2025-T4"].rows] == [("M1", 1.5), ("M3", 1)]
    assert cortes["2025-T4"].file == "data/x/PA 2025.xlsx"


def test_two_books_that_describe_a_meta_differently_are_an_error_at_the_later_one(tmp_path):
    two_years(tmp_path, meta_2025="Meta dos (ajustada)")
    _, _, _, problems = read(tmp_path, by_year())
    assert located(problems) == [("conflicto-entre-libros", "data/x/PA 2025.xlsx", "Plan", 3, "META")]
    assert ('"Meta dos (ajustada)" la meta M2 dice otra cosa en data/x/PA 2024.xlsx (hoja "Plan", fila 4): "Meta dos"'
            in str(problems.items[0]))


def test_one_book_per_corte_and_a_conflict_in_the_same_corte(tmp_path):
    for quarter, value in (("T1", 1), ("T2", 2), ("T2b", 3)):
        write_workbook(tmp_path / f"Seguimiento {quarter}.xlsx", {"S": [
            BASE + ["PROG 2025", "AVANCE"], ["1. Agua", "1.1 Acueducto", "M1", "Meta uno", "Ind", 4, 4, value]]})
    m = by_year(cada_vigencia={"programado": "PROG {año}", "ejecutado": "AVANCE"})
    m["libros"] = [{"archivo": "Seguimiento T1.xlsx", "vigencias": {2025: {"corte": "T1"}}},
                   {"archivo": "Seguimiento T2.xlsx", "vigencias": {2025: {"corte": "T2"}}}]
    plan = {"nombre": "Plan", "periodo": [2025, 2025], "niveles": ["eje", "programa"], "mapeo": m}
    _, metas, cortes, problems = read_mapped(tmp_path, plan, "data/x")
    assert not len(problems), [str(p) for p in problems]
    assert [(c, [r.cells["ejecutado"] for r in t.rows], t.file) for c, t in cortes.items()] == [
        ("2025-T1", [1], "data/x/Seguimiento T1.xlsx"), ("2025-T2", [2], "data/x/Seguimiento T2.xlsx")]
    assert len(metas.rows) == 1
    m["libros"].append({"archivo": "Seguimiento T2b.xlsx", "vigencias": {2025: {"corte": "T2"}}})
    _, _, cortes, problems = read_mapped(tmp_path, plan, "data/x")
    assert located(problems) == [("conflicto-entre-libros", "data/x/Seguimiento T2b.xlsx", "S", 2, "AVANCE")]
    assert [r.cells["ejecutado"] for r in cortes["2025-T2"].rows] == [2]


def test_the_books_keys_are_checked_and_located(tmp_path):
    two_years(tmp_path)
    m = by_year(archivo="PA 2024.xlsx", fila_por_grupo="sí")
    m["libros"][1].update(niveles=[], columnas_desde="T2")
    m["libros"].append({"archivo": "PA 2024.xlsx", "vigencias": {2024: {"programado": "PROG 2024"}}})
    _, metas, _, problems = read(tmp_path, m)
    assert metas is None
    assert sorted(located(problems)) == sorted([
        ("claves-incompatibles", YML, None, None, "mapeo.archivo"),
        ("clave-desconocida", YML, None, None, "mapeo.libros[1].niveles"),
        ("valor-no-valido", YML, None, None, "mapeo.fila_por_grupo"),  # once, not once per book
        ("valor-no-valido", YML, None, None, "mapeo.libros[1].columnas_desde"),
        ("archivos-duplicados", YML, None, None, "mapeo.libros[2].archivo"),
    ])
    m = by_year()
    m["libros"][1]["vigencias"] = {2024: {"programado": "PROG 2024"}}
    _, _, _, problems = read(tmp_path, m)
    assert [p.message.split(":")[0] for p in problems] == ["falta la vigencia 2025 del periodo en ninguno de los libros"]


def test_a_bad_cell_of_the_second_book_is_located_in_that_book(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    two_years(folder)
    year_book(folder, 2025, [["1. Agua", "1.1 Acueducto", "M1", "Meta uno", "Ind", 4, "doce", 1]])
    (folder / "plan.yml").write_text("""nombre: Plan
periodo: [2024, 2025]
niveles: [eje, programa]
mapeo:
  niveles: [{nombre: EJE, codigo: desde_nombre}, {nombre: PROGRAMA, codigo: desde_nombre}]
  columnas: {codigo_meta: COD, meta: META, indicador: INDICADOR, meta_cuatrienio: CUATRIENIO}
  libros:
    - {archivo: PA 2024.xlsx, vigencias: {2024: {programado: PROG 2024, ejecutado: EJEC 2024}}}
    - {archivo: PA 2025.xlsx, vigencias: {2025: {programado: PROG 2025, ejecutado: EJEC 2025}}}
""", encoding="utf-8")
    _, problems = load_data(folder)
    assert [(p.codigo, Path(p.file).name, p.sheet, p.row, p.column) for p in problems.errors] == [
        ("celda-no-numero", "PA 2025.xlsx", "Plan", 3, "PROG 2025")], [str(p) for p in problems]
