"""``entente ingest`` with the coder options (forwarded to the pipeline, bad folders refused up front) and
``--workers``."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from entente.cli import cli

from tests.conftest import USER_TEXT
from tests.orchestrator.conftest import table_rows


def _corpus(tmp_path) -> str:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "q1", "text": USER_TEXT, "published": "2024-03-05"}) + "\n", encoding="utf-8")
    return str(path)


def _event_codes(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT source_code, target_code, cameo FROM events ORDER BY 1, 2, 3").fetchall()
    finally:
        con.close()


def test_ingest_cli_stores_events_of_the_users_dictionaries(tmp_path, user_dictionaries):
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(cli, ["ingest", _corpus(tmp_path), "--db", str(db), "--no-progress",
                                      "--dictionaries", str(user_dictionaries), "--min-confidence", "0"])
    assert result.exit_code == 0, result.output
    assert _event_codes(db) == [("XYZ", "IND", "190")]


def test_ingest_cli_threshold_drops_an_event_below_it(tmp_path, user_dictionaries):
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(cli, ["ingest", _corpus(tmp_path), "--db", str(db), "--no-progress",
                                      "--dictionaries", str(user_dictionaries), "--min-confidence", "0.95"])
    assert result.exit_code == 0, result.output
    assert _event_codes(db) == []


@pytest.mark.parametrize("extra", [[], ["--workers", "2"], ["--parquet", "PQ"]])
def test_ingest_cli_bad_dictionary_folder_fails_before_any_work(tmp_path, extra):
    db, folder = tmp_path / "s.duckdb", tmp_path / "empty"
    folder.mkdir()
    args = [a.replace("PQ", str(tmp_path / "pq")) for a in extra]
    result = CliRunner().invoke(cli, ["ingest", _corpus(tmp_path), "--db", str(db), "--dictionaries", str(folder),
                                      *args])
    assert result.exit_code == 2
    assert f"E131 cannot use dictionary folder {folder}: no dictionary files" in result.output
    assert not db.exists() and not (tmp_path / "pq").exists()


def test_ingest_cli_rejects_min_confidence_outside_zero_to_one(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", _corpus(tmp_path), "--db", str(tmp_path / "s.duckdb"),
                                      "--min-confidence", "2"])
    assert result.exit_code == 2
    assert "--min-confidence" in result.output


SAMPLE = Path(__file__).resolve().parents[2] / "sample" / "corpus.jsonl"


def test_ingest_cli_two_workers_store_what_one_process_stores(tmp_path):
    tables = {}
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.duckdb"
        result = CliRunner().invoke(cli, ["ingest", str(SAMPLE), "--db", str(db), "--no-progress",
                                          "--workers", workers])
        assert result.exit_code == 0, result.output
        tables[workers] = table_rows(db)
    assert len(tables["1"]["documents"]) == len(SAMPLE.read_text(encoding="utf-8").splitlines())
    assert tables["2"] == tables["1"]  # every row of every table (sorted), load times aside


@pytest.mark.parametrize("value", ["0", "lots"])
def test_ingest_cli_refuses_a_bad_worker_count(tmp_path, value):
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(cli, ["ingest", _corpus(tmp_path), "--db", str(db), "--workers", value])
    assert result.exit_code == 2
    assert "--workers" in result.output and "not 'auto' or a number of worker processes" in result.output
    assert not db.exists()
