"""Damaged, hostile and oversized dataset files (issue 17, item 3), all synthetic (own content).

Rules under test: a file that cannot be imported stores nothing (a transaction per file) and carries a
coded error in its report while the other files carry on; an over-long line is a malformed row with its
true number; unknown codes and Goldstein values outside [-10, 10] are malformed rows, never stored;
archives are decompressed in memory within limits; no temporary file is left behind.
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
import time
import zipfile

import pytest

import entente.store.datasets as datasets
from entente.errors import MESSAGES
from entente.settings import reload_settings
from entente.store.datasets import ArchiveCorrupt, ArchiveTooLarge, DatasetFileError, import_files
from entente.store.datasets.inputs import ImportLimits, import_limits
from tests.store.datasets._fixtures import ICEWS_HEADER, gdelt2_row, store

ROWS = "".join(gdelt2_row(i, "USA", "PAK", url=f"https://example.org/{i * 7919 % 10007}") + "\n"
               for i in range(1, 3001)).encode()


def _events(con) -> int:
    return con.execute("SELECT count(*) FROM events").fetchall()[0][0]


def _good(tmp_path, name="good.export.CSV", first=100_001, n=3):
    path = tmp_path / name
    path.write_text("".join(gdelt2_row(first + i, "IND", "PAK") + "\n" for i in range(n)))
    return path


# --- a. corrupt and truncated archives ------------------------------------------------------------

def test_truncated_gzip_is_e142_nothing_stored_and_the_next_file_goes_on(tmp_path):
    packed = gzip.compress(ROWS)
    bad = tmp_path / "cut.export.CSV.gz"
    bad.write_bytes(packed[: len(packed) * 2 // 3])
    con = store(tmp_path)
    r_bad, r_good = import_files(con, "gdelt", [bad, _good(tmp_path)])
    assert isinstance(r_bad.error, ArchiveCorrupt) and r_bad.error.code == "E142"
    assert str(bad) in str(r_bad.error) and "truncated" in str(r_bad.error) and "ends early" in str(r_bad.error)
    assert r_bad.error.after_line and 0 < r_bad.error.after_line < 3000  # says where it broke
    assert f"noticed after line {r_bad.error.after_line:,}" in str(r_bad.error)
    assert (r_bad.read, r_bad.stored, r_bad.malformed) == (0, 0, 0) and r_bad.balanced
    assert r_good.error is None and r_good.stored == 3
    assert _events(con) == 3  # none of the rows read before the cut
    assert con.execute("SELECT count(*) FROM rejects").fetchall()[0][0] == 0


def test_gzip_with_a_flipped_byte_fails_its_checksum(tmp_path):
    # DuckDB's own gzip reader does not check the CRC: this file used to import altered rows silently.
    packed = bytearray(gzip.compress(ROWS))
    packed[len(packed) // 2] ^= 0xFF
    bad = tmp_path / "flip.export.CSV.gz"
    bad.write_bytes(bytes(packed))
    con = store(tmp_path)
    (r,) = import_files(con, "gdelt", [bad])
    assert r.error is not None and r.error.code == "E142"
    assert _events(con) == 0


def test_random_bytes_and_truncated_zip_are_e142(tmp_path):
    random_zip = tmp_path / "noise.zip"
    random_zip.write_bytes(os.urandom(3000))
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.export.CSV", ROWS)
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    random_gz = tmp_path / "noise.export.CSV.gz"
    random_gz.write_bytes(os.urandom(3000))
    for dataset in ("gdelt", "icews", "polecat", "plover"):
        con = store(tmp_path / dataset)
        reports = import_files(con, dataset, [random_zip, cut, random_gz])
        assert [r.error.code if r.error else None for r in reports] == ["E142", "E142", "E142"], dataset
        assert all(r.path in str(r.error) and r.balanced for r in reports)
        assert _events(con) == 0
        con.close()


def test_zip_member_with_a_bad_crc_fails_alone(tmp_path):
    path = tmp_path / "two.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("bad.export.CSV", ROWS)
        zf.writestr("good.export.CSV", _good(tmp_path).read_bytes())
    data = bytearray(path.read_bytes())
    at = data.index(b"https://example.org/")  # stored, not compressed: flip a byte of the first member's text
    data[at] ^= 0x20
    path.write_bytes(bytes(data))
    con = store(tmp_path)
    bad, good = import_files(con, "gdelt", [path])
    assert bad.path == f"{path}!bad.export.CSV" and bad.error is not None and bad.error.code == "E142"
    assert "CRC" in str(bad.error)
    assert good.error is None and good.stored == 3 and _events(con) == 3


# --- b. over-long lines -----------------------------------------------------------------------------

@pytest.mark.parametrize("packing", ["plain", "gz", "zip"])
def test_over_long_line_is_malformed_with_its_true_number(tmp_path, packing):
    limit = import_limits().max_line_bytes
    lines = [gdelt2_row(i, "USA", "PAK") for i in range(1, 6)]
    lines.insert(2, "x" * (limit * 2 + 12345))  # line 3: longer than a read block, never held whole
    lines.insert(5, "\t" * (limit + 1))  # line 6: over the limit by a byte, inside a block
    data = ("\n".join(lines) + "\n" + "y" * (limit + 10)).encode()  # line 8: over-long, no final newline
    path = tmp_path / "long.export.CSV"
    if packing == "gz":
        path = path.with_suffix(".CSV.gz")
        path.write_bytes(gzip.compress(data))
    elif packing == "zip":
        path = tmp_path / "long.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("long.export.CSV", data)
    else:
        path.write_bytes(data)
    con = store(tmp_path)
    (r,) = import_files(con, "gdelt", [path])
    assert r.error is None and r.balanced
    assert r.problems == [(n, f"line longer than {limit:,} bytes") for n in (3, 6, 8)]
    assert (r.read, r.stored, r.malformed) == (8, 5, 3)
    got = con.execute("SELECT event_id, source_line FROM events ORDER BY source_line").fetchall()
    assert got == [("gdelt2:1", 1), ("gdelt2:2", 2), ("gdelt2:3", 4), ("gdelt2:4", 5), ("gdelt2:5", 7)]
    assert con.execute("SELECT list(line ORDER BY line) FROM rejects").fetchall()[0][0] == [3, 6, 8]


def test_crlf_and_blank_lines_keep_numbers(tmp_path):
    path = tmp_path / "crlf.export.CSV"
    path.write_bytes(("\r\n".join([gdelt2_row(1, "USA", "PAK"), "", gdelt2_row(2, "USA", "PAK")]) + "\r\n").encode())
    con = store(tmp_path)
    (r,) = import_files(con, "gdelt", [path])
    assert (r.read, r.stored) == (2, 2)
    assert con.execute("SELECT list(source_line ORDER BY source_line), max(url) FROM events").fetchall()[0] == (
        [1, 3], "https://example.org/a")


# --- c. unknown codes and Goldstein values out of range ----------------------------------------------

def test_gdelt_unknown_code_and_goldstein_out_of_range_are_malformed(tmp_path):
    path = tmp_path / "codes.export.CSV"
    path.write_text("\n".join([gdelt2_row(1, "USA", "PAK"),
                               gdelt2_row(2, "USA", "PAK", code="999"),
                               gdelt2_row(3, "USA", "PAK", goldstein="55.5"),
                               gdelt2_row(4, "USA", "PAK", goldstein="nan"),
                               gdelt2_row(5, "USA", "PAK", goldstein="lots"),
                               gdelt2_row(6, "USA", "PAK", goldstein="-10"),
                               gdelt2_row(7, "USA", "PAK", goldstein="")]) + "\n")
    con = store(tmp_path)
    (r,) = import_files(con, "gdelt", [path])
    assert r.balanced and (r.read, r.stored, r.malformed) == (7, 3, 4)
    assert r.problems == [(2, "unknown CAMEO EventCode '999'"),
                          (3, "GoldsteinScale 55.5 is not a Goldstein weight in [-10, 10]"),
                          (4, "GoldsteinScale nan is not a Goldstein weight in [-10, 10]"),
                          (5, "GoldsteinScale lots is not a Goldstein weight in [-10, 10]")]
    assert con.execute("SELECT list(source_line ORDER BY source_line) FROM events").fetchall()[0][0] == [1, 6, 7]
    assert con.execute("SELECT count(*) FROM rejects WHERE code = 'E121'").fetchall()[0][0] == 4


def test_polecat_and_plover_unknown_types_are_malformed(tmp_path):
    header = ["Event ID", "Event Date", "Event Type", "Event Mode", "Actor Country", "Recipient Country"]
    polecat = tmp_path / "ngecEvents.txt"
    polecat.write_text("\n".join(["\t".join(header), "\t".join(["P1", "2023-01-02", "CONSULT", "", "USA", "PAK"]),
                                  "\t".join(["P2", "2023-01-02", "NOTATYPE", "", "USA", "PAK"])]) + "\n")
    con = store(tmp_path)
    (r,) = import_files(con, "polecat", [polecat])
    assert (r.stored, r.malformed) == (1, 1) and r.problems == [(3, "unknown PLOVER Event Type 'NOTATYPE'")]

    def rec(i, **extra):
        return json.dumps({"id": f"x{i}", "date": "2020-01-01", "actor": "USA", "recipient": "PAK",
                           "event": "CONSULT", **extra})

    plover = tmp_path / "p.jsonl"
    plover.write_text("\n".join([rec(1), rec(2, event="NOT_A_TYPE"), rec(3, entente={"goldstein": 55.5}),
                                 rec(4, entente={"cameo": "999"}), rec(5, entente={"goldstein": -3})]) + "\n")
    (r,) = import_files(con, "plover", [plover])
    assert r.balanced and (r.stored, r.malformed) == (2, 3)
    assert r.problems == [(2, "unknown PLOVER event type 'NOT_A_TYPE'"),
                          (3, "entente.goldstein 55.5 is not a Goldstein weight in [-10, 10]"),
                          (4, "unknown CAMEO code '999' in entente.cameo")]
    assert con.execute("SELECT list(event_id ORDER BY event_id) FROM events").fetchall()[0][0] == [
        "plover:x1", "plover:x5", "polecat:P1"]


def test_icews_unknown_or_missing_cameo_code_is_malformed(tmp_path):
    def row(eid, code):
        return "\t".join([eid, "2018-06-01", "A", "G", "India", "x", code, "1", "B", "G", "Pakistan", "1", "1", "W",
                          "", "", "", "India", "1", "2"])

    path = tmp_path / "events.tab"
    path.write_text("\n".join([ICEWS_HEADER, row("1", "040"), row("2", "999"), row("3", "NA")]) + "\n")
    con = store(tmp_path)
    (r,) = import_files(con, "icews", [path])
    assert (r.stored, r.malformed) == (1, 2) and r.balanced
    assert r.problems == [(3, "unknown CAMEO Code '999'"), (4, "no CAMEO Code")]


# --- d. expansion limits ---------------------------------------------------------------------------

def test_gzip_beyond_the_size_limit_stops_early_with_e143(tmp_path, monkeypatch):
    monkeypatch.setenv("ENTENTE_IMPORT_MAX_BYTES", "1M")
    reload_settings()
    path = tmp_path / "bomb.export.CSV.gz"
    path.write_bytes(gzip.compress(ROWS * 60, compresslevel=1))  # ~50 MB expanded
    con = store(tmp_path)
    t0 = time.perf_counter()
    r_bomb, r_good = import_files(con, "gdelt", [path, _good(tmp_path)])
    assert time.perf_counter() - t0 < 10
    assert isinstance(r_bomb.error, ArchiveTooLarge) and r_bomb.error.code == "E143"
    text = str(r_bomb.error)
    assert str(path) in text and "1.0 MiB" in text and "ENTENTE_IMPORT_MAX_BYTES" in text
    assert r_bomb.error.limit == 1 << 20
    assert r_good.stored == 3 and _events(con) == 3


def test_ratio_limit_and_zip_declared_size(tmp_path, monkeypatch):
    limits = ImportLimits(max_line_bytes=1 << 20, max_expanded_bytes=1 << 40, max_expansion_ratio=20,
                          ratio_free_bytes=1000)
    monkeypatch.setattr(datasets, "import_limits", lambda: limits)
    gz = tmp_path / "dense.export.CSV.gz"
    gz.write_bytes(gzip.compress(ROWS))  # compresses over 20 times
    zp = tmp_path / "dense.zip"
    with zipfile.ZipFile(zp, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.export.CSV", ROWS)
        zf.writestr("b.export.CSV", b"")
    con = store(tmp_path)
    reports = import_files(con, "gdelt", [gz, zp])
    assert [r.error.code if r.error else None for r in reports] == ["E143", "E143", None]
    assert "20 times its size" in str(reports[0].error) and "ENTENTE_IMPORT_MAX_RATIO" in str(reports[0].error)
    assert _events(con) == 0


def test_limits_come_from_the_data_file_and_the_environment(monkeypatch):
    monkeypatch.delenv("ENTENTE_IMPORT_MAX_BYTES", raising=False)
    monkeypatch.delenv("ENTENTE_IMPORT_MAX_RATIO", raising=False)
    reload_settings()
    default = import_limits()
    assert default.max_expansion_ratio == 200 and default.max_expanded_bytes == 4 << 30
    assert default.max_line_bytes == 2 << 20
    monkeypatch.setenv("ENTENTE_IMPORT_MAX_BYTES", "16G")
    monkeypatch.setenv("ENTENTE_IMPORT_MAX_RATIO", "500")
    reload_settings()
    assert (import_limits().max_expanded_bytes, import_limits().max_expansion_ratio) == (16 << 30, 500)


# --- e. no temporary files, atomic files ----------------------------------------------------------

def _tmp_entries(folder):
    return sorted(p.name for p in folder.iterdir())


def test_no_temporary_files_left_and_stale_ones_cleaned(tmp_path, monkeypatch):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    for stale in ("entente-import-k1ll3d", "entente-plover-0ld"):
        (tmp / stale).mkdir()
        (tmp / stale / "0-0-big.export.CSV").write_text("left by a killed import")
    (tmp / "someone-elses").mkdir()
    inputs = tmp_path / "in"
    inputs.mkdir()
    zp = inputs / "a.zip"
    with zipfile.ZipFile(zp, "w") as zf:
        zf.writestr("a.export.CSV", ROWS)
    cut = inputs / "cut.zip"
    cut.write_bytes(zp.read_bytes()[:-30])
    array = inputs / "records.json"
    array.write_text(json.dumps([{"id": "b1", "date": "2020-01-01", "actor": "CHN", "recipient": "IND",
                                  "event": "PROTEST"}]))
    con = store(tmp_path)
    import_files(con, "gdelt", [zp, cut])
    import_files(con, "plover", [array])
    assert _tmp_entries(tmp) == ["someone-elses"]


def test_interrupted_file_stores_nothing(tmp_path, monkeypatch):
    from entente.store.datasets import gdelt

    real = gdelt.store_stage

    def interrupted(*args, **kwargs):
        real(*args, **kwargs)  # the rows are in the events table (inside the file's transaction) ...
        raise KeyboardInterrupt  # ... when the user presses Ctrl-C

    monkeypatch.setattr(gdelt, "store_stage", interrupted)
    con = store(tmp_path)
    with pytest.raises(KeyboardInterrupt):
        import_files(con, "gdelt", [_good(tmp_path)])
    assert _events(con) == 0
    monkeypatch.setattr(gdelt, "store_stage", real)
    (r,) = import_files(con, "gdelt", [_good(tmp_path)])  # the connection is usable afterwards
    assert r.stored == 3


def test_interrupt_while_streaming_is_raised_as_such(tmp_path, monkeypatch):
    from entente.store.datasets import inputs

    calls = []
    real = inputs._Stream.read

    def read(self, n):
        if n == inputs.CHUNK:  # reading the lines (not sniffing the head)
            calls.append(n)
            if len(calls) > 3:  # in the middle of the lines DuckDB is pulling in
                raise KeyboardInterrupt
            return real(self, 100_000)
        return real(self, n)

    monkeypatch.setattr(inputs._Stream, "read", read)
    con = store(tmp_path)
    path = tmp_path / "a.export.CSV"
    path.write_bytes(ROWS)
    with pytest.raises(KeyboardInterrupt):
        import_files(con, "gdelt", [path])
    assert len(calls) == 4
    monkeypatch.setattr(inputs._Stream, "read", real)
    assert _events(con) == 0
    assert import_files(con, "gdelt", [_good(tmp_path)])[0].stored == 3


def test_io_error_is_coded(tmp_path):
    folder = tmp_path / "a.export.CSV"
    folder.mkdir()  # reading a folder is an OSError
    (r,) = import_files(store(tmp_path), "gdelt", [folder, tmp_path / "missing.export.CSV.gz"])[:1]
    assert isinstance(r.error, DatasetFileError) and r.error.code == "E145" and "cannot be read" in str(r.error)
    assert all(code in MESSAGES for code in ("E142", "E143", "E144", "E145"))


# --- PLOVER JSON arrays, streamed ----------------------------------------------------------------

def _rec(i: int) -> dict:
    return {"id": f"a{i}", "date": "2020-01-01", "actor": [{"code": "CHN"}], "recipient": [{"code": "IND"}],
            "event": ["PROTEST"]}


def test_plover_array_pretty_printed_with_bom(tmp_path):
    path = tmp_path / "records.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps([_rec(i) for i in range(1, 4)] + ["not an object"],
                                                  indent=2).encode())
    (r,) = import_files(store(tmp_path), "plover", [path])
    assert (r.read, r.stored, r.malformed) == (4, 3, 1) and r.problems == [(4, "not a JSON object")]


def test_plover_truncated_array_keeps_whole_elements_and_says_where_it_broke(tmp_path):
    text = json.dumps([_rec(i) for i in range(1, 6)])
    path = tmp_path / "records.json"
    path.write_text(text[: text.index('"a4"') + 2])
    con = store(tmp_path)
    (r,) = import_files(con, "plover", [path])
    assert r.balanced and (r.read, r.stored, r.malformed) == (4, 3, 1)
    assert r.problems[0][0] == 4 and "not valid JSON" in r.problems[0][1] and "truncated" in r.problems[0][1]
    closed = tmp_path / "unclosed.json"
    closed.write_text(text[: text.index(', {"id": "a3"')])
    (r,) = import_files(con, "plover", [closed])
    assert (r.read, r.duplicates) == (2, 2) and any("not closed after element 2" in w for w in r.warnings)


def test_plover_empty_array_and_text_after_it(tmp_path):
    path = tmp_path / "records.json"
    path.write_text("[ ]\n")
    (r,) = import_files(store(tmp_path), "plover", [path])
    assert r.read == 0 and r.error is None
    path.write_text(json.dumps([_rec(1)]) + "\n" + json.dumps([_rec(2)]))
    (r,) = import_files(store(tmp_path / "b"), "plover", [path])
    assert r.stored == 1 and "text after the end of the JSON array is not read" in r.warnings
