"""The consistency review PE-P-004 asks before publishing: avisos located at the row
of the file where the office can check each one."""

from __future__ import annotations

from generator.validate.review import review
from tests.corpus.plans import METAS_CSV, located, messages
from tests.plan_factory import make_plan, meta

METAS = "data/prueba/metas.csv"
AVANCES = "data/prueba/avances/2021-T4.csv"


def avisos(found: list[str]) -> list[str]:
    assert all(m.startswith("aviso: ") for m in found), "\n".join(found)
    return found


def test_a_meta_marked_not_programmed_with_a_programmed_value(tmp_path):
    metas = METAS_CSV.replace("dependencia\n", "dependencia,Programada,Estado 2022\n")
    metas = metas.replace("Educación\n", "Educación,NP,\n").replace("Ambiente\n", "Ambiente,Sí,No programada\n")
    assert avisos(messages(tmp_path, metas=metas)) == [
        f'aviso: {METAS}, fila 2, columna Programada: "NP" la meta está marcada como no programada y tiene valor '
        "programado en 2021 (10), 2022 (10); corrija una de las dos cosas [marca-contradice-programado]",
        f'aviso: {METAS}, fila 3, columna Estado 2022: "No programada" la meta está marcada como no programada y '
        "tiene valor programado en 2022 (60); corrija una de las dos cosas [marca-contradice-programado]",
    ]


def test_a_cumulative_ejecutado_that_went_down_names_both_cortes(tmp_path):
    avances = {
        "2021-T1.csv": "codigo_meta,vigencia,ejecutado\nM1,2021,7\nM2,2021,80\n",
        "2021-T2.csv": "codigo_meta,vigencia,ejecutado\nM2,2021,95\n",  # M1 not reported
        "2021-T4.csv": "codigo_meta,vigencia,ejecutado\nM1,2021,5\nM2,2021,90\n",
    }
    # M2 is a reduccion: its ejecutado is a level, free to move either way.
    assert avisos(messages(tmp_path, avances=avances)) == [
        f'aviso: {AVANCES}, fila 2, columna ejecutado: "5" el ejecutado acumulado de la meta M1 bajó de 7 en el '
        "corte 2021-T1 a 5 en el corte 2021-T4; cada corte reporta lo acumulado en el año, que no debería bajar "
        "[ejecutado-disminuye]",
    ]


def test_a_programmed_meta_without_report_in_the_latest_corte(tmp_path):
    avances = {"2021-T2.csv": "codigo_meta,vigencia,ejecutado\nM1,2021,3\nM2,2021,90\n",
               "2021-T4.csv": "codigo_meta,vigencia,ejecutado\nM2,2021,85\n"}
    avisos(messages(tmp_path, avances=avances))
    assert located(tmp_path, avances=avances) == [("sin-reporte", METAS, None, 2, "programado_2021")]


def test_money_spent_without_physical_progress(tmp_path):
    avances = {"2021-T4.csv": "codigo_meta,vigencia,ejecutado,recursos_programados,recursos_ejecutados\n"
                              "M1,2021,0,\"5.000.000\",\"1.000.000\"\nM2,2021,85,100,50\n"}
    avisos(messages(tmp_path, avances=avances))
    assert located(tmp_path, avances=avances) == [("gasto-sin-avance", AVANCES, None, 2, "recursos_ejecutados")]


def test_money_paid_in_presupuesto_without_physical_progress(tmp_path):
    avances = {"2021-T4.csv": "codigo_meta,vigencia,ejecutado\nM1,2021,0\nM2,2021,100\n"}
    presupuesto = (b"codigo_meta,vigencia,fuente,programado,comprometido,pagado\n"
                   b"M1,2021,SGP,900,800,300\nM1,2021,SGR,900,800,200\nM2,2021,SGP,900,800,700\n")
    found = messages(tmp_path, avances=avances, extra={"presupuesto/2021-T4.csv": presupuesto})
    assert 'columna pagado: "$300" la meta M1 tiene $500 ejecutados en el corte 2021-T4' in avisos(found)[0]
    # M2 (reduccion, línea base 100) reports 100: nothing reduced, so no progress either.
    assert located(tmp_path, avances=avances, extra={"presupuesto/2021-T4.csv": presupuesto}) == [
        ("gasto-sin-avance", "data/prueba/presupuesto/2021-T4.csv", None, 2, "pagado"),
        ("gasto-sin-avance", "data/prueba/presupuesto/2021-T4.csv", None, 4, "pagado"),
    ]


def test_no_review_while_the_files_have_errors(tmp_path):
    avances = {"2021-T4.csv": "codigo_meta,vigencia,ejecutado\nM1,2021,doce\n"}  # M2 sin reporte too
    assert located(tmp_path, avances=avances) == [("celda-no-numero", AVANCES, None, 2, "ejecutado")]


def test_review_of_a_model_built_in_memory():
    plan = make_plan(tree={"1": 1}, metas=[meta("A", "1", {2021: 4})], cortes={"2021-T2": {"A": 3}, "2021-T3": {"A": 2}})
    plan.source_dir = "data/prueba"
    [problem] = review(plan)
    assert (problem.codigo, problem.file, problem.severity, problem.column) == ("ejecutado-disminuye", "data/prueba", "aviso", "ejecutado")
    assert "bajó de 3 en el corte 2021-T2 a 2 en el corte 2021-T3" in problem.message
