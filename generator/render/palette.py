"""Every colour the site's charts and badges use, in one place.

The rangos bring their own colours (plan.yml, or model.DEFAULT_RANGOS); the estado
colours repeat the default rangos' on purpose (a cumplida meta is as green as a
Sobresaliente node). The stylesheet (docs/assets/stylesheets/extra.css) uses only
Material's theme variables; the workbooks of write/ have their own Excel styling.
Each colour keeps 3:1 against the light and the dark background (WCAG 1.4.11).
"""

from __future__ import annotations

PROGRAMADO = "#8c9eff"
AVANCE = "#283593"  # also cumplimiento físico beside the money
FINANCIERA = "#00838f"  # ejecución financiera and pagado
NO_DATA = "#9e9e9e"
FALLBACK = "#757575"  # a rango whose colour is not "#rrggbb"
# Every bar and marker gets this 1 px outline: 4.5:1 on white and 3.5:1 on the dark
# palette, so each mark meets WCAG 1.4.11 (3:1) whatever its fill colour.
OUTLINE = "#767676"
GAUGE_BAR = "#263238"
TEXT_ON_LIGHT = "#000000"  # a label inside a bar or slice: whichever contrasts more
TEXT_ON_DARK = "#ffffff"
SLICE_BORDER = "#ffffff"

ESTADO = {
    "cumplida": "#1b7f3b", "sobreejecutada": "#1b7f3b", "en avance": "#b58100",
    "sin avance": "#b3261e", "sin reporte": "#b3261e", "no programada": None,
}

# The alert kinds; at least 3:1 against both backgrounds, and 4.5:1 under white numbers.
NO_INICIADAS = "#d32f2f"
ATRASADAS = "#8d6e00"
SOBREEJECUTADAS = "#7e57c2"

# Distinct marks for the lines of one chart: the symbol, not only the colour, tells
# the metas apart.
LINES = ["#00838f", "#8e44ad", "#c2185b", "#5c6bc0", "#1b7f3b", "#6d4c41", "#b58100", "#546e7a"]
