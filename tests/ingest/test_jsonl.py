import io
import json
from collections.abc import Iterator

from entente import errors
from entente.ingest import read_inputs
from entente.ingest.jsonl import _raw_lines, from_line
from entente.records import Document, Notice, Reject

from .conftest import split


def test_collection(fixtures):
    path = fixtures / "collection.jsonl"
    items = list(read_inputs([path]))
    docs, rejects, notices = split(items)
    assert [d.id for d in docs] == ["a1", f"{path}:3", "6"]
    first = docs[0]
    assert (first.title, first.url) == ("Quota deal", "https://example.org/a1")
    assert first.source == "Example Wire"
    assert (first.published, first.published_from) == ("2019-07", "record")
    assert first.kind == "jsonl" and first.origin == f"{path}:1"
    assert docs[1].published == "2024-03-05"
    assert [(r.code, r.line) for r in rejects] == [
        (errors.E107_INVALID_JSON, 4),
        (errors.E107_INVALID_JSON, 5),
        (errors.E108_NO_TEXT, 6),
    ]
    assert rejects[0].reason == "invalid JSON: Expecting ',' delimiter at column 36"
    assert rejects[1].reason == "not a JSON object (got list)"
    assert [(n.code, n.line) for n in notices] == [(errors.W202_BAD_DATE, 7)]
    assert docs[2].published is None


def test_record_date_beats_option_and_bad_date_falls_back(write):
    lines = [
        {"text": "One.", "published": "2019"},
        {"text": "Two.", "published": "junk"},
        {"text": "Three."},
    ]
    path = write("c.jsonl", "\n".join(json.dumps(x) for x in lines))
    docs, _, notices = split(list(read_inputs([path], published="2020-01-01")))
    assert [(d.published, d.published_from) for d in docs] == [
        ("2019", "record"),
        ("2020-01-01", "option"),
        ("2020-01-01", "option"),
    ]
    assert notices[0].line == 2 and "junk" in notices[0].reason


def test_numeric_year_and_id(write):
    path = write("n.ndjson", '{"id": 7, "text": "Text.", "published": 2018}\n')
    [doc] = list(read_inputs([path]))
    assert (doc.id, doc.published) == ("7", "2018")


def test_oversized_line_is_rejected_and_rest_read(write):
    big = json.dumps({"text": "x" * 500})
    path = write("big.jsonl", f'{{"text": "small"}}\n{big}\n{{"text": "after"}}\n')
    items = list(read_inputs([path], max_bytes=100))
    assert [i.text for i in items if isinstance(i, Document)] == ["small", "after"]
    [reject] = [i for i in items if isinstance(i, Reject)]
    assert (reject.code, reject.line) == (errors.E106_TOO_LARGE, 2)
    assert f"({len(big)} bytes)" in reject.reason and "(100 bytes)" in reject.reason


def test_raw_lines_bounded():
    handle = io.BytesIO(b"ab\n" + b"y" * 50 + b"\ncd")
    assert list(_raw_lines(handle, 10)) == [(1, b"ab\n"), (2, 50), (3, b"cd")]


def test_latin1_line_gets_one_notice(write):
    text = '{"text": "Caf\u00e9 cr\u00e8me tr\u00e8s bon."}\n{"text": "\u00e0 bient\u00f4t"}\n'
    data = text.encode("latin-1")
    docs, rejects, notices = split(list(read_inputs([write("l.jsonl", data)])))
    assert not rejects and [(n.code, n.line) for n in notices] == [(errors.W201_ENCODING, 1)]
    assert docs[0].text == "Café crème très bon." and docs[1].text == "à bientôt"


def test_utf16_collection(write):
    data = '{"text": "Grüße"}\n{"text": "zwei"}\n'.encode("utf-16")
    docs, rejects, _ = split(list(read_inputs([write("w.jsonl", data)])))
    assert not rejects and [d.text for d in docs] == ["Grüße", "zwei"]


def test_empty_blank_and_binary_collections(write):
    empty, blank = write("e.jsonl", b""), write("b.jsonl", "\n\n  \n")
    gz = write("g.jsonl", b"\x1f\x8b\x08\x00rest")
    rejects = list(read_inputs([empty, blank, gz]))
    assert [r.code for r in rejects] == [errors.E105_EMPTY, errors.E105_EMPTY, errors.E103_BINARY]
    assert rejects[2].reason == "binary content (gzip archive), not text"


def test_from_line_is_pure():
    doc, bad = from_line('{"id": "x", "text": "Hi."}', path="p", lineno=3)
    assert isinstance(doc, Document) and doc.origin == "p:3" and bad == []
    assert from_line("   ", path="p", lineno=4) == (None, [])
    reject, _ = from_line('{"text": 5}', path="p", lineno=5)
    assert isinstance(reject, Reject) and reject.code == errors.E108_NO_TEXT


def test_reading_is_lazy(write):
    lines = "\n".join(json.dumps({"id": str(n), "text": f"Item {n}."}) for n in range(20000))
    path = write("many.jsonl", lines)
    items = read_inputs([path])
    assert isinstance(items, Iterator)
    first = next(items)
    assert isinstance(first, Document) and first.id == "0"


def test_reading_is_lazy_per_line(tmp_path):
    # A file whose second line does not exist yet when the first doc is yielded.
    path = tmp_path / "growing.jsonl"
    path.write_text('{"text": "first"}\n')
    items = read_inputs([path])
    assert next(items).text == "first"
    with path.open("a") as handle:
        handle.write('{"text": "second"}\n')
    assert next(items).text == "second"


def test_notice_is_not_a_reject():
    assert not isinstance(Notice("p", "W201", "x"), Reject)


def test_a_nul_byte_costs_only_its_own_record(tmp_path):
    records = [json.dumps({"id": f"r{i}", "text": f"Record number {i}."}) for i in range(5)]
    lines = [*records[:2], '{"id": "bad", "text": "half\x00 a record"}', *records[2:],
             json.dumps({"id": "esc", "text": "escaped \u0000 NUL"})]
    path = tmp_path / "nul.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, rejects, _ = split(list(read_inputs([path])))
    assert [d.id for d in docs] == ["r0", "r1", "r2", "r3", "r4"]
    assert [(r.code, r.line) for r in rejects] == [(errors.E103_BINARY, 3), (errors.E103_BINARY, 7)]


def test_a_binary_file_named_jsonl_is_still_refused_whole(tmp_path):
    path = tmp_path / "random.jsonl"
    path.write_bytes(bytes(range(256)) * 8)
    docs, rejects, _ = split(list(read_inputs([path])))
    assert docs == [] and [(r.code, r.line) for r in rejects] == [(errors.E103_BINARY, None)]
