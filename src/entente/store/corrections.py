"""Analyst corrections: an event flagged as the wrong type, the wrong way round, on the wrong date, a
duplicate of another, or not an event at all.

A correction is a row of its own, with who made it and when; the event row is never changed or
deleted. Every analytics read goes through the ``events_corrected`` view (``schema.sql``), which
applies the latest correction of each kind to each event (a withdrawn one no longer counts), so
verdicts, series, deals, the page and the brief honour them; :func:`raw_events` reads the events as
coded instead.
"""

from __future__ import annotations

import json
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import duckdb

from entente.store import period_start, rows

KINDS = ("type", "direction", "date", "duplicate", "not_event")
COLUMNS = ("correction_id", "event_id", "kind", "cameo", "plover", "goldstein", "quad_class", "date", "day",
           "duplicate_of", "note", "who", "made_at", "withdrawn")


def add_correction(con: duckdb.DuckDBPyConnection, event_id: str, kind: str, *, who: str,
                   cameo: str | None = None, date: str | None = None, duplicate_of: str | None = None,
                   note: str | None = None) -> dict[str, Any]:
    """Record one correction of ``event_id`` and return it; raises ``ValueError`` naming what is wrong
    (an unknown event or kind, a missing or unknown CAMEO code, an unreadable date, a duplicate of
    itself or of an unknown event)."""
    from entente.coding.ontology import UnknownCodeError
    from entente.coding.ontology import cameo as cameo_entry

    if kind not in KINDS:
        raise ValueError(f"a correction is one of {', '.join(KINDS)}, not {kind!r}")
    if not who.strip():
        raise ValueError("a correction needs the name of who makes it")
    _event(con, event_id)
    row: dict[str, Any] = {"correction_id": uuid.uuid4().hex[:16], "event_id": event_id, "kind": kind,
                           "note": note, "who": who.strip()}
    if kind == "type":
        if not cameo:
            raise ValueError("a type correction needs the right CAMEO code (e.g. 042)")
        try:
            entry = cameo_entry(cameo)
        except UnknownCodeError:
            raise ValueError(f"{cameo!r} is not a CAMEO code") from None
        if entry.plover is None:
            raise ValueError(f"CAMEO {cameo} ({entry.name}) has no PLOVER type: entente does not count it as an"
                             " event; flag the event as not_event instead")
        row.update(cameo=entry.code, plover=entry.plover, goldstein=entry.goldstein, quad_class=entry.quad_class)
    elif kind == "date":
        day = period_start(date)
        if day is None:
            raise ValueError(f"{date!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
        row.update(date=date, day=day)
    elif kind == "duplicate":
        if not duplicate_of or duplicate_of == event_id:
            raise ValueError("a duplicate correction names the other event it repeats")
        _event(con, duplicate_of)
        row["duplicate_of"] = duplicate_of
    names = list(row)
    con.execute(f"INSERT INTO corrections ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                [row[n] for n in names])
    return list_corrections(con, correction_id=row["correction_id"])[0]


def withdraw(con: duckdb.DuckDBPyConnection, correction_id: str) -> dict[str, Any]:
    """Withdraw a correction (it stays on record, no longer applied); raises ``ValueError`` when unknown."""
    found = list_corrections(con, correction_id=correction_id)
    if not found:
        raise ValueError(f"no correction {correction_id!r}")
    con.execute("UPDATE corrections SET withdrawn = TRUE WHERE correction_id = ?", [correction_id])
    return list_corrections(con, correction_id=correction_id)[0]


def list_corrections(con: duckdb.DuckDBPyConnection, *, event_id: str | None = None,
                     correction_id: str | None = None) -> list[dict[str, Any]]:
    """Corrections (oldest first), of one event or one id, with the event as coded beside each."""
    clauses, params = ["TRUE"], []
    for column, value in (("c.event_id", event_id), ("c.correction_id", correction_id)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    found = rows(con, f"SELECT {', '.join('c.' + c for c in COLUMNS)}, e.source AS coded_source,"
                      " e.target AS coded_target, e.cameo AS coded_cameo, e.plover AS coded_plover,"
                      " e.date AS coded_date, e.evidence, e.doc_id FROM corrections c"
                      f" LEFT JOIN events e USING (event_id) WHERE {' AND '.join(clauses)}"
                      " ORDER BY c.made_at, c.correction_id", params)
    for r in found:
        r["made_at"] = r["made_at"].isoformat(timespec="seconds") if r["made_at"] else None
        r["day"] = r["day"].isoformat() if r["day"] else None
    return found


def applied(con: duckdb.DuckDBPyConnection, a: str, b: str, dataset: str | None) -> int:
    """How many corrections are applied to the A–B events (either way, as coded) of ``dataset``."""
    where = "((e.source = ? AND e.target = ?) OR (e.source = ? AND e.target = ?))"
    params: list[Any] = [a, b, b, a]
    if dataset:
        where += " AND e.dataset = ?"
        params.append(dataset)
    (n,), = con.execute("SELECT count(*) FROM corrections c JOIN events e USING (event_id)"
                        f" WHERE NOT c.withdrawn AND {where}", params).fetchall()
    return int(n)


def export_corrections(con: duckdb.DuckDBPyConnection, path: str | Path) -> int:
    """Write every correction, with the event as coded and its evidence, as JSON Lines (for reuse as
    training or gold data); returns how many."""
    found = list_corrections(con)
    with open(path, "w", encoding="utf-8") as fh:
        for r in found:
            fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    return len(found)


@contextmanager
def raw_events(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Within the block, reads on ``con`` see the events as coded, no correction applied."""
    con.execute("CREATE OR REPLACE TEMP VIEW events_corrected AS SELECT *, 0 AS corrections FROM main.events")
    try:
        yield
    finally:
        con.execute("DROP VIEW IF EXISTS temp.events_corrected")


def _event(con: duckdb.DuckDBPyConnection, event_id: str) -> None:
    if not con.execute("SELECT 1 FROM events WHERE event_id = ?", [event_id]).fetchone():
        raise ValueError(f"no event {event_id!r} in this store")
