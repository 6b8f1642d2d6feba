"""The web surface: read-only by default, token-guarded writes, escaping, headers, no paths, concurrency."""

from __future__ import annotations

import subprocess
import sys
import time

import duckdb
import pytest

from entente.web import create_app
from entente.web.db import BUSY
from tests.web.conftest import XSS_ID, XSS_SCRIPT, XSS_TITLE, Client

TOKEN = "s3cret-token-for-tests-only"
DOC = {"documents": [{"id": "api-doc-1", "published": "2024-02-01", "title": "API doc",
                      "text": "India signed a trade agreement with the United States on Thursday in New Delhi."}]}


def test_security_headers_on_every_kind_of_response(client):
    for url in ("/", "/api/events", "/api/events?limit=0", "/static/style.css", "/nowhere"):
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"


def test_security_pages_have_no_inline_script_or_style(client):
    for url in ("/", "/dyad/USA/PAK", f"/documents/{XSS_ID}", "/network", "/search"):
        html = client.get(url).text
        assert "<script>" not in html and " style=" not in html and "<style" not in html
        assert "javascript:" not in html.replace("&#34;javascript:", "")


def test_security_stored_xss_is_escaped(client):
    page = client.get(f"/documents/{XSS_ID}").text
    assert XSS_SCRIPT not in page and "<iframe" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__xss = 1;" in page
    assert "&lt;img src=x onerror=" in page
    listing = client.get("/documents").text
    assert XSS_TITLE not in listing and "&lt;img src=x" in listing


def test_security_stored_xss_in_dyad_and_search(client):
    for url in ("/dyad/USA/PAK", "/search?q=billion"):
        body = client.get(url).text
        assert "<script>window.__xss" not in body
        assert "<img src=x onerror" not in body
    # The JSON keeps the text as it was, typed as JSON and never sniffed as HTML.
    r = client.get("/api/events?q=billion&limit=500")
    assert r.headers["content-type"] == "application/json" and r.headers["x-content-type-options"] == "nosniff"


def test_security_writes_off_by_default(client):
    r = client.post("/api/ingest", json=DOC)
    assert r.status_code == 403 and "--allow-writes" in r.json()["error"]
    assert client.post("/api/ingest", json=DOC, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 403


def test_security_methods_other_than_get_are_refused(client):
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        assert client.request(method, "/api/events").status_code == 405


def test_security_allow_writes_needs_token():
    with pytest.raises(ValueError):
        create_app("unused.duckdb", allow_writes=True)


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer "])
def test_security_writes_need_the_right_token(store_copy, header):
    client = Client(create_app(store_copy, allow_writes=True, token=TOKEN))
    headers = {"Authorization": header} if header else {}
    r = client.post("/api/ingest", json=DOC, headers=headers)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


def test_security_ingest_with_token_writes_and_reads_go_on(store_copy):
    app = create_app(store_copy, allow_writes=True, token=TOKEN)
    client = Client(app)
    before = client.get("/api/overview").json()["documents"]
    r = client.post("/api/ingest", json=DOC, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    assert r.json()["added"] == 1
    assert client.get("/api/overview").json()["documents"] == before + 1
    again = client.post("/api/ingest", json=DOC, headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert again["added"] == 0 and again["skipped"] == 1
    app.state.store.close()


@pytest.mark.parametrize("body", [
    {"documents": [{"id": "x", "path": "/etc/passwd"}]},
    {"documents": [{"id": "x", "text": "hi", "file": "/etc/passwd"}]},
    {"paths": ["/etc/passwd"]},
    {"documents": []},
    {"documents": [{"id": "x", "text": "hi", "url": "file:///etc/passwd"}]},
    {"documents": [{"id": "x", "text": "hi", "published": "yesterday"}]},
])
def test_security_ingest_takes_documents_not_paths(store_copy, body):
    client = Client(create_app(store_copy, allow_writes=True, token=TOKEN))
    r = client.post("/api/ingest", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422, r.text
    assert r.json()["error"].startswith("invalid request")


@pytest.mark.parametrize("url", [
    "/api/events?q=' OR 1=1 --", "/api/events?q=%'; DROP TABLE events; --", "/api/documents/x' OR '1'='1",
    "/api/events?country=USA'--", "/documents/..%2F..%2Fetc%2Fpasswd", "/static/../../../../etc/passwd",
    "/api/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
])
def test_security_injection_and_traversal_attempts_are_harmless(client, url):
    r = client.get(url)
    assert r.status_code in (200, 400, 404, 422)
    assert "root:x:0:0" not in r.text
    assert client.get("/api/events?limit=1").json()["total"] > 0


def test_security_sql_text_search_is_literal(client):
    assert client.get("/api/events?q=' OR 1=1 --").json()["total"] == 0


def test_security_no_openapi_ui_from_cdn(client):
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_concurrency_same_process_writer_gets_503_or_read(store_copy):
    client = Client(create_app(store_copy))
    writer = duckdb.connect(str(store_copy))
    try:
        writer.execute("BEGIN TRANSACTION")
        writer.execute("DELETE FROM rejects")
        for url in ("/api/events", "/dyad/USA/PAK.json", "/"):
            r = client.get(url)
            assert r.status_code in (200, 503), r.text
            if r.status_code == 503 and url != "/":
                assert r.json()["error"] == BUSY and r.headers["retry-after"]
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert client.get("/api/events").status_code == 200


def test_concurrency_other_process_writing_gets_503_never_500(store_copy):
    code = ("import duckdb, sys, time\n"
            f"con = duckdb.connect({str(store_copy)!r})\n"
            "con.execute(\"INSERT INTO rejects (path, code, reason) VALUES ('w', 'E000', 'writer')\")\n"
            "print('locked', flush=True)\n"
            "time.sleep(30)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        client = Client(create_app(store_copy))
        statuses = set()
        for url in ("/api/events", "/api/dyads/USA/PAK/verdict", "/dyad/USA/PAK", "/index.json"):
            r = client.get(url)
            statuses.add(r.status_code)
            assert r.status_code in (200, 503), r.text
            if r.status_code == 503:
                assert BUSY in r.text
        assert statuses == {503}
    finally:
        proc.kill()
        proc.wait()
    time.sleep(0.2)
    # The lock is gone with the writer: reads come back, and the file is intact.
    client = Client(create_app(store_copy))
    assert client.get("/api/events?limit=1").json()["total"] > 0
    con = duckdb.connect(str(store_copy), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] >= 49
    con.close()


def test_concurrency_missing_store_is_503(tmp_path):
    r = Client(create_app(tmp_path / "absent.duckdb")).get("/api/events")
    assert r.status_code == 503 and "entente ingest" in r.json()["error"]
    assert str(tmp_path) not in r.text


def test_security_ingest_applies_the_cli_rule_to_a_repeated_id(store_copy):
    app = create_app(store_copy, allow_writes=True, token=TOKEN)
    client = Client(app)
    body = {"documents": [{"id": "dup", "text": "Kenya and Uganda signed a trade pact on Monday."},
                          {"id": "dup", "text": "Kenya accused Uganda of border raids on Tuesday."}]}
    r = client.post("/api/ingest", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["added"] == 1 and len(out["rejected"]) == 1 and "E112" in out["rejected"][0]
    doc = client.get("/api/documents/dup").json()
    assert "trade pact" in doc["document"]["text"]
    assert doc["evidence"] and all("trade pact" in e["text"] for e in doc["evidence"])
    app.state.store.close()


def test_security_ingest_refuses_an_impossible_date_with_a_422(store_copy):
    client = Client(create_app(store_copy, allow_writes=True, token=TOKEN))
    r = client.post("/api/ingest", headers={"Authorization": f"Bearer {TOKEN}"},
                    json={"documents": [{"id": "x", "text": "Kenya and Uganda met.", "published": "2020-02-30"}]})
    assert r.status_code == 422 and "not a real date" in r.json()["error"]
    assert r.headers["content-security-policy"] and r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("doc_id", ["inbox/2024/a.txt", "./notes.txt", "a b?c#d"])
def test_security_document_ids_with_slashes_and_dots_are_served_and_linked(store_copy, doc_id):
    client = Client(create_app(store_copy, allow_writes=True, token=TOKEN))
    body = {"documents": [{"id": doc_id, "text": "Japan and India signed a defence pact on Monday.",
                           "published": "2024-03-04"}]}
    assert client.post("/api/ingest", json=body, headers={"Authorization": f"Bearer {TOKEN}"}).json()["added"] == 1
    from urllib.parse import quote

    link = "/documents/" + quote(doc_id, safe="")
    assert client.get("/api/documents/" + quote(doc_id, safe="")).json()["document"]["doc_id"] == doc_id
    assert client.get(link).status_code == 200
    assert f'href="{link}"' in client.get("/documents?q=defence%20pact").text


def test_security_loopback_server_answers_only_to_loopback_host_names(store):
    from entente.web.app import LOOPBACK_HOSTS

    app = create_app(store, hosts=LOOPBACK_HOSTS)
    import asyncio

    import httpx

    async def get(host: str) -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=f"http://{host}") as c:
            return await c.get("/api/overview")

    assert asyncio.run(get("127.0.0.1:8000")).status_code == 200
    assert asyncio.run(get("localhost")).status_code == 200
    rebound = asyncio.run(get("attacker.example:8000"))
    assert rebound.status_code == 421 and "unknown host" in rebound.json()["error"]
    assert rebound.headers["content-security-policy"]


def test_security_write_without_token_or_too_large_is_refused_before_the_body_is_read(store_copy):
    client = Client(create_app(store_copy, allow_writes=True, token=TOKEN))
    big = {"Content-Length": str(200_000_000), "Authorization": f"Bearer {TOKEN}"}
    r = client.post("/api/ingest", content=b"{}", headers=big)
    assert r.status_code == 413 and "at most" in r.json()["error"]
    r = client.post("/api/ingest", content=b"x" * 1000, headers={"Content-Type": "application/json"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
