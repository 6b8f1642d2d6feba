"""The dyad summary: what ``entente dyad`` prints first — the verdict with its measures,
periods and top evidence, and the series in both directions."""

from __future__ import annotations

from typing import Any, Iterable, Sequence

import duckdb

from entente.analytics.series import check_pair, check_sectors, dyad_events, dyad_series
from entente.analytics.verdict import Period, verdict


def dyad_summary(con: duckdb.DuckDBPyConnection, a: str, b: str, *, since: str | None = None,
                 until: str | None = None, granularity: str = "year", rival: str | None = None,
                 periods: Sequence[Period] | None = None, dataset: str | None = None,
                 events: Sequence[dict[str, Any]] | None = None,
                 sectors: Iterable[str] | None = None) -> dict[str, Any]:
    """``{"pair", "verdict", "series"}`` for A–B over a window (see :func:`verdict`, :func:`dyad_series`).

    ``events``: all the pair's events, already fetched with ``dyad_events(lean=True)``
    (with the same ``sectors``); ``sectors``: only events between those sectors.
    """
    a, b = check_pair(a, b)
    sectors = check_sectors(sectors)
    if events is None:
        events = dyad_events(con, a, b, dataset=dataset, lean=True, sectors=sectors)  # once for both
    return {
        "pair": [a, b],
        "verdict": verdict(con, a, b, periods=periods, rival=rival, since=since, until=until, dataset=dataset,
                           events=events, sectors=sectors),
        "series": dyad_series(con, a, b, since=since, until=until, granularity=granularity, combined=True,
                              events=events),
    }
