"""Readers: xlsx and CSV to located tables, plan.yml with lines, broken files refused."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.read import safety
from generator.read.csv_file import read_csv
from generator.read.safety import FileRefused
from generator.read.xlsx import read_xlsx
from generator.read.yaml_file import YamlProblem, key_path, read_yaml
from tests.corpus.make_corpus import make_corpus
from tests.workbooks import write_workbook

EXPECTED = {"codigo_meta", "vigencia", "ejecutado"}


def test_xlsx_header_below_title_rows_and_rows_numbered_as_excel_shows_them(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx", {"Avances": [
        ["Alcaldía Municipal de Sopó"],
        ["Seguimiento al Plan Indicativo", None, "Corte: 2021-T3"],
        [],
        ["Código Meta", "VIGENCIA", "Ejecutado", "Notas"],
        ["1001", 2021, 5],
        [],
        [1002.0, 2021, "12,5"],
    ]})
    book = openpyxl.load_workbook(path)
    book["Avances"].merge_cells("A1:D1")
    book.save(path)
    table, problems = read_xlsx(path, "data/x/avances/2021-T3.xlsx", EXPECTED)
    assert problems == []
    assert (table.sheet, table.header_row) == ("Avances", 4)
    assert table.columns == {"codigo_meta": "Código Meta", "vigencia": "VIGENCIA", "ejecutado": "Ejecutado", "notas": "Notas"}
    assert [r.number for r in table.rows] == [5, 7]
    assert table.rows[1].cells["codigo_meta"] == 1002.0
    assert table.rows[1].cells["ejecutado"] == "12,5"


def test_xlsx_reads_the_first_visible_sheet_unless_one_is_named(tmp_path):
    path = write_workbook(tmp_path / "m.xlsx", {
        "Listas": [["codigo_meta"], ["oculta"]],
        "Metas": [["codigo_meta"], ["visible"]],
        "Otra": [["codigo_meta"], ["nombrada"]],
    }, hidden={"Listas"})
    assert read_xlsx(path, "m.xlsx", EXPECTED)[0].rows[0].cells["codigo_meta"] == "visible"
    assert read_xlsx(path, "m.xlsx", EXPECTED, sheet="Otra")[0].rows[0].cells["codigo_meta"] == "nombrada"
    with pytest.raises(FileRefused, match='no tiene la hoja "Plan".*"Listas", "Metas", "Otra"') as refused:
        read_xlsx(path, "m.xlsx", EXPECTED, sheet="Plan")
    assert refused.value.codigo == "hoja-inexistente"


def test_repeated_header_is_a_problem_at_the_header_row(tmp_path):
    path = write_workbook(tmp_path / "r.xlsx", {"H": [["codigo_meta", "Código meta"], ["M1", "M2"]]})
    table, problems = read_xlsx(path, "r.xlsx", EXPECTED)
    assert [(p.codigo, p.file, p.sheet, p.row, p.column) for p in problems] == [("columna-repetida", "r.xlsx", "H", 1, "Código meta")]


def test_csv_with_semicolons_and_bom(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("\ufeffInforme de avance;;\nCódigo-Meta;Vigencia;Ejecutado\nM1;2021;1.234,5\n\n;;\nM2;2021;3\n".encode())
    table, problems = read_csv(path, "a.csv", EXPECTED)
    assert problems == [] and table.sheet is None and table.header_row == 2
    assert [(r.number, r.cells["ejecutado"]) for r in table.rows] == [(3, "1.234,5"), (6, "3")]


def test_csv_rows_keep_their_starting_line_across_multiline_cells(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('codigo_meta,vigencia,ejecutado,observaciones\nM1,2021,1,"dos\nlíneas"\nM2,2021,doce,\n', encoding="utf-8")
    table, _ = read_csv(path, "a.csv", EXPECTED)
    assert [r.number for r in table.rows] == [2, 4]


def test_csv_row_wider_than_the_header_is_an_unquoted_decimal_comma(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("codigo_meta,vigencia,ejecutado\nM1,2021,12,5\nM2,2021,3,\n", encoding="utf-8")
    table, problems = read_csv(path, "a.csv", EXPECTED)
    assert [str(p) for p in problems] == [
        "a.csv, fila 2: la fila tiene más celdas que la fila de encabezados; si escribió números con coma decimal, "
        "póngalos entre comillas o use punto y coma (;) como separador [fila-con-celdas-de-mas]"
    ]


def test_a_file_with_only_blank_rows_has_no_header(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(",,\n\n", encoding="utf-8")
    table, problems = read_csv(path, "a.csv", EXPECTED)
    assert [(p.codigo, p.file, p.row) for p in problems] == [("archivo-vacio", "a.csv", None)]


def test_row_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(safety, "MAX_ROWS", 3)
    path = tmp_path / "a.csv"
    path.write_text("codigo_meta\n1\n2\n3\n4\n", encoding="utf-8")
    with pytest.raises(FileRefused, match="más de 3 filas") as refused:
        read_csv(path, "a.csv", EXPECTED)
    assert refused.value.codigo == "hoja-muy-grande"
    book = write_workbook(tmp_path / "a.xlsx", {"Hoja": [["codigo_meta"], [1], [2], [3]]})
    with pytest.raises(FileRefused, match='la hoja "Hoja" tiene más de 3 filas'):
        read_xlsx(book, "a.xlsx", EXPECTED)


def test_total_uncompressed_size_limit(tmp_path, monkeypatch):
    path = write_workbook(tmp_path / "a.xlsx", {"H": [["codigo_meta"], ["M1"]]})
    monkeypatch.setattr(safety, "MAX_UNZIPPED_BYTES", 1000)
    with pytest.raises(FileRefused, match="descomprimido; el máximo es") as refused:
        read_xlsx(path, "a.xlsx", EXPECTED)
    assert refused.value.codigo == "archivo-muy-grande"


def test_file_size_limit(tmp_path, monkeypatch):
    path = tmp_path / "a.csv"
    path.write_text("codigo_meta\nM1\n", encoding="utf-8")
    monkeypatch.setattr(safety, "MAX_FILE_BYTES", 5)
    with pytest.raises(FileRefused, match="el máximo es") as refused:
        read_csv(path, "a.csv", EXPECTED)
    assert refused.value.codigo == "archivo-muy-grande"


CORPUS = {  # sample -> (code, part of the Spanish message)
    "vacio.xlsx": ("archivo-vacio", "el archivo está vacío"),
    "vacio.csv": ("archivo-vacio", "el archivo está vacío"),
    "pdf-renombrado.xlsx": ("tipo-de-archivo-equivocado", "no es un libro de Excel .xlsx: es un PDF"),
    "zip-danado.xlsx": ("archivo-danado", "está dañado"),
    "csv-renombrado.xlsx": ("tipo-de-archivo-equivocado", "no es un libro de Excel .xlsx: parece un archivo de texto"),
    "bomba-xml.xlsx": ("archivo-no-seguro", "DOCTYPE/ENTITY"),
    "bomba-zip.xlsx": ("archivo-no-seguro", "bomba zip"),
    "celda-lejana.xlsx": ("hoja-muy-grande", "llega hasta la fila 20000 y la columna 16384"),
    "windows-1252.csv": ("codificacion-no-utf8", 'no está en UTF-8 (primer carácter no válido en la línea 3); en Excel use "Guardar como" y elija "CSV UTF-8'),
    "xlsx-renombrado.csv": ("tipo-de-archivo-equivocado", "no es un archivo de texto"),
    "plan-roto.yml": ("yaml-no-valido", "no es un YAML válido"),
    "plan-tabulador.yml": ("yaml-tabulador", "tabulador"),
    "plan-alias.yml": ("yaml-anclas", "anclas o alias"),
    "plan-anidado.yml": ("yaml-muy-anidado", "niveles de listas o claves anidadas"),
}


CORPUS_DIR = Path(__file__).parent / "corpus" / "archivos"


@pytest.fixture(scope="module")
def corpus():
    """The committed regression corpus: the bytes that once broke a reader stay as they are."""
    return {p.name: p for p in CORPUS_DIR.iterdir()}


def test_the_committed_corpus_holds_every_sample_make_corpus_knows(tmp_path):
    assert sorted(p.name for p in CORPUS_DIR.iterdir()) == sorted(make_corpus(tmp_path))


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_broken_files_are_refused_quickly_with_a_spanish_message(corpus, name):
    start = time.perf_counter()
    readers = {".xlsx": lambda p: read_xlsx(p, name, EXPECTED), ".csv": lambda p: read_csv(p, name, EXPECTED),
               ".yml": lambda p: read_yaml(p, name)}
    with pytest.raises(FileRefused) as refused:
        readers[corpus[name].suffix](corpus[name])
    codigo, message = CORPUS[name]
    assert refused.value.codigo == codigo and message in refused.value.message
    assert time.perf_counter() - start < 2


def test_yaml_errors_carry_their_line(corpus):
    with pytest.raises(YamlProblem) as refused:
        read_yaml(corpus["plan-roto.yml"], "plan.yml")
    assert refused.value.line == 3


def test_yaml_keeps_the_line_of_every_key(tmp_path):
    path = tmp_path / "plan.yml"
    path.write_text("nombre: P\nestructura:\n  - codigo: 1\n    peso: -2\n", encoding="utf-8")
    doc = read_yaml(path, "data/p/plan.yml")
    assert doc.data["estructura"][0]["codigo"] == 1
    assert doc.line(("estructura", 0, "peso")) == 4
    assert doc.line(("estructura", 0, "hijos")) == 3  # missing key: its nearest ancestor
    assert key_path(("estructura", 0, "peso")) == "estructura[0].peso"


def test_yaml_repeated_key_is_refused(tmp_path):
    path = tmp_path / "plan.yml"
    path.write_text("nombre: A\nnombre: B\n", encoding="utf-8")
    with pytest.raises(YamlProblem, match='"nombre" está repetida') as refused:
        read_yaml(path, "plan.yml")
    assert (refused.value.codigo, refused.value.line) == ("clave-repetida", 2)


header_names = st.sampled_from(["codigo_meta", "Código Meta", "VIGENCIA", "ejecutado", "otra", "", "x;y", '"'])
cell_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    header=st.lists(header_names, min_size=1, max_size=5),
    rows=st.lists(st.lists(st.one_of(cell_text, st.from_regex(r"-?[\d.,]{1,9}%?", fullmatch=True)), max_size=6), max_size=8),
    separator=st.sampled_from([",", ";"]),
    bom=st.booleans(),
)
def test_csv_reader_returns_a_table_or_a_refusal(tmp_path, header, rows, separator, bom):
    out = io.StringIO()
    csv.writer(out, delimiter=separator).writerows([header] + rows)
    path = tmp_path / "h.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode())
    try:
        table, problems = read_csv(path, "h.csv", EXPECTED)
    except FileRefused as exc:
        assert exc.message and exc.codigo
    else:
        assert all(p.file == "h.csv" for p in problems)
        assert all(r.number >= 1 for r in table.rows)
