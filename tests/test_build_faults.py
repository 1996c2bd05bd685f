"""The build against a hostile world: folders it did not make are never replaced, stop
signals end like Ctrl-C, work folders are claimed by a lock, and the machine's failures
are one Spanish sentence."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from generator import build
from generator.cli import main
from tests.helpers import tree_hash
from tests.test_build import EPOCH, REPO, no_work_dirs_left

PYTHON = sys.executable


def alive(pid: int) -> bool:
    """Running (a zombie is dead: only its exit status is left)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


# --- Never destroy what the tool did not make -------------------------------------------

def test_a_foreign_mkdocs_site_and_a_document_in_it_survive(data, tmp_path, capsys):
    foreign = tmp_path / "otro-sitio"
    (foreign / "search").mkdir(parents=True)
    (foreign / "search" / "search_index.json").write_text('{"docs": []}', encoding="utf-8")
    (foreign / "index.html").write_text("<p>otro sitio</p>", encoding="utf-8")
    (foreign / "informe.docx").write_bytes(b"PK\x03\x04 informe de la oficina")
    before = tree_hash(foreign)
    assert main(["build", "--data", str(data), "--site", str(foreign)]) == 2
    err = capsys.readouterr().err
    assert "no es un sitio construido por esta herramienta" in err and "Traceback" not in err
    assert tree_hash(foreign) == before
    assert no_work_dirs_left(tmp_path)


@pytest.mark.parametrize("option", ["--site", "--conservar"])
@pytest.mark.parametrize("where", ["inside", "containing"])
def test_no_output_inside_the_data_nor_around_it(data, tmp_path, option, where, capsys):
    before = tree_hash(data)
    target = data / "sitio" if where == "inside" else tmp_path
    args = ["--site", str(target)] if option == "--site" else ["--site", str(tmp_path / "site"), "--conservar", str(target)]
    assert main(["build", "--data", str(data), *args]) == 2
    err = capsys.readouterr().err
    assert "carpeta de datos" in err and str(data) in err
    assert tree_hash(data) == before and not (data / "sitio").exists()
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("inside", ["", "docs/x", "generator", "overrides/partials", "site/x"])
def test_nothing_in_the_repository_but_site_is_a_target(data, tmp_path, monkeypatch, inside, capsys):
    repo = tmp_path / "repo"  # a stand-in, so a failure of this test cannot write into the real one
    for folder in ("docs", "generator", "overrides/partials"):
        (repo / folder).mkdir(parents=True)
    monkeypatch.setattr(build, "REPO", repo)
    assert main(["build", "--data", str(data), "--site", str(repo / inside)]) == 2
    assert "parte del repositorio" in capsys.readouterr().err
    assert not list(repo.rglob(build.MARKER))
    build._check_replaceable(repo / "site", "--site", data)  # the default stays allowed


def test_conservar_and_site_must_be_apart(data, tmp_path, capsys):
    site = tmp_path / "site"
    assert main(["build", "--data", str(data), "--site", str(site), "--conservar", str(site / "docs")]) == 2
    assert "carpetas separadas" in capsys.readouterr().err
    assert not site.exists()


# --- Faults end cleanly -----------------------------------------------------------------

def fake_mkdocs(tmp_path: Path, body: str) -> Path:
    """A folder to put first on PYTHONPATH, where a stand-in MkDocs has the modules the
    build's MkDocs child imports (generator/mkdocs_child.py), and runs `body` as its
    build command."""
    fake = tmp_path / "falso"
    for package in ("mkdocs", "mkdocs/commands", "mkdocs/config", "mkdocs/structure"):
        (fake / package).mkdir(parents=True)
        (fake / package / "__init__.py").write_text("", encoding="utf-8")
    for module, text in (("mkdocs/commands/build.py", ""), ("mkdocs/config/defaults.py", ""),
                         ("mkdocs/structure/pages.py", "class Page:\n    render = None\n_RelativePathTreeprocessor = None\n"),
                         ("mkdocs/structure/toc.py", "get_toc = None\n")):
        (fake / module).write_text(text, encoding="utf-8")
    command = "def build():\n" + textwrap.indent(body, "    ")
    command += "\nclass cli:\n    def main(args, prog_name):\n        build()\n"
    (fake / "mkdocs" / "__main__.py").write_text(command, encoding="utf-8")
    return fake


SLOW_MKDOCS = """\
import os, pathlib, time
pid = pathlib.Path(os.environ["MKDOCS_FALSO"])
pid.with_suffix(".tmp").write_text(str(os.getpid()))
pid.with_suffix(".tmp").rename(pid)
time.sleep(600)
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_during_mkdocs_ends_like_ctrl_c(data, old_site, tmp_path, sig):
    """A stand-in `mkdocs` that says its PID and sleeps: the signal lands while it runs."""
    fake = fake_mkdocs(tmp_path, SLOW_MKDOCS)
    pid_file = tmp_path / "mkdocs.pid"
    env = dict(os.environ, PYTHONPATH=str(fake), MKDOCS_FALSO=str(pid_file), SOURCE_DATE_EPOCH=EPOCH)
    before = tree_hash(old_site)
    proc = subprocess.Popen(
        [PYTHON, "-m", "generator", "build", "--data", str(data), "--site", str(old_site)],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(sig, signal.SIG_DFL),  # even if this runner ignores it
    )
    mkdocs_pid = None
    try:
        deadline = time.monotonic() + 120
        while not pid_file.exists():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "MkDocs never started"
            time.sleep(0.05)
        mkdocs_pid = int(pid_file.read_text())
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if mkdocs_pid and alive(mkdocs_pid):
            os.kill(mkdocs_pid, signal.SIGKILL)
            pytest.fail("the MkDocs child outlived the build")
    assert proc.returncode == 128 + sig, err
    assert "Interrumpido. El sitio anterior quedó intacto." in err and "Traceback" not in err
    assert no_work_dirs_left(old_site.parent)
    assert tree_hash(old_site) == before


# --- Work folders claimed by a lock, not by PID -----------------------------------------

def test_a_locked_work_folder_is_left_alone_and_a_free_one_removed(data, old_site):
    parent = old_site.parent
    # Another namespace's build: its PID means nothing here, but it holds the lock.
    in_use = parent / f"{build.WORK_PREFIX}999999999-otro"
    (in_use / "site").mkdir(parents=True)
    (in_use / "site" / "index.html").write_text("<p>a medio construir</p>", encoding="utf-8")
    holder = subprocess.Popen(
        [PYTHON, "-c", "import fcntl, sys, time\n"
         "f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); print('ok', flush=True); time.sleep(600)",
         str(in_use / build.WORK_LOCK)],
        stdout=subprocess.PIPE, text=True,
    )
    # Left by a build that died, though a live process happens to have its PID.
    abandoned = parent / f"{build.WORK_PREFIX}{os.getpid()}-muerto"
    abandoned.mkdir()
    try:
        assert holder.stdout.readline().strip() == "ok"
        before = tree_hash(in_use)
        assert main(["build", "--data", str(data), "--site", str(old_site)]) == 0
        assert tree_hash(in_use) == before
        assert not abandoned.exists()
    finally:
        holder.kill()
        holder.wait()
    assert main(["build", "--data", str(data), "--site", str(old_site)]) == 0
    assert no_work_dirs_left(parent)


# --- Environment errors get one Spanish sentence ----------------------------------------

def one_spanish_line(err: str, code: int) -> bool:
    return (err.count("\n") == 1 and len(err) < 300 and os.strerror(code) not in err
            and "Error interno" not in err and "Errno" not in err and "Traceback" not in err)


@pytest.mark.parametrize("code, words, files", [
    (errno.EACCES, "no hay permiso", 1),
    (errno.EPERM, "no hay permiso", 1),
    (errno.EROFS, "solo lectura", 1),
    (errno.ENOSPC, "no queda espacio en el disco", 2),  # as a copy says it: from, to
    (errno.EDQUOT, "cuota de disco", 0),  # as a write says it: no file at all
    (errno.ENAMETOOLONG, "es demasiado largo", 1),
])
def test_a_failure_of_the_disk_is_one_spanish_sentence(data, old_site, monkeypatch, capsys, code, words, files):
    before = tree_hash(old_site)

    def failing(results, out_dir, published, **_options):
        written = str(out_dir / ("1-" + "x" * 300 + ".md"))
        named = {0: (), 1: (written,), 2: (str(REPO / "docs" / "index.md"), None, written)}[files]
        raise OSError(code, os.strerror(code), *named)

    monkeypatch.setattr(build, "write_docs", failing)
    assert main(["build", "--data", str(data), "--site", str(old_site)]) == 2
    err = capsys.readouterr().err
    assert one_spanish_line(err, code), err
    assert words in err and f"{old_site.parent}:" in err, err
    assert build.WORK_PREFIX not in err
    assert tree_hash(old_site) == before and no_work_dirs_left(old_site.parent)


def test_a_full_disk_while_copying_many_files_is_one_sentence(data, old_site, monkeypatch, capsys):
    def failing(src, dst, **kwargs):  # how shutil.copytree reports every file that failed
        raise shutil.Error([(f"{src}/{i}.md", f"{dst}/{i}.md", f"[Errno 28] No space left on device: '{i}'")
                            for i in range(2000)])

    monkeypatch.setattr(build.shutil, "copytree", failing)
    assert main(["build", "--data", str(data), "--site", str(old_site)]) == 2
    err = capsys.readouterr().err
    assert "no queda espacio en el disco" in err and f"{old_site.parent}:" in err
    assert one_spanish_line(err, errno.ENOSPC), err


def test_a_full_disk_inside_mkdocs_is_one_sentence(data, old_site, tmp_path, monkeypatch, capsys):
    failing = 'import sys\nsys.exit("Traceback (most recent call last):\\nOSError: [Errno 28] No space left on device")\n'
    monkeypatch.setenv("PYTHONPATH", str(fake_mkdocs(tmp_path, failing)))
    assert main(["build", "--data", str(data), "--site", str(old_site)]) == 2
    err = capsys.readouterr().err
    assert "no queda espacio en el disco" in err and f"{old_site.parent}:" in err
    assert one_spanish_line(err, errno.ENOSPC), err


def test_an_unknown_failure_is_short(data, old_site, monkeypatch, capsys):
    def failing(results, out_dir, published, **_options):
        raise OSError(errno.EIO, "x" * 40_000)

    monkeypatch.setattr(build, "write_docs", failing)
    assert main(["build", "--data", str(data), "--site", str(old_site)]) == 2
    err = capsys.readouterr().err
    assert "Error interno" in err and len(err) < 600


@pytest.mark.parametrize("epoch", ["mañana", "-86400", "1.5", "99999999999999", "٣"])
def test_a_bad_source_date_epoch_is_an_error_that_names_it(data, old_site, monkeypatch, capsys, epoch):
    before = tree_hash(old_site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert main(["build", "--data", str(data), "--site", str(old_site)]) == 2
    err = capsys.readouterr().err
    assert "SOURCE_DATE_EPOCH" in err and "segundos desde 1970" in err and "unset" in err
    assert "Traceback" not in err and "Error interno" not in err
    assert tree_hash(old_site) == before
