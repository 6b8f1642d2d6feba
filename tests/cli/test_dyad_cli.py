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
    out = result.output
    assert out.startswith("USA–PAK: STRATEGIC SPOUSES")
    for needle in ("warmth", "hedging", "2020-01-01", "USA<>PAK", "$1.0bn disbursed", "Evidence sentence of e4.",
                   "Title of doc-e4 <https://example.org/doc-e4>", "Pakistan is a great partner", "cooperative"):
        assert needle in out


def test_dyad_cli_json_and_env_db(db):
    result = _run("USA", "PAK", "--json", "--rival", "CHN", "--period", "2020-01:2020-03",
                  "--period", "2020-04:2020-07", env={"ENTENTE_DB": db})
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report) == {"verdict", "series", "deals", "quotes"}
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
