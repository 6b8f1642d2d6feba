"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""

from __future__ import annotations

import pytest

from entente.dictionary import ActorDictionary, default_dictionary
from entente.extract import extract_doc
from entente.nlp.pipeline import load_pipeline
from entente.nlp.sectors import sector_words
from entente.records import Document, Extraction


@pytest.fixture(scope="session")
def dictionary() -> ActorDictionary:
    return default_dictionary()


@pytest.fixture(scope="session")
def nlp(dictionary):
    return load_pipeline(dictionary=dictionary)


@pytest.fixture(scope="session")
def extract(nlp, dictionary):
    """``extract(text, published=None) -> Extraction`` on the real pipeline."""

    def run(text: str, published: str | None = None) -> Extraction:
        doc = nlp(text)
        document = Document(id="t", text=text, published=published)
        return extract_doc(doc, document, nlp, dictionary, sector_words())

    return run
