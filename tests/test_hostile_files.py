"""Hostile files, names and patterns (issue 15): the data folder is a boundary, no file,
plan, page or figure is dropped in silence, look-alike codes are refused, slugs are
bounded and mapping patterns run in bounded time. Every input is made here."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import load_data
from tests.corpus.plans import AVANCES_CSV, METAS_CSV, PLAN_YML, messages, write_plan

SECRET = "root:x:0:0:SECRETO-DE-AFUERA:/root:/bin/bash\n"


def load_messages(root: Path) -> tuple[list, list[str]]:
    with contextlib.chdir(root):
        plans, problems = load_data(Path("data"))
    return plans, [str(p) for p in problems]


def outside(root: Path, name: str, text: str) -> Path:
    """A file next to the data folder, not inside it."""
    path = root / "afuera" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- 1. the data folder is a boundary


def test_a_link_leaving_the_data_folder_is_named_never_followed_never_printed(tmp_path):
    write_plan(tmp_path, metas=None)
    os.symlink(outside(tmp_path, "passwd", SECRET), tmp_path / "data/prueba/metas.csv")
    _, found = load_messages(tmp_path)
    assert "data/prueba/metas.csv: es un enlace simbólico que apunta fuera de la carpeta de datos" in "\n".join(found)
    assert not any("SECRETO" in m or "root:x" in m or "afuera" in m for m in found)


def test_a_valid_file_outside_is_not_published_through_a_link(tmp_path):
    write_plan(tmp_path, avances={})
    os.symlink(outside(tmp_path, "2021-T4.csv", AVANCES_CSV), tmp_path / "data/prueba/avances/2021-T4.csv")
    plans, found = load_messages(tmp_path)
    assert plans[0].cortes == []
    assert any(m.startswith("data/prueba/avances/2021-T4.csv: es un enlace simbólico que apunta fuera") for m in found)


def test_links_to_plan_folders_plan_yml_and_corte_folders_outside_are_refused(tmp_path):
    data = write_plan(tmp_path)
    elsewhere = write_plan(tmp_path / "otro")
    os.symlink(elsewhere / "prueba", data / "ajeno")
    os.symlink(elsewhere / "prueba" / "avances", data / "prueba" / "avances" / "2022-T1")
    _, found = load_messages(tmp_path)
    assert sum("apunta fuera de la carpeta de datos" in m for m in found) == 2
    assert any(m.startswith("data/ajeno: es un enlace simbólico") for m in found)
    assert any(m.startswith("data/prueba/avances/2022-T1: es un enlace simbólico") for m in found)


def test_dangling_and_looping_links_are_errors(tmp_path):
    write_plan(tmp_path)
    avances = tmp_path / "data/prueba/avances"
    os.symlink(avances / "no-existe.csv", avances / "2022-T1.csv")
    os.symlink(avances / "2022-T3.csv", avances / "2022-T2.csv")
    os.symlink(avances / "2022-T2.csv", avances / "2022-T3.csv")
    _, found = load_messages(tmp_path)
    assert any(m.startswith("data/prueba/avances/2022-T1.csv: es un enlace simbólico roto") for m in found)
    assert any(m.startswith("data/prueba/avances/2022-T2.csv: es un enlace simbólico que no se puede seguir") for m in found)
    assert any(m.startswith("data/prueba/avances/2022-T3.csv: es un enlace simbólico que no se puede seguir") for m in found)


def test_a_link_that_stays_inside_the_data_folder_is_read(tmp_path):
    data = write_plan(tmp_path, metas=None)
    (data / "comunes").mkdir()
    (data / "comunes" / "metas.csv").write_text(METAS_CSV, encoding="utf-8")
    os.symlink(data / "comunes" / "metas.csv", data / "prueba" / "metas.csv")
    (plan,), found = load_messages(tmp_path)
    assert found == []
    assert sorted(plan.metas) == ["M1", "M2"]


# ---------------------------------------------------------------- 2. no file dropped in silence


def test_a_file_of_another_format_in_a_corte_folder_is_an_error(tmp_path):
    avances = {
        "2021-T4/educacion.csv": "codigo_meta,vigencia,ejecutado\nM1,2021,5\n",
        "2021-T4/ambiente.ods": "not read",
        "2021-T4/salud.xls": "not read",
        "2021-T4/gobierno.pdf": "not read",
        "2021-T4/.DS_Store": "finder",
        "2021-T4/Thumbs.db": "windows",
        "2021-T4/LEEME.txt": "notas",
        "informe.docx": "not read",
    }
    found = messages(tmp_path, avances=avances)
    folder = "data/prueba/avances/2021-T4"
    assert f"{folder}/ambiente.ods: formato no admitido; se esperaba un archivo .xlsx o .csv (CSV UTF-8) [formato-no-admitido]" in found
    assert f"{folder}/salud.xls: formato no admitido; se esperaba un archivo .xlsx o .csv (CSV UTF-8) [formato-no-admitido]" in found
    assert any(m.startswith(f"{folder}/gobierno.pdf: no es un archivo .xlsx ni .csv y no se lee") for m in found)
    assert any(m.startswith("data/prueba/avances/informe.docx: no es un archivo .xlsx ni .csv") for m in found)
    for name in (".DS_Store", "Thumbs.db", "LEEME.txt"):
        assert any(m.startswith(f"aviso: {folder}/{name}: no se lee") for m in found), name


def test_an_xlsm_workbook_is_read_like_an_xlsx(tmp_path):
    book = openpyxl.Workbook()
    for line in AVANCES_CSV.splitlines():
        book.active.append([int(c) if c.isdigit() else c for c in line.split(",")])
    path = tmp_path / "2021-T4.xlsm"
    book.save(path)
    write_plan(tmp_path, avances={}, extra={"avances/2021-T4/educacion.xlsm": path.read_bytes()})
    (plan,), found = load_messages(tmp_path)
    assert [p for p in found if not p.startswith("aviso")] == []
    assert sorted(plan.cortes[0].reportes) == ["M1", "M2"]


# ---------------------------------------------------------------- 3. no plan, page or figure vanishes


def test_a_blank_plan_name_is_an_error_at_its_line(tmp_path):
    found = messages(tmp_path, plan_yml=PLAN_YML.replace("nombre: Plan de prueba 2021-2022", 'nombre: "   "'))
    assert 'data/prueba/plan.yml, línea 1, clave nombre: "   " está en blanco; se esperaba un texto [texto-en-blanco]' in found


def test_a_blank_level_name_is_an_error_at_its_line(tmp_path):
    found = messages(tmp_path, plan_yml=PLAN_YML.replace("niveles: [línea, programa]", 'niveles: [línea, " "]'))
    assert 'data/prueba/plan.yml, línea 4, clave niveles[1]: " " está en blanco; se esperaba un texto [texto-en-blanco]' in found


def test_blank_node_and_rango_names_are_errors(tmp_path):
    plan_yml = PLAN_YML.replace("nombre: Educación}", 'nombre: "  "}') + (
        "rangos:\n"
        '  - {nombre: "  ", desde: 0, color: "#b3261e"}\n'
        '  - {nombre: Alto, desde: 80, color: "#1b7f3b"}\n'
    )
    found = messages(tmp_path, plan_yml=plan_yml)
    assert any(m.startswith("data/prueba/plan.yml, línea 10, clave estructura[0].hijos[0].nombre") and "en blanco" in m
               for m in found)
    assert any(m.startswith("data/prueba/plan.yml, línea 13, clave rangos[0].nombre") and "en blanco" in m for m in found)


def test_a_data_folder_whose_plans_vanish_is_never_todo_en_orden(tmp_path):
    from generator.cli import main

    write_plan(tmp_path, plan_yml=PLAN_YML.replace("nombre: Plan de prueba 2021-2022", 'nombre: "\\t"'))
    with contextlib.chdir(tmp_path):
        assert main(["check", "--data", "data"]) != 0


# ---------------------------------------------------------------- 4. look-alike codes, invisible characters


def test_a_code_with_a_zero_width_character_is_refused_where_it_is(tmp_path):
    plan_yml = PLAN_YML.replace('{codigo: "1.2", nombre: Ambiente}', '{codigo: "1.1\\u200b", nombre: Ambiente}')
    found = messages(tmp_path, plan_yml=plan_yml, metas=METAS_CSV.replace("M2,1.2", "M2,1.1"))
    assert any(m.startswith('data/prueba/plan.yml, línea 11, clave estructura[0].hijos[1].codigo: "1.1<U+200B>" el código '
                            "tiene un carácter invisible o de control (U+200B)") for m in found), found


def test_codes_in_tables_refuse_bidi_and_control_characters(tmp_path):
    metas = METAS_CSV.replace("M1,1.1", "M1\u202e,1.1").replace("M2,1.2", "M2\x1b,1.2")
    found = messages(tmp_path, metas=metas)
    assert any("data/prueba/metas.csv, fila 2, columna codigo_meta" in m and "U+202E" in m for m in found), found
    assert any("data/prueba/metas.csv, fila 3, columna codigo_meta" in m and "U+001B" in m for m in found), found


def test_nul_and_esc_in_names_are_dropped_with_an_aviso(tmp_path):
    from tests.corpus.plans import load

    plan_yml = PLAN_YML.replace("nombre: Plan de prueba 2021-2022", 'nombre: "Plan\\0 de prueba\\e"')
    metas = METAS_CSV.replace("Dotar aulas", "Dotar\u200b aulas\x1b")
    plan, found = load(tmp_path, plan_yml=plan_yml, metas=metas)
    assert plan.nombre == "Plan de prueba"
    assert plan.metas["M1"].nombre == "Dotar aulas"
    assert 'aviso: data/prueba/plan.yml, línea 1, clave nombre: "Plan<U+0000> de prueba<U+001B>" tenía caracteres invisibles' \
        in "\n".join(found)
    assert any(m.startswith("aviso: data/prueba/metas.csv, fila 2, columna meta") for m in found)
    assert not any("\x00" in m or "\x1b" in m for m in found)


# ---------------------------------------------------------------- 5. bounded slugs


def test_long_node_codes_get_short_distinct_slugs():
    from generator.render.layout import PlanLayout
    from tests.plan_factory import make_plan, meta

    long_a, long_b = "1." + "A" * 300, "1." + "A" * 299 + "B"
    plan = make_plan(tree={long_a: 1, long_b: 1}, metas=[meta("M1", long_a, {2021: 1}), meta("M2", long_b, {2021: 1})])
    slugs = PlanLayout.of(plan).slugs
    assert slugs[long_a] != slugs[long_b]
    assert all(len(s) <= 60 for s in slugs.values())
    assert PlanLayout.of(plan).slugs == slugs  # stable


# ---------------------------------------------------------------- 6. bounded work for mapping patterns

MAPPED_YML = """\
nombre: Plan mapeado
periodo: [2024, 2024]
niveles: [eje, programa]
mapeo:
  archivo: libro.xlsx
  niveles:
    - {nombre: EJE, codigo: desde_nombre, patron: '^(a+)+$'}
    - {nombre: PROGRAMA, codigo: desde_nombre}
  columnas: {codigo_meta: COD, meta: META, indicador: INDICADOR, meta_cuatrienio: CUATRIENIO}
  vigencias:
    2024: {programado: PROG 2024}
"""


def test_a_pattern_with_nested_quantifiers_finishes_quickly(tmp_path):
    import time

    from tests.workbooks import write_workbook

    folder = tmp_path / "data" / "prueba"
    folder.mkdir(parents=True)
    (folder / "plan.yml").write_text(MAPPED_YML, encoding="utf-8")
    rows = [["EJE", "PROGRAMA", "COD", "META", "INDICADOR", "CUATRIENIO", "PROG 2024"]]
    rows += [["a" * 25 + "!", "1.1 Agua", f"M{i}", "Meta", "Ind", 4, 1] for i in range(3)]  # ~3 s each with re
    write_workbook(folder / "libro.xlsx", {"PI": rows})
    start = time.monotonic()
    _, found = load_messages(tmp_path)
    assert time.monotonic() - start < 2
    assert any("no empieza por un código que el patrón de mapeo.niveles[0].patron reconozca" in m for m in found)


def test_a_pattern_re2_cannot_run_is_an_error_at_its_line(tmp_path):
    write_plan(tmp_path, plan_yml=MAPPED_YML.replace("'^(a+)+$'", r"'(\d)\.\1'"), metas=None, avances={})
    _, found = load_messages(tmp_path)
    assert any(m.startswith("data/prueba/plan.yml, línea 7, clave mapeo.niveles[0].patron") and
               "referencias a un grupo" in m for m in found), found


# ---------------------------------------------------------------- 7. mapping messages


def test_mapping_keys_of_the_wrong_type_are_located_and_estructura_is_not_asked_for(tmp_path):
    plan_yml = MAPPED_YML.replace("  archivo: libro.xlsx\n", "  archivo: libro.xlsx\n  hojas: 3\n")
    plan_yml = plan_yml[: plan_yml.index("  niveles:\n    -")] + "  niveles: 5\n" + plan_yml[plan_yml.index("  columnas:"):]
    write_plan(tmp_path, plan_yml=plan_yml, metas=None, avances={})
    _, found = load_messages(tmp_path)
    assert any(m.startswith("data/prueba/plan.yml, línea 6, clave mapeo.hojas: se esperaba una lista") for m in found), found
    assert any(m.startswith("data/prueba/plan.yml, línea 7, clave mapeo.niveles: se esperaba una lista") for m in found), found
    assert not any("estructura" in m for m in found), found


def test_control_characters_in_file_names_are_shown_not_printed(tmp_path):
    found = messages(tmp_path, avances={"2021-T4.csv": AVANCES_CSV, "2021-T3\x1b[2J.csv": AVANCES_CSV})
    assert any(m.startswith("data/prueba/avances/2021-T3<U+001B>[2J.csv: el nombre no es un corte") for m in found), found
    assert not any("\x1b" in m for m in found)


PATTERN_PIECES = ["a", "(", ")", "+", "*", "?", "|", "^", "$", "\\d", "\\1", "(?=", "(?P<codigo>", "{2,}", ".", "[", "]"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.sampled_from(PATTERN_PIECES), min_size=1, max_size=12))
def test_any_pattern_is_read_quickly_or_refused_at_its_line(tmp_path_factory, pieces):
    """Fuzzed `patron:` values, run on cells made to make a backtracking engine crawl:
    each ends within the bound, either as a pattern that reads or as a located problem."""
    import time

    from tests.workbooks import write_workbook

    root = tmp_path_factory.mktemp("patron")
    folder = root / "data" / "prueba"
    folder.mkdir(parents=True)
    pattern = "".join(pieces).replace("'", "")
    (folder / "plan.yml").write_text(MAPPED_YML.replace("'^(a+)+$'", f"'{pattern}'"), encoding="utf-8")
    rows = [["EJE", "PROGRAMA", "COD", "META", "INDICADOR", "CUATRIENIO", "PROG 2024"]]
    rows += [["a" * 30 + "!", "1.1 Agua", f"M{i}", "Meta", "Ind", 4, 1] for i in range(2)]
    write_workbook(folder / "libro.xlsx", {"PI": rows})
    start = time.monotonic()
    _, found = load_messages(root)
    assert time.monotonic() - start < 2
    assert all("Traceback" not in m for m in found)
    refused = [m for m in found if "mapeo.niveles[0].patron" in m and "línea 7" in m]
    assert refused or not any(m.endswith(("[patron-no-admitido]", "[valor-no-valido]")) for m in found)
