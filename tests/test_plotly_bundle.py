"""The partial plotly.js the site serves: built from the pinned npm packages by
scripts/plotly/, with the trace types the charts use and its licences beside it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.render import charts

REPO = Path(__file__).resolve().parent.parent
ASSETS = REPO / "docs" / "assets" / "javascripts"
SCRIPT = REPO / "scripts" / "plotly"


def test_entry_registers_exactly_the_traces_the_charts_may_use():
    registered = set(re.findall(r'require\("plotly\.js/lib/(\w+)"\)', (SCRIPT / "entry.js").read_text()))
    assert registered - {"core"} == charts.BUNDLED_TRACES


def test_the_bundle_is_the_pinned_plotly_and_carries_its_licences():
    lock = json.loads((SCRIPT / "package-lock.json").read_text())
    version = lock["packages"]["node_modules/plotly.js"]["version"]
    assert json.loads((SCRIPT / "package.json").read_text())["devDependencies"]["plotly.js"] == version
    bundle = (ASSETS / "plotly.min.js").read_bytes()
    assert f'version:"{version}"'.encode() in bundle or f'version="{version}"'.encode() in bundle
    assert 1_000_000 < len(bundle) < 1_600_000  # the whole plotly.min.js is 4.8 MB
    licences = (ASSETS / "plotly.LICENSE.txt").read_text()
    assert f"plotly.js {version}" in licences and "MIT License" in licences


def test_a_chart_with_a_trace_the_bundle_lacks_is_refused():
    with pytest.raises(charts.UnbundledTrace, match="pie"):
        charts.figure_json({"data": [{"type": "pie", "values": [1, 2]}], "layout": {}})


@pytest.mark.parametrize("trace", sorted(charts.BUNDLED_TRACES))
def test_a_chart_with_a_bundled_trace_is_accepted(trace):
    figure = {"data": [{"type": trace}], "layout": {}}
    assert json.loads(charts.figure_json(figure))["data"][0]["type"] == trace
