"""The analytics' reads: a pair's events (one row per real-world event), the partner counts behind
hedging, the country network and the store's overview, quotes by a pair's speakers.

One row per event cluster: its representative. ``merge_reports`` gives every member of a cluster
the representative's ``event_id`` as ``cluster_id`` and the same ``reports``, and flags the others
``merged``; events not (yet) merged and imported rows stand for themselves. So the representatives
are a plain filter on a boolean, no grouping (``entente check`` verifies the invariant). Windows
are ``(first day, day after the last)`` pairs of dates, already checked by the caller. Every read
goes through ``events_corrected``: the events with the analysts' corrections applied
(:mod:`entente.store.corrections`).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Sequence

import duckdb

from entente.store import rows
from entente.store.search import sector_clause

REPRESENTATIVE = "e.merged IS NOT TRUE"
Bounds = tuple[date | None, date | None]

# What the measures read; ``pair_events(lean=True)`` fetches only these.
LEAN = ("source", "target", "is_symmetric", "cameo", "plover", "context", "goldstein", "quad_class",
        "amount_usd", "trigger", "about")
# The countries named across all of an event's reports (the merge keeps them on the representative).
_COUNTRIES = ("coalesce(e.cluster_sentence_countries, e.sentence_countries) AS sentence_countries,"
              " coalesce(e.cluster_document_countries, e.document_countries) AS document_countries")
# The rest of a full record (evidence text, provenance, the document's title).
FULL = ("doc_id", "dataset", "date", "mode", "modality", "evidence", "evidence_start", "evidence_end", "url")
_PAIR = "((e.source = ? AND e.target = ?) OR (e.source = ? AND e.target = ?))"
_HEAD = f"e.event_id, coalesce(e.reports, 1) AS n_reports, CAST(e.day AS VARCHAR) AS day, {_COUNTRIES}"


def _clusters(where: str, window: Bounds, dataset: str | None) -> tuple[str, list[Any]]:
    """SQL selecting one representative row per event cluster (``e.``-filtered by ``where``), in a window
    (on the representative's ``day``; with any bound, undated events drop out) and a dataset."""
    start, end = window
    params: list[Any] = []
    if dataset:
        where = f"({where}) AND e.dataset = ?"
        params.append(dataset)
    cut = ["TRUE"]
    for clause, value in (("day >= ?", start), ("day < ?", end)):
        if value:
            cut.append(clause)
            params.append(value)
    sql = (f"SELECT e.*, coalesce(e.cluster_id, e.event_id) AS cid, coalesce(e.reports, 1) AS n_reports"
           f" FROM events_corrected e WHERE {REPRESENTATIVE} AND ({where}) AND {' AND '.join(cut)}")
    return sql, params


def _pair_filter(a: str, b: str, dataset: str | None,
                 sectors: Sequence[str] | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause (on ``events e``) for A–B events in either direction, of one dataset
    and between the ``sectors`` (checked) if given."""
    where, params = _PAIR, [a, b, b, a]
    if dataset:
        where += " AND e.dataset = ?"
        params.append(dataset)
    if sectors:
        clause, values = sector_clause(sectors, "e.")
        where += f" AND {clause}"
        params += values
    return where, params


def pair_events(con: duckdb.DuckDBPyConnection, a: str, b: str, *, dataset: str | None = None,
                lean: bool = False, priced: bool = False,
                sectors: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Raw rows of every A–B event (one per cluster): ``_HEAD`` fields and :data:`LEAN` (+ :data:`FULL`,
    the document's title and published date unless ``lean``); ``priced``: only those with an amount."""
    where, params = _pair_filter(a, b, dataset, sectors)
    columns = ", ".join("e." + c for c in (LEAN if lean else LEAN + FULL))
    if lean:
        sql = f"SELECT {_HEAD}, {columns} FROM events_corrected e"
    else:
        sql = (f"SELECT {_HEAD}, {columns}, d.title, d.published FROM events_corrected e"
               " LEFT JOIN documents d USING (doc_id)")
    sql += f" WHERE {REPRESENTATIVE} AND {where}" + (" AND e.amount_usd IS NOT NULL" if priced else "")
    return rows(con, sql, params)


def events_by_id(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Raw full rows of the events ``ids`` (any order; those not stored are absent)."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    return rows(con, f"SELECT {_HEAD}, coalesce(e.cluster_id, e.event_id) AS cid,"
                     f" {', '.join('e.' + c for c in LEAN + FULL)}, d.title, d.published FROM events_corrected e"
                     f" LEFT JOIN documents d USING (doc_id) WHERE e.event_id IN ({marks})", list(ids))


def dated_pair_events(con: duckdb.DuckDBPyConnection, a: str, b: str, window: Bounds, dataset: str | None,
                      sectors: Sequence[str] | None) -> list[dict[str, Any]]:
    """The few fields of the pair's dated events that a series reads (one row per cluster)."""
    where, params = _pair_filter(a, b, dataset, sectors)
    for clause, value in (("e.day >= ?", window[0]), ("e.day < ?", window[1])):
        if value:
            where += f" AND {clause}"
            params.append(value)
    return rows(con, "SELECT CAST(e.day AS VARCHAR) AS day, e.source, e.is_symmetric AS symmetric, e.goldstein,"
                     " e.quad_class, coalesce(e.reports, 1) AS reports FROM events_corrected e"
                     f" WHERE {REPRESENTATIVE} AND e.day IS NOT NULL AND {where}", params)


def partner_counts(con: duckdb.DuckDBPyConnection, a: str, b: str, windows: Sequence[Bounds],
                   dataset: str | None, sectors: Sequence[str] | None = None) -> list[tuple]:
    """``(country, partner, cooperative, count in window 1, count in window 2, ...)`` rows for A and B
    with every partner, in one scan; each event once from each side it has among A and B."""
    counts, params = [], []
    for start, end in windows:
        conditions = [c for c, bound in (("r.day >= ?", start), ("r.day < ?", end)) if bound]
        counts.append(f"count(*) FILTER (WHERE {' AND '.join(conditions) or 'TRUE'})")
        params += [bound for bound in (start, end) if bound]
    keep = f"e.quad_class IS NOT NULL AND {REPRESENTATIVE}" + (" AND e.dataset = ?" if dataset else "")
    both: list[Any] = [a, b, dataset] if dataset else [a, b]
    if sectors:
        clause, values = sector_clause(sectors, "e.")
        keep += f" AND {clause}"
        both += values
    return con.execute(f"""
        WITH r AS (
            SELECT e.source AS side, e.target AS partner, e.quad_class, e.day FROM events_corrected e
            WHERE e.source IN (?, ?) AND {keep}
            UNION ALL
            SELECT e.target, e.source, e.quad_class, e.day FROM events_corrected e
            WHERE e.target IN (?, ?) AND e.source <> e.target AND {keep})
        SELECT r.side, r.partner, r.quad_class <= 2 AS coop, {', '.join(counts)}
        FROM r GROUP BY ALL""", [*both, *both, *params]).fetchall()


def network_edges(con: duckdb.DuckDBPyConnection, window: Bounds, min_events: int,
                  dataset: str | None) -> list[dict[str, Any]]:
    """Undirected pairs (codes in order) with their events, reports and mean Goldstein."""
    sql, params = _clusters("e.source <> e.target", window, dataset)
    return rows(con, f"""
        SELECT least(source, target) AS source, greatest(source, target) AS target, count(*) AS events,
               sum(n_reports) AS reports, avg(goldstein) AS mean_goldstein
        FROM ({sql}) GROUP BY 1, 2 HAVING count(*) >= ? ORDER BY events DESC, source, target""",
                [*params, min_events])


def store_counts(con: duckdb.DuckDBPyConnection, dataset: str | None) -> dict[str, Any]:
    """Documents, events (clusters) and reports, and each country's events."""
    sql, params = _clusters("TRUE", (None, None), dataset)
    (events, reports), = con.execute(f"SELECT count(*), coalesce(sum(n_reports), 0) FROM ({sql})",
                                     params).fetchall()
    (documents,), = con.execute("SELECT count(*) FROM documents").fetchall()
    countries = rows(con, f"""
        SELECT code, count(*) AS events FROM (
            SELECT cid, source AS code FROM ({sql}) UNION SELECT cid, target FROM ({sql}))
        GROUP BY code ORDER BY events DESC, code""", [*params, *params])
    return {"documents": int(documents), "events": int(events), "reports": int(reports), "countries": countries}


def quotes_by(con: duckdb.DuckDBPyConnection, a: str, b: str) -> list[dict[str, Any]]:
    """Quotes whose speaker is of A or B, oldest first, with their document's url, title and date and the
    quad classes of the speaker's events coded in the quote (``quads``)."""
    return rows(con, """
        SELECT q.*, d.url, d.title, d.published,
               list(e.quad_class) FILTER (e.event_id IS NOT NULL) AS quads
        FROM quotes q JOIN documents d USING (doc_id)
        LEFT JOIN events_corrected e ON e.doc_id = q.doc_id AND e.source = q.speaker_country
             AND e.evidence_start < q."end" AND e.evidence_end > q.start
        WHERE q.speaker_country IN (?, ?)
        GROUP BY ALL ORDER BY d.published NULLS LAST, q.doc_id, q.start""", [a, b])
