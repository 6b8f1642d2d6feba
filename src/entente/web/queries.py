"""Store-only reads for the web app: documents, events, evidence and places.

Every query is parameterised: user input only ever travels as ``?`` values,
never inside the SQL text. Filters are validated (by the routes) before they
get here.
"""

from __future__ import annotations

from typing import Any

import duckdb

from entente.store import document_actors
from entente.store.search import EVENT_FIELDS, EventFilter, period_bounds
from entente.store.search import search_events as store_search
from entente.web.db import clean, fetch

# EventFilter and period_bounds live with the search in the store layer; the routes import them from here.
__all__ = ["EVENT_FIELDS", "EventFilter", "period_bounds", "search_events", "event_detail", "list_documents",
           "document_detail", "segments", "places", "dyad_events"]


def search_events(con: duckdb.DuckDBPyConnection, f: EventFilter) -> dict[str, Any]:
    """One page of events matching ``f`` (newest first) and the total count, JSON-ready."""
    return clean(store_search(con, f))


def event_detail(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event with every report's evidence sentence and its document."""
    found = fetch(con, f"SELECT {EVENT_FIELDS} FROM events WHERE event_id = ?", [event_id])
    if not found:
        return None
    event = found[0]
    evidence = fetch(con, "SELECT v.event_id, v.doc_id, v.text, v.start, v.\"end\", d.title, d.url, d.published"
                          " FROM evidence v LEFT JOIN documents d USING (doc_id)"
                          " WHERE v.event_id = ? OR v.event_id IN"
                          " (SELECT event_id FROM events WHERE cluster_id = ? AND cluster_id IS NOT NULL)"
                          " ORDER BY d.published NULLS LAST, v.doc_id, v.start",
                     [event_id, event.get("cluster_id")])
    docs = {e["doc_id"]: {"doc_id": e["doc_id"], "title": e["title"], "url": e["url"],
                          "published": e["published"]} for e in evidence}
    return {"event": event, "evidence": evidence, "documents": list(docs.values())}


def list_documents(con: duckdb.DuckDBPyConnection, *, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    """One page of documents (newest first), optionally filtered by a title search."""
    where, params = ("contains(lower(coalesce(title, '')), lower(?))", [q]) if q else ("TRUE", [])
    total = con.execute(f"SELECT count(*) FROM documents WHERE {where}", params).fetchone()[0]
    rows = fetch(con, "SELECT doc_id, title, url, source, published, length(text) AS chars,"
                      " (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS events"
                      f" FROM documents d WHERE {where} ORDER BY published DESC NULLS LAST, doc_id LIMIT ? OFFSET ?",
                 params + [limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "documents": rows}


def document_detail(con: duckdb.DuckDBPyConnection, doc_id: str,
                    event_id: str | None = None) -> dict[str, Any] | None:
    """A document with its text, its events and their evidence spans.

    With ``event_id``, ``segments`` splits the text into plain and marked runs
    around that event's evidence offsets (for ``<mark>`` highlighting).
    """
    found = fetch(con, "SELECT doc_id, title, url, source, published, origin, kind, text FROM documents"
                       " WHERE doc_id = ?", [doc_id])
    if not found:
        return None
    doc = found[0]
    events = fetch(con, "SELECT event_id, source, target, cameo, plover, goldstein, date, evidence_start,"
                        " evidence_end FROM events WHERE doc_id = ? ORDER BY evidence_start, event_id", [doc_id])
    spans = fetch(con, "SELECT event_id, start, \"end\", text FROM evidence WHERE doc_id = ? ORDER BY start",
                  [doc_id])
    marked = [s for s in spans if event_id and s["event_id"] == event_id]
    return {"document": doc, "events": events, "evidence": spans, "highlight": event_id,
            "segments": segments(doc["text"], [(s["start"], s["end"]) for s in marked]),
            **document_actors(con, doc_id)}


def segments(text: str, spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Split ``text`` into ``{"text", "mark"}`` runs; overlapping spans are merged."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans if s is not None and e is not None):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        if start > pos:
            out.append({"text": text[pos:start], "mark": False})
        out.append({"text": text[start:end], "mark": True})
        pos = end
    if pos < len(text) or not out:
        out.append({"text": text[pos:], "mark": False})
    return out


def places(con: duckdb.DuckDBPyConnection, *, a: str | None = None, b: str | None = None,
           country: str | None = None, since: str | None = None, until: str | None = None,
           limit: int = 500) -> list[dict[str, Any]]:
    """Places named in the reports (mentions of kind ``place`` with coordinates), most mentioned first.

    With ``a`` and ``b``, only documents reporting an event between the two
    (in the date window) count; ``country`` keeps places in that country.
    """
    clauses, params = ["m.kind = 'place'", "m.lat IS NOT NULL", "m.lon IS NOT NULL"], []
    if a and b:
        docs = EventFilter(a=a, b=b, since=since, until=until)
        where, wparams = docs.where()
        clauses.append(f"m.doc_id IN (SELECT doc_id FROM events WHERE {where})")
        params += wparams
    if country:
        clauses.append("m.country = ?")
        params.append(country)
    return fetch(con, "SELECT m.name, m.country, m.value AS kind, round(m.lat, 4) AS lat, round(m.lon, 4) AS lon,"
                      " count(*) AS count, count(DISTINCT m.doc_id) AS documents FROM mentions m"
                      f" WHERE {' AND '.join(clauses)} GROUP BY ALL ORDER BY count DESC, m.name LIMIT ?",
                 params + [limit])


def dyad_events(con: duckdb.DuckDBPyConnection, a: str, b: str, *, since: str | None = None,
                until: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """The evidence list of a dyad page: its events, newest first, each with its document title."""
    where, params = EventFilter(a=a, b=b, since=since, until=until).where()
    return fetch(con, "SELECT e.event_id, e.doc_id, e.source, e.target, e.cameo, e.plover, e.goldstein, e.date,"
                      f" e.reports, e.evidence, d.title FROM (SELECT * FROM events WHERE {where}) e"
                      " LEFT JOIN documents d ON d.doc_id = e.doc_id ORDER BY e.day DESC NULLS LAST, e.event_id LIMIT ?",
                 params + [limit])
