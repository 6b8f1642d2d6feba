"""The extraction contract on real parses (shared/eval/SCHEMA.md)."""

from __future__ import annotations

import json

import pytest

from entente.coding.confidence import default_threshold
from entente.coding.options import load_dictionaries
from entente.extract import extract_doc, extract_documents
from entente.lexicon.load import DictionarySetError
from entente.nlp.sectors import sector_words
from entente.records import Document

from tests.conftest import SAMPLE, USER_TEXT, write_dictionaries

SCHEMA_KEYS = {"id", "published", "countries", "actors", "places", "money", "quotes", "events"}

TEXT = ("Pakistan and China signed a $3 billion loan agreement in Beijing on Friday. "
        "Chinese officials said the money would fund a power plant near Karachi.")


def test_extract_record_has_every_schema_key_and_is_json(nlp):
    (ex,) = extract_documents([Document(id="d1", text=TEXT, published="2019-03-08")], nlp=nlp)
    record = json.loads(json.dumps(ex.to_record()))
    assert SCHEMA_KEYS <= set(record)
    assert record["id"] == "d1"
    assert record["published"] == "2019-03-08"
    assert set(record["countries"]) == {"PAK", "CHN"}


def test_extract_money_carries_parties_and_offsets(nlp):
    (ex,) = extract_documents([Document(id="d1", text=TEXT)], nlp=nlp)
    (money,) = ex.money
    assert money.usd == 3e9
    assert set(money.parties) == {"PAK", "CHN"}
    assert TEXT[money.start:money.end] == money.text


def test_extract_documents_streams_in_input_order(nlp):
    docs = [Document(id=f"d{i}", text=f"India and Nepal met for round {i} of talks.") for i in range(12)]
    out = extract_documents(iter(docs), nlp=nlp, batch_size=4)
    assert [e.id for e in out] == [d.id for d in docs]


def test_extract_actor_offsets_point_at_their_text(nlp):
    (ex,) = extract_documents([Document(id="d", text=TEXT)], nlp=nlp)
    for actor in ex.actors:
        assert TEXT[actor.start:actor.end] == actor.text


# ------------------------------------------------------------------ coder options (threshold, dictionaries)

def _events(nlp, text: str, **options):
    (ex,) = extract_documents([Document(id="o", text=text, published="2024-03-05")], nlp=nlp, **options)
    return ex.events


def test_extract_event_below_threshold_is_dropped_and_zero_keeps_it(nlp):
    text = "Pakistan attacked India on Tuesday."
    (event,) = _events(nlp, text, min_confidence=0)
    assert _events(nlp, text, min_confidence=event.confidence) == (event,)  # the threshold itself is kept
    if event.confidence < 1:
        assert _events(nlp, text, min_confidence=min(1.0, event.confidence + 0.01)) == ()


def test_extract_threshold_drops_an_event_below_it(nlp, user_dictionaries):
    (event,) = _events(nlp, USER_TEXT, dictionaries=user_dictionaries, min_confidence=0)
    assert event.confidence >= default_threshold()  # a user's own verb is trusted at the default
    assert _events(nlp, USER_TEXT, dictionaries=user_dictionaries, min_confidence=event.confidence + 0.01) == ()


def test_extract_default_threshold_drops_a_generic_dictionary_code(nlp):
    # The packaged verb dictionary's plain code for a verb that only names a root ("affect": 050)
    # is right about one time in seven on the development set: below the default threshold.
    text = "Brazil affected Argentina with its decision on Monday."
    weak = [e for e in _events(nlp, text, min_confidence=0) if e.rule == "dictionary:0"]
    assert weak and all(e.confidence < default_threshold() for e in weak)
    assert not [e for e in _events(nlp, text) if e.rule == "dictionary:0"]


def test_extract_user_verb_and_actor_code_the_event(nlp, user_dictionaries):
    assert _events(nlp, USER_TEXT, min_confidence=0) == ()  # entente alone knows neither word
    (event,) = _events(nlp, USER_TEXT, dictionaries=str(user_dictionaries), min_confidence=0)
    assert (event.source, event.target, event.cameo) == ("XYZ", "IND", "190")
    assert (event.source_code, event.target_code) == ("XYZ", "IND")
    assert event.rule == "user:0"  # the user's dictionary, the verb's own code


def test_extract_user_actor_takes_a_packaged_agent(nlp, user_dictionaries):
    (event,) = _events(nlp, "The Quarnian police glorbed Nepal's border posts.", dictionaries=user_dictionaries,
                       min_confidence=0)
    assert (event.source_code, event.target_code) == ("XYZCOP", "NPL")


def test_extract_user_verbs_win_over_entente_rules(nlp, tmp_path):
    folder = write_dictionaries(tmp_path / "d", verbs="--- ATTACK [172] ---\nATTACK {ATTACKS ATTACKED}\n",
                                actors=None)
    (own,) = _events(nlp, "Pakistan attacked India on Tuesday.", min_confidence=0)
    (users,) = _events(nlp, "Pakistan attacked India on Tuesday.", dictionaries=folder, min_confidence=0)
    assert own.rule.startswith("rules:") and own.cameo != "172"
    assert (users.source, users.target, users.cameo, users.rule) == ("PAK", "IND", "172", "user:0")


def test_extract_doc_takes_the_same_options(nlp, dictionary, user_dictionaries):
    doc = nlp(USER_TEXT)
    document = Document(id="o", text=USER_TEXT)
    ex = extract_doc(doc, document, nlp, dictionary, sector_words(), dictionaries=load_dictionaries(user_dictionaries),
                     min_confidence=0)
    assert [(e.source_code, e.cameo) for e in ex.events] == [("XYZ", "190")]
    assert extract_doc(doc, document, nlp, dictionary, sector_words()).events == ()


def test_extract_bad_dictionaries_fail_before_any_document(nlp, tmp_path):
    def never():
        raise AssertionError("a document was read")
        yield

    with pytest.raises(DictionarySetError, match="E131"):
        extract_documents(never(), nlp=nlp, dictionaries=tmp_path / "missing")
    with pytest.raises(ValueError, match="from 0 to 1"):
        extract_documents(never(), nlp=nlp, min_confidence=2)


# ------------------------------------------------------------------ sentences listed once per document

# Sample documents that between them reached every stage's sentence look-up (titles and appositives,
# pronouns, named sites, "both sides", dates, places and amounts of the sentence, money parties) and an
# invented one for the rest (a transcript's vocative, a statement's issuer, "that country", "Brig.").
SENTENCE_SAMPLES = ("ind-pak-2015-12-modi-lahore-stopover", "usa-pak-2025-06-munir-white-house-lunch",
                    "usa-pak-2025-08-trade-deal-oil")
SENTENCE_TEXT = (
    "SECRETARY AUSTIN: Well, good morning. Minister Lavrov, we support your government's decision to reopen "
    "the talks.\n\nTurkey rejected the claims on Monday. \"We will not interfere in the affairs of others,\" "
    "the statement said.\n\nBrig. Gen. Pat Ryder said France welcomed that country's defence minister on "
    "Tuesday. Ethiopia and Eritrea met in Asmara. Both sides agreed to reopen the border, and Qatar mediated.")


def _count_sentence_builds(doc) -> list[int]:
    """Count every time spaCy builds or walks ``doc``'s sentences: ``Doc.sents``, ``Span.sents``,
    ``Span.sent`` and ``Token.sent`` all ask ``doc.user_hooks["sents"]`` when it is set."""
    count = [0]

    def hook(d):
        count[0] += 1
        del d.user_hooks["sents"]
        try:
            return iter(list(d.sents))
        finally:
            d.user_hooks["sents"] = hook

    doc.user_hooks["sents"] = hook
    return count


def test_extract_lists_each_documents_sentences_once(nlp, dictionary):
    samples = {}
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] in SENTENCE_SAMPLES:
            samples[record["id"]] = Document(id=record["id"], text=record["text"], published=record.get("published"))
    documents = [samples[i] for i in SENTENCE_SAMPLES] + [Document(id="own", text=SENTENCE_TEXT,
                                                                   published="2024-05-02")]
    words = sector_words()
    for doc, document in zip(nlp.pipe(d.text for d in documents), documents):
        count = _count_sentence_builds(doc)
        assert doc[0].sent == doc[0:1].sent and count[0] == 2  # the spy sees token and span look-ups
        count[0] = 0
        ex = extract_doc(doc, document, nlp, dictionary, words)
        assert ex.events and ex.actors
        assert count[0] <= 1, f"{document.id}: the sentences were built or walked {count[0]} times"
