"""Loading the spaCy pipeline."""

from __future__ import annotations

import pytest

from entente.errors import PipelineError
from entente.nlp.pipeline import DEFAULT_MODEL, RULER_NAME, load_pipeline, model_name
from entente.settings import reload_settings


def test_pipeline_name_is_configurable(monkeypatch):
    monkeypatch.delenv("ENTENTE_SPACY_MODEL", raising=False)
    reload_settings()
    assert model_name() == DEFAULT_MODEL
    monkeypatch.setenv("ENTENTE_SPACY_MODEL", "en_other")
    reload_settings()
    assert model_name() == "en_other"
    assert model_name("explicit") == "explicit"


def test_pipeline_missing_model_names_the_package():
    with pytest.raises(PipelineError, match="not installed"):
        load_pipeline("en_no_such_pipeline_xyz")


def test_pipeline_has_parser_ner_and_dictionary_ruler_before_ner(nlp):
    names = nlp.pipe_names
    assert {"parser", "ner", RULER_NAME} <= set(names)
    assert names.index(RULER_NAME) < names.index("ner")


def test_pipeline_splits_dashed_country_pairs(nlp):
    assert [t.text for t in nlp("U.S.–China talks")] == ["U.S.", "–", "China", "talks"]


def test_pipeline_ruler_tags_dictionary_organisations(nlp):
    doc = nlp("Officials from the Inter-Services Intelligence briefed reporters.")
    assert ("Inter-Services Intelligence", "ORG") in {(e.text, e.label_) for e in doc.ents}


@pytest.fixture(scope="module")
def fast_nlp():
    return load_pipeline(profile="fast")


def test_pipeline_fast_profile_leaves_out_the_ner_and_stands_in_for_it(fast_nlp):
    assert "ner" not in fast_nlp.pipe_names
    assert fast_nlp.pipe_names.index(RULER_NAME) < fast_nlp.pipe_names.index("entente_places")
    doc = fast_nlp("On Tuesday, March 3, 2020, Pakistani and Indian officials met in Islamabad. "
                   "The Asian Development Bank lent money to Nepal last week.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert {("Tuesday", "DATE"), ("March 3, 2020", "DATE"), ("last week", "DATE"), ("Pakistani", "NORP"),
            ("Islamabad", "GPE"), ("Nepal", "GPE")} <= ents
    assert ("Asian Development Bank", "ORG") in ents  # the actor dictionary, as in the full profile


def test_pipeline_fast_profile_codes_an_event_with_its_date(fast_nlp):
    from entente.extract import extract_documents
    from entente.records import Document

    doc = Document(id="d", text="China pledged $5 billion in aid to Pakistan on Tuesday.", published="2024-06-14",
                   origin="d")
    (ex,) = extract_documents([doc], nlp=fast_nlp)
    assert {(e.source, e.target, e.plover, e.date) for e in ex.events} == {
        ("CHN", "PAK", "AGREE", "2024-06-11"), ("CHN", "PAK", "AID", "2024-06-11")}
    assert [m.usd for m in ex.money] == [5e9]  # money is read from the text, not from the NER


def test_pipeline_unknown_profile_is_refused():
    with pytest.raises(ValueError, match="unknown profile 'turbo'"):
        load_pipeline(profile="turbo")
