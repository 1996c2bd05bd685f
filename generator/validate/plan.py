"""Tables and plan.yml to the domain model, with every problem located.

Nothing stops at the first problem: each check adds to `Problems` and goes on, so
the planning office fixes its files in one pass. A value that fails is left out of
the model; the model is only meaningful when no error was found.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.model import Corte, Plan
from generator.problems import Problems
from generator.read.table import Table
from generator.read.yaml_file import YamlDoc
from generator.validate.avances import validate_cortes
from generator.validate.metas import Spellings, unify_spelling, validate_metas
from generator.validate.plan_yml import (
    PlanYaml,
    Tree,
    plan_header,
    plan_tree,
    warn_empty_leaves,
    weigh_by_count,
)
from generator.validate.presupuesto import attach_presupuesto
from generator.validate.reprogramaciones import apply_reprogramaciones
from generator.validate.seguimiento import validate_seguimiento


@dataclass
class PlanFiles:
    """What the readers produced for one plan folder."""

    slug: str
    source_dir: str
    doc: YamlDoc
    metas: Table | None  # None when the file could not be read (already a problem)
    cortes: dict[str, list[Table]] = field(default_factory=dict)  # "2021-T3" -> tables
    presupuesto: dict[str, list[Table]] = field(default_factory=dict)  # "2021-T3" -> tables
    reprogramaciones: Table | None = None  # None when the plan has none
    seguimiento: Table | None = None  # None when the plan has none
    informes: dict[str, str] = field(default_factory=dict)  # "2021-T3" -> informes/2021-T3.md (Markdown)


def validate_plan(files: PlanFiles) -> tuple[Plan | None, Problems]:
    """The validated plan (None if plan.yml is too broken to build one) and every problem."""
    problems = Problems()
    y = PlanYaml(files.doc, problems)
    if not isinstance(files.doc.data, dict):
        y.error("valor-no-valido", (), "se esperaba un grupo de claves (nombre, periodo, niveles, estructura...)")
        return None, problems
    header = plan_header(y)
    tree = plan_tree(y, header.niveles) if header else Tree()
    years = list(range(header.periodo[0], header.periodo[1] + 1)) if header else []

    spellings = Spellings()
    metas = validate_metas(files.metas, years, tree, spellings, problems) if files.metas is not None else None
    reprogramaciones = []
    if files.reprogramaciones is not None and metas is not None:
        # Before the cortes: execution is checked against the values in force.
        reprogramaciones = apply_reprogramaciones(files.reprogramaciones, metas, years, problems)
        for meta in metas.values():
            unify_spelling(meta, spellings)  # a new dependencia may be an old one respelled
    cortes = validate_cortes(files.cortes, years, metas, problems)
    attach_presupuesto(files.presupuesto, cortes, years, metas, spellings, problems)
    compromisos = []
    if files.seguimiento is not None and metas is not None:
        compromisos = validate_seguimiento(files.seguimiento, metas, cortes, problems)
    if header is None:
        return None, problems
    if metas is not None:
        warn_empty_leaves(y, tree)
        if header.pesos == "por_conteo":
            weigh_by_count(y, tree)
    plan = Plan(
        slug=files.slug, nombre=header.nombre, entidad=header.entidad, periodo=header.periodo,
        niveles=header.niveles, vigencias=header.vigencias, rangos=header.rangos, roots=tree.roots,
        metas=metas or {}, cortes=cortes, reprogramaciones=reprogramaciones, compromisos=compromisos, demo=header.demo, licencia=header.licencia,
        descripcion=header.descripcion, oficina=header.oficina, source_dir=files.source_dir,
        sinonimos=header.sinonimos, cuatrienio=header.cuatrienio,
        decreto_seguimiento=header.decreto_seguimiento, firma=header.firma, grupo=header.grupo,
        informes=_informes(files, cortes, problems),
    )
    return plan, problems



def _informes(files: PlanFiles, cortes: list[Corte], problems: Problems) -> dict[str, str]:
    """The office's conclusions of each corte with avances; one for a corte without
    avances is not published (an aviso)."""
    ids = {corte.id for corte in cortes}
    for corte in sorted(set(files.informes) - ids):
        problems.warn("informe-sin-corte", f"{files.source_dir}/informes/{corte}.md",
                      f"no hay avances del corte {corte}, así que este informe no se publica; revise el nombre del "
                      "archivo (AAAA-TN.md, el corte de los avances)")
    return {corte: text for corte, text in files.informes.items() if corte in ids}
