"""What several test modules need, in one place: checksums of a folder, finders of the
pages of a built site, a page as MkDocs renders its Markdown, the charts in it, a
loopback server and a watched browser page, and the check that a workbook holds no
formula.

Fixtures stay in conftest.py; plans built by hand come from plan_factory.py; plans
written as files from corpus/plans.py; workbooks an office would send from workbooks.py.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import threading
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import markdown

from generator.write.search_entries import site_markdown_extensions

# ---------------------------------------------------------------- files


def tree_hash(root: Path) -> dict[str, str]:
    """sha256 of every file under `root`, by its path relative to `root`."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def assert_no_formulas(workbook: Path) -> None:
    """No cell of any worksheet of the .xlsx is a formula (text from the data stays text)."""
    with zipfile.ZipFile(workbook) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(name).decode(), (workbook.name, name)


# ---------------------------------------------------------------- pages of a built site

CHART = 'class="plotly-chart"'


def url_of(site: Path, page: Path) -> str:
    """The URL path of a built page (…/index.html) on the site's server."""
    return "/" + str(page.parent.relative_to(site)) + "/"


def first_node_page(site: Path, plan: str = "sopo") -> str:
    """The first page of the plan's top level that shows charts (an escenario page)."""
    for page in sorted((site / plan).glob("*/index.html")):
        if CHART in page.read_text(encoding="utf-8") and "datos" not in page.parts:
            return url_of(site, page)
    raise AssertionError("no hay páginas de nodos con gráficas")


def page_with(site: Path, *texts: str, plan: str = "sopo") -> str:
    """The first page of the plan (in path order) whose HTML holds every one of `texts`,
    e.g. "Meta cuatrienio" for a node of the last level (it lists its metas)."""
    pages = [p for p in sorted((site / plan).rglob("index.html"))
             if all(t in p.read_text(encoding="utf-8") for t in texts)]
    assert pages, f"ninguna página de {plan} contiene {texts}"
    return url_of(site, pages[0])


# ---------------------------------------------------------------- generated Markdown

MARKDOWN_EXTENSIONS, MARKDOWN_CONFIGS = site_markdown_extensions()


def to_html(md_source: str) -> str:
    """Markdown as MkDocs converts it for this site: the same extensions and settings."""
    return markdown.markdown(md_source, extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIGS)


def body(md_source: str) -> str:
    """A generated page as MkDocs renders its content (front matter dropped)."""
    return to_html(md_source.split("\n---\n", 1)[1])


class Charts(HTMLParser):
    """The tags of a rendered page, and the figure (JSON text) of each chart by id."""

    def __init__(self):
        super().__init__()
        self.figures: dict[str, str] = {}
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "plotly-chart" in (attrs.get("class") or ""):
            self.figures[attrs["id"]] = attrs["data-figure"]


# ---------------------------------------------------------------- a served site in a browser

PLOT = ".js-plotly-plot .main-svg"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(root: Path):
    """Serve `root` on 127.0.0.1 in a thread; returns (base_url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


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
        """The page as a reader finds it once it has settled: loaded, and its long card
        lists laid out (tablas.js, once the browser is idle)."""
        self.page.goto(self.base_url + path, wait_until="networkidle")
        self.page.wait_for_function("!document.querySelector('.tabla--larga')", timeout=10000)
        # The cards are laid out at the browser's next rendering update: wait for it (or
        # half a second, for a page the browser does not paint).
        self.page.evaluate("new Promise(r => { requestAnimationFrame(() => requestAnimationFrame(r)); setTimeout(r, 500); })")
        return self.page

    def close(self) -> None:
        self.context.close()


def assert_clean(watch: PageWatch) -> None:
    assert watch.errors == []
    assert watch.outside == []
    assert watch.dialogs == []


# Milliseconds a page's charts may take to be drawn: plotly.js loads, then one chart a
# task; on a busy two-core CI machine a page of many charts took over 15 s twice in ten runs.
CHARTS_TIMEOUT = 45000


def draw_charts(page) -> None:
    """Scroll the page down, since charts draw as they come near the viewport, and wait
    until every chart of the page is drawn; fail if one could not be."""
    page.evaluate("""async () => {
        // Half a screen at a time, each step seen by a rendering update (where the
        // IntersectionObserver runs), so no chart is scrolled past unseen.
        for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
            window.scrollTo(0, y);
            // A timer too: a page the browser does not paint never runs its frames.
            await new Promise(r => { requestAnimationFrame(() => requestAnimationFrame(r)); setTimeout(r, 150); });
        }
    }""")
    # On a loaded machine a frame can come later than the timer, and a chart scrolled
    # past unseen: each poll brings the first chart still waiting into view.
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function("""() => {
            const waiting = document.querySelector('.plotly-chart[data-figure]:not([data-drawn])');
            if (waiting) waiting.scrollIntoView({block: 'center'});
            return !waiting;
        }""", timeout=CHARTS_TIMEOUT, polling=250)
    except PlaywrightTimeout:
        raise AssertionError(f"charts not drawn in {CHARTS_TIMEOUT} ms: " + page.evaluate("""() => {
            const all = document.querySelectorAll('.plotly-chart[data-figure]');
            const waiting = [...all].filter(c => !c.hasAttribute('data-drawn'));
            const first = waiting.length ? `; the first, ${waiting[0].id || '(no id)'}, at y=` +
                `${Math.round(waiting[0].getBoundingClientRect().top)} of ${innerHeight} px` : '';
            return `${location.pathname}: ${waiting.length} of ${all.length} waiting${first}; ` +
                `plotly.js loaded: ${typeof window.Plotly !== 'undefined'}`;
        }""")) from None
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_selector(PLOT, timeout=CHARTS_TIMEOUT)
    assert page.locator('.plotly-chart[data-drawn="error"]').count() == 0


def charts_on(page) -> int:
    """How many charts the page drew, once every one of them is drawn."""
    draw_charts(page)
    return page.locator(".js-plotly-plot").count()
