"""Benchmark: synthetic plans of several sizes through every stage.

    .venv/bin/python scripts/benchmark.py                 # 500, 5.000 y 50.000 metas
    .venv/bin/python scripts/benchmark.py --metas 500 5000 --sitio
    .venv/bin/python scripts/benchmark.py --sopo           # el sitio de demostración
    .venv/bin/python scripts/benchmark.py --piso           # la demostración contra MkDocs solo
    .venv/bin/python scripts/benchmark.py --departamento 10 100   # 10 y 100 planes municipales en un sitio

`--piso` writes a plain MkDocs Material project with the demo's own nav and pages (one
table a page, the same theme features, plugins and Markdown extensions, no overrides
and no scripts), builds it with `mkdocs build`, then builds the demo end to end
(`python -m generator build` on data/), and prints both, their ratio, each stage of
the build and the peak memory. Each size, the floor and the demo run in processes of
their own, so the peak memory (maximum resident set) is each one's own. Times are wall-clock seconds on this machine: compare them as ratios
between sizes within one run, not against another machine. This is a measurement,
not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TOPS, MIDS = 5, 5  # 5 top nodes with 5 children each; leaves hold about 10 metas
# A departmental site's municipal plans: 100 of them are the 40.000 metas.
METAS_PER_MUNICIPIO = 400
# The goal for the demo end to end, in times the floor, and the one aimed at.
GOAL, AIM = 1.5, 1.25
# The floor's page: a heading and one small table, as a plain MkDocs site would have.
FLOOR_TABLE = "\n".join(
    ["| Código | Nombre | Programado | Avance |", "|---|---|---:|---:|"]
    + [f"| {i}.1 | Fila {i} | {i * 7 % 100},5 | {i * 3 % 100},2 |" for i in range(1, 11)]
)


def write_synthetic_plan(root: Path, n_metas: int, fmt: str, number: int = 0) -> Path:
    """A valid 3-level plan with `n_metas` metas and two cortes of 2021 (the `number`th
    of a departmental site: a name and figures of its own)."""
    import random

    import yaml
    from openpyxl import Workbook

    rng = random.Random(n_metas * 1000 + number)
    plan_dir = root / (f"municipio-{number:03d}" if number else f"sintetico-{n_metas}")
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
    plan = {"nombre": f"Plan sintético de {n_metas} metas" + (f", municipio {number}" if number else ""),
            "entidad": f"Municipio de prueba {number}" if number else "Municipio de prueba",
            # Ten municipalities a province, as a departmental site groups them in its menu.
            **({"grupo": f"Provincia {(number - 1) // 10 + 1}"} if number else {}),
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


def measure_one(n_metas: int, fmt: str, site: bool, data_dir: Path | None, plans: int = 1) -> dict:
    """One synthetic site of `n_metas` metas (in `plans` plans of as many metas each),
    or the data in `data_dir`, through every stage."""
    from generator.compute.plan import compute_plan
    from generator.load import load_data

    out: dict = {"metas": n_metas}
    with tempfile.TemporaryDirectory() as tmp:
        if data_dir is None:
            start = time.perf_counter()
            if plans == 1:
                data_dir = write_synthetic_plan(Path(tmp) / "datos", n_metas, fmt)  # the site goes beside it
            else:
                data_dir = Path(tmp) / "datos"
                for number in range(1, plans + 1):
                    write_synthetic_plan(data_dir, n_metas // plans, fmt, number)
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
            out["sitio por meta (ms)"] = out["sitio completo"] / out["metas"] * 1000
        else:
            out["por meta (ms)"] = (out["leer y validar"] + out["calcular"]) / out["metas"] * 1000
    out["memoria pico (MB)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if site:
        out["memoria pico de los procesos hijos: MkDocs, páginas (MB)"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return out


def _mkdocs_env() -> dict:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1")


def _children_cpu() -> float:
    """CPU seconds of every finished child process (and theirs): on a machine shared
    with other work, steadier than the wall clock."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def write_floor(data_dir: Path, root: Path) -> tuple[Path, int]:
    """The floor project in `root`: every page the demo has, at the same path and under
    the same nav, each a heading and one table. Returns its mkdocs.yml and page count."""
    import yaml

    from generator.build import publication_date
    from generator.compute.plan import compute_plan
    from generator.load import load_data
    from generator.render.site import write_docs

    plans, problems = load_data(data_dir)
    if problems.has_errors:
        raise SystemExit(f"los datos de {data_dir} tienen errores: corra python -m generator check")
    docs = root / "docs"
    shutil.copytree(REPO / "docs", docs, ignore=shutil.ignore_patterns("assets"))
    nav = write_docs([compute_plan(p) for p in plans], docs, published=publication_date(data_dir))
    pages = sorted(docs.rglob("*.md"))
    for page in pages:
        title = next((line[2:] for line in page.read_text(encoding="utf-8").splitlines()
                      if line.startswith("# ")), page.stem)
        page.write_text(f"# {title}\n\n{FLOOR_TABLE}\n", encoding="utf-8")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"].pop("custom_dir", None)
    for key in ("extra_css", "extra_javascript"):
        config.pop(key, None)
    config.update(docs_dir=str(docs), site_dir=str(root / "site"), nav=nav)
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, len(pages)


def measure_floor(data_dir: Path) -> dict:
    """`mkdocs build` of the floor project (written beforehand, not timed), from a
    process of its own so the peak memory is MkDocs's alone."""
    with tempfile.TemporaryDirectory() as tmp:
        config, pages = write_floor(data_dir, Path(tmp))
        proc = subprocess.run([sys.executable, __file__, "--suelo", str(config)],
                              check=True, capture_output=True, text=True, cwd=tmp)
    return {"páginas": pages, **json.loads(proc.stdout.strip().splitlines()[-1])}


def floor_build(config: Path) -> dict:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config)],
                   check=True, env=_mkdocs_env(), cwd=config.parent)
    seconds = time.perf_counter() - start
    return {"mkdocs build": seconds, "tiempo de CPU": _children_cpu(),
            "memoria pico (MB)": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def measure_demo(data_dir: Path) -> dict:
    """`python -m generator build` on `data_dir` into a temporary site, timed from the
    start of its process; its stages are read from the build's own report."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "etapas.json"
        cpu, start = _children_cpu(), time.perf_counter()
        subprocess.run([sys.executable, __file__, "--extremo", str(data_dir), str(Path(tmp) / "site"), str(report)],
                       check=True, env=_mkdocs_env(), cwd=REPO)
        seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
        out = json.loads(report.read_text(encoding="utf-8"))
    return {"de punta a punta": seconds, "tiempo de CPU": cpu, **out}


def build_end_to_end(data_dir: Path, site: Path, report: Path) -> None:
    """What `python -m generator build` does, with the stages and memory written to `report`."""
    import generator.cli  # noqa: F401  (the command line's imports count too)
    from generator.build import build_site

    result = build_site(data_dir, site)
    out = {f"etapa: {k}": v for k, v in result.seconds.items()}
    out["memoria pico del generador (MB)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["memoria pico de un proceso hijo: MkDocs o páginas (MB)"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report.write_text(json.dumps(out), encoding="utf-8")


def _print(title: str, result: dict) -> None:
    print(f"— {title}")
    for key, value in result.items():
        print(f"   {key}: {value:.2f}" if isinstance(value, float) else f"   {key}: {value}")


def floor_run(data_dir: Path, repeat: int) -> None:
    """Floor and demo side by side, `repeat` times each, alternating; the best of each."""
    floors, demos = [], []
    for _ in range(repeat):
        floors.append(measure_floor(data_dir))
        demos.append(measure_demo(data_dir))
    floor = min(floors, key=lambda r: r["mkdocs build"])
    demo = min(demos, key=lambda r: r["de punta a punta"])
    runs = f" (la mejor de {repeat})" if repeat > 1 else ""
    _print(f"Piso: MkDocs Material solo, la misma navegación y {floor['páginas']} páginas de una tabla{runs}", floor)
    _print(f"Demostración: python -m generator build --data {data_dir.name}{runs}", demo)
    ratio = demo["de punta a punta"] / floor["mkdocs build"]
    print(f"— Demostración ÷ piso: {ratio:.2f} veces (meta: a lo sumo {GOAL}; objetivo: {AIM})")
    print(f"   en tiempo de CPU: {demo['tiempo de CPU'] / floor['tiempo de CPU']:.2f} veces")
    print(f"   carga de la máquina (1 min): {os.getloadavg()[0]:.1f} en {os.cpu_count()} núcleos")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--metas", type=int, nargs="+", help="tamaños sintéticos (500, 5.000 y 50.000 por omisión)")
    parser.add_argument("--formato", choices=["xlsx", "csv"], default="xlsx")
    parser.add_argument("--sitio", action="store_true", help="también construye el sitio completo (MkDocs)")
    parser.add_argument("--sopo", action="store_true", help="mide el sitio de demostración de data/")
    parser.add_argument("--piso", action="store_true",
                        help="construye la demostración y, al lado, un sitio MkDocs Material simple con la misma "
                             "navegación y número de páginas; muestra ambos tiempos y su razón")
    parser.add_argument("--repeticiones", type=int, default=1, help="con --piso: cuántas veces medir cada uno")
    parser.add_argument("--datos", type=Path, default=REPO / "data", help="con --piso: la carpeta de datos")
    parser.add_argument("--departamento", type=int, nargs="+", metavar="PLANES",
                        help=f"sitios departamentales de tantos planes de {METAS_PER_MUNICIPIO} metas cada uno "
                             "(p. ej. 10 100), con el costo por meta de cada uno frente al del primero")
    parser.add_argument("--una", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--planes", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--extremo", type=Path, nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--suelo", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.suelo is not None:
        print(json.dumps(floor_build(args.suelo)))
        return
    if args.extremo is not None:
        build_end_to_end(*args.extremo)
        return
    if args.piso:
        floor_run(args.datos.resolve(), args.repeticiones)
        if args.metas is None:
            return
    if args.una is not None:
        data = REPO / "data" if args.una == 0 else None
        print(json.dumps(measure_one(args.una, args.formato, args.sitio, data, args.planes)))
        return
    if args.departamento:
        department_run(args.departamento, args.formato)
        return
    sizes = [0] if args.sopo else args.metas or [500, 5000, 50000]
    for n in sizes:
        result = _measure_in_child(n, args.formato, args.sitio or args.sopo)
        if result is not None:
            _print(f"{result.pop('metas')} metas", result)


def _measure_in_child(n_metas: int, fmt: str, site: bool, plans: int = 1) -> dict | None:
    """measure_one in a process of its own (its own peak memory); None if it failed."""
    cmd = [sys.executable, __file__, "--una", str(n_metas), "--formato", fmt, "--planes", str(plans)]
    cmd += ["--sitio"] if site else []
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"{n_metas} metas: falló\n{proc.stderr[-2000:]}")
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def department_run(plan_counts: list[int], fmt: str) -> None:
    """Departmental sites: so many municipal plans in one site, each of
    METAS_PER_MUNICIPIO metas, built end to end; the cost per meta of each size beside
    that of the first (the issue asks for at most 1.2 times from 4.000 to 40.000 metas)."""
    first = None
    for plans in plan_counts:
        result = _measure_in_child(plans * METAS_PER_MUNICIPIO, fmt, True, plans)
        if result is None:
            continue
        per_meta = result["sitio por meta (ms)"]
        first = first or per_meta
        result["costo por meta frente al primero"] = per_meta / first
        _print(f"{plans} planes, {result.pop('metas')} metas", result)


if __name__ == "__main__":
    main()
