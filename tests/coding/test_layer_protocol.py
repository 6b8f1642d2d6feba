"""Every coder layer keeps the same contract (the conformance suite for rule, dictionary and any
future learned layer): ``knows`` before ``match``, a sense only for verbs and nouns, codes the
ontology knows, targets the coder can read, and nothing for words the layer has never seen.

The sentences were written for these tests.
"""

from __future__ import annotations

import pytest

from entente.coding import ontology
from entente.coding.layers import DictionaryLayer, RuleLayer, layer_settings, rule_layer, dictionary_layer
from entente.coding.patterns import Pattern
from entente.lexicon.load import load_verbs

SENTENCES = [
    "Chile condemned the missile test and recalled its ambassador from Pyongyang.",
    "Norway pledged $40 million in aid to Somalia after the floods.",
    "The two ministers met in Geneva and agreed to resume talks.",
    "Police arrested dozens of protesters outside the embassy.",
    "Rebels ambushed an army convoy near the border.",
    "The minister rejected the proposal and warned of sanctions.",
]
TARGET_SPECS = ("obj", "dative", "poss", "compound", "place", "implied")


def _user_layer(tmp_path_factory) -> DictionaryLayer:
    folder = tmp_path_factory.mktemp("verbs")
    path = folder / "mine.verbs.txt"
    path.write_text("--- AMBUSH [190] ---\nAMBUSH\n- * CONVOY [195]\n", encoding="utf-8")
    return DictionaryLayer(load_verbs(path), layer_settings(), name="user")


@pytest.fixture(scope="module", params=["rules", "dictionary", "user"])
def layer(request, tmp_path_factory):
    if request.param == "rules":
        return rule_layer()
    if request.param == "dictionary":
        return dictionary_layer()
    return _user_layer(tmp_path_factory)


@pytest.fixture(scope="module")
def tokens(nlp):
    return [tok for doc in nlp.pipe(SENTENCES) for tok in doc]


def test_layer_has_a_name(layer):
    assert isinstance(layer.name, str) and layer.name


def test_layer_only_matches_what_it_knows(layer, tokens):
    for tok in tokens:
        if layer.match(tok) is not None:
            assert layer.knows(tok), tok.text


def test_layer_senses_are_for_verbs_and_nouns_with_known_codes(layer, tokens):
    for tok in tokens:
        p = layer.match(tok)
        if p is None:
            continue
        assert isinstance(p, Pattern)
        assert tok.pos_ in ("VERB", "NOUN") and p.pos == ("verb" if tok.pos_ == "VERB" else "noun")
        assert ontology.cameo(p.cameo).code == p.cameo  # raises for an unknown code
        assert p.source == layer.name
        assert all(spec in TARGET_SPECS or spec.startswith("prep:") for spec in p.target)


def test_layer_knows_no_punctuation_determiner_or_unknown_word(layer, nlp):
    doc = nlp("The zorblat , of course .")
    assert not any(layer.knows(t) or layer.match(t) for t in doc)


def test_layer_gives_no_statement_as_an_event(layer, tokens):
    # CAMEO 01 (make a statement) is not an event in entente.
    assert all(layer.match(t) is None or not layer.match(t).cameo.startswith("01") for t in tokens)


def test_each_layer_finds_something_in_news(layer, tokens):
    assert any(layer.match(t) is not None for t in tokens)


def test_rule_layer_is_a_rule_layer():
    assert isinstance(rule_layer(), RuleLayer)
