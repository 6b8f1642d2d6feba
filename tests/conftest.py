"""Shared fixtures: the real spaCy pipeline and the sample store, each made once per test session
(once per pytest-xdist worker)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

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


SAMPLE = Path(__file__).resolve().parents[1] / "sample" / "corpus.jsonl"


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """The sample corpus ingested once per session (read it; copy it with :func:`sample_plus` to write)."""
    from entente.pipeline import ingest

    db = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    report = ingest([str(SAMPLE)], str(db))
    assert report.added > 0
    return db


def sample_plus(sample_db: Path, folder: Path, *records: dict) -> Path:
    """A copy of the sample store in ``folder`` with ``records`` (JSON documents) ingested on top: the
    same store as ingesting the corpus with them appended, without parsing the corpus again."""
    from entente.pipeline import ingest

    db = folder / "store.duckdb"
    shutil.copy(sample_db, db)
    if records:
        extra = folder / "extra.jsonl"
        extra.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        assert ingest([str(extra)], str(db)).added == len(records)
    return db


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
