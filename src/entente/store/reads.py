"""Typed reads the surfaces need beyond the analytics' own: a dyad's evidence list, the places
its reports name, the datasets a store holds. SQL lives here, not in the web, CLI or report."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any, Sequence

import duckdb

from entente.store import document_actors
from entente.store.search import EVENT_FIELDS, EventFilter, word_patterns
from entente.store.words import word_clauses
from entente.store.search import search_events as _search

OWN_DATASET = "entente"  # what entente codes itself: the default of every verdict
ALL_DATASETS = "all"


def clean(value: Any) -> Any:
    """Make a value JSON-ready: NaN/inf -> None, dates -> ISO strings, recursively."""
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def fetch(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Run a parameterised query; dict rows, JSON-ready."""
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [clean(dict(zip(names, r))) for r in cur.fetchall()]


def dataset_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """``{dataset: events}`` of the store, entente's own first."""
    counts = dict(con.execute("SELECT dataset, count(*) FROM events GROUP BY dataset ORDER BY dataset").fetchall())
    return dict(sorted(counts.items(), key=lambda kv: (kv[0] != OWN_DATASET, kv[0])))


def check_dataset(con: duckdb.DuckDBPyConnection, name: str | None) -> str | None:
    """The dataset filter a read takes for ``name``: entente's own by default, ``None`` for "all".

    Raises ``ValueError`` naming the store's datasets when ``name`` is none of them.
    """
    name = (name or OWN_DATASET).strip().lower()
    if name == ALL_DATASETS:
        return None
    known = dataset_counts(con)
    if name not in known and name != OWN_DATASET:
        have = ", ".join(f"{k} ({v} events)" for k, v in known.items()) or "none yet"
        raise ValueError(f"no dataset {name!r} in this store; it holds: {have}; or 'all'")
    return name


def places(con: duckdb.DuckDBPyConnection, *, a: str | None = None, b: str | None = None,
           country: str | None = None, since: str | None = None, until: str | None = None,
           dataset: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
    """Places named in the reports (mentions of kind ``place`` with coordinates), most mentioned first.

    With ``a`` and ``b``, only documents reporting an event between the two
    (in the date window, of ``dataset``) count; ``country`` keeps places in that country.
    """
    clauses, params = ["m.kind = 'place'", "m.lat IS NOT NULL", "m.lon IS NOT NULL"], []
    if a and b:
        where, wparams = EventFilter(a=a, b=b, since=since, until=until, dataset=dataset).where()
        clauses.append(f"m.doc_id IN (SELECT doc_id FROM events_corrected WHERE {where})")
        params += wparams
    if country:
        clauses.append("m.country = ?")
        params.append(country)
    return fetch(con, "SELECT m.name, m.country, m.value AS kind, round(m.lat, 4) AS lat, round(m.lon, 4) AS lon,"
                      " count(*) AS count, count(DISTINCT m.doc_id) AS documents FROM mentions m"
                      f" WHERE {' AND '.join(clauses)} GROUP BY ALL ORDER BY count DESC, m.name LIMIT ?",
                 params + [limit])


def pair_evidence(con: duckdb.DuckDBPyConnection, a: str, b: str, *, since: str | None = None,
                  until: str | None = None, dataset: str | None = OWN_DATASET,
                  sectors: tuple[str, ...] | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """A pair's event reports, newest first, each with its document title: the evidence list."""
    where, params = EventFilter(a=a, b=b, since=since, until=until, dataset=dataset, sectors=sectors).where()
    return fetch(con, "SELECT e.event_id, e.doc_id, e.dataset, e.source, e.target, e.cameo, e.plover, e.goldstein,"
                      f" e.date, e.reports, e.evidence, d.title FROM (SELECT * FROM events_corrected WHERE {where}) e"
                      " LEFT JOIN documents d ON d.doc_id = e.doc_id"
                      " ORDER BY e.day DESC NULLS LAST, e.event_id LIMIT ?",
                 params + [limit])


def search_events(con: duckdb.DuckDBPyConnection, f: EventFilter) -> dict[str, Any]:
    """One page of events matching ``f`` (newest first) and the total count, JSON-ready."""
    return clean(_search(con, f))


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
    from entente.store.corrections import list_corrections

    return {"event": event, "evidence": evidence, "documents": list(docs.values()),
            "corrections": clean(list_corrections(con, event_id=event_id))}


def list_documents(con: duckdb.DuckDBPyConnection, *, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    """One page of documents (newest first), optionally those whose title or text has every word of ``q``
    (whole words, any case)."""
    clauses, params = word_clauses(q, "document", "d.doc_id")
    where = " AND ".join(clauses) or "TRUE"
    return _page(con, "documents", "documents d", "doc_id, title, url, source, published, length(text) AS chars,"
                 " (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS events", where, params,
                 "published DESC NULLS LAST, doc_id", limit, offset)


def _page(con: duckdb.DuckDBPyConnection, key: str, source: str, select: str, where: str, params: list[Any],
          order: str, limit: int, offset: int) -> dict[str, Any]:
    """``{"total", "limit", "offset", key: rows}``: one page of ``select`` from ``source`` (fixed SQL
    fragments; values only through ``params``)."""
    (total,), = con.execute(f"SELECT count(*) FROM {source} WHERE {where}", params).fetchall()
    found = fetch(con, f"SELECT {select} FROM {source} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
                  params + [limit, offset])
    return {"total": total, "limit": limit, "offset": offset, key: found}


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


def list_quotes(con: duckdb.DuckDBPyConnection, *, country: str | None, q: str | None, limit: int,
                offset: int) -> dict[str, Any]:
    """One page of quotes (newest document first), optionally by speakers of ``country`` and with every
    word of ``q``."""
    clauses, params = ["TRUE"], []
    if country:
        clauses.append("q.speaker_country = ?")
        params.append(country)
    for pattern in word_patterns(q):
        clauses.append("regexp_matches(q.text, ?)")
        params.append(pattern)
    return _page(con, "quotes", "quotes q JOIN documents d USING (doc_id)",
                 "q.doc_id, q.speaker, q.speaker_country, q.speaker_role, q.text, q.countries, d.title,"
                 " d.published AS date", " AND ".join(clauses), params,
                 "d.published DESC NULLS LAST, q.doc_id, q.start", limit, offset)


def list_deals(con: duckdb.DuckDBPyConnection, *, country: str | None, dataset: str | None, limit: int,
               offset: int) -> dict[str, Any]:
    """One page of events with an amount (one per merged event, newest first), optionally with
    ``country`` on either side."""
    where, params = EventFilter(country=country, dataset=dataset, one_per_event=True).where()
    return _page(con, "deals", "events_corrected", EVENT_FIELDS, where + " AND amount_usd IS NOT NULL", params,
                 "amount_usd DESC, day DESC NULLS LAST, event_id", limit, offset)
