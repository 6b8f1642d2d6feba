"""Event search over the store: the filters ``entente events`` and ``GET /api/events`` share.

Every filter travels as a ``?`` parameter, never inside the SQL text.
"""

from __future__ import annotations

import re

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any, Sequence

import duckdb

from entente.store import rows
from entente.store.words import word_clauses

EVENT_FIELDS = ("event_id, doc_id, dataset, source, target, source_actor, target_actor, cameo, root, plover, mode,"
                " context, goldstein, quad_class, date, day, place, lat, lon, amount_usd, trigger, modality,"
                " confidence, evidence, evidence_start, evidence_end, reports, url, cluster_id")


def period_bounds(value: str | None, *, end: bool = False) -> date | None:
    """First (or with ``end``, last) day of an ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return date(year, 12, 31) if end else date(year, 1, 1)
    month = parts[1]
    if len(parts) == 2:
        return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    return date(year, month, parts[2])


def sector_clause(sectors: Sequence[str], prefix: str = "") -> tuple[str, list[Any]]:
    """The WHERE clause (and its parameters) keeping events whose two sides both have one of ``sectors``.

    A side's sector is the three letters after the country in its actor code
    (``source_code``/``target_code``: "USAGOV" is GOV, "PAKMILGOV" is MIL, its
    first sector). A bare country code, or NULL (rows of older versions and
    imported datasets), has no sector and never qualifies. ``prefix``: the
    table alias with its dot (``"e."``). ``sectors`` must not be empty.
    """
    marks = ", ".join("?" * len(sectors))
    sides = [f"substr(coalesce({prefix}{side}_code, ''), 4, 3) IN ({marks})" for side in ("source", "target")]
    return "(" + " AND ".join(sides) + ")", [*sectors, *sectors]


@dataclass(frozen=True)
class EventFilter:
    """Validated event filters (see ``GET /api/events``)."""

    country: str | None = None
    a: str | None = None
    b: str | None = None
    plover: str | None = None
    root: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    dataset: str | None = None
    limit: int = 50
    offset: int = 0
    one_per_event: bool = False  # only the first report of each merged event (``reports`` counts them)
    sectors: tuple[str, ...] | None = None  # both sides in one of these sectors (see sector_clause)

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause and its parameters."""
        clauses = ["merged IS NOT TRUE" if self.one_per_event else "TRUE"]
        params: list[Any] = []
        if self.country:
            clauses.append("(source = ? OR target = ?)")
            params += [self.country, self.country]
        if self.a and self.b:
            clauses.append("((source = ? AND target = ?) OR (source = ? AND target = ?))")
            params += [self.a, self.b, self.b, self.a]
        for column, value in (("plover", self.plover), ("root", self.root), ("dataset", self.dataset)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.sectors:
            clause, values = sector_clause(self.sectors)
            clauses.append(clause)
            params += values
        if self.since:
            clauses.append("day >= ?")
            params.append(period_bounds(self.since))
        if self.until:
            clauses.append("day <= ?")
            params.append(period_bounds(self.until, end=True))
        words, values = word_clauses(self.q, "event", "event_id")
        clauses += words
        params += values
        return " AND ".join(clauses), params


def search_words(q: str | None) -> list[str]:
    """The words of a search, in order ("aid  Pakistan" -> ["aid", "Pakistan"]); quotes and punctuation
    around words are dropped."""
    return [w for w in (t.strip("\"'.,;:!?()[]") for t in (q or "").split()) if w]


def word_matcher(q: str | None) -> re.Pattern[str] | None:
    """The Python twin of :func:`word_patterns` for marking matches: any word of ``q``, whole, any case."""
    words = search_words(q)
    if not words:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words), re.IGNORECASE)


def word_patterns(q: str | None) -> list[str]:
    """One case-insensitive whole-word pattern per word of a search (all must match): "aid" finds
    "aid" and "Aid", not "said" or "aide"."""
    return [rf"(?i)(^|[^\pL\pN_]){re.escape(w)}([^\pL\pN_]|$)" for w in search_words(q)]


def search_events(con: duckdb.DuckDBPyConnection, f: EventFilter) -> dict[str, Any]:
    """One page of events matching ``f`` (newest first) and the total count."""
    where, params = f.where()
    (total,), = con.execute(f"SELECT count(*) FROM events_corrected WHERE {where}", params).fetchall()
    found = rows(con, f"SELECT {EVENT_FIELDS} FROM events_corrected WHERE {where}"
                      " ORDER BY day DESC NULLS LAST, event_id LIMIT ? OFFSET ?", params + [f.limit, f.offset])
    return {"total": total, "limit": f.limit, "offset": f.offset, "events": found}
