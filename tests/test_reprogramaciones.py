"""reprogramaciones.xlsx|csv (PE-P-008): the trail is validated against the values in
force at each date, applied in date order, and the original plan stays visible."""

from __future__ import annotations

from generator.compute.plan import compute_plan
from tests.corpus.plans import AVANCES_CSV, load, located, messages, only

FILE = "data/prueba/reprogramaciones.csv"
HEADER = "codigo_meta,fecha,campo,valor_anterior,valor_nuevo,justificacion,acto\n"
# Out of date order on purpose: the second row happened first.
TRAIL = (
    "M1,2021-09-30,Programado 2021,8,6,Obra aplazada por lluvias,Decreto 051 de 2021\n"
    "M1,15/06/2021,programado_2021,10,8,Contratista incumplió,Decreto 032 de 2021\n"
    "M1,2021-06-15,Meta cuatrienio,20,16,Ajuste del plan plurianual,Decreto 032 de 2021\n"
    "M2,2021-07-01,meta,Reducir residuos,Reducir residuos sólidos,Precisión del texto,\n"
)


def trail(rows: str = TRAIL) -> dict[str, bytes]:
    return {"reprogramaciones.csv": (HEADER + rows).encode("utf-8")}


def test_the_trail_is_applied_in_date_order_and_the_original_kept(tmp_path):
    plan, found = load(tmp_path, extra=trail())
    assert found == []
    m1, m2 = plan.metas["M1"], plan.metas["M2"]
    assert (m1.programado[2021], m1.meta_cuatrienio, m2.nombre) == (6, 16, "Reducir residuos sólidos")
    assert m1.original == {"programado_2021": 10, "meta_cuatrienio": 20}
    assert m2.original == {"meta": "Reducir residuos"}
    assert [(r.fecha, r.campo, r.valor_anterior, r.valor_nuevo) for r in plan.reprogramaciones] == [
        ("2021-06-15", "programado_2021", 10, 8),
        ("2021-06-15", "meta_cuatrienio", 20, 16),
        ("2021-07-01", "meta", "Reducir residuos", "Reducir residuos sólidos"),
        ("2021-09-30", "programado_2021", 8, 6),
    ]
    assert plan.reprogramaciones[0].acto == "Decreto 032 de 2021"
    assert plan.reprogramaciones[0].source.row == 3


def test_the_figures_use_the_values_in_force(tmp_path):
    plan, _ = load(tmp_path, extra=trail())
    result = compute_plan(plan).vigencias[2021].metas["M1"]
    assert (result.programado, result.ejecutado) == (6, 5)
    assert result.cumplimiento == 5 / 6


def test_execution_is_checked_against_the_value_in_force(tmp_path):
    rows = "M1,2021-06-15,programado_2021,10,2,Recorte presupuestal,Decreto 032 de 2021\n"
    found = messages(tmp_path, extra=trail(rows))
    assert "más del doble de lo programado para 2021 (2)" in only(found, "más del doble")
    assert ("sobreejecucion", "data/prueba/avances/2021-T4.csv", None, 2, "ejecutado") in located(tmp_path, extra=trail(rows))


def test_valor_anterior_must_be_the_value_in_force_at_that_date(tmp_path):
    rows = TRAIL.replace("2021-09-30,Programado 2021,8,6", "2021-09-30,Programado 2021,10,6")
    found = messages(tmp_path, extra=trail(rows))
    assert only(found, "no coincide") == (
        f'{FILE}, fila 2, columna valor_anterior: "10" no coincide con el valor vigente de programado_2021 '
        "de la meta M1 el 2021-09-30: el plan tenía 8 [valor-anterior-no-coincide]")


def test_justificacion_is_required(tmp_path):
    found = located(tmp_path, extra=trail("M1,2021-06-15,meta_cuatrienio,20,16,,Decreto 032 de 2021\n"))
    assert found == [("celda-vacia", FILE, None, 2, "justificacion")]


def test_unknown_meta_campo_year_and_bad_date(tmp_path):
    rows = ("M9,2021-06-15,meta_cuatrienio,20,16,x,\n"
            "M1,2021-06-15,ods,4,5,x,\n"
            "M1,2021-06-15,programado_2030,0,5,x,\n"
            "M1,31/02/2021,meta_cuatrienio,20,16,x,\n"
            "M1,2021-06-15,meta_cuatrienio,veinte,16,x,\n")
    found = messages(tmp_path, extra=trail(rows))
    assert only(found, '"ods"').startswith(f'{FILE}, fila 3, columna campo: "ods" no es un campo que se pueda ajustar; '
                                           "se esperaba uno de: meta, indicador, unidad, dependencia, tipo, linea_base")
    assert "programado_AAAA (un año del periodo 2021-2022)" in only(found, '"programado_2030"')
    assert located(tmp_path, extra=trail(rows)) == [
        ("meta-inexistente", FILE, None, 2, "codigo_meta"),
        ("campo-no-ajustable", FILE, None, 3, "campo"),
        ("campo-no-ajustable", FILE, None, 4, "campo"),
        ("celda-no-fecha", FILE, None, 5, "fecha"),
        ("celda-no-numero", FILE, None, 6, "valor_anterior"),
    ]


def test_a_reduccion_meta_is_checked_again_after_the_adjustments(tmp_path):
    rows = "M2,2021-06-15,programado_2021,80,120,Nueva medición,Decreto 032 de 2021\n"
    found = located(tmp_path, extra=trail(rows), avances={"2021-T4.csv": AVANCES_CSV})
    assert found == [("reduccion-inconsistente", FILE, None, 2, "valor_nuevo")]


def test_a_blank_programado_means_not_programmed(tmp_path):
    plan, found = load(tmp_path, extra=trail("M1,2021-06-15,programado_2022,10,,Se programa solo en 2021,\n"))
    assert found == []
    assert not plan.metas["M1"].is_programmed(2022)
    assert plan.metas["M1"].original == {"programado_2022": 10}


def test_a_dependencia_reprogrammed_with_another_spelling_stays_one_dependencia(tmp_path):
    rows = "M2,2021-05-01,dependencia,Ambiente,EDUCACIÓN,Traslado de la meta,Decreto 9\n"
    plan, found = load(tmp_path, extra=trail(rows))
    assert plan.metas["M2"].dependencia == "Educación"
    assert plan.metas["M2"].original["dependencia"] == "Ambiente"
