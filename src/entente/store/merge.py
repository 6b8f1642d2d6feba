"""Cross-document merging: reports of one real-world event become one cluster.

Two entente events are reports of the same event when they join the same pair
(either direction when symmetric), have the same PLOVER type, their dates fall
within a window that depends on how precise they are, and their amounts (when
both give one) agree, and what they act on (the event's ``about`` words,
when both have some) overlaps. Every event keeps its row; ``cluster_id`` groups them
and ``reports`` counts the distinct documents, so media attention (reports)
and events (clusters) stay visible apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

import duckdb
import pyarrow as pa

from entente.store import cluster_countries, rollback

# How far apart two reports' dates may be, by the coarser granularity.
WINDOW_DAYS = {"day": 3, "week": 7, "month": 31, "season": 92, "quarter": 92, "year": 366, "decade": 3660}


@dataclass
class _Row:
    event_id: str
    doc_id: str
    pair: tuple[str, str]
    plover: str
    day: date | None
    granularity: str | None
    amount: float | None
    about: frozenset[str]


def _close(a: _Row, b: _Row) -> bool:
    if a.about and b.about and not a.about & b.about:
        return False  # a copper deal and a fisheries deal on the same day are two deals
    if a.amount and b.amount and abs(a.amount - b.amount) > 0.01 * max(a.amount, b.amount):
        return False
    if a.day is None or b.day is None:
        return False
    window = max(WINDOW_DAYS.get(a.granularity or "day", 3), WINDOW_DAYS.get(b.granularity or "day", 3))
    return abs((a.day - b.day).days) <= window


def merge_reports(con: duckdb.DuckDBPyConnection, documents: Iterable[str] | None = None) -> int:
    """Assign ``cluster_id``, ``reports`` and ``merged`` to entente's events; returns the cluster count.

    The cluster's first report (by day, then id) represents it: every member
    gets its ``event_id`` as ``cluster_id`` and the cluster's ``reports``; the
    others are ``merged``. Analytics read the representatives (``NOT merged``),
    with the countries named across all the reports (``cluster_*_countries``).

    ``documents``: the ids of the documents just added. Reports can only join events of the same pair
    and type, so only those (pair, type) groups the new documents' events fall in are clustered again,
    with the very rule a full pass applies to them: the result is the same, at a cost that does not
    grow with the store. ``None``: every event (a full pass).
    """
    scope, params = "TRUE", []
    if documents is not None:
        docs = list(documents)
        if not docs:
            return _clusters(con)
        scope = (f"({_KEY}) IN (SELECT DISTINCT {_KEY} FROM events WHERE dataset = 'entente'"
                 " AND list_contains(?, doc_id))")
        params = [docs]
    fetched = con.execute(
        "SELECT event_id, doc_id, source, target, is_symmetric, coalesce(plover, root), day, date_granularity,"
        " amount_usd, about, cluster_id, reports, merged FROM events"
        f" WHERE dataset = 'entente' AND {scope} ORDER BY day NULLS LAST, event_id", params).fetchall()
    rows = [_Row(eid, doc, tuple(sorted((s, t))) if sym else (s, t), pl, d, g, amt, frozenset(ab or ()))
            for eid, doc, s, t, sym, pl, d, g, amt, ab, *_ in fetched]
    held = {r[0]: (r[10], r[11], bool(r[12])) for r in fetched}
    clusters: list[list[_Row]] = []
    open_by_key: dict[tuple, list[list[_Row]]] = {}
    for row in rows:
        key = (row.pair, row.plover)
        home = next((c for c in open_by_key.get(key, []) if row.doc_id not in {r.doc_id for r in c}
                     and any(_close(row, r) for r in c)), None)
        if home is None:
            home = []
            clusters.append(home)
            open_by_key.setdefault(key, []).append(home)
        home.append(row)
    updates = [(r.event_id, c[0].event_id, len({x.doc_id for x in c}), r is not c[0]) for c in clusters for r in c]
    changed = [u for u in updates if held[u[0]] != u[1:]]
    con.execute("BEGIN TRANSACTION")
    try:
        if changed:  # DuckDB refuses an empty batch (a store whose documents have no events yet)
            con.register("_entente_clusters", pa.table({
                "event_id": [u[0] for u in changed], "cluster_id": [u[1] for u in changed],
                "reports": pa.array([u[2] for u in changed], pa.int32()), "merged": [u[3] for u in changed]}))
            try:
                con.execute("UPDATE events SET cluster_id = c.cluster_id, reports = c.reports, merged = c.merged"
                            " FROM _entente_clusters c WHERE events.event_id = c.event_id")
            finally:
                con.unregister("_entente_clusters")
        cluster_countries(con, None if documents is None else [u[0] for u in updates])
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise
    return _clusters(con)


# The clustering key of an event row, as ``_Row.pair`` and ``_Row.plover`` make it.
_KEY = ("CASE WHEN is_symmetric THEN least(source, target) ELSE source END,"
        " CASE WHEN is_symmetric THEN greatest(source, target) ELSE target END, coalesce(plover, root)")


def _clusters(con: duckdb.DuckDBPyConnection) -> int:
    (n,), = con.execute("SELECT count(*) FROM events WHERE dataset = 'entente' AND merged IS NOT TRUE").fetchall()
    return int(n)
