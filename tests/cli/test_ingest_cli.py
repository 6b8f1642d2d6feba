"""``entente ingest`` with the coder options: forwarded to the pipeline, bad folders refused up front."""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner

from entente.cli import cli

from tests.conftest import USER_TEXT


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
