"""Genera el plan de demostración de data/sopo/ (cifras inventadas sobre la estructura real).

    .venv/bin/python scripts/make_demo_data.py            # escribe data/sopo/
    .venv/bin/python scripts/make_demo_data.py --out DIR  # escribe en DIR/sopo/

The structure (escenarios de cambio, prospectivas, escenarios de apuesta, their codes, names, the
escenario weights and how many metas each apuesta holds) is the real one of "Sopó es nuestro tiempo
2020-2023", as published in the municipality's tracking report of the third quarter of 2021. Every
meta, number, observation and link below it is invented: built from per-theme phrase lists with a
seeded random generator, so two runs write byte-identical files.

The figures of the 2021-T3 corte are calibrated so that the plan and each escenario de cambio land
near the compliance the real report published (plan 62.6 %, escenarios 67.8 / 51.5 / 63.89 / 74.2 %),
and the counts of metas programmed, with progress and without progress per escenario match the
report's. Every compliance and estado the script needs comes from the generator itself: it writes
plan.yml and metas.xlsx first, loads them through the generator's read and validate stage, and
calibrates the executed values with generator.compute on that model. At the end it loads the whole
folder the same way and prints the figures the site will publish (the reprogramaciones move the
2021 ones a little: the site uses the values in force).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import shutil
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.writer.excel import ExcelWriter

from generator.compute.core import meta_result, plan_shape
from generator.compute.plan import compute_plan, compute_vigencia
from generator.contract import parse_corte_id
from generator.load import load_data
from generator.model import ROOT, Corte, Plan, Reporte
from generator.names import slugify
from generator.results import ESTADOS

REPO = Path(__file__).resolve().parent.parent
FIXED_TIME = dt.datetime(2021, 10, 15, 8, 0, 0)
SEED = 2021

# ---------------------------------------------------------------------------------------------
# The real structure: (codigo, nombre, peso, descripcion, [(codigo, nombre, [(codigo, nombre, metas)])])

ESTRUCTURA = [
    ("1", "Sopó contigo y con todos para el bienestar social", 46.2,
     "Educación, salud, cultura, deporte, seguridad y convivencia, participación comunitaria, "
     "promoción social y protección de la niñez: lo que el municipio hace para que cada "
     "soposeño viva mejor.", [
         ("1.A", "Es tiempo de educación con calidad", [
             ("1.A.1", "Calidad para una mejor educación", 14),
             ("1.A.2", "Cobertura educativa: es tiempo de actuar", 12),
             ("1.A.3", "Pertinencia educativa: es tiempo de actuar", 2),
             ("1.A.4", "Educación superior: nace la universidad en Sopó", 7)]),
         ("1.B", "Yo soy salud: nos cuidamos y entre todos prevenimos", [
             ("1.B.1", "Es tiempo de garantizar una salud de calidad", 10)]),
         ("1.C", "Arte y cultura, espacios de diálogo como vehículo para la transformación", [
             ("1.C.1", "Más cobertura, más cultura", 5),
             ("1.C.2", "Cultura con calidad", 9),
             ("1.C.3", "Pertinencia cultural, es tiempo de todos", 4)]),
         ("1.D", "Sopó es tiempo del deporte", [
             ("1.D.1", "Deporte para la vida", 5),
             ("1.D.2", "Planificando y construyendo deporte, salud y vida", 7),
             ("1.D.3", "Sopó, movimiento para todos", 4),
             ("1.D.4", "Fomento de campeones", 8),
             ("1.D.5", "Deporte comunitario y de impacto social", 3),
             ("1.D.6", "Deporte escolar", 4)]),
         ("1.E", "Cohesión social para la justicia y la seguridad", [
             ("1.E.1", "La seguridad, un compromiso de todos", 9),
             ("1.E.2", "Prevención y control como herramientas para la convivencia ciudadana", 5),
             ("1.E.3", "Acceso a la justicia, un derecho de los soposeños", 6)]),
         ("1.F", "Desarrollo comunitario para el progreso", [
             ("1.F.1", "Es tiempo de una sociedad democrática, participativa e igualitaria", 9)]),
         ("1.G", "Promoción social: acciones públicas para el bienestar", [
             ("1.G.1", "Es tiempo de empoderar a la familia soposeña", 3),
             ("1.G.2", "Es tiempo de reconocer los saberes", 16),
             ("1.G.3", "Mujeres presentes en la construcción de sociedad", 9),
             ("1.G.4", "Es tiempo de reconocer la diversidad", 4),
             ("1.G.5", "Juventud: acción y participación", 14),
             ("1.G.6", "Es tiempo de la inclusión efectiva", 16)]),
         ("1.H", "Protección integral de la niñez y adolescencia", [
             ("1.H.1", "Es tiempo de la garantía de derechos de la primera infancia, la infancia "
                       "y la adolescencia", 25)]),
         ("1.I", "Todos por la promoción y protección de los derechos humanos", [
             ("1.I.1", "Dignidad e igualdad para los soposeños", 5),
             ("1.I.2", "Es tiempo para la reconstrucción de la memoria histórica", 10),
             ("1.I.3", "Es tiempo de brindar atención de calidad a los más desprotegidos", 3)]),
     ]),
    ("2", "Sopó planificado, sostenible, dinámico para el desarrollo del territorio", 29.1,
     "Ambiente, ordenamiento del territorio y espacio público, gestión del riesgo, movilidad, "
     "agua potable y saneamiento, vivienda y servicios públicos.", [
         ("2.A", "Ambiente: calidad de vida hoy para futuras generaciones", [
             ("2.A.1", "Es tiempo de un ambiente sano que garantice el futuro sostenible", 9),
             ("2.A.2", "Estructura ecológica principal para el ordenamiento del territorio", 5),
             ("2.A.3", "Educación ambiental para la protección de los recursos", 5),
             ("2.A.4", "Calidad como compromiso de gestión ambiental", 3),
             ("2.A.5", "Unidos frente al cambio climático", 2)]),
         ("2.B", "Infraestructura hacia el desarrollo económico y social", [
             ("2.B.1", "Es tiempo de ordenar nuestro territorio", 4),
             ("2.B.2", "Es tiempo de una mejor calidad de vida con espacio público incluyente", 10)]),
         ("2.C", "Prevención y atención de desastres, componente del desarrollo sostenible", [
             ("2.C.1", "Es tiempo de la gestión integral del riesgo", 9)]),
         ("2.D", "Transporte y movilidad dinámica, clave de un nuevo modelo urbano", [
             ("2.D.1", "La movilidad y la cultura ciudadana, una responsabilidad de todos", 11)]),
         ("2.E", "Gestión sostenible del agua potable y saneamiento para todos", [
             ("2.E.1", "Agua potable y saneamiento básico: calidad de vida y bienestar", 9),
             ("2.E.2", "Saneamiento básico: calidad de vida y bienestar", 8),
             ("2.E.3", "Aseo, recolección y aprovechamiento de residuos sólidos para calidad de "
                       "vida y bienestar", 4),
             ("2.E.4", "Recuperación y fortalecimiento empresarial", 5),
             ("2.E.5", "Plan Departamental de Aguas para una mejor calidad de vida", 1),
             ("2.E.6", "Subsidios y contribuciones para una mejor calidad de vida", 3)]),
         ("2.F", "Por el derecho a una vivienda adecuada", [
             ("2.F.1", "Sopó, casa y hogar para mi familia", 9),
             ("2.F.2", "Alumbrado público moderno y efectivo", 4),
             ("2.F.3", "Es tiempo de la conectividad", 1),
             ("2.F.4", "Gas natural para el bienestar de los hogares", 1),
             ("2.F.5", "Energías renovables como impulso a la sostenibilidad", 1)]),
     ]),
    ("3", "Desarrollo, productividad y calidad de vida", 16.9,
     "Ciencia, tecnología e innovación, conectividad, empleo y emprendimiento, turismo, el "
     "campo soposeño y la reactivación frente a la pandemia.", [
         ("3.A", "Ciencia, tecnología e innovación: más conocimiento, mejor sociedad", [
             ("3.A.1", "Gestión territorial para el ecosistema de ciencia, tecnología e "
                       "innovación", 4),
             ("3.A.2", "Conectividad con efectividad", 2),
             ("3.A.3", "Sopó territorio científico, tecnológico e innovador", 16)]),
         ("3.B", "Un territorio informado y conectado", [
             ("3.B.1", "El futuro digital es ahora", 9)]),
         ("3.C", "Desarrollo, productividad y calidad de vida", [
             ("3.C.1", "Principios rectores de empresas y derechos humanos: proteger, respetar y "
                       "remediar", 8),
             ("3.C.2", "Fomento a la innovación y el emprendimiento", 3),
             ("3.C.3", "Es tiempo para el empleo joven", 2),
             ("3.C.4", "Una apuesta hacia la economía cultural", 5),
             ("3.C.5", "Desarrollo económico y competitividad", 6)]),
         ("3.D", "Turismo sostenible y competitivo", [
             ("3.D.1", "Es tiempo de fortalecer el turismo sostenible", 17)]),
         ("3.E", "Responsabilidad con nuestro campo", [
             ("3.E.1", "Es tiempo de crear, innovar y construir junto al agro soposeño", 23),
             ("3.E.2", "Sopó comprometido con el cuidado y tenencia de las mascotas", 4)]),
         ("3.F", "Sopó renace: soluciones efectivas frente a los retos", [
             ("3.F.1", "Formación para afrontar los desafíos", 4),
             ("3.F.2", "Implementación de soluciones efectivas frente a la pandemia", 6)]),
     ]),
    ("4", "Es tiempo de una nueva gestión con planificación, transparencia y calidad", 7.8,
     "La administración por dentro: talento humano, planeación, atención a la ciudadanía, "
     "transparencia, finanzas y gestión del conocimiento.", [
         ("4.A", "Modelo integrado de planeación y gestión", [
             ("4.A.1", "Talento humano dispuesto para un mejor servicio", 12),
             ("4.A.2", "Planeación estratégica y prospectiva, una nueva forma de organización", 5),
             ("4.A.3", "La organización y el «Estado Ciudadano»", 6),
             ("4.A.4", "Diálogos y medios transparentes para una gestión territorial", 8),
             ("4.A.5", "Gestión del conocimiento e innovación en la gestión pública", 5)]),
     ]),
]

# Uneven weights for the apuestas of two prospectivas (the others weigh the same).
PESO_APUESTA = {"1.A.1": 40, "1.A.2": 30, "1.A.3": 10, "1.A.4": 20, "3.E.1": 70, "3.E.2": 30}

# What the report published for 2021-T3, per escenario: compliance (%), metas not programmed in
# 2021, metas with progress (E > 0) and programmed metas without it (E = 0 or no report).
OBJETIVO_2021 = {
    "1": (67.8, 12, 194, 22),
    "2": (51.5, 8, 73, 23),
    "3": (63.89, 4, 89, 16),
    "4": (74.2, 2, 31, 3),
}
SIN_REPORTE_2021_T3 = {"1": 3, "2": 3, "3": 2, "4": 0}
OBJETIVO_2020 = 78.0  # plan compliance for 2020 at 2020-T4 (invented: no report published)

VIGENCIAS = {2020: 10, 2021: 30, 2022: 30, 2023: 30}
CORTES = ["2020-T3", "2020-T4", "2021-T1", "2021-T2", "2021-T3"]

# ---------------------------------------------------------------------------------------------
# Dependencias and ODS by prospectiva (overridden for some apuestas).

EDU, SAL, SOC, CUL = ("Secretaría de Educación", "Secretaría de Salud",
                      "Secretaría de Desarrollo Social", "Secretaría de Cultura")
IMRD, GOB, PLA, HAC = ("Instituto Municipal de Recreación y Deporte", "Secretaría de Gobierno",
                       "Secretaría de Planeación", "Secretaría de Hacienda")
AMB, OBR, ECO, GEN = ("Secretaría de Ambiente", "Secretaría de Obras Públicas",
                      "Secretaría de Desarrollo Económico", "Secretaría General")
COM, MOV, EMS = "Oficina de Comunicaciones", "Secretaría de Movilidad", "EMSERSOPÓ"

DEPENDENCIA = {
    "1.A": EDU, "1.B": SAL, "1.C": CUL, "1.D": IMRD, "1.E": GOB, "1.F": SOC, "1.G": SOC,
    "1.H": SOC, "1.I": GOB, "1.I.2": CUL, "2.A": AMB, "2.B": PLA, "2.B.2": OBR, "2.C": GOB,
    "2.D": MOV, "2.E": EMS, "2.E.6": HAC, "2.F": PLA, "2.F.2": OBR, "2.F.3": GEN, "2.F.4": OBR,
    "2.F.5": AMB, "3.A": ECO, "3.A.2": GEN, "3.B": COM, "3.C": ECO, "3.C.4": CUL, "3.D": ECO,
    "3.E": ECO, "3.E.2": AMB, "3.F": ECO, "3.F.2": SAL, "4.A": GEN, "4.A.2": PLA, "4.A.3": HAC,
    "4.A.4": COM, "4.A.5": PLA,
}
ODS = {
    "1.A": [4], "1.B": [3], "1.C": [4, 11], "1.D": [3], "1.E": [16], "1.F": [16, 11],
    "1.G": [10, 1], "1.G.3": [5], "1.H": [1, 3, 4, 16], "1.I": [16, 10], "2.A": [15, 13, 6],
    "2.A.5": [13], "2.B": [11], "2.C": [11, 13], "2.D": [11], "2.E": [6], "2.E.3": [12],
    "2.F": [11], "2.F.2": [7], "2.F.4": [7], "2.F.5": [7], "2.F.3": [9], "3.A": [9],
    "3.B": [9], "3.C": [8], "3.D": [8, 12], "3.E": [2], "3.E.2": [15], "3.F": [8, 3],
    "4.A": [16],
}


def lookup(table: dict, codigo: str):
    """The value of the apuesta's own code, or else its prospectiva's."""
    return table.get(codigo) or table[codigo.rsplit(".", 1)[0]]


# ---------------------------------------------------------------------------------------------
# Themes. For each apuesta: topics (noun phrases that read well after "de"), the population it
# serves (plural, gender for agreement) and specific metas written by hand.
# A specific meta is "texto|indicador|unidad|min|max" (incremento), with "M:" in front for a
# mantenimiento; {n} is the number drawn in [min, max].

P = {  # populations: (plural, o/a)
    "est": ("estudiantes", "o"), "doc": ("docentes", "o"), "per": ("personas", "a"),
    "muj": ("mujeres", "a"), "jov": ("jóvenes", "o"), "nin": ("niños y niñas", "o"),
    "may": ("personas mayores", "a"), "dis": ("personas con discapacidad", "a"),
    "fam": ("familias", "a"), "dep": ("deportistas", "o"), "pro": ("productores", "o"),
    "emp": ("emprendedores", "o"), "fun": ("funcionarios", "o"), "art": ("artistas y gestores culturales", "o"),
    "hog": ("hogares", "o"), "lid": ("líderes comunales", "o"), "com": ("comerciantes", "o"),
}

# the most people of a population a meta can reach in a municipality of 28.000 inhabitants
POB_MAX = {"fun": 180, "art": 300, "dep": 400, "lid": 200, "doc": 200, "com": 600, "emp": 500,
           "dis": 400, "may": 800, "jov": 900, "muj": 900, "pro": 900}

TEMAS: dict[str, tuple[list[str], str, list[str]]] = {
    "1.A.1": (["bilingüismo", "lectura y escritura", "pensamiento lógico matemático", "convivencia escolar", "uso pedagógico de las TIC"], "est", [
        "Dotar {n} instituciones educativas con material pedagógico|Instituciones educativas dotadas|Número|4|8",
        "Implementar {n} laboratorios de ciencias en las instituciones educativas oficiales|Laboratorios implementados|Número|3|6",
        "Formar {n} docentes en competencias digitales|Docentes formados en competencias digitales|Número|60|180",
        "M:Mantener el Programa de Alimentación Escolar en el 100 % de las sedes oficiales|Porcentaje de sedes con PAE|Porcentaje|100|100"]),
    "1.A.2": (["orientación vocacional", "permanencia escolar", "proyecto de vida"], "est", [
        "M:Mantener el servicio de transporte escolar para {n} estudiantes de las veredas|Estudiantes beneficiados con transporte escolar|Número|900|1400",
        "Entregar {n} kits escolares a estudiantes de las instituciones oficiales|Kits escolares entregados|Número|3000|6000",
        "Adecuar {n} sedes educativas rurales|Sedes educativas rurales adecuadas|Número|4|10",
        "Entregar {n} tabletas a estudiantes de educación media|Tabletas entregadas|Número|300|900"]),
    "1.A.3": (["orientación socio-ocupacional", "educación para el trabajo"], "est", [
        "Articular {n} programas técnicos de la educación media con el SENA|Programas técnicos articulados|Número|2|4"]),
    "1.A.4": (["orientación para el acceso a la educación superior", "preparación para las Pruebas Saber 11"], "jov", [
        "Otorgar {n} becas o créditos condonables para educación superior|Becas y créditos otorgados|Número|80|200",
        "Gestionar la sede de una institución de educación superior en el municipio|Sede de educación superior en funcionamiento|Número|1|1",
        "Ofrecer {n} programas de educación superior en el municipio|Programas de educación superior ofrecidos|Número|3|6"]),
    "1.B.1": (["salud mental", "salud sexual y reproductiva", "vida saludable", "prevención de enfermedades crónicas", "seguridad alimentaria"], "per", [
        "M:Mantener la afiliación al régimen subsidiado del 100 % de la población elegible|Porcentaje de población elegible afiliada|Porcentaje|100|100",
        "Realizar {n} visitas de inspección, vigilancia y control sanitario|Visitas de inspección sanitaria realizadas|Número|400|1200",
        "Adecuar y dotar {n} puestos de salud rurales|Puestos de salud adecuados y dotados|Número|2|3"]),
    "1.C.1": (["formación artística", "música", "danza", "teatro"], "nin", [
        "Ampliar a {n} los cupos de la Escuela de Formación Artística|Cupos de formación artística ofrecidos|Número|600|1100"]),
    "1.C.2": (["promoción de lectura", "patrimonio cultural", "artes plásticas", "circulación artística"], "art", [
        "Dotar {n} bibliotecas públicas con colecciones y mobiliario|Bibliotecas públicas dotadas|Número|2|3",
        "Realizar {n} versiones del Festival Sopó es Cultura|Festivales realizados|Número|3|4",
        "M:Mantener en funcionamiento la Red Municipal de Bibliotecas|Red de bibliotecas en funcionamiento|Número|1|1"]),
    "1.C.3": (["memoria cultural", "tradiciones campesinas", "cultura ciudadana"], "per", [
        "Realizar {n} muestras de tradiciones campesinas en las veredas|Muestras realizadas|Número|6|12"]),
    "1.D.1": (["actividad física", "recreación comunitaria"], "per", [
        "M:Mantener {n} grupos de actividad física para personas mayores|Grupos de actividad física en funcionamiento|Número|8|14"]),
    "1.D.2": (["hábitos de vida saludable y deporte", "uso adecuado de escenarios deportivos"], "dep", [
        "Construir {n} parques biosaludables|Parques biosaludables construidos|Número|4|8",
        "Realizar mantenimiento a {n} escenarios deportivos|Escenarios deportivos mantenidos|Número|12|25",
        "Construir una (1) cancha sintética en el sector rural|Cancha sintética construida|Número|1|1"]),
    "1.D.3": (["recreación para la familia", "actividad física al aire libre"], "fam", [
        "Realizar {n} ciclovías recreativas dominicales|Ciclovías recreativas realizadas|Número|60|120"]),
    "1.D.4": (["alto rendimiento", "formación deportiva", "prevención de lesiones deportivas"], "dep", [
        "Apoyar a {n} deportistas en competencias departamentales y nacionales|Deportistas apoyados|Número|80|200",
        "M:Mantener {n} disciplinas en las escuelas de formación deportiva|Disciplinas deportivas ofrecidas|Número|14|20"]),
    "1.D.5": (["deporte comunitario", "deporte para personas con discapacidad"], "per", [
        "Realizar {n} torneos interveredales|Torneos interveredales realizados|Número|8|16"]),
    "1.D.6": (["deporte escolar", "iniciación deportiva"], "est", [
        "Vincular {n} estudiantes a los Juegos Intercolegiados|Estudiantes vinculados a los Juegos Intercolegiados|Número|400|900"]),
    "1.E.1": (["seguridad ciudadana", "organización comunitaria para la seguridad", "prevención del delito"], "per", [
        "Instalar {n} cámaras de videovigilancia conectadas al centro de monitoreo|Cámaras instaladas|Número|20|50",
        "Conformar {n} frentes de seguridad barriales y veredales|Frentes de seguridad conformados|Número|10|25",
        "Formular e implementar el Plan Integral de Seguridad y Convivencia Ciudadana|Plan integral de seguridad implementado|Número|1|1"]),
    "1.E.2": (["convivencia ciudadana", "prevención del consumo de sustancias psicoactivas"], "jov", []),
    "1.E.3": (["acceso a la justicia", "resolución pacífica de conflictos"], "per", [
        "M:Mantener en funcionamiento la Casa de Justicia|Casa de Justicia en funcionamiento|Número|1|1",
        "Atender {n} casos en la Comisaría de Familia con enfoque diferencial|Casos atendidos|Número|600|1200"]),
    "1.F.1": (["participación ciudadana", "fortalecimiento de juntas de acción comunal",
               "control social"], "lid", [
        "Fortalecer {n} juntas de acción comunal|Juntas de acción comunal fortalecidas|Número|15|30",
        "Adecuar {n} salones comunales|Salones comunales adecuados|Número|4|10"]),
    "1.G.1": (["fortalecimiento familiar", "pautas de crianza"], "fam", []),
    "1.G.2": (["envejecimiento activo", "saberes de las personas mayores",
               "atención integral al adulto mayor", "hábitos de vida saludable",
               "intercambio intergeneracional"], "may", [
        "M:Mantener la atención de {n} personas mayores en los Centros Día|Personas mayores atendidas en Centros Día|Número|250|400",
        "M:Mantener el apoyo nutricional a {n} personas mayores|Personas mayores con apoyo nutricional|Número|180|300",
        "Adecuar un (1) Centro de Bienestar del Adulto Mayor|Centro de bienestar adecuado|Número|1|1"]),
    "1.G.3": (["equidad de género", "autonomía económica de las mujeres",
               "prevención de violencias contra las mujeres"], "muj", [
        "Formular e implementar la Política Pública de Mujer y Equidad de Género|Política pública implementada|Número|1|1"]),
    "1.G.4": (["reconocimiento de la diversidad sexual", "inclusión de la población LGBTIQ+"], "per", []),
    "1.G.5": (["liderazgo juvenil", "emprendimiento juvenil", "arte urbano",
               "participación juvenil"], "jov", [
        "Poner en funcionamiento una (1) Casa de la Juventud|Casa de la Juventud en funcionamiento|Número|1|1",
        "Acompañar el Consejo Municipal de Juventud en {n} sesiones|Sesiones del Consejo de Juventud acompañadas|Número|12|24"]),
    "1.G.6": (["inclusión de personas con discapacidad", "rehabilitación basada en comunidad", "accesibilidad universal", "apoyo a cuidadores", "inclusión laboral"], "dis", [
        "Entregar {n} ayudas técnicas a personas con discapacidad|Ayudas técnicas entregadas|Número|100|250",
        "M:Mantener la atención de {n} personas en el Centro de Vida Sensorial|Personas atendidas en el Centro de Vida Sensorial|Número|90|150",
        "Actualizar el registro de localización y caracterización de {n} personas con discapacidad|Personas caracterizadas|Número|400|800"]),
    "1.H.1": (["atención a la primera infancia", "prevención del trabajo infantil", "buen trato", "prevención del embarazo adolescente", "derechos de niños, niñas y adolescentes", "nutrición infantil"], "fam", [
        "M:Mantener la atención integral de {n} niños y niñas en los Centros de Desarrollo Infantil|Niños y niñas atendidos en CDI|Número|350|500",
        "Construir un (1) Centro de Desarrollo Infantil en el sector rural|Centro de Desarrollo Infantil construido|Número|1|1",
        "Dotar {n} hogares comunitarios de bienestar con material didáctico|Hogares comunitarios dotados|Número|10|20",
        "Realizar {n} mesas de infancia, adolescencia y fortalecimiento familiar|Mesas realizadas|Número|12|16"]),
    "1.I.1": (["derechos humanos", "prevención de la discriminación"], "per", []),
    "1.I.2": (["memoria histórica", "atención a víctimas del conflicto armado",
               "reparación simbólica"], "per", [
        "Realizar {n} conmemoraciones del Día de la Memoria y Solidaridad con las Víctimas|Conmemoraciones realizadas|Número|3|4",
        "M:Mantener la atención de {n} víctimas del conflicto armado en el punto de atención|Víctimas atendidas|Número|120|200"]),
    "1.I.3": (["atención a población en situación de calle", "protección a población vulnerable"], "per", [
        "Entregar {n} ayudas humanitarias a familias en situación de vulnerabilidad|Ayudas humanitarias entregadas|Número|300|800"]),
    "2.A.1": (["protección de fuentes hídricas", "reforestación con especies nativas", "cuidado de la calidad del aire", "conservación de la biodiversidad"], "fam", [
        "Sembrar {n} árboles nativos en zonas de recarga hídrica|Árboles nativos sembrados|Número|8000|20000",
        "Adquirir {n} hectáreas de predios de interés hídrico|Hectáreas adquiridas|Hectáreas|20|60"]),
    "2.A.2": (["conservación de cerros y humedales", "recuperación de rondas de quebradas"], "fam", [
        "Recuperar {n} metros lineales de rondas de quebradas|Metros lineales de ronda recuperados|Metros|1500|4000"]),
    "2.A.3": (["educación ambiental", "cultura ambiental ciudadana"], "est", [
        "Acompañar {n} proyectos ambientales escolares (PRAE)|PRAE acompañados|Número|8|12"]),
    "2.A.4": (["gestión ambiental empresarial", "prevención de la contaminación"], "per", []),
    "2.A.5": (["adaptación al cambio climático", "mitigación de gases de efecto invernadero"], "fam", []),
    "2.B.1": (["ordenamiento territorial", "control urbano"], "per", [
        "Formular la revisión general del Esquema de Ordenamiento Territorial|Revisión del EOT formulada|Número|1|1",
        "Actualizar la información catastral de {n} predios|Predios con información catastral actualizada|Número|4000|9000"]),
    "2.B.2": (["cuidado del espacio público", "apropiación de parques", "accesibilidad en el espacio público", "recuperación del espacio público"], "per", [
        "Construir {n} metros cuadrados de andenes accesibles|Metros cuadrados de andén construidos|Metros cuadrados|3000|8000",
        "Realizar mantenimiento a {n} parques urbanos y veredales|Parques mantenidos|Número|15|30",
        "Rehabilitar {n} kilómetros de vías terciarias|Kilómetros de vías terciarias rehabilitados|Kilómetros|10|25",
        "Pavimentar {n} kilómetros de vías urbanas|Kilómetros de vías urbanas pavimentados|Kilómetros|3|8"]),
    "2.C.1": (["gestión del riesgo", "preparación para emergencias", "prevención de incendios forestales"], "per", [
        "M:Mantener el convenio con el Cuerpo de Bomberos Voluntarios|Convenio con bomberos vigente|Número|1|1",
        "Actualizar el Plan Municipal de Gestión del Riesgo de Desastres|Plan de gestión del riesgo actualizado|Número|1|1",
        "Dotar {n} comités veredales de gestión del riesgo|Comités veredales dotados|Número|6|14"]),
    "2.D.1": (["seguridad vial", "cultura ciudadana en la movilidad", "movilidad en bicicleta"], "per", [
        "Demarcar {n} kilómetros de vías urbanas|Kilómetros de vías demarcados|Kilómetros|8|20",
        "Instalar {n} señales verticales de tránsito|Señales verticales instaladas|Número|150|400",
        "Construir {n} kilómetros de ciclorrutas|Kilómetros de ciclorruta construidos|Kilómetros|3|8",
        "Formular el Plan de Movilidad del municipio|Plan de movilidad formulado|Número|1|1"]),
    "2.E.1": (["uso eficiente y ahorro del agua", "calidad del agua para consumo humano", "gestión comunitaria de acueductos veredales"], "hog", [
        "M:Mantener la cobertura del servicio de acueducto en el área urbana en el 100 %|Cobertura de acueducto urbano|Porcentaje|100|100",
        "Optimizar {n} acueductos veredales|Acueductos veredales optimizados|Número|3|6",
        "Reponer {n} metros de redes de acueducto|Metros de red de acueducto repuestos|Metros|2000|6000"]),
    "2.E.2": (["manejo adecuado de aguas residuales", "uso adecuado del alcantarillado"], "hog", [
        "Construir {n} metros de redes de alcantarillado|Metros de alcantarillado construidos|Metros|1500|5000",
        "Optimizar la planta de tratamiento de aguas residuales|PTAR optimizada|Número|1|1",
        "Instalar {n} unidades sanitarias en viviendas rurales|Unidades sanitarias instaladas|Número|40|120"]),
    "2.E.3": (["aprovechamiento de residuos", "separación en la fuente"], "hog", [
        "M:Mantener la cobertura del servicio de aseo en el 100 % del área urbana|Cobertura del servicio de aseo urbano|Porcentaje|100|100"]),
    "2.E.4": (["cultura de pago de los servicios públicos", "atención al usuario"], "hog", [
        "Implementar un (1) sistema de información comercial en EMSERSOPÓ|Sistema de información implementado|Número|1|1"]),
    "2.E.5": (["gestión del Plan Departamental de Aguas"], "hog", [
        "M:Mantener la vinculación del municipio al Plan Departamental de Aguas|Vinculación al PDA vigente|Número|1|1"]),
    "2.E.6": (["uso racional de los servicios públicos"], "hog", [
        "M:Mantener el subsidio de acueducto, alcantarillado y aseo a {n} suscriptores de estratos 1 y 2|Suscriptores subsidiados|Número|1800|2600",
        "M:Mantener en funcionamiento el Fondo de Solidaridad y Redistribución de Ingresos|Fondo en funcionamiento|Número|1|1"]),
    "2.F.1": (["mejoramiento de vivienda", "acceso a vivienda de interés social", "legalización de predios"], "fam", [
        "Entregar {n} subsidios de mejoramiento de vivienda|Subsidios de mejoramiento entregados|Número|100|250",
        "Gestionar {n} soluciones de vivienda de interés social|Soluciones de vivienda gestionadas|Número|80|200",
        "Titular {n} predios fiscales|Predios titulados|Número|30|80"]),
    "2.F.2": (["uso eficiente de la energía"], "hog", [
        "Modernizar {n} luminarias a tecnología LED|Luminarias modernizadas|Número|600|1500",
        "Instalar {n} luminarias nuevas en el sector rural|Luminarias instaladas|Número|100|300",
        "M:Mantener el servicio de alumbrado público en funcionamiento|Servicio de alumbrado en funcionamiento|Número|1|1"]),
    "2.F.3": (["conectividad"], "hog", [
        "Instalar {n} zonas wifi gratuitas en espacios públicos|Zonas wifi instaladas|Número|8|16"]),
    "2.F.4": (["gas natural"], "hog", [
        "Conectar {n} hogares rurales al servicio de gas natural|Hogares conectados a gas natural|Número|200|500"]),
    "2.F.5": (["energías renovables"], "hog", [
        "Instalar {n} sistemas solares fotovoltaicos en edificaciones públicas|Sistemas solares instalados|Número|3|8"]),
    "3.A.1": (["ciencia, tecnología e innovación", "alianzas universidad empresa estado"], "emp", [
        "Formular la política pública municipal de ciencia, tecnología e innovación|Política de CTeI formulada|Número|1|1"]),
    "3.A.2": (["apropiación de las TIC en zonas rurales"], "hog", [
        "Conectar a internet {n} sedes educativas rurales|Sedes rurales conectadas|Número|6|12"]),
    "3.A.3": (["robótica educativa", "apropiación social del conocimiento", "semilleros de investigación", "innovación abierta", "programación y pensamiento computacional"], "est", [
        "Conformar {n} semilleros de investigación escolar|Semilleros conformados|Número|8|16",
        "Dotar {n} aulas de robótica|Aulas de robótica dotadas|Número|3|6"]),
    "3.B.1": (["gobierno digital", "alfabetización digital", "trámites y servicios en línea"], "per", [
        "Poner en línea {n} trámites de la administración municipal|Trámites en línea|Número|8|20",
        "Certificar a {n} personas en alfabetización digital|Personas certificadas|Número|300|900"]),
    "3.C.1": (["responsabilidad social empresarial", "derechos humanos en las empresas",
               "formalización empresarial"], "com", [
        "Suscribir {n} acuerdos con empresas del municipio sobre derechos humanos|Acuerdos suscritos|Número|6|15"]),
    "3.C.2": (["emprendimiento", "innovación empresarial"], "emp", [
        "Apoyar {n} emprendimientos con capital semilla|Emprendimientos apoyados con capital semilla|Número|30|80"]),
    "3.C.3": (["empleabilidad juvenil"], "jov", [
        "Vincular {n} jóvenes a su primer empleo|Jóvenes vinculados laboralmente|Número|100|250"]),
    "3.C.4": (["industrias culturales", "economía naranja"], "art", [
        "Apoyar {n} emprendimientos culturales|Emprendimientos culturales apoyados|Número|15|40"]),
    "3.C.5": (["competitividad empresarial", "intermediación laboral", "fortalecimiento del comercio local"], "emp", [
        "M:Mantener en funcionamiento la Agencia Pública de Empleo|Agencia de empleo en funcionamiento|Número|1|1",
        "Realizar {n} ruedas de negocios|Ruedas de negocios realizadas|Número|4|8"]),
    "3.D.1": (["turismo sostenible", "promoción turística", "formación de guías turísticos", "turismo rural comunitario", "cultura turística"], "emp", [
        "Instalar {n} señales turísticas en los atractivos del municipio|Señales turísticas instaladas|Número|30|80",
        "Formular el Plan de Desarrollo Turístico|Plan de desarrollo turístico formulado|Número|1|1",
        "M:Mantener en funcionamiento el Punto de Información Turística|Punto de información turística en funcionamiento|Número|1|1",
        "Participar en {n} ferias turísticas regionales y nacionales|Ferias turísticas con participación|Número|6|12"]),
    "3.E.1": (["buenas prácticas agrícolas", "buenas prácticas ganaderas", "manejo integrado de plagas", "comercialización campesina", "agricultura familiar", "mejoramiento genético bovino", "huertas caseras", "agroecología"], "pro", [
        "Prestar asistencia técnica agropecuaria a {n} productores|Productores con asistencia técnica|Número|500|1000",
        "Realizar {n} mercados campesinos|Mercados campesinos realizados|Número|30|60",
        "Certificar {n} predios en buenas prácticas ganaderas|Predios certificados en BPG|Número|10|30",
        "Entregar {n} kits de insumos agrícolas a pequeños productores|Kits de insumos entregados|Número|200|500",
        "Rehabilitar {n} reservorios de agua para uso agropecuario|Reservorios rehabilitados|Número|10|30"]),
    "3.E.2": (["tenencia responsable de mascotas", "bienestar animal"], "fam", [
        "Esterilizar {n} perros y gatos|Perros y gatos esterilizados|Número|1500|3000",
        "Vacunar contra la rabia a {n} perros y gatos|Perros y gatos vacunados|Número|4000|8000"]),
    "3.F.1": (["formación para el trabajo", "habilidades digitales para el empleo"], "per", []),
    "3.F.2": (["reactivación económica", "prevención del contagio", "bioseguridad en el comercio"], "com", [
        "Entregar {n} mercados a familias afectadas por la pandemia|Mercados entregados|Número|2000|5000",
        "Entregar {n} kits de bioseguridad a establecimientos de comercio|Kits de bioseguridad entregados|Número|300|800",
        "Apoyar {n} negocios locales con alivios para la reactivación|Negocios apoyados|Número|100|300"]),
    "4.A.1": (["bienestar laboral", "seguridad y salud en el trabajo", "capacitación de servidores públicos",
               "evaluación del desempeño"], "fun", [
        "M:Mantener implementado el Sistema de Gestión de Seguridad y Salud en el Trabajo|SG-SST implementado|Porcentaje|100|100",
        "Formular e implementar el Plan Institucional de Capacitación|Plan institucional de capacitación implementado|Número|1|1"]),
    "4.A.2": (["planeación estratégica", "seguimiento al plan de desarrollo"], "fun", [
        "Publicar {n} informes de seguimiento al Plan de Desarrollo|Informes de seguimiento publicados|Número|12|16",
        "M:Mantener actualizado el Banco de Programas y Proyectos|Banco de proyectos actualizado|Número|1|1"]),
    "4.A.3": (["atención a la ciudadanía", "gestión documental", "cultura tributaria"], "fun", [
        "Actualizar el Estatuto de Rentas del municipio|Estatuto de rentas actualizado|Número|1|1",
        "Digitalizar {n} metros lineales del archivo central|Metros lineales digitalizados|Metros|200|500"]),
    "4.A.4": (["rendición de cuentas", "comunicación pública", "transparencia"], "per", [
        "Realizar {n} audiencias públicas de rendición de cuentas|Audiencias de rendición de cuentas realizadas|Número|4|4",
        "Producir {n} programas del noticiero institucional|Programas producidos|Número|80|160"]),
    "4.A.5": (["gestión del conocimiento", "innovación pública"], "fun", [
        "Implementar un (1) repositorio de buenas prácticas institucionales|Repositorio implementado|Número|1|1"]),
}

# Reducción metas: apuesta -> (texto, indicador, unidad, linea base, meta cuatrienio, decimales)
REDUCCIONES = [
    ("1.A.2", "Reducir la tasa de deserción escolar en las instituciones oficiales", "Tasa de deserción escolar", "Porcentaje", 3.2, 2.0, 1),
    ("1.A.1", "Reducir el porcentaje de estudiantes en nivel insuficiente en las Pruebas Saber 11", "Estudiantes en nivel insuficiente", "Porcentaje", 18.0, 12.0, 1),
    ("1.B.1", "Reducir la tasa de mortalidad infantil en menores de un año", "Tasa de mortalidad infantil por 1.000 nacidos vivos", "Tasa", 8.4, 6.0, 1),
    ("1.B.1", "Reducir la tasa de intentos de suicidio", "Tasa de intento de suicidio por 100.000 habitantes", "Tasa", 62.0, 50.0, 1),
    ("1.E.1", "Reducir los hurtos a personas", "Hurtos a personas denunciados por año", "Número", 210, 160, 0),
    ("1.E.2", "Reducir las riñas reportadas en la línea de emergencias", "Riñas reportadas por año", "Número", 380, 300, 0),
    ("1.E.3", "Reducir el tiempo de respuesta de la Comisaría de Familia", "Días promedio de respuesta", "Días", 15, 8, 0),
    ("1.G.3", "Reducir los casos de violencia contra la mujer", "Casos de violencia contra la mujer por año", "Número", 145, 110, 0),
    ("1.H.1", "Reducir la tasa de embarazo en adolescentes de 15 a 19 años", "Tasa de fecundidad en adolescentes por 1.000", "Tasa", 38.5, 30.0, 1),
    ("1.H.1", "Reducir la desnutrición aguda en menores de cinco años", "Prevalencia de desnutrición aguda", "Porcentaje", 2.4, 1.5, 1),
    ("1.H.1", "Reducir el trabajo infantil identificado", "Niños, niñas y adolescentes en trabajo infantil", "Número", 60, 35, 0),
    ("2.A.1", "Reducir la deforestación en zonas de páramo y bosque alto andino", "Hectáreas deforestadas por año", "Hectáreas", 12.0, 6.0, 1),
    ("2.C.1", "Reducir el tiempo de respuesta a emergencias", "Minutos promedio de respuesta", "Minutos", 25, 15, 0),
    ("2.D.1", "Reducir los siniestros viales con lesionados", "Siniestros viales con lesionados por año", "Número", 96, 70, 0),
    ("2.E.1", "Reducir el índice de agua no contabilizada", "Índice de agua no contabilizada", "Porcentaje", 38.0, 30.0, 1),
    ("2.E.3", "Reducir las toneladas de residuos dispuestas en relleno sanitario", "Toneladas mensuales dispuestas", "Toneladas", 1150, 950, 0),
    ("2.F.1", "Reducir el déficit cualitativo de vivienda", "Déficit cualitativo de vivienda", "Porcentaje", 14.0, 11.0, 1),
    ("2.F.2", "Reducir el consumo de energía del alumbrado público", "Consumo mensual de energía del alumbrado (MWh)", "MWh", 210, 160, 0),
    ("3.C.3", "Reducir el desempleo juvenil registrado en la Agencia Pública de Empleo", "Jóvenes inscritos sin empleo", "Número", 420, 300, 0),
    ("3.E.2", "Reducir los perros y gatos en condición de calle", "Perros y gatos en condición de calle", "Número", 350, 220, 0),
    ("4.A.3", "Reducir el tiempo de respuesta a peticiones, quejas y reclamos", "Días hábiles promedio de respuesta a PQRS", "Días", 14, 8, 0),
    ("4.A.3", "Reducir la cartera morosa del impuesto predial", "Cartera morosa del impuesto predial (millones de pesos)", "Millones de pesos", 5200, 3800, 0),
    ("4.A.1", "Reducir la accidentalidad laboral de los servidores públicos", "Accidentes laborales por año", "Número", 18, 10, 0),
]

# Generic families: (texto, indicador, unidad, min, max, tipo)
FAMILIAS = [
    ("Realizar {n} jornadas de {t}", "Jornadas de {t} realizadas", "Número", 8, 40, "inc"),
    ("Desarrollar {n} talleres de {t} dirigidos a {pob}", "Talleres de {t} desarrollados", "Número", 12, 60, "inc"),
    ("Realizar {n} campañas de {t}", "Campañas de {t} realizadas", "Número", 4, 16, "inc"),
    ("Implementar {n} estrategias de {t}", "Estrategias de {t} implementadas", "Número", 2, 6, "inc"),
    ("Beneficiar a {n} {pob} con acciones de {t}", "{Pob} beneficiad{o}s con acciones de {t}", "Número", 120, 1600, "inc"),
    ("Capacitar a {n} {pob} en {t}", "{Pob} capacitad{o}s en {t}", "Número", 60, 600, "inc"),
    ("Apoyar {n} iniciativas comunitarias de {t}", "Iniciativas de {t} apoyadas", "Número", 4, 24, "inc"),
    ("Formular e implementar un (1) plan de {t}", "Plan de {t} implementado", "Número", 1, 1, "inc"),
    ("Realizar {n} encuentros de {t}", "Encuentros de {t} realizados", "Número", 4, 16, "inc"),
    ("Producir {n} piezas de divulgación sobre {t}", "Piezas de divulgación sobre {t} producidas", "Número", 10, 40, "inc"),
    ("Mantener en funcionamiento un (1) programa de {t}", "Programa de {t} en funcionamiento", "Número", 1, 1, "mant"),
    ("Mantener la atención anual de {n} {pob} en el programa de {t}", "{Pob} atendid{o}s en el programa de {t}", "Número", 80, 400, "mant"),
]

OBS = {
    "sin avance": ["Actividad reprogramada para el cuarto trimestre de la vigencia.",
                   "Proceso contractual en etapa precontractual.",
                   "Pendiente la aprobación del proyecto en el Banco de Programas y Proyectos.",
                   "Sin ejecución a la fecha de corte por falta de recursos disponibles.", ""],
    "en avance": ["Avance conforme al plan de acción de la dependencia.",
                  "Se adelantan las actividades en el área urbana y en las veredas.",
                  "Contrato en ejecución; se reporta el avance físico a la fecha de corte.",
                  "Parte de las actividades se realizó de manera virtual por la emergencia sanitaria.",
                  "Avance parcial; se espera completar lo programado en el último trimestre.", "", ""],
    "cumplida": ["Meta cumplida para la vigencia.", "Se cumplió lo programado con recursos propios.",
                 "Meta cumplida; soportes en el archivo de la dependencia.", ""],
    "sobreejecutada": ["Se supera lo programado por la alta demanda de la comunidad.",
                       "Se superó la meta gracias a la articulación con la Gobernación de Cundinamarca.",
                       "Ejecución superior a la programada por recursos adicionales del balance."],
}

# Invented evidence links live on a domain reserved for examples (RFC 2606's spirit, in
# Spanish), never on the municipality's own: a reader must not take them for real pages.
DOMINIO = "https://ejemplo.org/demo-sopo"

# ---------------------------------------------------------------------------------------------


def nice(rng: random.Random, lo: int, hi: int) -> int:
    """A number in [lo, hi] rounded the way a plan rounds it."""
    n = rng.randint(lo, hi)
    step = 100 if n >= 2000 else 50 if n >= 500 else 10 if n >= 100 else 5 if n >= 30 else 1
    return max(lo, min(hi, round(n / step) * step)) if step > 1 else n


def numero_texto(n: int) -> str:
    return "un (1)" if n == 1 else f"{n:,}".replace(",", ".")


class Meta:
    def __init__(self, **kw):
        self.__dict__.update(kw)
        self.prog: dict[int, float] = {}
        self.peso = None


def metas_de_apuesta(rng: random.Random, esc: str, pro: str, apu: str, k: int) -> list[Meta]:
    temas, pob_key, especificas = TEMAS[apu]
    pob, o = P[pob_key]
    specs: list[tuple] = []  # (texto, indicador, unidad, tipo, n, lb, meta4, decimales)
    for r in REDUCCIONES:
        if r[0] == apu and len(specs) < k:
            _, texto, ind, uni, lb, m4, dec = r
            specs.append((texto + f" de {fmt_num(lb, dec)} a {fmt_num(m4, dec)}", ind, uni, "reduccion",
                          None, lb, m4, dec))
    for e in especificas:
        if len(specs) >= k:
            break
        tipo = "mantenimiento" if e.startswith("M:") else "incremento"
        texto, ind, uni, lo, hi = e.removeprefix("M:").split("|")
        n = nice(rng, int(lo), int(hi))
        specs.append((texto.replace("{n}", numero_texto(n)), ind, uni, tipo, n, None, n, 0))
    # fill with generic families x topics, spreading families and topics
    combos = [(f, t) for f in FAMILIAS for t in temas]
    rng.shuffle(combos)
    uso_f: dict[str, int] = {}
    uso_t: dict[str, int] = {}
    textos = {s[0] for s in specs}
    while len(specs) < k:
        combos.sort(key=lambda c: (uso_f.get(c[0][0], 0) + uso_t.get(c[1], 0)))
        f, t = combos.pop(0)
        texto_f, ind_f, uni, lo, hi, tipo = f
        if tipo == "mant" and sum(s[3] == "mantenimiento" for s in specs) >= round(k * 0.15):
            continue  # about 15 % of the metas keep a level; the rest add something new
        n = nice(rng, lo, min(hi, POB_MAX.get(pob_key, hi)) if "{pob}" in texto_f else hi)
        texto = texto_f.replace("{t}", t).replace("{pob}", pob).replace("{n}", numero_texto(n))
        ind = ind_f.replace("{t}", t).replace("{Pob}", pob[0].upper() + pob[1:]).replace("{o}", o)
        texto = texto.replace("dirigidos a personas", "dirigidos a la comunidad") \
            if texto.endswith("dirigidos a personas") else texto
        if texto in textos:
            continue
        textos.add(texto)
        uso_f[texto_f] = uso_f.get(texto_f, 0) + 1
        uso_t[t] = uso_t.get(t, 0) + 1
        specs.append((texto, ind, uni, "mantenimiento" if tipo == "mant" else "incremento",
                      n, None, n, 0))
    metas = []
    for i, (texto, ind, uni, tipo, n, lb, m4, dec) in enumerate(specs, start=1):
        metas.append(Meta(codigo=f"{apu}.{i:02d}", padre=apu, esc=esc, pro=pro, texto=texto,
                          indicador=ind, unidad=uni, tipo=tipo, n=n, lb=lb, m4=m4, dec=dec,
                          dependencia=lookup(DEPENDENCIA, apu),
                          ods=rng.choice(lookup(ODS, apu))))
    return metas


def fmt_num(x: float, dec: int) -> str:
    return f"{x:.{dec}f}".replace(".", ",") if dec else f"{int(x):,}".replace(",", ".")


def programar(rng: random.Random, m: Meta, sin_2021: bool) -> None:
    """Fill m.prog {year: P} (P > 0 only), m.lb and m.m4."""
    if m.tipo == "reduccion":
        lb, t = m.lb, m.m4
        q = 10 ** m.dec
        pasos = {2020: 0.1, 2021: 0.4, 2022: 0.7, 2023: 1.0}
        for y, f in pasos.items():
            if y == 2020 and rng.random() < 0.5:
                continue
            if y == 2021 and sin_2021:
                continue
            v = lb - f * (lb - t)
            v = int(v * q) / q if m.dec else int(v)  # truncate: strictly below LB
            if v >= lb:
                v = lb - 1 / q
            m.prog[y] = round(v, m.dec)
        return
    n = m.n
    if m.tipo == "mantenimiento":
        m.lb = n
        if rng.random() < 0.55:
            m.prog[2020] = n
        for y in (2021, 2022, 2023):
            if not (y == 2021 and sin_2021):
                m.prog[y] = n
        return
    # incremento
    m.lb = rng.choice([0, 0, None, rng.randint(1, max(1, n)) if n > 1 else 0])
    if n == 1:
        m.prog[2022 if sin_2021 else 2021] = 1
        return
    if n < 4:
        anos = [2022, 2023] if sin_2021 else [2021, 2022, 2023]
        for i in range(n):
            y = anos[i % len(anos)]
            m.prog[y] = m.prog.get(y, 0) + 1
        return
    p20 = 0
    if rng.random() < 0.55:
        p20 = max(1, round(n * rng.uniform(0.04, 0.12)))
    resto = n - p20
    anos = [2022, 2023] if sin_2021 else [2021, 2022, 2023]
    partes = [rng.uniform(0.8, 1.2) for _ in anos]
    s = sum(partes)
    asign = [max(1, int(resto * p / s)) for p in partes]
    asign[-1] = resto - sum(asign[:-1])
    if asign[-1] <= 0:
        asign = [resto // len(anos)] * len(anos)
        asign[-1] = resto - sum(asign[:-1])
    if p20:
        m.prog[2020] = p20
    for y, v in zip(anos, asign):
        m.prog[y] = v


# ---------------------------------------------------------------------------------------------
# The generator's own model and computation: the script never computes a compliance itself.

def modelo(out: Path) -> Plan:
    """The plan as the generator reads and validates the files written so far in `out`."""
    plans, problems = load_data(out)
    plan = plans[0] if plans else None
    if plan is None or problems.has_errors:
        sys.exit("El plan de demostración no pasa la validación:\n" + "\n".join(map(str, problems)))
    return plan


def corte_de(corte_id: str, ejec: dict[str, float | None]) -> Corte:
    """A corte whose avances report `ejec` (codigo -> E; None: no row for that meta)."""
    vigencia, trimestre = parse_corte_id(corte_id)
    return Corte(corte_id, vigencia, trimestre,
                 {c: Reporte(c, vigencia, e) for c, e in ejec.items() if e is not None})


# ---------------------------------------------------------------------------------------------
# Progress: decide, for each corte, the executed value of each programmed meta.

def valor_e(m: Meta, y: int, c: float) -> float:
    """Executed value giving compliance about c (0 < c <= 1), rounded to the meta's unit."""
    p = m.prog[y]
    if m.tipo == "reduccion":
        e = m.lb - c * (m.lb - p)
        q = 10 ** m.dec
        e = round(e * q) / q
        if c < 1 and e <= p:
            e = p + 1 / q
        if e >= m.lb:
            e = m.lb - 1 / q
        return round(e, m.dec) if m.dec else int(e)
    if m.unidad == "Porcentaje":
        e = round(c * p, 1)
        if c < 1 and e >= p:
            e = p - 0.5
        return max(e, 0.1)
    if m.unidad in ("Kilómetros", "Hectáreas"):
        e = round(c * p, 1)
        if c < 1 and e >= p:
            e = round(p - 0.1, 1)
        return max(e, 0.1)
    e = round(c * p)
    if c < 1 and e >= p:
        e = p - 1
    return max(int(e), 1) if c > 0 else 0


def calibrar(rng: random.Random, metas: list[Meta], plan: Plan, corte: str, objetivo: dict,
             ceros: set, sobre: set, grupos: dict) -> dict:
    """Executed values for the vigencia of `corte`, its last one. objetivo: node code -> target %."""
    y = parse_corte_id(corte)[0]
    shape = plan_shape(plan)

    def cumplimiento_pct(codigo: str) -> float:
        return compute_vigencia(plan, corte_de(corte, ejec), shape).nodes[codigo].cumplimiento * 100

    u = {m.codigo: rng.uniform(0.25, 1.45) for m in metas}
    ejec: dict[str, float | None] = {}

    def llenar(grupo: list[Meta], k: float) -> None:
        for m in grupo:
            if m.codigo in ceros:
                continue
            if m.codigo in sobre:
                p = m.prog[y]
                if m.tipo == "reduccion":
                    ejec[m.codigo] = round(p - max(0.1 * (m.lb - p), 1 / 10 ** m.dec), m.dec) if m.dec \
                        else int(p - max(1, round(0.1 * (m.lb - p))))
                else:
                    ejec[m.codigo] = int(p + max(1, round(p * rng.uniform(0.15, 0.45))))
                continue
            ejec[m.codigo] = valor_e(m, y, min(1.0, k * u[m.codigo]))

    for codigo, grupo in grupos.items():
        lo, hi = 0.2, 3.0
        for _ in range(50):
            k = (lo + hi) / 2
            llenar(grupo, k)
            c = cumplimiento_pct(codigo)
            if c < objetivo[codigo]:
                lo = k
            else:
                hi = k
        # keep the closer of the two bracketing ks
        llenar(grupo, lo)
        c_lo = cumplimiento_pct(codigo)
        llenar(grupo, hi)
        c_hi = cumplimiento_pct(codigo)
        if abs(c_lo - objetivo[codigo]) < abs(c_hi - objetivo[codigo]):
            llenar(grupo, lo)
    for m in metas:
        if m.codigo in ceros:
            ejec[m.codigo] = 0
    return ejec


def fraccion(m: Meta, e, f: float):
    """An earlier corte's executed value: a share f of the later one, never above it."""
    if e is None or e == 0:
        return e
    if m.tipo == "reduccion":
        return e  # a level measured at each corte; kept equal so it never decreases
    if m.unidad == "Porcentaje":
        if m.tipo == "mantenimiento":
            return e
        return round(e * f, 1)
    if isinstance(e, float) and e != int(e) or m.unidad in ("Kilómetros", "Hectáreas"):
        return round(int(e * f * 10) / 10, 1)
    if m.tipo == "mantenimiento" and m.prog and max(m.prog.values()) == 1:
        return e
    return round(e * f)


# ---------------------------------------------------------------------------------------------
# Writing

def xlsx_bytes(wb) -> bytes:
    """The workbook's bytes with fixed dates, so the same content gives the same file."""
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = "Secretaría de Planeación (datos de demostración)"
    wb.properties.lastModifiedBy = None
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        ExcelWriter(wb, z).save()
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            zout.writestr(zi, zin.read(info.filename))
    return out.getvalue()


def hoja(titulos: list[str], encabezado: list[str], filas: list[list], nombre: str, anchos: list[int]):
    wb = Workbook()
    ws = wb.active
    ws.title = nombre
    for t in titulos:
        ws.append([t] if t else [])
    if titulos:
        ws.cell(row=1, column=1).font = Font(bold=True, size=13)
        ws.cell(row=2, column=1).font = Font(bold=True, size=12)
    ws.append(encabezado)
    fila_enc = len(titulos) + 1
    for c in ws[fila_enc]:
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = PatternFill("solid", fgColor="1F4E79")
        c.alignment = Alignment(wrap_text=True, vertical="center")
    for f in filas:
        ws.append(f)
    for i, w in enumerate(anchos, start=1):
        ws.column_dimensions[ws.cell(row=fila_enc, column=i).column_letter].width = w
    ws.freeze_panes = ws.cell(row=fila_enc + 1, column=1)
    return wb


def plan_yml() -> str:
    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lineas = [
        "# Plan de demostración: la estructura real del Plan de Desarrollo de Sopó 2020-2023",
        "# (escenarios de cambio, prospectivas, escenarios de apuesta y pesos de los escenarios)",
        "# con cifras inventadas. Generado por scripts/make_demo_data.py; no lo edite a mano.",
        "nombre: Sopó es nuestro tiempo 2020-2023",
        "entidad: Alcaldía Municipal de Sopó (Cundinamarca)",
        "oficina: Secretaría de Planeación",
        "decreto_seguimiento: Decreto 0197 del 13 de agosto de 2020 (artículo décimo)",
        "firma: {nombre: Nombre de quien firma (demostración), cargo: Secretario de Planeación}",
        "periodo: [2020, 2023]",
        "demo: true",
        "descripcion: >-",
        "  Plan de Desarrollo Municipal adoptado por el Acuerdo 009 del 30 de mayo de 2020. La",
        "  estructura (4 escenarios de cambio, 22 prospectivas, 67 escenarios de apuesta y 477",
        "  metas) y el peso de cada escenario de cambio son los reales; las metas, la programación",
        "  y los avances son datos de demostración.",
        "licencia: CC BY 4.0",
        "niveles: [escenario de cambio, prospectiva, escenario de apuesta]",
        "vigencias: {" + ", ".join(f"{y}: {v}" for y, v in VIGENCIAS.items()) + "}",
        "rangos:",
        '  - {nombre: Sobresaliente, desde: 81, color: "#1b7f3b"}',
        '  - {nombre: Aceptable,     desde: 56, color: "#b58100"}',
        '  - {nombre: Bajo,          desde: 0,  color: "#b3261e"}',
        "estructura:",
    ]
    for ec, en, peso, desc, pros in ESTRUCTURA:
        lineas += [f'  - codigo: "{ec}"', f"    nombre: {q(en)}", f"    peso: {peso}",
                   f"    descripcion: {q(desc)}", "    hijos:"]
        for pc, pn, apus in pros:
            lineas += [f'      - codigo: "{pc}"', f"        nombre: {q(pn)}", "        hijos:"]
            for ac, an, _ in apus:
                extra = f", peso: {PESO_APUESTA[ac]}" if ac in PESO_APUESTA else ""
                lineas.append(f'          - {{codigo: "{ac}", nombre: {q(an)}{extra}}}')
    return "\n".join(lineas) + "\n"


# ---------------------------------------------------------------------------------------------

def escribir_plan(out: Path, metas: list[Meta], territorio: dict[str, str]) -> None:
    """plan.yml and metas.xlsx (the Plan Indicativo, one row per meta)."""
    out.mkdir(parents=True)
    (out / "plan.yml").write_text(plan_yml(), encoding="utf-8")
    enc_metas = ["Código meta", "Código padre", "Meta", "Indicador", "Unidad", "Línea base", "Tipo",
                 "Meta cuatrienio", "Programado 2020", "Programado 2021", "Programado 2022",
                 "Programado 2023", "Dependencia", "ODS", "Peso", "Sector", "Territorio"]
    tipos = {"incremento": "Incremento", "mantenimiento": "Mantenimiento", "reduccion": "Reducción"}
    filas = []
    for m in metas:
        progs = []
        for y in (2020, 2021, 2022, 2023):
            v = m.prog.get(y)
            if v is None:
                # not programmed: mostly empty, sometimes a 0 written by the office
                v = 0 if (hash_det(m.codigo, y) % 4 == 0) else None
            progs.append(v)
        filas.append([m.codigo, m.padre, m.texto, m.indicador, m.unidad, m.lb, tipos[m.tipo], m.m4,
                      *progs, m.dependencia, m.ods, m.peso, lookup(SECTOR, m.padre),
                      territorio.get(m.codigo)])
    wb = hoja(["Alcaldía Municipal de Sopó (Cundinamarca)", "Plan Indicativo 2020-2023", ""],
              enc_metas, filas, "Plan Indicativo",
              [12, 10, 60, 40, 14, 10, 14, 12, 11, 11, 11, 11, 36, 6, 6, 30, 20])
    (out / "metas.xlsx").write_bytes(xlsx_bytes(wb))


def generar(destino: Path) -> None:
    rng = random.Random(SEED)
    metas: list[Meta] = []
    for ec, _, _, _, pros in ESTRUCTURA:
        for pc, _, apus in pros:
            for ac, _, k in apus:
                ms = metas_de_apuesta(rng, ec, pc, ac, k)
                assert len(ms) == k, (ac, len(ms), k)
                metas += ms
    assert len(metas) == 477
    assert len({m.codigo for m in metas}) == 477
    assert len({m.texto for m in metas}) == 477, "textos de metas repetidos"

    # metas not programmed in 2021: exactly the report's count per escenario, among incremento
    # and mantenimiento metas whose number allows it
    sin21: set[str] = set()
    for ec, (_, n_np, _, _) in OBJETIVO_2021.items():
        cand = [m for m in metas if m.esc == ec and m.tipo == "incremento"]
        sin21 |= {m.codigo for m in rng.sample(cand, n_np)}
    for m in metas:
        programar(rng, m, m.codigo in sin21)
        assert 2021 in m.prog or m.codigo in sin21
        assert m.codigo not in sin21 or 2021 not in m.prog
        if m.tipo == "reduccion":
            assert all(v < m.lb for v in m.prog.values()) and m.m4 < m.lb

    # explicit weights for a handful of metas
    for m in rng.sample([m for m in metas if m.tipo == "incremento" and m.n and m.n > 1], 9):
        m.peso = 2
    rng.choice([m for m in metas if m.peso == 2]).peso = 3

    # ----- plan.yml and metas.xlsx first: the generator reads them back as the model that
    # every compliance and estado below is computed on
    territorio = territorios(metas)
    out = destino / "sopo"
    if out.exists():
        shutil.rmtree(out)
    escribir_plan(out, metas, territorio)
    plan = modelo(out)

    # ----- 2021: choose who has no progress, who has no report, who is over-executed
    ceros21: set[str] = set()
    sinrep21: set[str] = set()
    for ec, (_, _, _, n_sin) in OBJETIVO_2021.items():
        # a level such as "100 % of the schools" or a rate is never reported as 0
        prog = [m for m in metas if m.esc == ec and 2021 in m.prog and m.tipo != "reduccion"
                and m.unidad != "Porcentaje"]
        elegidos = rng.sample(prog, n_sin)
        ceros21 |= {m.codigo for m in elegidos}
        sinrep21 |= {m.codigo for m in elegidos[:SIN_REPORTE_2021_T3[ec]]}
    prog21 = [m for m in metas if 2021 in m.prog and m.codigo not in ceros21]
    sobre21 = {m.codigo for m in rng.sample([m for m in prog21 if m.tipo == "incremento"
                                             and m.prog[2021] > 2], 5)}
    sobre21.add(rng.choice([m for m in prog21 if m.tipo == "reduccion"]).codigo)
    sobre21.add(rng.choice([m for m in prog21 if m.tipo == "mantenimiento"
                            and m.unidad == "Número" and m.prog[2021] > 10]).codigo)
    grupos21 = {ec: [m for m in metas if m.esc == ec and 2021 in m.prog] for ec in OBJETIVO_2021}
    ejec21 = calibrar(rng, metas, plan, "2021-T3", {k: v[0] for k, v in OBJETIVO_2021.items()},
                      ceros21, sobre21, grupos21)
    for m in metas:
        if m.codigo in sinrep21:
            ejec21[m.codigo] = None

    # ----- 2020
    prog20 = [m for m in metas if 2020 in m.prog]
    ceros20 = {m.codigo for m in rng.sample([m for m in prog20 if m.tipo != "reduccion"
                                                 and m.unidad != "Porcentaje"], 22)}
    sinrep20 = set(sorted(ceros20)[:5])
    sobre20 = {m.codigo for m in rng.sample([m for m in prog20 if m.tipo == "incremento"
                                             and m.codigo not in ceros20 and m.prog[2020] > 2], 4)}
    ejec20 = calibrar(rng, metas, plan, "2020-T4", {ROOT: OBJETIVO_2020}, ceros20, sobre20,
                      {ROOT: prog20})
    for c in sinrep20:
        ejec20[c] = None

    # ----- cortes
    def sin_reporte_extra(prog: list[Meta], n: int, excluir: set) -> set:
        return {m.codigo for m in rng.sample([m for m in prog if m.codigo not in excluir], n)}

    cortes: dict[str, dict[str, float | None]] = {}
    por_codigo = {m.codigo: m for m in metas}
    fr = {m.codigo: (rng.uniform(0.55, 0.85), rng.uniform(0.5, 0.8), rng.uniform(0.3, 0.7))
          for m in metas}
    # 2020-T3: share of 2020-T4
    sr = sin_reporte_extra(prog20, 4, sinrep20)
    cortes["2020-T3"] = {m.codigo: (None if m.codigo in sr or ejec20.get(m.codigo) is None
                                    else fraccion(m, ejec20[m.codigo], fr[m.codigo][0]))
                         for m in prog20}
    cortes["2020-T4"] = {m.codigo: ejec20.get(m.codigo) for m in prog20}
    p21 = [m for m in metas if 2021 in m.prog]
    # metas without a report at 2021-T3 did report earlier, with nothing executed
    base21 = {m.codigo: (0 if m.codigo in sinrep21 else ejec21[m.codigo]) for m in p21}
    t2 = {c: fraccion(por_codigo[c], e, fr[c][1]) for c, e in base21.items()}
    t1 = {c: fraccion(por_codigo[c], e, fr[c][1] * fr[c][2]) for c, e in base21.items()}
    sr2 = sin_reporte_extra(p21, 6, sinrep21)
    sr1 = sin_reporte_extra(p21, 9, sinrep21 | sr2)
    for c in sr2:
        t2[c] = None
    for c in sr1:
        t1[c] = None
    cortes["2021-T1"] = t1
    cortes["2021-T2"] = t2
    cortes["2021-T3"] = {m.codigo: ejec21.get(m.codigo) for m in p21}

    # ----- resources per meta and vigencia
    recursos: dict[tuple[str, int], int] = {}
    for m in metas:
        gestion = rng.random() < 0.15
        base = 0 if gestion else round(10 ** rng.uniform(6.9, 8.9), -4)
        for y in m.prog:
            recursos[(m.codigo, y)] = 0 if gestion else int(round(base * (0.4 if y == 2020 else rng.uniform(0.8, 1.2)), -4))

    # ----- write the avances, presupuesto and reprogramaciones
    (out / "avances" / "2021-T3").mkdir(parents=True)
    enc_av = ["Código meta", "Vigencia", "Ejecutado", "Observaciones", "Evidencia",
              "Recursos programados", "Recursos ejecutados"]
    fecha_corte = {1: "31 de marzo", 2: "30 de junio", 3: "30 de septiembre", 4: "31 de diciembre"}

    def filas_corte(corte: str) -> list[tuple[Meta, list]]:
        modelo_corte = corte_de(corte, cortes[corte])
        y = modelo_corte.vigencia
        r = random.Random(f"{SEED}-{corte}")
        res = []
        for codigo, e in cortes[corte].items():
            if e is None:
                continue
            m = por_codigo[codigo]
            resultado = meta_result(plan.metas[codigo], modelo_corte)
            obs = r.choice(OBS[resultado.estado])
            evid = None
            if e and r.random() < 0.55:
                evid = r.choice([
                    f"{DOMINIO}/Transparencia/Seguimiento/{corte}/{codigo}.pdf",
                    f"{DOMINIO}/noticias/{slugify(m.indicador)[:60].strip('-')}",
                    f"{DOMINIO}/MiMunicipio/Paginas/Galeria-{corte}-{codigo.replace('.', '-')}.aspx",
                ])
            rp = recursos.get((codigo, y), 0)
            c = resultado.cumplimiento
            re_ = int(round(rp * min(1.0, c * r.uniform(0.55, 0.95)
                                     * (0.6 + 0.4 * modelo_corte.share_of_year)), -3))
            res.append((m, [codigo, y, e, obs or None, evid, rp or None, re_ if rp else None]))
        return res

    # recursos ejecutados non-decreasing across cortes of a year
    previo: dict[tuple[str, int], int] = {}
    todas: dict[str, list[tuple[Meta, list]]] = {}
    for corte in CORTES:
        fs = filas_corte(corte)
        for m, f in fs:
            clave = (f[0], f[1])
            if f[6] is not None:
                f[6] = max(f[6], previo.get(clave, 0))
                previo[clave] = f[6]
        todas[corte] = fs

    for corte in CORTES:
        y, t = parse_corte_id(corte)
        titulos = ["Alcaldía Municipal de Sopó (Cundinamarca)",
                   f"Seguimiento al Plan Indicativo, corte {fecha_corte[t]} de {y}", ""]
        if corte == "2021-T3":
            deps = sorted({m.dependencia for m, _ in todas[corte]})
            for d in deps:
                fs = [f for m, f in todas[corte] if m.dependencia == d]
                wb = hoja(titulos[:2] + [f"Dependencia: {d}", ""], enc_av, fs, "Avances",
                          [12, 9, 11, 60, 70, 16, 16])
                (out / "avances" / corte / f"{slugify(d)}.xlsx").write_bytes(xlsx_bytes(wb))
        elif corte == "2021-T1":
            buf = io.StringIO()
            w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
            w.writerow(enc_av)
            for _, f in todas[corte]:
                w.writerow([f[0], f[1], num_co(f[2]), f[3] or "", f[4] or "",
                            miles(f[5]), miles(f[6])])
            (out / "avances" / f"{corte}.csv").write_bytes(buf.getvalue().encode("utf-8-sig"))
        else:
            wb = hoja(titulos, enc_av, [f for _, f in todas[corte]], "Avances",
                      [12, 9, 11, 60, 70, 16, 16])
            (out / "avances" / f"{corte}.xlsx").write_bytes(xlsx_bytes(wb))

    ceros_con_reporte = sorted(ceros21 - sinrep21)
    escribir_presupuesto(out, todas["2021-T3"], ceros_con_reporte, territorio)
    escribir_reprogramaciones(out, metas, cortes["2021-T3"])
    escribir_seguimiento(out, plan, cortes)
    (out / "README.md").write_text(README, encoding="utf-8")
    (out / "informes").mkdir()
    (out / "informes" / "2021-T3.md").write_text(CONCLUSIONES_2021_T3, encoding="utf-8")
    informe(out)


# ---------------------------------------------------------------------------------------------
# Added files: sector and territorio of the metas, presupuesto/2021-T3.xlsx and
# reprogramaciones.xlsx. Each draws from its own seeded generator, after everything above is
# decided, so the figures calibrated above do not move (only the reprogramaciones shift the
# 2021 figures, a little: the site uses the values in force).

SECTOR = {  # sector de inversión (DNP) by prospectiva, overridden for some apuestas
    "1.A": "Educación", "1.B": "Salud y protección social", "1.C": "Cultura",
    "1.D": "Deporte y recreación", "1.E": "Gobierno territorial", "1.F": "Gobierno territorial",
    "1.G": "Inclusión social y reconciliación", "1.H": "Inclusión social y reconciliación",
    "1.I": "Inclusión social y reconciliación", "1.I.2": "Cultura",
    "2.A": "Ambiente y desarrollo sostenible", "2.B": "Vivienda, ciudad y territorio",
    "2.C": "Gobierno territorial", "2.D": "Transporte", "2.E": "Vivienda, ciudad y territorio",
    "2.F": "Vivienda, ciudad y territorio", "2.F.2": "Minas y energía", "2.F.3":
    "Tecnologías de la información y las comunicaciones", "2.F.4": "Minas y energía",
    "2.F.5": "Minas y energía", "3.A": "Ciencia, tecnología e innovación",
    "3.B": "Tecnologías de la información y las comunicaciones",
    "3.C": "Comercio, industria y turismo", "3.D": "Comercio, industria y turismo",
    "3.E": "Agricultura y desarrollo rural", "3.E.2": "Ambiente y desarrollo sostenible",
    "3.F": "Trabajo", "3.F.2": "Salud y protección social", "4.A": "Gobierno territorial",
}
VEREDAS = ["Vereda Meusa", "Vereda La Diana", "Vereda Hato Grande", "Vereda Aposentos",
           "Vereda Gratamira", "Vereda Pueblo Viejo", "Vereda Centro Alto", "Vereda San Gabriel",
           "Vereda Bellavista", "Vereda Mercenario"]
OBRAS = ("Construir", "Adecuar", "Instalar", "Recuperar", "Sembrar", "Dotar", "Mejorar")
FUENTES = ["Recursos propios", "SGP", "SGR", "Cofinanciación", "Crédito"]
SGP_PRIMERO = ("1.A", "1.B", "1.C", "1.D", "2.E")  # prospectivas financed mostly by the SGP


def territorios(metas: list[Meta]) -> dict[str, str]:
    """Where some metas invest: the rural ones in a vereda, some works anywhere."""
    rng = random.Random(f"{SEED}-territorio")
    donde = {}
    for m in metas:
        texto = m.texto.lower()
        if "rural" in texto or "vereda" in texto:
            donde[m.codigo] = rng.choice(VEREDAS)
        elif m.texto.startswith(OBRAS) and rng.random() < 0.6:
            donde[m.codigo] = rng.choice(["Casco urbano"] * 4 + VEREDAS)
    return donde


def partes(total: int, pesos: list[float], redondeo: int) -> list[int]:
    """`total` split by `pesos` (summing 1), rounded; the first part takes the remainder."""
    resto = [int(round(total * w, redondeo)) for w in pesos[1:]]
    return [total - sum(resto)] + resto


def escribir_presupuesto(out: Path, filas_t3: list[tuple[Meta, list]], ceros: list[str],
                         territorio: dict[str, str]) -> None:
    """presupuesto/2021-T3.xlsx: the avances' money of each meta split by fuente, with what
    was committed; a few metas with nothing executed already have payments (anticipos)."""
    rng = random.Random(f"{SEED}-presupuesto")
    anticipos = set(rng.sample([c for c in ceros if any(m.codigo == c and f[5] for m, f in filas_t3)], 4))
    filas = []
    for m, f in filas_t3:
        programado, pagado = f[5], f[6] or 0
        if not programado:
            continue
        if m.codigo in anticipos:
            pagado = int(round(programado * rng.uniform(0.1, 0.3), -3))
        primera = "SGP" if m.pro in SGP_PRIMERO and rng.random() < 0.7 else "Recursos propios"
        otras = [x for x in FUENTES if x != primera]
        fuentes = [primera] + rng.sample(otras, rng.choice([0, 0, 0, 1, 1, 2]))
        cortes = sorted(rng.uniform(0.15, 0.85) for _ in fuentes[1:])
        pesos = [b - a for a, b in zip([0.0] + cortes, cortes + [1.0])]
        for fuente, prog, pag in zip(fuentes, partes(programado, pesos, -4), partes(pagado, pesos, -3)):
            comp = min(prog, max(pag, int(round(prog * rng.uniform(0.55, 1.0), -3))))
            lugar = None if m.codigo in territorio or rng.random() < 0.9 else rng.choice(VEREDAS)
            filas.append([m.codigo, 2021, fuente, prog, comp, pag, lugar])
    titulos = ["Alcaldía Municipal de Sopó (Cundinamarca)",
               "Ejecución presupuestal de inversión por meta, corte 30 de septiembre de 2021",
               "Fuente: Secretaría de Hacienda", ""]
    enc = ["Código meta", "Vigencia", "Fuente", "Programado", "Comprometido", "Pagado", "Territorio"]
    (out / "presupuesto").mkdir()
    wb = hoja(titulos, enc, filas, "Presupuesto", [12, 9, 18, 16, 16, 16, 20])
    (out / "presupuesto" / "2021-T3.xlsx").write_bytes(xlsx_bytes(wb))


def escribir_reprogramaciones(out: Path, metas: list[Meta], t3: dict[str, float | None]) -> None:
    """reprogramaciones.xlsx: PE-P-008 adjustments. Three metas lagging at 2021-T2 lower their
    2021 target (one moves the rest to 2022); two fulfilled ones widen their meta cuatrienio."""
    rng = random.Random(f"{SEED}-reprogramaciones")

    def entero(m: Meta, y: int) -> bool:
        return isinstance(m.prog.get(y), int) or float(m.prog.get(y, 0.5)).is_integer()

    base = [m for m in metas if m.tipo == "incremento" and m.unidad == "Número" and m.esc != "4"]
    rezagadas = [m for m in base if entero(m, 2021) and m.prog.get(2021, 0) >= 6
                 and t3.get(m.codigo) and 0 < t3[m.codigo] / m.prog[2021] < 0.5]
    cumplidas = [m for m in base if isinstance(m.m4, int) and t3.get(m.codigo)
                 and t3[m.codigo] >= m.prog.get(2021, 0) > 0]
    filas = []
    for i, m in enumerate(sorted(rng.sample(rezagadas, 3), key=lambda m: m.codigo)):
        antes = m.prog[2021]
        despues = max(int(t3[m.codigo]) + 1, int(round(antes * 0.6)))
        acto = f"Decreto 0{47 + i} de 2021"
        razon = ["El contrato se adjudicó en agosto; la meta del año se ajusta a lo que alcanza a ejecutarse",
                 "Las restricciones de aforo por la pandemia redujeron la capacidad de atención",
                 "El proyecto quedó a la espera de cofinanciación departamental"][i]
        fecha = dt.date(2021, 7, 20 + 5 * i)
        filas.append([m.codigo, fecha, "Programado 2021", antes, despues, razon, acto])
        if i == 0 and entero(m, 2022):
            traslado = m.prog.get(2022, 0) + antes - despues
            filas.append([m.codigo, fecha, "Programado 2022", m.prog.get(2022, 0), traslado,
                          "Lo que no se ejecuta en 2021 se traslada a 2022", acto])
    for i, m in enumerate(sorted(rng.sample(cumplidas, 2), key=lambda m: m.codigo)):
        filas.append([m.codigo, dt.date(2021, 3, 10 + 8 * i), "Meta cuatrienio", m.m4, m.m4 + m.prog[2021],
                      "La demanda superó lo previsto; la meta del cuatrienio se amplía con recursos del balance",
                      f"Decreto 0{18 + i} de 2021"])
    titulos = ["Alcaldía Municipal de Sopó (Cundinamarca)",
               "Reprogramación y ajuste de metas del Plan Indicativo (procedimiento PE-P-008)", ""]
    enc = ["Código meta", "Fecha", "Campo", "Valor anterior", "Valor nuevo", "Justificación", "Acto"]
    hoja_con_fechas(out / "reprogramaciones.xlsx", hoja(titulos, enc, filas, "Reprogramaciones", [12, 12, 18, 14, 14, 80, 22]),
                    len(titulos), 2, "yyyy-mm-dd")


def escribir_seguimiento(out: Path, plan, cortes: dict[str, dict[str, float | None]]) -> None:
    """seguimiento.xlsx: PE-P-004 step 8, the commitments of the dependencias for metas
    lagging at 2021-T2, checked at 2021-T3 (closing 2021-09-30): one met, one overdue with
    nobody saying it was met (vencido), one marked as not met, and a new commitment at
    2021-T3 for the overdue meta, still ahead (pendiente)."""
    rng = random.Random(f"{SEED}-seguimiento")
    t2, t3 = corte_de("2021-T2", cortes["2021-T2"]), corte_de("2021-T3", cortes["2021-T3"])

    def rezagada(codigo: str, corte: Corte) -> bool:
        return meta_result(plan.metas[codigo], corte).rezagada

    atrasadas = [c for c, m in plan.metas.items() if m.dependencia and rezagada(c, t2)]
    siguen = [c for c in atrasadas if rezagada(c, t3)]
    vencida, incumplida = rng.sample(siguen, 2)
    cumplida = rng.choice([c for c in atrasadas if c not in siguen])
    quien = {c: plan.metas[c].dependencia for c in (vencida, incumplida, cumplida)}
    filas = [
        [cumplida, "2021-T2", "El contrato de suministro se firmó tarde", "Entregar lo programado del semestre",
         quien[cumplida], dt.date(2021, 8, 31), "Sí"],
        [vencida, "2021-T2", "La licitación quedó desierta", "Adjudicar el contrato por contratación directa",
         quien[vencida], dt.date(2021, 9, 15), None],
        [incumplida, "2021-T2", "Faltó personal de apoyo", "Contratar dos profesionales de apoyo",
         quien[incumplida], dt.date(2021, 8, 15), "No"],
        [vencida, "2021-T3", "El contrato se adjudicó en septiembre", "Ejecutar el contrato y reportar el avance",
         quien[vencida], dt.date(2021, 11, 30), None],
    ]
    titulos = ["Alcaldía Municipal de Sopó (Cundinamarca)",
               "Seguimiento a compromisos de las metas rezagadas (procedimiento PE-P-004)", ""]
    enc = ["Código meta", "Corte", "Causa", "Compromiso", "Responsable", "Fecha compromiso", "Cumplido"]
    hoja_con_fechas(out / "seguimiento.xlsx", hoja(titulos, enc, filas, "Seguimiento", [12, 9, 45, 50, 35, 16, 10]),
                    len(titulos), 6, "dd/mm/yyyy")


def hoja_con_fechas(path: Path, wb, titulos: int, columna: int, formato: str) -> None:
    """Write `wb` (made by `hoja` with `titulos` title rows) with the dates of `columna`
    shown in `formato`."""
    for fila in wb.active.iter_rows(min_row=titulos + 2, min_col=columna, max_col=columna):
        fila[0].number_format = formato
    path.write_bytes(xlsx_bytes(wb))


def hash_det(codigo: str, y: int) -> int:
    return sum((i + 1) * ord(ch) for i, ch in enumerate(f"{codigo}/{y}"))


def num_co(x) -> str:
    """A number as a Colombian office writes it in a CSV: decimal comma, no grouping."""
    if x is None:
        return ""
    if isinstance(x, float) and x != int(x):
        return f"{x}".replace(".", ",")
    return str(int(x))


def miles(x) -> str:
    return "" if x is None else f"{int(x):,}".replace(",", ".")


def informe(out: Path) -> None:
    """The figures the site will publish, from the files written (generator.load and
    generator.compute: the reprogramaciones applied)."""
    plans, problems = load_data(out)
    if problems.has_errors:
        sys.exit("El plan de demostración no pasa la validación:\n" + "\n".join(map(str, problems)))
    resultados = compute_plan(plans[0])
    metas = resultados.plan.metas.values()
    print(f"Plan de demostración escrito: {len(metas)} metas.")
    tipos: dict[str, int] = {}
    for m in metas:
        tipos[m.tipo] = tipos.get(m.tipo, 0) + 1
    print("Tipos:", ", ".join(f"{k} {v}" for k, v in sorted(tipos.items())))
    for y in resultados.plan.years:
        print(f"Programadas en {y}: {sum(1 for m in metas if m.is_programmed(y))}")
    for vig in resultados.vigencias.values():
        plan = vig.nodes[ROOT]
        print(f"\n{vig.corte}: plan cumplimiento {plan.cumplimiento * 100:.2f} %, avance "
              f"{plan.avance * 100:.2f} de {plan.programado * 100:.0f} puntos")
        for raiz in resultados.plan.roots:
            n = vig.nodes[raiz.codigo]
            k = n.counts
            print(f"  escenario {n.codigo}: cumplimiento {n.cumplimiento * 100:.2f} %, programado "
                  f"{n.programado * 100:.2f}, avance {n.avance * 100:.2f} puntos; metas {k.total}, "
                  f"no programadas {k.no_programadas}, con avance {k.con_avance}, "
                  f"sin avance o sin reporte {k.sin_avance}")
    for vig in resultados.history:
        est: dict[str, int] = {}
        for r in vig.metas.values():
            est[r.estado] = est.get(r.estado, 0) + 1
        print(f"Estados {vig.corte}: " + ", ".join(f"{k} {est.get(k, 0)}" for k in ESTADOS))
    ultimo = resultados.current
    por_tipo: dict[tuple[str, str], int] = {}
    for m in metas:
        clave = (m.tipo, ultimo.metas[m.codigo].estado)
        por_tipo[clave] = por_tipo.get(clave, 0) + 1
    print(f"{ultimo.corte} por tipo y estado: "
          + "; ".join(f"{t}/{e} {n}" for (t, e), n in sorted(por_tipo.items())))


# The office's conclusions for the council report of 2021-T3 (informes/2021-T3.md), in the
# spirit of the real report's; Markdown with bold, italic and links only.
CONCLUSIONES_2021_T3 = """\
Texto de demostración: la oficina de planeación escribe aquí sus conclusiones y
recomendaciones para el concejo, en un archivo por corte: informes/2021-T3.md.

Faltando tres meses para terminar la vigencia, varias dependencias han reprogramado la
ejecución de sus metas para el último trimestre. **Sin una gestión adecuada de los recursos
físicos y financieros, el plan cerraría el año con una ejecución baja** frente a lo programado.

Se recomienda que cada secretaría y oficina detalle la programación de sus actividades y de
sus proyectos de inversión, y revise con la oficina de planeación las metas *sin avance* antes
del próximo corte.

Estos informes deben servir a las dependencias como herramienta de gestión, en sintonía con el
plan de desarrollo, los planes sectoriales y las políticas públicas.
"""


README = """\
# Plan de demostración: Sopó es nuestro tiempo 2020-2023

Estos archivos muestran cómo funciona la herramienta con un plan de tamaño real.

- **La estructura es real**: los 4 escenarios de cambio, las 22 prospectivas, los 67
  escenarios de apuesta, sus nombres, el peso de cada escenario de cambio (46,2 %, 29,1 %,
  16,9 % y 7,8 %) y el número de metas de cada escenario de apuesta (477 en total) son los del
  Plan de Desarrollo Municipal de Sopó (Acuerdo 009 de 2020), según el informe de seguimiento
  del tercer trimestre de 2021 publicado por la Alcaldía.
- **Las cifras son de demostración**: el texto de cada meta, sus indicadores, la programación
  anual, las dependencias, los avances, los recursos, las observaciones y los enlaces de
  evidencia son inventados. No los cite como datos del municipio.

Los resultados del corte 2021-T3 se ajustaron para parecerse a los que publicó el informe real
(cumplimiento de la vigencia 2021 cercano al 62,6 %; escenarios alrededor de 67,8 %, 51,5 %,
63,9 % y 74,2 %), y el número de metas programadas, con avance y sin avance de cada escenario
coincide con el del informe.

| archivo | qué es |
|---|---|
| `plan.yml` | el plan: niveles, pesos, rangos y estructura |
| `metas.xlsx` | el Plan Indicativo: una fila por meta (hoja "Plan Indicativo") |
| `avances/2020-T3.xlsx`, `avances/2020-T4.xlsx` | avances de 2020 (el plan se adoptó en mayo de 2020) |
| `avances/2021-T1.csv` | avances del primer trimestre de 2021, en CSV con `;` y coma decimal |
| `avances/2021-T2.xlsx` | avances del segundo trimestre de 2021 |
| `avances/2021-T3/` | avances del tercer trimestre de 2021: un archivo por dependencia |
| `presupuesto/2021-T3.xlsx` | ejecución presupuestal del tercer trimestre de 2021 por meta y fuente de recursos |
| `reprogramaciones.xlsx` | ajustes a metas (procedimiento PE-P-008), con justificación y decreto |
| `seguimiento.xlsx` | compromisos de las dependencias por metas rezagadas (procedimiento PE-P-004): uno cumplido, uno vencido, uno no cumplido y uno pendiente |
| `informes/2021-T3.md` | conclusiones y recomendaciones de la oficina para el informe al concejo del corte 2021-T3 |

`metas.xlsx` trae además las columnas Sector (sector de inversión) y Territorio (la vereda o el
casco urbano donde se invierte, cuando aplica). Las cifras del sitio usan los valores vigentes
después de las reprogramaciones; el plan original sigue visible en cada meta.

Todo se genera con `scripts/make_demo_data.py` (con una semilla fija: al repetirlo se
obtienen exactamente los mismos archivos):

```bash
.venv/bin/python scripts/make_demo_data.py
```

No edite estos archivos a mano: cambie el script y vuelva a ejecutarlo.
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / "data",
                    help="carpeta donde se escribe sopo/ (por omisión, data/ del repositorio)")
    args = ap.parse_args(argv)
    generar(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
