"""presupuesto/AAAA-TN files: money per meta, vigencia and fuente, attached to the corte,
every problem located; and the metas' optional sector and territorio columns."""

from __future__ import annotations

from tests.corpus.plans import METAS_CSV, load, located, messages, only

PRESUPUESTO = "data/prueba/presupuesto/2021-T4.csv"
HEADER = "codigo_meta,vigencia,fuente,programado,comprometido,pagado,territorio\n"
ROWS = (
    "M1,2021,Recursos propios,\"1.000.000\",800000,500000,Vereda Meusa\n"
    "M1,2021,SGP,2000000,2000000,1500000,\n"
    "M2,2021,sgp,3000000,,,\n"
)


def presupuesto(rows: str = ROWS, name: str = "2021-T4.csv") -> dict[str, bytes]:
    return {f"presupuesto/{name}": (HEADER + rows).encode("utf-8")}


def test_rows_are_attached_to_their_corte(tmp_path):
    plan, found = load(tmp_path, extra=presupuesto())
    assert found == []
    rows = plan.cortes[0].presupuesto
    assert [(p.codigo_meta, p.fuente, p.programado, p.comprometido, p.pagado, p.territorio) for p in rows] == [
        ("M1", "Recursos propios", 1_000_000, 800_000, 500_000, "Vereda Meusa"),
        ("M1", "SGP", 2_000_000, 2_000_000, 1_500_000, ""),
        ("M2", "SGP", 3_000_000, None, None, ""),  # "sgp" spelled as its first appearance
    ]
    assert rows[0].source.row == 2


def test_a_folder_of_files_per_corte(tmp_path):
    extra = {"presupuesto/2021-T4/hacienda.csv": (HEADER + ROWS.splitlines()[0] + "\n").encode(),
             "presupuesto/2021-T4/ambiente.csv": (HEADER + ROWS.splitlines()[2] + "\n").encode()}
    plan, found = load(tmp_path, extra=extra)
    assert found == []
    assert sorted(p.codigo_meta for p in plan.cortes[0].presupuesto) == ["M1", "M2"]


def test_negative_money_is_an_error(tmp_path):
    found = messages(tmp_path, extra=presupuesto("M1,2021,SGP,-5,,,\n"))
    assert only(found, "negativo") == (f'{PRESUPUESTO}, fila 2, columna programado: "-5" es negativo; se esperaba un número '
                                       "mayor o igual a 0 [numero-negativo]")


def test_committing_or_paying_too_much_is_an_aviso(tmp_path):
    found = messages(tmp_path, extra=presupuesto("M1,2021,SGP,100,150,160,\nM2,2021,SGP,100,,120,\n"))
    assert only(found, "comprometido supera") == (
        f'aviso: {PRESUPUESTO}, fila 2, columna comprometido: "150" lo comprometido supera lo programado ($100); '
        "revise el valor [recursos-excedidos]")
    assert 'fila 2, columna pagado: "160" lo pagado supera lo comprometido ($150)' in only(found, "fila 2, columna pagado")
    assert 'fila 3, columna pagado: "120" lo pagado supera lo programado ($100)' in only(found, "fila 3, columna pagado")
    found = located(tmp_path, extra=presupuesto("M1,2021,SGP,100,150,160,\nM2,2021,SGP,100,,120,\n"))
    assert ("recursos-excedidos", PRESUPUESTO, None, 2, "pagado") in found
    assert ("recursos-excedidos", PRESUPUESTO, None, 3, "pagado") in found


def test_unknown_meta_wrong_vigencia_and_blank_fuente(tmp_path):
    found = located(tmp_path, extra=presupuesto("M9,2021,SGP,1,,,\nM1,2022,SGP,1,,,\nM1,2021,,1,,,\n"))
    assert ("meta-inexistente", PRESUPUESTO, None, 2, "codigo_meta") in found
    assert ("vigencia-de-otro-corte", PRESUPUESTO, None, 3, "vigencia") in found
    assert ("celda-vacia", PRESUPUESTO, None, 4, "fuente") in found


def test_missing_columns_and_a_repeated_row(tmp_path):
    found = located(tmp_path, extra={"presupuesto/2021-T4.csv": b"codigo_meta,vigencia,programado\nM1,2021,5\n"})
    assert ("columna-faltante", PRESUPUESTO, None, 1, None) in found
    found = messages(tmp_path, extra=presupuesto("M1,2021,SGP,1,,,\nM1,2021,sgp ,2,,,\n"))
    assert only(found, "ya tiene") == (f'{PRESUPUESTO}, fila 3, columna fuente: "sgp " la meta M1 ya tiene una fila '
                                       "con esta fuente en este corte (fila 2); se esperaba una sola fila [fila-repetida]")


def test_a_corte_without_avances_is_an_aviso_and_ignored(tmp_path):
    plan, _ = load(tmp_path, extra=presupuesto(name="2021-T2.csv"))
    assert located(tmp_path, extra=presupuesto(name="2021-T2.csv")) == [
        ("presupuesto-sin-avances", "data/prueba/presupuesto/2021-T2.csv", None, None, None)]
    assert [c.id for c in plan.cortes] == ["2021-T4"] and plan.cortes[0].presupuesto == []


def test_a_file_not_named_as_a_corte(tmp_path):
    found = located(tmp_path, extra=presupuesto(name="2021.csv"))
    assert ("corte-no-valido", "data/prueba/presupuesto/2021.csv", None, None, None) in found


def test_sector_and_territorio_are_fields_not_extra(tmp_path):
    metas = METAS_CSV.replace("dependencia\n", "dependencia,Sector,Territorio\n")
    metas = metas.replace("Educación\n", "Educación,Educación,Vereda Meusa\n").replace("Ambiente\n", "Ambiente,Ambiente,\n")
    plan, found = load(tmp_path, metas=metas)
    assert found == []
    m1, m2 = plan.metas["M1"], plan.metas["M2"]
    assert (m1.sector, m1.territorio, m1.extra) == ("Educación", "Vereda Meusa", {})
    assert (m2.sector, m2.territorio) == ("Ambiente", "")
