"""entente's own events beside an imported dataset's, for one pair and period (``entente compare``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb


@dataclass
class Comparison:
    """Counts by (month, PLOVER type) for both sides, and the events only one side has."""

    a: str
    b: str
    dataset: str
    window: int
    counts: list[tuple[str, str, int, int]] = field(default_factory=list)  # month, type, entente, dataset
    only_entente: list[dict] = field(default_factory=list)
    only_dataset: list[dict] = field(default_factory=list)
    spans: dict[str, tuple[date | None, date | None]] = field(default_factory=dict)  # first and last day, by side
    uncoded: int = 0  # the dataset's rows with no PLOVER type (statements and the like): left out

    @property
    def overlap(self) -> bool:
        """Whether the two sides' spans share a day (nothing can match otherwise)."""
        (s1, e1), (s2, e2) = self.spans.get("entente", (None, None)), self.spans.get(self.dataset, (None, None))
        return bool(s1 and s2 and e1 and e2 and s1 <= e2 and s2 <= e1)


def compare(con: duckdb.DuckDBPyConnection, a: str, b: str, dataset: str, since: date | None = None,
            until: date | None = None, window: int = 1) -> Comparison:
    """Compare ``entente`` events with ``dataset`` events between countries ``a`` and ``b`` (both directions).

    An event matches when the other side has one with the same direction, the
    same PLOVER type and a day within ``window`` days. Only events with a PLOVER
    type are compared, as entente codes nothing else: the dataset's other rows
    (CAMEO statements such as root 01 with no PLOVER type) are counted in ``uncoded``.
    """
    params = [a, b, b, a, since, since, until, until]
    con.execute("""CREATE OR REPLACE TEMP TABLE _cmp AS
        SELECT event_id, dataset, source, target, plover AS type, day, cameo, url
        FROM events WHERE ((source = ? AND target = ?) OR (source = ? AND target = ?))
          AND (? IS NULL OR day >= ?) AND (? IS NULL OR day <= ?) AND day IS NOT NULL""", params)
    result = Comparison(a, b, dataset, window)
    (result.uncoded,), = con.execute("SELECT count(*) FROM _cmp WHERE dataset = ? AND type IS NULL",
                                     [dataset]).fetchall()
    con.execute("DELETE FROM _cmp WHERE type IS NULL")
    for side in ("entente", dataset):
        (first, last), = con.execute("SELECT min(day), max(day) FROM _cmp WHERE dataset = ?", [side]).fetchall()
        result.spans[side] = (first, last)
    result.counts = con.execute("""SELECT strftime(day, '%Y-%m') AS month, type,
            count(*) FILTER (WHERE dataset = 'entente'), count(*) FILTER (WHERE dataset = ?)
        FROM _cmp WHERE dataset IN ('entente', ?) GROUP BY ALL ORDER BY month, type""",
                                   [dataset, dataset]).fetchall()

    def only(side: str, other: str) -> list[dict]:
        cur = con.execute(f"""SELECT x.event_id, x.source, x.target, x.type, x.day, x.cameo, x.url FROM _cmp x
            WHERE x.dataset = ? AND NOT EXISTS (SELECT 1 FROM _cmp y WHERE y.dataset = ?
                AND y.source = x.source AND y.target = x.target AND y.type = x.type
                AND abs(date_diff('day', x.day, y.day)) <= {int(window)})
            ORDER BY x.day, x.event_id""", [side, other])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    result.only_entente = only("entente", dataset)
    result.only_dataset = only(dataset, "entente")
    con.execute("DROP TABLE IF EXISTS _cmp")
    return result
