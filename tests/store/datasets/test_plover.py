"""PLOVER JSON/JSONL reader on synthetic records (own content)."""

from __future__ import annotations

import json

from entente.store.datasets import import_files
from tests.store.datasets._fixtures import store


def test_plover_jsonl_shapes_and_bad_lines(tmp_path):
    lines = [json.dumps({"id": "a1", "date": "2016-07-24", "actor": [{"code": "USA"}],
                         "recipient": [{"code": "CAN"}], "event": ["CONSULT"], "entente": {"amount_usd": 5.5}}),
             json.dumps({"id": "a2", "date": "2016-07-25", "actor": {"code": "usa"}, "recipient": "IRN",
                         "event": "THREATEN"}),
             "not json", "",
             json.dumps({"id": "a3", "date": "2016-07-24", "source": [{"code": "USA"}], "event": ["AID"]}),
             json.dumps({"id": "a4", "event": ["AID"], "actor": [{"code": "USA"}], "recipient": [{"code": "FRA"}]}),
             json.dumps(["an", "array"])]
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    con = store(tmp_path)
    (r,) = import_files(con, "plover", [path])
    assert (r.read, r.stored, r.malformed, r.not_dyadic) == (6, 2, 3, 1) and r.balanced
    assert [line for line, _ in r.problems] == [3, 6, 7]
    got = con.execute("""SELECT event_id, source, target, plover, cameo, quad_class, amount_usd, source_line
        FROM events ORDER BY source_line""").fetchall()
    assert got[0] == ("plover:a1", "USA", "CAN", "CONSULT", "040", 1, 5.5, 1)
    assert got[1][:4] == ("plover:a2", "USA", "IRN", "THREATEN") and got[1][5] == 3


def test_plover_json_array(tmp_path):
    path = tmp_path / "records.json"
    path.write_text(json.dumps([{"id": "b1", "date": "2020-01-01", "actor": [{"code": "CHN"}],
                                 "recipient": [{"code": "IND"}], "event": ["PROTEST"]}]), encoding="utf-8")
    (r,) = import_files(store(tmp_path), "plover", [path])
    assert r.stored == 1 and r.balanced
