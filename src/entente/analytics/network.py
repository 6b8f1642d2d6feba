"""The network of country pairs and an overview of the store."""

from __future__ import annotations

from typing import Any

import duckdb

from entente.analytics.series import bounds
from entente.store import dyads as store_dyads


def network(con: duckdb.DuckDBPyConnection, *, since: str | None = None, until: str | None = None,
            min_events: int = 1, dataset: str | None = None) -> dict[str, Any]:
    """Undirected pairs with at least ``min_events`` events, and the countries they join.

    Edges: ``source``/``target`` in code order, ``events`` (merged), ``reports``
    and ``mean_goldstein``; nodes: ``id`` and their ``events`` over the kept edges.
    """
    edges = store_dyads.network_edges(con, bounds(since, until), min_events, dataset)
    degree: dict[str, int] = {}
    for e in edges:
        e["events"], e["reports"] = int(e["events"]), int(e["reports"])
        e["mean_goldstein"] = None if e["mean_goldstein"] is None else round(e["mean_goldstein"], 4)
        for code in (e["source"], e["target"]):
            degree[code] = degree.get(code, 0) + e["events"]
    nodes = [{"id": c, "events": n} for c, n in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": edges}


def overview(con: duckdb.DuckDBPyConnection, *, dataset: str | None = None) -> dict[str, Any]:
    """Documents, merged events and reports in the store, with countries and pairs by event count."""
    counts = store_dyads.store_counts(con, dataset)
    countries = counts["countries"]
    pairs = network(con, dataset=dataset)["edges"]
    return {
        "documents": counts["documents"], "events": counts["events"], "reports": counts["reports"],
        "countries": [{"code": c["code"], "events": int(c["events"])} for c in countries],
        "pairs": [{"a": p["source"], "b": p["target"], "events": p["events"], "reports": p["reports"],
                   "mean_goldstein": p["mean_goldstein"]} for p in pairs],
    }
