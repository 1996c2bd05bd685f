"""The council report as a PDF: headless Chromium prints the built report page.

Chromium lays the page out exactly as a browser prints it (the report's print styles,
A4), so the PDF and the page never disagree and no second layout is kept. The report
page has no chart and no script of its own, so it prints from the file (file://), with
no server. Chromium is optional: without it the build says in one line how to get the
PDF, and the report page links no PDF.

Chromium writes the clock into the PDF's CreationDate and ModDate (nothing else
changes between two prints): both are set to the publication date, same length, so
two builds of the same data give the same bytes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

# Debian's package, other distributions' and Google's names for the same browser.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Seconds a print may take on a busy machine before the build gives up on it.
PRINT_TIMEOUT = 120
NO_CHROMIUM = ("No se generó el informe en PDF porque falta el navegador Chromium: instálelo "
               "(sudo apt-get install chromium) y vuelva a construir, o abra la página del informe "
               "e imprímala en PDF desde el navegador.")
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}\+00'00'\)")


class PdfError(Exception):
    """Chromium could not print a report: a Spanish sentence."""


def informe_pdf_name(plan_slug: str, corte: str) -> str:
    """The PDF's file name, beside the report page: informe-sopo-2021-T3.pdf."""
    return f"informe-{plan_slug}-{corte}.pdf"


def find_chromium() -> str | None:
    """The Chromium to print with, or None when none is installed."""
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


@dataclass(frozen=True)
class PrintJob:
    page: Path  # the built report page (index.html)
    pdf: Path  # where its PDF goes


def start_printing(chromium: str, jobs: list[PrintJob], work: Path) -> list[subprocess.Popen]:
    """Start one Chromium per job (they run while the build goes on); `work` holds
    their profiles. Finish with `finish_printing`, and `stop_printing` in any case."""
    env = dict(os.environ, TZ="UTC")  # the dates it writes end in +00'00', which are replaced
    procs = []
    for i, job in enumerate(jobs):
        procs.append(subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--no-pdf-header-footer",
             f"--user-data-dir={work / f'chromium-{i}'}", f"--print-to-pdf={job.pdf}", job.page.as_uri()],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
        ))
    return procs


def finish_printing(procs: list[subprocess.Popen], jobs: list[PrintJob], published: date) -> None:
    """Wait for every print and fix its dates; raise PdfError if one failed."""
    for proc, job in zip(procs, jobs):
        try:
            _, stderr = proc.communicate(timeout=PRINT_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise PdfError(f"Chromium no terminó de imprimir {job.pdf.name} en {PRINT_TIMEOUT} segundos; "
                           "vuelva a construir con el equipo menos ocupado") from None
        if proc.returncode != 0 or not job.pdf.is_file():
            detail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] if stderr else []
            raise PdfError(f"Chromium no pudo imprimir {job.pdf.name}" + (f": {detail[0]}" if detail else ""))
        stamp_dates(job.pdf, published)


def stop_printing(procs: list[subprocess.Popen]) -> None:
    """Kill and reap every Chromium still running: after a failure or an interruption,
    none outlives the build."""
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def stamp_dates(pdf: Path, published: date) -> None:
    """The PDF's creation and modification dates set to the publication date."""
    stamp = f"D:{published:%Y%m%d}000000+00'00'".encode()
    data = pdf.read_bytes()
    pdf.write_bytes(_PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (" + stamp + b")", data))
