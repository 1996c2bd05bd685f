"""One owner for the palette (issue 9): render/palette.py holds every colour the
charts and pages use; no other render module writes one."""

from __future__ import annotations

import re
from pathlib import Path

from generator.render import palette

RENDER = Path(__file__).resolve().parent.parent / "generator" / "render"
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def test_no_render_module_but_the_palette_writes_a_colour():
    found = {p.name: HEX.findall(p.read_text(encoding="utf-8"))
             for p in RENDER.rglob("*.py") if p.name != "palette.py"}
    assert {name: colours for name, colours in found.items() if colours} == {}


def test_every_colour_is_rrggbb():
    colours = [v for k, v in vars(palette).items() if k.isupper() and isinstance(v, str)]
    colours += [c for c in palette.ESTADO.values() if c] + palette.LINES
    assert colours and all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)
