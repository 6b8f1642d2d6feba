"""The word index: what writers index, what a search finds through it, and older stores filled on upgrade."""

from __future__ import annotations

import re
import shutil

import duckdb
import pytest

from entente.records import Document, Extraction
from entente.store import add_extraction, connect
from entente.store.reads import list_documents
from entente.store.search import EventFilter, search_events, search_words
from entente.store.words import index_words


def _doc(doc_id: str, text: str, title: str | None = None) -> Document:
    return Document(id=doc_id, text=text, title=title, origin=doc_id)


def _found(con, q: str) -> list[str]:
    return sorted(d["doc_id"] for d in list_documents(con, q=q, limit=500, offset=0)["documents"])


def test_index_words_are_runs_of_letters_digits_and_underscores_in_any_script():
    assert index_words("U.S.-backed talks in São Paulo, 2024") == ["u", "s", "backed", "talks", "in", "são",
                                                                   "paulo", "2024"]
    assert index_words("...") == []


@pytest.fixture()
def small(tmp_path):
    con = connect(tmp_path / "s.duckdb")
    for doc in (_doc("a", "The minister said aid would resume.", title="Aid talks"),
                _doc("b", "U.S. forces left the base on Monday."),
                _doc("c", "The u and the s are letters; the aide spoke."),
                _doc("d", "Talks in São Paulo ended.")):
        assert add_extraction(con, doc, Extraction(id=doc.id, published=None)) is True
    yield con
    con.close()


@pytest.mark.parametrize("q,expected", [
    ("aid", ["a"]),                 # whole words: not "said", not "aide"
    ("AID", ["a"]),                 # any case, the title counts
    ("said aid", ["a"]),            # every word
    ("aid monday", []),
    ("U.S.", ["b"]),                # a word of two index words is checked whole: not "u ... s" apart
    ("são", ["d"]),
    ("SÃO paulo", ["d"]),
    ("--", []),                     # punctuation alone is no word
    ("", ["a", "b", "c", "d"]),
])
def test_writers_index_the_documents_they_add_and_search_reads_the_index(small, q, expected):
    assert _found(small, q) == expected


def test_a_store_written_before_the_index_is_indexed_when_a_writer_upgrades_it(small, tmp_path):
    small.execute("DELETE FROM document_terms")
    small.execute("DELETE FROM event_terms")
    small.execute("DELETE FROM schema_version WHERE version = 4")
    assert _found(small, "aid") == []  # the index is what search reads
    small.close()
    con = connect(tmp_path / "s.duckdb")
    try:
        assert _found(con, "aid") == ["a"]
        assert con.execute("SELECT max(version) FROM schema_version").fetchone() == (4,)
    finally:
        con.close()


def _scan(text: str, q: str) -> bool:
    """Every word of ``q`` whole in ``text`` (Python's own matching, no index)."""
    return all(re.search(rf"(?<![^\W]){re.escape(w)}(?![^\W])", text, re.IGNORECASE) for w in search_words(q))


def test_search_through_the_index_finds_what_a_scan_of_every_text_finds(sample_db, tmp_path):
    db = tmp_path / "s.duckdb"
    shutil.copy(sample_db, db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = con.execute("SELECT doc_id, coalesce(title, '') || ' ' || text FROM documents").fetchall()
        evidence: dict[str, str] = {}
        for event_id, text in con.execute("SELECT event_id, evidence FROM events WHERE evidence IS NOT NULL"
                                          " UNION ALL SELECT event_id, text FROM evidence").fetchall():
            evidence[event_id] = evidence.get(event_id, "") + "\n" + text
        # Words of several kinds drawn from the store itself: common, rare, capitalised, with digits.
        vocabulary = sorted({w for _, text in docs[:5] for w in re.findall(r"[A-Za-z0-9]+", text)})
        queries = vocabulary[::max(1, len(vocabulary) // 40)] + ["aid", "said", "billion dollars", "Pakistan"]
        hits = 0
        for q in queries:
            want_docs = sorted(d for d, text in docs if _scan(text, q))
            got_docs = sorted(d["doc_id"] for d in list_documents(con, q=q, limit=500, offset=0)["documents"])
            assert got_docs == want_docs, q
            want_events = sorted(e for e, text in evidence.items() if _scan(text, q))
            got = search_events(con, EventFilter(q=q, limit=500))
            assert sorted(e["event_id"] for e in got["events"]) == want_events, q
            hits += bool(want_events)
        assert hits >= 10  # the comparison is not between empty lists
    finally:
        con.close()
