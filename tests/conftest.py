"""Shared fixtures: the demo site built once per session, a loopback server for it,
and a real headless Chromium (Debian's package) driven by Playwright."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import PageWatch, serve

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The repository's demo data built into a temporary site, once per session."""
    from generator.build import build_site

    site = tmp_path_factory.mktemp("demo") / "site"
    build_site(REPO / "data", site)
    return site


@pytest.fixture(scope="session")
def demo_url(demo_site):
    base, server = serve(demo_site)
    yield base
    server.shutdown()


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
