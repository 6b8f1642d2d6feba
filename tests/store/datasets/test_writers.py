"""Writers: GDELT 2.0 layout round trip, PLOVER JSONL, Parquet by month."""

from __future__ import annotations

import json

from entente.store.datasets import import_files
from entente.store.datasets.writers import write_gdelt, write_parquet, write_plover
from entente.store import connect
from tests.store.datasets._fixtures import gdelt2_row, sample, store

KEY = "SELECT source, target, cameo, date, goldstein, quad_class FROM events ORDER BY ALL"


def _entente_event(con, event_id="e1", source="ROU", target="PAK", cameo="0311", amount=2.5e9):
    con.execute("""INSERT INTO events (event_id, doc_id, dataset, source, target, source_actor, cameo, root, plover,
        goldstein, quad_class, date, day, place, lat, lon, amount_usd, trigger, reports, url)
        VALUES (?, 'd1', 'entente', ?, ?, 'Romania''s\tminister', ?, '03', 'AGREE', 5.2, 1, '2024-03', '2024-03-01',
                'Islamabad', 33.7, 73.1, ?, 'pledged', 2, 'https://example.org/x')""",
                [event_id, source, target, cameo, amount])


def test_writers_gdelt_exact_columns_and_round_trip(tmp_path):
    con = store(tmp_path)
    _entente_event(con)
    src = tmp_path / "in.export.CSV"
    src.write_text("\n".join(gdelt2_row(i, "USA", "PAK", code="0251") for i in range(1, 4)) + "\n")
    import_files(con, "gdelt", [src])
    out = tmp_path / "out" / "events.export.CSV"
    assert write_gdelt(con, out, dateadded="20240101000000") == 4
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and {line.count("\t") + 1 for line in lines} == {61}
    ours = next(line.split("\t") for line in lines if "ROM" in line)
    assert ours[7] == "ROM" and ours[26] == "0311" and ours[28] == "03" and ours[1] == "20240301"
    assert ours[6] == "Romania's minister"  # the TAB in the name cannot reach the file
    back = connect(tmp_path / "back.duckdb")
    (r,) = import_files(back, "gdelt", [out])
    assert r.stored == 4 and r.balanced
    assert back.execute(KEY).fetchall() == [
        (s, t, c, d[:10] if len(d) >= 10 else d + "-01", g, q) for s, t, c, d, g, q in con.execute(KEY).fetchall()]


def test_writers_gdelt_round_trip_real_sample(tmp_path):
    con = store(tmp_path)
    import_files(con, "gdelt", [sample("gdelt2", "20191024143000.export.CSV"),
                                sample("gdelt1", "gdelt1_events_sample.tsv")])
    out = tmp_path / "rt.export.CSV"
    write_gdelt(con, out)
    back = connect(tmp_path / "back.duckdb")
    (r,) = import_files(back, "gdelt", [out])
    assert r.malformed == 0 and r.not_dyadic == 0
    assert back.execute(KEY).fetchall() == con.execute(KEY).fetchall()


def test_writers_plover_jsonl_round_trip(tmp_path):
    con = store(tmp_path)
    _entente_event(con)
    _entente_event(con, "e2", cameo="010")  # CAMEO 01: PLOVER does not code it
    con.execute("UPDATE events SET plover = NULL WHERE event_id = 'e2'")
    out = tmp_path / "events.plover.jsonl"
    assert write_plover(con, out) == 1
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert {"id", "date", "actor", "event"} <= set(record)
    assert record["actor"][0]["code"] == "ROU" and record["event"] == ["AGREE"]
    assert record["entente"]["amount_usd"] == 2.5e9 and record["entente"]["cameo"] == "0311"
    back = connect(tmp_path / "back.duckdb")
    (r,) = import_files(back, "plover", [out])
    assert r.stored == 1
    assert back.execute("SELECT source, target, cameo, goldstein, amount_usd FROM events").fetchall() == [
        ("ROU", "PAK", "0311", 5.2, 2.5e9)]


def test_writers_parquet_partitioned_by_month(tmp_path):
    con = store(tmp_path)
    _entente_event(con)
    src = tmp_path / "in.export.CSV"
    src.write_text(gdelt2_row(1, "USA", "PAK", day="20231231") + "\n")
    import_files(con, "gdelt", [src])
    write_parquet(con, tmp_path / "pq")
    months = sorted(p.name for p in (tmp_path / "pq" / "events").iterdir())
    assert months == ["month=2023-12", "month=2024-03"]
    assert (tmp_path / "pq" / "documents.parquet").exists()
    n = con.execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/pq/events/*/*.parquet')").fetchall()[0][0]
    assert n == 2
