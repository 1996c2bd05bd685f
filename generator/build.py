"""The build: files -> model -> results -> Markdown -> MkDocs -> site, all or nothing.

Everything is written in a private work folder beside the target site. The new site
replaces the previous one in a single atomic exchange, only after every stage
succeeded; on an error, an exception or an interruption the previous site is left
exactly as it was. Nothing is written into the repository, so two builds with
different --data/--site can run at once. Each work folder is claimed by a lock held
for the whole build: a folder whose lock is free was left by a build that died.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import yaml

from generator.compute.plan import compute_plan
from generator.load import load_data
from generator.problems import InputError, Problems
from generator.render.site import write_docs
from generator.results import PlanResults
from generator.validate.site_url import validate_site_url
from generator.write.compressed import write_compressed_copies
from generator.write.alerts_xlsx import write_alert_workbooks
from generator.write.child_process import die_with_parent
from generator.write.pdf import NO_CHROMIUM, PdfError, Printer, PrintJob, find_chromium, informe_pdf_name
from generator.write.opendata import open_data_dir, write_catalogue, write_corte_archives, write_open_data
from generator.write.search_index import search_vocabulary, write_search_index

REPO = Path(__file__).resolve().parent.parent
WORK_PREFIX = ".construccion-"
# Written into every site and kept-docs folder this tool makes: only such a folder (or
# an empty one) is ever replaced, so a mistyped --site cannot swap away docs/ or $HOME.
MARKER = ".generado-por-rendicion-cuentas"
# Inside each work folder, locked (flock) while its build runs. PIDs cannot tell a live
# build from a dead one across PID namespaces (containers, CI); a lock can.
WORK_LOCK = ".en-uso"
# Inside each work folder: the generated pages' search entries, until MkDocs has written the index.
SEARCH_ENTRIES = "busqueda.json"
CONVERTED = "convertidas"  # each page as the page writers converted it (write/prerender.py)


class BuildError(Exception):
    """The site could not be built for a reason other than the input files."""


# The machine's failures, each said once: what happened, where, and what to do.
_OS_ERRORS = {
    errno.EACCES: "no hay permiso para escribir o leer en {where}: dé permiso a esa carpeta o use otra",
    errno.EPERM: "no hay permiso para escribir o leer en {where}: dé permiso a esa carpeta o use otra",
    errno.EROFS: "no se puede escribir en {where}: el disco es de solo lectura; use otra carpeta",
    errno.ENOSPC: "no queda espacio en el disco de {where}: libere espacio o use una carpeta en otro disco",
    errno.EDQUOT: "se agotó la cuota de disco en {where}: libere espacio o use otra carpeta",
    errno.ENAMETOOLONG: "el nombre de archivo «{name}…» es demasiado largo para el disco de {where}: "
                        "acorte los códigos o los nombres del plan",
}


# How an OSError reads once it is only text (copytree's list, MkDocs's output).
_ERRNO_TEXT = re.compile(r"\[Errno (\d+)\]")


def _errno_in(text: str) -> int | None:
    found = _ERRNO_TEXT.search(text)
    return int(found.group(1)) if found else None


def describe_os_error(exc: OSError, folder: Path) -> str | None:
    """One Spanish sentence for a failure of the disk or the folders, or None if unknown.

    `folder` is the one being written, named when the error does not name a file.
    """
    # Of a copy's two files, the one written to is where the disk failed.
    code, filename = exc.errno, exc.filename2 or exc.filename
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        # copytree gathers every file's failure as text: the first one says it all.
        _, filename, why = exc.args[0][0]
        code = _errno_in(str(why))
    if code not in _OS_ERRORS:
        return None
    path = Path(os.fsdecode(filename)) if filename else folder
    # A file inside a work folder is named by the folder the user chose: the site's parent.
    inside = [i for i, part in enumerate(path.parts) if part.startswith(WORK_PREFIX)]
    where = Path(*path.parts[:inside[0]]) if inside else path
    return _OS_ERRORS[code].format(where=where, name=path.name[:40])


@dataclass
class BuildReport:
    plans: list[PlanResults]
    problems: Problems
    published: date
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # one Spanish line each, printed after the build


def publication_date(data_dir: Path) -> date:
    """The date printed as "fecha de publicación": never the clock, so builds repeat.

    SOURCE_DATE_EPOCH when set (the reproducible-builds convention); otherwise the
    date of the last commit that touched the data; otherwise the newest data file.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return _epoch_date(epoch)
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


def _epoch_date(epoch: str) -> date:
    try:
        if not (epoch.isascii() and epoch.isdigit()):
            raise ValueError(epoch)
        return datetime.fromtimestamp(int(epoch), timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise BuildError(
            f"la variable SOURCE_DATE_EPOCH vale {epoch[:40]!r}, que no es una fecha: debe ser un número "
            "entero de segundos desde 1970 (p. ej. 1626307200 para el 15 de julio de 2021). "
            "Corríjala o quítela (unset SOURCE_DATE_EPOCH)."
        ) from None


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _check_replaceable(path: Path, option: str, data_dir: Path) -> None:
    """Refuse to replace anything but an empty folder or one this tool built, and to
    build where the output would mix with the data or the repository."""
    path, data_dir = path.resolve(), data_dir.resolve()
    if _within(path, data_dir):
        raise BuildError(
            f"{option} {path}: está dentro de la carpeta de datos {data_dir}, y sus archivos se leerían "
            "como datos en la próxima construcción. Use una carpeta fuera de ella."
        )
    if _within(data_dir, path):
        raise BuildError(
            f"{option} {path}: contiene la carpeta de datos {data_dir}, que se borraría al reemplazarla. "
            "Use una carpeta fuera de ella."
        )
    if (_within(path, REPO) and path != REPO / "site") or path in REPO.parents:
        raise BuildError(
            f"{option} {path}: esa carpeta es parte del repositorio; use una fuera de él o la de "
            "omisión, site/"
        )
    if not path.exists():
        return
    if not path.is_dir() or (any(path.iterdir()) and not (path / MARKER).exists()):
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


def _lock(folder: Path, flags: int) -> int:
    """An open descriptor on `folder`'s lock file, locked with `flags`."""
    fd = os.open(folder / WORK_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, flags)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _clean_stale_work_dirs(parent: Path) -> None:
    """Remove work folders left by builds that died: those whose lock nobody holds."""
    for leftover in parent.glob(WORK_PREFIX + "*"):
        try:
            fd = _lock(leftover, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held by a running build, or already gone
            continue
        try:
            shutil.rmtree(leftover, ignore_errors=True)
        finally:
            os.close(fd)


def _claim_work_dir(parent: Path) -> tuple[Path, int]:
    """A new work folder and the descriptor holding its lock.

    A cleaner may lock and remove a folder in the instant between its creation and its
    lock; the folder is then made anew.
    """
    for _ in range(5):
        work = Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-", dir=parent))
        try:
            fd = _lock(work, fcntl.LOCK_EX)
        except FileNotFoundError:
            continue
        if os.fstat(fd).st_nlink:
            return work, fd
        os.close(fd)
    raise BuildError(f"no se pudo reservar una carpeta de trabajo en {parent}; inténtelo de nuevo")


def _write_mkdocs_config(work: Path, nav: list, site_url: str | None) -> Path:
    # Paths in the inherited file would resolve against this generated file's folder.
    config = {
        "INHERIT": str(REPO / "mkdocs.yml"),
        "theme": {"custom_dir": str(REPO / "overrides")},
        "docs_dir": str(work / "docs"),
        "site_dir": str(work / "site"),
        "nav": nav,
    }
    if site_url is not None:  # sitemap.xml, canonical links, og:url and instant navigation
        config["site_url"] = site_url
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


class MkDocsChild:
    """MkDocs in a child process, started when the build starts so that its imports
    overlap the reading (generator/mkdocs_child.py); `build` runs it, `kill` ends it in
    any case. Were this process killed outright, the child dies with it."""

    def __init__(self) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "generator.mkdocs_child"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), preexec_fn=die_with_parent,
        )

    def build(self, config: Path, published: date, converted: Path) -> None:
        """Build the site of `config`, with the pages the page writers kept converted
        in `converted`."""
        epoch = int(datetime(published.year, published.month, published.day, tzinfo=timezone.utc).timestamp())
        order = {"args": ["build", "--strict", "--quiet", "-f", str(config)],
                 "env": {"SOURCE_DATE_EPOCH": str(epoch)}, "converted": str(converted)}
        # On any exception while it runs, Ctrl-C or the signals the CLI turns into one,
        # MkDocs is killed and reaped before the exception goes on: no child outlives the
        # build. (subprocess.run waits only a quarter of a second after a KeyboardInterrupt;
        # on a busy machine the killed child was still running when the build had ended.)
        try:
            stdout, stderr = self._proc.communicate(json.dumps(order) + "\n")
        except BaseException:
            self.kill()
            raise
        if self._proc.returncode != 0:
            detail = (stderr or stdout).strip().splitlines()[-15:]
            code = _errno_in(detail[-1]) if detail else None
            if code in _OS_ERRORS:  # the disk failed, not MkDocs: said like any other such failure
                raise OSError(code, os.strerror(code), str(config.parent / "site"))
            raise BuildError("MkDocs no pudo construir el sitio:\n  " + "\n  ".join(detail))

    def kill(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        for pipe in (self._proc.stdin, self._proc.stdout, self._proc.stderr):
            pipe.close()


def _write_open_data(results: list[PlanResults], site_dir: Path, when: datetime) -> float:
    """Every plan's open data and alert workbooks under `site_dir`; returns the seconds taken."""
    start = time.perf_counter()
    for plan_results in results:
        write_open_data(plan_results, site_dir, when)
        write_corte_archives(plan_results, site_dir, when)
        write_alert_workbooks(plan_results, open_data_dir(site_dir, plan_results.plan) / "alertas")
    write_catalogue(results, site_dir, when)
    return time.perf_counter() - start


def _print_jobs(results: list[PlanResults], site: Path) -> list[PrintJob]:
    """The council report page of each plan with a corte, and where its PDF goes."""
    return [PrintJob(folder / "index.html", folder / informe_pdf_name(r.plan.slug, r.current.corte))
            for r in results if r.current is not None
            for folder in [site / r.plan.slug / "informe"]]


def _move_into(source: Path, target: Path) -> None:
    """Move every file of `source` to the same place under `target`, merging folders."""
    if source.exists():
        shutil.copytree(source, target, dirs_exist_ok=True, copy_function=os.replace)


def _written(page: Path) -> bool:
    """Whether MkDocs has written the whole of `page` (it writes each page in one go,
    after the theme's assets): its file ends the document."""
    try:
        with page.open("rb") as f:
            f.seek(max(0, f.seek(0, os.SEEK_END) - 64))
            return b"</html>" in f.read()
    except FileNotFoundError:
        return False


def _print_when_written(printer: Printer, jobs: list[PrintJob], published: date, mkdocs_done: threading.Event) -> float:
    """Print each job as soon as MkDocs has written its page; stop when MkDocs has
    ended without writing it. Returns when it was done (time.perf_counter)."""
    for job in jobs:
        while not _written(job.page):
            if mkdocs_done.wait(0.05) and not _written(job.page):
                return time.perf_counter()
        printer.print_pdfs([job], published)
    return time.perf_counter()


def _run_stages(results: list[PlanResults], work: Path, mkdocs: MkDocsChild, config: Path, published: date,
                when: datetime, printer: Printer | None, jobs: list[PrintJob], seconds: dict[str, float]) -> None:
    """MkDocs, the open data, the search vocabulary, the compressed copies and the PDFs
    (when there is a `printer`), into `work / "site"`."""
    # MkDocs runs as a child process on one core while this one writes the open data,
    # on the other, beside the site (MkDocs empties its site folder first). The
    # Chromium prints each council report as soon as MkDocs has written it, on what
    # the open data leaves of that core, then while this process compresses the site.
    mkdocs_done = threading.Event()
    with ThreadPoolExecutor(max_workers=2) as pool:
        try:
            open_data = pool.submit(_write_open_data, results, work / "datos-abiertos", when)
            start = time.perf_counter()
            printing = pool.submit(_print_when_written, printer, jobs, published, mkdocs_done) if printer else None
            try:
                mkdocs.build(config, published, work / CONVERTED)
            finally:
                mkdocs_done.set()  # a printer still waiting for its page stops
            (work / "site" / MARKER).write_text("", encoding="utf-8")
            seconds["mkdocs"] = time.perf_counter() - start
            seconds["datos abiertos (mientras corre MkDocs)"] = open_data.result()
            _move_into(work / "datos-abiertos", work / "site")
            write_search_index(work / "site", search_vocabulary([r.plan for r in results]), work / SEARCH_ENTRIES)
            compressing = time.perf_counter()
            write_compressed_copies(work / "site")
            seconds["comprimir"] = time.perf_counter() - compressing
        except BaseException:
            if printer:  # its printing thread then ends at once, and so can this
                printer.kill()
            raise
        if printing is None:
            return
        try:
            seconds["informe en PDF (desde que empieza MkDocs)"] = printing.result() - start
        except PdfError as exc:
            raise BuildError(f"{exc}. El sitio anterior quedó intacto.") from None
    missing = [job.page.relative_to(work / "site") for job in jobs if not job.pdf.is_file()]
    if missing:
        raise BuildError(f"MkDocs no escribió la página del informe {missing[0]}, así que no se imprimió su PDF. "
                         "El sitio anterior quedó intacto.")


def build_site(data_dir: Path, site_dir: Path, keep_docs: Path | None = None,
               site_url: str | None = None) -> BuildReport:
    """Check, compute, render and publish into `site_dir`; raise on any problem.

    With `keep_docs`, the generated Markdown and a mkdocs.yml pointing at it are also
    left there, for previewing with `mkdocs serve`. `site_url`, the address the site is
    published at, is checked first (validate/site_url.py).
    """
    if site_url is not None:
        url_problems = Problems()
        site_url = validate_site_url(site_url, url_problems)
        if url_problems.has_errors:
            raise InputError(url_problems)
    _check_replaceable(site_dir, "--site", data_dir)
    if keep_docs is not None:
        _check_replaceable(keep_docs, "--conservar", data_dir)
        if _within(keep_docs.resolve(), site_dir.resolve()) or _within(site_dir.resolve(), keep_docs.resolve()):
            raise BuildError(f"--conservar {keep_docs} y --site {site_dir} deben ser carpetas separadas")
    mkdocs = MkDocsChild()  # it imports MkDocs while this process reads the plans
    try:
        return _build(data_dir, site_dir, keep_docs, site_url, mkdocs)
    finally:
        mkdocs.kill()


def _build(data_dir: Path, site_dir: Path, keep_docs: Path | None, site_url: str | None,
           mkdocs: MkDocsChild) -> BuildReport:
    seconds: dict[str, float] = {}
    notes: list[str] = []
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
    work, lock = _claim_work_dir(site_dir.parent)
    try:
        start = time.perf_counter()
        shutil.copytree(REPO / "docs", work / "docs")
        chromium = find_chromium()
        nav = write_docs(results, work / "docs", published=published, pdf=chromium is not None, site_url=site_url,
                         search_entries=work / SEARCH_ENTRIES, converted=work / CONVERTED)
        config = _write_mkdocs_config(work, nav, site_url)
        seconds["escribir páginas"] = time.perf_counter() - start

        jobs = _print_jobs(results, work / "site")
        if jobs and chromium is None:
            notes.append(NO_CHROMIUM)
        # Chromium starts now, while MkDocs runs, to print the council reports one after
        # another once they exist. One browser, whatever the cores: a second one costs
        # more (its start-up takes 1.3 s of a core, two prints' worth) than it saves,
        # with MkDocs and the open data on the cores already (demo: 0.8 s sooner with
        # one; 30 plans: 2–4 s sooner).
        printer = Printer(chromium, work / "chromium") if chromium and jobs else None
        try:
            _run_stages(results, work, mkdocs, config, published, when, printer, jobs, seconds)
        finally:
            if printer:
                printer.close()

        if keep_docs is not None:
            keep_docs = keep_docs.resolve()
            shutil.rmtree(keep_docs / "docs", ignore_errors=True)
            shutil.copytree(work / "docs", keep_docs / "docs")
            _write_mkdocs_config(keep_docs, nav, site_url)
            (keep_docs / MARKER).write_text("", encoding="utf-8")
        _exchange(work / "site", site_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        os.close(lock)
        # Again at the end: a build that was killed outright takes its Chromium with it
        # (write/pdf.py), but the browser's helpers may write its profile for a moment
        # after this build cleaned their folder at its start.
        _clean_stale_work_dirs(site_dir.parent)
    return BuildReport(results, problems, published, seconds, notes)
