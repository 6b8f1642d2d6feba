"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""

from __future__ import annotations

import pytest

from entente.dictionary import ActorDictionary, default_dictionary
from entente.extract import extract_doc
from entente.nlp.pipeline import load_pipeline
from entente.nlp.sectors import sector_words
from entente.records import Document, Extraction
from entente.settings import reload_settings


@pytest.fixture(autouse=True)
def fresh_settings():
    """Each test reads the environment afresh (a test that sets a variable mid-way calls reload_settings)."""
    reload_settings()
    yield
    reload_settings()


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


# An invented dictionary folder: a verb no English dictionary knows, coded 190 (its own code, no
# pattern), and a country no gazetteer knows, coded XYZ. The test sentences are written for it.
USER_VERBS = "--- GLORB [190] ---\nGLORB {GLORBS GLORBED GLORBING}\n"
USER_ACTORS = "QUARNIA_ [XYZ]\n+QUARNIAN_\n"
USER_TEXT = "Quarnia glorbed India on Tuesday."


def write_dictionaries(folder, verbs: str = USER_VERBS, actors: str | None = USER_ACTORS):
    """A dictionary folder with a verbs file and (unless None) an actors file; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "user.verbs.txt").write_text(verbs, encoding="utf-8")
    if actors is not None:
        (folder / "user.actors.txt").write_text(actors, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def user_dictionaries(tmp_path_factory):
    """The invented dictionary folder (``USER_VERBS``, ``USER_ACTORS``)."""
    return write_dictionaries(tmp_path_factory.mktemp("dictionaries"))
