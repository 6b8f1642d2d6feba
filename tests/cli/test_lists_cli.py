"""``entente events``, ``deals`` and ``quotes`` over the hand-made store: filters, formats, errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from entente.cli import cli

from tests.analytics.conftest import build_dyad_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return str(build_dyad_store(tmp_path_factory.mktemp("lists") / "dyad.duckdb"))


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _json(*args: str):
    result = _run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_events_cli_one_row_per_event_unless_all_reports(db):
    events = _json("events", "--db", db, "--pair", "usa", "pak", "--limit", "100")
    assert sorted(e["event_id"] for e in events) == ["e1", "e2", "e3", "e4", "e5", "e6"]
    reports = _json("events", "--db", db, "--pair", "USA", "PAK", "--all-reports")
    assert sorted(e["event_id"] for e in reports) == ["e1", "e1b", "e2", "e3", "e4", "e5", "e6"]


@pytest.mark.parametrize("args,expected", [
    (("--country", "IND"), {"e7", "e8", "e9"}),
    (("--type", "aid"), {"e4", "e10"}),
    (("--root", "19"), {"e7"}),
    (("--pair", "USA", "PAK", "--since", "2020-03", "--until", "2020-05"), {"e3", "e4", "e5"}),
    (("--search", "sentence of e6"), {"e6"}),
])
def test_events_cli_filters(db, args, expected):
    assert {e["event_id"] for e in _json("events", "--db", db, *args)} == expected


def test_events_cli_table_and_csv(db):
    table = _run("events", "--db", db, "--country", "CHN")
    assert table.exit_code == 0 and "CHN>PAK" in table.output and "events 1–1 of 1" in table.output
    rows = list(csv.DictReader(io.StringIO(_run("events", "--db", db, "--country", "CHN", "--format", "csv").output)))
    assert [(r["event_id"], r["direction"], r["evidence"]) for r in rows] == [
        ("e10", "CHN>PAK", "Evidence sentence of e10.")]


def test_deals_and_quotes_cli(db):
    (deal,) = _json("deals", "USA", "PAK", "--db", db)
    assert (deal["event_id"], deal["amount_usd"], deal["status"]) == ("e4", 1e9, "disbursed")
    quotes = _json("quotes", "PAK", "USA", "--db", db, "--stance", "conflictual")
    # the second is conflictual by the ACCUSE event coded inside it, not by its words
    assert [(q["text"], q["stance_basis"]) for q in quotes] == [
        ("We reject these lies", "words"), ("Washington keeps its promises", "events")]
    none = _run("quotes", "PAK", "USA", "--db", db, "--stance", "neutral", "--format", "json")
    assert none.exit_code == 1 and "no neutral quotes by PAK about USA" in none.output


@pytest.mark.parametrize("args,words", [
    (("events", "--pair", "USA", "P4K"), "not a country"),
    (("events", "--root", "7"), "two digits"),
    (("events", "--since", "2021", "--until", "2020"), "empty window"),
    (("deals", "USA", "USA"), "two different countries"),
])
def test_lists_cli_bad_input_says_why(db, args, words):
    result = _run(*args[:1], "--db", db, *args[1:])
    assert result.exit_code == 2 and words in result.output, result.output


def test_lists_cli_missing_store(tmp_path):
    result = _run("events", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 1 and "no store at" in result.output


@pytest.fixture(scope="module")
def sector_db(tmp_path_factory):
    from tests.analytics.conftest import build_sector_store

    return str(build_sector_store(tmp_path_factory.mktemp("lists-sectors") / "sectors.duckdb"))


def test_events_and_deals_cli_sectors(sector_db):
    events = _json("events", "--db", sector_db, "--pair", "USA", "PAK", "--sectors", "GOV,MIL")
    assert [e["event_id"] for e in events] == ["e4", "e2", "e1"]
    table = _run("events", "--db", sector_db, "--pair", "USA", "PAK", "--sectors", "GOV,MIL")
    assert table.exit_code == 0 and "events 1–3 of 3, sectors GOV, MIL" in table.output
    assert [d["event_id"] for d in _json("deals", "USA", "PAK", "--db", sector_db, "--sectors", "mil,gov")] == ["e4"]
    none = _run("deals", "USA", "PAK", "--db", sector_db, "--sectors", "GOV", "--format", "json")
    assert none.exit_code == 1 and "no USA–PAK events with an amount, sectors GOV" in none.output
    deals = _run("deals", "USA", "PAK", "--db", sector_db, "--sectors", "GOV")
    assert deals.exit_code == 1 and "no USA–PAK events with an amount, sectors GOV" in deals.output


@pytest.mark.parametrize("command", [("events", "--pair", "USA", "PAK"), ("deals", "USA", "PAK")])
def test_events_and_deals_cli_reject_unknown_sectors(sector_db, command):
    result = _run(*command, "--db", sector_db, "--sectors", "GOV,ZZZ")
    assert result.exit_code == 2 and "unknown sector code(s) ZZZ" in result.output


def test_cli_countries_by_name_or_two_letter_code_and_a_suggestion_for_a_typo(db):
    by_code = _run("dyad", "USA", "PAK", "--db", str(db))
    for a, b in (("US", "PK"), ("United States", "Pakistan"), ("usa", "pak")):
        result = _run("dyad", a, b, "--db", str(db))
        assert result.exit_code == 0 and result.output == by_code.output, (a, b, result.output[:200])
    typo = _run("dyad", "Pakistn", "USA", "--db", str(db))
    assert typo.exit_code == 2 and "did you mean 'Pakistan'?" in typo.output
    deals = _run("deals", "United States", "PK", "--db", str(db))
    assert deals.exit_code == 0 and "USA–PAK deals" in deals.output


def test_cli_events_unknown_type_is_a_usage_error_naming_the_types(db):
    result = _run("events", "--type", "FOO", "--db", str(db))
    assert result.exit_code == 2 and "'FOO' is not a PLOVER type" in result.output and "CONSULT" in result.output


def test_cli_csv_keeps_numbers_raw(db):
    rows = list(csv.DictReader(io.StringIO(_run("deals", "USA", "PAK", "--db", str(db), "--format", "csv").output)))
    assert rows and all("," not in r["amount_usd"] and float(r["amount_usd"]) > 0 for r in rows)


def test_cli_summary_refuses_a_store_and_a_file_of_documents(db, tmp_path):
    store = _run("summary", str(db))
    assert store.exit_code == 1 and "is an entente store, not an extraction file" in store.output
    docs = tmp_path / "docs.jsonl"
    docs.write_text('{"id": "x", "text": "hello"}\n')
    result = _run("summary", str(docs))
    assert result.exit_code == 1 and "not an extraction record" in result.output


def test_cli_import_of_a_file_with_no_usable_row_fails(tmp_path):
    bad = tmp_path / "bad.export.CSV"
    bad.write_text("garbage\nmore garbage\n")
    result = _run("import", "gdelt", str(bad), "--db", str(tmp_path / "s.duckdb"))
    assert result.exit_code == 1 and "every row of" in result.output and "is malformed" in result.output


def test_cli_narrow_terminal_gets_whole_dates_and_wrapped_evidence():
    from entente.cli.lists import _records

    rows = [{"date": "2025-10-31", "direction": "USA>CHN", "plover": "AGREE", "goldstein": 4.0,
             "evidence": "The two leaders agreed in a long meeting to restart talks on trade, fentanyl and"
                         " farm purchases, officials said after the session ended late on Thursday.",
             "doc_id": "usa-chn-2025-10-a-long-document-identifier", "event_id": "48570d1bfb627e7d17bf"}]
    cols = [("date", "date"), ("direction", "who > whom"), ("plover", "PLOVER"), ("goldstein", "Goldstein"),
            ("evidence", "evidence"), ("doc_id", "document"), ("event_id", "event")]
    text = _records(rows, cols, "events", 80)
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert lines[2].startswith("2025-10-31  USA>CHN")
    assert " ".join(rows[0]["evidence"].split()) in " ".join(" ".join(lines).split())
    assert "48570d1bfb627e7d17bf" in text and "usa-chn-2025-10-a-long-document-identifier" in text


def test_cli_dyad_lines_fit_the_terminal(db):
    from entente.cli.dyad import dyad, format_dyad

    text = format_dyad(dyad(db, "USA", "PAK"), width=80)
    assert all(len(line) <= 80 for line in text.splitlines())


@pytest.mark.parametrize("args,message", [
    (("events", "--country", "FRA"), "no events match these filters"),
    (("deals", "USA", "FRA"), "no USA–FRA events with an amount"),
    (("quotes", "USA", "FRA", "--format", "json"), "no quotes by USA about FRA"),
])
def test_cli_lists_with_nothing_to_show_fail_with_the_reason(db, args, message):
    result = _run(*args, "--db", str(db))
    assert result.exit_code == 1 and message in result.output
