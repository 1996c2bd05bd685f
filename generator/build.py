"""The build: files -> model -> results -> Markdown -> MkDocs -> site, all or nothing.

Everything is written in a private work folder beside the target site. The new site
replaces the previous one in a single atomic exchange, only after every stage
succeeded; on an error, an exception or an interruption the previous site is left
exactly as it was. Nothing is written into the repository, so two builds with
different --data/--site can run at once.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import yaml

from generator.compute.plan import compute_plan
from generator.load import load_data
from generator.problems import InputError, Problems
from generator.render.site import write_docs
from generator.results import PlanResults
from generator.write.alerts_xlsx import write_alert_workbooks
from generator.write.opendata import open_data_dir, write_open_data

REPO = Path(__file__).resolve().parent.parent
WORK_PREFIX = ".construccion-"
# Written into every site and kept-docs folder this tool makes: only such a folder (or
# an empty one) is ever replaced, so a mistyped --site cannot swap away docs/ or $HOME.
MARKER = ".generado-por-rendicion-cuentas"


class BuildError(Exception):
    """The site could not be built for a reason other than the input files."""


@dataclass
class BuildReport:
    plans: list[PlanResults]
    problems: Problems
    published: date
    seconds: dict[str, float] = field(default_factory=dict)


def publication_date(data_dir: Path) -> date:
    """The date printed as "fecha de publicación": never the clock, so builds repeat.

    SOURCE_DATE_EPOCH when set (the reproducible-builds convention); otherwise the
    date of the last commit that touched the data; otherwise the newest data file.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc).date()
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", "."],
            cwd=data_dir, capture_output=True, text=True, timeout=20,
        )
        if out.returncode == 0 and out.stdout.strip():
            return datetime.fromtimestamp(int(out.stdout.strip()), timezone.utc).date()
    except (OSError, subprocess.SubprocessError):
        pass
    newest = max((p.stat().st_mtime for p in data_dir.rglob("*") if p.is_file()), default=0)
    return datetime.fromtimestamp(newest, timezone.utc).date()


def _check_replaceable(path: Path, option: str) -> None:
    """Refuse to replace anything but an empty folder or one this tool built."""
    path = path.resolve()
    if path == REPO or path in REPO.parents or path in {REPO / "docs", REPO / "data", REPO / "generator"}:
        raise BuildError(f"{option} {path}: esa carpeta es parte del repositorio; use otra (por omisión, site/)")
    if not path.exists():
        return
    ours = (path / MARKER).exists() or (path / "search" / "search_index.json").exists()
    if not path.is_dir() or (any(path.iterdir()) and not ours):
        raise BuildError(
            f"{option} {path}: ya existe y no es un sitio construido por esta herramienta, así que no se "
            "reemplaza. Indique una carpeta nueva o vacía."
        )


def _exchange(new: Path, target: Path) -> None:
    """Put `new` at `target` atomically; the previous `target` ends up at `new`."""
    if not target.exists():
        os.rename(new, target)
        return
    libc = ctypes.CDLL(None, use_errno=True)
    at_fdcwd, rename_exchange = -100, 2
    if libc.renameat2(at_fdcwd, os.fsencode(new), at_fdcwd, os.fsencode(target), rename_exchange) != 0:
        raise BuildError(
            f"no se pudo reemplazar {target}: {os.strerror(ctypes.get_errno())}. "
            "El sitio anterior quedó intacto."
        )


def _clean_stale_work_dirs(parent: Path) -> None:
    """Remove work folders left by builds that were killed (their process is gone)."""
    for leftover in parent.glob(WORK_PREFIX + "*"):
        pid = leftover.name[len(WORK_PREFIX):].split("-")[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(leftover, ignore_errors=True)


def _write_mkdocs_config(work: Path, nav: list) -> Path:
    # Paths in the inherited file would resolve against this generated file's folder.
    config = {
        "INHERIT": str(REPO / "mkdocs.yml"),
        "theme": {"custom_dir": str(REPO / "overrides")},
        "docs_dir": str(work / "docs"),
        "site_dir": str(work / "site"),
        "nav": nav,
    }
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _run_mkdocs(config: Path, published: date) -> None:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["SOURCE_DATE_EPOCH"] = str(int(datetime(published.year, published.month, published.day, tzinfo=timezone.utc).timestamp()))
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config)],
        capture_output=True, text=True, env=env,
    )
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()[-15:]
        raise BuildError("MkDocs no pudo construir el sitio:\n  " + "\n  ".join(detail))


def build_site(data_dir: Path, site_dir: Path, keep_docs: Path | None = None) -> BuildReport:
    """Check, compute, render and publish into `site_dir`; raise on any problem.

    With `keep_docs`, the generated Markdown and a mkdocs.yml pointing at it are also
    left there, for previewing with `mkdocs serve`.
    """
    _check_replaceable(site_dir, "--site")
    if keep_docs is not None:
        _check_replaceable(keep_docs, "--conservar")
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    plans, problems = load_data(data_dir)
    if problems.has_errors:
        raise InputError(problems)
    seconds["leer y validar"] = time.perf_counter() - start

    start = time.perf_counter()
    results = [compute_plan(plan) for plan in plans]
    seconds["calcular"] = time.perf_counter() - start

    published = publication_date(data_dir)
    when = datetime(published.year, published.month, published.day)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _clean_stale_work_dirs(site_dir.parent)
    work = Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-", dir=site_dir.parent))
    try:
        start = time.perf_counter()
        shutil.copytree(REPO / "docs", work / "docs")
        nav = write_docs(results, work / "docs", published=published)
        config = _write_mkdocs_config(work, nav)
        seconds["escribir páginas"] = time.perf_counter() - start

        start = time.perf_counter()
        _run_mkdocs(config, published)
        (work / "site" / MARKER).write_text("", encoding="utf-8")
        seconds["mkdocs"] = time.perf_counter() - start

        start = time.perf_counter()
        for plan_results in results:
            write_open_data(plan_results, work / "site", when)
            alerts = open_data_dir(work / "site", plan_results.plan) / "alertas"
            write_alert_workbooks(plan_results, alerts)
        seconds["datos abiertos"] = time.perf_counter() - start

        if keep_docs is not None:
            keep_docs = keep_docs.resolve()
            shutil.rmtree(keep_docs / "docs", ignore_errors=True)
            shutil.copytree(work / "docs", keep_docs / "docs")
            _write_mkdocs_config(keep_docs, nav)
            (keep_docs / MARKER).write_text("", encoding="utf-8")
        _exchange(work / "site", site_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BuildReport(results, problems, published, seconds)
