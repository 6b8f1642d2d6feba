"""A dyad's events, merged across reports, and their time series.

Every analytics function reads the store through :func:`cluster_rows`: one row
per real-world event (``coalesce(cluster_id, event_id)``), represented by the
cluster's first report, with ``reports`` the number of documents (or dataset
mentions) behind it. So events and media attention stay visible apart.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Sequence

import duckdb

from entente.store import period_start, rows

GRANULARITIES = ("month", "quarter", "year")

# Columns of a cluster row (besides the raw event columns).
_REPRESENTATIVE = """
WITH raw AS (
    SELECT e.*, coalesce(e.cluster_id, e.event_id) AS cid FROM events e WHERE {where}
), clusters AS (
    SELECT cid, max(coalesce(reports, 1)) AS n_reports FROM raw GROUP BY cid
), rep AS (
    SELECT * FROM raw
    QUALIFY row_number() OVER (PARTITION BY cid ORDER BY (event_id = cid) DESC, day NULLS LAST, event_id) = 1
)
SELECT rep.*, clusters.n_reports FROM rep JOIN clusters USING (cid) WHERE {window}
"""


def bounds(since: str | date | None, until: str | date | None) -> tuple[date | None, date | None]:
    """``(first day, day after the last)`` of an ISO window; each bound at any precision.

    ``until="2019"`` includes all of 2019; ``until="2019-06"`` all of June.
    """
    start = _day(since, "since") if since else None
    end = None
    if until:
        text = until.isoformat() if isinstance(until, date) else str(until)
        first = _day(text, "until")
        if len(text) == 4:
            end = date(first.year + 1, 1, 1)
        elif len(text) == 7:
            end = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        else:
            end = first + timedelta(days=1)
    if start and end and end <= start:
        raise ValueError(f"empty window: since {since} is after until {until}")
    return start, end


def _day(value: str | date, name: str) -> date:
    if isinstance(value, date):
        return value
    day = period_start(str(value))
    if day is None or len(str(value)) not in (4, 7, 10):
        raise ValueError(f"{name}: not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    return day


def check_pair(a: str, b: str) -> tuple[str, str]:
    """Upper-cased country codes; the two must differ."""
    a, b = a.strip().upper(), b.strip().upper()
    if not a or not b or a == b:
        raise ValueError(f"a pair needs two different countries, got {a!r} and {b!r}")
    return a, b


def cluster_sql(where: str, since: str | date | None = None, until: str | date | None = None,
                dataset: str | None = None) -> tuple[str, list[Any]]:
    """SQL selecting one representative row per event cluster, filtered by window and dataset.

    ``where`` filters raw event rows (``e.``); the window applies to the
    representative's ``day``. With any bound given, undated events drop out.
    """
    start, end = bounds(since, until)
    params: list[Any] = []
    if dataset:
        where = f"({where}) AND e.dataset = ?"
        params.append(dataset)
    window = ["TRUE"]
    if start:
        window.append("day >= ?")
        params.append(start)
    if end:
        window.append("day < ?")
        params.append(end)
    return _REPRESENTATIVE.format(where=where, window=" AND ".join(window)), params


def dyad_events(con: duckdb.DuckDBPyConnection, a: str, b: str, *, since: str | None = None,
                until: str | None = None, dataset: str | None = None) -> list[dict[str, Any]]:
    """Every A–B event (one per cluster), oldest first, with its document title.

    ``direction`` is ``"A>B"`` written with the codes (``"USA>PAK"``);
    ``reports`` the documents (or dataset mentions) behind the event.
    """
    a, b = check_pair(a, b)
    sql, params = cluster_sql("(e.source = ? AND e.target = ?) OR (e.source = ? AND e.target = ?)",
                              since, until, dataset)
    found = rows(con, f"SELECT c.*, d.title, d.published FROM ({sql}) c LEFT JOIN documents d USING (doc_id)"
                      " ORDER BY c.day NULLS LAST, c.event_id", [a, b, b, a, *params])
    return [_event_record(r) for r in found]


def _event_record(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "event_id": r["event_id"], "cluster_id": r["cid"], "doc_id": r["doc_id"], "dataset": r["dataset"],
        "date": r["date"], "day": r["day"].isoformat() if r["day"] else None,
        "source": r["source"], "target": r["target"], "direction": f"{r['source']}>{r['target']}",
        "symmetric": bool(r["is_symmetric"]), "cameo": r["cameo"], "plover": r["plover"], "mode": r["mode"],
        "context": r["context"], "goldstein": r["goldstein"], "quad_class": r["quad_class"],
        "amount_usd": r["amount_usd"], "trigger": r["trigger"], "modality": r["modality"],
        "about": list(r["about"] or []), "evidence": r["evidence"], "evidence_start": r["evidence_start"],
        "evidence_end": r["evidence_end"], "url": r["url"], "title": r.get("title"),
        "published": r.get("published"), "reports": int(r["n_reports"]),
    }


def dyad_series(con: duckdb.DuckDBPyConnection, a: str, b: str, *, since: str | None = None,
                until: str | None = None, granularity: str = "month", dataset: str | None = None,
                combined: bool = False) -> list[dict[str, Any]]:
    """One row per period and direction of the A–B relationship.

    Rows carry ``period`` (ISO first day), ``direction`` (``"A>B"``/``"B>A"``
    with the codes, plus ``"A<>B"`` rows when ``combined``), ``events``,
    ``reports``, ``mean_goldstein``, ``share_q1``..``share_q4`` and
    ``net_cooperation`` (the sum of the events' Goldstein weights). Symmetric
    events count in both directions (once in the combined row). Both
    directions appear for every period that has any event; undated events
    are left out.
    """
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {', '.join(GRANULARITIES)}, not {granularity!r}")
    a, b = check_pair(a, b)
    sql, params = cluster_sql("(e.source = ? AND e.target = ?) OR (e.source = ? AND e.target = ?)",
                              since, until, dataset)
    ab, ba, both = f"{a}>{b}", f"{b}>{a}", f"{a}<>{b}"
    found = rows(con, f"""
        WITH c AS ({sql}), d AS (
            SELECT *, CASE WHEN source = ? THEN ? ELSE ? END AS direction FROM c WHERE day IS NOT NULL
            UNION ALL
            SELECT *, CASE WHEN source = ? THEN ? ELSE ? END FROM c WHERE day IS NOT NULL AND is_symmetric
            UNION ALL
            SELECT *, ? FROM c WHERE day IS NOT NULL AND ?
        )
        SELECT CAST(date_trunc('{granularity}', day) AS DATE) AS period, direction, count(*) AS events,
               sum(n_reports) AS reports, avg(goldstein) AS mean_goldstein,
               count(quad_class) AS coded, count(*) FILTER (quad_class = 1) AS q1,
               count(*) FILTER (quad_class = 2) AS q2, count(*) FILTER (quad_class = 3) AS q3,
               count(*) FILTER (quad_class = 4) AS q4, coalesce(sum(goldstein), 0) AS net_cooperation
        FROM d GROUP BY ALL ORDER BY period, direction""",
        [a, b, b, a, *params, a, ab, ba, a, ba, ab, both, combined])
    return _fill_directions(found, (ab, ba, both) if combined else (ab, ba))


def _fill_directions(found: Sequence[dict[str, Any]], directions: Sequence[str]) -> list[dict[str, Any]]:
    by_key = {(r["period"], r["direction"]): r for r in found}
    out = []
    for period in sorted({r["period"] for r in found}):
        for direction in directions:
            r = by_key.get((period, direction))
            out.append(_series_row(period, direction, r))
    return out


def _series_row(period: date, direction: str, r: dict[str, Any] | None) -> dict[str, Any]:
    row: dict[str, Any] = {"period": period.isoformat(), "direction": direction, "events": 0, "reports": 0,
                           "mean_goldstein": None, "share_q1": None, "share_q2": None, "share_q3": None,
                           "share_q4": None, "net_cooperation": 0.0}
    if r is None:
        return row
    row.update(events=int(r["events"]), reports=int(r["reports"]), net_cooperation=round(r["net_cooperation"], 4),
               mean_goldstein=None if r["mean_goldstein"] is None else round(r["mean_goldstein"], 4))
    if r["coded"]:
        for q in (1, 2, 3, 4):
            row[f"share_q{q}"] = round(r[f"q{q}"] / r["coded"], 4)
    return row
