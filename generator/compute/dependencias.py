"""Dependencias: who answers for each meta, and their figures at each corte
(PE-P-004: execution by dependencia).

Identity, one rule for every page, workbook and open-data table: two metas belong to
the same dependencia when their names have the same `names.name_key` (case, accents,
separators and the punctuation or spaces at either end do not count: "Secretaría de
Salud", "Secretaría de Salud," and "SECRETARÍA DE SALUD" are one). Its name is the
first spelling in plan order; its slug is the name's, cut to 60 characters, and when
two dependencias' slugs coincide ("Gobierno – Tránsito" and "Gobierno (Tránsito)",
or names in a script without Latin letters, "dependencia"), the one with the
later key gets "-2", "-3"...: the same plan always gives the same slugs, whatever the
order of its metas.

A dependencia's cumplimiento is the mean of the compliance of its metas programmed in
the vigencia, each weighted by its weight in the whole plan (W): a meta that weighs more
in the plan weighs more in its dependencia's figure. Its avance_cuatrienio is the same
mean of its metas' share of their four-year targets (compute/cuatrienio.py). Metas without a dependencia belong
to none (they still count in the nodes and the plan, and in the alert matrix as "Sin
dependencia asignada").
"""

from __future__ import annotations

from collections import defaultdict

from generator.compute.alerts import alerts_by_kind
from generator.compute.core import Judgement, counts_of, judge, weighted_mean
from generator.compute.money import money_sum
from generator.model import Plan
from generator.names import name_key, slugify
from generator.results import Dependencia, DependenciaResult, MetaResult, Money, VigenciaResult

SIN_DEPENDENCIA = "Sin dependencia asignada"
SIN_DEPENDENCIA_SLUG = "sin-dependencia"
SLUG_LENGTH = 60


def _slugs(keys: list[str]) -> dict[str, str]:
    """A unique slug per key, given in sorted order."""
    taken: set[str] = set()
    slugs = {}
    for key in keys:
        base = (slugify(key)[:SLUG_LENGTH].rstrip("-") or "dependencia") if key else SIN_DEPENDENCIA_SLUG
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs[key] = slug
    return slugs


def dependencias(plan: Plan) -> tuple[Dependencia, ...]:
    """The plan's dependencias, sorted by slug; the metas without one are the one with
    key "" (when there are any)."""
    names: dict[str, str] = {}
    metas: dict[str, list[str]] = defaultdict(list)
    for meta in plan.metas.values():
        key = name_key(meta.dependencia) if meta.dependencia.strip() else ""
        names.setdefault(key, meta.dependencia.strip() or SIN_DEPENDENCIA)
        metas[key].append(meta.codigo)
    slugs = _slugs(sorted(names))
    return tuple(sorted((Dependencia(key, names[key], slugs[key], tuple(metas[key])) for key in names),
                        key=lambda d: d.slug))


def group_figures(plan: Plan, vig: VigenciaResult, weights: dict[str, float],
                  codigos: tuple[str, ...]) -> tuple[list[MetaResult], float | None, Judgement]:
    """A group of metas at the corte of `vig` (a dependencia's, a sector's): their
    results, their cumplimiento (the mean over the programmed ones, each weighted by its
    W) and how it is judged against what was expected by the corte."""
    figures = [vig.metas[codigo] for codigo in codigos]
    cumplimiento = weighted_mean((weights[r.codigo], r.cumplimiento) for r in figures)
    return figures, cumplimiento, judge(cumplimiento, vig.esperado, plan.rangos)


def dependencia_results(plan: Plan, vig: VigenciaResult, weights: dict[str, float]) -> tuple[DependenciaResult, ...]:
    """Each dependencia's figures in the vigencia at the corte of `vig` (whose metas and
    finanzas are already computed), in the order of `dependencias`; `weights` are the
    metas' W. Money: the sum of its metas' (compute/money.py)."""
    by_meta = vig.finanzas.by_meta if vig.finanzas else {}
    results = []
    for dep in dependencias(plan):
        figures, cumplimiento, judged = group_figures(plan, vig, weights, dep.metas)
        results.append(DependenciaResult(
            dependencia=dep, vigencia=vig.vigencia, corte=vig.corte, cumplimiento=cumplimiento,
            counts=counts_of(figures), dinero=money_sum(by_meta.get(c, Money()) for c in dep.metas),
            rango=judged.rango, ritmo=judged.ritmo, rango_cumplimiento=judged.rango_cumplimiento,
            avance_cuatrienio=weighted_mean((weights[c], vig.metas_cuatrienio[c].avance) for c in dep.metas),
            alertas=alerts_by_kind(figures),
            rezagadas=tuple(r.codigo for r in figures if r.rezagada),
        ))
    return tuple(results)
