"""Raw cells to values: numbers, codes, words, years, URLs and text.

Each parser returns the value (None for a blank cell) or raises `CellError` with the
problem's code and a Spanish message saying what was expected; validation adds the location. Numbers
written as text follow the Colombian convention (contract section 5), with the
tolerance documented in `parse_number`.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit

from generator.names import INVISIBLE, canonical_name, visible

NUMBER_HINT = "se esperaba un número, con coma decimal, p. ej. 12,5"

_SPACES = re.compile(r"[\s\u00a0\u202f\u2007]+")
_DIGITS = re.compile(r"\d+")
_PLAIN = re.compile(r"\d{1,15}")
_GROUPED = re.compile(r"[1-9]\d{0,2}(\.\d{3})+")  # 1.234.567
# What Excel or LibreOffice writes for an error, in English or Spanish: #DIV/0!, #¡VALOR!, #N/A...
_EXCEL_ERROR = re.compile(r"#(?:[¡¿]?[A-Z][A-Z0-9/_]*[!?]|N/[AD])", re.IGNORECASE)


# Excel keeps 15 significant digits; beyond a thousand billion (10^15) a figure is a
# typing or export error, and so is a non-zero figure below a millionth (10^-6), often
# the residue of a formula (0,3 - 0,1 - 0,2). Within these bounds every ratio, sum and
# percentage the build computes stays exact in its Decimal rounding.
MAX_NUMBER = 1e15
MIN_NUMBER = 1e-6
TOO_LARGE = "es un número demasiado grande; el máximo es 1.000.000.000.000.000 (mil billones)"
TOO_SMALL = "es un número demasiado pequeño; escriba 0 o una cifra de al menos 0,000001 (redondee la fórmula)"


class CellError(ValueError):
    """A cell that cannot be read as what its column needs: the problem's `codigo`
    (problem_codes.CODES) and a Spanish `message`."""

    def __init__(self, codigo: str, message: str):
        super().__init__(message)
        self.codigo = codigo
        self.message = message
        self.codigo = codigo


class CellFault(str):
    """A cell that holds no value calamine can give: a formula without its cached value
    or an Excel error (see read/sheet_xml.py). The text is what the cell shows
    ("#DIV/0!", "=A1+B1"); every parser refuses it with `message`."""

    def __new__(cls, text: str, message: str, codigo: str):
        fault = super().__new__(cls, text)
        fault.message, fault.codigo = message, codigo
        return fault


def _refuse_fault(value: object) -> None:
    if isinstance(value, CellFault):
        raise CellError(value.codigo, value.message)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_number(value: object) -> float | None:
    """A number from a numeric cell or from text in the Colombian convention.

    Text: `.` groups thousands and `,` is the decimal mark; `$`, spaces and a
    trailing `%` are dropped ("12,5 %" is 12.5, not 0.125). Tolerated because
    unambiguous: a single `.` not followed by exactly three digits is a decimal
    point ("12.5", "0.75"), as is a `.` after a leading 0 ("0.500"); a mark that
    appears more than once groups thousands; with both marks, the last one is the
    decimal mark ("1,234.5"). A lone `.` followed by three digits groups thousands
    ("1.500" is 1500), as the contract says.
    """
    _refuse_fault(value)
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("celda-no-numero", f"es un valor lógico (verdadero/falso); {NUMBER_HINT}")
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, (date, datetime, time, timedelta)):
        raise CellError("celda-no-numero", f"es una fecha u hora; {NUMBER_HINT}")
    else:
        number = _number_from_text(str(value))
    if not math.isfinite(number):
        raise CellError("celda-no-numero", f"no es un número finito; {NUMBER_HINT}")
    if abs(number) > MAX_NUMBER:
        raise CellError("numero-demasiado-grande", TOO_LARGE)
    if 0 < abs(number) < MIN_NUMBER:
        raise CellError("numero-demasiado-pequeno", TOO_SMALL)
    return number


def _number_from_text(text: str) -> float:
    if _PLAIN.fullmatch(text):  # the common case, checked first for speed
        return float(text)
    if _EXCEL_ERROR.fullmatch(text.strip()):
        raise CellError("celda-error-excel", "es un error de Excel, no un número; corrija la fórmula en el libro "
                        "o escriba el valor antes de guardar el CSV")
    plain = _SPACES.sub("", text).replace("$", "")
    if plain.endswith("%"):
        plain = plain[:-1]
    sign = ""
    if plain[:1] in "+-":
        sign, plain = plain[:1], plain[1:]
    number = _unsigned_number(plain)
    if number is None:
        raise CellError("celda-no-numero", f"no es un número; {NUMBER_HINT}")
    return -number if sign == "-" else number


def _unsigned_number(text: str) -> float | None:
    if not text or not set(text) <= set("0123456789.,"):
        return None
    decimal = _decimal_mark(text)
    whole, fraction = text, ""
    if decimal:
        whole, _, fraction = text.rpartition(decimal)
        if decimal in whole or not _DIGITS.fullmatch(fraction):
            return None
    integer = _grouped_integer(whole)
    if integer is None:
        return None
    return float(f"{integer}.{fraction}" if fraction else integer)


def _decimal_mark(text: str) -> str | None:
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        return "," if text.rfind(",") > text.rfind(".") else "."
    if commas == 1:
        return ","
    if dots == 1:
        whole, fraction = text.split(".")
        thousands = len(fraction) == 3 and whole[:1] not in ("", "0")
        return None if thousands else "."
    return None


def _grouped_integer(text: str) -> str | None:
    """Digits of an integer part, with thousands grouped by `.` or `,` (one kind)."""
    if text == "":
        return "0"
    if _DIGITS.fullmatch(text):
        return text
    marks = set(text) - set("0123456789")
    if len(marks) != 1:
        return None
    mark = marks.pop()
    if not _GROUPED.fullmatch(text.replace(mark, ".")):
        return None
    return text.replace(mark, "")


def parse_non_negative(value: object) -> float | None:
    number = parse_number(value)
    if number is not None and number < 0:
        raise CellError("numero-negativo", "es negativo; se esperaba un número mayor o igual a 0")
    return number


def parse_positive(value: object) -> float | None:
    number = parse_number(value)
    if number is not None and number <= 0:
        raise CellError("peso-no-valido", "no es un peso válido; se esperaba un número mayor que 0")
    return number


def parse_code(value: object) -> str | None:
    """A code as text. Whole numbers from numeric cells lose their ".0"; fractional
    ones are refused, because Excel already turned "1.10" into 1.1."""
    _refuse_fault(value)
    if is_blank(value):
        return None
    if isinstance(value, bool) or isinstance(value, (date, datetime, time, timedelta)):
        raise CellError("celda-no-codigo", "no es un código; se esperaba un código como texto, p. ej. 1.10")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise CellError(
                "codigo-convertido-en-numero",
                "parece un código que Excel convirtió en número (1.10 se vuelve 1.1); "
                "dé formato de texto a la columna y escriba el código de nuevo"
            )
        return str(int(value))
    text = str(value).strip()
    hidden = INVISIBLE.search(text) or re.search(r"[\t\r\n]", text)
    if hidden:
        raise CellError(
            "codigo-invisible",
            f"el código tiene un carácter invisible o de control (U+{ord(hidden[0]):04X}) que lo haría parecer "
            "otro código; bórrelo y escríbalo de nuevo a mano, sin copiarlo de otro documento"
        )
    return text


def parse_year(value: object) -> int | None:
    number = parse_number(value)
    if number is None:
        return None
    if not number.is_integer() or not 1900 <= number <= 2200:
        raise CellError("celda-no-anio", "no es un año; se esperaba un año de cuatro cifras, p. ej. 2021")
    return int(number)


def parse_word(value: object, choices: tuple[str, ...]) -> str | None:
    """One of `choices` (canonical names), ignoring case, accents and spaces."""
    _refuse_fault(value)
    if is_blank(value):
        return None
    word = canonical_name(value)
    if word not in choices:
        raise CellError("valor-no-admitido", f"no es un valor admitido; se esperaba uno de: {', '.join(choices)}")
    return word


def parse_url(value: object) -> str | None:
    """An http or https address; anything else is refused (it becomes a link)."""
    _refuse_fault(value)
    if is_blank(value):
        return None
    text = str(value).strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc or _SPACES.search(text) \
            or INVISIBLE.search(text):
        raise CellError("enlace-no-valido", "no es una dirección web; se esperaba un enlace que empiece por http:// o https://")
    return text


def parse_text(value: object) -> str:
    """Any cell as the text a reader would expect to see: INVISIBLE characters (NUL,
    ESC, zero-width spaces, bidi controls...) are dropped; callers with a location
    say so with an aviso (`has_invisible`)."""
    _refuse_fault(value)
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        return "Sí" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return visible(str(value)).strip()


def has_invisible(value: object) -> bool:
    """A text cell that parse_text cleans of INVISIBLE characters."""
    return isinstance(value, str) and INVISIBLE.search(value) is not None


INVISIBLE_DROPPED = "tenía caracteres invisibles o de control (se muestran como <U+...>); se quitaron del texto publicado"
