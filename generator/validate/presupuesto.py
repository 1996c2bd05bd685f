"""presupuesto/AAAA-TN tables to Corte.presupuesto: money per meta, vigencia and fuente.

Optional files, one per corte (or a folder of files per corte, like avances), with
the columns codigo_meta, vigencia, fuente, programado (apropiación), comprometido,
pagado and territorio. Amounts are pesos and follow the cell rules of every number.
Negative money is an error; committing more than programmed, or paying more than
committed, is an aviso (it happens with additions not yet recorded, but deserves a look).
A presupuesto file whose corte has no avances file is an aviso and is not published:
money is always shown next to the physical progress of the same corte.
"""

from __future__ import annotations

from generator.contract import PRESUPUESTO_REQUIRED
from generator.model import Corte, Meta, Presupuesto
from generator.names import canonical_name
from generator.problems import Problems, pesos
from generator.read.cells import parse_code, parse_non_negative, parse_text, parse_year
from generator.read.table import Table
from generator.validate.avances import check_vigencia
from generator.validate.metas import Spellings
from generator.validate.rows import Cells, missing_columns


def attach_presupuesto(tables: dict[str, list[Table]], cortes: list[Corte], years: list[int],
                       metas: dict[str, Meta] | None, spellings: Spellings, problems: Problems) -> None:
    """Fill each corte's `presupuesto` from its tables. A fuente or territorio is spelled
    everywhere as its first appearance ("SGP" and "sgp" are one fuente)."""
    by_id = {c.id: c for c in cortes}
    for corte_id, corte_tables in sorted(tables.items()):
        corte = by_id.get(corte_id)
        if corte is None:
            problems.warn("presupuesto-sin-avances", corte_tables[0].file, f"no hay avances del corte {corte_id}; este presupuesto no se "
                          f"publica hasta que exista el archivo de avances de ese corte")
            continue
        seen: dict[tuple[str, str, str], tuple[Table, int]] = {}
        for table in corte_tables:
            missing_columns(table, list(PRESUPUESTO_REQUIRED), problems)
            for row in table.rows:
                cells = Cells(table, row, problems)
                item = _presupuesto(cells, corte, years, metas)
                if item is None:
                    continue
                item.fuente = spellings.of("fuente", item.fuente)
                item.territorio = spellings.of("territorio", item.territorio)
                key = (item.codigo_meta, item.fuente, canonical_name(item.territorio))
                if key in seen:
                    first_table, first_row = seen[key]
                    place = "" if first_table is table else f"{first_table.file}, "
                    cells.error("fila-repetida", "fuente", f"la meta {item.codigo_meta} ya tiene una fila con esta fuente"
                                f"{' y territorio' if item.territorio else ''} en este corte ({place}fila {first_row}); "
                                "se esperaba una sola fila", cells.raw("fuente"))
                    continue
                seen[key] = (table, row.number)
                corte.presupuesto.append(item)


def _presupuesto(cells: Cells, corte: Corte, years: list[int], metas: dict[str, Meta] | None) -> Presupuesto | None:
    codigo = cells.get("codigo_meta", parse_code, "el código de la meta")
    vigencia = cells.get("vigencia", parse_year, "el año de la vigencia")
    fuente = cells.get("fuente", parse_text, "la fuente de los recursos, p. ej. Recursos propios, SGP o SGR")
    programado = cells.get("programado", parse_non_negative, "el valor programado (apropiación), en pesos")
    item = Presupuesto(
        codigo_meta=codigo or "", vigencia=vigencia or corte.vigencia, fuente=fuente or "",
        programado=programado or 0.0,
        comprometido=cells.get("comprometido", parse_non_negative),
        pagado=cells.get("pagado", parse_non_negative),
        territorio=cells.get("territorio", parse_text) or "",
        source=cells.source(),
    )
    known = metas is None or not codigo or codigo in metas
    if not known:
        cells.error("meta-inexistente", "codigo_meta", "no existe esa meta en el archivo de metas", codigo)
    in_corte = check_vigencia(cells, vigencia, corte, years)
    if programado is not None:
        _check_amounts(cells, item)
    return item if codigo and known and in_corte and fuente and programado is not None else None


def _check_amounts(cells: Cells, item: Presupuesto) -> None:
    if item.comprometido is not None and item.comprometido > item.programado:
        cells.warn("recursos-excedidos", "comprometido", f"lo comprometido supera lo programado ({pesos(item.programado)}); revise el valor")
    ceiling, name = ((item.comprometido, "comprometido") if item.comprometido is not None
                     else (item.programado, "programado"))
    if item.pagado is not None and item.pagado > ceiling:
        cells.warn("recursos-excedidos", "pagado", f"lo pagado supera lo {name} ({pesos(ceiling)}); revise el valor")
