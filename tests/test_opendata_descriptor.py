"""The open data as machines and citizens read it (issue 13), on the demo site built
once per session: the Data Package validates with the reference implementation, every
published cumplimiento is a weighted sum of published columns, numbers carry their
stated precision, and the catalogue, the data page's Dataset block and the zip name
every file."""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import zipfile
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from frictionless import validate

from generator.names import name_key
from generator.write.dictionary import DICTIONARY, Column
from generator.write.opendata import published_value, table_columns

PLANS = ("gachancipa", "sopo", "tenjo")
TABLE_FILES = [f"{t}.{e}" for t in table_columns() for e in ("csv", "xlsx", "json")]


def read_csv(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def number(text: str) -> float | None:
    return None if text == "" else float(text)


def corte_of(datos: Path) -> str:
    return json.loads((datos / "datapackage.json").read_text(encoding="utf-8"))["corte"]


@pytest.mark.parametrize("plan", PLANS)
def test_the_data_package_validates_with_frictionless(demo_site, plan):
    report = validate(demo_site / "datos" / plan / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_frictionless_catches_a_broken_key(demo_site, tmp_path):
    """The keys are checked, not only declared: a meta under a node that does not exist fails."""
    copy = tmp_path / "sopo"
    copy.mkdir()
    for file in (demo_site / "datos" / "sopo").glob("*.*"):
        (copy / file.name).write_bytes(file.read_bytes())
    lines = (copy / "metas.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(csv.reader([lines[1]]))
    first[1] = "NO-EXISTE"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(first)
    (copy / "metas.csv").write_text(lines[0] + out.getvalue() + "".join(lines[2:]), encoding="utf-8")
    report = validate(copy / "datapackage.json")
    assert not report.valid
    assert "foreign-key" in {kind for [kind] in report.flatten(["type"])}


@pytest.mark.parametrize("plan", PLANS)
def test_descriptor_fields_are_the_dictionary(demo_site, plan):
    package = json.loads((demo_site / "datos" / plan / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and package["created"].endswith("T00:00:00Z")
    assert package["corte"] and package["sources"] and package["contributors"][0]["role"] == "publisher"
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == list(table_columns())
    for table, columns in table_columns().items():
        fields = resources[table]["schema"]["fields"]
        assert [f["name"] for f in fields] == columns
        for f in fields:
            column = DICTIONARY[table][f["name"]]
            assert (f["type"], f["description"]) == (column.type, column.full_description)
    assert resources["niveles"]["schema"]["primaryKey"] == ["codigo", "vigencia"]


# ----------------------------------------------------------- recomputing from the files


def _weighted(pairs: list[tuple[float, float]]) -> float | None:
    """Σ peso × cumplimiento ÷ Σ peso over the programmed ones (cumplimiento given)."""
    if not pairs:
        return None
    return sum(p * c for p, c in pairs) / sum(p for p, _ in pairs)


@pytest.mark.parametrize("plan", PLANS)
def test_every_dependencia_is_a_weighted_sum_of_metas_csv(demo_site, plan):
    datos = demo_site / "datos" / plan
    pairs: dict[tuple[str, str], list] = defaultdict(list)
    for m in read_csv(datos / "metas.csv"):
        if m["cumplimiento"] != "":
            pairs[name_key(m["dependencia"]), m["vigencia"]].append((float(m["peso_plan"]), float(m["cumplimiento"])))
    published = read_csv(datos / "dependencias.csv")
    assert published
    for d in published:
        expected = number(d["cumplimiento"])
        got = _weighted(pairs.get((name_key(d["dependencia"]), d["vigencia"]), []))
        if expected is None:
            assert got is None, d
        else:
            assert got == pytest.approx(expected, abs=1e-3), d


@pytest.mark.parametrize("plan", PLANS)
def test_every_node_is_a_weighted_sum_of_its_metas(demo_site, plan):
    """Each node: its metas' (or child nodes') peso_en_padre × cumplimiento, renormalised
    over the programmed ones. metas.csv gives the metas; niveles.csv only the tree
    (codigo, codigo_padre, peso_en_padre), its figures are what is checked."""
    datos = demo_site / "datos" / plan
    niveles = read_csv(datos / "niveles.csv")
    children: dict[tuple[str, str], list] = defaultdict(list)  # (codigo, vigencia) -> [(peso, row)]
    for m in read_csv(datos / "metas.csv"):
        children[m["codigo_padre"], m["vigencia"]].append((float(m["peso_en_padre"]), m))
    for n in niveles:
        if n["codigo_padre"]:
            children[n["codigo_padre"], n["vigencia"]].append((float(n["peso_en_padre"]), n))
    memo: dict[tuple[str, str], float | None] = {}

    def cumplimiento(row: dict) -> float | None:
        if "codigo_meta" in row:
            return number(row["cumplimiento"])
        key = row["codigo"], row["vigencia"]
        if key not in memo:
            pairs = [(p, c) for p, child in children[key] for c in [cumplimiento(child)] if c is not None]
            memo[key] = _weighted(pairs)
        return memo[key]

    for n in niveles:
        expected, got = number(n["cumplimiento"]), cumplimiento(n)
        if expected is None:
            assert got is None, n
        else:
            assert got == pytest.approx(expected, abs=1e-3), n


# ----------------------------------------------------------- precision


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


@pytest.mark.parametrize("plan", PLANS)
def test_every_number_has_at_most_its_stated_decimals_and_json_agrees(demo_site, plan):
    datos = demo_site / "datos" / plan
    for table, columns in table_columns().items():
        rows = read_csv(datos / f"{table}.csv")
        records = json.loads((datos / f"{table}.json").read_text(encoding="utf-8"))
        assert len(rows) == len(records)
        for row, record in zip(rows, records):
            for name in columns:
                column = DICTIONARY[table][name]
                if column.decimals is None or row[name] == "":
                    continue
                assert "e" not in row[name].lower(), (table, name, row[name])
                assert _decimals(row[name]) <= column.decimals, (table, name, row[name])
                assert Decimal(row[name]) == Decimal(repr(record[name])), (table, name)


def test_the_artefacts_of_binary_floats_are_not_published(demo_site):
    text = "".join((demo_site / "datos" / p / f"{t}.csv").read_text(encoding="utf-8")
                   for p in PLANS for t in table_columns())
    assert not re.search(r"\d\.\d*(?:0000000|9999999)\d", text)


def test_published_value_rounds_half_up_on_the_decimal_text():
    four = Column("number", "x", 4)
    assert published_value(5.069999999999999, four) == 5.07
    assert published_value(0.00005, four) == 0.0001
    assert published_value(-0.00001, four) == 0.0 and str(published_value(-0.00001, four)) == "0.0"
    assert published_value(7, Column("number", "x", 2)) == 7 and isinstance(published_value(7, four), int)
    assert published_value("5.069999999999999", four) == "5.069999999999999"  # text stays as written
    assert published_value(None, four) is None and published_value(1.23456, Column("string", "x")) == 1.23456


def test_a_number_rounded_once_keeps_its_type_and_precision_when_it_comes_back():
    # Each number is rounded once (a cache): 2 == 2.0, but each keeps its own type.
    two, four = Column("number", "x", 2), Column("number", "x", 4)
    assert [type(published_value(v, two)) for v in (2.0, 2, 2.0, 2)] == [float, int, float, int]
    assert published_value(1.23456, two) == 1.23 and published_value(1.23456, four) == 1.2346
    # A float of a subclass (numpy's float64 is one) is published as a float, as before.
    assert type(published_value(type("Float", (float,), {})(2.5), two)) is float


# ----------------------------------------------------------- catalogue, data page, zip


def _plan_files(datos: Path) -> list[str]:
    """The plan's published files; their .gz copies are for the web server, not a download."""
    return sorted(p.name for p in datos.iterdir() if p.is_file() and p.suffix != ".gz")


def test_the_catalogue_is_dcat_with_a_download_for_every_file(demo_site):
    catalogue = json.loads((demo_site / "datos" / "catalogo.jsonld").read_text(encoding="utf-8"))
    assert {"dcat", "dct"} <= set(catalogue["@context"]) and catalogue["@type"] == "dcat:Catalog"
    datasets = catalogue["dcat:dataset"]
    assert [d["@id"] for d in datasets] == ["gachancipa/", "sopo/", "tenjo/"]
    for dataset in datasets:
        for key in ("dct:title", "dct:description", "dct:publisher", "dct:license", "dct:temporal", "dct:spatial"):
            assert dataset[key], key
        assert dataset["dct:publisher"]["foaf:name"].startswith("Alcaldía Municipal de")
        assert dataset["dct:temporal"]["dcat:startDate"]["@value"].endswith("-01-01")
        downloads = [d["dcat:downloadURL"]["@id"] for d in dataset["dcat:distribution"]]
        plan = dataset["@id"].rstrip("/")
        assert sorted(downloads) == [f"{plan}/{name}" for name in _plan_files(demo_site / "datos" / plan)]
        for d in dataset["dcat:distribution"]:
            assert d["dcat:mediaType"]["@id"].startswith("https://www.iana.org/assignments/media-types/")
            assert (demo_site / "datos" / d["dcat:accessURL"]["@id"] / "index.html").exists()
    assert [d["dct:spatial"]["locn:geographicName"] for d in datasets] == [
        "Gachancipá (Cundinamarca)", "Sopó (Cundinamarca)", "Tenjo (Cundinamarca)"]


def _json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in
            re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)]


@pytest.mark.parametrize("plan", PLANS)
def test_the_data_page_carries_a_dataset_with_a_download_for_every_file(demo_site, plan):
    html = (demo_site / plan / "datos" / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    [dataset] = _json_ld(head)  # in the <head>: instant navigation never runs it
    assert not _json_ld(html.split("</head>")[1])
    assert dataset["@type"] == "Dataset" and dataset["license"].startswith("https://creativecommons.org/")
    urls = [d["contentUrl"] for d in dataset["distribution"]]
    assert all(d["@type"] == "DataDownload" and d["encodingFormat"] for d in dataset["distribution"])
    page_dir = f"/{plan}/datos/"
    files = sorted(posixpath.normpath(posixpath.join(page_dir, u)) for u in urls)
    assert files == [f"/datos/{plan}/{name}" for name in _plan_files(demo_site / "datos" / plan)]
    assert f'href="../../datos/{plan}/datos-{plan}-{corte_of(demo_site / "datos" / plan)}.zip"' in html


@pytest.mark.parametrize("plan", PLANS)
def test_the_zip_holds_every_file_and_the_descriptor(demo_site, plan):
    datos = demo_site / "datos" / plan
    name = f"datos-{plan}-{corte_of(datos)}.zip"
    with zipfile.ZipFile(datos / name) as archive:
        names = archive.namelist()
        assert names == sorted(TABLE_FILES + ["datapackage.json"])
        for info in archive.infolist():
            assert archive.read(info) == (datos / info.filename).read_bytes()
            assert info.date_time[3:] == (0, 0, 0)


def test_the_zip_does_not_depend_on_file_times(tmp_path):
    import os

    from generator.write.descriptor import write_zip

    files = [tmp_path / "b.csv", tmp_path / "a.csv"]
    for f in files:
        f.write_text(f.name, encoding="utf-8")
    write_zip(tmp_path / "1.zip", files, date(2021, 7, 15))
    for f in files:
        os.utime(f, (0, 2_000_000_000))
    write_zip(tmp_path / "2.zip", files[::-1], date(2021, 7, 15))
    assert (tmp_path / "1.zip").read_bytes() == (tmp_path / "2.zip").read_bytes()
    assert zipfile.ZipFile(tmp_path / "1.zip").namelist() == ["a.csv", "b.csv"]


def test_the_methodology_example_is_the_demo_metas_csv(demo_site):
    """The calculator example of docs/metodologia.md uses the figures Sopó publishes."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "metodologia.md").read_text(encoding="utf-8")
    example = re.findall(r"^\| ([0-9A-Z.]+\.\d\d) \| ([\d,]+) \| ([\d,]+) \|", text, re.MULTILINE)
    assert len(example) == 9
    metas = {(m["codigo_meta"], m["vigencia"]): m for m in read_csv(demo_site / "datos" / "sopo" / "metas.csv")}
    for codigo, peso, cumplimiento in example:
        m = metas[codigo, "2021"]
        assert m["dependencia"] == "Secretaría de Hacienda"
        assert (float(peso.replace(",", ".")), float(cumplimiento.replace(",", "."))) == (
            float(m["peso_plan"]), float(m["cumplimiento"]))
    hacienda = [m for m in metas.values() if m["vigencia"] == "2021" and m["dependencia"] == "Secretaría de Hacienda"]
    assert len(hacienda) == 9
    [row] = [d for d in read_csv(demo_site / "datos" / "sopo" / "dependencias.csv")
             if d["dependencia"] == "Secretaría de Hacienda" and d["vigencia"] == "2021"]
    assert f"{row['cumplimiento'].replace('.', ',')} %" in text


def test_the_accessibility_statement_is_published_and_in_the_nav(demo_site):
    page = (demo_site / "accesibilidad" / "index.html").read_text(encoding="utf-8")
    for needed in ("WCAG", "2.1", "AA", "1519 de 2020", "axe-core", "Limitaciones conocidas", "Contacto"):
        assert needed in page, needed
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    assert 'href="accesibilidad/"' in home
    data_page = (demo_site / "sopo" / "datos" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../accesibilidad/"' in data_page  # the nav, on every page


def test_json_ld_text_can_neither_close_its_script_nor_read_as_markup():
    import yaml

    from generator.render.layout import front_matter

    hostile = "</script><img src=x onerror=alert('x')> & y"
    meta = yaml.safe_load(front_matter("t", {"name": hostile}).split("---")[1])
    assert not re.search(r"[<>&=']", meta["jsonld"])
    assert json.loads(meta["jsonld"]) == {"name": hostile}


def test_the_dictionary_describes_exactly_the_published_columns():
    for table, columns in table_columns().items():
        assert set(DICTIONARY[table]) == set(columns), table
        for column in DICTIONARY[table].values():
            assert column.description.endswith(".") and (column.decimals is None) == (column.type != "number")
