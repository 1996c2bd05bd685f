"""Benchmark: synthetic plans of several sizes through every stage.

    .venv/bin/python scripts/benchmark.py                 # 500, 5.000 y 50.000 metas
    .venv/bin/python scripts/benchmark.py --metas 500 5000 --sitio
    .venv/bin/python scripts/benchmark.py --sopo           # el sitio de demostración

Each size runs in its own process so the peak memory (maximum resident set) is that
size's own. Times are wall-clock seconds on this machine: compare them as ratios
between sizes within one run, not against another machine. This is a measurement,
not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TOPS, MIDS = 5, 5  # 5 top nodes with 5 children each; leaves hold about 10 metas


def write_synthetic_plan(root: Path, n_metas: int, fmt: str) -> Path:
    """A valid 3-level plan with `n_metas` metas and two cortes of 2021."""
    import random

    import yaml
    from openpyxl import Workbook

    rng = random.Random(n_metas)
    plan_dir = root / f"sintetico-{n_metas}"
    (plan_dir / "avances").mkdir(parents=True)
    leaves_per_mid = max(1, n_metas // (TOPS * MIDS * 10))
    leaves = [f"{t}.{m}.{a}" for t in range(1, TOPS + 1) for m in range(1, MIDS + 1)
              for a in range(1, leaves_per_mid + 1)]
    estructura = [
        {"codigo": str(t), "nombre": f"Línea {t}", "peso": rng.randint(5, 40), "hijos": [
            {"codigo": f"{t}.{m}", "nombre": f"Sector {t}.{m}", "hijos": [
                {"codigo": f"{t}.{m}.{a}", "nombre": f"Programa {t}.{m}.{a}"}
                for a in range(1, leaves_per_mid + 1)]}
            for m in range(1, MIDS + 1)]}
        for t in range(1, TOPS + 1)
    ]
    plan = {"nombre": f"Plan sintético de {n_metas} metas", "entidad": "Municipio de prueba",
            "periodo": [2020, 2023], "demo": True,
            "niveles": ["línea", "sector", "programa"], "estructura": estructura}
    (plan_dir / "plan.yml").write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")

    header = ["codigo_meta", "codigo_padre", "meta", "indicador", "unidad", "tipo",
              "meta_cuatrienio", "programado_2020", "programado_2021", "programado_2022",
              "programado_2023", "dependencia"]
    metas, avances = [], {"2021-T2": [], "2021-T4": []}
    for i in range(n_metas):
        code = f"M{i + 1:06d}"
        p = [rng.choice([0, 5, 10, 20]) for _ in range(4)]
        metas.append([code, leaves[i % len(leaves)], f"Meta {i + 1}", "Indicador", "Número",
                      "incremento", sum(p), *p, f"Dependencia {i % 15 + 1}"])
        if p[1] and rng.random() > 0.05:
            half = round(p[1] * rng.random(), 1)
            avances["2021-T2"].append([code, 2021, half])
            avances["2021-T4"].append([code, 2021, round(half + p[1] * rng.random(), 1)])

    def write(path: Path, cols: list, rows: list) -> None:
        if fmt == "csv":
            import csv

            with open(path.with_suffix(".csv"), "w", newline="", encoding="utf-8") as f:
                csv.writer(f).writerows([cols, *rows])
            return
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Hoja1")
        ws.append(cols)
        for row in rows:
            ws.append(row)
        wb.save(path.with_suffix(".xlsx"))

    write(plan_dir / "metas", header, metas)
    for corte, rows in avances.items():
        write(plan_dir / "avances" / corte, ["codigo_meta", "vigencia", "ejecutado"], rows)
    return root


def measure_one(n_metas: int, fmt: str, site: bool, data_dir: Path | None) -> dict:
    from generator.compute.plan import compute_plan
    from generator.load import load_data

    out: dict = {"metas": n_metas}
    with tempfile.TemporaryDirectory() as tmp:
        if data_dir is None:
            start = time.perf_counter()
            data_dir = write_synthetic_plan(Path(tmp), n_metas, fmt)
            out["generar datos"] = time.perf_counter() - start
        start = time.perf_counter()
        plans, problems = load_data(data_dir)
        out["leer y validar"] = time.perf_counter() - start
        if problems.has_errors:
            out["errores"] = [str(p) for p in problems.errors[:5]]
            return out
        out["metas"] = sum(len(p.metas) for p in plans)
        start = time.perf_counter()
        for plan in plans:
            compute_plan(plan)
        out["calcular"] = time.perf_counter() - start
        if site:
            from generator.build import build_site

            target = Path(tmp) / "site"
            start = time.perf_counter()
            report = build_site(data_dir, target)
            out["sitio completo"] = time.perf_counter() - start
            out.update({f"sitio: {k}": v for k, v in report.seconds.items()})
            pages = [p for p in target.rglob("*.html")]
            largest = max(pages, key=lambda p: p.stat().st_size)
            out["páginas"] = len(pages)
            out["página más grande (KB)"] = largest.stat().st_size / 1024
            out["página más grande"] = str(largest.relative_to(target))
            out["sitio (MB)"] = sum(p.stat().st_size for p in target.rglob("*") if p.is_file()) / 2**20
    out["memoria pico (MB)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if site:
        out["memoria pico de MkDocs (MB)"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--metas", type=int, nargs="+", default=[500, 5000, 50000])
    parser.add_argument("--formato", choices=["xlsx", "csv"], default="xlsx")
    parser.add_argument("--sitio", action="store_true", help="también construye el sitio completo (MkDocs)")
    parser.add_argument("--sopo", action="store_true", help="mide el sitio de demostración de data/")
    parser.add_argument("--una", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.una is not None:
        data = REPO / "data" if args.una == 0 else None
        print(json.dumps(measure_one(args.una, args.formato, args.sitio, data)))
        return
    sizes = [0] if args.sopo else args.metas
    for n in sizes:
        cmd = [sys.executable, __file__, "--una", str(n), "--formato", args.formato]
        cmd += ["--sitio"] if args.sitio or args.sopo else []
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"{n} metas: falló\n{proc.stderr[-2000:]}")
            continue
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"— {result['metas']} metas")
        for key, value in result.items():
            if key != "metas":
                print(f"   {key}: {value:.2f}" if isinstance(value, float) else f"   {key}: {value}")


if __name__ == "__main__":
    main()
