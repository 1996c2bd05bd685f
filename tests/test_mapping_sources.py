"""A real municipal book: one sheet per secretaría, the línea only in a merged title
row or in the sheet's name, names the book gets wrong. Per-sheet `niveles`, values
that come from a fixed text, a cell, the title rows or the sheet's name, and
`mapeo.nombres`."""

from __future__ import annotations

from pathlib import Path

from generator.load import load_data
from generator.read.mapping.reader import read_mapped
from tests.test_mapping import mapeo as base_mapeo
from tests.workbooks import write_workbook

HEADER = ["PROGRAMA", "COD", "META", "INDICADOR", "CUATRIENIO", "PROG 2024", "EJEC 2024"]
BOOK, YML = "data/x/libro.xlsx", "data/x/plan.yml"


def mapeo(**overrides) -> dict:
    """test_mapping's mapping with the línea in a column LÍNEA."""
    return base_mapeo(**{"niveles": [{"nombre": "LÍNEA", "codigo": "desde_nombre"}, {"nombre": "PROGRAMA", "codigo": "desde_nombre"}],
                         **overrides})


def read(folder: Path, m: dict):
    return read_mapped(folder, {"nombre": "Plan", "periodo": [2024, 2024], "niveles": ["línea", "programa"], "mapeo": m}, "data/x")


def located(problems) -> list[tuple]:
    return [(p.codigo, p.file, p.sheet, p.row, p.column) for p in problems]


def municipal_book(folder: Path) -> None:
    """Three secretarías: Gobierno has a línea column; Salud writes the línea in a
    merged A1 title; in "2. Educación" only the sheet's name says it."""
    write_workbook(folder / "libro.xlsx", {
        "Gobierno": [["LÍNEA", *HEADER],
                     ["1. Seguridad", "1.1 Convivencia", "M1", "Meta uno", "Ind", 4, 1, 1]],
        "Salud": [["Línea estratégica 3. Salud para todos", None, None, None, None, None, None],
                  ["Secretaría de Salud - Plan de acción"],
                  HEADER,
                  ["3.1 Salud pública", "M2", "Meta dos", "Ind", 4, 2, 1],
                  ["3.2 Aseguramiento", "M3", "Meta tres", "Ind", 4, 1, 0.5]],
        "2. Educación": [HEADER, ["2.1 Calidad", "M4", "Meta cuatro", "Ind", 4, 1, 1]],
    }, merges={"Salud": ["A1:G1"]})


def municipal_mapeo(**overrides) -> dict:
    return mapeo(hojas=[
        "Gobierno",
        {"nombre": "Salud", "niveles": {"línea": {"celda": "C1", "codigo": "desde_nombre",
                                               "patron": r"^\D*(?P<codigo>\d+)\.\s*(?P<nombre>.+)$"}}},
        {"nombre": "2. Educación", "niveles": {"linea": {"hoja": True, "codigo": "desde_nombre"}}},
    ], **overrides)


def test_the_linea_from_a_merged_title_cell_or_the_sheet_name_and_the_dependencia_from_the_sheet(tmp_path):
    municipal_book(tmp_path)
    m = municipal_mapeo()
    m["columnas"]["dependencia"] = {"hoja": True}
    m["valores"] = {"dependencia": {"Salud": "Secretaría de Salud"}}
    result, metas, cortes, problems = read(tmp_path, m)
    assert not problems.errors, [str(p) for p in problems]
    # C1 is inside the merged A1:G1: its value is A1's.
    assert result["estructura"] == [
        {"codigo": "1", "nombre": "Seguridad", "hijos": [{"codigo": "1.1", "nombre": "Convivencia"}]},
        {"codigo": "3", "nombre": "Salud para todos", "hijos": [{"codigo": "3.1", "nombre": "Salud pública"},
                                                                 {"codigo": "3.2", "nombre": "Aseguramiento"}]},
        {"codigo": "2", "nombre": "Educación", "hijos": [{"codigo": "2.1", "nombre": "Calidad"}]},
    ]
    assert [(r.sheet, r.number, r.cells["codigo_padre"], r.cells["dependencia"]) for r in metas.rows] == [
        ("Gobierno", 2, "1.1", "Gobierno"), ("Salud", 4, "3.1", "Secretaría de Salud"),
        ("Salud", 5, "3.2", "Secretaría de Salud"), ("2. Educación", 2, "2.1", "2. Educación")]
    # A problem in a value from elsewhere says where it came from.
    assert metas.where(metas.rows[1], "dependencia") == {"sheet": "Salud", "row": 4, "column": "nombre de la hoja"}
    # The title rows above the header are not read as metas or notes.
    assert not problems.warnings, [str(p) for p in problems]
    assert [r.cells["ejecutado"] for r in cortes["2024-T4"].rows] == [1, 1, 0.5, 1]


def test_a_fixed_value_and_a_pattern_over_the_title_rows(tmp_path):
    municipal_book(tmp_path)
    m = mapeo(hojas=[
        {"nombre": "Salud", "niveles": {"línea": {"titulo": r"Línea estratégica (?P<valor>\d+\..*)", "codigo": "desde_nombre"}}},
        {"nombre": "2. Educación", "niveles": {"línea": {"valor": "Línea 2: Educación", "codigo": "generado"}}},
    ])
    result, metas, _, problems = read(tmp_path, m)
    assert not problems.errors, [str(p) for p in problems]
    assert [(n["codigo"], n["nombre"]) for n in result["estructura"]] == [("3", "Salud para todos"), ("2", "Línea 2: Educación")]
    assert [n["codigo"] for n in result["estructura"][1]["hijos"]] == ["2.1"]
    assert metas.where(metas.rows[0], "codigo_padre")["sheet"] == "Salud"


def test_a_title_pattern_that_finds_nothing_and_an_empty_cell_are_located(tmp_path):
    municipal_book(tmp_path)
    m = mapeo(hojas=[
        {"nombre": "Salud", "niveles": {"línea": {"titulo": r"^Eje \d+", "codigo": "desde_nombre"}}},
        {"nombre": "2. Educación", "niveles": {"línea": {"celda": "B7"}}},
    ])
    _, metas, _, problems = read(tmp_path, m)
    assert metas is None
    assert located(problems.errors) == [("titulo-no-encontrado", BOOK, "Salud", 1, None),
                                        ("celda-vacia", BOOK, "2. Educación", 7, "B7")]
    assert "ninguna celda de las filas de título (1 a 2) coincide con el patrón de mapeo.hojas[0].niveles.línea.titulo" in str(problems.errors[0])
    m["hojas"][1]["niveles"]["línea"] = {"titulo": "Educación"}
    _, _, _, problems = read(tmp_path, m)
    assert "la hoja no tiene filas de título arriba de los encabezados (fila 1)" in str(problems.errors[1])


def test_a_sheet_may_replace_every_level_and_cada_vigencia(tmp_path):
    write_workbook(tmp_path / "libro.xlsx", {
        "A": [["LÍNEA", *HEADER], ["1. Agua", "1.1 Acueducto", "M1", "Meta", "Ind", 4, 1, 1]],
        "B": [["Programa", "COD", "META", "INDICADOR", "CUATRIENIO", "Meta 2024", "Avance 2024"],
              ["Alcantarillado", "M2", "Meta", "Ind", 4, 2, 2]],
    })
    m = mapeo(hojas=["A", {"nombre": "B", "niveles": [{"valor": "1. Agua", "codigo": "desde_nombre"}, "Programa"],
                           "cada_vigencia": {"programado": "Meta {año}", "ejecutado": "Avance {año}"}}])
    result, metas, cortes, problems = read(tmp_path, m)
    assert not problems.errors, [str(p) for p in problems]
    assert [n["codigo"] for n in result["estructura"][0]["hijos"]] == ["1.1", "1.2"]
    assert [r.cells["programado_2024"] for r in metas.rows] == [1, 2]
    assert [r.cells["ejecutado"] for r in cortes["2024-T4"].rows] == [1, 2]


def test_names_the_book_gets_wrong_are_corrected_by_code(tmp_path):
    write_workbook(tmp_path / "libro.xlsx", {"PI": [
        ["LÍNEA", *HEADER],
        ["1. Agua", "1.1 Programa de acueducto rural", "M1", "Meta", "Ind", 4, 1, 1],
        ["1. Agua", "1.1 Acueducto", "M2", "Meta", "Ind", 4, 1, 1],
    ]})
    m = mapeo(nombres={"1.1": "  Acueducto   y saneamiento ", "9.9": "Nada"})
    result, _, _, problems = read(tmp_path, m)
    assert not problems.errors
    assert result["estructura"][0]["hijos"] == [{"codigo": "1.1", "nombre": "Acueducto y saneamiento"}]
    # The corrected node does not earn the "written differently" aviso; an unused code does.
    assert located(problems.warnings) == [("nombre-sin-nodo", YML, None, None, "mapeo.nombres.9.9")]


def test_new_keys_are_checked_at_their_plan_yml_line(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    municipal_book(folder)
    (folder / "plan.yml").write_text("""nombre: Plan
periodo: [2024, 2024]
niveles: [línea, programa]
mapeo:
  archivo: libro.xlsx
  nombres: [uno]
  niveles:
    - {nombre: LÍNEA, codigo: desde_nombre}
    - {nombre: PROGRAMA, codigo: desde_nombre}
  columnas: {codigo_meta: COD, meta: META, indicador: INDICADOR, meta_cuatrienio: CUATRIENIO,
             dependencia: {hoja: sí, celda: A1}}
  vigencias: {2024: {programado: PROG 2024}}
  hojas:
    - nombre: Salud
      niveles:
        eje: {celda: A1}
        programa: {celda: "1A"}
    - nombre: Gobierno
      niveles:
        línea:
          titulo: '(?=x)'
""", encoding="utf-8")
    _, problems = load_data(folder)
    found = sorted((p.row, p.codigo, p.column) for p in problems.errors)
    assert found == sorted((row, codigo, column) for codigo, row, column in [
        ("claves-incompatibles", 11, "mapeo.columnas.dependencia"),
        ("valor-no-valido", 6, "mapeo.nombres"),
        ("clave-desconocida", 16, "mapeo.hojas[0].niveles.eje"),
        ("valor-no-valido", 17, "mapeo.hojas[0].niveles.programa.celda"),
        ("patron-no-admitido", 21, "mapeo.hojas[1].niveles.línea.titulo"),
    ]), [str(p) for p in problems]
    assert any("los niveles de plan.yml son: línea, programa" in str(p) for p in problems.errors)


def test_a_block_of_columns_with_products_merged_over_their_activity_rows(tmp_path):
    """Activities on the left (A:E); products from F, each merged over the rows of
    its programa's activities. Both blocks have PROG 2024 and EJEC 2024."""
    activity = ["PROGRAMA", "ACTIVIDAD", "RESPONSABLE", "PROG 2024", "EJEC 2024"]
    product = ["COD", "META", "INDICADOR", "CUATRIENIO", "PROG 2024", "EJEC 2024"]
    write_workbook(tmp_path / "libro.xlsx", {"PA": [
        ["Plan de acción 2024"],
        activity + product,
        ["1.1 Acueducto", "Diseños", "Obras", 1, 1, "P1", "Redes construidas", "km", 10, 4, 3],
        ["1.1 Acueducto", "Obra", "Obras", 1, 0],
        ["1.1 Acueducto", "Interventoría", "Obras", 1, 1],
        ["1.2 Saneamiento", "Estudio", "Ambiente", 1, 1, "P2", "PTAR operando", "Número", 1, 1, 0.5],
        ["1.2 Saneamiento", "Visitas", "Ambiente", 2, 2],
    ]}, merges={"PA": [f"{c}3:{c}5" for c in "FGHIJK"] + [f"{c}6:{c}7" for c in "FGHIJK"]})
    m = mapeo(niveles=[{"valor": "1. Agua", "codigo": "desde_nombre"}, {"nombre": "PROGRAMA", "codigo": "desde_nombre"}],
              columnas_desde="F", fila_por_grupo=True)
    result, metas, cortes, problems = read(tmp_path, m)
    assert not problems.errors, [str(p) for p in problems]
    assert [(r.number, r.cells["codigo_meta"], r.cells["codigo_padre"], r.cells["programado_2024"]) for r in metas.rows] == [
        (3, "P1", "1.1", 4), (6, "P2", "1.2", 1)]
    assert metas.columns["programado_2024"] == "PROG 2024 [J]"
    assert [r.cells["ejecutado"] for r in cortes["2024-T4"].rows] == [3, 0.5]
    # The repeated headers are the block's: no aviso for PROG 2024 written twice.
    assert not problems.warnings, [str(p) for p in problems]
    # Without fila_por_grupo every activity row repeats its product.
    _, metas, _, _ = read(tmp_path, {**m, "fila_por_grupo": False})
    assert [r.cells["codigo_meta"] for r in metas.rows] == ["P1", "P1", "P1", "P2", "P2"]


def test_columnas_desde_and_fila_por_grupo_are_checked(tmp_path):
    municipal_book(tmp_path)
    _, _, _, problems = read(tmp_path, mapeo(columnas_desde="T2", hojas=[{"nombre": "Salud", "fila_por_grupo": "sí"}]))
    assert located(problems.errors) == [("valor-no-valido", YML, None, None, "mapeo.columnas_desde"),
                                        ("valor-no-valido", YML, None, None, "mapeo.hojas[0].fila_por_grupo")]


def test_omitir_filas_leaves_a_row_out_with_an_aviso_per_row(tmp_path):
    municipal_book(tmp_path)
    # Salud's meta M2 (row 4) has no code: without omitir_filas it is an error.
    write_workbook(tmp_path / "libro.xlsx", {"Salud": [
        HEADER,
        ["3.1 Salud pública", "M1", "Meta uno", "Ind", 4, 2, 1],
        ["3.1 Salud pública", None, "Meta eliminada", "Ind", 1, 0, 0],
        ["3.2 Aseguramiento", "M3", "Meta tres", "Ind", 4, 1, 0.5],
    ]})
    m = mapeo(niveles=[{"valor": "3. Salud", "codigo": "desde_nombre"}, {"nombre": "PROGRAMA", "codigo": "desde_nombre"}])
    _, _, _, problems = read(tmp_path, m)
    assert located(problems.errors) == [("celda-vacia", BOOK, "Salud", 3, "COD")]
    _, metas, _, problems = read(tmp_path, {**m, "omitir_filas": [3, 9]})
    assert not problems.errors, [str(p) for p in problems]
    assert [(r.number, r.cells["codigo_meta"]) for r in metas.rows] == [(2, "M1"), (4, "M3")]
    assert located(problems.warnings) == [("fila-omitida", BOOK, "Salud", 3, None), ("fila-omitida", BOOK, "Salud", 9, None)]
    assert "no se omite nada" in problems.warnings[1].message
    # Per sheet, and checked.
    _, metas, _, _ = read(tmp_path, {**m, "hojas": [{"nombre": "Salud", "omitir_filas": [2, 3]}]})
    assert [r.cells["codigo_meta"] for r in metas.rows] == ["M3"]
    _, _, _, problems = read(tmp_path, {**m, "omitir_filas": ["206"], "hojas": [{"nombre": "Salud", "omitir_filas": [0]}]})
    assert located(problems.errors)[:2] == [("valor-no-valido", YML, None, None, "mapeo.omitir_filas"),
                                            ("valor-no-valido", YML, None, None, "mapeo.hojas[0].omitir_filas")]
