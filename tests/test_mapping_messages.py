"""Messages of a mapped book as a planning office reads them: the level's own name,
numbers with a decimal comma, one message per problem with its sheet, a suggestion
for a near miss, and avisos for cortes the book cannot hold yet."""

from __future__ import annotations

from pathlib import Path

from generator.load import load_data
from generator.read.mapping.reader import read_mapped
from tests.test_mapping import HEADER, mapeo
from tests.workbooks import set_saved, write_workbook

BOOK, YML = "data/x/libro.xlsx", "data/x/plan.yml"
PLAN_YML = """nombre: Plan
periodo: [2024, 2024]
niveles: [línea, programa]
mapeo:
  archivo: libro.xlsx
  niveles:
    - {nombre: EJE, codigo: desde_nombre}
    - {nombre: PROGRAMA, codigo: desde_nombre}
  columnas: {codigo_meta: COD, meta: META, indicador: INDICADOR, meta_cuatrienio: CUATRIENIO}
  vigencias: {2024: {programado: PROG 2024, ejecutado: EJEC 2024}}
"""


def read(folder: Path, m: dict, periodo=(2024, 2024)):
    plan = {"nombre": "Plan", "periodo": list(periodo), "niveles": ["línea", "programa"], "mapeo": m}
    return read_mapped(folder, plan, "data/x")


def texts(problems) -> list[str]:
    return [str(p) for p in problems]


def folder_with(tmp_path: Path, rows: list[list]) -> Path:
    folder = tmp_path / "x"
    folder.mkdir()
    write_workbook(folder / "libro.xlsx", {"PI": rows})
    (folder / "plan.yml").write_text(PLAN_YML, encoding="utf-8")
    return folder


def test_a_level_warning_names_the_level_not_column_a(tmp_path):
    write_workbook(tmp_path / "libro.xlsx", {"PI": [
        HEADER,
        ["1. Agua", "1.1 Acueducto", "M1", "Meta", "Ind", 4, 1, 1],
        ["1. Agua potable", "1.2 Saneamiento", "M2", "Meta", "Ind", 4, 1, 1],
    ]})
    _, _, _, problems = read(tmp_path, mapeo())
    assert texts(problems) == [
        'aviso: data/x/libro.xlsx, hoja "PI", fila 3, columna EJE: "Agua potable" línea 1 se llama distinto en la fila 2 ("Agua"); '
        "se usa ese nombre. Si ninguno de los dos es el correcto, escríbalo en mapeo.nombres [nombre-escrito-distinto]"]


def test_numbers_in_messages_have_a_decimal_comma_and_a_repeated_meta_is_one_error(tmp_path):
    folder = folder_with(tmp_path, [
        HEADER,
        ["1. Agua", "1.1 Acueducto", "M1", "Meta", "Ind", 4, 1, 1.5],
        ["1. Agua", "1.1 Acueducto", "M2", "Meta", "Ind", 4, 1, 1],
        ["1. Agua", "1.1 Acueducto", "M2", "Otra", "Ind", 4, 1, 1],
    ])
    _, problems = load_data(folder)
    over = [str(p) for p in problems if p.codigo == "sobreejecucion"]
    assert len(over) == 1 and ': "1,5" supera lo programado' in over[0], texts(problems)
    assert "1.5" not in over[0]
    # M2 twice: one error, in the metas, not one more in the corte.
    assert [(p.codigo, p.sheet, p.row) for p in problems.errors] == [("codigo-repetido", "PI", 4)], texts(problems)


def test_a_missing_vigencia_is_one_error_naming_the_sheets_that_lack_it(tmp_path):
    write_workbook(tmp_path / "libro.xlsx", {"A": [HEADER], "B": [HEADER], "C": [HEADER]})
    m = mapeo(hojas=["A", {"nombre": "B", "vigencias": {2025: {"programado": "PROG 2024"}}}, "C"])
    _, _, _, problems = read(tmp_path, m, periodo=(2024, 2025))
    assert texts(problems) == [
        'data/x/plan.yml, clave mapeo.vigencias: falta la vigencia 2025 del periodo para la hoja "A", la hoja "C": dónde está lo '
        "programado ese año (mapeo.vigencias.2025.programado o mapeo.cada_vigencia) [clave-faltante]"]
    m = mapeo(hojas=["A", "C"])
    _, _, _, problems = read(tmp_path, m, periodo=(2024, 2025))
    assert [p.message.split(":")[0] for p in problems] == ["falta la vigencia 2025 del periodo"]


def test_near_misses_are_suggested_for_sheets_and_columns(tmp_path):
    header = [*HEADER, "AVANCE META 2026 (diligenciar)", "AVANCE META 2025"]
    write_workbook(tmp_path / "libro.xlsx", {"Plan Indicativo": [header], "Listas": [["x"]]})
    m = mapeo(hoja="Plan indicativo ")
    _, _, _, problems = read(tmp_path, m)
    assert texts(problems) == ['data/x/libro.xlsx: no tiene la hoja "Plan indicativo " que pide mapeo.hoja; las hojas del libro son: '
                               '"Plan Indicativo", "Listas". ¿Quiso decir "Plan Indicativo"? [hoja-inexistente]']
    m = mapeo(hoja="Plan Indicativo")
    m["vigencias"][2024]["ejecutado"] = "AVANCE META 2026"
    _, _, _, problems = read(tmp_path, m)
    assert len(problems) == 1
    assert 'no se encontró la columna "AVANCE META 2026" que pide mapeo.vigencias.2024.ejecutado en plan.yml. ' \
           '¿Quiso decir "AVANCE META 2026 (diligenciar)"?' in texts(problems)[0]
    # Two headers contain the text: no guess.
    m["vigencias"][2024]["ejecutado"] = "AVANCE META"
    _, _, _, problems = read(tmp_path, m)
    assert "¿Quiso decir" not in texts(problems)[0]


def test_cortes_after_the_book_was_saved_or_all_at_zero_earn_an_aviso(tmp_path):
    header = HEADER[:6] + ["PROG 2025", "EJEC 2025", "PROG 2026", "EJEC 2026"]
    path = write_workbook(tmp_path / "libro.xlsx", {"PI": [
        header,
        ["1. Agua", "1.1 Acueducto", "M1", "Meta", "Ind", 4, 1, 1, 1, 0],
        ["1. Agua", "1.1 Acueducto", "M2", "Meta", "Ind", 4, 1, 0, 1, 0],
    ]})
    set_saved(path, "2026-03-14T10:00:00Z")
    m = mapeo(cada_vigencia={"programado": "PROG {año}", "ejecutado": "EJEC {año}"}, vigencias=None)
    _, _, cortes, problems = read(tmp_path, m, periodo=(2025, 2026))
    assert sorted(cortes) == ["2025-T4", "2026-T4"]
    assert texts(problems) == [
        'aviso: data/x/libro.xlsx, hoja "PI", columna EJEC 2026: el corte 2026-T4 termina el 31 de diciembre de 2026, después de la '
        "última vez que se guardó el libro (14 de marzo de 2026): sus cifras no pueden estar completas; si no debe publicarse, "
        "limítelo con mapeo.cortes [corte-posterior-al-libro]",
        'aviso: data/x/libro.xlsx, hoja "PI", columna EJEC 2026: las 2 metas del corte 2026-T4 tienen ejecutado 0: ¿columnas '
        "llenadas con 0 antes de tener datos? Deje vacías las celdas sin dato o limite los cortes con mapeo.cortes [corte-en-cero]",
    ]
    # Saved after the corte ends and with one value above 0: nothing to say.
    set_saved(path, "2027-01-20T10:00:00Z")
    _, _, _, problems = read(tmp_path, m, periodo=(2025, 2025))
    assert not len(problems)
