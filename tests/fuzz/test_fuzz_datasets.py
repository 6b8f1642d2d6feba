"""Hostile dataset files: random bytes, mangled rows, truncated and bit-flipped archives, fed to every
dataset reader. Every outcome is a report that balances, or a report carrying a coded error with nothing
stored from its file; nothing else is raised, and the store keeps only rows that hold together (a known
CAMEO code and PLOVER type, a Goldstein weight in [-10, 10], a source line). Example counts are bounded
for CI (the whole module runs in a few seconds)."""

from __future__ import annotations

import gzip
import io
import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entente.coding import ontology
from entente.errors import MESSAGES
from entente.store import connect
from entente.store.datasets import DATASETS, DatasetFileError, import_files
from tests.store.datasets._fixtures import ICEWS_HEADER, gdelt2_row

POLECAT_HEADER = "Event ID\tEvent Date\tEvent Type\tEvent Mode\tActor Country\tRecipient Country\tIntensity"
SUFFIXES = {"gdelt": ".export.CSV", "icews": ".tab", "polecat": ".txt", "plover": ".jsonl"}
PACKINGS = ["plain", "gz", "zip"]
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _good_lines(dataset: str, i: int) -> list[str]:
    """A header (where the dataset has one) and two good rows, ids from ``i``."""
    if dataset == "gdelt":
        return [gdelt2_row(i, "USA", "PAK"), gdelt2_row(i + 1, "IND", "CHN", code="190", goldstein="-10")]
    if dataset == "icews":
        row = "\t".join([f"{i}", "2018-06-01", "A", "G", "India", "x", "040", "1", "B", "G", "Pakistan", "1", "1",
                         "W", "", "", "", "India", "1", "2"])
        return [ICEWS_HEADER, row, row.replace(f"{i}\t", f"{i + 1}\t", 1)]
    if dataset == "polecat":
        return [POLECAT_HEADER, f"P{i}\t2023-01-02\tCONSULT\tvisit\tUSA\tPAK\t4",
                f"P{i + 1}\t2023-01-03\tASSAULT\t\tIND\tCHN\t-9"]
    return [json.dumps({"id": f"r{i + k}", "date": "2020-01-01", "actor": "USA", "recipient": "PAK",
                        "event": ["CONSULT", "ASSAULT"][k]}) for k in (0, 1)]


def _pack(data: bytes, packing: str, name: str) -> tuple[str, bytes]:
    if packing == "gz":
        return name + ".gz", gzip.compress(data, mtime=0)
    if packing == "zip":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(name, data)
        return name + ".zip", buf.getvalue()
    return name, data


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    """One store for all examples: it must stay consistent whatever was thrown at it."""
    c = connect(tmp_path_factory.mktemp("fuzz") / "store.duckdb")
    yield c
    c.close()


def _check(con, reports, before: int) -> None:
    for r in reports:
        assert r.balanced, r
        if r.error is not None:
            assert isinstance(r.error, DatasetFileError) and r.error.code in MESSAGES
            assert (r.read, r.stored, r.malformed) == (0, 0, 0)
        assert all(line is None or line >= 1 for line, _ in r.problems)
    after = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    assert after == before + sum(r.stored for r in reports)
    codes = set(ontology.all_cameo_codes())
    bad = con.execute("""SELECT event_id, cameo, plover, goldstein FROM events
        WHERE source_line IS NULL OR source_line < 1 OR goldstein NOT BETWEEN -10 AND 10
           OR (plover IS NOT NULL AND plover NOT IN (SELECT unnest(?)))""", [list(ontology.all_plover_types())]
                      ).fetchall()
    assert bad == []
    stored = {c for (c,) in con.execute("SELECT DISTINCT cameo FROM events WHERE cameo IS NOT NULL").fetchall()}
    assert stored <= codes


def _import(con, tmp_path, dataset: str, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    before = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    reports = import_files(con, dataset, [path])  # anything raised here fails the test
    _check(con, reports, before)
    return reports


@FUZZ
@given(dataset=st.sampled_from(DATASETS), packing=st.sampled_from(PACKINGS),
       data=st.one_of(st.binary(max_size=3000), st.binary(max_size=300).map(lambda b: b"[" + b)))
def test_fuzz_dataset_readers_survive_random_bytes(con, tmp_path, dataset, packing, data):
    name, payload = _pack(data, packing, "noise" + SUFFIXES[dataset])
    _import(con, tmp_path, dataset, name, payload)
    _import(con, tmp_path, dataset, "raw" + SUFFIXES[dataset] + (".gz" if packing == "gz" else ""), data)


MANGLE = st.sampled_from(["", "\t", "\x00", "\r", "\xff", "NA", "None", "999", "55.5", "-nan", "[", "{", "}", '"',
                          "\u202e", "\ufeff", "NOTATYPE", "2024-13-45", "USA", "9" * 30])


@FUZZ
@given(dataset=st.sampled_from(DATASETS), packing=st.sampled_from(PACKINGS), seed=st.integers(0, 10**9),
       edits=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 400), MANGLE), max_size=6),
       blank=st.booleans())
def test_fuzz_dataset_readers_mangled_rows(con, tmp_path, dataset, packing, seed, edits, blank):
    lines = _good_lines(dataset, seed)
    for row, at, text in edits:
        row %= len(lines)
        lines[row] = lines[row][:at] + text + lines[row][at:]
    if blank:
        lines.insert(1, "")
    name, payload = _pack(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"), packing,
                          f"rows{SUFFIXES[dataset]}")
    _import(con, tmp_path, dataset, name, payload)


@FUZZ
@given(dataset=st.sampled_from(DATASETS), packing=st.sampled_from(["gz", "zip"]), seed=st.integers(0, 10**9),
       cut=st.floats(0, 1), flips=st.lists(st.tuples(st.floats(0, 1), st.integers(1, 255)), max_size=3))
def test_fuzz_dataset_archives_truncated_or_flipped(con, tmp_path, dataset, packing, seed, cut, flips):
    lines = _good_lines(dataset, seed)
    body = lines[1:] if dataset in ("icews", "polecat") else lines
    lines = lines[:1] + body * 20 if dataset in ("icews", "polecat") else body * 20
    name, payload = _pack(("\n".join(lines) + "\n").encode(), packing, f"arch{SUFFIXES[dataset]}")
    data = bytearray(payload[: max(1, int(len(payload) * cut))] if cut < 1 else payload)
    for where, mask in flips:
        data[min(len(data) - 1, int(len(data) * where))] ^= mask
    reports = _import(con, tmp_path, dataset, name, bytes(data))
    if bytes(data) != payload:  # damaged: refused as a whole, or (damage outside the data) read in full
        assert all(r.error is None or r.error.code in ("E142", "E144", "E145") for r in reports)
