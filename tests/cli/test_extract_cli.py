"""``entente extract`` end to end, in a real subprocess with the real pipeline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import USER_TEXT

MINIMAL_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
               b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "entente", "extract", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


def test_extract_cli_mixed_folder_processes_good_and_names_bad(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "report.txt").write_bytes(MINIMAL_PDF)
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "latin1.txt").write_bytes("Le ministre français a rencontré ses homologues "
                                       "pakistanais à Islamabad.".encode("latin-1"))
    (inbox / "batch.jsonl").write_text(
        '{"id": "ok-1", "text": "India and Bangladesh signed a $2 billion credit line.", '
        '"published": "2017-04-08"}\n{"id": "broken", "text": \n', encoding="utf-8")
    proc = _run(str(inbox))
    assert proc.returncode == 0, proc.stderr
    records = {r["id"]: r for r in map(json.loads, proc.stdout.splitlines())}
    assert set(records) == {"ok-1", str(inbox / "latin1.txt")}
    assert records["ok-1"]["money"][0]["usd"] == 2e9
    assert set(records["ok-1"]["countries"]) == {"IND", "BGD"}
    assert "PAK" in records[str(inbox / "latin1.txt")]["countries"]
    err = proc.stderr
    assert f"{inbox / 'report.txt'}: E103" in err and "PDF" in err
    assert f"{inbox / 'empty.txt'}: E105" in err
    assert f"{inbox / 'batch.jsonl'}:2: E107" in err
    assert f"{inbox / 'latin1.txt'}: W201" in err


def test_extract_cli_nothing_usable_exits_nonzero_with_reason(tmp_path):
    bad = tmp_path / "scan.txt"
    bad.write_bytes(MINIMAL_PDF)
    proc = _run(str(bad), str(tmp_path / "missing.md"))
    assert proc.returncode == 1
    assert "nothing could be processed" in proc.stderr
    assert "E101" in proc.stderr and "E103" in proc.stderr
    assert proc.stdout == ""


def test_extract_cli_output_file_and_published_option(tmp_path):
    text = tmp_path / "note.txt"
    text.write_text("Pakistan and China opened the Khunjerab trade route.", encoding="utf-8")
    out = tmp_path / "out" / "x.jsonl"
    proc = _run("--published", "2019-05-02", "-o", str(out), "--no-progress", str(text))
    assert proc.returncode == 0, proc.stderr
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["published"] == "2019-05-02"
    assert {"places", "quotes", "events"} <= set(record)


def test_extract_cli_rejects_invalid_published_date(tmp_path):
    text = tmp_path / "note.txt"
    text.write_text("India hosted the summit.", encoding="utf-8")
    proc = _run("--published", "not-a-date", str(text))
    assert proc.returncode == 2
    assert "--published" in proc.stderr


def _corpus(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "q1", "text": text, "published": "2024-03-05"}) + "\n", encoding="utf-8")
    return path


def _events(proc: subprocess.CompletedProcess[str]) -> list[dict]:
    assert proc.returncode == 0, proc.stderr
    (record,) = [json.loads(line) for line in proc.stdout.splitlines()]
    return record["events"]


def test_extract_cli_dictionaries_code_the_users_verb_and_actor(tmp_path, user_dictionaries):
    corpus = _corpus(tmp_path, USER_TEXT)
    (event,) = _events(_run("--format", "jsonl", "--no-progress", "--dictionaries", str(user_dictionaries),
                            "--min-confidence", "0", str(corpus)))
    assert (event["source_code"], event["target_code"], event["cameo"]) == ("XYZ", "IND", "190")
    assert event["rule"] == "user:0"
    assert _events(_run("--format", "jsonl", "--no-progress", "--min-confidence", "0", str(corpus))) == []


def test_extract_cli_min_confidence_drops_below_and_zero_keeps(tmp_path, user_dictionaries):
    corpus = _corpus(tmp_path, USER_TEXT)
    base = ("--format", "jsonl", "--no-progress", "--dictionaries", str(user_dictionaries))
    (event,) = _events(_run(*base, "--min-confidence", "0", str(corpus)))
    assert _events(_run(*base, "--min-confidence", str(event["confidence"] + 0.01), str(corpus))) == []
    assert len(_events(_run(*base, "--min-confidence", str(event["confidence"]), str(corpus)))) == 1


@pytest.mark.parametrize("make, reason", [
    (lambda p: None, "no such folder"),
    (lambda p: p.mkdir(), "no dictionary files"),
    (lambda p: (p.mkdir(), (p / "bad.actors.txt").write_text("[XYZ]\n", encoding="utf-8")),
     "bad.actors.txt:1: code or synonym before the first actor name"),
])
def test_extract_cli_bad_dictionary_folder_fails_naming_folder_and_reason(tmp_path, make, reason):
    folder = tmp_path / "mydicts"
    make(folder)
    proc = _run("--dictionaries", str(folder), str(_corpus(tmp_path, USER_TEXT)))
    assert proc.returncode == 2
    assert "--dictionaries" in proc.stderr and f"E131 cannot use dictionary folder {folder}" in proc.stderr
    assert reason in proc.stderr
    assert proc.stdout == ""


@pytest.mark.parametrize("value", ["1.5", "-0.2", "high"])
def test_extract_cli_rejects_min_confidence_outside_zero_to_one(tmp_path, value):
    proc = _run("--min-confidence", value, str(_corpus(tmp_path, USER_TEXT)))
    assert proc.returncode == 2
    assert "--min-confidence" in proc.stderr


def test_extract_progress_bar_has_a_total_and_eta_for_json_lines(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": "Japan and Kenya signed a trade pact on Monday."})
                              + "\n" for i in range(3)), encoding="utf-8")
    proc = _run("--format", "jsonl", "-o", str(tmp_path / "out.jsonl"), "--progress", str(corpus))
    assert proc.returncode == 0, proc.stderr
    assert "extract: 3doc of 3 100%" in proc.stderr.replace("\r", "\n")


def test_extract_cli_problem_lines_never_share_a_line_with_the_progress_bar(tmp_path):
    lines = [json.dumps({"id": f"d{i}", "text": f"India and Nepal signed a trade pact on Monday, round {i}."})
             for i in range(4)]
    lines.insert(2, "{not json")
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = _run(str(corpus), "-o", str(tmp_path / "out.jsonl"))  # -o: the bar is on
    assert proc.returncode == 0, proc.stderr
    assert "doc of 5" in proc.stderr  # the bar was drawn
    at = proc.stderr.index("entente: skipped")
    assert proc.stderr[at - 1] in "\r\n"  # the bar's line was cleared first
    assert f"{corpus}:3: E107" in proc.stderr


SAMPLE = Path(__file__).resolve().parents[2] / "sample" / "corpus.jsonl"


def test_extract_cli_two_workers_write_the_bytes_of_one_process(tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    for workers, out in (("1", one), ("2", two)):
        proc = _run("--workers", workers, "--no-progress", "-o", str(out), str(SAMPLE))
        assert proc.returncode == 0, proc.stderr
    records = one.read_text(encoding="utf-8").splitlines()
    assert len(records) == len(SAMPLE.read_text(encoding="utf-8").splitlines())
    assert two.read_bytes() == one.read_bytes()  # every field, every record, in input order


def test_extract_cli_two_workers_write_the_bytes_of_one_process_on_the_dev_texts(tmp_path):
    dev = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev"
    files = sorted(dev.glob("*.json")) if dev.is_dir() else []
    if not files:
        pytest.skip(f"{dev} is not there (the shared eval set lives beside the repository)")
    corpus = tmp_path / "dev.jsonl"
    rows = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    corpus.write_text("".join(json.dumps({"id": r["id"], "text": r["text"], "published": r.get("published")}) + "\n"
                              for r in rows), encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    for workers, out in (("1", one), ("2", two)):
        proc = _run("--workers", workers, "--no-progress", "-o", str(out), str(corpus))
        assert proc.returncode == 0, proc.stderr
    assert len(one.read_text(encoding="utf-8").splitlines()) == len(files)
    assert two.read_bytes() == one.read_bytes()


def test_extract_cli_rejects_in_the_middle_are_told_once_and_order_is_kept(tmp_path):
    rows = [json.dumps({"id": f"d{i}", "text": f"India and Nepal signed a trade pact on Monday, round {i}."})
            for i in range(8)]
    rows[3] = "{not json"  # refused by the reader (this process)
    rows[5] = json.dumps({"id": "long", "text": "Nepal. " * 80_000})  # refused by a worker: too long to parse
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_text("\n".join(rows) + "\n", encoding="utf-8")
    proc = _run("--workers", "2", "--no-progress", str(corpus))
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["id"] for line in proc.stdout.splitlines()] == ["d0", "d1", "d2", "d4", "d6", "d7"]
    assert proc.stderr.count("E107") == 1 and f"{corpus}:4: E107" in proc.stderr
    assert proc.stderr.count("E111") == 1 and f"{corpus}:6: E111" in proc.stderr
    assert "6 documents extracted, 2 inputs skipped" in proc.stderr


@pytest.mark.parametrize("value", ["0", "-1", "many", "1.5"])
def test_extract_cli_refuses_a_bad_worker_count(tmp_path, value):
    proc = _run("--workers", value, str(_corpus(tmp_path, USER_TEXT)))
    assert proc.returncode == 2
    assert "--workers" in proc.stderr and "not 'auto' or a number of worker processes" in proc.stderr
    assert proc.stdout == ""


def test_extract_cli_fast_profile_reaches_the_workers(tmp_path):
    sample = Path(__file__).resolve().parents[2] / "sample" / "corpus.jsonl"
    corpus = tmp_path / "twelve.jsonl"
    corpus.write_text("".join(sample.read_text(encoding="utf-8").splitlines(keepends=True)[:12]), encoding="utf-8")
    out = {name: tmp_path / f"{name}.jsonl" for name in ("fast1", "fast2", "full")}
    for name, args in (("fast1", ["--fast", "--workers", "1"]), ("fast2", ["--fast", "--workers", "2"]),
                       ("full", ["--workers", "1"])):
        proc = _run(str(corpus), "-o", str(out[name]), "--no-progress", *args)
        assert proc.returncode == 0, proc.stderr
    fast = out["fast1"].read_text(encoding="utf-8")
    assert fast == out["fast2"].read_text(encoding="utf-8")  # the workers ran the fast profile too
    assert fast != out["full"].read_text(encoding="utf-8")  # and it is another profile
    assert len(fast.splitlines()) == 12
