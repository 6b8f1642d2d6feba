"""The DuckDB store: documents, mentions, quotes, events, evidence and rejects.

The store is the only module that touches the database file. Writes happen
one document per transaction, so an interrupted ingest loses nothing that was
committed and a rerun skips every document whose content hash is stored.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import duckdb
import pyarrow as pa

from entente.errors import E134_STORE_OUTDATED, EntenteError
from entente.records import Actor, Document, Event, Extraction, Reject, actor_entities, actor_groups
from entente.settings import DB_ENV, DEFAULT_DB, settings  # noqa: F401  (DB_ENV, DEFAULT_DB re-exported)
from entente.store.lock import StoreBusy, open_store  # noqa: F401  (StoreBusy re-exported)

TABLES = ("documents", "mentions", "quotes", "events", "evidence", "rejects")

EVENT_COLUMNS = ("event_id", "doc_id", "dataset", "source", "target", "source_actor", "target_actor",
                 "cameo", "root", "plover", "mode", "context", "goldstein", "quad_class", "date", "day",
                 "date_granularity", "date_basis", "place", "lat", "lon", "amount_usd", "trigger",
                 "modality", "is_symmetric", "confidence", "about", "evidence", "evidence_start",
                 "evidence_end", "reports", "url", "sentence_countries", "document_countries",
                 "source_code", "target_code", "rule")
# The store's column registry: what every writer writes, table by table (schema.sql declares them;
# a test checks the two agree). Columns a writer leaves to the store (defaults, the merge's) are not
# listed.
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "content_hash", "title", "url", "source", "published", "published_from", "origin",
                  "kind", "text"),
    "mentions": ("doc_id", "kind", "text", "start", "end", "name", "country", "role", "lat", "lon", "value",
                 "amount", "detail"),
    "quotes": ("doc_id", "speaker", "speaker_country", "speaker_role", "text", "start", "end", "cue", "countries"),
    "events": EVENT_COLUMNS,
    "evidence": ("event_id", "doc_id", "text", "start", "end"),
    "rejects": ("path", "line", "code", "reason"),
}
# Columns the store or the merge fills, never the extraction writer (source_file/source_line: the
# provenance of rows that dataset imports write, store.datasets).
STORE_FILLED = {"documents": ("ingested_at",), "rejects": ("seen_at",),
                "events": ("cluster_id", "merged", "cluster_sentence_countries", "cluster_document_countries",
                           "source_file", "source_line")}


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Undo the open transaction after a failure, so that the failure itself is what the caller raises:
    a COMMIT that fails ends its transaction, and the ROLLBACK after it ("cannot rollback - no
    transaction is active") would otherwise hide the cause."""
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass  # nothing left to undo


def default_db_path() -> Path:
    """``$ENTENTE_DB``, else ``./entente.duckdb``."""
    return settings().db


# Columns computed from other rows; writers set them, derive_columns recomputes them.
DERIVED_COLUMNS = ("merged", "sentence_countries", "document_countries", "cluster_sentence_countries",
                   "cluster_document_countries")


class StoreOutdated(EntenteError):
    """A store written by an older entente, opened read-only (writers upgrade it in place)."""

    code = E134_STORE_OUTDATED


def connect(path: str | Path | None = None, read_only: bool = False,
            wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open (and for writers, create or upgrade) the store at ``path``.

    While another process holds the file's lock, the open is retried for ``wait`` seconds (default:
    ``ENTENTE_LOCK_WAIT``, at most 5 s for a reader), then :class:`StoreBusy` (E133) is raised; see
    :mod:`entente.store.lock`, which also makes the dashboard step aside for a waiting writer.

    A writer creates a new store at :data:`SCHEMA_VERSION` and runs an older store's pending
    :data:`MIGRATIONS` in order, recording each in ``schema_version``. A read-only connection to an
    older store raises :class:`StoreOutdated`, which says how to upgrade it (``entente check
    --upgrade``); a store written by a newer entente is refused either way.
    """
    path = Path(path) if path else default_db_path()
    if read_only:
        con = open_store(path, read_only=True, wait=wait)
        version = schema_version(con)
        if version is not None and version != SCHEMA_VERSION:
            con.close()
            raise StoreOutdated(_outdated(path, version))
        return con
    path.parent.mkdir(parents=True, exist_ok=True)
    con = open_store(path, wait=wait)
    before = schema_version(con)
    if before is not None and before > SCHEMA_VERSION:
        con.close()
        raise StoreOutdated(_outdated(path, before))
    con.execute((resources.files("entente.store") / "schema.sql").read_text(encoding="utf-8"))
    if before is None:  # a new store
        _record(con, SCHEMA_VERSION, "created")
    for version, note, step in MIGRATIONS:
        if before is not None and version > before:
            step(con)
            _record(con, version, note)
    return con


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The store's schema version: ``None`` for an empty file, 0 for a store written before versions
    were recorded (entente 0.1)."""
    tables = {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()"
                                        " WHERE database_name = current_database()").fetchall()}
    if "schema_version" in tables:
        (found,), = con.execute("SELECT max(version) FROM schema_version").fetchall()
        if found is not None:
            return int(found)
    return 0 if "events" in tables else None


def file_version(path: str | Path) -> int | None:
    """:func:`schema_version` of the store file at ``path`` (opened read-only for a moment)."""
    con = open_store(path, read_only=True)
    try:
        return schema_version(con)
    finally:
        con.close()


def pending_migrations(con: duckdb.DuckDBPyConnection) -> list[tuple[int, str]]:
    """``(version, what it does)`` of the migrations a writer would run on this store."""
    version = schema_version(con)
    return [] if version is None else [(v, note) for v, note, _ in MIGRATIONS if v > version]


def _record(con: duckdb.DuckDBPyConnection, version: int, note: str) -> None:
    con.execute("INSERT INTO schema_version (version, note) VALUES (?, ?)", [version, note])


def _outdated(path: Path, version: int) -> str:
    if version > SCHEMA_VERSION:
        return (f"{path}: written by a newer entente (schema version {version}; this one reads"
                f" {SCHEMA_VERSION}); upgrade entente")
    return (f"{path}: written by an older entente (schema version {version}, now {SCHEMA_VERSION});"
            f" upgrade it once with `entente check --upgrade --db {path}`")


def _derive_missing(con: duckdb.DuckDBPyConnection) -> None:
    derive_columns(con)


def _index_words(con: duckdb.DuckDBPyConnection) -> None:
    from entente.store.words import index_missing

    index_missing(con)


# The schema's history. A writer runs the ones above a store's version in order; schema.sql itself
# only ever adds tables and columns (IF NOT EXISTS), so it is safe on every version.
SCHEMA_VERSION = 4
MIGRATIONS: tuple[tuple[int, str, Callable[[duckdb.DuckDBPyConnection], None]], ...] = (
    (1, "derived event columns (merged, country lists) filled where an older entente left them empty",
     _derive_missing),
    (2, "schema versions recorded (schema_version table)", lambda con: None),
    (3, "analyst corrections (corrections table, events_corrected view)", lambda con: None),
    (4, "word index for whole-word search (document_terms, event_terms) filled", _index_words),
)


# The SQL twin of ``_sentence_countries``/``_document_countries`` (tests check they agree),
# for stores written before the columns existed and for rows written by hand.
_FILL_COUNTRIES = """
CREATE OR REPLACE TEMP TABLE entente_fill AS
WITH todo AS (
    SELECT event_id, doc_id FROM events
    WHERE doc_id IS NOT NULL AND (sentence_countries IS NULL OR document_countries IS NULL)
), in_sentence AS (
    SELECT v.event_id, array_to_string(list_sort(list(DISTINCT m.country)), ' ') AS countries
    FROM evidence v JOIN todo USING (event_id)
    JOIN mentions m ON m.doc_id = v.doc_id AND m.kind IN ('actor', 'place') AND m.country IS NOT NULL
         AND m.start >= v.start AND m.start < v."end"
    GROUP BY 1
), in_document AS (
    SELECT doc_id, array_to_string(list_sort(list(DISTINCT country)), ' ') AS countries FROM mentions
    WHERE kind = 'country' AND country IS NOT NULL AND doc_id IN (SELECT doc_id FROM todo)
    GROUP BY 1
)
SELECT todo.event_id, coalesce(s.countries, '') AS sentence, coalesce(d.countries, '') AS document
FROM todo LEFT JOIN in_sentence s USING (event_id) LEFT JOIN in_document d USING (doc_id);
UPDATE events SET sentence_countries = f.sentence, document_countries = f.document
FROM entente_fill f WHERE events.event_id = f.event_id;
"""


# The country lists of every event with further reports, over all its reports ({scope}: which events).
_CLUSTER_COUNTRIES = """
UPDATE events SET cluster_sentence_countries = NULL, cluster_document_countries = NULL
WHERE (cluster_sentence_countries IS NOT NULL OR cluster_document_countries IS NOT NULL) AND {scope};
CREATE OR REPLACE TEMP TABLE entente_union AS
WITH codes AS (
    SELECT cluster_id, 's' AS list, unnest(string_split(coalesce(sentence_countries, ''), ' ')) AS code
    FROM events WHERE cluster_id IN (SELECT cluster_id FROM events WHERE merged AND {scope})
    UNION ALL
    SELECT cluster_id, 'd', unnest(string_split(coalesce(document_countries, ''), ' '))
    FROM events WHERE cluster_id IN (SELECT cluster_id FROM events WHERE merged AND {scope})
)
SELECT cluster_id,
       array_to_string(list_sort(list(DISTINCT code) FILTER (list = 's' AND code <> '')), ' ') AS sentence,
       array_to_string(list_sort(list(DISTINCT code) FILTER (list = 'd' AND code <> '')), ' ') AS document
FROM codes GROUP BY cluster_id;
UPDATE events SET cluster_sentence_countries = coalesce(u.sentence, ''),
                  cluster_document_countries = coalesce(u.document, '')
FROM entente_union u WHERE events.event_id = u.cluster_id;
DROP TABLE entente_union;
"""


def cluster_countries(con: duckdb.DuckDBPyConnection, events: Sequence[str] | None = None) -> None:
    """Set the cluster country lists (after ``merge_reports`` or on an older store): of every cluster, or
    only of the clusters among ``events`` (ids of every event of the clusters touched)."""
    if events is None:
        con.execute(_CLUSTER_COUNTRIES.format(scope="TRUE"))
        return
    if not events:
        return
    con.register("_entente_touched", pa.table({"event_id": list(events)}))
    try:
        con.execute(_CLUSTER_COUNTRIES.format(scope="event_id IN (SELECT event_id FROM _entente_touched)"))
    finally:
        con.unregister("_entente_touched")


def derive_columns(con: duckdb.DuckDBPyConnection) -> int:
    """Set the derived columns where they are missing or out of step; returns the events changed.

    ``merged`` follows ``cluster_id``; the country lists of document events
    come from their mentions and evidence, the cluster lists from those. Run on stores written before the
    columns existed and on rows written by hand (tests, other tools). Rows the word index lacks are
    indexed too (:mod:`entente.store.words`).
    """
    (flagged,), = con.execute("UPDATE events SET merged = (cluster_id IS NOT NULL AND cluster_id <> event_id)"
                              " WHERE merged IS DISTINCT FROM (cluster_id IS NOT NULL AND cluster_id <> event_id)"
                              ).fetchall()
    filled = 0
    if con.execute("SELECT 1 FROM events WHERE doc_id IS NOT NULL AND"
                   " (sentence_countries IS NULL OR document_countries IS NULL) LIMIT 1").fetchone():
        con.execute(_FILL_COUNTRIES)
        (filled,), = con.execute("SELECT count(*) FROM entente_fill").fetchall()
        con.execute("DROP TABLE entente_fill")
    cluster_countries(con)
    from entente.store.words import index_missing

    index_missing(con)
    return flagged + filled


def known_hashes(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Content hashes of every stored document (for skipping on rerun)."""
    return {h for (h,) in con.execute("SELECT content_hash FROM documents").fetchall()}


def event_id(doc_id: str, e: Event) -> str:
    """A stable id: the same event in the same document always gets the same id."""
    first = e.evidence[0].start if e.evidence else -1
    key = f"{doc_id}|{e.source}|{e.target}|{e.cameo}|{first}|{e.trigger}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def period_start(value: str | None) -> date | None:
    """The first day of an ISO period: "2025" -> 2025-01-01, "2025-W47" -> that Monday."""
    if not value:
        return None
    try:
        if "-W" in value:
            year, week = value.split("-W")
            return date.fromisocalendar(int(year), int(week[:2]), 1)
        if "-Q" in value:
            year, quarter = value.split("-Q")
            return date(int(year), 3 * int(quarter) - 2, 1)
        parts = [int(p) for p in value[:10].split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def add_extraction(con: duckdb.DuckDBPyConnection, doc: Document, ex: Extraction) -> bool | Reject:
    """Store one document with everything extracted from it, atomically, by the store's one rule
    (:class:`entente.store.bulk.Admission`) and writer.

    Returns ``True`` when written, ``False`` (writing nothing) when the text is stored already, and a
    :class:`Reject` (E112, writing nothing) when the id is stored with another text.
    """
    from entente.store.bulk import Admission, add_extractions

    verdict = Admission(con.execute("SELECT doc_id, content_hash FROM documents WHERE doc_id = ?"
                                    " OR content_hash = ?", [doc.id, doc.content_hash]).fetchall()).decide(doc)
    if verdict is True:
        add_extractions(con, [(doc, ex)])
    return verdict


def add_rejects(con: duckdb.DuckDBPyConnection, rejects: Iterable[Reject]) -> int:
    """Record rejected inputs (each path/line/code once)."""
    rows = [(r.path, r.line, r.code, r.reason) for r in rejects]
    fresh = [r for r in rows if not con.execute(
        "SELECT 1 FROM rejects WHERE path = ? AND line IS NOT DISTINCT FROM ? AND code = ?",
        [r[0], r[1], r[2]]).fetchone()]
    _insert(con, "rejects", fresh, columns=COLUMNS["rejects"])
    return len(fresh)



def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[tuple],
            columns: Sequence[str] | None = None) -> None:
    if not rows:
        return
    cols = f" ({', '.join(_q(c) for c in columns)})" if columns else ""
    marks = ", ".join("?" * len(rows[0]))
    con.executemany(f"INSERT INTO {table}{cols} VALUES ({marks})", [list(r) for r in rows])


def _q(column: str) -> str:
    return f'"{column}"'


def mention_rows(doc_id: str, ex: Extraction) -> list[tuple]:
    rows: list[tuple] = []
    for a in ex.actors:
        rows.append((doc_id, "actor", a.text, a.start, a.end, a.name, a.country, a.role, None, None,
                     a.kind, None, json.dumps({"basis": a.basis, "entity": a.entity, "listed": a.listed})))
    for p in ex.places:
        rows.append((doc_id, "place", p.text, p.start, p.end, p.name, p.country, None, p.lat, p.lon,
                     p.kind, None, json.dumps({"geonameid": p.geonameid, "admin1": p.admin1, "basis": p.basis})))
    for m in ex.money:
        rows.append((doc_id, "money", m.text, m.start, m.end, m.about, None, None, None, None,
                     m.currency, m.usd, json.dumps({"amount": m.amount, "rate": m.rate, "rate_basis": m.rate_basis,
                                                    "parties": list(m.parties), "approximate": m.approximate})))
    for d in ex.dates:
        rows.append((doc_id, "date", d.text, d.start, d.end, None, None, None, None, None,
                     d.value, None, json.dumps({"granularity": d.granularity, "basis": d.basis})))
    for text, start, end, iso3 in ex.country_mentions:
        rows.append((doc_id, "country", text, start, end, iso3, iso3, None, None, None, None, None, None))
    named = {m[3] for m in ex.country_mentions}
    for c in ex.countries:  # countries known only through an actor ("Exim Bank" -> USA)
        if c not in named:
            rows.append((doc_id, "country", c, None, None, c, c, None, None, None, None, None, None))
    return rows


def document_actors(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, list[dict[str, Any]]]:
    """A stored document's actors as the extract output lists them: one record per person or body
    with every mention (``actors``), and the groups (``groups``). Rows stored before mentions carried
    an entity id each stand alone."""
    found = con.execute('SELECT text, start, "end", name, country, role, value, detail FROM mentions'
                        " WHERE doc_id = ? AND kind = 'actor' ORDER BY start", [doc_id]).fetchall()
    mentions = []
    for n, (text, start, end, name, country, role, kind, detail) in enumerate(found):
        extra = json.loads(detail) if detail else {}
        mentions.append(Actor(text=text, start=start, end=end, name=name, kind=kind or "org", country=country,
                              role=role, basis=extra.get("basis"), entity=extra.get("entity", -1 - n),
                              listed=extra.get("listed", True)))
    return {"actors": actor_entities(mentions), "groups": actor_groups(mentions)}


def quote_countries(start: int, end: int, ex: Extraction) -> list[str]:
    """Countries a quotation names: country words, actors and places inside it."""
    inside = [a.country for a in ex.actors if a.country and start <= a.start < end]
    inside += [iso3 for _, s, _, iso3 in ex.country_mentions if start <= s < end]
    inside += [p.country for p in ex.places if p.country and start <= p.start < end]
    return sorted({c for c in inside if len(c) == 3 and c.isupper()})


def _sentence_countries(e: Event, ex: Extraction) -> str:
    """Countries (space-separated ISO3) of the actors and places inside the event's evidence sentences."""
    named = [(a.start, a.country) for a in ex.actors] + [(p.start, p.country) for p in ex.places]
    return " ".join(sorted({c for start, c in named if c and any(v.start <= start < v.end for v in e.evidence)}))


def _document_countries(ex: Extraction) -> str:
    """Countries (space-separated ISO3) the document names: the ``country`` mentions of :func:`mention_rows`."""
    return " ".join(sorted({iso3 for *_, iso3 in ex.country_mentions if iso3} | {c for c in ex.countries if c}))


def event_rows(doc: Document, ex: Extraction) -> tuple[list[tuple], list[tuple]]:
    places = {p.name: p for p in ex.places}
    in_document = _document_countries(ex)
    rows, evidence = [], []
    for e in ex.events:
        eid = event_id(doc.id, e)
        first = e.evidence[0]
        place = places.get(e.place) if e.place else None
        rows.append((eid, doc.id, "entente", e.source, e.target, e.source_actor, e.target_actor, e.cameo,
                     e.cameo[:2], e.plover, e.mode, e.context, e.goldstein, e.quad_class, e.date,
                     period_start(e.date), e.date_granularity, e.date_basis, e.place,
                     place.lat if place else None, place.lon if place else None, e.amount_usd, e.trigger,
                     e.modality, e.symmetric, e.confidence, list(e.about), first.text, first.start,
                     first.end, 1, doc.url, _sentence_countries(e, ex), in_document,
                     e.source_code or e.source, e.target_code or e.target, e.rule))
        evidence += [(eid, doc.id, ev.text, ev.start, ev.end) for ev in e.evidence]
    return rows, evidence


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per table."""
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}


def export_tables(con: duckdb.DuckDBPyConnection, folder: str | Path, fmt: str = "parquet") -> list[Path]:
    """Write every table to ``folder`` as Parquet or CSV; returns the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for table in TABLES:
        path = folder / f"{table}.{fmt}"
        option = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER true)"
        con.execute(f"COPY (SELECT * FROM {table}) TO '{_sql_path(path)}' {option}")
        out.append(path)
    return out


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Run a parameterised query and return dict rows."""
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]
