"""The data dictionary of the open data: what each column of each table holds, its
type and the precision it is published with.

One text for every reader: the data page shows it (render/pages/nodes.py), the Data
Package's Table Schema carries it (write/descriptor.py), and the writer rounds each
number to its column's `decimals` (write/opendata.py, `published_value`). The
computation keeps full precision; only the published files are rounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldType = Literal["string", "integer", "number", "date"]

# Published precision, in decimals (stated on the data page and in the descriptor).
PERCENT_DECIMALS = 4  # cumplimiento, programado, avance, esperado, ejecución: 0..100
WEIGHT_DECIMALS = 6  # peso_plan, peso_en_padre: small shares of a large plan
VALUE_DECIMALS = 6  # values of the indicators, as the office wrote them
MONEY_DECIMALS = 2  # pesos


@dataclass(frozen=True)
class Column:
    type: FieldType
    description: str
    decimals: int | None = None  # numbers only: published rounded to this many decimals

    @property
    def full_description(self) -> str:
        """The description with the published precision, as every reader sees it."""
        if self.decimals is None:
            return self.description
        return f"{self.description} Publicado con {self.decimals} decimales como máximo."


def text(description: str) -> Column:
    return Column("string", description)


def integer(description: str) -> Column:
    return Column("integer", description)


def percent(description: str) -> Column:
    return Column("number", description, PERCENT_DECIMALS)


def weight(description: str) -> Column:
    return Column("number", description, WEIGHT_DECIMALS)


def value(description: str) -> Column:
    return Column("number", description, VALUE_DECIMALS)


def money(description: str) -> Column:
    return Column("number", description, MONEY_DECIMALS)


VIGENCIA = integer("Año al que corresponden las cifras.")
CORTE = text("Informe del que salen las cifras: 2021-T3 es el tercer trimestre de 2021 (T4 cierra el año).")
CODIGO_META = text("Código de la meta en el Plan Indicativo.")
META = text("El texto de la meta.")
DEPENDENCIA = text("Secretaría u oficina responsable.")
METAS_PROGRAMADAS = integer("Metas con un valor programado mayor que cero en la vigencia.")
METAS_CON_AVANCE = integer("Metas programadas que reportan avance.")
METAS_SIN_AVANCE = integer("Metas programadas sin avance: ejecutado igual a cero o sin reporte.")

RANGO = text("Rango que corresponde al cumplimiento de la vigencia redondeado a un decimal, contra la meta de "
             "todo el año (el del contrato de datos; en un corte de fin de año es igual a rango_al_corte).")
PACE = {
    "esperado": percent("Parte del año transcurrida en el corte, en porcentaje: 25 en T1, 50 en T2, 75 en T3, 100 en T4."),
    "ritmo": percent("Cumplimiento frente a lo esperado al corte, en porcentaje (0 a 100): cumplimiento ÷ esperado, "
                     "con el tope de 100. Vacío si no tiene metas programadas."),
    "rango_al_corte": text("Rango (semáforo) que muestra el sitio: el que corresponde al ritmo redondeado a un decimal."),
}

DICTIONARY: dict[str, dict[str, Column]] = {
    "niveles": {
        "codigo": text("Código del nodo en el plan (`PLAN` para el plan completo)."),
        "nivel": text("Nombre del nivel según el plan (por ejemplo, escenario de cambio); `plan` para el plan completo."),
        "nombre": text("Nombre del nodo."),
        "codigo_padre": text("Código del nodo que lo contiene (`PLAN` para el primer nivel; vacío para el plan)."),
        "vigencia": VIGENCIA,
        "corte": CORTE,
        "peso_plan": weight("Peso del nodo en todo el plan, en porcentaje (0 a 100)."),
        "programado": percent("Puntos del plan programados para el nodo en la vigencia: peso de la vigencia × peso del nodo, en porcentaje del plan."),
        "avance": percent("Puntos del plan alcanzados: programado × cumplimiento, en porcentaje del plan."),
        "cumplimiento": percent("Cumplimiento del nodo en la vigencia, en porcentaje (0 a 100): avance ÷ programado. Vacío si no tiene metas programadas."),
        "rango": RANGO,
        "metas_total": integer("Número de metas del nodo."),
        "metas_programadas": METAS_PROGRAMADAS,
        "metas_con_avance": METAS_CON_AVANCE,
        "metas_sin_avance": METAS_SIN_AVANCE,
        "metas_no_programadas": integer("Metas sin valor programado (vacío o cero) en la vigencia."),
        "metas_sin_reporte": integer("Metas programadas de las que no llegó ningún reporte en el corte."),
        "peso_en_padre": weight("Peso del nodo dentro del nodo que lo contiene, en porcentaje (0 a 100; 100 para el plan)."),
        **PACE,
        "avance_cuatrienio": percent(
            "Avance frente a la meta del cuatrienio al último corte, en porcentaje (0 a 100): la media ponderada "
            "del avance_cuatrienio de sus metas (tabla metas). Vacío si ninguna meta del nodo tiene meta_cuatrienio."
        ),
        "avance_por_vigencias": percent(
            "Avance del nodo en todo el periodo por vigencias, en porcentaje del nodo (0 a 100): la suma, sobre las "
            "vigencias con datos, del peso de la vigencia × su cumplimiento; 0 si nunca tuvo metas programadas."
        ),
        "programado_en_padre": percent(
            "Puntos del plan programados que el nodo aporta a su padre en la vigencia: el programado del padre "
            "repartido entre sus hijos programados según su peso (0 si el nodo no tiene metas programadas). La suma "
            "entre hermanos es el programado del padre."
        ),
        "avance_en_padre": percent(
            "Puntos del plan que el nodo aporta al avance de su padre: programado_en_padre × cumplimiento. La suma "
            "entre hermanos es el avance del padre."
        ),
    },
    "metas": {
        "codigo_meta": CODIGO_META,
        "codigo_padre": text("Código del nodo del último nivel al que pertenece la meta."),
        "meta": text("Lo que se promete: el texto de la meta de producto."),
        "indicador": text("El indicador con el que se mide la meta."),
        "unidad": text("Unidad de medida del indicador."),
        "tipo": text("incremento, mantenimiento, reduccion (en la reducción, menos es mejor) o stock (un nivel que ya "
                     "cuenta lo que había antes del plan)."),
        "dependencia": DEPENDENCIA,
        "linea_base": value("Valor del indicador al comenzar el plan."),
        "meta_cuatrienio": value("Valor que se espera alcanzar en todo el periodo del plan."),
        "vigencia": VIGENCIA,
        "corte": CORTE,
        "programado": value("Valor programado para la vigencia, en la unidad del indicador (0 o vacío: no programada)."),
        "ejecutado": value("Valor alcanzado en la vigencia hasta el corte, en la unidad del indicador; vacío si no hubo reporte."),
        "cumplimiento": percent("Cumplimiento de la meta en porcentaje (0 a 100), con el tope de 100; vacío si no fue programada."),
        "estado": text("no programada, sin reporte, sin avance, en avance, cumplida o sobreejecutada."),
        "sector": text("Sector de inversión de la meta, cuando el plan lo indica."),
        "territorio": text("Comuna, corregimiento o vereda de la meta, cuando el plan lo indica."),
        "observaciones": text("Lo que la dependencia escribió sobre el avance en ese corte."),
        "evidencia": text("Enlace (http o https) a la evidencia del avance que entregó la dependencia."),
        "peso_plan": weight(
            "Peso de la meta en todo el plan (W), en porcentaje (0 a 100). El cumplimiento de una dependencia "
            "es la suma de peso_plan × cumplimiento de sus metas programadas dividida por la suma de sus peso_plan."
        ),
        "peso_en_padre": weight(
            "Peso de la meta dentro de su nodo (`codigo_padre`), en porcentaje (0 a 100). El cumplimiento del nodo es "
            "la suma de peso_en_padre × cumplimiento de sus metas programadas dividida por la suma de sus peso_en_padre."
        ),
        "acumulado_cuatrienio": value(
            "Avance acumulado al último corte según el tipo, en la unidad del indicador: incremento, la suma de lo "
            "ejecutado en cada vigencia; mantenimiento, reduccion y stock, el último valor reportado. Vacío si nunca hubo reporte."
        ),
        "avance_cuatrienio": percent(
            "Avance frente a meta_cuatrienio, en porcentaje (0 a 100), con el tope de 100: acumulado_cuatrienio ÷ "
            "meta_cuatrienio; en la reducción, (linea_base − acumulado_cuatrienio) ÷ (linea_base − meta_cuatrienio); en el "
            "stock, (acumulado_cuatrienio − linea_base) ÷ (meta_cuatrienio − linea_base), con linea_base 0 si está vacía. "
            "Vacío si la meta no tiene meta_cuatrienio."
        ),
    },
    "historial": {
        "codigo": text("Código del nodo (`PLAN` para el plan completo)."),
        "nivel": text("Nombre del nivel según el plan; `plan` para el plan completo."),
        "nombre": text("Nombre del nodo."),
        "vigencia": VIGENCIA,
        "corte": text("Informe del que salen las cifras; aquí están todos los cortes, no sólo el último de cada año."),
        "programado": percent("Puntos del plan programados en la vigencia, en porcentaje del plan."),
        "avance": percent("Puntos del plan alcanzados hasta ese corte, en porcentaje del plan."),
        "cumplimiento": percent("Cumplimiento en porcentaje (0 a 100) a ese corte."),
        "rango": RANGO,
        **PACE,
        "avance_cuatrienio": percent(
            "Avance frente a la meta del cuatrienio a ese corte, en porcentaje (0 a 100): la media ponderada del "
            "avance de sus metas frente a meta_cuatrienio, con lo reportado hasta ese corte. Vacío si ninguna meta "
            "del nodo tiene meta_cuatrienio."
        ),
    },
    "rezagadas": {
        "codigo_meta": CODIGO_META,
        "meta": META,
        "dependencia": DEPENDENCIA,
        "vigencia": VIGENCIA,
        "corte": CORTE,
        "programado": value("Valor programado para la vigencia, en la unidad del indicador."),
        "ejecutado": value("Valor alcanzado hasta el corte; vacío si no hubo reporte."),
        "cumplimiento": percent("Cumplimiento de la meta en porcentaje (0 a 100)."),
        "esperado": percent("Parte del año transcurrida al corte, en porcentaje: 25 (T1), 50 (T2), 75 (T3) o 100 (T4)."),
        "estado": text("sin reporte, sin avance o en avance (por debajo de lo esperado)."),
    },
    "presupuesto": {
        "codigo_meta": CODIGO_META,
        "meta": META,
        "dependencia": DEPENDENCIA,
        "vigencia": integer("Año al que corresponden los recursos."),
        "corte": CORTE,
        "fuente": text("Fuente de financiación (recursos propios, SGP, regalías...), como la escribe la oficina; vacía si no se detalla."),
        "territorio": text("Zona o territorio al que se destinan los recursos, si el archivo lo indica."),
        "programado": money("Recursos programados, en pesos."),
        "comprometido": money("Recursos comprometidos hasta el corte, en pesos; vacío cuando no se reportó."),
        "pagado": money("Recursos pagados hasta el corte, en pesos; vacío cuando no se reportó."),
    },
    "dependencias": {
        "dependencia": text("Secretaría u oficina responsable de las metas."),
        "vigencia": VIGENCIA,
        "corte": CORTE,
        "metas_total": integer("Número de metas a cargo de la dependencia."),
        "metas_programadas": METAS_PROGRAMADAS,
        "metas_con_avance": METAS_CON_AVANCE,
        "metas_sin_avance": METAS_SIN_AVANCE,
        "cumplimiento": percent(
            "Cumplimiento de sus metas programadas en la vigencia, en porcentaje (0 a 100): el promedio de su "
            "cumplimiento ponderado por su peso en el plan (columna peso_plan de metas)."
        ),
        "recursos_programados": money("Recursos programados para sus metas, en pesos."),
        "recursos_pagados": money("Recursos pagados hasta el corte, en pesos."),
        "ejecucion_financiera": percent("Recursos pagados ÷ recursos programados, en porcentaje (0 a 100)."),
        "rango": RANGO,
        **PACE,
        "avance_cuatrienio": percent(
            "Avance de sus metas frente a la meta del cuatrienio al último corte de la vigencia, en porcentaje "
            "(0 a 100): el promedio del avance_cuatrienio de sus metas (tabla metas) ponderado por su peso_plan. "
            "Vacío si ninguna de sus metas tiene meta_cuatrienio."
        ),
    },
    "reprogramaciones": {
        "codigo_meta": text("Código de la meta ajustada."),
        "meta": META,
        "fecha": Column("date", "Fecha del ajuste (AAAA-MM-DD)."),
        "campo": text("Qué se cambió (por ejemplo, lo programado para un año)."),
        "valor_anterior": text("Valor antes del ajuste: un número para los valores numéricos, texto para los demás."),
        "valor_nuevo": text("Valor después del ajuste: un número para los valores numéricos, texto para los demás."),
        "justificacion": text("Por qué se hizo el ajuste, como lo escribió la oficina."),
        "acto": text("Acto administrativo o documento que aprobó el ajuste."),
    },
    "seguimiento": {
        "codigo_meta": text("Código de la meta rezagada a la que responde el compromiso."),
        "meta": META,
        "dependencia": DEPENDENCIA,
        "corte": text("Corte al que responde el compromiso: el informe en el que la meta estaba rezagada."),
        "causa": text("Por qué la meta está rezagada, como lo explicó la dependencia."),
        "compromiso": text("Lo que la dependencia se comprometió a hacer."),
        "responsable": text("Quién responde por el compromiso."),
        "fecha_compromiso": Column("date", "Fecha en que la dependencia se comprometió a cumplirlo (AAAA-MM-DD)."),
        "cumplido": text("sí o no, según la verificación de la oficina de planeación en un corte posterior; "
                         "vacío mientras no se ha verificado."),
        "estado": text("Estado al último corte: cumplido, no cumplido, pendiente (su fecha es posterior al cierre "
                       "del corte) o vencido (su fecha llegó al cierre del corte y no consta que se cumpliera)."),
        "corte_estado": text("Último corte publicado: el estado se juzga con la fecha de su cierre."),
    },
    "cambios": {
        "corte_anterior": text("El corte con el que se compara."),
        "corte": CORTE,
        "cambio": text(
            "Qué cambió: estado (la meta cambió de estado), nueva rezagada (rezagada en este corte y no en el "
            "anterior), recuperada (rezagada en el anterior; en este, programada y no rezagada), dependencia subió "
            "o dependencia bajó (de rango). Las reprogramaciones están en su tabla, con su fecha."
        ),
        "codigo_meta": text("Código de la meta; vacío cuando el cambio es de una dependencia."),
        "dependencia": DEPENDENCIA,
        "antes": text("En el corte anterior: el estado de la meta o el rango (rango_al_corte) de la dependencia."),
        "despues": text("En este corte: el estado de la meta o el rango (rango_al_corte) de la dependencia."),
    },
}

TABLE_TITLES = {
    "niveles": "Resultados por nivel: una fila por nodo del plan (y el plan completo) por vigencia",
    "metas": "Metas: una fila por meta por vigencia",
    "historial": "Historial: una fila por nodo por corte, para ver la evolución",
    "rezagadas": "Metas rezagadas: sin reporte, sin avance o por debajo de la parte del año transcurrida",
    "presupuesto": "Presupuesto: recursos programados, comprometidos y pagados por meta y fuente",
    "dependencias": "Dependencias: metas, cumplimiento y ejecución financiera de cada secretaría u oficina",
    "reprogramaciones": "Reprogramaciones: cada ajuste hecho a las metas, con su justificación",
    "seguimiento": "Seguimiento: los compromisos de las dependencias por sus metas rezagadas y su estado",
    "cambios": "Cambios: qué cambió de un corte al siguiente, meta por meta y dependencia por dependencia",
}

# The licences a plan may name, with their page and SPDX identifier.
LICENCIAS = {
    "CC BY 4.0": ("https://creativecommons.org/licenses/by/4.0/deed.es", "CC-BY-4.0"),
    "CC BY-SA 4.0": ("https://creativecommons.org/licenses/by-sa/4.0/deed.es", "CC-BY-SA-4.0"),
    "CC0 1.0": ("https://creativecommons.org/publicdomain/zero/1.0/deed.es", "CC0-1.0"),
}
DEFAULT_LICENCIA = "CC BY 4.0"


def licence_of(licencia: str) -> tuple[str, str]:
    """(page URL, SPDX identifier) of a plan's licence; ("", name) for one we do not know."""
    return LICENCIAS.get(licencia, ("", licencia))
