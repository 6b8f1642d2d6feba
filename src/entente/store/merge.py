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

import duckdb

from entente.store import cluster_countries

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


def merge_reports(con: duckdb.DuckDBPyConnection) -> int:
    """Assign ``cluster_id``, ``reports`` and ``merged`` to entente's events; returns the cluster count.

    The cluster's first report (by day, then id) represents it: every member
    gets its ``event_id`` as ``cluster_id`` and the cluster's ``reports``; the
    others are ``merged``. Analytics read the representatives (``NOT merged``),
    with the countries named across all the reports (``cluster_*_countries``).
    """
    fetched = con.execute(
        "SELECT event_id, doc_id, source, target, is_symmetric, coalesce(plover, root), day, date_granularity,"
        " amount_usd, about FROM events WHERE dataset = 'entente' ORDER BY day NULLS LAST, event_id").fetchall()
    rows = [_Row(eid, doc, tuple(sorted((s, t))) if sym else (s, t), pl, d, g, amt, frozenset(ab or ()))
            for eid, doc, s, t, sym, pl, d, g, amt, ab in fetched]
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
    updates = [(c[0].event_id, len({r.doc_id for r in c}), r is not c[0], r.event_id) for c in clusters for r in c]
    con.execute("BEGIN TRANSACTION")
    if updates:  # DuckDB refuses an empty executemany (a store whose documents have no events yet)
        con.executemany("UPDATE events SET cluster_id = ?, reports = ?, merged = ? WHERE event_id = ?", updates)
    cluster_countries(con)
    con.execute("COMMIT")
    return len(clusters)
