"""load_data: finding plans, the files of each, cortes by file or by folder, and never
an exception for bad input."""

from __future__ import annotations

import contextlib
import csv
import io
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import load
from generator.load import load_data
from generator.read.table import Row, Table
from tests.corpus.make_corpus import make_corpus
from tests.corpus.plans import AVANCES_CSV, METAS_CSV, PLAN_YML, located, messages, write_plan

TESTS = Path(__file__).parent


def relative_load(root: Path, data: str = "data"):
    with contextlib.chdir(root):
        plans, problems = load_data(Path(data))
    return plans, [str(p) for p in problems]


@pytest.mark.parametrize("name", ["mini", "hostil"])
def test_sample_plans_load_without_problems(name):
    plans, problems = load_data(TESTS / "data" / name)
    assert [str(p) for p in problems.errors] == []
    # Only the consistency review's avisos (PE-P-004): the samples keep an over-executed
    # and a sin reporte meta on purpose.
    assert {p.codigo for p in problems} <= {"sobreejecucion", "sin-reporte"}
    assert [p.slug for p in plans] == [name]


def test_mini_plan_model():
    (plan,), _ = load_data(TESTS / "data" / "mini")
    assert plan.periodo == (2021, 2022) and plan.niveles == ["línea estratégica", "programa"]
    assert plan.vigencias == {2021: 1.0, 2022: 1.0} and plan.licencia == "CC BY 4.0"
    assert [n.codigo for n in plan.iter_nodes()] == ["1", "1.1", "1.2", "2", "2.1"]
    assert plan.node("1").peso == 60 and plan.node("1.1").codigo_padre == "1"
    assert [m.codigo for m in plan.node("1.2").metas] == ["M3", "M4"]
    assert plan.metas["M3"].tipo == "reduccion" and plan.metas["M3"].linea_base == 100
    (corte,) = plan.cortes
    assert (corte.id, corte.vigencia, corte.trimestre) == ("2021-T2", 2021, 2)
    assert corte.reportes["M1"].ejecutado == 5 and corte.reportes["M1"].source.row == 2


def test_every_plan_folder_sorted_by_name(tmp_path):
    write_plan(tmp_path, slug="pes")
    write_plan(tmp_path, slug="pdm")
    (tmp_path / "data" / "sin-plan").mkdir()
    plans, problems = relative_load(tmp_path)
    assert [p.slug for p in plans] == ["pdm", "pes"] and problems == []


def test_data_dir_may_be_a_plan_folder_itself(tmp_path):
    write_plan(tmp_path)
    plans, _ = relative_load(tmp_path, "data/prueba")
    assert [p.slug for p in plans] == ["prueba"]


def test_a_corte_as_a_folder_of_files_one_per_dependencia(tmp_path):
    avances = {
        "2021-T4/educacion.csv": "codigo_meta,vigencia,ejecutado\nM1,2021,5\n",
        "2021-T4/ambiente.csv": "codigo_meta;vigencia;ejecutado\nM2;2021;90\n",
        "2021-T4/~$educacion.csv": "lock file of an open workbook",
    }
    write_plan(tmp_path, avances=avances)
    (plan,), problems = relative_load(tmp_path)
    assert problems == ["aviso: data/prueba/avances/2021-T4/~$educacion.csv: no se lee: es un archivo oculto, "
                        "del sistema, de bloqueo de Office o de notas [archivo-ignorado]"]
    (corte,) = plan.cortes
    assert sorted(corte.reportes) == ["M1", "M2"]
    assert corte.files == ["data/prueba/avances/2021-T4/ambiente.csv", "data/prueba/avances/2021-T4/educacion.csv"]


def test_a_meta_reported_in_two_files_of_one_corte_names_both(tmp_path):
    avances = {
        "2021-T4/educacion.csv": "codigo_meta,vigencia,ejecutado\nM1,2021,5\n",
        "2021-T4/ambiente.csv": "codigo_meta,vigencia,ejecutado\nM2,2021,90\n\nM1,2021,4\n",
    }
    found = messages(tmp_path, avances=avances)
    assert found == [
        'data/prueba/avances/2021-T4/educacion.csv, fila 2, columna codigo_meta: "M1" la meta ya está reportada en este corte '
        "(data/prueba/avances/2021-T4/ambiente.csv, fila 4); se esperaba una sola fila por meta [fila-repetida]"
    ]


def test_two_files_for_one_corte(tmp_path):
    found = located(tmp_path, avances={"2021-T4.csv": AVANCES_CSV, "2021-t4/a.csv": AVANCES_CSV})
    assert found == [("archivos-duplicados", "data/prueba/avances/2021-t4", None, None, None)]


def test_metas_file_missing_or_twice(tmp_path):
    assert located(tmp_path, metas=None) == [("archivo-faltante", "data/prueba", None, None, None)]
    found = messages(tmp_path, extra={"Metas.xlsx": b"x"})
    assert found == ["data/prueba: hay dos archivos de metas (Metas.xlsx y metas.csv); se esperaba uno solo [archivos-duplicados]"]


def test_old_excel_format_is_named(tmp_path):
    found = located(tmp_path, extra={"avances/2022-T1.xls": b"\xd0\xcf\x11\xe0"})
    assert found == [("formato-no-admitido", "data/prueba/avances/2022-T1.xls", None, None, None)]


def test_plan_yml_names_the_sheets(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Listas"
    book.active.append(["codigo_meta", "vigencia", "ejecutado"])
    data = book.create_sheet("Seguimiento")
    data.append(["Avance del Plan Indicativo"])
    for line in AVANCES_CSV.splitlines():
        data.append(line.split(","))
    path = tmp_path / "a.xlsx"
    book.save(path)
    plan_yml = PLAN_YML + 'hojas: {avances: "Seguimiento"}\n'
    write_plan(tmp_path, plan_yml=plan_yml, avances={}, extra={"avances/2021-T4.xlsx": path.read_bytes()})
    (plan,), problems = relative_load(tmp_path)
    assert problems == []
    assert plan.cortes[0].reportes["M2"].source.row == 4 and plan.cortes[0].reportes["M2"].source.sheet == "Seguimiento"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.mark.parametrize("sample, target, codigo", [
    ("vacio.csv", "metas.csv", "archivo-vacio"), ("pdf-renombrado.xlsx", "metas.xlsx", "tipo-de-archivo-equivocado"),
    ("zip-danado.xlsx", "avances/2021-T4.xlsx", "archivo-danado"), ("bomba-xml.xlsx", "avances/2021-T4.xlsx", "archivo-no-seguro"),
    ("bomba-zip.xlsx", "metas.xlsx", "archivo-no-seguro"), ("celda-lejana.xlsx", "metas.xlsx", "hoja-muy-grande"),
    ("windows-1252.csv", "avances/2021-T4.csv", "codificacion-no-utf8"),
    ("xlsx-renombrado.csv", "metas.csv", "tipo-de-archivo-equivocado"), ("plan-roto.yml", "plan.yml", "yaml-no-valido"),
    ("plan-alias.yml", "plan.yml", "yaml-anclas"),
])
def test_broken_files_in_a_plan_are_problems_naming_the_file(tmp_path, corpus, sample, target, codigo):
    metas = None if target.startswith("metas") else METAS_CSV
    avances = {} if target.startswith("avances") else None
    write_plan(tmp_path, slug="a-roto", metas=metas, avances=avances, extra={target: corpus[sample].read_bytes()})
    write_plan(tmp_path, slug="b-bien")
    with contextlib.chdir(tmp_path):
        plans, problems = load_data(Path("data"))
    assert codigo in [p.codigo for p in problems if p.file == f"data/a-roto/{target}"], [str(p) for p in problems]
    assert "b-bien" in [p.slug for p in plans]


def test_an_unexpected_reader_failure_is_a_problem_not_a_traceback(tmp_path, monkeypatch):
    def broken(*args):
        raise ZeroDivisionError

    monkeypatch.setattr(load, "read_csv", broken)
    assert located(tmp_path)[0] == ("archivo-danado", "data/prueba/metas.csv", None, None, None)


def test_mapped_plans_are_read_by_the_mapping_reader(tmp_path, monkeypatch):
    calls = []

    def read_mapped(plan_dir, plan_yml, display_path, files):
        calls.append((plan_dir.name, plan_yml["mapeo"], display_path))
        table = Table("data/prueba/PLAN INDICATIVO.xlsx", "Plan", None, {c: c for c in METAS_CSV.split("\n")[0].split(",")})
        table.rows = [Row(7, dict(zip(table.columns, line.split(",")))) for line in METAS_CSV.splitlines()[1:]]
        return {**plan_yml, "periodo": [2021, 2022]}, table, {}, []

    monkeypatch.setattr(load, "read_mapped", read_mapped)
    plan_yml = PLAN_YML.replace("periodo: [2021, 2022]\n", "") + "mapeo: tenjo\n"
    (plan,), problems = load_data(write_plan(tmp_path, plan_yml=plan_yml, metas=None))
    assert [str(p) for p in problems] == []
    assert calls == [("prueba", "tenjo", str(tmp_path / "data" / "prueba"))]
    assert sorted(plan.metas) == ["M1", "M2"] and plan.cortes == [] and plan.periodo == (2021, 2022)


cell = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=10),
    st.from_regex(r"-?\$? ?[\d.,]{1,10} ?%?", fullmatch=True),
    st.sampled_from(["M1", "M2", "1.1", "1", "PLAN", "reduccion", "2021", "", "https://a.co", "=1+1"]),
)


@settings(max_examples=60, deadline=None)
@given(metas=st.lists(st.lists(cell, min_size=10, max_size=10), max_size=4),
       avances=st.lists(st.lists(cell, min_size=4, max_size=4), max_size=4))
def test_random_cells_give_a_model_or_located_problems_never_an_exception(metas, avances):
    def to_csv(header: str, rows: list[list[str]]) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([header.split(","), *rows])
        return out.getvalue()

    with tempfile.TemporaryDirectory() as tmp:
        data = write_plan(Path(tmp), metas=to_csv(METAS_CSV.splitlines()[0], metas),
                          avances={"2021-T4.csv": to_csv(AVANCES_CSV.splitlines()[0], avances)})
        plans, problems = load_data(data)
    for problem in problems:
        assert problem.file.startswith(str(data)) and str(problem)
        assert problem.row is not None or problem.file.endswith("metas.csv") or "plan.yml" in problem.file
    if not problems.has_errors:
        assert [p.slug for p in plans] == ["prueba"]


@pytest.mark.parametrize("name", ["datos", "assets", "Mi Municipio", "sopó", "-x"])
def test_plan_folder_names_must_be_usable_in_urls(tmp_path, name):
    import shutil

    shutil.copytree(Path(__file__).parent / "data" / "mini" / "mini", tmp_path / name)
    plans, problems = load_data(tmp_path)
    assert plans == []
    [problem] = problems.errors
    assert (problem.codigo, problem.file) == ("nombre-de-carpeta-no-valido", str(tmp_path / name))
