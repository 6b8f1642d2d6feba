"""``entente dyad`` over a hand-made store (read-only; table and JSON output; clear errors)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from entente.cli.dyad import dyad_cli

from tests.analytics.conftest import build_dyad_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return str(build_dyad_store(tmp_path_factory.mktemp("cli") / "dyad.duckdb"))


def _run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(dyad_cli, list(args), env=env)


def test_dyad_cli_table(db):
    result = _run("usa", "pak", "--db", db, "--by", "month")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("USA–PAK: STRATEGIC SPOUSES")
    out = " ".join(result.output.split())  # long lines wrap at the terminal's width
    for needle in ("warmth", "hedging", "2020-01-01", "USA<>PAK", "$1.0bn disbursed", "Evidence sentence of e4.",
                   "Title of doc-e4 <https://example.org/doc-e4>", "Pakistan is a great partner", "cooperative"):
        assert needle in out


def test_dyad_cli_json_and_env_db(db):
    result = _run("USA", "PAK", "--json", "--rival", "CHN", "--period", "2020-01:2020-03",
                  "--period", "2020-04:2020-07", env={"ENTENTE_DB": db})
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {"verdict", "series", "deals", "quotes", "places", "events", "dataset", "rival"} <= set(report)
    assert (report["dataset"], report["rival"]) == ("entente", "CHN")
    assert report["verdict"]["measures"]["hedging"]["rival"] == "CHN"
    assert [p["events"] for p in report["verdict"]["periods"]] == [3, 3]
    assert sum(r["events"] for r in report["series"] if r["direction"] == "USA<>PAK") == 6


@pytest.mark.parametrize("args,message", [
    (("USA", "FRA"), "no USA–FRA events"),
    (("USA", "PAK", "--since", "2030"), "no USA–PAK events"),
    (("USA", "PAK", "--since", "20x"), "not an ISO date"),
    (("USA", "PAK", "--period", "2020"), "SINCE:UNTIL"),
])
def test_dyad_cli_errors(db, args, message):
    result = _run(*args, "--db", db)
    assert result.exit_code != 0 and message in result.output


def test_dyad_cli_missing_store(tmp_path):
    result = _run("USA", "PAK", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 1 and "no store at" in result.output
    assert not (tmp_path / "none.duckdb").exists()


@pytest.fixture(scope="module")
def sector_db(tmp_path_factory):
    from tests.analytics.conftest import build_sector_store

    return str(build_sector_store(tmp_path_factory.mktemp("cli-sectors") / "sectors.duckdb"))


def test_dyad_cli_sectors_table_says_what_it_shows(sector_db):
    result = _run("USA", "PAK", "--db", sector_db, "--sectors", "gov,mil")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("USA–PAK, sectors GOV, MIL: INSUFFICIENT EVIDENCE")
    assert "only events between GOV, MIL actors on both sides" in out
    assert "  3 events, 4 reports" in out and "deals (1)" in out


def test_dyad_cli_sectors_json(sector_db):
    every = json.loads(_run("USA", "PAK", "--db", sector_db, "--json").output)
    assert every["verdict"]["sectors"] is None and every["verdict"]["events"] == 6
    result = _run("USA", "PAK", "--db", sector_db, "--json", "--sectors", "GOV")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["verdict"]["sectors"], report["verdict"]["events"], report["deals"]) == (["GOV"], 1, [])
    assert sum(r["events"] for r in report["series"] if r["direction"] == "USA<>PAK") == 1
    assert len(report["quotes"]) == len(every["quotes"])  # quotes are not events: never filtered


@pytest.mark.parametrize("sectors,message", [
    ("GOV,XYZ", "unknown sector code(s) XYZ"),
    ("GOV,,MIL", "expected comma-separated sector codes"),
])
def test_dyad_cli_sectors_bad_codes(sector_db, sectors, message):
    result = _run("USA", "PAK", "--db", sector_db, "--sectors", sectors)
    assert result.exit_code == 2 and "Invalid value for '--sectors'" in result.output and message in result.output


def test_dyad_cli_sectors_with_no_events(sector_db):
    result = _run("USA", "PAK", "--db", sector_db, "--sectors", "REB")
    assert result.exit_code == 1 and "no USA–PAK events between REB actors" in result.output


def test_dyad_cli_unknown_dataset_names_the_stores(db):
    result = _run("USA", "PAK", "--db", db, "--dataset", "gdlet")
    assert result.exit_code == 2 and "no dataset 'gdlet'" in result.output and "entente (" in result.output


def test_dyad_cli_pair_order_gives_one_verdict(db):
    one = json.loads(_run("USA", "PAK", "--db", db, "--json").output)["verdict"]
    other = json.loads(_run("PAK", "USA", "--db", db, "--json").output)["verdict"]
    assert (one["verdict"], one["reason"], one["events"]) == (other["verdict"], other["reason"], other["events"])
