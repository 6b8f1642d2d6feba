"""The four surfaces of the dyad view agree: the CLI (JSON and table), the dashboard page (HTML and its
JSON twin), the JSON API and the brief, over windows, rivals and both pair orders."""

from __future__ import annotations

import html as html_lib
import json

import pytest
from click.testing import CliRunner

from entente.cli import cli
from entente.report import render_brief


CASES = [
    ("USA", "PAK", None, None, None),
    ("PAK", "USA", None, None, None),
    ("USA", "CHN", "2017", "2025", None),
    ("CHN", "USA", "2017", "2025", None),
    ("IND", "PAK", "2001", "2010", "CHN"),
    ("CHN", "PAK", None, "2015", "IND"),
]


def _query(since, until, rival) -> str:
    parts = [f"{k}={v}" for k, v in (("since", since), ("until", until), ("rival", rival)) if v]
    return "?" + "&".join(parts) if parts else ""


def _cli(store, a, b, since, until, rival, *extra) -> CliRunner:
    args = ["dyad", a, b, "--db", str(store)]
    for name, value in (("--since", since), ("--until", until), ("--rival", rival)):
        if value:
            args += [name, value]
    result = CliRunner().invoke(cli, args + list(extra))
    assert result.exit_code == 0, result.output
    return result.output


def _key(verdict: dict) -> tuple:
    return (verdict["verdict"], verdict["reason"], verdict["events"], verdict["reports"], verdict["since"],
            verdict["until"], verdict["dataset"], verdict["measures"]["hedging"].get("rival"),
            [(p["since"], p["until"], p["verdict"], p["events"]) for p in verdict["periods"]])


@pytest.mark.parametrize("a,b,since,until,rival", CASES)
def test_cli_page_api_and_brief_show_one_verdict(client, store, a, b, since, until, rival):
    from entente.cli.dyad import dyad

    cli_view = json.loads(_cli(store, a, b, since, until, rival, "--json"))
    table = _cli(store, a, b, since, until, rival)
    query = _query(since, until, rival)
    page_json = client.get(f"/dyad/{a}/{b}.json{query}").json()
    api_view = client.get(f"/api/dyads/{a}/{b}{query}").json()
    api_verdict = client.get(f"/api/dyads/{a}/{b}/verdict{query}").json()
    page = html_lib.unescape(client.get(f"/dyad/{a}/{b}{query}").text)
    brief = html_lib.unescape(render_brief(dyad(store, a, b, since=since, until=until, rival=rival)))

    v = cli_view["verdict"]
    assert _key(v) == _key(page_json["verdict"]) == _key(api_view["verdict"]) == _key(api_verdict)
    assert cli_view["series"] == page_json["series"] == api_view["series"]
    assert cli_view["deals"] == page_json["deals"] == api_view["deals"]
    assert table.startswith(f"{a}–{b}: {v['verdict'].upper()}\n")
    assert " ".join(v["reason"].split()) in " ".join(table.split())  # the reason, wrapped to the terminal
    for shown in (page, brief):
        assert v["verdict"] in shown and v["reason"] in shown
        assert f"{v['events']} events from {v['reports']} reports" in shown
        assert f"rival for hedging: {cli_view['rival'] or 'none'}" in shown
        for p in v["periods"]:
            assert f"<td>{p['verdict']}</td>" in shown


@pytest.mark.parametrize("a,b,since,until", [("USA", "PAK", None, None), ("USA", "CHN", "2017", "2025"),
                                             ("IND", "PAK", "2008", None)])
def test_the_pair_in_either_order_has_one_verdict(client, a, b, since, until):
    query = _query(since, until, None)
    one = client.get(f"/api/dyads/{a}/{b}/verdict{query}").json()
    other = client.get(f"/api/dyads/{b}/{a}/verdict{query}").json()
    keep = ("verdict", "reason", "events", "reports", "since", "until")
    assert {k: one[k] for k in keep} == {k: other[k] for k in keep}
    directional = client.get(f"/api/dyads/{a}/{b}{query}").json()["directional"]
    assert set(directional) == {"hedging", "reciprocity", "third_party"}
    symmetric = set(one["measures"]) - set(directional)
    assert {k: one["change"][k] for k in symmetric} == {k: other["change"][k] for k in symmetric}
    assert {k: one["measures"][k] for k in symmetric} == {k: other["measures"][k] for k in symmetric}
    assert [p["verdict"] for p in one["periods"]] == [p["verdict"] for p in other["periods"]]


def test_a_window_changes_the_verdict_on_every_surface_alike(client, store):
    whole = client.get("/api/dyads/USA/CHN/verdict").json()
    window = client.get("/api/dyads/USA/CHN/verdict?since=2017&until=2025").json()
    assert window["since"] >= "2017" and window["until"] < "2026"
    assert window["events"] < whole["events"]
    assert all(p["since"] >= "2017" for p in window["periods"])
    table = _cli(store, "USA", "CHN", "2017", "2025", None)
    assert table.startswith(f"USA–CHN: {window['verdict'].upper()}")


def test_an_unknown_dataset_or_empty_pair_is_an_error_everywhere(client, store):
    assert client.get("/api/dyads/USA/PAK?dataset=gdlet").status_code == 400
    assert client.get("/dyad/USA/PAK?dataset=gdlet").status_code == 400
    assert client.get("/api/dyads/USA/XYZ").status_code == 404
    assert client.get("/dyad/USA/XYZ").status_code == 404
    result = CliRunner().invoke(cli, ["brief", "USA", "XYZ", "--db", str(store), "-o", "/dev/null"])
    assert result.exit_code == 1 and "no USA–XYZ events" in result.output


def test_overview_and_network_say_which_dataset_they_count(client):
    own = client.get("/api/overview").json()
    assert own["dataset"] == "entente" and own["events"] > 0
    assert client.get("/api/overview?dataset=all").json()["dataset"] == "all"
    assert client.get("/api/network?dataset=nope").status_code == 400
    assert client.get("/network.json").json()["dataset"] == "entente"
    assert 'class="dataset">entente<' in client.get("/").text
