"""The `mapeo:` reader on tiny workbooks written here, one feature per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.read.mapping.reader import read_mapped
from tests.workbooks import write_workbook

HEADER = ["EJE", "PROGRAMA", "COD", "META", "INDICADOR", "CUATRIENIO", "PROG 2024", "EJEC 2024"]


def book(folder: Path, sheets: dict[str, list[list]], name: str = "libro.xlsx", merges: dict | None = None,
         hidden: tuple[str, ...] = ()) -> Path:
    return write_workbook(folder / name, sheets, merges, hidden)


def mapeo(**overrides) -> dict:
    base = {
        "archivo": "libro.xlsx",
        "niveles": [{"nombre": "EJE", "codigo": "desde_nombre"}, {"nombre": "PROGRAMA", "codigo": "desde_nombre"}],
        "columnas": {"codigo_meta": "COD", "meta": "META", "indicador": "INDICADOR", "meta_cuatrienio": "CUATRIENIO"},
        "vigencias": {2024: {"programado": "PROG 2024", "ejecutado": "EJEC 2024"}},
    }
    base.update(overrides)
    return base


def plan(m: dict, **extra) -> dict:
    return {"nombre": "Plan", "periodo": [2024, 2024], "niveles": ["eje", "programa"], "mapeo": m, **extra}


def read(folder: Path, m: dict, **extra):
    return read_mapped(folder, plan(m, **extra), "data/x")


def messages(problems, severity=None) -> list[str]:
    return [str(p) for p in problems if severity is None or p.severity == severity]


def located(problems) -> list[tuple]:
    """Each problem as (codigo, file, sheet, row, column)."""
    return [(p.codigo, p.file, p.sheet, p.row, p.column) for p in problems]


BOOK, YML = "data/x/libro.xlsx", "data/x/plan.yml"


def rows_simple():
    return [
        HEADER,
        ["1. Agua", "1.1 Acueducto", "M1", "Meta uno", "Ind", 4, 1, 1],
        ["1. Agua", "1.2 Saneamiento", "M2", "Meta dos", "Ind", 4, 2, 1],
        ["2. Vías", "2.1 Rurales", "M3", "Meta tres", "Ind", 4, 0, None],
    ]


def test_title_rows_code_and_name_cells_and_real_row_numbers(tmp_path):
    title = [["ALCALDÍA MUNICIPAL"], ["Plan Indicativo 2024"], []]
    book(tmp_path, {"PI": title + rows_simple()})
    result, metas, cortes, problems = read(tmp_path, mapeo())
    assert not problems.errors, messages(problems)
    assert metas.header_row == 4
    assert [r.number for r in metas.rows] == [5, 6, 7]
    assert metas.rows[0].cells["codigo_padre"] == "1.1"
    assert metas.rows[0].cells["codigo_meta"] == "M1"
    assert metas.rows[1].cells["programado_2024"] == 2  # raw, validation parses
    assert metas.columns["programado_2024"] == "PROG 2024"
    assert metas.columns["meta"] == "META"
    assert result["estructura"] == [
        {"codigo": "1", "nombre": "Agua", "hijos": [
            {"codigo": "1.1", "nombre": "Acueducto"}, {"codigo": "1.2", "nombre": "Saneamiento"}]},
        {"codigo": "2", "nombre": "Vías", "hijos": [{"codigo": "2.1", "nombre": "Rurales"}]},
    ]
    assert "estructura" not in plan(mapeo())  # the input dict is not modified
    # A yearly executed column gives one corte, the year closed, with raw values.
    assert list(cortes) == ["2024-T4"]
    assert [(r.number, r.cells["ejecutado"]) for r in cortes["2024-T4"].rows] == [(5, 1), (6, 1)]
    assert cortes["2024-T4"].columns["ejecutado"] == "EJEC 2024"


def test_yearly_column_can_be_an_earlier_corte_and_codes_can_come_from_columns(tmp_path):
    rows = [["EJE", "COD EJE", "PROGRAMA", "COD PROG", "COD", "META", "INDICADOR", "CUATRIENIO", "PROG 2024", "EJEC 2024"],
            ["Agua", "A", "Acueducto", "A.1", 7, "Meta", "Ind", 1, 1, 0.5]]
    book(tmp_path, {"PI": rows})
    m = mapeo(niveles=[{"nombre": "EJE", "codigo": "COD EJE"}, {"nombre": "PROGRAMA", "codigo": "COD PROG"}])
    m["vigencias"][2024]["corte"] = "T2"
    result, metas, cortes, problems = read(tmp_path, m)
    assert not problems.errors, messages(problems)
    assert result["estructura"][0]["codigo"] == "A"
    assert result["estructura"][0]["hijos"][0]["codigo"] == "A.1"
    assert list(cortes) == ["2024-T2"]


def test_merged_cells_and_blank_hierarchy_cells_fill_down(tmp_path):
    rows = [
        HEADER,
        ["1. Agua", "1.1 Acueducto", "M1", "Meta uno", "Ind", 4, 1, None],
        [None, None, "M2", "Meta dos", "Ind", 4, 1, None],
        [None, "1.2 Saneamiento", "M3", "Meta tres", "Ind", 4, 1, None],
        ["2. Vías", "2.1 Rurales", "M4", "Meta cuatro", "Ind", 4, 1, None],
        [None, None, "M5", "Meta cinco", "Ind", 4, 1, None],
    ]
    book(tmp_path, {"PI": rows}, merges={"PI": ["A2:A4"]})  # A5 is blank, not merged: fill-down
    result, metas, _, problems = read(tmp_path, mapeo())
    assert not problems.errors, messages(problems)
    assert [r.cells["codigo_padre"] for r in metas.rows] == ["1.1", "1.1", "1.2", "2.1", "2.1"]
    assert [n["codigo"] for n in result["estructura"]] == ["1", "2"]


def test_a_new_upper_level_forgets_the_lower_one(tmp_path):
    rows = [
        HEADER,
        ["1. Agua", "1.1 Acueducto", "M1", "Meta uno", "Ind", 4, 1, None],
        ["2. Vías", None, "M2", "Meta dos", "Ind", 4, 1, None],
    ]
    book(tmp_path, {"PI": rows})
    _, _, _, problems = read(tmp_path, mapeo())
    assert ("celda-vacia", BOOK, "PI", 3, "PROGRAMA") in located(problems.errors)


def test_quarterly_columns_give_cumulative_cortes(tmp_path):
    header = ["EJE", "PROGRAMA", "COD", "META", "INDICADOR", "CUATRIENIO", "P 2024",
              "T1 E", "T2 E", "T3 E", "T4 E", "TOTAL E"]
    rows = [
        header,
        ["1. A", "1.1 B", "M1", "Meta", "Ind", 4, 10, None, 2, 3, None, 5],   # per-quarter, adds up
        ["1. A", "1.1 B", "M2", "Meta", "Ind", 4, 4, 1, 1, 1, None, 1],       # the office averaged: 3 vs 1
        ["1. A", "1.1 B", "M3", "Meta", "Ind", 4, 4, None, None, None, None, None],  # nothing reported
    ]
    book(tmp_path, {"PI": rows})
    m = mapeo(vigencias={2024: {"programado": "P 2024", "ejecutado": "TOTAL E",
                                "trimestres": {"ejecutado": ["T1 E", "T2 E", "T3 E", "T4 E"]}}})
    _, _, cortes, problems = read(tmp_path, m)
    assert not problems.errors, messages(problems)
    assert list(cortes) == ["2024-T1", "2024-T2", "2024-T3"]  # no value at all in T4
    got = {c: {r.cells["codigo_meta"]: r.cells["ejecutado"] for r in t.rows} for c, t in cortes.items()}
    assert got["2024-T1"] == {"M2": pytest.approx(1 / 3)}
    assert got["2024-T2"] == {"M1": 2, "M2": pytest.approx(2 / 3)}
    assert got["2024-T3"] == {"M1": 5, "M2": 1}  # the yearly column for the latest corte
    assert cortes["2024-T2"].columns["ejecutado"] == "T1 E … T2 E"
    assert cortes["2024-T3"].columns["ejecutado"] == "TOTAL E"
    warned = messages(problems, "aviso")
    assert any("fila 3, columna TOTAL E" in w and "no es la suma de los trimestres (3)" in w for w in warned)
    assert ("ejecutado-no-coincide-con-trimestres", BOOK, "PI", 3, "TOTAL E") in located(problems.warnings)


def test_cumulative_quarters_and_corte_filter(tmp_path):
    header = ["EJE", "PROGRAMA", "COD", "META", "INDICADOR", "CUATRIENIO", "P 2024", "T1 E", "T2 E", "T3 E"]
    rows = [header, ["1. A", "1.1 B", "M1", "Meta", "Ind", 4, 10, 2, 5, 9]]
    book(tmp_path, {"PI": rows})
    m = mapeo(vigencias={2024: {"programado": "P 2024",
                                "trimestres": {"ejecutado": ["T1 E", "T2 E", "T3 E"], "acumulados": True}}},
              cortes=["2024-T1", "2024-T2", "2024-T4"])
    _, _, cortes, problems = read(tmp_path, m)
    assert {c: t.rows[0].cells["ejecutado"] for c, t in cortes.items()} == {"2024-T1": 2, "2024-T2": 5}
    assert located(problems.warnings) == [("corte-sin-datos", YML, None, None, "mapeo.cortes")]


def test_quarterly_programado_and_text_in_a_quarter(tmp_path):
    header = ["EJE", "PROGRAMA", "COD", "META", "INDICADOR", "CUATRIENIO", "T1 P", "T2 P", "T1 E", "T2 E"]
    rows = [header, ["1. A", "1.1 B", "M1", "Meta", "Ind", 4, 1, 2, "uno", 1]]
    book(tmp_path, {"PI": rows})
    m = mapeo(vigencias={2024: {"trimestres": {"programado": ["T1 P", "T2 P"], "ejecutado": ["T1 E", "T2 E"]}}})
    _, metas, cortes, problems = read(tmp_path, m)
    assert metas.rows[0].cells["programado_2024"] == 3
    assert metas.columns["programado_2024"] == "T1 P + T2 P"
    assert ("celda-no-numero", BOOK, "PI", 2, "T1 E") in located(problems.errors)
    assert cortes == {}


def test_several_sheets_with_their_own_columns(tmp_path):
    other = ["EJE", "PROGRAMA", "CÓDIGO", "META", "INDICADOR", "CUATRIENIO", "PROG 2024", "EJEC 2024"]
    book(tmp_path, {
        "Eje 1": rows_simple()[:3],
        "Eje 2": [["Secretaría de Obras"], other, ["2. Vías", "2.1 Rurales", "M3", "Meta tres", "Ind", 4, "doce", 1]],
    })
    m = mapeo(hojas=["Eje 1", {"nombre": "Eje 2", "columnas": {"codigo_meta": "CÓDIGO"}}])
    result, metas, cortes, problems = read(tmp_path, m)
    assert not problems.errors, messages(problems)
    assert [(r.sheet, r.number, r.cells["codigo_meta"]) for r in metas.rows] == [("Eje 1", 2, "M1"), ("Eje 1", 3, "M2"), ("Eje 2", 3, "M3")]
    assert [n["codigo"] for n in result["estructura"]] == ["1", "2"]
    # A problem on a row of the second sheet names that sheet.
    assert metas.where(metas.rows[2], "programado_2024") == {"sheet": "Eje 2", "row": 3, "column": "PROG 2024"}
    assert metas.where(metas.rows[2], "codigo_meta")["column"] == "CÓDIGO"
    assert metas.where(metas.rows[0], "codigo_meta") == {"sheet": "Eje 1", "row": 2, "column": "COD"}
    assert [r.sheet for r in cortes["2024-T4"].rows] == ["Eje 1", "Eje 1", "Eje 2"]


def test_first_visible_sheet_by_default_and_missing_sheet(tmp_path):
    book(tmp_path, {"Listas": [["x"]], "PI": rows_simple()}, hidden=("Listas",))
    _, metas, _, problems = read(tmp_path, mapeo())
    assert metas.sheet == "PI" and not problems.errors
    _, metas, _, problems = read(tmp_path, mapeo(hoja="Otra"))
    assert metas is None
    assert any('no tiene la hoja "Otra"' in e and '"Listas", "PI"' in e for e in messages(problems, "error"))
    assert located(problems.errors) == [("hoja-inexistente", BOOK, None, None, None)]


def test_totals_and_blank_rows_are_skipped_with_an_aviso(tmp_path):
    rows = rows_simple()[:3] + [[None] * 8, rows_simple()[3], [None, None, None, None, None, 12, 3, 2],
                                ["TOTAL PLAN", None, None, None, None, 12, 3, 2]]
    book(tmp_path, {"PI": rows})
    _, metas, _, problems = read(tmp_path, mapeo())
    assert not problems.errors, messages(problems)
    assert [r.number for r in metas.rows] == [2, 3, 5]
    assert located(problems.warnings) == [
        ("filas-vacias", BOOK, "PI", 4, None), ("fila-omitida", BOOK, "PI", 6, None), ("fila-omitida", BOOK, "PI", 7, None)]
    assert any("fila 6: fila sin código ni texto de meta (con datos en F, G, H)" in w for w in messages(problems, "aviso"))


def test_a_level_row_with_a_metas_figures_is_read_as_the_level_with_an_aviso(tmp_path):
    """A row that names its eje and programa but has no meta code nor text: only its
    figures in the meta's columns (not its names) make the aviso, which names them."""
    rows = rows_simple() + [["2. Vías", "2.1 Rurales", None, None, "Ind", 8, "1,5", None],
                            ["2. Vías", "2.2 Urbanas", None, None, "Ind", None, None, None]]
    book(tmp_path, {"PI": rows})
    _, metas, _, problems = read(tmp_path, mapeo())
    assert not problems.errors, messages(problems)
    assert [r.number for r in metas.rows] == [2, 3, 4]
    assert located(problems.warnings) == [("cifras-sin-meta", BOOK, "PI", 5, None)]
    assert "fila 5: fila sin código ni texto de meta, pero con cifras en CUATRIENIO, PROG 2024:" in messages(problems)[0]


def test_duplicate_headers_by_occurrence_or_letter(tmp_path):
    header = HEADER + ["L.B", "L.B"]
    rows = [header, ["1. A", "1.1 B", "M1", "Meta", "Ind", 4, 1, 1, "resultado", 3]]
    book(tmp_path, {"PI": rows})
    m = mapeo()
    m["columnas"].update({"linea_base": "L.B#2", "lb_resultado": "col:I", "nada": "col:Z"})
    _, _, _, problems = read(tmp_path, m)
    assert any("la columna Z está vacía en toda la hoja que pide mapeo.columnas.nada" in e for e in messages(problems, "error"))
    assert located(problems.errors) == [("columna-faltante", BOOK, "PI", 1, None)]
    del m["columnas"]["nada"]
    _, metas, _, problems = read(tmp_path, m)
    assert not problems.errors, messages(problems)
    assert metas.rows[0].cells["linea_base"] == 3
    assert metas.rows[0].cells["lb_resultado"] == "resultado"
    assert metas.columns["linea_base"] == "L.B [J]"
    assert ("columna-repetida", BOOK, "PI", 1, "L.B") in located(problems.warnings)
    # Without an index the first one is used, with an aviso that says how to pick another.
    m["columnas"]["linea_base"] = "L.B"
    _, metas, _, problems = read(tmp_path, m)
    assert metas.rows[0].cells["linea_base"] == "resultado"
    assert any('se usa la primera (I). Para otra escriba "L.B#2" o "col:J"' in w for w in messages(problems, "aviso"))


def test_word_mapping_and_programado_words(tmp_path):
    header = HEADER + ["TENDENCIA"]
    rows = [header, ["1. A", "1.1 B", "M1", "Meta", "Ind", 4, "NP", None, "i"],
            ["1. A", "1.1 B", "M2", "Meta", "Ind", 4, 2, 1, "Red."]]
    book(tmp_path, {"PI": rows})
    m = mapeo(valores={"tipo": {"I": "incremento", "RED": "reduccion"}, "programado": {"NP": 0}})
    m["columnas"]["tipo"] = "TENDENCIA"
    _, metas, _, problems = read(tmp_path, m)
    assert [r.cells["tipo"] for r in metas.rows] == ["incremento", "reduccion"]
    assert metas.rows[0].cells["programado_2024"] == 0


def test_flag_disagreements_are_avisos_and_the_value_wins(tmp_path):
    header = HEADER + ["ESTADO", "ESPERADO"]
    rows = [header,
            ["1. A", "1.1 B", "M1", "Meta", "Ind", 4, 1, 1, "NP", 1],
            ["1. A", "1.1 B", "M2", "Meta", "Ind", 4, 0, None, "P", 0],
            ["1. A", "1.1 B", "M3", "Meta", "Ind", 4, 2, None, "P", 3],
            ["1. A", "1.1 B", "M4", "Meta", "Ind", 4, 2, None, "quizás", 2]]
    book(tmp_path, {"PI": rows})
    m = mapeo()
    m["vigencias"][2024].update({"estado": "ESTADO", "verificar_programado": "ESPERADO"})
    _, metas, _, problems = read(tmp_path, m)
    assert located(problems.warnings) == [
        ("marca-contradice-programado", BOOK, "PI", 2, "ESTADO"), ("marca-contradice-programado", BOOK, "PI", 3, "ESTADO"),
        ("programado-no-coincide", BOOK, "PI", 4, "ESPERADO"), ("marca-desconocida", BOOK, "PI", 5, "ESTADO")]
    warned = messages(problems, "aviso")
    assert any('fila 2, columna ESTADO: "NP" la meta está marcada como no programada en 2024 pero lo programado es 1' in w for w in warned)
    assert any('fila 3, columna ESTADO: "P" la meta está marcada como programada en 2024 pero lo programado es 0' in w for w in warned)
    assert any('fila 4, columna ESPERADO: "3" no coincide con PROG 2024 (2)' in w for w in warned)
    assert any("fila 5, columna ESTADO" in w and "mapeo.valores.estado" in w for w in warned)
    assert not problems.errors
    assert metas.rows[0].cells["programado_2024"] == 1  # the value is kept as it is


def test_missing_mapped_column_lists_the_sheet_columns(tmp_path):
    book(tmp_path, {"PI": rows_simple()})
    m = mapeo()
    m["columnas"]["indicador"] = "INDICADORES"
    m["columnas"]["unidad"] = "UNIDAD"
    _, metas, _, problems = read(tmp_path, m)
    assert [p.codigo for p in problems.errors] == ["columna-faltante", "columna-faltante"]
    errors = messages(problems, "error")
    assert 'no se encontró la columna "INDICADORES" que pide mapeo.columnas.indicador' in errors[0]
    assert '¿Quiso decir "INDICADOR"?' in errors[0]
    assert 'A "EJE", B "PROGRAMA", C "COD", D "META", E "INDICADOR"' in errors[0]
    assert 'no se encontró la columna "UNIDAD"' in errors[1]
    assert metas is None


def test_weights_per_level_normalised_with_an_aviso(tmp_path):
    header = HEADER + ["PESO EJE"]
    rows = [header,
            ["1. Agua", "1.1 B", "M1", "Meta", "Ind", 4, 1, None, 0.6],
            ["2. Vías", "2.1 C", "M2", "Meta", "Ind", 4, 1, None, 0.3]]
    book(tmp_path, {"PI": rows})
    m = mapeo()
    m["niveles"][0]["peso"] = "PESO EJE"
    result, _, _, problems = read(tmp_path, m)
    assert [n["peso"] for n in result["estructura"]] == [pytest.approx(2 / 3), pytest.approx(1 / 3)]
    assert any("suman 0,9, no 1" in w for w in messages(problems, "aviso"))
    assert located(problems.warnings) == [("pesos-normalizados", BOOK, "PI", 2, "PESO EJE")]
    rows[1][-1], rows[2][-1] = 3, 1  # relative weights: kept, no aviso
    book(tmp_path, {"PI": rows})
    result, _, _, problems = read(tmp_path, m)
    assert [n["peso"] for n in result["estructura"]] == [3, 1] and not problems.warnings


def test_generated_codes_and_code_collisions(tmp_path):
    rows = [HEADER,
            ["Agua", "Acueducto", "M1", "Meta", "Ind", 4, 1, None],
            ["Agua", "Saneamiento", "M2", "Meta", "Ind", 4, 1, None],
            ["Vías", "Rurales", "M3", "Meta", "Ind", 4, 1, None]]
    book(tmp_path, {"PI": rows})
    m = mapeo(niveles=[{"nombre": "EJE", "codigo": "generado"}, {"nombre": "PROGRAMA"}])
    result, metas, _, problems = read(tmp_path, m)
    assert not problems.errors
    assert [r.cells["codigo_padre"] for r in metas.rows] == ["1.1", "1.2", "2.1"]
    # Two levels numbered alike collide unless a formato tells them apart.
    rows = [HEADER, ["1. Agua", "1. Acueducto", "M1", "Meta", "Ind", 4, 1, None]]
    book(tmp_path, {"PI": rows})
    _, _, _, problems = read(tmp_path, mapeo())
    assert located(problems.errors) == [("codigo-repetido", BOOK, "PI", 2, "PROGRAMA")]
    m = mapeo()
    m["niveles"][0]["formato"] = "E{codigo}"
    m["niveles"][1]["formato"] = "{padre}.{codigo}"
    result, metas, _, problems = read(tmp_path, m)
    assert not problems.errors
    assert metas.rows[0].cells["codigo_padre"] == "E1.1"


def test_custom_pattern_keeps_the_name_group(tmp_path):
    rows = [HEADER, ["Eje 3: Salud", "Programa 3.2 - Vacunación", "M1", "Meta", "Ind", 4, 1, None]]
    book(tmp_path, {"PI": rows})
    m = mapeo(niveles=[
        {"nombre": "EJE", "codigo": "desde_nombre", "patron": r"Eje (?P<codigo>\d+): (?P<nombre>.*)"},
        {"nombre": "PROGRAMA", "codigo": "desde_nombre", "patron": r"Programa ([\d.]+)"},
    ])
    result, _, _, problems = read(tmp_path, m)
    assert not problems.errors, messages(problems)
    eje = result["estructura"][0]
    assert (eje["codigo"], eje["nombre"]) == ("3", "Salud")
    assert (eje["hijos"][0]["codigo"], eje["hijos"][0]["nombre"]) == ("3.2", "Programa 3.2 - Vacunación")
    rows = [HEADER, ["Salud", "Programa 3.2", "M1", "Meta", "Ind", 4, 1, None]]
    book(tmp_path, {"PI": rows})
    _, _, _, problems = read(tmp_path, m)
    assert ("codigo-no-reconocido", BOOK, "PI", 2, "EJE") in located(problems.errors)


def test_non_numeric_optional_number_keeps_the_text(tmp_path):
    rows = [HEADER + ["LB"], ["1. A", "1.1 B", "M1", "Meta", "Ind", 4, 1, None, "SD"],
            ["1. A", "1.1 B", "M2", "Meta", "Ind", 4, 1, None, "12,5 %"]]
    book(tmp_path, {"PI": rows})
    m = mapeo()
    m["columnas"]["linea_base"] = {"columna": "LB", "si_no_es_numero": "aviso"}
    _, metas, _, problems = read(tmp_path, m)
    assert metas.rows[0].cells["linea_base"] is None and metas.rows[0].cells["linea_base_texto"] == "SD"
    assert metas.rows[1].cells["linea_base"] == "12,5 %"  # a number: stays raw for validation
    assert located(problems.warnings) == [("celda-no-numero", BOOK, "PI", 2, "LB")]


def test_cada_vigencia_template_and_year_weights(tmp_path):
    header = ["EJE", "PROGRAMA", "COD", "META", "INDICADOR", "CUATRIENIO", "Prog 2024", "Prog 2025", "Ejec 2024"]
    book(tmp_path, {"PI": [header, ["1. A", "1.1 B", "M1", "Meta", "Ind", 4, 1, 2, 1]]})
    m = mapeo(cada_vigencia={"programado": "Prog {año}"}, vigencias={2024: {"ejecutado": "Ejec 2024", "peso": 40}, 2025: {"peso": 60}})
    p = {"nombre": "Plan", "niveles": ["eje", "programa"], "mapeo": m}  # no periodo: from the mapping
    result, metas, cortes, problems = read_mapped(tmp_path, p, "data/x")
    assert not problems.errors, messages(problems)
    assert result["periodo"] == [2024, 2025]
    assert result["vigencias"] == {2024: 40, 2025: 60}
    assert metas.rows[0].cells["programado_2025"] == 2
    assert list(cortes) == ["2024-T4"]


def test_bad_mapping_keys_are_located_in_plan_yml(tmp_path):
    book(tmp_path, {"PI": rows_simple()})
    m = mapeo(archivo="otro.xlsx", hojaz="PI")
    del m["columnas"]["meta"]
    _, metas, _, problems = read(tmp_path, m)
    assert located(problems.errors) == [("clave-desconocida", YML, None, None, "mapeo.hojaz"),
                                        ("clave-faltante", YML, None, None, "mapeo.columnas.meta")]
    m = mapeo(archivo="otro.xlsx")
    _, metas, _, problems = read(tmp_path, m)
    assert any('no existe el libro "otro.xlsx"' in e and "libro.xlsx" in e for e in messages(problems, "error"))
    assert located(problems.errors) == [("archivo-faltante", YML, None, None, "mapeo.archivo")]
    m = mapeo()
    del m["vigencias"]
    _, _, _, problems = read(tmp_path, m, periodo=[2024, 2025])
    assert ("clave-faltante", YML, None, None, "mapeo.vigencias") in located(problems.errors)


def test_a_file_that_is_not_a_workbook(tmp_path):
    (tmp_path / "libro.xlsx").write_bytes(b"%PDF-1.4 not a workbook")
    _, metas, cortes, problems = read(tmp_path, mapeo())
    assert metas is None and cortes == {}
    assert located(problems.errors) == [("tipo-de-archivo-equivocado", BOOK, None, None, None)]


def test_parent_column_with_a_hand_written_structure(tmp_path):
    rows = [["PADRE", "COD", "META", "INDICADOR", "CUATRIENIO", "PROG 2024"], ["1.1", "M1", "Meta", "Ind", 4, 1]]
    book(tmp_path, {"PI": rows})
    m = mapeo(columnas={"codigo_padre": "PADRE", "codigo_meta": "COD", "meta": "META", "indicador": "INDICADOR",
                        "meta_cuatrienio": "CUATRIENIO"}, vigencias={2024: {"programado": "PROG 2024"}})
    del m["niveles"]
    estructura = [{"codigo": "1", "nombre": "Agua", "hijos": [{"codigo": "1.1", "nombre": "Acueducto"}]}]
    result, metas, cortes, problems = read(tmp_path, m, estructura=estructura)
    assert not problems.errors, messages(problems)
    assert result["estructura"] == estructura
    assert metas.rows[0].cells["codigo_padre"] == "1.1" and metas.columns["codigo_padre"] == "PADRE"
    assert cortes == {}
    _, _, _, problems = read(tmp_path, mapeo(), estructura=estructura)  # niveles and estructura at once
    assert located(problems.errors) == [("claves-incompatibles", YML, None, None, "estructura")]


def test_group_rows_that_only_name_a_level_feed_the_rows_below(tmp_path):
    rows = [HEADER,
            ["1. Agua", None, None, None, None, None, None, None],
            [None, "1.1 Acueducto", None, None, None, None, None, None],
            [None, None, "M1", "Meta uno", "Ind", 4, 1, None],
            ["2. Vías", None, None, None, None, None, None, None],
            [None, "2.1 Rurales", "M2", "Meta dos", "Ind", 4, 1, None]]
    book(tmp_path, {"PI": rows})
    result, metas, _, problems = read(tmp_path, mapeo())
    assert not problems.errors and not problems.warnings, messages(problems)
    assert [(r.number, r.cells["codigo_padre"]) for r in metas.rows] == [(4, "1.1"), (6, "2.1")]
