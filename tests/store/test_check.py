"""``entente check`` finds what a crash or a bad write would leave behind."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest

from entente.pipeline import ingest
from entente.store.check import CHECKS, CODE_CHECKS, HASH_CHECK, StoreFileError, check_store
from entente.store.corrections import add_correction

PLOVER_TYPE = "events with a PLOVER type the ontology does not know"
QUOTED = "e488bef4f955f7e4ef28"  # the small store's event in q1: RUS -> SRB, AGREE, coded by the rules


def _run_check(db):
    return subprocess.run([sys.executable, "-m", "entente", "check", "--db", str(db)],
                          capture_output=True, text=True, timeout=120)


def _copy(db, tmp_path, name="broken.duckdb"):
    copy = tmp_path / name
    copy.write_bytes(db.read_bytes())
    return copy


def _failing(db, *statements: str, params: list | None = None) -> dict[str, str | None]:
    """Run ``statements`` on the store ``db`` (a copy), then every check: {failing check: its example}."""
    con = duckdb.connect(str(db))
    try:
        for sql in statements:
            con.execute(sql, params or [])
        return {r.name: r.example for r in check_store(con) if not r.ok}
    finally:
        con.close()


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """Two reports of one deal (one cluster of two documents) and an event dated by a quotation."""
    docs = [
        {"id": "a", "published": "2024-03-05",
         "text": "Japan and Vietnam signed a maritime agreement in Hanoi on Monday. Thailand welcomed the talks."},
        {"id": "b", "published": "2024-03-06",
         "text": "Vietnam and Japan signed a maritime agreement in Manila on 4 March, officials said."},
        {"id": "q1", "published": "2024-05-20",
         "text": "Speaking in Moscow on 3 May, Foreign Minister Sergei Lavrov said: \"We discussed many things"
                 " with our partners. Russia will send humanitarian aid to Serbia.\" Serbia welcomed the offer."},
    ]
    tmp = tmp_path_factory.mktemp("check")
    corpus = tmp / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    db = tmp / "small.duckdb"
    assert ingest([str(corpus)], str(db)).added == 3
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT max(reports) FROM events").fetchall() == [(2,)]
        assert con.execute("SELECT doc_id FROM events WHERE date_basis = 'quote'").fetchall() == [("q1",)]
    finally:
        con.close()
    return db


def test_check_small_store_passes_every_check(small):
    con = duckdb.connect(str(small), read_only=True)
    try:
        results = check_store(con)
    finally:
        con.close()
    assert [r.name for r in results] == [*CHECKS, HASH_CHECK, *CODE_CHECKS]
    assert [r for r in results if not r.ok] == []


def test_check_healthy_store_passes(reference):
    _, db, _ = reference
    proc = _run_check(db)
    assert proc.returncode == 0 and "BAD" not in proc.stdout, proc.stdout
    total = len(CHECKS) + 1 + len(CODE_CHECKS)
    assert proc.stdout.splitlines()[-1] == f"check: {total} of {total} checks passed"


def test_check_reports_broken_offsets_and_orphans(reference, tmp_path):
    _, db, _ = reference
    broken = _copy(db, tmp_path)
    failing = _failing(
        broken,
        'UPDATE evidence SET start = start + 1 WHERE event_id = (SELECT min(event_id) FROM evidence)',
        "DELETE FROM documents WHERE doc_id = (SELECT min(doc_id) FROM events WHERE dataset = 'entente')")
    assert "evidence whose offsets do not point at its text" in failing
    assert "entente events without their document" in failing
    proc = _run_check(broken)
    assert proc.returncode == 1 and "BAD" in proc.stdout


def test_check_missing_store_is_a_clear_error(tmp_path):
    proc = _run_check(tmp_path / "none.duckdb")
    assert proc.returncode == 1 and "no such store" in proc.stderr


# --- lost rows ----------------------------------------------------------------------------------------

MENTIONS = "documents missing mentions their events or quotes name"


def test_check_finds_a_document_whose_mentions_are_gone(reference, tmp_path):
    _, db, _ = reference
    doc = "(SELECT min(doc_id) FROM events WHERE dataset = 'entente')"
    failing = _failing(_copy(db, tmp_path), f"DELETE FROM mentions WHERE doc_id = {doc}")
    assert set(failing) == {MENTIONS}
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert failing[MENTIONS] == con.execute(f"SELECT {doc}").fetchall()[0][0]
    finally:
        con.close()


def test_check_finds_a_lost_mention_inside_an_evidence_sentence(reference, tmp_path):
    """The country mentions stay; the actor and place mentions of one event's sentence go."""
    _, db, _ = reference
    failing = _failing(_copy(db, tmp_path), """DELETE FROM mentions WHERE kind IN ('actor', 'place') AND rowid IN (
        SELECT m.rowid FROM mentions m JOIN evidence v ON v.doc_id = m.doc_id AND m.start >= v.start
            AND m.start < v."end" WHERE v.event_id = (SELECT min(event_id) FROM events
                                                     WHERE sentence_countries <> ''))""")
    assert set(failing) == {MENTIONS}


def test_check_finds_a_lost_mention_inside_a_quotation(small, tmp_path):
    failing = _failing(_copy(small, tmp_path), "DELETE FROM mentions WHERE doc_id = 'q1' AND start = 148")
    assert failing == {MENTIONS: "q1"}


def test_check_finds_the_lost_quotation_an_event_is_dated_by(small, tmp_path):
    failing = _failing(_copy(small, tmp_path), "DELETE FROM quotes WHERE doc_id = 'q1'")
    assert failing == {"documents missing the quotation an event is dated by": "q1"}


LOST_EVENTS = "indexed events that are not stored"


def test_check_finds_a_documents_lost_event_set_by_its_word_index(small, tmp_path):
    """Document q1's whole event set goes, evidence and all: the word index still holds its event."""
    failing = _failing(_copy(small, tmp_path), "DELETE FROM evidence WHERE doc_id = 'q1'",
                       "DELETE FROM events WHERE doc_id = 'q1'")
    assert failing == {LOST_EVENTS: QUOTED}


def test_check_finds_the_lost_events_of_a_report_in_a_cluster(small, tmp_path):
    """Document b's whole event set goes, evidence and index rows too: its cluster's report count still
    counts b."""
    failing = _failing(_copy(small, tmp_path), "DELETE FROM event_terms WHERE event_id IN"
                       " (SELECT event_id FROM events WHERE doc_id = 'b')",
                       "DELETE FROM evidence WHERE doc_id = 'b'", "DELETE FROM events WHERE doc_id = 'b'")
    assert list(failing) == ["event clusters with fewer documents stored than their report count"]


def test_check_finds_a_lost_document_by_its_word_index(small, tmp_path):
    failing = _failing(_copy(small, tmp_path), "DELETE FROM mentions WHERE doc_id = 'b'",
                       "DELETE FROM evidence WHERE doc_id = 'b'", "DELETE FROM events WHERE doc_id = 'b'",
                       "DELETE FROM documents WHERE doc_id = 'b'")
    assert failing.get("indexed documents that are not stored") == "b"


def test_check_finds_a_correction_of_a_lost_event(small, tmp_path):
    broken = _copy(small, tmp_path)
    con = duckdb.connect(str(broken))
    try:
        add_correction(con, "e488bef4f955f7e4ef28", "not_event", who="tester")
    finally:
        con.close()
    assert _failing(broken) == {}
    failing = _failing(broken, "DELETE FROM evidence WHERE doc_id = 'q1'", "DELETE FROM events WHERE doc_id = 'q1'")
    assert set(failing) == {LOST_EVENTS, "corrections of events that are not stored"}


def test_check_finds_a_text_that_no_longer_matches_its_content_hash(small, tmp_path):
    failing = _failing(_copy(small, tmp_path), "UPDATE documents SET text = text || ' Laos agreed.' WHERE doc_id = 'b'")
    assert failing == {HASH_CHECK: "b"}


def test_check_reads_documents_in_batches(small, tmp_path, monkeypatch):
    import entente.store.check as check

    monkeypatch.setattr(check, "HASH_BATCH", 1)
    con = duckdb.connect(str(small), read_only=True)
    try:
        assert check._hash_mismatches(con) == (0, None)
    finally:
        con.close()
    con = duckdb.connect(str(_copy(small, tmp_path)))
    try:
        con.execute("UPDATE documents SET text = text || ' Laos agreed.' WHERE doc_id <> 'a'")
        assert check._hash_mismatches(con) == (2, "b")
    finally:
        con.close()


# --- codes and direction --------------------------------------------------------------------------------

@pytest.mark.parametrize(("change", "check"), [
    ("cameo = '999'", "events with a CAMEO code the ontology does not know"),
    ("plover = 'DEMANDS'", PLOVER_TYPE),
    ("plover = 'agree'", PLOVER_TYPE),  # the ontology's types are upper case
    ("mode = 'drone'", "events with a PLOVER mode their type does not have"),
    ("plover = 'CONSULT', mode = 'withdraw'", "events with a PLOVER mode their type does not have"),
    ("plover = NULL, mode = 'visit'", "events with a PLOVER mode their type does not have"),
])
def test_check_finds_codes_the_ontology_does_not_know(small, tmp_path, change, check):
    failing = _failing(_copy(small, tmp_path), f"UPDATE events SET {change} WHERE event_id = '{QUOTED}'")
    assert failing.get(check) == QUOTED
    assert set(failing) <= {check, "events whose CAMEO root is not the code's first two digits"}


def test_check_finds_unknown_codes_in_imported_rows(small, tmp_path):
    failing = _failing(_copy(small, tmp_path), """INSERT INTO events (event_id, dataset, source, target, cameo, root,
        plover, mode) VALUES ('gdelt2:1', 'gdelt2', 'USA', 'CHN', '9999', '99', NULL, NULL),
        ('polecat:7', 'polecat', 'USA', 'CHN', NULL, NULL, 'SHOUT', NULL),
        ('plover:8', 'plover', 'USA', 'CHN', '040', '04', 'CONSULT', 'shouting'),
        ('plover:9', 'plover', 'USA', 'CHN', '040', '04', 'CONSULT', 'visit')""")
    assert failing == {"events with a CAMEO code the ontology does not know": "gdelt2:1",
                       PLOVER_TYPE: "polecat:7", "events with a PLOVER mode their type does not have": "plover:8"}


def test_check_leaves_a_loaded_dictionarys_own_codes_alone(small, tmp_path):
    """A loaded dictionary may code outside CAMEO ("1717"): the coder keeps the code on purpose."""
    failing = _failing(_copy(small, tmp_path), "UPDATE events SET cameo = '1717', root = '17',"
                       f" rule = 'dictionary:3' WHERE event_id = '{QUOTED}'")
    assert failing == {}


SWAPPED = "entente events whose actor codes name their source and target the other way round"


def test_check_finds_source_and_target_swapped_against_their_codes(small, tmp_path):
    failing = _failing(_copy(small, tmp_path),
                       f"UPDATE events SET source = target, target = source WHERE event_id = '{QUOTED}'")
    assert failing == {SWAPPED: QUOTED}


def test_check_leaves_dictionary_codes_and_whole_swaps_alone(small, tmp_path):
    """A dictionary's own actor code ("XYZ") names no country; a row swapped whole is consistent."""
    failing = _failing(_copy(small, tmp_path),
                       f"UPDATE events SET source_code = 'XYZ' WHERE event_id = '{QUOTED}'",
                       "UPDATE events SET source = target, target = source, source_code = target_code,"
                       " target_code = source_code WHERE doc_id = 'a'")
    assert failing == {}


# --- a store DuckDB cannot read -------------------------------------------------------------------------

def test_check_store_turns_a_read_error_into_a_store_file_error(tmp_path):
    con = duckdb.connect(str(tmp_path / "odd.duckdb"))
    try:
        for table in ("documents", "mentions", "quotes", "events", "evidence", "rejects", "corrections"):
            con.execute(f"CREATE TABLE {table} (x INTEGER)")
        with pytest.raises(StoreFileError) as caught:
            check_store(con)
    finally:
        con.close()
    assert caught.value.code == "E147" and "content_hash" in str(caught.value)
