"""Problems found in the input files: data, not prints.

Every reader and validator yields `Problem` objects with the location a planning
officer needs to fix the file (file, sheet, row as Excel numbers it, column, value)
a Spanish message and the code of its kind of problem (generator/problem_codes.py,
explained for the office in PROBLEMAS.md). The CLI prints them all at once; nothing is published while
any problem of severity "error" exists.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Literal

from generator.names import show_invisible
from generator.numbers import fmt_number
from generator.problem_codes import CODES

Severity = Literal["error", "aviso"]

_MAX_VALUE_CHARS = 60


def number_text(value: float) -> str:
    """A number in a message as a Colombian office writes it: 1.234.567,5 (never 1e+06).

    >>> number_text(112.5), number_text(1234567.5), number_text(2000.0), number_text(0.978)
    ('112,5', '1.234.567,5', '2.000', '0,978')
    """
    return fmt_number(value, max_decimals=6)


def pesos(amount: float) -> str:
    """An amount of money for a message, as a Colombian office writes it: $1.234.567."""
    return "$" + fmt_number(amount, decimals=0)



def _value_text(value: object) -> str:
    """A cell's value as quoted in a message: a decimal number with a decimal comma
    ("1,5", never "1.5", which reads as fifteen); whole numbers as digits, since
    they are as often a code or a year (2024) as an amount."""
    if isinstance(value, float) and math.isfinite(value):
        return str(int(value)) if value.is_integer() else number_text(value)
    return str(value)


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem. `message` says what is wrong and what was expected;
    `codigo` names its kind, one of problem_codes.CODES."""

    file: str
    message: str
    sheet: str | None = None
    row: int | None = None  # Excel row number (title rows included), or YAML line
    column: str | None = None  # column as the file spells it, or YAML key path
    value: object = None  # the value found, shown quoted when present
    severity: Severity = "error"
    codigo: str = field(kw_only=True)  # stable code of the kind of problem, e.g. "celda-no-numero"

    def __post_init__(self) -> None:
        if self.codigo not in CODES:
            raise ValueError(f"problem code {self.codigo!r} is not registered in generator/problem_codes.py")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def location(self) -> str:
        parts = [show_invisible(self.file)]
        if self.sheet:
            parts.append(f'hoja "{show_invisible(self.sheet)}"')
        if self.row is not None:
            parts.append(f"fila {self.row}" if self.sheet or not self.file.endswith((".yml", ".yaml")) else f"línea {self.row}")
        if self.column:
            parts.append(f"columna {self.column}" if not self.file.endswith((".yml", ".yaml")) else f"clave {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        prefix = "" if self.is_error else "aviso: "
        value = ""
        if self.value is not None and self.value != "":
            text = show_invisible(_value_text(self.value).replace("\n", " "))
            if len(text) > _MAX_VALUE_CHARS:
                text = text[: _MAX_VALUE_CHARS - 1] + "…"
            value = f'"{text}" '
        return f"{prefix}{self.location()}: {value}{self.message} [{self.codigo}]"


@dataclass
class Problems:
    """An ordered collection of problems, added up across every stage."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def error(self, codigo: str, file: str, message: str, **where) -> None:
        self.add(Problem(file=file, message=message, codigo=codigo, **where))

    def warn(self, codigo: str, file: str, message: str, **where) -> None:
        self.add(Problem(file=file, message=message, severity="aviso", codigo=codigo, **where))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class InputError(Exception):
    """Raised by the pipeline when the input has errors; the CLI prints them."""

    def __init__(self, problems: Problems):
        super().__init__(f"{len(problems.errors)} problemas en los archivos de entrada")
        self.problems = problems
