"""The extraction contract on real parses (shared/eval/SCHEMA.md)."""

from __future__ import annotations

import json

from entente.extract import extract_documents
from entente.records import Document

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
