"""GDELT readers: real samples (exact counts), 57/58/61 widths, Mentions, zip/gz, malformed rows."""

from __future__ import annotations

import gzip
import zipfile

import pytest

from entente.store.datasets import import_files
from entente.store.datasets.gdelt import GDELT1_COLUMNS, GDELT2_COLUMNS, sniff
from tests.store.datasets._fixtures import gdelt2_row, sample, store

# (file, read, stored, not dyadic); malformed and duplicates are 0 on a fresh store.
SAMPLE_COUNTS = [
    (("gdelt1", "gdelt1_events_sample.tsv"), 710, 182, 528),
    (("gdelt2", "20191024143000.export.CSV"), 2111, 543, 1568),
    (("gdelt2", "20260618133000.translation.export.CSV"), 1037, 173, 864),
    (("gdelt2", "20260618133000.translation.export.CSV.zip"), 1037, 173, 864),
]


def test_gdelt_layout_widths():
    assert len(GDELT1_COLUMNS) == 58 and len(GDELT2_COLUMNS) == 61
    assert GDELT2_COLUMNS[-1] == "SOURCEURL" and GDELT2_COLUMNS[39] == "Actor1Geo_ADM2Code"


@pytest.mark.parametrize("parts,read,stored,not_dyadic", SAMPLE_COUNTS)
def test_gdelt_sample_counts_exact(tmp_path, parts, read, stored, not_dyadic):
    con = store(tmp_path)
    (r,) = import_files(con, "gdelt", [sample(*parts)])
    assert (r.read, r.stored, r.malformed, r.not_dyadic, r.duplicates) == (read, stored, 0, not_dyadic, 0)
    assert r.balanced
    assert con.execute("SELECT count(*) FROM events").fetchall()[0][0] == stored


def test_gdelt_sample_reimport_adds_nothing(tmp_path):
    con = store(tmp_path)
    path = sample("gdelt2", "20191024143000.export.CSV")
    import_files(con, "gdelt", [path])
    (again,) = import_files(con, "gdelt", [path])
    assert again.stored == 0 and again.duplicates == 543 and again.balanced
    assert con.execute("SELECT count(*) FROM events").fetchall()[0][0] == 543


def test_gdelt_source_line_points_at_the_row(tmp_path):
    con = store(tmp_path)
    path = sample("gdelt2", "20191024143000.export.CSV")
    import_files(con, "gdelt", [path])
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = con.execute("SELECT event_id, source_line, cameo, url FROM events ORDER BY random() LIMIT 50").fetchall()
    for event_id, line, cameo, url in rows:
        fields = lines[line - 1].split("\t")
        assert event_id == f"gdelt2:{fields[0]}" and cameo == fields[26] and url == fields[60]


def test_gdelt_mapping_usa_pak(tmp_path):
    con = store(tmp_path)
    import_files(con, "gdelt", [sample("gdelt2", "20260618133000.translation.export.CSV")])
    rows = con.execute("""SELECT source, target, cameo, root, goldstein, quad_class, date, day, amount_usd,
        is_symmetric, confidence, dataset FROM events WHERE source = 'USA' AND target = 'PAK'""").fetchall()
    assert len(rows) == 3
    for r in rows:
        assert r[:4] == ("USA", "PAK", "015", "01") and r[6] == "2026-06-18" and str(r[7]) == "2026-06-18"
        assert r[8] is None and r[9] is False and r[10] is None and r[11] == "gdelt2"


def test_gdelt1_mixed_widths(tmp_path):
    con = store(tmp_path)
    import_files(con, "gdelt", [sample("gdelt1", "gdelt1_events_sample.tsv")])
    with_url, without = con.execute("SELECT count(url), count(*) - count(url) FROM events").fetchall()[0]
    assert with_url > 0 and without > 0  # 58-column daily rows carry SOURCEURL, 57-column back-file rows do not


def test_gdelt_mentions_join(tmp_path):
    con = store(tmp_path)
    reports = import_files(con, "gdelt", [sample("gdelt2", "20260618133000.translation.mentions.CSV.zip"),
                                          sample("gdelt2", "20260618133000.translation.export.CSV.zip")])
    events, mentions = reports  # events are imported first whatever the order given
    assert events.kind == "events" and mentions.kind == "mentions"
    assert mentions.read == 2073 and mentions.malformed == 0 and mentions.balanced
    assert mentions.matched > 0
    before = con.execute("SELECT sum(reports) FROM events").fetchall()[0][0]
    import_files(con, "gdelt", [sample("gdelt2", "20260618133000.translation.mentions.CSV")])
    assert con.execute("SELECT sum(reports) FROM events").fetchall()[0][0] == before  # idempotent


def test_gdelt_malformed_rows_counted_with_lines(tmp_path):
    good = [gdelt2_row(i, "USA", "PAK") for i in range(1, 4)]
    text = "\n".join([good[0], "1\t2\t3", "", good[1], gdelt2_row(9, "USA", "PAK", day="2024XX05"),
                      good[2] + "\textra", gdelt2_row(10, "AFR", "PAK")]) + "\n"
    path = tmp_path / "bad.export.CSV"
    path.write_bytes(text.encode("utf-8") + b"11\t\xff\xfe\n")
    con = store(tmp_path)
    (r,) = import_files(con, "gdelt", [path])
    assert r.balanced and r.read == 7  # the blank line 3 is not a row
    assert [line for line, _ in r.problems] == [2, 5, 6, 8]
    assert r.warnings == ["W201 not UTF-8: 1 line read as Latin-1 (the first is line 8)"]  # the others stay UTF-8
    assert "found 3" in r.problems[0][1] and "SQLDATE" in r.problems[1][1]
    assert (r.stored, r.not_dyadic, r.malformed) == (2, 1, 4)
    assert con.execute("SELECT list(source_line ORDER BY source_line) FROM events").fetchall()[0][0] == [1, 4]
    assert con.execute("SELECT count(*) FROM rejects WHERE code = 'E121'").fetchall()[0][0] == 4


def test_gdelt_gzip_and_zip(tmp_path):
    rows = "\n".join(gdelt2_row(i, "ROM", "USA") for i in range(1, 6)) + "\n"
    gz = tmp_path / "a.export.CSV.gz"
    gz.write_bytes(gzip.compress(rows.encode()))
    zp = tmp_path / "b.export.CSV.zip"
    with zipfile.ZipFile(zp, "w") as zf:
        zf.writestr("b.export.CSV", rows.replace("\t2024", "\t2023"))
    con = store(tmp_path)
    reports = import_files(con, "gdelt", [gz, zp])
    assert [r.stored for r in reports] == [5, 0]  # the zip holds the same GLOBALEVENTIDs
    assert reports[1].duplicates == 5
    assert con.execute("SELECT DISTINCT source FROM events").fetchall() == [("ROU",)]


def test_gdelt_sniff(tmp_path):
    p = tmp_path / "m.CSV"
    p.write_text("\t".join(["1"] * 16) + "\n")
    assert sniff(p) == "mentions"
    p.write_text(gdelt2_row(1, "USA", "PAK") + "\n")
    assert sniff(p) == "gdelt2"
