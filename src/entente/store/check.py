"""Integrity checks over a store: counts, foreign keys, evidence offsets, duplicates, lost rows, codes.

``entente check`` runs these after a crash or before a release; every check
returns the number of offending rows (0 is healthy) and an example. Every check
is set-based SQL over whole tables (a store may hold millions of events), except
the content-hash check, which recomputes :func:`entente.records.content_hash` in
Python over the documents in batches.

What the store lets a check see, and what it does not:

* Lost mentions: an entente event stores the countries its document names
  (``document_countries``, from the document's ``country`` mentions) and those
  of the actors and places inside its evidence sentences (``sentence_countries``);
  a quotation stores the countries named inside it (``countries``, from the
  actor, place and country mentions inside its span). A country one of them names
  that no mention of the document carries is a lost mention row.
* Lost quotations: only where an event is dated by one. The coder dates an event
  ``date_basis = 'quote'`` only when its trigger lies inside a quotation of the
  document (the same quotations the writer stores), so that event's evidence
  sentence overlaps a stored quotation. The store keeps no per-document count of
  quotations, so the loss of the others cannot be seen.
* Lost events: the store keeps no per-document count of events (most documents
  have none), so a lost event shows only where something else recorded it: the
  word index (``event_terms``, written with the events in one transaction, a row
  per word of every entente event's evidence), a cross-document cluster whose
  ``reports`` counts more documents than its stored members come from, a
  correction, and (the checks above) evidence without its event or a cluster
  whose representative is gone. A document whose events went with their index
  rows, evidence, clusters and corrections cannot be told from one with no events.
* Swapped source and target: events store no offsets of their actors, and reading
  the direction back from the evidence sentence would need the parser. What is
  certain is a row that contradicts itself: the coder's actor code of each side
  starts with that side's country ("RUSGOV" for RUS; :func:`entente.coding.coder.actor_code`),
  so a row whose source code names the target's country and whose target code names
  the source's has its sides the wrong way round, whatever wrote it. A loaded
  dictionary's own codes ("XYZ") name no country and are left alone; a row with its
  sides, codes and actors swapped together stays invisible.
* Codes: CAMEO codes, PLOVER types and PLOVER modes (a mode of its own type) are
  checked against :mod:`entente.coding.ontology`, for imported rows as stored and
  for entente's rows coded by its own patterns (``rule`` "rules:<line>"); a loaded
  dictionary may code outside CAMEO on purpose ("1717"), so its rows' CAMEO codes
  are not checked (their PLOVER type and mode are).

A store file that DuckDB cannot read (not a database, truncated, corrupt, a
folder, or a DuckDB database that holds no entente store) raises
:class:`StoreFileError` (E147) with the reason, from :func:`inspect_store` and
:func:`check_store` alike, never DuckDB's own exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import duckdb

from entente.errors import E147_BAD_STORE_FILE, EntenteError
from entente.records import content_hash
from entente.store import SCHEMA_VERSION, TABLES, connect, counts, file_version, schema_version

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
    # Lost rows (see the module docstring for what can and cannot be seen).
    "documents missing mentions their events or quotes name":
        """WITH stored AS (
            SELECT event_id, doc_id, document_countries, sentence_countries FROM events
            WHERE dataset = 'entente' AND doc_id IN (SELECT doc_id FROM documents)
        ), in_document AS (
            SELECT DISTINCT doc_id, unnest(string_split(document_countries, ' ')) AS country FROM stored
            WHERE document_countries <> ''
        ), in_sentence AS (
            SELECT event_id, doc_id, unnest(string_split(sentence_countries, ' ')) AS country FROM stored
            WHERE sentence_countries <> '' AND event_id IN (SELECT event_id FROM evidence)
        ), in_quote AS (
            SELECT doc_id, start, "end", unnest(countries) AS country FROM quotes WHERE start IS NOT NULL
        )
        SELECT n.doc_id FROM in_document n WHERE NOT EXISTS (
            SELECT 1 FROM mentions m WHERE m.doc_id = n.doc_id AND m.kind = 'country' AND m.country = n.country)
        UNION
        SELECT n.doc_id FROM in_sentence n WHERE NOT EXISTS (
            SELECT 1 FROM evidence v JOIN mentions m ON m.doc_id = v.doc_id AND m.kind IN ('actor', 'place')
                AND m.start >= v.start AND m.start < v."end"
            WHERE v.event_id = n.event_id AND m.country = n.country)
        UNION
        SELECT n.doc_id FROM in_quote n WHERE NOT EXISTS (
            SELECT 1 FROM mentions m WHERE m.doc_id = n.doc_id AND m.kind IN ('actor', 'place', 'country')
                AND m.country = n.country AND m.start >= n.start AND m.start < n."end")""",
    "documents missing the quotation an event is dated by":
        """SELECT e.doc_id FROM events e
        WHERE e.dataset = 'entente' AND e.date_basis = 'quote'
          AND e.event_id IN (SELECT event_id FROM evidence)
          AND NOT EXISTS (SELECT 1 FROM evidence v JOIN quotes q ON q.doc_id = v.doc_id
                          AND q.start < v."end" AND q."end" > v.start WHERE v.event_id = e.event_id)""",
    "event clusters with fewer documents stored than their report count":
        "SELECT cluster_id FROM events WHERE dataset = 'entente' AND cluster_id IS NOT NULL GROUP BY cluster_id"
        " HAVING max(coalesce(reports, 1)) > count(DISTINCT doc_id)",
    "indexed events that are not stored":
        "SELECT DISTINCT event_id FROM event_terms WHERE event_id NOT IN (SELECT event_id FROM events)",
    "indexed documents that are not stored":
        "SELECT DISTINCT doc_id FROM document_terms WHERE doc_id NOT IN (SELECT doc_id FROM documents)",
    "corrections of events that are not stored":
        "SELECT c.correction_id FROM corrections c WHERE c.event_id NOT IN (SELECT event_id FROM events)"
        " OR (c.duplicate_of IS NOT NULL AND c.duplicate_of NOT IN (SELECT event_id FROM events))",
    # A row whose sides contradict its actor codes (see the module docstring).
    "entente events whose actor codes name their source and target the other way round":
        "SELECT event_id FROM events WHERE dataset = 'entente' AND source <> target"
        " AND starts_with(source_code, target) AND NOT starts_with(source_code, source)"
        " AND starts_with(target_code, source) AND NOT starts_with(target_code, target)",
}


def _cameo_codes() -> list[Any]:
    from entente.coding import ontology

    return [list(ontology.all_cameo_codes())]


def _plover_types() -> list[Any]:
    from entente.coding import ontology

    return [list(ontology.all_plover_types())]


def _plover_modes() -> list[Any]:
    from entente.coding import ontology

    types = ontology.all_plover_types()
    return [list(types), [f"{t}/{m}" for t in types for m in ontology.plover(t).modes]]


# Checks against the ontology: (query, its parameters). Empty strings count as no code.
CODE_CHECKS: dict[str, tuple[str, Callable[[], list[Any]]]] = {
    "events with a CAMEO code the ontology does not know": (
        "SELECT event_id FROM events WHERE nullif(cameo, '') IS NOT NULL"
        " AND (dataset <> 'entente' OR rule LIKE 'rules:%') AND cameo NOT IN (SELECT unnest(?::VARCHAR[]))",
        _cameo_codes),
    "events with a PLOVER type the ontology does not know": (
        "SELECT event_id FROM events WHERE nullif(plover, '') IS NOT NULL"
        " AND plover NOT IN (SELECT unnest(?::VARCHAR[]))",
        _plover_types),
    "events with a PLOVER mode their type does not have": (
        "SELECT event_id FROM events WHERE nullif(mode, '') IS NOT NULL"
        " AND (nullif(plover, '') IS NULL OR plover IN (SELECT unnest(?::VARCHAR[])))"
        " AND coalesce(plover, '') || '/' || mode NOT IN (SELECT unnest(?::VARCHAR[]))",
        _plover_modes),
}

HASH_CHECK = "documents whose content hash does not match their text"
HASH_BATCH = 5_000  # documents read at once by the content-hash check

# The tables the checks read (a DuckDB file without them holds no entente store).
NEEDED = (*TABLES, "corrections", "document_terms", "event_terms")


class StoreFileError(EntenteError):
    """A store file that cannot be read: not a DuckDB database, truncated, corrupt, a folder, or a
    DuckDB database that holds no entente store."""

    code = E147_BAD_STORE_FILE


@dataclass(frozen=True)
class CheckResult:
    name: str
    failures: int
    example: str | None

    @property
    def ok(self) -> bool:
        return self.failures == 0


@dataclass(frozen=True)
class StoreReport:
    """What ``entente check`` prints: the schema version, rows per table and every check's result."""

    version: int | None
    counts: dict[str, int]
    results: list[CheckResult]


def check_store(con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    """Run every integrity check; the store is healthy when all fail on zero rows.

    RAISES (StoreFileError): DuckDB could not read the store (a corrupt or truncated file).
    """
    try:
        results = [_run(con, name, sql) for name, sql in CHECKS.items()]
        results.append(CheckResult(HASH_CHECK, *_hash_mismatches(con)))
        results += [_run(con, name, sql, params()) for name, (sql, params) in CODE_CHECKS.items()]
    except duckdb.Error as exc:
        raise StoreFileError(_reason(exc)) from None
    return results


def _run(con: duckdb.DuckDBPyConnection, name: str, sql: str, params: list[Any] | None = None) -> CheckResult:
    """One check: how many rows its query finds, and the smallest of them as the example."""
    (n, example), = con.execute(f"SELECT count(*), min(found) FROM ({sql}) AS offending(found)",
                                params or []).fetchall()
    return CheckResult(name, int(n), None if example is None else str(example))


def _hash_mismatches(con: duckdb.DuckDBPyConnection) -> tuple[int, str | None]:
    """Documents whose ``content_hash`` is not :func:`content_hash` of their text, read in ``rowid``
    ranges of :data:`HASH_BATCH` (DuckDB skips the row groups outside each)."""
    (top,), = con.execute("SELECT max(rowid) FROM documents").fetchall()
    bad, example = 0, None
    for low in range(0, -1 if top is None else int(top) + 1, HASH_BATCH):
        batch = con.execute("SELECT doc_id, content_hash, text FROM documents WHERE rowid >= ? AND rowid < ?",
                            [low, low + HASH_BATCH]).fetchall()
        for doc_id, stored, text in batch:
            if content_hash(text) != stored:
                bad += 1
                example = doc_id if example is None else min(example, doc_id)
    return bad, example


def open_store_file(path: str | Path) -> duckdb.DuckDBPyConnection:
    """The store at ``path`` opened read-only for checking.

    RAISES (StoreFileError): a folder, a file DuckDB cannot read, or a DuckDB database without the
    store's tables. ``StoreOutdated`` (an older schema) and ``StoreBusy`` (locked) pass through.
    """
    path = Path(path)
    if path.is_dir():
        raise StoreFileError(f"{path}: a folder, not a store file")
    try:
        con = connect(path, read_only=True)
    except duckdb.Error as exc:
        raise StoreFileError(_located(path, exc)) from None
    try:
        tables = {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()"
                                            " WHERE database_name = current_database()").fetchall()}
    except duckdb.Error as exc:
        _close(con)
        raise StoreFileError(_located(path, exc)) from None
    missing = [t for t in NEEDED if t not in tables]
    if missing:
        _close(con)
        what = "no tables at all" if not tables else f"no {', '.join(missing)} table{'s' if len(missing) > 1 else ''}"
        raise StoreFileError(f"{path}: a DuckDB database but not an entente store ({what})")
    return con


def inspect_store(path: str | Path) -> StoreReport:
    """Schema version, rows per table and every check of the store at ``path`` (read-only).

    RAISES (StoreFileError): see :func:`open_store_file`; also a file that fails while it is read.
    """
    con = open_store_file(path)
    try:
        try:
            version, rows = schema_version(con), counts(con)
        except duckdb.Error as exc:
            raise StoreFileError(_located(path, exc)) from None
        try:
            results = check_store(con)
        except StoreFileError as exc:
            raise StoreFileError(str(exc) if str(path) in str(exc) else f"{path}: {exc}") from None
    finally:
        _close(con)
    return StoreReport(version, rows, results)


def upgrade_store(path: str | Path) -> tuple[int, int]:
    """Run the store's pending migrations (a writer's open); returns ``(version before, version now)``.

    RAISES (StoreFileError): the file cannot be read, or holds no entente store (a writer would add
    the store's tables to it); ``StoreOutdated``: written by a newer entente.
    """
    path = Path(path)
    if path.is_dir():
        raise StoreFileError(f"{path}: a folder, not a store file")
    try:
        before = file_version(path)
        if before is None:
            raise StoreFileError(f"{path}: a DuckDB database but not an entente store (no events table)")
        connect(path).close()
    except duckdb.Error as exc:
        raise StoreFileError(_located(path, exc)) from None
    return before, SCHEMA_VERSION


def _located(path: str | Path, exc: duckdb.Error) -> str:
    """The reason, naming the file where DuckDB's message does not."""
    reason = _reason(exc)
    return reason if str(path) in reason else f"{path}: {reason}"


def _reason(exc: duckdb.Error) -> str:
    """DuckDB's message, first line, without its error-class prefix ("IO Error: ...")."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    head, sep, rest = text.partition(": ")
    return rest if sep and head.endswith("Error") and " " not in head.removesuffix(" Error") else text


def _close(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.close()
    except duckdb.Error:
        pass
