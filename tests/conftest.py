"""Shared fixtures: the demo site built once per session, a loopback server for it,
and a real headless Chromium (Debian's package) driven by Playwright."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import MARKER, build_site
from tests.helpers import PageWatch, serve

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the mini plan (tests/data/mini), to build or break."""
    copy = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "data" / "mini", copy)
    return copy


@pytest.fixture
def old_site(tmp_path) -> Path:
    """A site this tool published before: what a failed build must leave intact."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>sitio publicado anteriormente</p>", encoding="utf-8")
    (site / MARKER).write_text("", encoding="utf-8")
    return site


@pytest.fixture(scope="session")
def _demo_server(tmp_path_factory):
    """Where the demo site will be built, already served: its address is its site_url."""
    site = tmp_path_factory.mktemp("demo") / "site"
    base, server = serve(site)
    yield site, base
    server.shutdown()


@pytest.fixture(scope="session")
def demo_site_url(_demo_server) -> str:
    return _demo_server[1] + "/"


@pytest.fixture(scope="session")
def demo_site(_demo_server, demo_site_url) -> Path:
    """The repository's demo data built into a temporary site, once per session, with the
    address it is served at as site_url: the sitemap lists every page and Material's
    instant navigation takes over the clicks, as on the published site."""
    site = _demo_server[0]
    build_site(REPO / "data", site, site_url=demo_site_url)
    return site


@pytest.fixture(scope="session")
def demo_url(demo_site, _demo_server):
    return _demo_server[1]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Falta /usr/bin/chromium: ejecute ./tareas pruebas, que lo instala")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def watch(browser, demo_url):
    w = PageWatch(browser, demo_url)
    yield w
    w.close()
