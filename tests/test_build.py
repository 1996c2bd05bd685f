"""The build is all or nothing: the previous site survives bad data, errors,
interruptions and killed processes; two builds of the same input are identical."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator import build
from generator.cli import main
from tests.helpers import tree_hash

REPO = Path(__file__).resolve().parent.parent
EPOCH = "1626307200"  # 2021-07-15


def no_work_dirs_left(parent: Path) -> bool:
    return not list(parent.glob(build.WORK_PREFIX + "*"))


def test_bad_data_leaves_previous_site_and_fails(data, old_site, capsys):
    before = tree_hash(old_site)
    with open(data / "mini" / "avances" / "2021-T2.csv", "a", encoding="utf-8") as f:
        f.write("M5,2021,doce,,\n")
    assert main(["build", "--data", str(data), "--site", str(old_site)]) == 1
    err = capsys.readouterr().err
    assert "2021-T2.csv" in err and "doce" in err and "fila 6" in err
    assert "El sitio anterior quedó intacto" in err
    assert tree_hash(old_site) == before


def started_mkdocs(monkeypatch) -> list:
    """The MkDocs children the builds start, recorded."""
    started = []

    class Recorded(build.MkDocsChild):
        def __init__(self):
            super().__init__()
            started.append(self._proc)

    monkeypatch.setattr(build, "MkDocsChild", Recorded)
    return started


def test_the_mkdocs_child_ends_with_a_build_that_stops_before_it(data, old_site, monkeypatch):
    """Started with the build, MkDocs's child is ended and reaped when the build stops
    at the data, and when it is interrupted before MkDocs runs."""
    started = started_mkdocs(monkeypatch)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(build, "compute_plan", interrupted)
        assert main(["build", "--data", str(data), "--site", str(old_site)]) == 130
    with open(data / "mini" / "avances" / "2021-T2.csv", "a", encoding="utf-8") as f:
        f.write("M5,2021,doce,,\n")
    assert main(["build", "--data", str(data), "--site", str(old_site)]) == 1
    assert len(started) == 2 and [proc.returncode for proc in started] == [-signal.SIGKILL] * 2


@pytest.mark.skipif(build.find_chromium() is None, reason="sin Chromium no se imprime ningún informe")
def test_a_report_page_mkdocs_never_writes_fails_the_build(data, old_site, monkeypatch, capsys):
    """A printer waits for its report page while MkDocs runs; a page that never comes
    is an error, not a site whose report links a missing PDF."""
    before = tree_hash(old_site)

    def jobs(results, site):
        return [build.PrintJob(site / "no-existe" / "index.html", site / "no-existe" / "informe.pdf")]

    monkeypatch.setattr(build, "_print_jobs", jobs)
    assert main(["build", "--data", str(data), "--site", str(old_site)]) == 2
    assert "MkDocs no escribió la página del informe no-existe/index.html" in capsys.readouterr().err
    assert tree_hash(old_site) == before
    assert no_work_dirs_left(old_site.parent)


def test_failure_inside_mkdocs_leaves_previous_site(data, old_site, monkeypatch, capsys):
    before = tree_hash(old_site)

    def broken(self, config, published, converted):
        raise build.BuildError("MkDocs no pudo construir el sitio: prueba")

    monkeypatch.setattr(build.MkDocsChild, "build", broken)
    assert main(["build", "--data", str(data), "--site", str(old_site)]) == 2
    assert "MkDocs no pudo" in capsys.readouterr().err
    assert tree_hash(old_site) == before
    assert no_work_dirs_left(old_site.parent)


def test_ctrl_c_during_the_build_leaves_previous_site(data, old_site, monkeypatch):
    before = tree_hash(old_site)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "write_open_data", interrupted)
    assert main(["build", "--data", str(data), "--site", str(old_site)]) == 130
    assert tree_hash(old_site) == before
    assert no_work_dirs_left(old_site.parent)


def test_killed_build_leaves_previous_site_and_next_build_cleans_up(data, old_site):
    before = tree_hash(old_site)
    # The child kills itself with SIGKILL right after MkDocs finished: the worst moment.
    script = (
        "import os, signal, sys\n"
        "from generator import build\n"
        "real = build.MkDocsChild.build\n"
        "def run_then_die(*a):\n"
        "    real(*a)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "build.MkDocsChild.build = run_then_die\n"
        "from generator.cli import main\n"
        f"sys.exit(main(['build', '--data', {str(data)!r}, '--site', {str(old_site)!r}]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    assert tree_hash(old_site) == before
    assert not no_work_dirs_left(old_site.parent)  # the killed build could not clean up
    assert main(["build", "--data", str(data), "--site", str(old_site)]) == 0
    assert no_work_dirs_left(old_site.parent)
    assert (old_site / "datos" / "mini" / "niveles.csv").exists()


def test_two_builds_are_byte_identical(data, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    build.build_site(data, tmp_path / "a")
    build.build_site(data, tmp_path / "b")
    first, second = tree_hash(tmp_path / "a"), tree_hash(tmp_path / "b")
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_build_does_not_touch_the_repository(data, tmp_path):
    def status():
        return subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True).stdout

    before = status()
    assert main(["build", "--data", str(data), "--site", str(tmp_path / "site")]) == 0
    assert status() == before


def test_publication_date_comes_from_source_date_epoch(data, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert build.publication_date(data).isoformat() == "2021-07-15"


def test_check_lists_every_problem_and_exits_1(data, capsys):
    with open(data / "mini" / "avances" / "2021-T2.csv", "a", encoding="utf-8") as f:
        f.write("M5,2021,doce,,\nM9,2021,1,,ftp://x\n")
    assert main(["check", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert "doce" in err and "M9" in err and "ftp://x" in err
    assert "Traceback" not in err


def test_check_on_good_data_exits_0(data, capsys):
    assert main(["check", "--data", str(data)]) == 0
    assert "Todo en orden" in capsys.readouterr().out


def test_missing_data_folder_is_a_message(tmp_path, capsys):
    assert main(["check", "--data", str(tmp_path / "no-existe")]) == 1
    err = capsys.readouterr().err
    assert "no existe" in err and "Hay problemas que corregir" in err and "publicó" not in err


def test_cli_runs_as_a_module(data, tmp_path):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--data", str(data)],
        cwd=REPO, capture_output=True, text=True, env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("option", ["--site", "--conservar"])
def test_a_folder_that_is_not_a_built_site_is_never_replaced(data, tmp_path, option, capsys):
    precious = tmp_path / "documentos"
    precious.mkdir()
    (precious / "tesis.docx").write_text("no borrar", encoding="utf-8")
    site = precious if option == "--site" else tmp_path / "site"
    keep = ["--conservar", str(precious)] if option == "--conservar" else []
    assert main(["build", "--data", str(data), "--site", str(site), *keep]) == 2
    assert "no es un sitio construido" in capsys.readouterr().err
    assert [p.name for p in precious.iterdir()] == ["tesis.docx"]


def test_the_repository_docs_folder_is_never_a_target(data, capsys):
    assert main(["build", "--data", str(data), "--site", str(REPO / "docs")]) == 2
    assert "parte del repositorio" in capsys.readouterr().err


def test_build_without_any_plan_publishes_nothing(tmp_path, old_site, capsys):
    before = tree_hash(old_site)
    (tmp_path / "vacia").mkdir()
    assert main(["build", "--data", str(tmp_path / "vacia"), "--site", str(old_site)]) == 1
    assert "no hay ningún plan" in capsys.readouterr().err
    assert tree_hash(old_site) == before
