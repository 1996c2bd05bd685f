"""Numbers as a Colombian office writes them: `.` groups thousands, `,` is the decimal
mark. The one owner of that format: problem messages (problems.py), the site
(render/text.py) and chart ticks (render/charts.py) all call `fmt_number`."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal


def fmt_number(value: float | int | None, decimals: int | None = None, max_decimals: int = 2) -> str:
    """Colombian format: 1234567.5 -> "1.234.567,5".

    With `decimals`, exactly that many (half-up); otherwise up to `max_decimals`,
    without trailing zeros. None gives an empty string; never "-0" nor "1e+06".

    >>> fmt_number(1234567.5), fmt_number(0.125), fmt_number(2000.0), fmt_number(-0.001)
    ('1.234.567,5', '0,13', '2.000', '0')
    >>> fmt_number(62.55, decimals=1), fmt_number(7, decimals=2)
    ('62,6', '7,00')
    """
    if value is None:
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    places = max_decimals if decimals is None else decimals
    number = Decimal(repr(float(value))) if isinstance(value, float) else Decimal(int(value))
    number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, frac = f"{abs(number):f}".partition(".")
    if decimals is None:
        frac = frac.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    if sign and int(whole) == 0 and not frac.strip("0"):
        sign = ""  # no "-0"
    return f"{sign}{grouped},{frac}" if frac else f"{sign}{grouped}"
