"""Build speed (issue 11): the shortcuts taken for speed change no byte of the site,
and the benchmark that measures them runs."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

from generator.compute.plan import compute_plan
from generator.load import load_data
from generator.render import charts
from generator.render.site import write_docs
from tests.helpers import Charts, tree_hash

REPO = Path(__file__).resolve().parent.parent
PUBLISHED = datetime.date(2021, 12, 31)


def test_pages_written_in_parallel_are_the_serial_ones(tmp_path):
    plans, problems = load_data(REPO / "data")
    assert not problems.has_errors
    results = [compute_plan(plan) for plan in plans]
    serial = write_docs(results, tmp_path / "serial", published=PUBLISHED, workers=1)
    parallel = write_docs(results, tmp_path / "parallel", published=PUBLISHED, workers=2)
    assert parallel == serial
    first, second = tree_hash(tmp_path / "serial"), tree_hash(tmp_path / "parallel")
    assert len(first) > 200 and first == second


def test_a_figure_attribute_holds_any_quote_and_gives_back_the_exact_json():
    name = """O'Brien "el 'bueno'" & <b>cía</b> = 1"""
    fig = charts.grouped_bars([name], [charts.Series(name, [1.0], ["1"], "#000000")], name)
    block = charts.figure_html(fig, "fig-x", "t")
    attribute = block.split("data-figure='", 1)[1].split("'>", 1)[0]
    assert "'" not in attribute and "<" not in attribute and "&quot;" not in attribute
    parser = Charts()
    parser.feed(block)
    assert parser.figures["fig-x"] == charts.figure_json(fig)
    assert json.loads(parser.figures["fig-x"]) == fig


def test_the_benchmark_measures_the_floor_and_the_demo_side_by_side():
    out = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "benchmark.py"), "--piso", "--datos", str(REPO / "tests" / "data" / "mini")],
        capture_output=True, text=True, timeout=600, check=True,
    ).stdout
    assert "Piso: MkDocs Material solo" in out and "mkdocs build:" in out
    for stage in ("leer y validar", "escribir páginas", "mkdocs", "datos abiertos"):
        assert f"etapa: {stage}" in out, stage
    assert "memoria pico del generador (MB)" in out and "Demostración ÷ piso:" in out
