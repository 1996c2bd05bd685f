"""The council report as a PDF: headless Chromium prints the built report page.

Chromium lays the page out exactly as a browser prints it (the report's print styles,
A4), so the PDF and the page never disagree and no second layout is kept. The report
page has no chart and no script of its own, so it prints from the file (file://), with
no server. One browser prints every plan's report: it starts before MkDocs runs and
prints as soon as the pages exist. Chromium is optional: without it the build says in
one line how to get the PDF, and the report page links no PDF.

Chromium writes the clock into the PDF's CreationDate and ModDate (nothing else
changes between two prints): both are set to the publication date, same length, so
two builds of the same data give the same bytes.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import select
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.write.child_process import die_with_parent

# Debian's package, other distributions' and Google's names for the same browser.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Seconds a print may take on a busy machine before the build gives up on it.
PRINT_TIMEOUT = 120
# Seconds the browser's helper processes may take to end once killed.
HELPERS_TIMEOUT = 5
NO_CHROMIUM = ("No se generó el informe en PDF porque falta el navegador Chromium: instálelo "
               "(sudo apt-get install chromium) y vuelva a construir, o abra la página del informe "
               "e imprímala en PDF desde el navegador.")
_NODE_ID = re.compile(rb"node(\d{8})")
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


class Printer:
    """One headless Chromium, started early and driven over its DevTools pipe.

    It is started before MkDocs runs, so its start-up (most of a print's second) overlaps
    the build; once the report pages exist, `print_pdfs` prints each one in a tab of
    its own, as the browser prints a page (A4 from the page's CSS, backgrounds, no
    header or footer). `close` kills and reaps it, and runs in any case: after a failure
    or an interruption no Chromium outlives the build. The DevTools pipe is the
    browser's own protocol on two file descriptors (3 for commands, 4 for answers),
    one JSON message each, ended by a NUL byte: no port, no extra package.
    """

    def __init__(self, chromium: str, profile: Path):
        env = dict(os.environ, TZ="UTC")  # the dates it writes end in +00'00', which are replaced
        commands, self._to_browser = os.pipe()
        self._from_browser, answers = os.pipe()
        self._stderr = profile.with_suffix(".log")
        self._buffer = b""
        self._next_id = 0
        self._answers: dict[int, dict] = {}  # answers read, by command number
        self._loaded: set[str] = set()  # the sessions whose page has loaded

        def browser_fds() -> None:  # in the child, before exec: its fds 3 and 4
            die_with_parent()
            low_read, low_write = fcntl.fcntl(commands, fcntl.F_DUPFD, 10), fcntl.fcntl(answers, fcntl.F_DUPFD, 10)
            os.dup2(low_read, 3)
            os.dup2(low_write, 4)

        with open(self._stderr, "wb") as stderr:
            # close_fds=False keeps the dup2'd 3 and 4; every other fd of this process is
            # non-inheritable (PEP 446), so nothing else reaches the browser.
            self._proc = subprocess.Popen(
                [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--remote-debugging-pipe",
                 f"--user-data-dir={profile}", "about:blank"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr, env=env,
                close_fds=False, preexec_fn=browser_fds, process_group=0,  # its helpers join its group
            )
        os.close(commands)
        os.close(answers)

    def print_pdfs(self, jobs: list[PrintJob], published: date, timeout: float = PRINT_TIMEOUT) -> None:
        """Print each job's page to its PDF, with its dates set to `published`; PdfError
        if one fails. One page at a time: printed side by side, the PDFs' tags (which
        number the page's nodes) came out different from one build to the next."""
        deadline = time.monotonic() + timeout
        job = jobs[0]
        try:
            for job in jobs:
                target = self._call("Target.createTarget", {"url": "about:blank"}, deadline)["targetId"]
                session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                     deadline)["sessionId"]
                self._call("Page.enable", {}, deadline, session)
                self._call("Page.navigate", {"url": job.page.as_uri()}, deadline, session)
                while session not in self._loaded:
                    self._read(deadline)
                printed = self._call("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True,
                                                         "displayHeaderFooter": False}, deadline, session)
                self._call("Target.closeTarget", {"targetId": target}, deadline)
                job.pdf.write_bytes(base64.b64decode(printed["data"]))
                stamp_dates(job.pdf, published)
        except TimeoutError:
            raise PdfError(f"Chromium no terminó de imprimir {job.pdf.name} en {timeout:.0f} segundos; "
                           "vuelva a construir con el equipo menos ocupado") from None
        except (OSError, EOFError):  # the browser died, or never started
            raise PdfError(self._failed(job, self._last_error() or "el navegador se cerró antes de terminar")) from None
        except (KeyError, ValueError) as exc:  # it answered, with an error
            raise PdfError(self._failed(job, str(exc))) from None

    def kill(self) -> None:
        """End the browser and its helper processes now: a print under way then fails at
        once, and none of them writes into the work folder once the build removes it."""
        try:
            os.killpg(self._proc.pid, signal.SIGKILL)
        except ProcessLookupError:  # all of them had ended
            pass
        self._proc.wait()
        deadline = time.monotonic() + HELPERS_TIMEOUT
        while _group_running(self._proc.pid) and time.monotonic() < deadline:
            time.sleep(0.01)

    def close(self) -> None:
        self.kill()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass

    @staticmethod
    def _failed(job: PrintJob, detail: str) -> str:
        return f"Chromium no pudo imprimir {job.pdf.name}" + (f": {detail}" if detail else "")

    def _last_error(self) -> str:
        """The last line the browser wrote to its error output, once it has ended."""
        try:
            self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return ""
        lines = self._stderr.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        return lines[-1].strip() if lines else ""

    def _send(self, method: str, params: dict, session: str | None = None) -> int:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        return self._next_id

    def _answer(self, number: int, deadline: float) -> dict:
        """The result of command `number`, reading (and noting) whatever comes before it."""
        while number not in self._answers:
            self._read(deadline)
        answer = self._answers.pop(number)
        if "error" in answer:
            raise ValueError(answer["error"].get("message", "error"))
        return answer.get("result", {})

    def _call(self, method: str, params: dict, deadline: float, session: str | None = None) -> dict:
        return self._answer(self._send(method, params, session), deadline)

    def _read(self, deadline: float) -> None:
        """Take the next message from the browser: an answer, or a page that loaded;
        EOFError if it died, TimeoutError at the deadline."""
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise EOFError
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        found = json.loads(message)
        if "id" in found:
            self._answers[found["id"]] = found
        elif found.get("method") == "Page.loadEventFired":
            self._loaded.add(found.get("sessionId"))


def _group_running(group: int) -> bool:
    """Whether a process of the process group `group` still runs. Killed, they are
    dead at once; those whose parent died too wait as zombies (state Z) until the
    machine's first process reaps them, which can take seconds."""
    for entry in os.scandir("/proc"):
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except (OSError, ValueError):  # not a process, or one that has just ended
            continue
        state, _, pgrp = stat[stat.rindex(b")") + 2:].split()[:3]
        if int(pgrp) == group and state != b"Z":
            return True
    return False


def stamp_dates(pdf: Path, published: date) -> None:
    """The PDF's creation and modification dates set to the publication date, and its
    tags' node numbers made the same in every print."""
    stamp = f"D:{published:%Y%m%d}000000+00'00'".encode()
    data = _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (" + stamp + b")", pdf.read_bytes())
    pdf.write_bytes(renumber_nodes(data))


def renumber_nodes(data: bytes) -> bytes:
    """The tags of the PDF (its structure, for screen readers) name page elements by
    the browser's internal node number (`node00000208`), which can move by one between
    two prints of the same page, as the browser numbers other nodes first. Each number
    becomes its rank among them: the same length (the file's offsets hold), the same
    order (the ID tree stays sorted), the same bytes in every print."""
    found = sorted(set(_NODE_ID.findall(data)), key=int)
    rank = {number: b"%0*d" % (len(number), i) for i, number in enumerate(found, start=1)}
    return _NODE_ID.sub(lambda m: b"node" + rank[m.group(1)], data)
