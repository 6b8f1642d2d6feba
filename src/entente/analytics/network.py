"""The network of country pairs and an overview of the store."""

from __future__ import annotations

from typing import Any

import duckdb

from entente.analytics.series import cluster_sql
from entente.store import rows


def network(con: duckdb.DuckDBPyConnection, *, since: str | None = None, until: str | None = None,
            min_events: int = 1, dataset: str | None = None) -> dict[str, Any]:
    """Undirected pairs with at least ``min_events`` events, and the countries they join.

    Edges: ``source``/``target`` in code order, ``events`` (merged), ``reports``
    and ``mean_goldstein``; nodes: ``id`` and their ``events`` over the kept edges.
    """
    sql, params = cluster_sql("e.source <> e.target", since, until, dataset)
    edges = rows(con, f"""
        SELECT least(source, target) AS source, greatest(source, target) AS target, count(*) AS events,
               sum(n_reports) AS reports, avg(goldstein) AS mean_goldstein
        FROM ({sql}) GROUP BY 1, 2 HAVING count(*) >= ? ORDER BY events DESC, source, target""",
        [*params, min_events])
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
    sql, params = cluster_sql("TRUE", dataset=dataset)
    (events, reports), = con.execute(f"SELECT count(*), coalesce(sum(n_reports), 0) FROM ({sql})",
                                     params).fetchall()
    documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    countries = rows(con, f"""
        SELECT code, count(*) AS events FROM (
            SELECT cid, source AS code FROM ({sql}) UNION SELECT cid, target FROM ({sql}))
        GROUP BY code ORDER BY events DESC, code""", [*params, *params])
    pairs = network(con, dataset=dataset)["edges"]
    return {
        "documents": int(documents), "events": int(events), "reports": int(reports),
        "countries": [{"code": c["code"], "events": int(c["events"])} for c in countries],
        "pairs": [{"a": p["source"], "b": p["target"], "events": p["events"], "reports": p["reports"],
                   "mean_goldstein": p["mean_goldstein"]} for p in pairs],
    }
