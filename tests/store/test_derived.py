"""Derived columns: the merged flag and the country lists, set by writers, derived for older stores."""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner

from entente.cli import cli
from entente.pipeline import ingest
from entente.store import DERIVED_COLUMNS, SCHEMA_VERSION, StoreOutdated, connect, derive_columns
from entente.store.check import check_store

LISTS = ("event_id, merged, sentence_countries, document_countries, cluster_sentence_countries,"
         " cluster_document_countries")


def _lists(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT {LISTS} FROM events ORDER BY event_id").fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def merged_db(tmp_path_factory):
    """Two reports of one deal (the second's sentence names a place in the Philippines) and another event."""
    docs = [
        {"id": "a", "published": "2024-03-05",
         "text": "Japan and Vietnam signed a maritime agreement in Hanoi on Monday. Thailand welcomed the talks."},
        {"id": "b", "published": "2024-03-06",
         "text": "Vietnam and Japan signed a maritime agreement in Manila on 4 March, officials said."},
        {"id": "c", "published": "2024-09-01", "text": "France accused Russia of cyber attacks on its elections."},
    ]
    tmp = tmp_path_factory.mktemp("derived")
    corpus = tmp / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    db = tmp / "m.duckdb"
    assert ingest([str(corpus)], str(db)).added == 3
    return db


def test_derived_merge_flags_further_reports_and_keeps_the_union_on_the_first(merged_db):
    rows = {r[0]: r for r in _lists(merged_db)}
    con = duckdb.connect(str(merged_db), read_only=True)
    deal = con.execute("SELECT event_id, doc_id, cluster_id FROM events WHERE plover = 'SUPPORT' ORDER BY doc_id"
                       ).fetchall()
    con.close()
    (first, _, cluster), (second, _, cluster_b) = deal
    assert cluster == cluster_b == first
    assert (rows[first][1], rows[second][1]) == (False, True)
    assert "PHL" in rows[second][2].split() and "PHL" not in rows[first][2].split()
    assert "PHL" in rows[first][4].split()  # the representative carries every report's countries
    assert set(rows[first][5].split()) >= {"JPN", "VNM", "THA"}
    assert rows[second][4] is None
    con = connect(merged_db, read_only=True)
    assert all(r.ok for r in check_store(con)), [r for r in check_store(con) if not r.ok]
    con.close()


def test_derived_sql_twin_gives_what_the_writer_wrote(merged_db, tmp_path):
    written = _lists(merged_db)
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(merged_db.read_bytes())
    con = connect(copy)
    con.execute("UPDATE events SET merged = FALSE, sentence_countries = NULL, document_countries = NULL,"
                " cluster_sentence_countries = NULL, cluster_document_countries = NULL")
    assert derive_columns(con) > 0
    con.close()
    assert _lists(copy) == written


def test_derived_older_store_is_refused_read_only_and_upgraded_by_check(merged_db, tmp_path):
    written = _lists(merged_db)
    old = tmp_path / "old.duckdb"
    old.write_bytes(merged_db.read_bytes())
    con = duckdb.connect(str(old))
    for column in DERIVED_COLUMNS:
        con.execute(f"ALTER TABLE events DROP COLUMN {column}")
    con.execute("DROP TABLE schema_version")  # as entente 0.1 wrote it
    con.close()
    with pytest.raises(StoreOutdated, match=f"schema version 0, now {SCHEMA_VERSION}.*check --upgrade"):
        connect(old, read_only=True)
    result = CliRunner().invoke(cli, ["dyad", "JPN", "VNM", "--db", str(old)])
    assert result.exit_code != 0
    result = CliRunner().invoke(cli, ["check", "--upgrade", "--db", str(old)])
    assert result.exit_code == 0, result.output
    assert _lists(old) == written


def test_store_versions_new_stores_and_runs_pending_migrations_in_order(merged_db, tmp_path):
    from entente.store import MIGRATIONS, SCHEMA_VERSION, pending_migrations, schema_version

    con = connect(tmp_path / "new.duckdb")
    assert schema_version(con) == SCHEMA_VERSION and pending_migrations(con) == []
    con.close()
    old = tmp_path / "old.duckdb"
    old.write_bytes(merged_db.read_bytes())
    con = duckdb.connect(str(old))
    con.execute("DROP TABLE schema_version")
    assert schema_version(con) == 0
    pending = [v for v, _ in pending_migrations(con)]
    assert pending == [v for v, _, _ in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
    con.close()
    result = CliRunner().invoke(cli, ["check", "--upgrade", "--db", str(old)])
    assert result.exit_code == 0, result.output
    assert f"schema version 0 -> {SCHEMA_VERSION}" in result.output
    con = duckdb.connect(str(old), read_only=True)
    recorded = con.execute("SELECT version FROM schema_version ORDER BY applied_at, version").fetchall()
    assert [v for (v,) in recorded] == list(range(1, SCHEMA_VERSION + 1))
    con.close()
    assert f"schema version {SCHEMA_VERSION}" in CliRunner().invoke(cli, ["check", "--db", str(old)]).output


def test_store_written_by_a_newer_entente_is_refused(merged_db, tmp_path):
    newer = tmp_path / "newer.duckdb"
    newer.write_bytes(merged_db.read_bytes())
    con = duckdb.connect(str(newer))
    con.execute("INSERT INTO schema_version (version, note) VALUES (99, 'from the future')")
    con.close()
    for read_only in (True, False):
        with pytest.raises(StoreOutdated, match="newer entente"):
            connect(newer, read_only=read_only)
