"""Per-vigencia columns of a real workbook: what was programmed, and the cortes.

Programado of a vigencia: its yearly column (raw, validation parses it), or the sum
of its quarterly programmed columns. A meta is programmed when programado > 0,
whatever a "P / NP" flag column says; a disagreement is an aviso on that row.

Cortes from quarterly executed columns (`trimestres.ejecutado`): a quarter is a corte
when at least one meta has a value in its column. By default the quarterly columns
hold what was done IN each quarter, so the ejecutado of AAAA-Tn is the sum T1..Tn
(`acumulados: true` when each column already holds the total up to that quarter).
When the vigencia also has a yearly executed column, it is the workbook's own figure
for the latest quarter with data; if the quarters do not add up to it (some offices
average levels instead of adding them), that row's earlier cortes are scaled in
proportion so they end at the yearly figure, with an aviso.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from generator.names import canonical_name
from generator.problems import Problems, number_text
from generator.read.cells import CellError, is_blank, parse_number
from generator.read.mapping.config import DEFAULT_ESTADO, VigenciaSpec

SPARSE_SHARE = 0.5  # a corte with data for fewer than this share of programmed metas earns an aviso


@dataclass
class VigCols:
    """One vigencia's column indexes in one sheet (None: not mapped / not found)."""

    spec: VigenciaSpec
    programado: int | None = None
    verificar: int | None = None
    estado: int | None = None
    ejecutado: int | None = None
    trim_ej: list[int | None] = field(default_factory=list)
    trim_prog: list[int | None] = field(default_factory=list)
    avance: dict[str, int | None] = field(default_factory=dict)
    written: dict[object, str] = field(default_factory=dict)  # index -> header as written


@dataclass
class MetaRow:
    sheet: str
    number: int  # Excel row
    cells: list[object]
    vig: dict[int, VigCols]
    codigo: object  # raw or formatted code of the meta
    programado: dict[int, float | None] = field(default_factory=dict)


class Words:
    """`mapeo.valores`: the workbook's words to ours, per field."""

    def __init__(self, valores: dict[str, dict[str, object]]):
        self.valores = valores

    def __call__(self, field_name: str, value: object) -> object:
        table = self.valores.get(field_name)
        if table and isinstance(value, (str, int)) and not isinstance(value, bool) and not is_blank(value):
            word = canonical_name(value)
            if word in table:
                return table[word]
        return value

    def estado(self, value: object) -> str | None:
        if is_blank(value):
            return None
        mapped = self("estado", value)
        word = canonical_name(mapped)
        return DEFAULT_ESTADO.get(word, word if word in ("programada", "no_programada") else "?")


class Vigencias:
    def __init__(self, file: str, years: list[int], words: Words, problems: Problems):
        self.file = file
        self.years = years
        self.words = words
        self.problems = problems

    def _number(self, meta: MetaRow, index: int | None, vc: VigCols, field_name: str) -> tuple[float | None, bool]:
        """(value, ok) of a numeric cell; a bad cell is an error at that cell."""
        if index is None:
            return None, True
        raw = self.words(field_name, meta.cells[index] if index < len(meta.cells) else None)
        try:
            return parse_number(raw), True
        except CellError as exc:
            self.problems.error(exc.codigo, self.file, exc.message, sheet=meta.sheet, row=meta.number, column=vc.written[index], value=raw)
            return None, False

    def programado_cell(self, meta: MetaRow, year: int) -> tuple[object, str]:
        """The raw programado_AAAA cell for the metas table, and its column header."""
        vc = meta.vig.get(year)
        if vc is None:
            return None, ""
        if vc.programado is not None:
            raw = self.words("programado", meta.cells[vc.programado] if vc.programado < len(meta.cells) else None)
            try:
                meta.programado[year] = parse_number(raw)
            except CellError:
                meta.programado[year] = None  # validation reports it
            return raw, vc.written[vc.programado]
        total, any_value = 0.0, False
        for index in vc.trim_prog:
            value, ok = self._number(meta, index, vc, "programado")
            if value is not None:
                total, any_value = total + value, True
        meta.programado[year] = total if any_value else None
        shown = " + ".join(vc.written[i] for i in vc.trim_prog if i is not None)
        return (total if any_value else None), shown

    def check(self, meta: MetaRow, year: int) -> None:
        """Avisos: flag against programado, and programado against a second column."""
        vc = meta.vig.get(year)
        if vc is None:
            return
        programado = meta.programado.get(year)
        where = {"sheet": meta.sheet, "row": meta.number}
        if vc.estado is not None:
            raw = meta.cells[vc.estado] if vc.estado < len(meta.cells) else None
            flag = self.words.estado(raw)
            column = vc.written[vc.estado]
            is_programmed = programado is not None and programado > 0
            if flag == "?":
                self.problems.warn("marca-desconocida", self.file, "no es una marca de programada/no programada que el mapeo conozca; "
                                   "añádala en mapeo.valores.estado", column=column, value=raw, **where)
            elif flag == "no_programada" and is_programmed:
                self.problems.warn("marca-contradice-programado", self.file, f"la meta está marcada como no programada en {year} pero lo programado es "
                                   f"{number_text(programado)}; se toma como programada", column=column, value=raw, **where)
            elif flag == "programada" and not is_programmed:
                shown = "vacío" if programado is None else f"{number_text(programado)}"
                self.problems.warn("marca-contradice-programado", self.file, f"la meta está marcada como programada en {year} pero lo programado es "
                                   f"{shown}; se toma como no programada",
                                   column=column, value=raw, **where)
        if vc.verificar is not None and programado is not None:
            other, ok = self._number(meta, vc.verificar, vc, "programado")
            if ok and not _close(other or 0.0, programado):
                main = vc.written.get(vc.programado, "programado")
                self.problems.warn("programado-no-coincide", self.file, f"no coincide con {main} ({number_text(programado)}); se usa {main}",
                                   column=vc.written[vc.verificar], value=meta.cells[vc.verificar], **where)

    # ------------------------------------------------------------ cortes

    def cortes(self, metas: list[MetaRow], wanted: set[str] | None) -> dict[str, list[tuple[MetaRow, dict, dict]]]:
        """corte id -> [(meta, cells, headers)] in meta order."""
        out: dict[str, list[tuple[MetaRow, dict, dict]]] = {}
        for year in self.years:
            rows = [m for m in metas if year in m.vig]
            if rows:
                self._year(year, rows, wanted, out)
        return out

    def _year(self, year: int, metas: list[MetaRow], wanted: set[str] | None, out: dict) -> None:
        quarterly = any(i is not None for m in metas for i in m.vig[year].trim_ej)
        if not quarterly:
            self._yearly(year, metas, wanted, out)
            return
        values = {id(m): self._quarter_values(m, year) for m in metas}
        with_data = sorted({q for v in values.values() if v for q, x in enumerate(v[0]) if x is not None})
        if not with_data:
            return
        last = with_data[-1]
        emitted = [q for q in with_data if wanted is None or f"{year}-T{q + 1}" in wanted]
        self._warn_sparse(year, metas, values, emitted)
        latest = emitted[-1] if emitted else None
        for q in emitted:
            corte = f"{year}-T{q + 1}"
            for meta in metas:
                v = values[id(meta)]
                if v is None:
                    continue
                ejecutado, header = self._at(meta, year, v, q, last)
                if ejecutado is None:
                    continue
                cells = {"codigo_meta": meta.codigo, "vigencia": year, "ejecutado": ejecutado}
                headers = {"ejecutado": header}
                if q == latest:
                    self._extras(meta, year, cells, headers)
                out.setdefault(corte, []).append((meta, cells, headers))

    def _quarter_values(self, meta: MetaRow, year: int):
        """([value or None per quarter], yearly total or None, scale) or None after an error."""
        vc = meta.vig[year]
        values, ok_all = [], True
        for index in (vc.trim_ej + [None] * 4)[:4]:
            value, ok = self._number(meta, index, vc, "ejecutado")
            ok_all &= ok
            values.append(value)
        total, ok = self._number(meta, vc.ejecutado, vc, "ejecutado")
        if not (ok_all and ok):
            return None
        present = [x for x in values if x is not None]
        full = (present[-1] if vc.spec.acumulados else sum(present)) if present else None
        scale = None
        if total is not None and full is not None and not _close(full, total):
            scale = total / full if full else None
            rule = "el último trimestre con dato" if vc.spec.acumulados else "la suma de los trimestres"
            self.problems.warn("ejecutado-no-coincide-con-trimestres", self.file, f"{vc.written[vc.ejecutado]} ({number_text(total)}) no es {rule} ({number_text(full)}); se usa {number_text(total)} "
                               f"para el último corte de {year} y los cortes anteriores se ajustan en proporción",
                               sheet=meta.sheet, row=meta.number, column=vc.written[vc.ejecutado], value=total)
        return values, total, scale

    def _at(self, meta: MetaRow, year: int, v, q: int, last: int) -> tuple[float | None, str]:
        values, total, scale = v
        vc = meta.vig[year]
        if q == last and total is not None:
            return self.words("ejecutado", meta.cells[vc.ejecutado]), vc.written[vc.ejecutado]
        upto = [x for x in values[: q + 1] if x is not None]
        if not upto:
            return None, ""
        amount = upto[-1] if vc.spec.acumulados else sum(upto)
        if scale is not None:
            amount *= scale
        if isinstance(amount, float) and amount.is_integer():
            amount = int(amount)
        names = [vc.written[i] for i in vc.trim_ej[: q + 1] if i is not None]
        header = names[-1] if vc.spec.acumulados or len(names) == 1 else f"{names[0]} … {names[-1]}"
        return amount, header

    def _yearly(self, year: int, metas: list[MetaRow], wanted: set[str] | None, out: dict) -> None:
        quarter = metas[0].vig[year].spec.corte
        corte = f"{year}-T{quarter}"
        if wanted is not None and corte not in wanted:
            return
        for meta in metas:
            vc = meta.vig[year]
            if vc.ejecutado is None:
                continue
            raw = self.words("ejecutado", meta.cells[vc.ejecutado] if vc.ejecutado < len(meta.cells) else None)
            if is_blank(raw):
                continue
            cells = {"codigo_meta": meta.codigo, "vigencia": year, "ejecutado": raw}
            headers = {"ejecutado": vc.written[vc.ejecutado]}
            self._extras(meta, year, cells, headers)
            out.setdefault(corte, []).append((meta, cells, headers))

    def _extras(self, meta: MetaRow, year: int, cells: dict, headers: dict) -> None:
        """Yearly columns (resources, observations, supports) go to the year's latest corte."""
        vc = meta.vig[year]
        for name, index in vc.avance.items():
            if index is None:
                continue
            value = self.words(name, meta.cells[index] if index < len(meta.cells) else None)
            cells[name] = value
            headers[name] = vc.written[index]

    def _warn_sparse(self, year: int, metas: list[MetaRow], values: dict, emitted: list[int]) -> None:
        programmed = sum(1 for m in metas if (m.programado.get(year) or 0) > 0)
        for q in emitted:
            count = sum(1 for m in metas if values[id(m)] and values[id(m)][0][q] is not None)
            if programmed and count < SPARSE_SHARE * programmed:
                column = next((m.vig[year].written[m.vig[year].trim_ej[q]] for m in metas
                               if q < len(m.vig[year].trim_ej) and m.vig[year].trim_ej[q] is not None), "")
                self.problems.warn("corte-incompleto", self.file, f"el corte {year}-T{q + 1} tiene dato solo para {count} de las {programmed} metas "
                                   f"programadas en {year}; si ese trimestre no ha cerrado, limite los cortes con mapeo.cortes",
                                   sheet=metas[0].sheet, column=column or None)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
