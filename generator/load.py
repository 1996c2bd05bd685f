"""Find the plans under a data folder, read their files and validate them.

`load_data` is the read-and-validate stage of the pipeline: it never raises for bad
input; every file that cannot be read becomes a problem and the rest are still read,
so one run lists everything to fix. Besides plan.yml, metas and avances it reads the
optional presupuesto/ folder and reprogramaciones file, and once a plan has no error it
adds the consistency review's avisos (review.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.contract import (
    avances_columns,
    corte_id,
    metas_columns,
    presupuesto_columns,
    reprogramaciones_columns,
)
from generator.model import Plan
from generator.problems import Problems
from generator.read.csv_file import read_csv
from generator.read.mapping.reader import read_mapped
from generator.read.safety import FileRefused
from generator.read.table import Table
from generator.read.xlsx import read_xlsx
from generator.read.yaml_file import YamlDoc, YamlProblem, read_yaml
from generator.validate.plan import PlanFiles, validate_plan
from generator.validate.plan_yml import sheet_for
from generator.validate.review import review

TABLE_SUFFIXES = (".xlsx", ".csv")
OTHER_SPREADSHEETS = (".xls", ".xlsm", ".xlsb", ".ods", ".numbers")
UNREADABLE = "no se pudo leer el archivo; revise que no esté dañado y que sea lo que dice su extensión"


def load_data(data_dir: Path) -> tuple[list[Plan], Problems]:
    """Every plan under `data_dir` (folders with a plan.yml, sorted by name), and all
    problems found. `data_dir` may itself be a plan folder."""
    data_dir = Path(data_dir)
    problems = Problems()
    plans = []
    folders = plan_folders(data_dir)
    if not folders:
        problems.error("sin-planes", str(data_dir), "no hay ningún plan: se esperaba al menos una carpeta con un archivo plan.yml")
    for plan_dir in folders:
        shown = _display(data_dir, plan_dir)
        if not _usable_as_url(plan_dir.name):
            problems.error("nombre-de-carpeta-no-valido", shown, _SLUG_MESSAGE, value=plan_dir.name)
            continue
        plan, found = load_plan(plan_dir, shown)
        problems.extend(found)
        if plan is not None:
            plans.append(plan)
    return plans, problems


# Folders the site itself uses at its top level: a plan named like them would collide.
RESERVED_PLAN_SLUGS = frozenset({"assets", "search", "datos", "metodologia", "glosario", "404"})
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
_SLUG_MESSAGE = (
    "el nombre de la carpeta del plan se usa en las direcciones del sitio: use solo minúsculas "
    "sin tildes, números y guiones (p. ej. mi-municipio), y ninguno de estos nombres: "
    + ", ".join(sorted(RESERVED_PLAN_SLUGS))
)


def _usable_as_url(name: str) -> bool:
    return bool(_SLUG.fullmatch(name)) and name not in RESERVED_PLAN_SLUGS


def plan_folders(data_dir: Path) -> list[Path]:
    if (data_dir / "plan.yml").is_file():
        return [data_dir]
    return sorted(p.parent for p in data_dir.glob("*/plan.yml") if p.is_file())


def _display(data_dir: Path, path: Path) -> str:
    """The path as the user passed it, joined with the relative path inside it."""
    return str(data_dir / path.relative_to(data_dir))


def load_plan(plan_dir: Path, shown: str) -> tuple[Plan | None, Problems]:
    problems = Problems()
    yml_shown = f"{shown}/plan.yml"
    try:
        doc = read_yaml(plan_dir / "plan.yml", yml_shown)
    except YamlProblem as exc:
        problems.error(exc.codigo, yml_shown, exc.message, row=exc.line)
        return None, problems
    except (FileRefused, OSError) as exc:
        _refused(problems, yml_shown, exc)
        return None, problems
    if isinstance(doc.data, dict) and "mapeo" in doc.data:
        metas, cortes = _read_mapped(plan_dir, doc, shown, problems)
    else:
        metas = _read_metas(plan_dir, shown, sheet_for(doc.data, "metas"), _years(doc), problems)
        cortes = _read_cortes(plan_dir, "avances", shown, sheet_for(doc.data, "avances"), avances_columns(), problems)
    presupuesto = _read_cortes(plan_dir, "presupuesto", shown, None, presupuesto_columns(), problems)
    reprogramaciones = _read_optional(plan_dir, "reprogramaciones", shown, reprogramaciones_columns(), problems)
    files = PlanFiles(plan_dir.name, shown, doc, metas, cortes, presupuesto, reprogramaciones)
    plan, found = validate_plan(files)
    problems.extend(found)
    if plan is not None and not problems.has_errors:
        problems.extend(review(plan))  # consistency avisos (PE-P-004) on a sound model only
    return plan, problems


def _refused(problems: Problems, file: str, exc: FileRefused | OSError) -> None:
    if isinstance(exc, FileRefused):
        problems.error(exc.codigo, file, exc.message)
    else:
        problems.error("archivo-inaccesible", file, "no se pudo abrir el archivo; revise que exista y que se tenga permiso para leerlo")


def _years(doc: YamlDoc) -> list[int]:
    """The period's years if plan.yml gives them plainly, to recognise the metas header."""
    periodo = doc.data.get("periodo") if isinstance(doc.data, dict) else None
    if isinstance(periodo, list) and len(periodo) == 2 and all(isinstance(y, int) for y in periodo):
        return list(range(periodo[0], min(periodo[1], periodo[0] + 50) + 1))
    return []


def _read_mapped(plan_dir: Path, doc: YamlDoc, shown: str, problems: Problems):
    """A plan whose tables come from the office's own workbook (plan.yml `mapeo:`).

    The mapping completes plan.yml (the tree, from the workbook's hierarchy columns),
    so validation sees the completed copy; its keys without a line in plan.yml are
    located at the top of the file.
    """
    try:
        completed, metas, cortes, found = read_mapped(plan_dir, doc.data, shown)
    except (FileRefused, OSError) as exc:
        _refused(problems, f"{shown}/plan.yml", exc)
        return None, {}
    except Exception:  # a reader bug must not hide the other plans' problems
        problems.error("archivo-danado", f"{shown}/plan.yml", UNREADABLE)
        return None, {}
    problems.extend(found)
    doc.data = completed
    return metas, {corte: [table] for corte, table in cortes.items()}


def read_table(path: Path, shown: str, expected: set[str], sheet: str | None, problems: Problems) -> Table | None:
    """One .xlsx or .csv file as a Table; None (and a problem) if it cannot be read."""
    try:
        if path.suffix.lower() == ".xlsx":
            table, found = read_xlsx(path, shown, expected, sheet)
        else:
            table, found = read_csv(path, shown, expected)
    except (FileRefused, OSError) as exc:
        _refused(problems, shown, exc)
        return None
    except Exception:  # a reader bug must not hide the other files' problems
        problems.error("archivo-danado", shown, UNREADABLE)
        return None
    problems.extend(found)
    return table


def _tables_in(folder: Path) -> list[Path]:
    """Table files of a folder, ignoring hidden files and Office lock files (~$...)."""
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and not p.name.startswith((".", "~$")) and p.suffix.lower() in TABLE_SUFFIXES
    )


def _misplaced(folder: Path, shown: str, problems: Problems, stem: str | None = None) -> None:
    """Spreadsheets in formats we do not read, where a table was expected (`stem`: only that name)."""
    for path in sorted(folder.iterdir()):
        if stem is not None and path.stem.lower() != stem:
            continue
        if path.is_file() and path.suffix.lower() in OTHER_SPREADSHEETS and not path.name.startswith((".", "~$")):
            problems.error("formato-no-admitido", f"{shown}/{path.name}", "formato no admitido; se esperaba un archivo .xlsx o .csv (CSV UTF-8)")


def _read_metas(plan_dir: Path, shown: str, sheet: str | None, years: list[int], problems: Problems) -> Table | None:
    if not [p for p in _tables_in(plan_dir) if p.stem.lower() == "metas"]:
        _misplaced(plan_dir, shown, problems, stem="metas")
        problems.error("archivo-faltante", shown, "falta el archivo de metas; se esperaba metas.xlsx o metas.csv en la carpeta del plan")
        return None
    return _read_optional(plan_dir, "metas", shown, metas_columns(years), problems, sheet)


def _read_optional(plan_dir: Path, stem: str, shown: str, expected: set[str], problems: Problems,
                   sheet: str | None = None) -> Table | None:
    """`<stem>.xlsx` or `<stem>.csv` of the plan folder; None when absent (or unreadable: a problem)."""
    candidates = [p for p in _tables_in(plan_dir) if p.stem.lower() == stem]
    _misplaced(plan_dir, shown, problems, stem=stem)
    if not candidates:
        return None
    if len(candidates) > 1:
        names = " y ".join(p.name for p in candidates)
        problems.error("archivos-duplicados", shown, f"hay dos archivos de {stem} ({names}); se esperaba uno solo")
        return None
    path = candidates[0]
    return read_table(path, f"{shown}/{path.name}", expected, sheet, problems)


def _read_cortes(plan_dir: Path, kind: str, shown: str, sheet: str | None, expected: set[str],
                 problems: Problems) -> dict[str, list[Table]]:
    """Tables by corte id: <kind>/AAAA-TN.xlsx|csv, or a folder <kind>/AAAA-TN/ of files
    (one per dependencia) merged into one corte. `kind` is avances or presupuesto."""
    folder = plan_dir / kind
    if not folder.is_dir():
        return {}
    shown = f"{shown}/{kind}"
    _misplaced(folder, shown, problems)
    cortes = {}
    for corte, entry in _corte_sources(folder, shown, problems).items():
        files = _tables_in(entry) if entry.is_dir() else [entry]
        if not files:
            problems.error("corte-sin-archivos", f"{shown}/{entry.name}", "la carpeta del corte no tiene archivos .xlsx ni .csv")
        tables = [read_table(f, f"{shown}/{f.relative_to(folder)}", expected, sheet, problems) for f in files]
        if files and all(t is not None for t in tables):
            cortes[corte] = tables
    return cortes


def _corte_sources(folder: Path, shown: str, problems: Problems) -> dict[str, Path]:
    """The file or folder of each corte, named AAAA-TN; one per corte."""
    tables = set(_tables_in(folder))
    sources: dict[str, Path] = {}
    for entry in sorted(folder.iterdir()):
        if not (entry in tables or entry.is_dir() and not entry.name.startswith(".")):
            continue
        corte = corte_id(entry.name if entry.is_dir() else entry.stem)
        if corte is None:
            problems.error("corte-no-valido", f"{shown}/{entry.name}", "el nombre no es un corte; se esperaba AAAA-TN, p. ej. 2021-T3 (tercer trimestre de 2021)")
        elif corte in sources:
            problems.error("archivos-duplicados", f"{shown}/{entry.name}", f"el corte {corte} ya tiene otro archivo o carpeta ({sources[corte].name}); se esperaba uno solo")
        else:
            sources[corte] = entry
    return sources
