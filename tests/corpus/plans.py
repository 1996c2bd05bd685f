"""A small valid plan written into a temporary folder, for tests to break one thing at a time."""

from __future__ import annotations

import contextlib
from pathlib import Path

from generator.load import load_data

PLAN_YML = """\
nombre: Plan de prueba 2021-2022
entidad: Alcaldía de Prueba
periodo: [2021, 2022]
niveles: [línea, programa]
estructura:
  - codigo: "1"
    nombre: Social
    peso: 60
    hijos:
      - {codigo: "1.1", nombre: Educación}
      - {codigo: "1.2", nombre: Ambiente}
"""

METAS_CSV = """\
codigo_meta,codigo_padre,meta,indicador,tipo,linea_base,meta_cuatrienio,programado_2021,programado_2022,dependencia
M1,1.1,Dotar aulas,Aulas dotadas,incremento,0,20,10,10,Educación
M2,1.2,Reducir residuos,Toneladas,reduccion,100,60,80,60,Ambiente
"""

AVANCES_CSV = """\
codigo_meta,vigencia,ejecutado,evidencia
M1,2021,5,https://example.org/m1
M2,2021,90,
"""


def write_plan(root: Path, slug: str = "prueba", plan_yml: str = PLAN_YML, metas: str | None = METAS_CSV,
               avances: dict[str, str] | None = None, extra: dict[str, bytes] | None = None) -> Path:
    """data/<slug>/ with plan.yml, metas.csv, avances/<name> and `extra` files; returns data/."""
    folder = root / "data" / slug
    (folder / "avances").mkdir(parents=True, exist_ok=True)
    (folder / "plan.yml").write_text(plan_yml, encoding="utf-8")
    if metas is not None:
        (folder / "metas.csv").write_text(metas, encoding="utf-8")
    for name, text in ({"2021-T4.csv": AVANCES_CSV} if avances is None else avances).items():
        (folder / "avances" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "avances" / name).write_text(text, encoding="utf-8")
    for name, data in (extra or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return root / "data"


def load(root: Path, **files):
    """The plan written with `files` (None when it has errors) and every problem, as
    printed by load_data when called with the relative path "data", as a user would."""
    write_plan(root, **files)
    with contextlib.chdir(root):
        plans, problems = load_data(Path("data"))
    return (plans[0] if plans else None), [str(p) for p in problems]


def messages(root: Path, **files) -> list[str]:
    return load(root, **files)[1]


def located(root: Path, **files) -> list[tuple]:
    """Every problem of the plan written with `files` as (codigo, file, sheet, row, column)."""
    write_plan(root, **files)
    with contextlib.chdir(root):
        _, problems = load_data(Path("data"))
    return [(p.codigo, p.file, p.sheet, p.row, p.column) for p in problems]


def only(found: list[str], *fragments: str) -> str:
    """The single problem that contains every fragment."""
    hits = [m for m in found if all(f in m for f in fragments)]
    assert len(hits) == 1, "\n".join(found)
    return hits[0]
