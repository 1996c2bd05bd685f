"""plan.yml to the plan's header and tree, every problem at its line and key path."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from generator.model import DEFAULT_RANGOS, METODOS, ROOT, Firma, Metodo, Node, Rango
from generator.problems import Problems, number_text
from generator.read.cells import (
    INVISIBLE_DROPPED,
    CellError,
    has_invisible,
    parse_code,
    parse_number,
    parse_positive,
    parse_text,
    parse_year,
)
from generator.read.yaml_file import KeyPath, YamlDoc, key_path

MAX_NIVELES = 5
MAX_YEARS = 20
PLAN_KEYS = {
    "nombre", "entidad", "periodo", "demo", "niveles", "vigencias", "rangos", "estructura",
    "licencia", "descripcion", "hojas", "mapeo", "oficina", "sinonimos", "cuatrienio", "pesos",
    "decreto_seguimiento", "firma", "grupo",
}
# Where the nodes' pesos come from (plan.yml `pesos`): the estructura, or the count of metas.
PESOS = ("estructura", "por_conteo")
FIRMA_KEYS = ("nombre", "cargo")
NODE_KEYS = {"codigo", "nombre", "peso", "descripcion", "hijos"}
RANGO_KEYS = {"nombre", "desde", "color"}
_HTML_TAG = re.compile(r"<[a-zA-Z/!?]")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")

@dataclass
class PlanYaml:
    """plan.yml with the problems found in it, each at its line and key path."""

    doc: YamlDoc
    problems: Problems

    def error(self, codigo: str, path: KeyPath, message: str, value: object = None) -> None:
        self.problems.error(codigo, self.doc.file, message, row=self.doc.line(path), column=key_path(path) or None,
                            value=value)

    def warn(self, codigo: str, path: KeyPath, message: str, value: object = None) -> None:
        self.problems.warn(codigo, self.doc.file, message, row=self.doc.line(path), column=key_path(path) or None,
                           value=value)

    def parsed(self, path: KeyPath, value: object, parse: Callable) -> object:
        try:
            return parse(value)
        except CellError as exc:
            self.error(exc.codigo, path, exc.message, value=value)
            return None

    def text(self, path: KeyPath, value: object, required: bool = False, html: bool = False) -> str:
        """The text at `path` (INVISIBLE characters dropped, with an aviso); a required
        one that is missing or blank is an error, because what it names would vanish."""
        if isinstance(value, (dict, list)):
            self.error("valor-no-valido", path, "se esperaba un texto, no una lista ni un grupo de claves")
            return ""
        text = parse_text(value)
        if not text:
            if required and (value is None or value == ""):
                self.error("clave-faltante", path, "falta; se esperaba un texto")
            elif required:
                self.error("texto-en-blanco", path, "está en blanco; se esperaba un texto", value=value)
            return ""
        if has_invisible(value):
            self.warn("texto-invisible", path, INVISIBLE_DROPPED, value=value)
        if html and _HTML_TAG.search(text):
            self.error("contiene-html", path, "contiene HTML; se esperaba texto o Markdown sin etiquetas como <b> o <script>")
        return text


@dataclass
class Header:
    nombre: str
    entidad: str
    periodo: tuple[int, int]
    niveles: list[str]
    vigencias: dict[int, float]
    rangos: list[Rango]
    demo: bool
    licencia: str
    descripcion: str
    sinonimos: dict[str, list[str]]
    oficina: str
    cuatrienio: Metodo
    pesos: str  # one of PESOS
    decreto_seguimiento: str = ""
    firma: Firma | None = None
    grupo: str = ""


def plan_header(y: PlanYaml) -> Header | None:
    data = y.doc.data
    for key in sorted(set(data) - PLAN_KEYS, key=str):
        y.warn("clave-desconocida", (str(key),), f"clave desconocida, se ignora; las claves de plan.yml son: {', '.join(sorted(PLAN_KEYS))}")
    for key in ("nombre", "periodo", "niveles") + (() if _mapped_tree(data) else ("estructura",)):
        if key not in data:
            y.error("clave-faltante", (), f'falta la clave "{key}", que es obligatoria')
    nombre = y.text(("nombre",), data.get("nombre"), required="nombre" in data)
    periodo = _periodo(y, data.get("periodo")) if "periodo" in data else None
    niveles = _niveles(y, data.get("niveles")) if "niveles" in data else None
    header = Header(
        nombre=nombre,
        entidad=y.text(("entidad",), data.get("entidad")),
        periodo=periodo or (0, 0),
        niveles=niveles or [],
        vigencias=_vigencias(y, data.get("vigencias"), periodo),
        rangos=_rangos(y, data.get("rangos")),
        demo=_flag(y, ("demo",), data.get("demo", False)),
        licencia=y.text(("licencia",), data.get("licencia")) or "CC BY 4.0",
        descripcion=y.text(("descripcion",), data.get("descripcion"), html=True),
        sinonimos=_sinonimos(y, data.get("sinonimos")),
        oficina=y.text(("oficina",), data.get("oficina")),
        cuatrienio=_choice(y, "cuatrienio", METODOS,
                           "por_vigencias (el avance de cada vigencia sumado según su peso, lo usual) o "
                           "meta_cuatrienio (cada meta frente a su meta del cuatrienio)"),
        pesos=_choice(y, "pesos", PESOS,
                      "estructura (los pesos escritos en cada nodo de la estructura, lo usual) o por_conteo "
                      "(cada nodo pesa el número de metas que tiene)"),
        decreto_seguimiento=y.text(("decreto_seguimiento",), data.get("decreto_seguimiento")),
        firma=_firma(y, data.get("firma")),
        grupo=y.text(("grupo",), data.get("grupo")),
    )
    _check_hojas(y, data.get("hojas"))
    return header if nombre and periodo and niveles else None


def _periodo(y: PlanYaml, value: object) -> tuple[int, int] | None:
    path = ("periodo",)
    if not isinstance(value, list) or len(value) != 2:
        y.error("periodo-no-valido", path, "se esperaban dos años, el primero y el último del plan, p. ej. [2020, 2023]", value=value)
        return None
    years = [y.parsed(path + (i,), v, parse_year) for i, v in enumerate(value)]
    if None in years:
        return None
    start, end = years
    if start > end:
        y.error("periodo-no-valido", path, "el primer año es posterior al último; se esperaba, p. ej., [2020, 2023]", value=value)
        return None
    if end - start + 1 > MAX_YEARS:
        y.error("periodo-no-valido", path, f"el periodo tiene más de {MAX_YEARS} años", value=value)
        return None
    return start, end


def _niveles(y: PlanYaml, value: object) -> list[str] | None:
    path = ("niveles",)
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_NIVELES:
        y.error("valor-no-valido", path, f"se esperaba una lista de 1 a {MAX_NIVELES} nombres de nivel, del más alto al más bajo")
        return None
    names = [y.text(path + (i,), v, required=True) for i, v in enumerate(value)]
    return names if all(names) else None


def _vigencias(y: PlanYaml, value: object, periodo: tuple[int, int] | None) -> dict[int, float]:
    years = list(range(periodo[0], periodo[1] + 1)) if periodo else []
    if value is None:
        return {year: 1.0 for year in years}
    path = ("vigencias",)
    if not isinstance(value, dict):
        y.error("valor-no-valido", path, "se esperaba el peso de cada año, p. ej. {2020: 10, 2021: 30}")
        return {}
    weights: dict[int, float] = {}
    for key, weight in value.items():
        year = y.parsed(path + (str(key),), key, parse_year)
        peso = y.parsed(path + (str(key),), weight, parse_positive)
        if year is None or peso is None:
            continue
        if years and year not in years:
            y.error("vigencia-fuera-de-periodo", path + (str(key),), f"la vigencia está fuera del periodo del plan ({years[0]}-{years[-1]})", value=key)
        weights[year] = peso
    for year in years:
        if year not in weights and not any(str(k) == str(year) for k in value):
            y.error("clave-faltante", path, f"falta el peso de la vigencia {year}; se esperaba un peso para cada año del periodo")
    return weights


def _rangos(y: PlanYaml, value: object) -> list[Rango]:
    if value is None:
        return list(DEFAULT_RANGOS)
    path = ("rangos",)
    if not isinstance(value, list) or not value:
        y.error("valor-no-valido", path, "se esperaba una lista de rangos con nombre, desde y color")
        return list(DEFAULT_RANGOS)
    rangos = [r for i, item in enumerate(value) if (r := _rango(y, path + (i,), item))]
    desdes = [r.desde for r in rangos]
    if len(rangos) == len(value) and 0 not in desdes:
        y.error("rangos-no-validos", path, "falta un rango con desde: 0; se esperaba que el rango más bajo empiece en 0")
    for repeated in sorted({d for d in desdes if desdes.count(d) > 1}):
        y.error("rangos-no-validos", path, f"hay dos rangos con desde: {number_text(repeated)}; se esperaba un valor distinto en cada uno")
    return sorted(rangos, key=lambda r: r.desde, reverse=True)


def _rango(y: PlanYaml, path: KeyPath, item: object) -> Rango | None:
    if not isinstance(item, dict):
        y.error("valor-no-valido", path, "se esperaba un rango con nombre, desde y color, p. ej. {nombre: Bajo, desde: 0, color: \"#b3261e\"}")
        return None
    for key in sorted(set(map(str, item)) - RANGO_KEYS):
        y.warn("clave-desconocida", path + (key,), "clave desconocida en un rango, se ignora")
    nombre = y.text(path + ("nombre",), item.get("nombre"), required=True)
    desde = y.parsed(path + ("desde",), item.get("desde"), parse_number)
    if desde is None and item.get("desde") is None:
        y.error("clave-faltante", path + ("desde",), "falta; se esperaba un porcentaje de 0 a 100")
    elif desde is not None and not 0 <= desde <= 100:
        y.error("valor-no-valido", path + ("desde",), "se esperaba un porcentaje de 0 a 100", value=item.get("desde"))
        desde = None
    color = str(item.get("color") or "")
    if not _COLOR.fullmatch(color):
        y.error("valor-no-valido", path + ("color",), 'se esperaba un color como "#1b7f3b" (numeral y seis cifras hexadecimales)', value=color)
    if nombre and desde is not None and _COLOR.fullmatch(color):
        return Rango(nombre, desde, color.lower())
    return None


def _firma(y: PlanYaml, value: object) -> Firma | None:
    """Who signs the council report: both the name and the role, or no signature."""
    if value is None:
        return None
    path = ("firma",)
    if not isinstance(value, dict):
        y.error("valor-no-valido", path, 'se esperaba el nombre y el cargo de quien firma el informe, '
                'p. ej. {nombre: "Ana Pérez", cargo: "Secretaria de Planeación"}')
        return None
    for key in sorted(set(map(str, value)) - set(FIRMA_KEYS)):
        y.warn("clave-desconocida", path + (key,), f"clave desconocida en la firma, se ignora; se esperaba: {', '.join(FIRMA_KEYS)}")
    nombre, cargo = (y.text(path + (key,), value.get(key), required=True) for key in FIRMA_KEYS)
    return Firma(nombre, cargo) if nombre and cargo else None


def _sinonimos(y: PlanYaml, value: object) -> dict[str, list[str]]:
    """The search vocabulary: a word a reader may type, and the words or phrases the
    search also looks for. A synonym only widens search, so a faulty one is an aviso
    and is left out; the rest of the vocabulary stays."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        y.warn("sinonimo-no-valido", ("sinonimos",), 'se esperaba un grupo de palabras, cada una con su lista, p. ej. "vías: [malla vial, carreteras]"; se ignora')
        return {}
    vocabulary: dict[str, list[str]] = {}
    for key, alternatives in value.items():
        path = ("sinonimos", str(key))
        word = parse_text(key) if isinstance(key, (str, int)) else ""
        if not word or len(word.split()) != 1:
            y.warn("sinonimo-no-valido", path, "se esperaba una sola palabra antes de los dos puntos; se ignora", value=key)
            continue
        if isinstance(alternatives, str):
            alternatives = [alternatives]
        if not isinstance(alternatives, list) or not alternatives:
            y.warn("sinonimo-no-valido", path, f'se esperaba la lista de palabras que también se buscan, p. ej. "{word}: [otra palabra, otra frase]"; se ignora', value=alternatives)
            continue
        words = []
        for i, alternative in enumerate(alternatives):
            text = parse_text(alternative) if isinstance(alternative, (str, int)) else ""
            if not text:
                y.warn("sinonimo-no-valido", path + (i,), "se esperaba una palabra o frase; se ignora", value=alternative)
            elif text.casefold() != word.casefold():
                words.append(text)
        if words:
            vocabulary[word] = words
    return vocabulary


def _flag(y: PlanYaml, path: KeyPath, value: object) -> bool:
    if isinstance(value, bool):
        return value
    y.error("valor-no-valido", path, "se esperaba true o false", value=value)
    return False


def _choice(y: PlanYaml, key: str, choices: tuple[str, ...], expected: str) -> str:
    """The word plan.yml gives at `key`, one of `choices` (the first, the default, when
    absent or not one of them, with a located error in that case)."""
    value = y.doc.data.get(key, choices[0])
    if isinstance(value, str) and value.strip() in choices:
        return value.strip()
    y.error("valor-no-valido", (key,), f"se esperaba {expected}", value=value)
    return choices[0]


def _check_hojas(y: PlanYaml, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        y.error("valor-no-valido", ("hojas",), 'se esperaba el nombre de la hoja de cada archivo, p. ej. {metas: "Plan Indicativo"}')
        return
    for key, sheet in value.items():
        if str(key) not in ("metas", "avances"):
            y.warn("clave-desconocida", ("hojas", str(key)), "clave desconocida, se ignora; se esperaba metas o avances")
        elif not isinstance(sheet, str) or not sheet.strip():
            y.error("valor-no-valido", ("hojas", str(key)), "se esperaba el nombre de una hoja, entre comillas", value=sheet)


def sheet_for(plan_yml: object, kind: str) -> str | None:
    """The sheet plan.yml names for "metas" or "avances", if it names a valid one."""
    hojas = plan_yml.get("hojas") if isinstance(plan_yml, dict) else None
    sheet = hojas.get(kind) if isinstance(hojas, dict) else None
    return sheet if isinstance(sheet, str) and sheet.strip() else None


# ---------------------------------------------------------------- the tree


@dataclass
class Tree:
    roots: list[Node] = field(default_factory=list)
    nodes: dict[str, Node] = field(default_factory=dict)
    paths: dict[str, KeyPath] = field(default_factory=dict)


def _mapped_tree(data: dict) -> bool:
    """The mapping builds estructura from the workbook (mapeo.niveles); when it could
    not, the mapping's own problems say why."""
    mapeo = data.get("mapeo")
    return isinstance(mapeo, dict) and mapeo.get("niveles") is not None


def plan_tree(y: PlanYaml, niveles: list[str]) -> Tree:
    tree = Tree()
    estructura = y.doc.data.get("estructura")
    if not estructura and _mapped_tree(y.doc.data):
        return tree  # no node could be read from the workbook: its rows' problems say why
    if not isinstance(estructura, list) or not estructura:
        y.error("valor-no-valido", ("estructura",), "se esperaba una lista de nodos con codigo, nombre e hijos")
        return tree
    tree.roots = _nodes(y, tree, niveles, estructura, ("estructura",), None)
    return tree


def _nodes(y: PlanYaml, tree: Tree, niveles: list[str], items: list, path: KeyPath, parent: Node | None) -> list[Node]:
    depth = parent.nivel + 1 if parent else 0
    nodes = []
    for index, item in enumerate(items):
        here = path + (index,)
        if not isinstance(item, dict):
            y.error("valor-no-valido", here, "se esperaba un nodo con codigo, nombre e hijos")
            continue
        node = _node(y, tree, item, here, depth, parent)
        if node is None:
            continue
        nodes.append(node)
        hijos = item.get("hijos")
        if _depth_ok(y, niveles, node, hijos, here):
            node.children = _nodes(y, tree, niveles, hijos, here + ("hijos",), node) if hijos else []
    return nodes


def _node(y: PlanYaml, tree: Tree, item: dict, path: KeyPath, depth: int, parent: Node | None) -> Node | None:
    for key in sorted(set(map(str, item)) - NODE_KEYS):
        y.warn("clave-desconocida", path + (key,), f"clave desconocida en un nodo, se ignora; se esperaba una de: {', '.join(sorted(NODE_KEYS))}")
    codigo = _node_code(y, path + ("codigo",), item.get("codigo"))
    nombre = y.text(path + ("nombre",), item.get("nombre"), required=True)
    peso = y.parsed(path + ("peso",), item.get("peso"), parse_positive)
    descripcion = y.text(path + ("descripcion",), item.get("descripcion"), html=True)
    if codigo is None:
        return None
    if codigo.upper() == ROOT:
        y.error("codigo-reservado", path + ("codigo",), f'"{ROOT}" es un código reservado para el plan completo; use otro código')
        return None
    if codigo in tree.nodes:
        first = y.doc.line(tree.paths[codigo] + ("codigo",))
        y.error("codigo-repetido", path + ("codigo",), f"el código está repetido (ya lo usa el nodo de la línea {first})", value=codigo)
        return None
    node = Node(
        codigo=codigo, nombre=nombre, nivel=depth, peso=1.0 if peso is None else peso,
        descripcion=descripcion, codigo_padre=parent.codigo if parent else None,
    )
    tree.nodes[codigo], tree.paths[codigo] = node, path
    return node


def _node_code(y: PlanYaml, path: KeyPath, value: object) -> str | None:
    if isinstance(value, float):
        y.error("codigo-convertido-en-numero", path, 'YAML lo leyó como un número decimal; escriba el código entre comillas, p. ej. codigo: "1.10"', value=value)
        return None
    if isinstance(value, (dict, list)):
        y.error("celda-no-codigo", path, "se esperaba un código como texto, p. ej. \"1.A\"")
        return None
    code = y.parsed(path, value, parse_code)
    if not code:
        y.error("clave-faltante", path, "falta el código del nodo; se esperaba un texto, p. ej. \"1.A\"")
    return code or None


def _depth_ok(y: PlanYaml, niveles: list[str], node: Node, hijos: object, path: KeyPath) -> bool:
    """Every branch has exactly len(niveles) levels; metas hang from the last one."""
    last = len(niveles) - 1
    if hijos is not None and not isinstance(hijos, list):
        y.error("valor-no-valido", path + ("hijos",), "se esperaba una lista de nodos")
        return False
    if node.nivel < last and not hijos:
        y.error("niveles-no-coinciden", path, f'el nodo {node.codigo} es del nivel "{niveles[node.nivel]}" y no tiene hijos; '
                f"se esperaban {len(niveles)} niveles ({', '.join(niveles)}) en cada rama")
        return False
    if node.nivel >= last and hijos:
        y.error("niveles-no-coinciden", path + ("hijos",), f'el nodo {node.codigo} es del último nivel ("{niveles[last]}") y no puede tener hijos; '
                f"plan.yml declara {len(niveles)} niveles en niveles")
        return False
    return True



def weigh_by_count(y: PlanYaml, tree: Tree) -> None:
    """`pesos: por_conteo`: each node weighs, among its siblings, the number of metas under
    it (as offices that give every meta the same weight do). A peso written in the
    estructura is then not used, with an aviso. Siblings with no meta at all (their
    parent weighs nothing either) keep equal pesos."""
    counts: dict[str, int] = {}

    def count(node: Node) -> int:
        counts[node.codigo] = len(node.metas) + sum(count(child) for child in node.children)
        return counts[node.codigo]

    for root in tree.roots:
        count(root)
    for codigo, path in tree.paths.items():
        if path + ("peso",) in y.doc.lines:
            y.warn("peso-no-usado", path + ("peso",),
                   f"el nodo {codigo} pesa el número de sus metas ({counts[codigo]}) porque plan.yml dice "
                   "pesos: por_conteo; este peso no se usa", value=number_text(tree.nodes[codigo].peso))
    for siblings in [tree.roots] + [node.children for node in tree.nodes.values()]:
        total = sum(counts[node.codigo] for node in siblings)
        for node in siblings:
            node.peso = float(counts[node.codigo]) if total else 1.0


def warn_empty_leaves(y: PlanYaml, tree: Tree) -> None:
    for codigo, node in tree.nodes.items():
        if node.is_leaf and not node.metas:
            y.warn("nodo-sin-metas", tree.paths[codigo], f"el nodo {codigo} no tiene metas en el archivo de metas")
