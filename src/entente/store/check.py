"""Integrity checks over a store: counts, foreign keys, evidence offsets, duplicates.

``entente check`` runs these after a crash or before a release; every check
returns the number of offending rows (0 is healthy) and an example.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

CHECKS: dict[str, str] = {
    "documents with a duplicate content hash":
        "SELECT content_hash FROM documents GROUP BY content_hash HAVING count(*) > 1",
    "documents stored twice under one id":
        "SELECT doc_id FROM documents GROUP BY doc_id HAVING count(*) > 1",
    "mentions without their document":
        "SELECT m.doc_id FROM mentions m LEFT JOIN documents d USING (doc_id) WHERE d.doc_id IS NULL",
    "quotes without their document":
        "SELECT q.doc_id FROM quotes q LEFT JOIN documents d USING (doc_id) WHERE d.doc_id IS NULL",
    "entente events without their document":
        "SELECT v.event_id FROM events v LEFT JOIN documents d USING (doc_id) "
        "WHERE v.dataset = 'entente' AND d.doc_id IS NULL",
    "entente events without evidence":
        "SELECT v.event_id FROM events v LEFT JOIN evidence e USING (event_id) "
        "WHERE v.dataset = 'entente' AND e.event_id IS NULL",
    "evidence without its event":
        "SELECT e.event_id FROM evidence e LEFT JOIN events v USING (event_id) WHERE v.event_id IS NULL",
    "evidence whose offsets do not point at its text":
        "SELECT e.event_id FROM evidence e JOIN documents d USING (doc_id) "
        "WHERE e.start < 0 OR e.\"end\" > length(d.text) OR substr(d.text, e.start + 1, e.\"end\" - e.start) <> e.text",
    "mentions whose offsets do not point at their text":
        "SELECT m.doc_id FROM mentions m JOIN documents d USING (doc_id) WHERE m.start IS NOT NULL "
        "AND substr(d.text, m.start + 1, m.\"end\" - m.start) <> m.text",
    "quotes whose offsets do not point at their text":
        "SELECT q.doc_id FROM quotes q JOIN documents d USING (doc_id) "
        "WHERE substr(d.text, q.start + 1, q.\"end\" - q.start) <> q.text",
    "events with a source or target missing":
        "SELECT event_id FROM events WHERE source IS NULL OR target IS NULL",
    "entente events whose source is their target (same country and same actor code)":
        "SELECT event_id FROM events WHERE dataset = 'entente' AND source = target"
        " AND coalesce(source_code, source) = coalesce(target_code, target)",
    "events whose CAMEO root is not the code's first two digits":
        "SELECT event_id FROM events WHERE cameo IS NOT NULL AND root <> substr(cameo, 1, 2)",
    "events with a Goldstein score outside -10..10":
        "SELECT event_id FROM events WHERE goldstein < -10 OR goldstein > 10",
    "events whose merged flag disagrees with their cluster":
        "SELECT event_id FROM events WHERE merged IS DISTINCT FROM (cluster_id IS NOT NULL AND cluster_id <> event_id)",
    "reports of one event that disagree on its report count":
        "SELECT cluster_id FROM events WHERE cluster_id IS NOT NULL GROUP BY cluster_id"
        " HAVING count(DISTINCT coalesce(reports, 1)) > 1",
    "document events without their country lists":
        "SELECT event_id FROM events WHERE doc_id IS NOT NULL"
        " AND (sentence_countries IS NULL OR document_countries IS NULL)",
    "events in a cluster that does not exist":
        "SELECT v.event_id FROM events v WHERE v.cluster_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM events c WHERE c.event_id = v.cluster_id)",
}


@dataclass(frozen=True)
class CheckResult:
    name: str
    failures: int
    example: str | None

    @property
    def ok(self) -> bool:
        return self.failures == 0


def check_store(con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    """Run every integrity check; the store is healthy when all fail on zero rows."""
    results = []
    for name, sql in CHECKS.items():
        rows = con.execute(sql).fetchall()
        results.append(CheckResult(name, len(rows), str(rows[0][0]) if rows else None))
    return results
