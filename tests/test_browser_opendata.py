"""The data page's schema.org Dataset under Material's instant navigation, in Chromium.

Instant navigation only takes over clicks when the sitemap lists the pages, that is
when `site_url` is set; the demo site has none, so this builds the small test plan
with one. Instant navigation re-creates the content's <script> elements as JavaScript
whatever their type (a JSON-LD block there throws "Unexpected token ':'"): the block
lives in the <head>, which it does not re-run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import PageWatch, assert_clean, serve

pytestmark = pytest.mark.browser

MINI = Path(__file__).parent / "data" / "mini"


@pytest.fixture(scope="module")
def site_with_url(tmp_path_factory):
    from generator.build import build_site

    root = tmp_path_factory.mktemp("instant")
    base, server = serve(root / "kept" / "site")
    build_site(MINI, root / "site", keep_docs=root / "kept")
    config = root / "kept" / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"site_url: {base}/\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config)],
                   check=True, capture_output=True)
    yield base
    server.shutdown()


def test_instant_navigation_to_the_data_page_runs_no_json_ld(browser, site_with_url):
    watch = PageWatch(browser, site_with_url)
    try:
        page = watch.open("/mini/")
        page.evaluate("window.__sin_recarga = true")
        page.locator('.md-content a[href$="datos/"]').first.click()
        page.wait_for_url("**/mini/datos/**")
        # The URL changes before Material swaps the new page's <head> in: wait for the swap
        # (under load the two are far apart) rather than for the network.
        page.wait_for_function("document.querySelector('script[type=\"application/ld+json\"]')")
        assert page.evaluate("window.__sin_recarga") is True  # instant navigation, not a page load
        blocks = page.evaluate(
            "[...document.querySelectorAll('script[type=\"application/ld+json\"]')]"
            ".map(s => [s.parentElement.tagName, s.textContent])")
        assert [tag for tag, _ in blocks] == ["HEAD"]
        assert json.loads(blocks[0][1])["@type"] == "Dataset"
        assert_clean(watch)
    finally:
        watch.close()
