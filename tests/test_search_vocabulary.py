"""The search vocabulary (issue 10): `sinonimos` in plan.yml, validated with located
avisos, merged with the shipped default and written into the search index."""

from __future__ import annotations

import json

from generator.write.search_index import DEFAULT_SINONIMOS, INDEX, search_vocabulary, write_search_index
from tests.corpus.plans import PLAN_YML, load, located

YML = "data/prueba/plan.yml"


def with_sinonimos(block: str) -> str:
    return PLAN_YML + "sinonimos:\n" + block


def test_a_plans_synonyms_are_read_and_added_to_the_default_vocabulary(tmp_path):
    plan, found = load(tmp_path, plan_yml=with_sinonimos("  vías: [placa huella, vías]\n  acueducto: alcantarillado\n"))
    assert found == []
    assert plan.sinonimos == {"vías": ["placa huella"], "acueducto": ["alcantarillado"]}
    vocabulary = search_vocabulary([plan])
    assert vocabulary["vías"] == DEFAULT_SINONIMOS["vías"] + ["placa huella"]
    assert vocabulary["acueducto"] == ["alcantarillado"]
    assert list(vocabulary) == sorted(vocabulary)


def test_faulty_synonyms_are_avisos_at_their_line_and_the_rest_is_kept(tmp_path):
    block = "  malla vial: [vías]\n  colegio: []\n  salud: [ESE, [hospital]]\n  agua: acueducto\n"
    found = located(tmp_path, plan_yml=with_sinonimos(block))
    lines = len(PLAN_YML.splitlines())
    assert ("sinonimo-no-valido", YML, None, lines + 2, "sinonimos.malla vial") in found
    assert ("sinonimo-no-valido", YML, None, lines + 3, "sinonimos.colegio") in found
    assert ("sinonimo-no-valido", YML, None, lines + 4, "sinonimos.salud[1]") in found
    assert len(found) == 3
    plan, messages = load(tmp_path, plan_yml=with_sinonimos(block))
    assert plan is not None and plan.sinonimos == {"salud": ["ESE"], "agua": ["acueducto"]}
    assert any("sinonimos.malla vial" in m and "una sola palabra" in m for m in messages)


def test_synonyms_that_are_not_a_group_of_words_are_one_aviso(tmp_path):
    found = located(tmp_path, plan_yml=with_sinonimos("  - vías\n"))
    assert [f[0] for f in found] == ["sinonimo-no-valido"]


def test_the_vocabulary_and_the_generated_pages_go_into_the_index_with_accents_as_utf8(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / INDEX).write_text('{"config":{"lang":["es"]},"docs":[{"title":"V\\u00edas"}]}', encoding="utf-8")
    entries = tmp_path / "busqueda.json"
    entries.write_text('[{"location":"sopo/","title":"Sop\\u00f3","text":""}]', encoding="utf-8")
    write_search_index(tmp_path, {"vías": ["malla vial"]}, entries)
    text = (tmp_path / INDEX).read_text(encoding="utf-8")
    assert json.loads(text) == {"config": {"lang": ["es"], "sinonimos": {"vías": ["malla vial"]}},
                                "docs": [{"title": "Vías"}, {"location": "sopo/", "title": "Sopó", "text": ""}]}
    assert "\\u" not in text
