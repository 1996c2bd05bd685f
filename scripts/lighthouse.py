"""Lighthouse (mobile) on the pages a reader opens most, served as a host serves them.

    .venv/bin/python scripts/lighthouse.py                  # construye el demo y lo mide
    .venv/bin/python scripts/lighthouse.py --sitio site     # mide un sitio ya construido
    ./tareas medir --lighthouse

The site is served from 127.0.0.1 by a server that compresses like a real host: it
sends a file's `.gz` copy (written by the build) with `Content-Encoding: gzip` when the
browser accepts gzip, and compresses other text on the fly. Lighthouse 13 runs from
npm (`npx`, Node 20) with its mobile defaults (slow 4G, 4x CPU slowdown) on Chromium
(CHROME_PATH, /usr/bin/chromium unless set). This is a measurement, not a test: it
asserts nothing. Scores are Lighthouse's 0-1; bytes are transferred (compressed).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.write.compressed import COMPRESSED_SUFFIXES  # noqa: E402

LIGHTHOUSE = "lighthouse@13"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `name.gz` for `name` to a browser that accepts gzip, as nginx's
    gzip_static does, and gzips other text on the fly."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED_SUFFIXES):
            return super().send_head()
        copy = path.with_name(path.name + ".gz")
        body = copy.read_bytes() if copy.is_file() else gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(CompressingHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def pages(site: Path, data: Path, plan_slug: str) -> list[tuple[str, str]]:
    """(label, URL path) of the plan page, the first node of every level, alerts, the
    largest dependencia page and inversión, as the generator lays them out."""
    from generator.load import load_data
    from generator.render.layout import PlanLayout

    plans, problems = load_data(data)
    if problems.has_errors:
        sys.exit(f"Los datos de {data} tienen errores: construya el sitio para verlos.")
    plan = next((p for p in plans if p.slug == plan_slug), None)
    if plan is None:
        sys.exit(f"No hay un plan «{plan_slug}» en {data}.")
    layout = PlanLayout.of(plan)
    found = [("plan", layout.home_url)]
    for depth, level in enumerate(plan.niveles):
        node = next((n for n in plan.iter_nodes() if n.nivel == depth), None)
        if node is not None:
            found.append((f"{level} {node.codigo}", layout.node_url(node)))
    found.append(("alertas", layout.section_url("alertas")))
    deps = sorted((site / layout.section_url("dependencias")).glob("*/index.html"),
                  key=lambda p: (-p.stat().st_size, str(p)))
    if deps:
        found.append(("dependencia " + deps[0].parent.name, layout.section_url(f"dependencias/{deps[0].parent.name}")))
    found.append(("inversión", layout.section_url("inversion")))
    return [(label, "/" + url) for label, url in found if (site / url / "index.html").is_file()]


def lighthouse(url: str) -> dict:
    env = dict(os.environ)
    env.setdefault("CHROME_PATH", "/usr/bin/chromium")
    proc = subprocess.run(
        ["npx", "--yes", LIGHTHOUSE, url, "--chrome-flags=--headless=new --no-sandbox",
         "--output=json", "--output-path=stdout", "--quiet"],
        capture_output=True, text=True, env=env,
    )
    if proc.returncode != 0 or not proc.stdout.strip():
        sys.exit(f"Lighthouse falló en {url}:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def summary(report: dict) -> dict:
    audits = report["audits"]
    lcp_parts = audits.get("lcp-breakdown-insight", {}).get("details", {}).get("items", [])
    lcp_node = next((part for part in lcp_parts if part.get("type") == "node"), {})
    return {
        **{c: report["categories"][c]["score"] for c in CATEGORIES},
        "bytes": audits["total-byte-weight"]["numericValue"],
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["total-blocking-time"]["numericValue"] / 1000,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "lcp_element": lcp_node.get("selector", "") + " " + lcp_node.get("nodeLabel", "")[:40],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Lighthouse móvil sobre las páginas principales de un plan.")
    parser.add_argument("--sitio", type=Path, help="sitio ya construido (si falta, se construye el demo)")
    parser.add_argument("--datos", type=Path, default=REPO / "data", help="carpeta de datos (para hallar las páginas)")
    parser.add_argument("--plan", default="sopo", help="plan a medir (su carpeta en el sitio)")
    parser.add_argument("--solo", help="medir solo las páginas cuyo nombre contiene este texto")
    parser.add_argument("--json", type=Path, help="guardar aquí los informes completos de Lighthouse")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        site = args.sitio
        if site is None:
            from generator.build import build_site

            site = Path(tmp) / "site"
            print(f"Construyendo el sitio de {args.datos} ...", flush=True)
            build_site(args.datos, site)
        base, server = serve(site.resolve())
        reports = {}
        print(f"{'página':<34} {'rend.':>5} {'acces.':>6} {'práct.':>6} {'SEO':>5} "
              f"{'KB':>6} {'FCP s':>6} {'LCP s':>6} {'TBT s':>6}", flush=True)
        try:
            for label, path in pages(site, args.datos, args.plan):
                if args.solo and args.solo not in label:
                    continue
                report = lighthouse(base + path)
                reports[path] = report
                s = summary(report)
                print(f"{label[:34]:<34} {s['performance']:>5.2f} {s['accessibility']:>6.2f} "
                      f"{s['best-practices']:>6.2f} {s['seo']:>5.2f} {s['bytes'] / 1024:>6.0f} "
                      f"{s['fcp']:>6.1f} {s['lcp']:>6.1f} {s['tbt']:>6.2f}", flush=True)
                print(f"    {path}  LCP: {s['lcp_element'][:90]}", flush=True)
        finally:
            server.shutdown()
        if args.json:
            args.json.write_text(json.dumps(reports), encoding="utf-8")


if __name__ == "__main__":
    main()
