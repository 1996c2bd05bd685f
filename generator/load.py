"""Find the plans under a data folder, read their files and validate them.

`load_data` is the read-and-validate stage of the pipeline: it never raises for bad
input; every file that cannot be read becomes a problem and the rest are still read,
so one run lists everything to fix. Besides plan.yml, metas and avances it reads the
optional presupuesto/ folder and reprogramaciones and seguimiento files, and once a plan has no error it
adds the consistency review's avisos (review.py).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.contract import (
    avances_columns,
    corte_id,
    metas_columns,
    presupuesto_columns,
    reprogramaciones_columns,
    seguimiento_columns,
)
from generator.model import Plan
from generator.problems import Problem, Problems
from generator.read.csv_file import read_csv
from generator.read.mapping.reader import read_mapped
from generator.read.safety import FileRefused, check_text, decode_utf8
from generator.read.table import Table
from generator.read.xlsx import read_xlsx
from generator.read.yaml_file import YamlDoc, YamlProblem, parse_key_path, read_yaml
from generator.validate.plan import PlanFiles, validate_plan
from generator.validate.plan_yml import sheet_for
from generator.validate.review import review

TABLE_SUFFIXES = (".xlsx", ".xlsm", ".csv")
OTHER_SPREADSHEETS = (".xls", ".xlsb", ".ods", ".numbers")
# Files a computer or a person leaves in any folder; where a table is expected they get
# an aviso that names them, any other file there is an error.
HARMLESS_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini", ".gitkeep", ".gitignore"})
HARMLESS_STEMS = frozenset({"readme", "leeme", "léame", "license", "licencia"})
INFORMES = "informes"  # the office's conclusions of each corte: informes/AAAA-TN.md
UNREADABLE = "no se pudo leer el archivo; revise que no esté dañado y que sea lo que dice su extensión"


def load_data(data_dir: Path) -> tuple[list[Plan], Problems]:
    """Every plan under `data_dir` (folders with a plan.yml, sorted by name), and all
    problems found. `data_dir` may itself be a plan folder."""
    data_dir = Path(data_dir)
    problems = Problems()
    plans = []
    data = DataFolder(data_dir, problems)
    folders = plan_folders(data)
    if not folders:
        problems.error("sin-planes", str(data_dir), "no hay ningún plan: se esperaba al menos una carpeta con un archivo plan.yml")
    for plan_dir in folders:
        shown = data.shown(plan_dir)
        if not _usable_as_url(plan_dir.name):
            problems.error("nombre-de-carpeta-no-valido", shown, _SLUG_MESSAGE, value=plan_dir.name)
            continue
        plan, found = load_plan(data, plan_dir, shown)
        problems.extend(found)
        if plan is not None:
            plans.append(plan)
    if folders and not plans and not problems.has_errors:
        problems.error("sin-planes", str(data_dir), "no se pudo leer ningún plan")
    return plans, problems


@dataclass(frozen=True)
class Entry:
    path: Path
    is_dir: bool

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class DataFolder:
    """The data folder as a boundary: every folder is listed through `entries`, which
    never follows a symbolic link that leaves the data folder, nor a broken or looping
    one, and reports each (by its name only: what it points to is never read nor
    shown). Links that stay inside the data folder are read as what they point to."""

    data_dir: Path  # as the user passed it, for messages
    problems: Problems
    root: Path = field(init=False)
    _listed: dict[Path, list[Entry]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.root = self.data_dir.resolve()

    def shown(self, path: Path) -> str:
        """The path as the user passed the data folder, joined with the path inside it."""
        return str(self.data_dir / path.relative_to(self.data_dir))

    def entries(self, folder: Path) -> list[Entry]:
        """The files and folders of `folder`, sorted by name (each folder listed once)."""
        if folder not in self._listed:
            self._listed[folder] = self._scan(folder)
        return self._listed[folder]

    def files(self, folder: Path) -> list[Path]:
        return [e.path for e in self.entries(folder) if not e.is_dir]

    def _scan(self, folder: Path) -> list[Entry]:
        try:
            with os.scandir(folder) as found:
                items = sorted(found, key=lambda e: e.name)
        except OSError:
            self.problems.error("carpeta-ilegible", self.shown(folder), "no se pudo abrir la carpeta; revise que se tenga permiso para leerla")
            return []
        entries = []
        for item in items:
            path = folder / item.name
            mode = self._mode(item, path)
            if mode is None:
                continue
            if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
                entries.append(Entry(path, stat.S_ISDIR(mode)))
            else:
                self.problems.error("archivo-especial", self.shown(path), "no es un archivo ni una carpeta (es un dispositivo, una tubería o un "
                                    "socket); no se lee: bórrelo de la carpeta de datos")
        return entries

    def _mode(self, item: os.DirEntry, path: Path) -> int | None:
        """The entry's stat mode (of its target, for a link inside the data folder); None
        when it is a link that cannot be followed safely (a problem)."""
        try:
            if not item.is_symlink():
                return item.stat(follow_symlinks=False).st_mode
            target = path.resolve(strict=True)
        except FileNotFoundError:
            self._link(path, "es un enlace simbólico roto: apunta a algo que no existe; bórrelo o ponga el archivo mismo",
                       "enlace-roto")
            return None
        except (RuntimeError, OSError):  # a loop (RuntimeError before Python 3.13), or unreadable
            self._link(path, "es un enlace simbólico que no se puede seguir (forma un ciclo o no se puede leer); bórrelo",
                       "enlace-ciclico")
            return None
        if not target.is_relative_to(self.root):
            self._link(path, "es un enlace simbólico que apunta fuera de la carpeta de datos; no se lee ni se publica: "
                       "copie el archivo dentro de la carpeta de datos", "enlace-fuera")
            return None
        return target.stat().st_mode

    def _link(self, path: Path, message: str, codigo: str) -> None:
        self.problems.error(codigo, self.shown(path), message)


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


def plan_folders(data: DataFolder) -> list[Path]:
    """The data folder itself when it holds a plan.yml, else its folders that hold one."""
    if _has_plan_yml(data, data.data_dir):
        return [data.data_dir]
    return [e.path for e in data.entries(data.data_dir) if e.is_dir and _has_plan_yml(data, e.path)]


def _has_plan_yml(data: DataFolder, folder: Path) -> bool:
    return folder / "plan.yml" in data.files(folder)


def load_plan(data: DataFolder, plan_dir: Path, shown: str) -> tuple[Plan | None, Problems]:
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
        metas, cortes = _read_mapped(data, plan_dir, doc, shown, problems)
    else:
        metas = _read_metas(data, plan_dir, shown, sheet_for(doc.data, "metas"), _years(doc), problems)
        cortes = _read_cortes(data, plan_dir, "avances", shown, sheet_for(doc.data, "avances"), avances_columns(), problems)
    presupuesto = _read_cortes(data, plan_dir, "presupuesto", shown, None, presupuesto_columns(), problems)
    reprogramaciones = _read_optional(data, plan_dir, "reprogramaciones", shown, reprogramaciones_columns(), problems)
    seguimiento = _read_optional(data, plan_dir, "seguimiento", shown, seguimiento_columns(), problems)
    files = PlanFiles(plan_dir.name, shown, doc, metas, cortes, presupuesto, reprogramaciones, seguimiento,
                      informes=_read_informes(data, plan_dir, shown, problems))
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


def _read_mapped(data: DataFolder, plan_dir: Path, doc: YamlDoc, shown: str, problems: Problems):
    """A plan whose tables come from the office's own workbook (plan.yml `mapeo:`).

    The mapping completes plan.yml (the tree, from the workbook's hierarchy columns),
    so validation sees the completed copy; its keys without a line in plan.yml are
    located at the top of the file. The mapping's problems in plan.yml name a key
    path: they get the line of that key here.
    """
    try:
        files = {p.name for p in data.files(plan_dir)}
        completed, metas, cortes, found = read_mapped(plan_dir, doc.data, shown, files)
    except (FileRefused, OSError) as exc:
        _refused(problems, f"{shown}/plan.yml", exc)
        return None, {}
    except Exception:  # a reader bug must not hide the other plans' problems
        problems.error("archivo-danado", f"{shown}/plan.yml", UNREADABLE)
        return None, {}
    problems.extend(_at_line(p, doc) for p in found)
    doc.data = completed
    return metas, {corte: [table] for corte, table in cortes.items()}


def _at_line(problem: Problem, doc: YamlDoc) -> Problem:
    if problem.file != doc.file or problem.row is not None or not problem.column:
        return problem
    return replace(problem, row=doc.line(parse_key_path(problem.column)))


def read_table(path: Path, shown: str, expected: set[str], sheet: str | None, problems: Problems) -> Table | None:
    """One .xlsx (.xlsm) or .csv file as a Table; None (and a problem) if it cannot be read."""
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
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


def _harmless(name: str) -> bool:
    """Hidden and system files, Office lock files (~$..., .~lock...#) and notes (README)."""
    lower = name.lower()
    return lower.startswith((".", "~$")) or lower in HARMLESS_NAMES or Path(lower).stem in HARMLESS_STEMS


def _is_table(path: Path) -> bool:
    return path.suffix.lower() in TABLE_SUFFIXES and not _harmless(path.name)


def _tables_in(data: DataFolder, folder: Path) -> list[Path]:
    return [p for p in data.files(folder) if _is_table(p)]


_NOT_A_FORMAT = "formato no admitido; se esperaba un archivo .xlsx o .csv (CSV UTF-8)"


def _misplaced(data: DataFolder, folder: Path, shown: str, stem: str, problems: Problems) -> None:
    """Spreadsheets named `stem` in formats we do not read, where that table was expected."""
    for path in data.files(folder):
        if path.stem.lower() == stem and path.suffix.lower() in OTHER_SPREADSHEETS and not _harmless(path.name):
            problems.error("formato-no-admitido", f"{shown}/{path.name}", _NOT_A_FORMAT)


def _unread(data: DataFolder, folder: Path, shown: str, problems: Problems, folders: bool) -> None:
    """Every entry of a folder of tables that is not read: an error (a dependencia's
    report must not vanish), or an aviso for hidden, system, lock and README files.
    `folders`: folders are read there (avances/ holds corte folders)."""
    for entry in data.entries(folder):
        where = f"{shown}/{entry.name}"
        if _harmless(entry.name):
            problems.warn("archivo-ignorado", where, "no se lee: es un archivo oculto, del sistema, de bloqueo de Office o de notas")
        elif entry.is_dir and not folders:
            problems.error("carpeta-no-leida", where, "hay una carpeta dentro de la carpeta del corte y no se lee; ponga sus archivos "
                           "directamente en la carpeta del corte")
        elif not entry.is_dir and entry.path.suffix.lower() in OTHER_SPREADSHEETS:
            problems.error("formato-no-admitido", where, _NOT_A_FORMAT)
        elif not entry.is_dir and not _is_table(entry.path):
            problems.error("archivo-no-leido", where, "no es un archivo .xlsx ni .csv y no se lee; si trae datos, guárdelo como .xlsx o "
                           "CSV UTF-8, y si no, sáquelo de la carpeta")


def _read_metas(data: DataFolder, plan_dir: Path, shown: str, sheet: str | None, years: list[int],
                problems: Problems) -> Table | None:
    if not [p for p in _tables_in(data, plan_dir) if p.stem.lower() == "metas"]:
        _misplaced(data, plan_dir, shown, "metas", problems)
        problems.error("archivo-faltante", shown, "falta el archivo de metas; se esperaba metas.xlsx o metas.csv en la carpeta del plan")
        return None
    return _read_optional(data, plan_dir, "metas", shown, metas_columns(years), problems, sheet)


def _read_optional(data: DataFolder, plan_dir: Path, stem: str, shown: str, expected: set[str], problems: Problems,
                   sheet: str | None = None) -> Table | None:
    """`<stem>.xlsx` or `<stem>.csv` of the plan folder; None when absent (or unreadable: a problem)."""
    candidates = [p for p in _tables_in(data, plan_dir) if p.stem.lower() == stem]
    _misplaced(data, plan_dir, shown, stem, problems)
    if not candidates:
        return None
    if len(candidates) > 1:
        names = " y ".join(p.name for p in candidates)
        problems.error("archivos-duplicados", shown, f"hay dos archivos de {stem} ({names}); se esperaba uno solo")
        return None
    path = candidates[0]
    return read_table(path, f"{shown}/{path.name}", expected, sheet, problems)


def _read_cortes(data: DataFolder, plan_dir: Path, kind: str, shown: str, sheet: str | None, expected: set[str],
                 problems: Problems) -> dict[str, list[Table]]:
    """Tables by corte id: <kind>/AAAA-TN.xlsx|csv, or a folder <kind>/AAAA-TN/ of files
    (one per dependencia) merged into one corte. `kind` is avances or presupuesto.
    Nothing in these folders is skipped without a problem."""
    folder = plan_dir / kind
    if not any(e.is_dir and e.path == folder for e in data.entries(plan_dir)):
        return {}
    shown = f"{shown}/{kind}"
    _unread(data, folder, shown, problems, folders=True)
    cortes = {}
    for corte, entry in _corte_sources(data, folder, shown, problems).items():
        if entry.is_dir:
            _unread(data, entry.path, f"{shown}/{entry.name}", problems, folders=False)
        files = _tables_in(data, entry.path) if entry.is_dir else [entry.path]
        if not files:
            problems.error("corte-sin-archivos", f"{shown}/{entry.name}", "la carpeta del corte no tiene archivos .xlsx ni .csv")
        tables = [read_table(f, f"{shown}/{f.relative_to(folder)}", expected, sheet, problems) for f in files]
        if files and all(t is not None for t in tables):
            cortes[corte] = tables
    return cortes


def _corte_sources(data: DataFolder, folder: Path, shown: str, problems: Problems) -> dict[str, Entry]:
    """The file or folder of each corte, named AAAA-TN; one per corte."""
    sources: dict[str, Entry] = {}
    for entry in data.entries(folder):
        if _harmless(entry.name) or not (entry.is_dir or _is_table(entry.path)):
            continue  # reported by _unread
        corte = corte_id(entry.name if entry.is_dir else entry.path.stem)
        if corte is None:
            problems.error("corte-no-valido", f"{shown}/{entry.name}", "el nombre no es un corte; se esperaba AAAA-TN, p. ej. 2021-T3 (tercer trimestre de 2021)")
        elif corte in sources:
            problems.error("archivos-duplicados", f"{shown}/{entry.name}", f"el corte {corte} ya tiene otro archivo o carpeta ({sources[corte].name}); se esperaba uno solo")
        else:
            sources[corte] = entry
    return sources


def _read_informes(data: DataFolder, plan_dir: Path, shown: str, problems: Problems) -> dict[str, str]:
    """The office's conclusions and recommendations of each corte, informes/AAAA-TN.md
    (Markdown in UTF-8), by corte id. Nothing else is read there, and nothing is skipped
    without a problem: a misnamed file would otherwise vanish from the council report."""
    folder = plan_dir / INFORMES
    if not any(e.is_dir and e.path == folder for e in data.entries(plan_dir)):
        return {}
    informes: dict[str, str] = {}
    for entry in data.entries(folder):
        where = f"{shown}/{INFORMES}/{entry.name}"
        if _harmless(entry.name):
            problems.warn("archivo-ignorado", where, "no se lee: es un archivo oculto, del sistema, de bloqueo de Office o de notas")
            continue
        corte = None if entry.is_dir or entry.path.suffix.lower() != ".md" else corte_id(entry.path.stem)
        if corte is None:
            problems.error("informe-no-valido", where, "no se lee: en informes/ va un archivo de texto por corte, con el "
                           "nombre del corte y la extensión .md (p. ej. 2021-T3.md)")
        elif corte in informes:
            problems.error("archivos-duplicados", where, f"el corte {corte} ya tiene otro informe; se esperaba uno solo")
        else:
            try:
                informes[corte] = decode_utf8(check_text(entry.path), "guárdelo con codificación UTF-8")
            except (FileRefused, OSError) as exc:
                _refused(problems, where, exc)
    return informes
