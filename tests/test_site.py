"""End to end: the demo data built into a real site, checked page by page."""

from __future__ import annotations

import csv
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from generator.build import build_site

HOSTIL = Path(__file__).parent / "data" / "hostil"
NODE_PAGE_MAX_BYTES = 200 * 1024


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.resources: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag in ("script", "img", "iframe") and attrs.get("src"):
            self.resources.append(attrs["src"])
        # The canonical link names the page's own public address (site_url): nothing is fetched.
        if tag == "link" and attrs.get("href") and attrs.get("rel") != "canonical":
            self.resources.append(attrs["href"])


def parse(page: Path) -> Links:
    links = Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def resolve(site: Path, page: Path, href: str) -> Path | None:
    """The file an internal link points to, or None for an outside link."""
    url = urlparse(href)
    if url.scheme or url.netloc or href.startswith("#"):
        return None
    base = "/" + str(page.relative_to(site).parent).strip(".") + "/"
    target = unquote(urlparse(urljoin(base, url.path)).path).lstrip("/")
    path = site / target
    return path / "index.html" if href.endswith("/") or path.is_dir() else path


def node_pages(site: Path) -> list[Path]:
    return [p for p in pages(site) if 'class="plotly-chart"' in p.read_text(encoding="utf-8")]


def test_every_internal_link_and_resource_exists(demo_site):
    broken = []
    for page in pages(demo_site):
        links = parse(page)
        for href in links.hrefs + links.resources:
            target = resolve(demo_site, page, href)
            if target is not None and not target.exists():
                broken.append(f"{page.relative_to(demo_site)} -> {href}")
    assert broken == []


def test_no_resource_comes_from_another_host(demo_site):
    outside = [
        f"{page.relative_to(demo_site)}: {src}"
        for page in pages(demo_site)
        for src in parse(page).resources
        if urlparse(src).scheme or src.startswith("//")
    ]
    assert outside == []


def test_pages_are_spanish_and_the_demo_is_flagged(demo_site):
    for page in pages(demo_site):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="es"' in html, page
    for page in (demo_site / "sopo").rglob("*.html"):
        assert "demostración" in page.read_text(encoding="utf-8").lower(), page


def test_node_pages_are_light_and_never_inline_plotly(demo_site):
    charts = node_pages(demo_site)
    assert len(charts) >= 90  # the plan, 4 escenarios, 22 prospectivas, 67 apuestas
    heavy = [f"{p.relative_to(demo_site)}: {p.stat().st_size}" for p in charts if p.stat().st_size > NODE_PAGE_MAX_BYTES]
    assert heavy == []
    for page in charts:
        assert "Plotly.newPlot" not in page.read_text(encoding="utf-8")
    bundles = [p for p in demo_site.rglob("plotly*.js")]
    assert len(bundles) == 1 and bundles[0].stat().st_size > 1_000_000


def test_open_data_is_published_and_linked(demo_site):
    datos = demo_site / "datos" / "sopo"
    for table in ("niveles", "metas", "historial"):
        for ext in ("csv", "xlsx", "json"):
            assert (datos / f"{table}.{ext}").stat().st_size > 0
    linked = {
        resolve(demo_site, page, href)
        for page in pages(demo_site)
        for href in parse(page).hrefs
    }
    assert {datos / f"{t}.{e}" for t in ("niveles", "metas") for e in ("csv", "xlsx", "json")} <= linked


def test_open_data_counts_match_the_plan(demo_site):
    rows = list(csv.DictReader(io.StringIO((demo_site / "datos" / "sopo" / "niveles.csv").read_text(encoding="utf-8"))))
    levels = {r["nivel"] for r in rows}
    assert levels == {"plan", "escenario de cambio", "prospectiva", "escenario de apuesta"}
    plan_rows = [r for r in rows if r["nivel"] == "plan"]
    assert {r["metas_total"] for r in plan_rows} == {"477"}
    for row in plan_rows:
        tops = [r for r in rows if r["nivel"] == "escenario de cambio" and r["vigencia"] == row["vigencia"]]
        assert sum(float(r["peso_plan"]) for r in tops) == pytest.approx(100)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("hostil") / "data"
    shutil.copytree(HOSTIL, data)
    site = data.parent / "site"
    build_site(data, site)
    return site


def test_hostile_text_is_never_markup(hostile_site):
    raw_markup = re.compile(r"<script>alert|<img src=x|<svg onload|href=\"javascript:|onerror=alert\(", re.I)
    for page in pages(hostile_site):
        html = page.read_text(encoding="utf-8")
        assert not raw_markup.search(html), (page, raw_markup.search(html).group(0))
        assert ">49<" not in html


def test_hostile_text_in_open_data_is_neutralised(hostile_site):
    metas = (hostile_site / "datos" / "hostil" / "metas.csv").read_text(encoding="utf-8")
    assert "'=1+1" in metas and "'@SUM(A1)" in metas and "'+57 300" in metas and "'-2+3" in metas


def test_observations_evidence_and_other_columns_are_shown(demo_site):
    leaves = [p.read_text(encoding="utf-8") for p in (demo_site / "sopo").glob("*-*-*/index.html")]
    assert any("Evidencia del avance" in html and 'href="https://ejemplo.org/demo-sopo/' in html for html in leaves)
    assert any("<strong>ODS:</strong>" in html for html in leaves)
