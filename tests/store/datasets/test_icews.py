"""ICEWS reader: synthetic fixtures in the ICEWS layout (own content); the real sample from ../shared when present."""

from __future__ import annotations

from entente.store.datasets import import_files
from tests.store.datasets._fixtures import ICEWS_HEADER, sample, store


def _row(eid: str, day: str, src: str, tgt: str, code: str = "040", intensity: str = "1") -> str:
    return "\t".join([eid, day, f"Official ({src})", "Government", src, "Consult", code, intensity,
                      f"Official ({tgt})", "NA", tgt, "1", "1", "Synthetic Wire", "Testville", "NA", "NA",
                      src, "10.5", "20.25"])


def test_icews_synthetic_mapping_and_quirks(tmp_path):
    rows = [_row("1", "2018-06-01", "Russian Federation", "Pakistan"),
            _row("2", "6/2/2018", "Occupied Palestinian Territory", "United States", code="43", intensity="9"),
            _row("3", "2018-06-03", "NA", "India"),
            _row("4", "not a date", "India", "Pakistan"),
            "5\t2018-06-01\ttoo few",
            _row("1", "2018-06-05", "India", "Pakistan") + "\t\t",  # trailing tabs; same Event ID, other date
            _row("1", "2018-06-01", "Russian Federation", "Pakistan")]  # exact duplicate of line 2
    path = tmp_path / "events.synthetic.tab"
    path.write_text(ICEWS_HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    con = store(tmp_path)
    (r,) = import_files(con, "icews", [path])
    assert (r.read, r.stored, r.duplicates, r.malformed, r.not_dyadic) == (7, 3, 1, 2, 1) and r.balanced
    assert [line for line, _ in r.problems] == [5, 6]
    got = con.execute("""SELECT event_id, source, target, cameo, goldstein, quad_class, date, source_line, plover
        FROM events ORDER BY source_line""").fetchall()
    assert got[0] == ("icews:1:20180601", "RUS", "PAK", "040", 1.0, 1, "2018-06-01", 2, "CONSULT")
    # "43" lost its leading zero (CAMEO roots stop at 20); the CAMEO Goldstein weight wins over Intensity.
    assert got[1][:7] == ("icews:2:20180602", "PSE", "USA", "043", 2.8, 1, "2018-06-02")
    assert got[2][0] == "icews:1:20180605" and got[2][7] == 7


def test_icews_rejects_non_icews_header(tmp_path):
    path = tmp_path / "x.tab"
    path.write_text("a\tb\n1\t2\n")
    (r,) = import_files(store(tmp_path), "icews", [path])
    assert isinstance(r.error, ValueError) and r.error.code == "E144" and "not an ICEWS file" in str(r.error)
    assert (r.read, r.stored) == (0, 0) and r.balanced


def test_icews_real_sample_counts(tmp_path):
    # Research-only data: read from ../shared at test time, never copied into the repository.
    con = store(tmp_path)
    (r,) = import_files(con, "icews", [sample("icews", "events.2018.sample.tab")])
    assert (r.read, r.stored, r.malformed, r.not_dyadic, r.duplicates) == (3705, 3337, 0, 368, 0)
    assert r.balanced
    assert con.execute("SELECT count(*) FROM events WHERE 'PAK' IN (source, target)").fetchall()[0][0] > 0
