"""The coder's layers (:mod:`entente.coding.layers`) and what the packaged pipeline codes with them.

Small rule tables and verb dictionaries are written here; the packaged ones are used
through ``default_lexicon`` and ``extract_documents``. Every sentence was written for
these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from entente.coding import ontology
from entente.coding.coder import Context, build_sides, code_events
from entente.coding.layers import (
    DictionaryLayer, Lexicon, default_lexicon, dictionary_layer, known_code, layer_settings, rule_layer,
)
from entente.extract import extract_documents
from entente.lexicon.petrarch import read_verbs
from entente.lexicon.verbs import VerbLexicon
from entente.nlp.actors import find_actors
from entente.nlp.countries import find_countries
from entente.nlp.places import find_places
from entente.nlp.sectors import sector_words
from entente.records import Document

PUBLISHED = "2024-03-01"

RULES = """\
pos\ttrigger\tcameo\trequires\ttarget\tsymmetric\tplover\tnote
verb\tpraise\t051\t-\tobj\tn\t-\trules' sense
verb\tcut\t161\tobj=tie\tprep:with\tn\t-\tonly "cut ties"
verb\thost\t043\tnotobj=refugee\tobj\tn\t-\thosting refugees is no visit
"""

VERBS = """\
--- PRAISE [057] ---
PRAISE
--- CUT [172] ---
CUT
--- HOST [043] ---
HOST
--- EXPEL [174] ---
EXPEL
- * CONSUL [1741]
- * TRAWLER [999]
"""


@pytest.fixture(scope="module")
def layers(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("layers")
    (folder / "rules.tsv").write_text(RULES, encoding="utf-8")
    (folder / "verbs.txt").write_text(VERBS, encoding="utf-8")
    return rule_layer(folder / "rules.tsv"), dictionary_layer(folder / "verbs.txt"), folder / "verbs.txt"


def verb(nlp, text: str, word: str):
    (tok,) = [t for t in nlp(text) if t.text == word]
    assert tok.pos_ == "VERB", f"spaCy tags {word!r} in {text!r} as {tok.pos_}"
    return tok


@pytest.fixture()
def code(nlp, dictionary):
    """``code(text, lexicon) -> events``: ``extract_doc``'s steps with ``lexicon`` as the coder's."""

    def run(text: str, lexicon: Lexicon):
        doc = nlp(text)
        mentions = find_countries(doc, nlp, dictionary)
        actors = find_actors(doc, mentions, dictionary, sector_words(), PUBLISHED)
        places = find_places(doc, [], country_forms=dictionary.country_forms)
        sides = build_sides(doc, actors, mentions, places, [], lexicon)
        return code_events(doc, Context(sides, places, [], [], [], PUBLISHED), lexicon)

    return run


def extract_one(text: str):
    (found,) = extract_documents([Document(id="t", text=text, published=PUBLISHED)])
    return found


# ------------------------------------------------------------------------------------------- layer order


def test_layers_first_layer_with_a_sense_wins(nlp, layers):
    rules, dictionary, _ = layers
    tok = verb(nlp, "Chile praised Peru.", "praised")
    rules_first = Lexicon((rules, dictionary)).match(tok)
    dictionary_first = Lexicon((dictionary, rules)).match(tok)
    assert (rules_first.source, rules_first.cameo) == ("rules", "051")
    assert (dictionary_first.source, dictionary_first.cameo) == ("dictionary", "057")


def test_layers_a_rule_whose_condition_fails_goes_on_to_the_next_layer(nlp, layers):
    rules, dictionary, _ = layers
    lexicon = Lexicon((rules, dictionary))
    ties = lexicon.match(verb(nlp, "Chile cut ties with Peru.", "cut"))
    budget = lexicon.match(verb(nlp, "Chile cut the budget.", "cut"))
    assert (ties.source, ties.cameo) == ("rules", "161")
    assert (budget.source, budget.cameo) == ("dictionary", "172")


def test_layers_notobj_rule_blocks_later_layers(nlp, layers):
    rules, dictionary, _ = layers
    lexicon = Lexicon((rules, dictionary))
    refugees = verb(nlp, "Kenya hosted Somali refugees.", "hosted")
    assert dictionary.match(refugees) is not None  # the dictionary alone would code it
    assert lexicon.match(refugees) is None
    leaders = lexicon.match(verb(nlp, "Kenya hosted Somali leaders.", "hosted"))
    assert (leaders.source, leaders.cameo) == ("rules", "043")


def test_layers_packaged_rules_block_hosting_refugees(nlp, code):
    text = "Kenya hosts thousands of Somali refugees."
    tok = verb(nlp, text, "hosts")
    assert dictionary_layer().match(tok) is not None  # CAMEO 2.0's HOST alone would say 043
    assert default_lexicon().match(tok) is None
    assert [e for e in extract_one(text).events if e.cameo.startswith("04")] == []
    # a visit to host still is one
    events = extract_one("Kenya hosted Somali leaders in Nairobi.").events
    assert ("KEN", "SOM", "043") in {(e.source, e.target, e.cameo) for e in events}


# ------------------------------------------------------------------------------ actor codes of the events


def test_layers_capital_as_subject_stands_for_the_government():
    events = extract_one("Ankara criticised the Greek naval exercise.").events
    (event,) = [e for e in events if e.target == "GRC"]
    assert event.source == "TUR"
    assert event.source_code == "TURGOV"


def test_layers_capital_struck_by_force_is_the_country():
    (struck,) = [e for e in extract_one("Russian missiles struck Kyiv on Monday.").events if e.source == "RUS"]
    assert (struck.target, struck.target_code) == ("UKR", "UKR")
    (said,) = [e for e in extract_one("Kyiv rejected the Russian offer on Monday.").events if e.source == "UKR"]
    assert said.source_code == "UKRGOV"


def test_layers_sector_code_comes_from_the_actor_role():
    found = extract_one("Pakistani troops shelled Indian positions near the border.")
    (troops,) = [a for a in found.actors if a.country == "PAK"]
    assert troops.role == "MIL"  # what the actors module says; the event's code follows it
    (event,) = [e for e in found.events if (e.source, e.target) == ("PAK", "IND")]
    assert event.source_code == "PAK" + troops.role


def test_layers_domestic_event_between_two_sectors():
    found = extract_one("Indian troops attacked Indian police.")
    assert {(a.country, a.role) for a in found.actors} == {("IND", "MIL"), ("IND", "COP")}
    (event,) = found.events
    assert event.source == event.target == "IND"
    assert (event.source_code, event.target_code) == ("INDMIL", "INDCOP")


def test_layers_no_domestic_event_within_one_sector():
    found = extract_one("Turkish troops attacked Turkish soldiers.")
    assert [(a.country, a.role) for a in found.actors] == [("TUR", "MIL"), ("TUR", "MIL")]
    assert found.events == ()


# ------------------------------------------------------------------------------------- passive verbs


def test_layers_passive_verb_keeps_the_event_of_its_active_form():
    # RECEIVE "- * (FOR TALKS) [043:042]" in CAMEO 2.0: the coder swaps a passive verb's roles itself,
    # so taking the passive code as well would make Peru the visitor (042) of the minister it received.
    active = extract_one("Peru received the Chilean minister for talks.").events
    passive = extract_one("The Chilean minister was received by Peru for talks.").events
    assert ("PER", "CHL", "043") in {(e.source, e.target, e.cameo) for e in active}
    assert ("PER", "CHL", "043") in {(e.source, e.target, e.cameo) for e in passive}


# -------------------------------------------------------------------------------------- unknown codes


def test_layers_known_code_falls_back_to_the_nearest_parent():
    ontology.cameo("174")  # the parent exists ...
    with pytest.raises(ontology.UnknownCodeError):
        ontology.cameo("1741")  # ... the child does not
    assert known_code("1741") == "174"
    assert known_code("174") == "174"
    assert known_code("999") is None  # "99" and "9" are no CAMEO codes either


def test_layers_unknown_dictionary_code_takes_its_parents_weights(layers, code):
    _, _, path = layers
    loose = Lexicon((DictionaryLayer(VerbLexicon(read_verbs(path)), layer_settings(), strict_codes=False),))
    strict = Lexicon((dictionary_layer(path),))
    text = "Chile expelled the Peruvian consul."
    parent = ontology.cameo("174")
    (kept,) = code(text, loose)
    assert kept.cameo == "1741"  # the dictionary's own code is kept ...
    assert (kept.goldstein, kept.quad_class, kept.plover) == (parent.goldstein, parent.quad_class, parent.plover)
    (strict_event,) = code(text, strict)
    assert strict_event.cameo == "174"  # ... or replaced by its parent with strict codes


def test_layers_code_without_a_known_parent(layers, code):
    _, _, path = layers
    loose = Lexicon((DictionaryLayer(VerbLexicon(read_verbs(path)), layer_settings(), strict_codes=False),))
    text = "Chile expelled the Peruvian trawler."
    (event,) = code(text, loose)
    assert (event.cameo, event.goldstein, event.quad_class, event.plover) == ("999", 0.0, 0, None)
    assert code(text, Lexicon((dictionary_layer(path),))) == []  # strict: no CAMEO sense, no event
