"""Analyst corrections: recorded with who and when, never deleting the event; every surface applies
them and says how many; a correction that changes a verdict changes it everywhere."""

from __future__ import annotations

import html as html_lib
import json

import duckdb
import pytest
from click.testing import CliRunner

from entente.cli import cli
from entente.cli.dyad import dyad
from entente.report import render_brief
from entente.web import create_app

from tests.analytics.conftest import build_dyad_store
from tests.web.conftest import Client

TOKEN = "a-long-enough-test-token-0123456789"


@pytest.fixture()
def db(tmp_path):
    return build_dyad_store(tmp_path / "dyad.duckdb")


def _cli(*args: str):
    return CliRunner().invoke(cli, list(args))


def _surfaces(db, client) -> dict[str, str]:
    """The verdict word each surface shows for USA-PAK."""
    table = _cli("dyad", "USA", "PAK", "--db", str(db))
    assert table.exit_code == 0, table.output
    page = html_lib.unescape(client.get("/dyad/USA/PAK").text)
    brief = html_lib.unescape(render_brief(dyad(db, "USA", "PAK")))
    return {"cli": table.output.split("\n")[0].split(": ", 1)[1].lower(),
            "api": client.get("/api/dyads/USA/PAK/verdict").json()["verdict"],
            "page": page.split('class="verdict-word">', 1)[1].split("<", 1)[0],
            "brief": brief.split("<b>Verdict: ", 1)[1].split(".</b>", 1)[0]}


def test_a_correction_that_changes_the_verdict_changes_it_everywhere(db):
    before = _surfaces(db, Client(create_app(db)))
    assert len(set(before.values())) == 1 and before["api"] != "insufficient evidence"
    app = create_app(db, allow_writes=True, token=TOKEN)
    client = Client(app)
    r = client.post("/api/events/e1/corrections", headers={"Authorization": f"Bearer {TOKEN}"},
                    json={"kind": "not_event", "who": "analyst-a", "note": "a rumour"})
    assert r.status_code == 200, r.text
    assert (r.json()["who"], r.json()["kind"]) == ("analyst-a", "not_event") and r.json()["made_at"]
    app.state.store.close()
    made = _cli("correct", "e2", "--duplicate-of", "e3", "--by", "analyst-b", "--db", str(db))
    assert made.exit_code == 0, made.output
    client = Client(create_app(db))
    after = _surfaces(db, client)
    assert set(after.values()) == {"insufficient evidence"}
    view = client.get("/api/dyads/USA/PAK").json()
    assert view["corrections"] == 2 and view["verdict"]["events"] == 4
    table = _cli("dyad", "USA", "PAK", "--db", str(db)).output
    assert "2 analyst corrections applied" in " ".join(table.split())
    assert "2 analyst corrections applied" in client.get("/dyad/USA/PAK").text
    raw = json.loads(_cli("dyad", "USA", "PAK", "--db", str(db), "--json", "--no-corrections").output)
    assert raw["verdict"]["verdict"] == before["api"] and raw["corrections"] == 0
    assert client.get("/api/dyads/USA/PAK/verdict?corrections=false").json()["verdict"] == before["api"]
    con = duckdb.connect(str(db), read_only=True)
    try:  # nothing deleted or changed: the events as coded are all there
        assert con.execute("SELECT count(*) FROM events WHERE event_id IN ('e1', 'e2')").fetchall()[0][0] == 2
    finally:
        con.close()


def test_corrections_of_type_direction_and_date_apply_and_can_be_withdrawn(db):
    for args in (("--type", "190"), ("--direction",), ("--date", "2021-06-01")):
        assert _cli("correct", "e4", *args, "--by", "analyst", "--db", str(db)).exit_code == 0
    listed = [json.loads(line) for line in _cli("corrections", "--db", str(db), "--json").output.splitlines()]
    assert [c["kind"] for c in listed] == ["type", "direction", "date"]
    client = Client(create_app(db))
    e4 = next(e for e in client.get("/api/dyads/USA/PAK").json()["events"] if e["event_id"] == "e4")
    coded = client.get("/api/events/e4").json()
    assert (e4["cameo"], e4["plover"], e4["date"]) == ("190", "ASSAULT", "2021-06-01")
    assert (e4["source"], e4["target"]) == (coded["event"]["target"], coded["event"]["source"])
    assert len(coded["corrections"]) == 3 and "type" in client.get("/events/e4").text
    gone = _cli("corrections", "--db", str(db), "--withdraw", listed[1]["correction_id"])
    assert gone.exit_code == 0 and "(withdrawn)" in gone.output
    client = Client(create_app(db))
    e4 = next(e for e in client.get("/api/dyads/USA/PAK").json()["events"] if e["event_id"] == "e4")
    assert (e4["source"], e4["target"]) == (coded["event"]["source"], coded["event"]["target"])


@pytest.mark.parametrize("args,message", [
    (("e1", "--type", "999"), "not a CAMEO code"),
    (("nope", "--not-event"), "no event 'nope'"),
    (("e1", "--date", "last year"), "not an ISO date"),
    (("e1", "--duplicate-of", "e1"), "names the other event"),
    (("e1",), "exactly one of"),
])
def test_correct_refuses_what_it_cannot_record(db, args, message):
    result = _cli("correct", *args, "--by", "x", "--db", str(db))
    assert result.exit_code != 0 and message in result.output


def test_corrections_export_for_reuse(db, tmp_path):
    made = _cli("correct", "e1", "--type", "042", "--by", "analyst", "--note", "a visit", "--db", str(db))
    assert made.exit_code == 0
    out = tmp_path / "out"
    assert _cli("export", "--as", "corrections", "-o", str(out), "--db", str(db)).exit_code == 0
    (row,) = [json.loads(line) for line in (out / "corrections.jsonl").read_text().splitlines()]
    assert (row["event_id"], row["cameo"], row["plover"], row["note"]) == ("e1", "042", "CONSULT", "a visit")
    assert row["coded_cameo"] and row["evidence"]


def test_web_corrections_need_the_token(db):
    client = Client(create_app(db, allow_writes=True, token=TOKEN))
    body = {"kind": "not_event", "who": "x"}
    assert client.post("/api/events/e1/corrections", json=body).status_code == 401
    assert client.post("/api/events/e1/corrections", json={**body, "kind": "nonsense"},
                       headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 422
    assert client.post("/api/events/zz/corrections", json=body,
                       headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 404
    read_only = Client(create_app(db))
    assert read_only.post("/api/events/e1/corrections", json=body).status_code == 403
