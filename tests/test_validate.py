"""One test per validation rule: each problem names the file, the row (or YAML line) and
the column (or key path), the value found and what was expected."""

from __future__ import annotations

from tests.corpus.plans import AVANCES_CSV, METAS_CSV, PLAN_YML, load, located, messages, only

METAS = "data/prueba/metas.csv"
AVANCES = "data/prueba/avances/2021-T4.csv"
YML = "data/prueba/plan.yml"



def with_meta_row(row: str, header: str | None = None) -> str:
    lines = METAS_CSV.splitlines()
    return "\n".join([header or lines[0], *lines[1:], row]) + "\n"


def with_avances_row(row: str) -> dict[str, str]:
    return {"2021-T4.csv": AVANCES_CSV + row + "\n"}


def test_the_sample_plan_is_valid(tmp_path):
    assert messages(tmp_path) == []


# ---------------------------------------------------------------- columns and cells


def test_missing_required_columns_lists_the_columns_the_file_has(tmp_path):
    metas = METAS_CSV.replace("indicador,", "indicadores,").replace("programado_2022", "programado_2023")
    assert ("columna-faltante", METAS, None, 1, None) in located(tmp_path, metas=metas)
    message = only(messages(tmp_path, metas=metas), "faltan columnas")
    assert f"{METAS}, fila 1: faltan columnas obligatorias: indicador, programado_2022." in message
    assert "Las columnas del archivo son: codigo_meta, codigo_padre, meta, indicadores" in message


def test_a_number_column_with_text(tmp_path):
    message = only(messages(tmp_path, avances=with_avances_row("M1,2021,doce,")), "doce")
    assert message == (f'{AVANCES}, fila 4, columna ejecutado: "doce" no es un número; se esperaba un número, '
                       'con coma decimal, p. ej. 12,5 [celda-no-numero]')


def test_negative_values(tmp_path):
    found = located(tmp_path, metas=with_meta_row("M3,1.1,Otra,Ind,incremento,0,-4,1,1,Educación"))
    assert ("numero-negativo", METAS, None, 4, "meta_cuatrienio") in found


def test_colombian_numbers_are_accepted_in_text_cells(tmp_path):
    row = 'M3,1.1,Otra,Ind,incremento,"1.234,5","2.000",1.000,"1.000,5",Educación'
    assert [m for m in messages(tmp_path, metas=with_meta_row(row)) if "no tiene reporte" not in m] == []


def test_a_code_excel_turned_into_a_fraction(tmp_path):
    import openpyxl

    metas = tmp_path / "metas.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Metas"
    for line in METAS_CSV.splitlines():
        book.active.append(line.split(","))
    book.active["B3"] = 1.2  # "1.20" typed in a numeric cell
    book.save(metas)
    found = located(tmp_path, metas=None, extra={"metas.xlsx": metas.read_bytes()})
    assert ("codigo-convertido-en-numero", "data/prueba/metas.xlsx", "Metas", 3, "codigo_padre") in found


def test_unknown_tipo(tmp_path):
    found = located(tmp_path, metas=with_meta_row("M3,1.1,Otra,Ind,aumento,0,4,1,1,Educación"))
    assert ("valor-no-admitido", METAS, None, 4, "tipo") in found


def test_tipo_words_match_ignoring_case_and_accents(tmp_path):
    assert messages(tmp_path, metas=METAS_CSV.replace("reduccion", "REDUCCIÓN").replace(",incremento,", ",Incremento,")) == []


def test_required_cell_left_empty(tmp_path):
    message = only(messages(tmp_path, metas=with_meta_row("M3,1.1,,Ind,incremento,0,4,1,1,Educación")), "vacía")
    assert message == f"{METAS}, fila 4, columna meta: la celda está vacía; se esperaba el texto de la meta [celda-vacia]"


# ---------------------------------------------------------------- codes


def test_duplicate_meta_code(tmp_path):
    found = located(tmp_path, metas=with_meta_row("M1,1.1,Otra,Ind,incremento,0,4,1,1,Educación"))
    assert ("codigo-repetido", METAS, None, 4, "codigo_meta") in found


def test_codigo_padre_that_does_not_exist(tmp_path):
    found = located(tmp_path, metas=with_meta_row("M3,9.9,Otra,Ind,incremento,0,4,1,1,Educación"))
    assert ("nodo-inexistente", METAS, None, 4, "codigo_padre") in found


def test_meta_attached_to_a_node_with_children(tmp_path):
    found = located(tmp_path, metas=with_meta_row("M3,1,Otra,Ind,incremento,0,4,1,1,Educación"))
    assert ("nodo-con-hijos", METAS, None, 4, "codigo_padre") in found


def test_duplicate_node_code(tmp_path):
    plan = PLAN_YML.replace('{codigo: "1.2", nombre: Ambiente}', '{codigo: "1.1", nombre: Ambiente}')
    message = only(messages(tmp_path, plan_yml=plan), "repetido")
    assert message == (f'{YML}, línea 11, clave estructura[0].hijos[1].codigo: "1.1" el código está repetido '
                       "(ya lo usa el nodo de la línea 10) [codigo-repetido]")


def test_reserved_node_code(tmp_path):
    found = located(tmp_path, plan_yml=PLAN_YML.replace('codigo: "1"', "codigo: PLAN"))
    assert ("codigo-reservado", YML, None, 6, "estructura[0].codigo") in found


def test_node_codes_may_be_yaml_integers_but_not_decimals(tmp_path):
    plan = PLAN_YML.replace('codigo: "1"', "codigo: 1")
    assert messages(tmp_path, plan_yml=plan) == []
    found = located(tmp_path, plan_yml=plan.replace('"1.1"', "1.10"))
    assert ("codigo-convertido-en-numero", YML, None, 10, "estructura[0].hijos[0].codigo") in found


# ---------------------------------------------------------------- vigencias and cortes


def test_programado_column_outside_the_period(tmp_path):
    header = METAS_CSV.splitlines()[0] + ",programado_2025"
    found = located(tmp_path, metas=with_meta_row("M3,1.1,Otra,Ind,incremento,0,4,1,1,Educación,3", header))
    assert ("vigencia-fuera-de-periodo", METAS, None, 1, "programado_2025") in found


def test_avances_vigencia_outside_the_period(tmp_path):
    message = only(messages(tmp_path, avances=with_avances_row("M1,2019,1,")), "2019")
    assert message == (f'{AVANCES}, fila 4, columna vigencia: "2019" la vigencia está fuera del periodo del plan (2021-2022) '
                       "[vigencia-fuera-de-periodo]")


def test_avances_vigencia_different_from_the_corte_year(tmp_path):
    found = located(tmp_path, avances={"2022-T1.csv": "codigo_meta,vigencia,ejecutado\nM1,2021,3\n"})
    assert ("vigencia-de-otro-corte", "data/prueba/avances/2022-T1.csv", None, 2, "vigencia") in found


def test_corte_file_name_that_is_not_aaaa_tn(tmp_path):
    found = located(tmp_path, avances={"septiembre 2021.csv": AVANCES_CSV})
    assert ("corte-no-valido", "data/prueba/avances/septiembre 2021.csv", None, None, None) in found


def test_corte_outside_the_period(tmp_path):
    found = located(tmp_path, avances={"2024-T1.csv": "codigo_meta,vigencia,ejecutado\n"})
    assert ("vigencia-fuera-de-periodo", "data/prueba/avances/2024-T1.csv", None, None, None) in found


def test_same_meta_twice_in_one_corte(tmp_path):
    assert ("fila-repetida", AVANCES, None, 4, "codigo_meta") in located(tmp_path, avances=with_avances_row("M1,2021,6,"))
    message = only(messages(tmp_path, avances=with_avances_row("M1,2021,6,")), "ya está reportada")
    assert "la meta ya está reportada en este corte (fila 2)" in message


def test_avances_row_for_a_meta_that_does_not_exist(tmp_path):
    message = only(messages(tmp_path, avances=with_avances_row("M9,2021,6,")), "M9")
    assert message == f'{AVANCES}, fila 4, columna codigo_meta: "M9" no existe esa meta en el archivo de metas [meta-inexistente]'


def test_evidencia_must_be_http(tmp_path):
    found = located(tmp_path, avances={"2021-T4.csv": AVANCES_CSV.replace("https://example.org/m1", "javascript:alert(1)")})
    assert ("enlace-no-valido", AVANCES, None, 2, "evidencia") in found


def test_an_empty_ejecutado_is_sin_reporte_not_an_error(tmp_path):
    found = located(tmp_path, avances={"2021-T4.csv": "codigo_meta,vigencia,ejecutado\nM1,2021,\nM2,2021,85\n"})
    assert found == [("sin-reporte", METAS, None, 2, "programado_2021")]


# ---------------------------------------------------------------- reduccion


def test_reduccion_without_linea_base(tmp_path):
    found = located(tmp_path, metas=METAS_CSV.replace("reduccion,100,", "reduccion,,"))
    assert ("reduccion-inconsistente", METAS, None, 3, "linea_base") in found


def test_reduccion_targets_not_below_the_linea_base(tmp_path):
    found = located(tmp_path, metas=METAS_CSV.replace("reduccion,100,60,80,60", "reduccion,100,120,80,100"))
    assert ("reduccion-inconsistente", METAS, None, 3, "meta_cuatrienio") in found
    assert ("reduccion-inconsistente", METAS, None, 3, "programado_2022") in found


# ---------------------------------------------------------------- weights


def test_weights_must_be_positive(tmp_path):
    plan = PLAN_YML.replace("peso: 60", "peso: 0") + "vigencias: {2021: 50, 2022: -1}\n"
    metas = METAS_CSV.replace("dependencia", "dependencia,peso").replace("Educación", "Educación,cero")
    metas = metas.replace("Ambiente", "Ambiente,0")
    found = located(tmp_path, plan_yml=plan, metas=metas)
    assert ("peso-no-valido", YML, None, 8, "estructura[0].peso") in found
    assert ("peso-no-valido", YML, None, 12, "vigencias.2022") in found
    assert ("celda-no-numero", METAS, None, 2, "peso") in found
    assert ("peso-no-valido", METAS, None, 3, "peso") in found


def test_vigencias_must_cover_the_period(tmp_path):
    found = located(tmp_path, plan_yml=PLAN_YML + "vigencias: {2021: 50, 2023: 50}\n")
    assert ("vigencia-fuera-de-periodo", YML, None, 12, "vigencias.2023") in found
    assert ("clave-faltante", YML, None, 12, "vigencias") in located(tmp_path, plan_yml=PLAN_YML + "vigencias: {2021: 50}\n")


# ---------------------------------------------------------------- plan.yml


def test_yaml_that_does_not_parse(tmp_path):
    found = located(tmp_path, plan_yml=PLAN_YML.replace("periodo: [2021, 2022]", "periodo: [2021, 2022"))
    assert found == [("yaml-no-valido", YML, None, 4, None)]


def test_plan_yml_missing_required_keys(tmp_path):
    found = messages(tmp_path, plan_yml="entidad: Alcaldía\n")
    for key in ("nombre", "periodo", "niveles", "estructura"):
        assert only(found, f'falta la clave "{key}"').startswith(f"{YML}, línea 1:")
    assert located(tmp_path, plan_yml="entidad: Alcaldía\n").count(("clave-faltante", YML, None, 1, None)) == 4


def test_tree_shallower_than_niveles(tmp_path):
    plan = PLAN_YML.replace("niveles: [línea, programa]", "niveles: [línea, programa, proyecto]")
    assert ("niveles-no-coinciden", YML, None, 10, "estructura[0].hijos[0]") in located(tmp_path, plan_yml=plan)
    message = only(messages(tmp_path, plan_yml=plan), "el nodo 1.1 es del nivel")
    assert 'el nodo 1.1 es del nivel "programa" y no tiene hijos' in message


def test_tree_deeper_than_niveles(tmp_path):
    plan = PLAN_YML.replace("niveles: [línea, programa]", "niveles: [línea]")
    assert ("niveles-no-coinciden", YML, None, 9, "estructura[0].hijos") in located(tmp_path, plan_yml=plan)


def test_niveles_has_one_to_five_names(tmp_path):
    plan = PLAN_YML.replace("niveles: [línea, programa]", "niveles: [a, b, c, d, e, f]")
    assert ("valor-no-valido", YML, None, 4, "niveles") in located(tmp_path, plan_yml=plan)


def test_rangos_need_one_from_zero_and_valid_colors(tmp_path):
    plan = PLAN_YML + 'rangos:\n  - {nombre: Alto, desde: 80, color: "#1b7f3b"}\n  - {nombre: Medio, desde: 40, color: verde}\n'
    assert ("valor-no-valido", YML, None, 14, "rangos[1].color") in located(tmp_path, plan_yml=plan)
    plan = PLAN_YML + 'rangos:\n  - {nombre: Alto, desde: 80, color: "#1b7f3b"}\n'
    assert ("rangos-no-validos", YML, None, 12, "rangos") in located(tmp_path, plan_yml=plan)


def test_descripcion_with_raw_html(tmp_path):
    plan = PLAN_YML.replace("    peso: 60\n", "    peso: 60\n    descripcion: 'Ver <a href=\"x\">aquí</a>'\n")
    assert ("contiene-html", YML, None, 9, "estructura[0].descripcion") in located(tmp_path, plan_yml=plan)
    assert messages(tmp_path, plan_yml=PLAN_YML.replace("    peso: 60\n", "    descripcion: 'a < b, **Markdown**'\n")) == []


def test_demo_must_be_true_or_false(tmp_path):
    assert located(tmp_path, plan_yml=PLAN_YML + "demo: quizás\n") == [("valor-no-valido", YML, None, 12, "demo")]


# ---------------------------------------------------------------- avisos


def warnings(found: list[str]) -> list[str]:
    return [m for m in found if m.startswith("aviso: ")]


def test_ejecutado_far_above_programado_is_an_aviso(tmp_path):
    found = messages(tmp_path, avances={"2021-T4.csv": AVANCES_CSV.replace("M1,2021,5", "M1,2021,25")})
    assert warnings(found) == found
    assert only(found, "más del doble") == (f'aviso: {AVANCES}, fila 2, columna ejecutado: "25" es más del doble de lo '
                                            "programado para 2021 (10); revise el valor [sobreejecucion]")


def test_programmed_meta_without_dependencia_is_an_aviso(tmp_path):
    found = messages(tmp_path, metas=METAS_CSV.replace(",Ambiente", ","))
    assert warnings(found) == found
    assert located(tmp_path, metas=METAS_CSV.replace(",Ambiente", ",")) == [("meta-sin-dependencia", METAS, None, 3, "dependencia")]


def test_node_without_metas_is_an_aviso(tmp_path):
    metas = "\n".join(METAS_CSV.splitlines()[:2]) + "\n"
    found = messages(tmp_path, metas=metas, avances={"2021-T4.csv": "codigo_meta,vigencia,ejecutado\nM1,2021,5\n"})
    assert found == [f"aviso: {YML}, línea 11, clave estructura[0].hijos[1]: el nodo 1.2 no tiene metas en el archivo de metas "
                     "[nodo-sin-metas]"]


def test_unknown_plan_key_is_an_aviso(tmp_path):
    found = messages(tmp_path, plan_yml=PLAN_YML + "estrutura: []\n")
    assert found[0].startswith(f"aviso: {YML}, línea 12, clave estrutura: clave desconocida")
    assert located(tmp_path, plan_yml=PLAN_YML + "estrutura: []\n")[0] == ("clave-desconocida", YML, None, 12, "estrutura")


def test_extra_metas_columns_are_kept(tmp_path):
    from generator.load import load_data
    from tests.corpus.plans import write_plan

    metas = METAS_CSV.replace("dependencia\n", "dependencia,ODS\n").replace("Educación\n", "Educación,4\n")
    plans, problems = load_data(write_plan(tmp_path, metas=metas))
    assert list(problems) == []
    assert plans[0].metas["M1"].extra == {"ODS": "4"}


def test_all_problems_are_reported_at_once(tmp_path):
    metas = with_meta_row("M3,9.9,,Ind,aumento,0,-1,x,1,Educación")
    found = messages(tmp_path, metas=metas, avances=with_avances_row("M9,2030,doce,ftp://x"))
    assert len([m for m in found if "fila 4" in m]) >= 8, "\n".join(found)


def test_spelling_variants_of_a_dependencia_are_one_dependencia(tmp_path):
    metas = METAS_CSV + "M3,1.1,Formar docentes,Docentes,incremento,0,8,4,4,EDUCACIÓN\n"
    plan, _ = load(tmp_path, metas=metas)
    assert plan.metas["M3"].dependencia == "Educación"
    assert ("nombre-escrito-distinto", METAS, None, 4, "dependencia") in located(tmp_path, metas=metas)


def test_numbers_in_messages_are_written_the_colombian_way(tmp_path):
    metas = METAS_CSV.replace("incremento,0,20,10,10,", 'incremento,0,20,"10,5",10,')
    avances = {"2021-T4.csv": AVANCES_CSV.replace("M1,2021,5,", "M1,2021,1234567,")}
    message = only(messages(tmp_path, metas=metas, avances=avances), "más del doble")
    assert "(10,5)" in message and '"1234567"' in message
    from generator.problems import number_text

    assert number_text(1234567.5) == "1.234.567,5"
