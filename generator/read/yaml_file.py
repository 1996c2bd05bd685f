"""Read plan.yml keeping the line of every key, so messages say "línea 12, clave
estructura[0].peso". Anchors and aliases are refused: the contract does not need them
and they are the way to a "billion laughs" document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.read.safety import FileRefused, check_text, decode_utf8

# libyaml when available: ten times faster on a plan with thousands of nodes.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 40

Key = str | int
KeyPath = tuple[Key, ...]


@dataclass
class YamlDoc:
    data: object
    file: str
    lines: dict[KeyPath, int] = field(default_factory=dict)  # key path -> 1-based line

    def line(self, path: KeyPath) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def key_path(path: KeyPath) -> str:
    """("estructura", 0, "peso") -> "estructura[0].peso"."""
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text


def parse_key_path(text: str) -> KeyPath:
    """"estructura[0].peso" -> ("estructura", 0, "peso"), the inverse of key_path.

    >>> parse_key_path("mapeo.niveles[0].codigo")
    ('mapeo', 'niveles', 0, 'codigo')
    """
    path: list[Key] = []
    for part in text.split("."):
        name, *indexes = part.split("[")
        if name:
            path.append(name)
        path.extend(int(i.rstrip("]")) for i in indexes if i.rstrip("]").isdigit())
    return tuple(path)


class YamlProblem(FileRefused):
    """A document that does not parse; `line` is 1-based when known."""

    def __init__(self, codigo: str, message: str, line: int | None = None):
        super().__init__(codigo, message)
        self.line = line


def read_yaml(path: Path, display: str) -> YamlDoc:
    """Raises YamlProblem (a FileRefused) when the file is not readable YAML."""
    text = decode_utf8(check_text(path), "guárdelo con codificación UTF-8")
    loader = _Loader(text)
    try:
        _check_depth(text)
        node = loader.get_single_node()
        if node is None:
            raise YamlProblem("archivo-vacio", "el archivo no tiene contenido")
        lines: dict[KeyPath, int] = {}
        _record_lines(node, (), lines, set())
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        codigo, message = _explain(text, line)
        raise YamlProblem(codigo, message, line) from exc
    except yaml.YAMLError as exc:
        raise YamlProblem("yaml-no-valido", "no es un YAML válido") from exc
    finally:
        loader.dispose()
    return YamlDoc(data=data, file=display, lines=lines)


def _check_depth(text: str) -> None:
    """Refuse deep nesting before composing: the composer recurses and would crash."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem("yaml-muy-anidado", f"tiene más de {MAX_DEPTH} niveles de listas o claves anidadas", event.start_mark.line + 1)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def _explain(text: str, line: int | None) -> tuple[str, str]:
    """The code and message of a syntax error at `line`."""
    lines = text.splitlines()
    if line is not None and 0 < line <= len(lines) and "\t" in lines[line - 1]:
        return "yaml-tabulador", "hay un tabulador; use espacios para la sangría"
    return "yaml-no-valido", "no es un YAML válido cerca de esta línea (revise la sangría, los dos puntos y las comillas)"


def _record_lines(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], seen: set[int]) -> None:
    if id(node) in seen:
        raise YamlProblem("yaml-anclas", "usa anclas o alias de YAML (& o *), que no se admiten", node.start_mark.line + 1)
    seen.add(id(node))
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in keys:
                raise YamlProblem("clave-repetida", f'la clave "{key}" está repetida', key_node.start_mark.line + 1)
            keys.add(key)
            _record_lines(value_node, path + (key,), lines, seen)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), lines, seen)
