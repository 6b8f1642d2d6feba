"""The JSON API and the pages' .json twins, in process."""

from __future__ import annotations

import pytest

from tests.web.conftest import XSS_ID

PAGES = ["/", "/dyad/USA/PAK", "/documents", f"/documents/{XSS_ID}", "/search?a=USA&b=PAK",
         "/search?a=USA&b=PAK&sectors=GOV,MIL", "/network"]


def _twin(page: str) -> str:
    path, _, query = page.partition("?")
    path = "/index.json" if path == "/" else path + ".json"
    return path + ("?" + query if query else "")


@pytest.mark.parametrize("page", PAGES)
def test_pages_html_and_json_twin(client, page):
    html = client.get(page)
    assert html.status_code == 200, html.text
    assert html.headers["content-type"].startswith("text/html")
    twin = client.get(_twin(page))
    assert twin.status_code == 200, twin.text
    assert twin.headers["content-type"] == "application/json"
    assert isinstance(twin.json(), dict)


@pytest.mark.parametrize("route", [
    "/api/overview", "/api/documents", "/api/events", "/api/events?a=USA&b=PAK&limit=5",
    "/api/events?country=CHN&since=2010&until=2025-12", "/api/events?plover=aid", "/api/events?root=07",
    "/api/events?q=billion&dataset=entente", "/api/dyads/USA/PAK/series?granularity=year",
    "/api/dyads/USA/PAK/character", "/api/dyads/USA/PAK/verdict", "/api/dyads/USA/PAK/deals",
    "/api/dyads/USA/PAK/quotes", "/api/places", "/api/places?a=USA&b=PAK", "/api/network?min_events=2",
])
def test_api_routes_answer_json(client, route):
    r = client.get(route)
    assert r.status_code == 200, r.text
    assert r.json() is not None


def test_api_events_filters(client):
    pair = client.get("/api/events?a=USA&b=PAK&limit=500").json()
    assert pair["total"] > 0
    assert all({e["source"], e["target"]} == {"USA", "PAK"} for e in pair["events"])
    aid = client.get("/api/events?plover=AID&limit=500").json()
    assert all(e["plover"] == "AID" for e in aid["events"])
    text = client.get("/api/events?q=BILLION").json()
    assert text["total"] > 0 and all("billion" in (e["evidence"] or "").lower() or e for e in text["events"])
    window = client.get("/api/events?since=2018&until=2018&limit=500").json()
    assert all(e["day"].startswith("2018") for e in window["events"])


def test_api_events_pagination(client):
    first = client.get("/api/events?limit=3").json()
    second = client.get("/api/events?limit=3&offset=3").json()
    assert first["total"] == second["total"] and len(first["events"]) == 3
    assert not {e["event_id"] for e in first["events"]} & {e["event_id"] for e in second["events"]}


def test_api_event_detail_has_every_evidence_sentence(client):
    eid = client.get("/api/events?a=USA&b=PAK&limit=1").json()["events"][0]["event_id"]
    detail = client.get(f"/api/events/{eid}").json()
    assert detail["event"]["event_id"] == eid
    assert detail["evidence"] and all(v["text"] and v["title"] for v in detail["evidence"])
    assert detail["documents"]


def test_api_document_detail_marks_evidence(client):
    eid = client.get("/api/events?a=USA&b=PAK&limit=1").json()["events"][0]
    doc = client.get(f"/api/documents/{eid['doc_id']}?event={eid['event_id']}").json()
    marked = [s["text"] for s in doc["segments"] if s["mark"]]
    assert marked and "".join(s["text"] for s in doc["segments"]) == doc["document"]["text"]


def test_api_document_lists_each_actor_once_with_every_mention(client):
    eid = client.get("/api/events?a=USA&b=PAK&limit=1").json()["events"][0]
    doc = client.get(f"/api/documents/{eid['doc_id']}").json()
    text = doc["document"]["text"]
    assert doc["actors"], "the sample document names actors"
    names = [a["text"] for a in doc["actors"]]
    assert len(names) == len(set((a["name"], a["kind"]) for a in doc["actors"]))
    for actor in doc["actors"]:
        assert all(text[m["start"]:m["end"]] == m["text"] for m in actor["mentions"])
    assert any(len(a["mentions"]) > 1 for a in doc["actors"])


def test_api_places_have_coordinates(client):
    places = client.get("/api/places?a=USA&b=PAK").json()
    assert places and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places)


@pytest.mark.parametrize("route, status, words", [
    ("/api/events?limit=501", 422, "less than or equal to 500"),
    ("/api/events?limit=0", 422, "greater than or equal to 1"),
    ("/api/events?offset=-1", 422, "offset"),
    ("/api/events?since=2020-13", 422, "since"),
    ("/api/events?since=2021-02-30", 400, "not a real date"),
    ("/api/events?since=2020&until=2019", 400, "after"),
    ("/api/events?a=USA", 400, "both a and b"),
    ("/api/events?country=U$A", 422, "country"),
    ("/api/events?nonsense=1", 400, "unknown query parameter"),
    ("/api/events?limit=1&limit=2", 400, "more than once"),
    ("/api/events?root=7", 422, "root"),
    ("/api/dyads/USA/USA/series", 400, "two different"),
    ("/api/dyads/USA/P4K/series", 422, "b"),
    ("/api/dyads/USA/PAK/series?granularity=century", 422, "granularity"),
    ("/api/dyads/USA/PAK/verdict?sectors=GOV,XYZ", 400, "unknown sector code(s) XYZ"),
    ("/api/dyads/USA/PAK/summary?sectors=GOV,MILITARY", 422, "sectors"),
    ("/api/dyads/USA/PAK/deals?sectors=", 422, "sectors"),
    ("/api/events?a=USA&b=PAK&sectors=ABC", 400, "unknown sector code(s) ABC"),
    ("/api/events/no-such-event", 404, "no event"),
    ("/api/documents/no-such-doc", 404, "no document"),
    ("/dyad/USA/PAK.json?since=tomorrow", 422, "since"),
])
def test_api_rejects_bad_input_with_clear_message(client, route, status, words):
    r = client.get(route)
    assert r.status_code == status, r.text
    assert words in r.json()["error"]


def test_api_html_errors_are_pages(client):
    r = client.get("/dyad/USA/USA")
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
    assert "two different" in r.text


def test_api_openapi_lists_routes(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/dyads/{a}/{b}/verdict", "/api/places",
                 "/dyad/{a}/{b}.json", "/index.json", "/api/ingest"):
        assert path in spec["paths"], path


def test_api_summary_is_the_verdict_and_the_yearly_series(client):
    summary = client.get("/api/dyads/USA/PAK/summary").json()
    assert summary["pair"] == ["USA", "PAK"]
    assert summary["verdict"] == client.get("/api/dyads/USA/PAK/verdict").json()
    series = client.get("/api/dyads/USA/PAK/series?granularity=year").json()
    assert summary["series"] == series


def test_api_dyad_twin_matches_api(client):
    page = client.get("/dyad/USA/PAK.json").json()
    assert page["verdict"] == client.get("/api/dyads/USA/PAK/verdict").json()
    assert page["deals"] == client.get("/api/dyads/USA/PAK/deals").json()


def test_pages_search_form_with_empty_fields(client):
    r = client.get("/search?country=&a=&b=&plover=&root=&since=&until=&q=billion")
    assert r.status_code == 200 and "billion" in r.text
    assert client.get("/search.json?until=").status_code == 422


def test_serve_cli_refuses_writes_without_token(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from entente.cli.serve import serve_cli

    db = str(tmp_path / "x.duckdb")
    out = CliRunner().invoke(serve_cli, ["--db", db, "--allow-writes"])
    assert out.exit_code != 0 and "--token-env" in out.output
    monkeypatch.setenv("WEAK", "short")
    out = CliRunner().invoke(serve_cli, ["--db", db, "--allow-writes", "--token-env", "WEAK"])
    assert out.exit_code != 0 and "16 characters" in out.output
    out = CliRunner().invoke(serve_cli, ["--db", db])
    assert out.exit_code != 0 and "no store" in out.output


@pytest.fixture(scope="module")
def sector_db(tmp_path_factory):
    from tests.analytics.conftest import build_sector_store

    return build_sector_store(tmp_path_factory.mktemp("web-sectors") / "sectors.duckdb")


@pytest.fixture(scope="module")
def sector_client(sector_db):
    from entente.web import create_app
    from tests.web.conftest import Client

    return Client(create_app(sector_db))


def test_api_dyads_sectors(sector_client):
    get = lambda route: sector_client.get(route).json()  # noqa: E731
    every, chosen = get("/api/dyads/USA/PAK/verdict"), get("/api/dyads/USA/PAK/verdict?sectors=gov,mil")
    assert (every["sectors"], every["events"]) == (None, 6)
    assert (chosen["sectors"], chosen["events"]) == (["GOV", "MIL"], 3)
    assert get("/api/dyads/USA/PAK/summary?sectors=GOV,MIL")["verdict"] == chosen
    assert get("/api/dyads/USA/PAK/character?sectors=GOV,MIL")["events"] == 3
    series = get("/api/dyads/USA/PAK/series?granularity=year&sectors=GOV")
    assert [(r["direction"], r["events"]) for r in series] == [("USA>PAK", 1), ("PAK>USA", 1),
                                                               ("USA<>PAK", 1)]  # e1, symmetric
    assert [d["event_id"] for d in get("/api/dyads/USA/PAK/deals?sectors=GOV,MIL")] == ["e4"]
    assert get("/api/dyads/USA/PAK/deals?sectors=GOV") == []
    found = get("/api/events?a=USA&b=PAK&sectors=GOV,MIL")
    assert found["total"] == 4 and {e["event_id"] for e in found["events"]} == {"e1", "e1b", "e2", "e4"}


def test_api_dyads_sectors_agree_with_the_cli(sector_client, sector_db):
    import json

    from click.testing import CliRunner

    from entente.cli import cli

    out = CliRunner().invoke(cli, ["dyad", "USA", "PAK", "--db", str(sector_db), "--sectors", "GOV,MIL", "--json"])
    assert out.exit_code == 0, out.output
    report = json.loads(out.output)
    assert report["verdict"] == sector_client.get("/api/dyads/USA/PAK/verdict?sectors=GOV,MIL").json()
    assert report["deals"] == sector_client.get("/api/dyads/USA/PAK/deals?sectors=GOV,MIL").json()
    summary = sector_client.get("/api/dyads/USA/PAK/summary?sectors=GOV,MIL").json()
    assert report["series"] == summary["series"]


def test_api_dyads_sectors_on_the_sample_store(client):
    every = client.get("/api/dyads/USA/PAK/verdict").json()
    chosen = client.get("/api/dyads/USA/PAK/verdict?sectors=GOV").json()
    assert every["sectors"] is None and chosen["sectors"] == ["GOV"]
    assert chosen["events"] <= every["events"]


def test_search_finds_whole_words_in_any_case_and_marks_them(client):
    said = client.get("/api/events?q=said&limit=500").json()["total"]
    aid = client.get("/api/events?q=aid&limit=500").json()
    assert aid["total"] > 0 and said > 0
    import re
    for e in aid["events"]:
        texts = [e["evidence"] or ""]
        if not re.search(r"(?<!\w)aid(?!\w)", texts[0], re.IGNORECASE):
            detail = client.get(f"/api/events/{e['event_id']}").json()
            texts = [v["text"] for v in detail["evidence"]]
        assert any(re.search(r"(?<!\w)aid(?!\w)", t, re.IGNORECASE) for t in texts), e["event_id"]
    page = client.get("/search?q=Aid").text
    assert "<mark>aid</mark>" in page.lower() and "s<mark>aid</mark>" not in page.lower()


def test_documents_search_reads_text_and_lists_download_as_csv(client):
    import csv
    import io

    found = client.get("/api/documents?q=Gwadar&limit=200").json()
    assert found["total"] > 0
    r = client.get("/documents.csv?q=Gwadar&limit=200")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == found["total"] and {"doc_id", "title"} <= set(rows[0])
    events = client.get("/search.csv?q=aid&limit=20")
    lines = list(csv.DictReader(io.StringIO(events.text)))
    assert lines and all(float(x["goldstein"]) == float(x["goldstein"]) for x in lines if x["goldstein"])


def test_deals_and_quotes_have_index_pages(client):
    pair = client.get("/dyad/USA/PAK/deals.json").json()
    assert pair["deals"] == client.get("/api/dyads/USA/PAK/deals").json() and pair["total"] > 0
    assert "Deals:" in client.get("/dyad/USA/PAK/deals").text
    every = client.get("/deals.json?limit=500").json()
    assert every["dataset"] == "entente" and every["total"] >= pair["total"]
    amounts = [d["amount_usd"] for d in every["deals"]]
    assert amounts == sorted(amounts, reverse=True)
    assert client.get("/deals?country=PAK").status_code == 200
    quotes = client.get("/quotes.json?country=PAK&limit=500").json()
    assert quotes["total"] > 0 and {q["speaker_country"] for q in quotes["quotes"]} == {"PAK"}
    assert client.get("/quotes?q=terrorism").status_code == 200
