"""The site's search index, completed after MkDocs: the generated pages and the vocabulary.

What a reader types is not always what the plan says: "carreteras" for "malla vial",
"hospital" for "salud" or "ESE". The search worker
(docs/assets/javascripts/workers/buscar.js) reads `config.sinonimos` in the index and adds
the words listed for a query word to the query; it normalizes both sides as it
normalizes the index (accents folded, plurals), and follows a listed word that has a
list of its own (carreteras -> vías -> malla vial).

The vocabulary is this default one plus the `sinonimos` key of each plan's plan.yml
(validated in validate/plan_yml.py): a plan's list for a word is added after the
default's. The site has one search, so the plans' vocabularies are merged.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.model import Plan

INDEX = Path("search") / "search_index.json"

DEFAULT_SINONIMOS: dict[str, list[str]] = {
    "vías": ["malla vial", "vial", "pavimentación"],
    "carreteras": ["vías", "carretera"],
    "calles": ["vías", "andenes"],
    "colegio": ["institución educativa", "escuela"],
    "escuela": ["institución educativa", "colegio"],
    "hospital": ["salud", "ESE"],
    "médico": ["salud", "ESE"],
    "agua": ["acueducto", "alcantarillado"],
    "basura": ["residuos", "aseo", "reciclaje"],
    "policía": ["seguridad", "convivencia"],
    "niños": ["niñez", "infancia"],
    "jóvenes": ["juventud"],
    "ancianos": ["adulto mayor", "persona mayor"],
    "empleo": ["trabajo", "emprendimiento"],
    "parques": ["espacio público", "recreación"],
}


def search_vocabulary(plans: list[Plan]) -> dict[str, list[str]]:
    """The default vocabulary with every plan's, word by word, each word listed once."""
    merged = {word: list(words) for word, words in DEFAULT_SINONIMOS.items()}
    for plan in plans:
        for word, words in plan.sinonimos.items():
            listed = merged.setdefault(word, [])
            listed.extend(w for w in words if w not in listed)
    return dict(sorted(merged.items()))


def write_search_index(site_dir: Path, vocabulary: dict[str, list[str]], entries: Path) -> None:
    """Complete the search index MkDocs wrote: the generated pages' entries (made
    while they were written, write/search_entries.py) after those of the pages
    Material's plugin indexed, and `sinonimos` in its `config` (Material's page passes
    the worker the index's config and docs, nothing else). The index is rewritten
    with its accents as UTF-8, not \\u escapes: smaller."""
    path = site_dir / INDEX
    index = json.loads(path.read_text(encoding="utf-8"))
    index["config"]["sinonimos"] = vocabulary
    index["docs"].extend(json.loads(entries.read_text(encoding="utf-8")))
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
