"""One test per validation rule: each problem names the file, the row (or YAML line) and
the column (or key path), the value found and what was expected."""

from __future__ import annotations

from tests.corpus.plans import AVANCES_CSV, METAS_CSV, PLAN_YML, load, messages, only

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
    message = only(messages(tmp_path, metas=metas), "faltan columnas")
    assert f"{METAS}, fila 1: faltan columnas obligatorias: indicador, programado_2022." in message
    assert "Las columnas del archivo son: codigo_meta, codigo_padre, meta, indicadores" in message


def test_a_number_column_with_text(tmp_path):
    message = only(messages(tmp_path, avances=with_avances_row("M1,2021,doce,")), "doce")
    assert message == f'{AVANCES}, fila 4, columna ejecutado: "doce" no es un número; se esperaba un número, con coma decimal, p. ej. 12,5'


def test_negative_values(tmp_path):
    message = only(messages(tmp_path, metas=with_meta_row("M3,1.1,Otra,Ind,incremento,0,-4,1,1,Educación")), "negativo")
    assert message.startswith(f'{METAS}, fila 4, columna meta_cuatrienio: "-4" es negativo')


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
    message = only(messages(tmp_path, metas=None, extra={"metas.xlsx": metas.read_bytes()}), "Excel convirtió")
    assert message.startswith('data/prueba/metas.xlsx, hoja "Metas", fila 3, columna codigo_padre: "1.2" parece un código')


def test_unknown_tipo(tmp_path):
    message = only(messages(tmp_path, metas=with_meta_row("M3,1.1,Otra,Ind,aumento,0,4,1,1,Educación")), "aumento")
    assert f'{METAS}, fila 4, columna tipo: "aumento" no es un valor admitido' in message


def test_tipo_words_match_ignoring_case_and_accents(tmp_path):
    assert messages(tmp_path, metas=METAS_CSV.replace("reduccion", "REDUCCIÓN").replace(",incremento,", ",Incremento,")) == []


def test_required_cell_left_empty(tmp_path):
    message = only(messages(tmp_path, metas=with_meta_row("M3,1.1,,Ind,incremento,0,4,1,1,Educación")), "vacía")
    assert message == f"{METAS}, fila 4, columna meta: la celda está vacía; se esperaba el texto de la meta"


# ---------------------------------------------------------------- codes


def test_duplicate_meta_code(tmp_path):
    message = only(messages(tmp_path, metas=with_meta_row("M1,1.1,Otra,Ind,incremento,0,4,1,1,Educación")), "repetido")
    assert message == f'{METAS}, fila 4, columna codigo_meta: "M1" el código de meta está repetido (ya está en la fila 2)'


def test_codigo_padre_that_does_not_exist(tmp_path):
    message = only(messages(tmp_path, metas=with_meta_row("M3,9.9,Otra,Ind,incremento,0,4,1,1,Educación")), "9.9")
    assert message == f'{METAS}, fila 4, columna codigo_padre: "9.9" no existe ese nodo en la estructura de plan.yml'


def test_meta_attached_to_a_node_with_children(tmp_path):
    message = only(messages(tmp_path, metas=with_meta_row("M3,1,Otra,Ind,incremento,0,4,1,1,Educación")), "hijos")
    assert message.startswith(f'{METAS}, fila 4, columna codigo_padre: "1" el nodo 1 tiene nodos hijos')


def test_duplicate_node_code(tmp_path):
    plan = PLAN_YML.replace('{codigo: "1.2", nombre: Ambiente}', '{codigo: "1.1", nombre: Ambiente}')
    message = only(messages(tmp_path, plan_yml=plan), "repetido")
    assert message == f'{YML}, línea 11, clave estructura[0].hijos[1].codigo: "1.1" el código está repetido (ya lo usa el nodo de la línea 10)'


def test_reserved_node_code(tmp_path):
    message = only(messages(tmp_path, plan_yml=PLAN_YML.replace('codigo: "1"', "codigo: PLAN")), "reservado")
    assert message.startswith(f"{YML}, línea 6, clave estructura[0].codigo:")


def test_node_codes_may_be_yaml_integers_but_not_decimals(tmp_path):
    plan = PLAN_YML.replace('codigo: "1"', "codigo: 1")
    assert messages(tmp_path, plan_yml=plan) == []
    message = only(messages(tmp_path, plan_yml=plan.replace('"1.1"', "1.10")), "entre comillas")
    assert message.startswith(f'{YML}, línea 10, clave estructura[0].hijos[0].codigo: "1.1" YAML lo leyó como un número')


# ---------------------------------------------------------------- vigencias and cortes


def test_programado_column_outside_the_period(tmp_path):
    header = METAS_CSV.splitlines()[0] + ",programado_2025"
    message = only(messages(tmp_path, metas=with_meta_row("M3,1.1,Otra,Ind,incremento,0,4,1,1,Educación,3", header)), "2025")
    assert message == f"{METAS}, fila 1, columna programado_2025: la vigencia 2025 está fuera del periodo del plan (2021-2022)"


def test_avances_vigencia_outside_the_period(tmp_path):
    message = only(messages(tmp_path, avances=with_avances_row("M1,2019,1,")), "2019")
    assert message == f'{AVANCES}, fila 4, columna vigencia: "2019" la vigencia está fuera del periodo del plan (2021-2022)'


def test_avances_vigencia_different_from_the_corte_year(tmp_path):
    found = messages(tmp_path, avances={"2022-T1.csv": "codigo_meta,vigencia,ejecutado\nM1,2021,3\n"})
    message = only(found, "se esperaba la vigencia")
    assert message == 'data/prueba/avances/2022-T1.csv, fila 2, columna vigencia: "2021" el corte 2022-T1 es del año 2022; se esperaba la vigencia 2022'


def test_corte_file_name_that_is_not_aaaa_tn(tmp_path):
    message = only(messages(tmp_path, avances={"septiembre 2021.csv": AVANCES_CSV}), "AAAA-TN")
    assert message.startswith("data/prueba/avances/septiembre 2021.csv: el nombre no es un corte")


def test_corte_outside_the_period(tmp_path):
    message = only(messages(tmp_path, avances={"2024-T1.csv": "codigo_meta,vigencia,ejecutado\n"}), "corte 2024-T1")
    assert message == "data/prueba/avances/2024-T1.csv: el corte 2024-T1 está fuera del periodo del plan (2021-2022)"


def test_same_meta_twice_in_one_corte(tmp_path):
    message = only(messages(tmp_path, avances=with_avances_row("M1,2021,6,")), "ya está reportada")
    assert message.startswith(f'{AVANCES}, fila 4, columna codigo_meta: "M1" la meta ya está reportada en este corte (fila 2)')


def test_avances_row_for_a_meta_that_does_not_exist(tmp_path):
    message = only(messages(tmp_path, avances=with_avances_row("M9,2021,6,")), "M9")
    assert message == f'{AVANCES}, fila 4, columna codigo_meta: "M9" no existe esa meta en el archivo de metas'


def test_evidencia_must_be_http(tmp_path):
    message = only(messages(tmp_path, avances={"2021-T4.csv": AVANCES_CSV.replace("https://example.org/m1", "javascript:alert(1)")}), "http")
    assert message.startswith(f'{AVANCES}, fila 2, columna evidencia: "javascript:alert(1)" no es una dirección web')


def test_an_empty_ejecutado_is_sin_reporte_not_an_error(tmp_path):
    assert messages(tmp_path, avances={"2021-T4.csv": "codigo_meta,vigencia,ejecutado\nM1,2021,\nM2,2021,85\n"}) == [
        f'aviso: {METAS}, fila 2, columna programado_2021: "10" la meta está programada en 2021 y no tiene reporte '
        "en el corte 2021-T4, el último de esa vigencia"]


# ---------------------------------------------------------------- reduccion


def test_reduccion_without_linea_base(tmp_path):
    message = only(messages(tmp_path, metas=METAS_CSV.replace("reduccion,100,", "reduccion,,")), "línea base")
    assert message == f"{METAS}, fila 3, columna linea_base: una meta de reducción necesita línea base; se esperaba un número en linea_base"


def test_reduccion_targets_not_below_the_linea_base(tmp_path):
    found = messages(tmp_path, metas=METAS_CSV.replace("reduccion,100,60,80,60", "reduccion,100,120,80,100"))
    assert only(found, "columna meta_cuatrienio").startswith(f'{METAS}, fila 3, columna meta_cuatrienio: "120" en una meta de reducción')
    assert only(found, "columna programado_2022").endswith("se esperaba un valor menor que la línea base (100)")


# ---------------------------------------------------------------- weights


def test_weights_must_be_positive(tmp_path):
    plan = PLAN_YML.replace("peso: 60", "peso: 0") + "vigencias: {2021: 50, 2022: -1}\n"
    metas = METAS_CSV.replace("dependencia", "dependencia,peso").replace("Educación", "Educación,cero")
    metas = metas.replace("Ambiente", "Ambiente,0")
    found = messages(tmp_path, plan_yml=plan, metas=metas)
    assert only(found, "estructura[0].peso").startswith(f'{YML}, línea 8, clave estructura[0].peso: "0" no es un peso válido')
    assert only(found, "vigencias.2022").startswith(f'{YML}, línea 12, clave vigencias.2022: "-1" no es un peso válido')
    assert only(found, "fila 2, columna peso").startswith(f'{METAS}, fila 2, columna peso: "cero" no es un número')
    assert only(found, "fila 3, columna peso").startswith(f'{METAS}, fila 3, columna peso: "0" no es un peso válido')


def test_vigencias_must_cover_the_period(tmp_path):
    message = only(messages(tmp_path, plan_yml=PLAN_YML + "vigencias: {2021: 50, 2023: 50}\n"), "2023")
    assert message.startswith(f'{YML}, línea 12, clave vigencias.2023: "2023" la vigencia está fuera del periodo')
    assert only(messages(tmp_path, plan_yml=PLAN_YML + "vigencias: {2021: 50}\n"), "falta el peso de la vigencia 2022")


# ---------------------------------------------------------------- plan.yml


def test_yaml_that_does_not_parse(tmp_path):
    message = only(messages(tmp_path, plan_yml=PLAN_YML.replace("periodo: [2021, 2022]", "periodo: [2021, 2022")), "YAML")
    assert message.startswith(f"{YML}, línea 4: no es un YAML válido cerca de esta línea")


def test_plan_yml_missing_required_keys(tmp_path):
    found = messages(tmp_path, plan_yml="entidad: Alcaldía\n")
    for key in ("nombre", "periodo", "niveles", "estructura"):
        assert only(found, f'falta la clave "{key}"').startswith(f"{YML}, línea 1:")


def test_tree_shallower_than_niveles(tmp_path):
    plan = PLAN_YML.replace("niveles: [línea, programa]", "niveles: [línea, programa, proyecto]")
    found = messages(tmp_path, plan_yml=plan)
    message = only(found, "el nodo 1.1 es del nivel")
    assert message.startswith(f'{YML}, línea 10, clave estructura[0].hijos[0]: el nodo 1.1 es del nivel "programa" y no tiene hijos')


def test_tree_deeper_than_niveles(tmp_path):
    plan = PLAN_YML.replace("niveles: [línea, programa]", "niveles: [línea]")
    message = only(messages(tmp_path, plan_yml=plan), "no puede tener hijos")
    assert message.startswith(f'{YML}, línea 9, clave estructura[0].hijos: el nodo 1 es del último nivel ("línea")')


def test_niveles_has_one_to_five_names(tmp_path):
    plan = PLAN_YML.replace("niveles: [línea, programa]", "niveles: [a, b, c, d, e, f]")
    assert only(messages(tmp_path, plan_yml=plan), "1 a 5").startswith(f"{YML}, línea 4, clave niveles:")


def test_rangos_need_one_from_zero_and_valid_colors(tmp_path):
    plan = PLAN_YML + 'rangos:\n  - {nombre: Alto, desde: 80, color: "#1b7f3b"}\n  - {nombre: Medio, desde: 40, color: verde}\n'
    found = messages(tmp_path, plan_yml=plan)
    assert only(found, "color como").startswith(f'{YML}, línea 14, clave rangos[1].color: "verde"')
    plan = PLAN_YML + 'rangos:\n  - {nombre: Alto, desde: 80, color: "#1b7f3b"}\n'
    assert only(messages(tmp_path, plan_yml=plan), "desde: 0").startswith(f"{YML}, línea 12, clave rangos:")


def test_descripcion_with_raw_html(tmp_path):
    plan = PLAN_YML.replace("    peso: 60\n", "    peso: 60\n    descripcion: 'Ver <a href=\"x\">aquí</a>'\n")
    message = only(messages(tmp_path, plan_yml=plan), "HTML")
    assert message.startswith(f"{YML}, línea 9, clave estructura[0].descripcion: contiene HTML")
    assert messages(tmp_path, plan_yml=PLAN_YML.replace("    peso: 60\n", "    descripcion: 'a < b, **Markdown**'\n")) == []


def test_demo_must_be_true_or_false(tmp_path):
    message = only(messages(tmp_path, plan_yml=PLAN_YML + "demo: quizás\n"), "true o false")
    assert message == f'{YML}, línea 12, clave demo: "quizás" se esperaba true o false'


# ---------------------------------------------------------------- avisos


def warnings(found: list[str]) -> list[str]:
    return [m for m in found if m.startswith("aviso: ")]


def test_ejecutado_far_above_programado_is_an_aviso(tmp_path):
    found = messages(tmp_path, avances={"2021-T4.csv": AVANCES_CSV.replace("M1,2021,5", "M1,2021,25")})
    assert warnings(found) == found
    assert only(found, "más del doble") == f'aviso: {AVANCES}, fila 2, columna ejecutado: "25" es más del doble de lo programado para 2021 (10); revise el valor'


def test_programmed_meta_without_dependencia_is_an_aviso(tmp_path):
    found = messages(tmp_path, metas=METAS_CSV.replace(",Ambiente", ","))
    assert warnings(found) == found == [f"aviso: {METAS}, fila 3, columna dependencia: la meta está programada y no tiene dependencia responsable"]


def test_node_without_metas_is_an_aviso(tmp_path):
    metas = "\n".join(METAS_CSV.splitlines()[:2]) + "\n"
    found = messages(tmp_path, metas=metas, avances={"2021-T4.csv": "codigo_meta,vigencia,ejecutado\nM1,2021,5\n"})
    assert found == [f"aviso: {YML}, línea 11, clave estructura[0].hijos[1]: el nodo 1.2 no tiene metas en el archivo de metas"]


def test_unknown_plan_key_is_an_aviso(tmp_path):
    found = messages(tmp_path, plan_yml=PLAN_YML + "estrutura: []\n")
    assert found[0].startswith(f"aviso: {YML}, línea 12, clave estrutura: clave desconocida")


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
    plan, found = load(tmp_path, metas=metas)
    assert plan.metas["M3"].dependencia == "Educación"
    warning = only(found, "se agrupa como")
    assert "metas.csv" in warning and "fila" in warning and "columna dependencia" in warning


def test_numbers_in_messages_are_written_the_colombian_way(tmp_path):
    metas = METAS_CSV.replace("incremento,0,20,10,10,", 'incremento,0,20,"10,5",10,')
    avances = {"2021-T4.csv": AVANCES_CSV.replace("M1,2021,5,", "M1,2021,1234567,")}
    message = only(messages(tmp_path, metas=metas, avances=avances), "más del doble")
    assert "(10,5)" in message and '"1234567"' in message
    from generator.problems import number_text

    assert number_text(1234567.5) == "1.234.567,5"
