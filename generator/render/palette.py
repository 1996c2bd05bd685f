"""Every colour the site's charts and badges use, in one place.

The rangos bring their own colours (plan.yml, or model.DEFAULT_RANGOS); every other
colour here means one thing and none repeats a default rango's (a meta's estado is not
a rango: a meta "en avance" at 96 % must not look like a node in Aceptable). The stylesheet (docs/assets/stylesheets/extra.css) uses only
Material's theme variables; the workbooks of write/ have their own Excel styling.
Each mark colour keeps 3:1 against the light and the dark background (WCAG 1.4.11) by
its fill (PROGRAMADO, light on purpose, by its outline).
"""

from __future__ import annotations

PROGRAMADO = "#8c9eff"
AVANCE = "#5c6bc0"  # also cumplimiento físico beside the money; 4.9:1 on white, 3.3:1 on slate
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

# The alert kinds; at least 3:1 against both backgrounds, and 4.5:1 under white numbers.
NO_INICIADAS = "#d32f2f"
ATRASADAS = "#8d6e00"
SOBREEJECUTADAS = "#7e57c2"

# A meta's estado: blues for progress, the alerts' colours where the estado is the
# alert's (sin avance and sin reporte make a meta "no iniciada").
ESTADO = {
    "cumplida": "#1976d2", "sobreejecutada": SOBREEJECUTADAS, "en avance": "#607d8b",
    "sin avance": NO_INICIADAS, "sin reporte": NO_INICIADAS, "no programada": None,
}

# What was expected at the corte (a dashed line, a mark on the rango strip): a grey
# of its own, 3.4:1 on white and 4.7:1 on slate.
ESPERADO = "#8a8a8a"

# Distinct marks for the lines of one chart: the symbol, not only the colour, tells
# the metas apart.
LINES = ["#00838f", "#8e44ad", "#c2185b", "#3f51b5", "#2e7d32", "#6d4c41", "#e65100", "#546e7a"]
