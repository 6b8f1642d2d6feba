"""Benchmark: the dyad page's API on a 1-million-event store.

Run:  .venv/bin/python bench/bench_web.py [--events 1000000] [--db /tmp/bench_web.duckdb] [--repeat 5]

Builds a synthetic store with DuckDB SQL only (generate_series; no Python
loops over rows): 20 countries, 50,000 documents, ``--events`` events (one in
five a further report of the one before, as cross-document merging leaves
them) with evidence rows, place and country mentions and quotes. Then times,
for its busiest pair, the dyad view (everything ``entente dyad``, the page and
the brief show) and two of its parts (verdict, series) through the Python API —
the 300 ms target — and the JSON API calls and the dyad page through the
in-process ASGI client (each dyad route composes the whole view).
Numbers vary on shared machines; the median of ``--repeat`` runs is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import time
from pathlib import Path

import httpx

from entente.store import connect, derive_columns
from entente.web import create_app

COUNTRIES = ["USA", "PAK", "CHN", "IND", "RUS", "GBR", "FRA", "DEU", "JPN", "IRN",
             "SAU", "TUR", "AFG", "BGD", "ISR", "EGY", "BRA", "ZAF", "NGA", "IDN"]
PLOVER = ["AGREE", "AID", "CONSULT", "SUPPORT", "COOPERATE", "ACCUSE", "THREATEN", "SANCTION", "DEMAND", "ASSAULT"]
CAMEO = ["057", "071", "042", "051", "061", "112", "138", "163", "102", "190"]
GOLD = [8.0, 7.4, 1.9, 3.4, 6.0, -2.0, -7.0, -8.0, -5.0, -10.0]


def build(db: Path, events: int, docs: int = 50_000) -> None:
    """Write the synthetic store with set-based SQL."""
    if db.exists():
        db.unlink()
    con = connect(db)
    con.execute("CREATE TEMP TABLE c AS SELECT unnest(?) AS code, generate_subscripts(?, 1) - 1 AS i",
                [COUNTRIES, COUNTRIES])
    con.execute("""INSERT INTO documents (doc_id, content_hash, title, url, source, published, text)
        SELECT 'doc-' || i, md5('doc-' || i), 'Synthetic report ' || i, 'https://example.org/' || i, 'bench',
               strftime(DATE '2000-01-01' + CAST(i % 9000 AS INTEGER), '%Y-%m-%d'),
               'Officials said the two governments met on Monday. The talks covered trade and security. ' ||
               repeat('Further details were not given. ', 10)
        FROM generate_series(0, ? - 1) t(i)""", [docs])
    n = len(COUNTRIES)
    # Every fifth event is a further report of the one before (same pair, type and day, another
    # document): k is the event it reports. So 20% of rows are merged, as cross-document merging leaves them.
    con.execute(f"""INSERT INTO events (event_id, doc_id, dataset, source, target, cameo, root, plover, goldstein,
               quad_class, date, day, date_granularity, lat, lon, amount_usd, evidence, evidence_start,
               evidence_end, reports, url, cluster_id, merged, is_symmetric)
        SELECT 'ev-' || i, 'doc-' || (i % {docs}), 'entente',
               list_extract(?, CAST(1 + (hash(k) % {n}) AS INTEGER)),
               list_extract(?, CAST(1 + ((hash(k) % {n}) + 1 + hash(k * 7) % ({n} - 1)) % {n} AS INTEGER)),
               list_extract(?, CAST(1 + k % 10 AS INTEGER)), substr(list_extract(?, CAST(1 + k % 10 AS INTEGER)), 1, 2),
               list_extract(?, CAST(1 + k % 10 AS INTEGER)), list_extract(?, CAST(1 + k % 10 AS INTEGER)),
               1 + k % 4, strftime(DATE '2000-01-01' + CAST((k % {docs}) % 9000 AS INTEGER), '%Y-%m-%d'),
               DATE '2000-01-01' + CAST((k % {docs}) % 9000 AS INTEGER), 'day',
               -60 + (hash(k) % 120), -170 + (hash(k * 3) % 340),
               CASE WHEN k % 10 IN (1, 3) AND k % 7 = 0 THEN 1e6 * (1 + k % 500) END,
               'Officials said the two governments met on Monday.', 0, 50,
               CASE WHEN i % 5 >= 3 THEN 2 ELSE 1 END, 'https://example.org/' || (i % {docs}),
               'ev-' || k, i <> k, FALSE
        FROM (SELECT i, CASE WHEN i % 5 = 4 THEN i - 1 ELSE i END AS k FROM generate_series(0, ? - 1) t(i))""",
                [COUNTRIES, COUNTRIES, PLOVER, CAMEO, PLOVER, GOLD, events])
    con.execute("""INSERT INTO evidence SELECT event_id, doc_id, evidence, evidence_start, evidence_end FROM events""")
    con.execute("""INSERT INTO mentions (doc_id, kind, text, start, "end", name, country, lat, lon, value)
        SELECT 'doc-' || i, 'place', 'Capital', 0, 7, 'Place ' || (i % 300),
               list_extract(?, CAST(1 + i % 20 AS INTEGER)),
               -60 + (i % 120), -170 + (i * 7 % 340), 'city'
        FROM generate_series(0, ? - 1) t(i)""", [COUNTRIES, docs])
    con.execute("""INSERT INTO mentions (doc_id, kind, text, start, "end", name, country)
        SELECT 'doc-' || i, 'country', c, NULL, NULL, c, c
        FROM (SELECT i, j, list_extract(?, CAST(1 + (i * 3 + j * 7) % 20 AS INTEGER)) AS c
              FROM generate_series(0, ? - 1) t(i), generate_series(0, 2) u(j))""", [COUNTRIES, docs])
    con.execute("""INSERT INTO quotes (doc_id, speaker, speaker_country, text, start, "end", cue, countries)
        SELECT 'doc-' || i, 'Spokesperson ' || (i % 50), list_extract(?, CAST(1 + i % 20 AS INTEGER)),
               'We value our partnership with ' || list_extract(?, CAST(1 + (i + 1) % 20 AS INTEGER)), 0, 40, 'say',
               [list_extract(?, CAST(1 + (i + 1) % 20 AS INTEGER))]
        FROM generate_series(0, ? - 1) t(i)""", [COUNTRIES, COUNTRIES, COUNTRIES, docs])
    derive_columns(con)  # the country lists each writer sets, from these mentions and evidence rows
    con.execute("CHECKPOINT")
    con.close()


def busiest_pair(db: Path) -> tuple[str, str, int]:
    con = connect(db, read_only=True)
    a, b, n = con.execute("SELECT source, target, count(*) FROM events GROUP BY ALL ORDER BY 3 DESC LIMIT 1").fetchone()
    con.close()
    return a, b, n


async def _time(app, urls: list[str], repeat: int) -> dict[str, float]:
    out: dict[str, list[float]] = {u: [] for u in urls}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=600) as c:
        for _ in range(repeat):
            for u in urls:
                t = time.perf_counter()
                r = await c.get(u)
                out[u].append(time.perf_counter() - t)
                assert r.status_code == 200, (u, r.status_code, r.text[:300])
    return {u: statistics.median(v) for u, v in out.items()}


def _time_api(db: Path, a: str, b: str, repeat: int) -> dict[str, float]:
    """Median seconds of the dyad view called in-process (no HTTP), and of two of its parts."""
    from entente.analytics import DyadQuery, dyad_series, dyad_view, verdict

    con = connect(db, read_only=True)
    calls = {"dyad view (all it shows)": lambda: dyad_view(con, DyadQuery(a, b)),
             "  verdict": lambda: verdict(con, a, b),
             "  series": lambda: dyad_series(con, a, b, granularity="year", combined=True)}
    out: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(repeat):
        for name, call in calls.items():
            t = time.perf_counter()
            call()
            out[name].append(time.perf_counter() - t)
    con.close()
    return {name: statistics.median(v) for name, v in out.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/bench_web.duckdb"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--reuse", action="store_true", help="Keep an existing store at --db.")
    args = ap.parse_args()
    if not (args.reuse and args.db.exists()):
        t = time.perf_counter()
        build(args.db, args.events)
        print(f"built {args.events:,} events in {time.perf_counter() - t:.1f} s"
              f" ({args.db.stat().st_size / 1e6:.0f} MB)")
    connect(args.db).close()  # a store from an older version gets its derived columns
    a, b, n = busiest_pair(args.db)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.processor() or platform.platform()},"
          f" Python {platform.python_version()}")
    print(f"pair {a}-{b}: {n:,} event rows one way; median of {args.repeat} runs")
    direct = _time_api(args.db, a, b, args.repeat)
    print("Python API (entente.analytics):")
    for name, s in direct.items():
        print(f"  {name:40s} {s * 1000:8.0f} ms")
    target = direct["dyad view (all it shows)"] * 1000
    print(f"  dyad view {target:.0f} ms: {'under' if target < 300 else 'OVER'} the 300 ms target")
    app = create_app(args.db)
    api = [f"/api/dyads/{a}/{b}", f"/api/dyads/{a}/{b}/summary", f"/api/dyads/{a}/{b}/series",
           f"/api/dyads/{a}/{b}/character", f"/api/dyads/{a}/{b}/verdict", f"/api/dyads/{a}/{b}/deals",
           f"/api/dyads/{a}/{b}/quotes"]
    times = asyncio.run(_time(app, api + [f"/dyad/{a}/{b}"], args.repeat))
    print("JSON API and the dyad page, through the in-process ASGI client:")
    for u, s in times.items():
        print(f"  {u:40s} {s * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
