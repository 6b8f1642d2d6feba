"""The lemmatizer's memory: spaCy's own lemmas, each worked out once."""

from __future__ import annotations

import pickle

import spacy
from spacy.pipeline import Lemmatizer

import entente.nlp.lemmatizer as memo
from entente.nlp.lemmatizer import MemoLemmatizer, use_memo_lemmatizer
from entente.nlp.pipeline import model_name

TEXT = ("The ministers were meeting in Islamabad. Officials said talks had stalled over tariffs, "
        "and the envoys left. Talks resumed; the ministers met again and said they were meeting daily.")


def _lemmas(doc) -> list[str]:
    return [t.lemma_ for t in doc]


def test_pipeline_lemmatizer_has_its_memory_and_keeps_its_class(nlp):
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, MemoLemmatizer)
    stock_class = type(spacy.load(model_name(), exclude=["ner", "parser"]).get_pipe("lemmatizer"))
    assert isinstance(lemmatizer, stock_class)  # the English lemmatizer, its rules included
    assert nlp.pipe_names.index("attribute_ruler") < nlp.pipe_names.index("lemmatizer")


def test_same_lemmas_as_stock_and_each_key_worked_out_once(monkeypatch):
    stock_nlp = spacy.load(model_name(), exclude=["ner"])
    nlp = spacy.load(model_name(), exclude=["ner"])
    lemmatizer = use_memo_lemmatizer(nlp)
    assert lemmatizer is nlp.get_pipe("lemmatizer")
    calls: list[tuple[int, int, int]] = []
    worker = lemmatizer.lemmatize
    monkeypatch.setattr(lemmatizer, "lemmatize", lambda tok: calls.append((tok.orth, tok.pos, tok.morph.key))
                        or worker(tok))
    first = nlp(TEXT)
    assert _lemmas(first) == _lemmas(stock_nlp(TEXT))
    assert "meet" in _lemmas(first) and "minister" in _lemmas(first)
    assert len(set(calls)) == len(calls) < len(first) - 5  # "ministers", "meeting", "said", ... once each
    calls.clear()
    again = nlp(TEXT)
    assert calls == [] and _lemmas(again) == _lemmas(first)


def test_pickled_and_read_back_with_an_empty_memory(nlp):
    lemmatizer = nlp.get_pipe("lemmatizer")
    nlp(TEXT)
    copy = pickle.loads(pickle.dumps(lemmatizer))
    assert memo.memory(lemmatizer) and memo.memory(copy) == {}
    assert type(copy) is type(lemmatizer)
    assert copy.mode == lemmatizer.mode and copy.lookups.tables == lemmatizer.lookups.tables


def test_memory_is_bounded_and_clearing_changes_nothing(monkeypatch):
    stock_nlp = spacy.load(model_name(), exclude=["ner"])
    nlp = spacy.load(model_name(), exclude=["ner"])
    lemmatizer = use_memo_lemmatizer(nlp)
    monkeypatch.setattr(memo, "CACHE_SIZE", 5)
    doc = nlp(TEXT)
    assert 0 < len(memo.memory(lemmatizer)) <= 5
    assert _lemmas(doc) == _lemmas(stock_nlp(TEXT))


def test_lemmas_set_before_it_are_kept_and_other_modes_run_stock_code():
    nlp = spacy.load(model_name(), exclude=["ner"])
    lemmatizer = use_memo_lemmatizer(nlp)
    with nlp.select_pipes(disable=["lemmatizer"]):
        doc = nlp("Talks resumed.")
    doc[0].lemma_ = "conversation"
    lemmatizer(doc)
    assert [t.lemma_ for t in doc] == ["conversation", "resume", "."]
    blank = spacy.blank("en")
    lookup = blank.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert isinstance(lookup, Lemmatizer)
    assert use_memo_lemmatizer(blank) is lookup and isinstance(lookup, MemoLemmatizer)
    assert use_memo_lemmatizer(spacy.blank("en")) is None  # no lemmatizer: nothing to do


def test_index_tables_become_sets_with_the_same_members():
    nlp = spacy.load(model_name(), exclude=["ner", "parser"])
    before = {k: list(v) for k, v in nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index").items()}
    lemmatizer = use_memo_lemmatizer(nlp)
    after = lemmatizer.lookups.get_table("lemma_index")
    assert before and all(isinstance(v, frozenset) and v == frozenset(before[k]) for k, v in after.items())
