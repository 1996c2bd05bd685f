"""Publishing from the commit: the CI files (GitHub Pages, GitLab Pages) build with the
command the README gives, from the whole history, and publish the folder they built.
Their build lines are run here, as written, so the files cannot rot."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
GITHUB = REPO / ".github" / "workflows" / "publicar.yml"
GITLAB = REPO / ".gitlab-ci.yml"
BUILD = "./tareas publicar"


def github_steps() -> list[dict]:
    jobs = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))["jobs"]
    return [step for job in jobs.values() for step in job["steps"]]


def gitlab_pages() -> dict:
    return yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["pages"]


def github_build() -> str:
    (line,) = [step["run"] for step in github_steps() if BUILD in step.get("run", "")]
    return line


def gitlab_build() -> str:
    (line,) = [line for line in gitlab_pages()["script"] if BUILD in line]
    return line


def uses(name: str) -> list[dict]:
    return [step for step in github_steps() if step.get("uses", "").startswith(name + "@")]


def test_github_builds_from_the_whole_history_and_deploys_what_it_built():
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML reads the key `on` as true
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    (checkout,) = uses("actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0  # the publication date is the data's last commit
    assert uses("actions/setup-python")[0]["with"]["python-version"] == "3.11"
    (upload,) = uses("actions/upload-pages-artifact")
    assert shlex.split(github_build())[-1] == upload["with"]["path"] == "site"
    assert uses("actions/deploy-pages")


def test_gitlab_builds_from_the_whole_history_into_public():
    job = gitlab_pages()
    assert job["variables"]["GIT_DEPTH"] == "0"
    assert job["image"].startswith("python:3.11")
    assert shlex.split(gitlab_build())[-1] == "public" and job["artifacts"]["paths"] == ["public"]


def test_the_readme_says_which_to_use_and_how():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for text in (".github/workflows/publicar.yml", ".gitlab-ci.yml", "fetch-depth: 0", "SITE_URL",
                 f"{BUILD} https://www.ejemplo.gov.co/rendicion/", "rsync"):
        assert text in readme, text


@pytest.mark.parametrize("which, env, url", [
    ("github", {"SITE_URL": "https://usuario.github.io/rendicion"}, "https://usuario.github.io/rendicion/"),
    ("gitlab", {"CI_PAGES_URL": "https://grupo.gitlab.io/rendicion"}, "https://grupo.gitlab.io/rendicion/"),
])
def test_the_ci_build_line_builds_the_site(which, env, url, tmp_path):
    """The line as written, with its variables as the CI sets them, into a temporary
    folder instead of the one the CI publishes. `uv` (which `./tareas` installs when
    missing) is stubbed: the test's own environment is already installed."""
    line = github_build() if which == "github" else gitlab_build()
    words = shlex.split(line)
    assert words[:2] == ["./tareas", "publicar"] and len(words) == 4
    command = line[: line.rindex(words[-1])] + shlex.quote(str(tmp_path / "sitio"))
    stub = tmp_path / "bin"
    stub.mkdir()
    (stub / "uv").write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    (stub / "uv").chmod(0o755)
    environ = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "CI_PAGES_URL")}
    environ |= env | {"PATH": f"{stub}:{environ['PATH']}"}
    done = subprocess.run(["bash", "-c", command], cwd=REPO, env=environ, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    site = tmp_path / "sitio"
    assert f"<loc>{url}sopo/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f'href="{url}sopo/feed.xml"' in (site / "sopo" / "feed.xml").read_text(encoding="utf-8")
