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
