"""Shared fixtures: the demo site built once per session, a loopback server for it,
and a real headless Chromium (Debian's package) driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(root: Path):
    """Serve `root` on 127.0.0.1 in a thread; returns (base_url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


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


PLOT = ".js-plotly-plot .main-svg"


def draw_charts(page) -> None:
    """Scroll the page down, since charts draw as they come near the viewport, and wait
    until every chart of the page is drawn; fail if one could not be."""
    page.wait_for_selector(PLOT, timeout=15000)
    page.evaluate("""async () => {
        for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
            window.scrollTo(0, y);
            await new Promise(r => setTimeout(r, 50));
        }
        window.scrollTo(0, 0);
    }""")
    page.wait_for_function("!document.querySelector('.plotly-chart[data-figure]:not([data-drawn])')", timeout=15000)
    assert page.locator('.plotly-chart[data-drawn="error"]').count() == 0


class PageWatch:
    """A page with every console error, page error, dialog and outside request recorded."""

    def __init__(self, browser, base_url: str, **context_args):
        self.base_url = base_url
        self.context = browser.new_context(**context_args)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", self._on_request)
        self.page.on("dialog", self._on_dialog)

    def _on_request(self, request) -> None:
        if not request.url.startswith((self.base_url, "data:", "blob:", "about:")):
            self.outside.append(request.url)

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str):
        self.page.goto(self.base_url + path, wait_until="networkidle")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watch(browser, demo_url):
    w = PageWatch(browser, demo_url)
    yield w
    w.close()
