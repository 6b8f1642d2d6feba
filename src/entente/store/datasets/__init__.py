"""Read the field's event datasets (GDELT, ICEWS, POLECAT, PLOVER) into the ``events`` table.

Every file is read one physical line per row (see :mod:`entente.store.datasets.inputs`:
plain, ``.gz`` and ``.zip`` files streamed without extracting anything to disk,
numbered in file order, archives held to size limits); each reader splits and
maps the lines in SQL. Every row read ends in exactly one bucket of its
:class:`ImportReport`: stored, duplicate (its event id is already stored),
malformed (with its line and reason, also in the store's ``rejects`` table) or
not dyadic (no country on one side).

A row is malformed when it does not fit its layout, when it is longer than the
line limit, when its CAMEO code or PLOVER type is not in the ontology, or when
the Goldstein value it would store lies outside [-10, 10].

Each file is imported in a transaction of its own: a file that cannot be
imported (a corrupt or truncated archive, one that expands beyond the limits,
a file of another dataset, an I/O or database error) stores nothing at all, even
when some of its rows were read before the problem showed; its report carries
the coded error in ``error`` and the other files carry on.
"""

from __future__ import annotations

import importlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import duckdb
import pyarrow as pa

from entente.coding import ontology
from entente.errors import MESSAGES
from entente.store import rollback
from entente.store.datasets.inputs import (ArchiveCorrupt, ArchiveTooLarge, DatasetFileError, LineStats,
                                           NotADatasetFile, Source, clean_stale_temp, head_lines, import_limits,
                                           line_tables, open_sources)

__all__ = ["ArchiveCorrupt", "ArchiveTooLarge", "DATASETS", "DatasetFileError", "ImportReport", "MALFORMED_CODE",
           "NotADatasetFile", "Source", "head_lines", "import_files"]

DATASETS = ("gdelt", "icews", "polecat", "plover")
# Code under which malformed dataset rows are written to the store's ``rejects`` table.
MALFORMED_CODE = "E121"
# The range a stored Goldstein weight must lie in.
GOLDSTEIN_MIN, GOLDSTEIN_MAX = -10.0, 10.0

# Columns an imported row fills, in the order every reader's stage query yields them.
STORE_COLUMNS = ("event_id", "dataset", "source", "target", "source_actor", "target_actor", "cameo", "root",
                 "plover", "mode", "context", "goldstein", "quad_class", "date", "day", "date_granularity",
                 "date_basis", "place", "lat", "lon", "reports", "url", "source_file", "source_line")


@dataclass
class ImportReport:
    """What happened to every row of one input file.

    For event files ``read == stored + duplicates + malformed + not_dyadic``;
    for GDELT Mentions files ``read == matched + unmatched + malformed``.
    ``problems`` holds ``(line, reason)`` for every malformed row. A file that
    could not be imported has its coded error in ``error`` and every count 0
    (nothing from it was stored).
    """

    path: str
    dataset: str
    kind: str = "events"
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    malformed: int = 0
    not_dyadic: int = 0
    matched: int = 0
    unmatched: int = 0
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: DatasetFileError | None = None

    @property
    def balanced(self) -> bool:
        """True when every row read is accounted for exactly once."""
        if self.kind == "mentions":
            return self.read == self.matched + self.unmatched + self.malformed
        return self.read == self.stored + self.duplicates + self.malformed + self.not_dyadic

    def summary(self) -> str:
        """One line for the command line."""
        if self.error is not None:
            return (f"{self.path} [{self.dataset}]: not imported, nothing stored "
                    f"({self.error.code} {MESSAGES[self.error.code]})")
        if self.kind == "mentions":
            return (f"{self.path} [{self.dataset} mentions]: read {self.read}, joined to stored events "
                    f"{self.matched}, for events not stored {self.unmatched}, malformed {self.malformed}")
        return (f"{self.path} [{self.dataset}]: read {self.read}, stored {self.stored}, already stored "
                f"{self.duplicates}, malformed {self.malformed}, not dyadic {self.not_dyadic}")


def import_files(con: duckdb.DuckDBPyConnection, dataset: str, paths: list[str | Path]) -> list[ImportReport]:
    """Import ``paths`` (plain, ``.gz`` or ``.zip``) of ``dataset`` into the store ``con``.

    dataset (str): ``gdelt`` (1.0, 2.0 events and 2.0 Mentions, told apart by
        column count), ``icews``, ``polecat`` or ``plover``.
    RETURNS (list[ImportReport]): one report per file (per zip member); a file that
        could not be imported has its :class:`DatasetFileError` (E142 corrupt or
        truncated archive, E143 beyond the expansion limits, E144 not a file of
        ``dataset``, E145 I/O or database error) in ``error``, and nothing from it
        is stored. When ``con`` is already inside a transaction of the caller's,
        the first such error is raised instead.
    """
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}; expected one of {', '.join(DATASETS)}")
    reader = importlib.import_module(f"entente.store.datasets.{dataset}")
    clean_stale_temp()
    limits = import_limits()
    load_crosswalks(con)
    reports: list[ImportReport] = []
    zips: list[zipfile.ZipFile] = []
    try:
        items = list(open_sources(paths, limits, zips))
        if dataset == "gdelt":
            # Events before Mentions, so Mentions can join to events of the same call.
            items.sort(key=lambda item: isinstance(item, Source) and _sniff(reader, item) == "mentions")
        for item in items:
            if isinstance(item, DatasetFileError):
                reports.append(ImportReport(path=item.path, dataset=dataset, error=item))
            else:
                reports.append(_import_one(con, reader, item, dataset))
    finally:
        for zf in zips:
            zf.close()
    return reports


def _sniff(reader: object, source: Source) -> str | None:
    try:
        return getattr(reader, "sniff")(source)
    except (DatasetFileError, OSError):
        return None  # imported (and its error reported) in its turn


def _import_one(con: duckdb.DuckDBPyConnection, reader: object, source: Source, dataset: str) -> ImportReport:
    """One file in a transaction of its own: all its rows stored, or none (its report then has ``error``)."""
    own = _begin(con)
    try:
        report: ImportReport = getattr(reader, "import_file")(con, source)
    except BaseException as exc:
        if own:
            rollback(con)  # a failed COMMIT has ended the transaction already
        error = as_dataset_error(source.name, exc) if isinstance(exc, Exception) else None
        if error is None:
            raise  # KeyboardInterrupt, SystemExit, or a bug
        if not own:
            if error is exc:
                raise
            raise error from exc
        return ImportReport(path=source.name, dataset=dataset, error=error)
    if own:
        con.execute("COMMIT")
    return report


def as_dataset_error(name: str, exc: Exception) -> DatasetFileError | None:
    """``exc`` as the coded error of file ``name``; None for an exception that is not about the file (a bug)."""
    if isinstance(exc, DatasetFileError):
        return exc
    if isinstance(exc, duckdb.Error):
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return DatasetFileError(name, f"database error ({first})")
    if isinstance(exc, OSError):
        return DatasetFileError(name, f"cannot be read ({exc.strerror or exc})")
    return None


def _begin(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        con.execute("BEGIN TRANSACTION")
    except duckdb.TransactionException:
        return False  # the caller's transaction: it decides
    return True


# --- lines ------------------------------------------------------------------------------------------

def read_lines(con: duckdb.DuckDBPyConnection, source: Source, table: str, report: ImportReport) -> None:
    """Load ``source`` into temp table ``table(line_no, line)``, one row per non-empty physical line.

    Over-long lines become malformed problems on ``report`` with their line
    numbers; lines that are not UTF-8 are read as Latin-1 (a W201 warning).
    Damage to an archive raises :class:`ArchiveCorrupt` saying after which line.
    """
    stats = LineStats()
    load_lines(con, table, line_tables(source, stats), stats, report)


_LINES = pa.schema([("line_no", pa.int64()), ("line", pa.large_string())])


def load_lines(con: duckdb.DuckDBPyConnection, table: str, batches: Iterator[pa.Table], stats: LineStats,
               report: ImportReport) -> None:
    """Stream ``batches`` of ``(line_no, line)`` into a new temp table ``table``; ``stats`` onto ``report``.

    DuckDB pulls the batches as they are made (one pass, nothing held twice); an exception raised
    while making them (damage, a limit, Ctrl-C) ends the stream and is raised again here.
    """
    failure: list[BaseException] = []

    def guarded() -> Iterator[pa.RecordBatch]:
        try:
            for t in batches:
                yield from t.cast(_LINES).to_batches()
        except BaseException as exc:  # DuckDB would swallow it into a generic error
            failure.append(exc)

    con.register("_line_batches", pa.RecordBatchReader.from_batches(_LINES, guarded()))
    try:
        con.execute(f"""CREATE OR REPLACE TEMP TABLE {table} AS
            SELECT line_no, CAST(line AS VARCHAR) AS line FROM _line_batches""")
    finally:
        con.unregister("_line_batches")
    if failure:
        exc = failure[0]
        if isinstance(exc, ArchiveCorrupt) and exc.after_line is None:
            raise ArchiveCorrupt(exc.path, exc.reason, stats.lines_done) from exc
        raise exc
    for line, reason in stats.problems:
        report.problems.append((line, reason))
        report.malformed += 1
        report.read += 1
    report.warnings += stats.warnings
    if stats.latin1:
        report.warnings.append(f"W201 not UTF-8: {stats.latin1:,} line{'s' if stats.latin1 > 1 else ''} read as "
                               f"Latin-1 (the first is line {stats.first_latin1})")


def goldstein_problem(value_sql: str, label: str) -> str:
    """SQL for a problem when the number ``value_sql`` (text) is not a Goldstein weight in [-10, 10]; else NULL."""
    return (f"CASE WHEN {value_sql} IS NOT NULL AND coalesce(NOT (try_cast({value_sql} AS DOUBLE) BETWEEN "
            f"{GOLDSTEIN_MIN} AND {GOLDSTEIN_MAX}), true) THEN '{label} ' || {value_sql} || "
            f"' is not a Goldstein weight in [{GOLDSTEIN_MIN:g}, {GOLDSTEIN_MAX:g}]' END")


# --- crosswalk tables in SQL ------------------------------------------------------------------------

def load_crosswalks(con: duckdb.DuckDBPyConnection) -> None:
    """Create the temp tables the import SQL joins: ``xw_country``, ``xw_icews``, ``xw_cameo``, ``xw_p2c``."""
    from entente.store.datasets.crosswalks import rows

    def put(name: str, columns: dict[str, list]) -> None:
        con.register("_xw", pa.table(columns))
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _xw")
        con.unregister("_xw")

    country = rows("cameo_country_iso3.tsv")
    put("xw_country", {"code": [r["cameo"] for r in country], "iso3": [r["iso3"] for r in country]})
    iso3 = sorted({r["iso3"] for r in country})
    put("xw_iso3", {"iso3": iso3})
    icews = rows("icews_country_iso3.tsv")
    put("xw_icews", {"name": [r["name"] for r in icews], "iso3": [r["iso3"] for r in icews]})
    codes = [ontology.cameo(c) for c in ontology.all_cameo_codes()]
    put("xw_cameo", {"code": [c.code for c in codes], "root": [c.root for c in codes],
                     "goldstein": [c.goldstein for c in codes], "quad_class": [c.quad_class for c in codes],
                     "plover": [c.plover for c in codes], "mode": [c.plover_mode for c in codes],
                     "context": [c.plover_context for c in codes]})
    pairs = [(t, m) for t in ontology.all_plover_types() for m in [None, *ontology.plover(t).modes]]
    put("xw_p2c", {"plover": [t for t, _ in pairs], "mode": [m for _, m in pairs],
                   "cameo": [ontology.plover_to_cameo(t, m) for t, m in pairs],
                   "quad_class": [ontology.plover(t).quad_class for t, _ in pairs]})


# --- storing ----------------------------------------------------------------------------------------

def store_stage(con: duckdb.DuckDBPyConnection, stage_sql: str, report: ImportReport) -> ImportReport:
    """Run a reader's stage query and store its good rows; fill ``report``.

    stage_sql (str): a SELECT yielding ``line_no``, ``problem`` (NULL when the
        row is well formed) and :data:`STORE_COLUMNS`.
    """
    con.execute(f"CREATE OR REPLACE TEMP TABLE _stage AS {stage_sql}")
    counts = con.execute("""SELECT count(*), count(*) FILTER (WHERE problem IS NOT NULL),
        count(*) FILTER (WHERE problem IS NULL AND (source IS NULL OR target IS NULL)) FROM _stage""").fetchall()[0]
    report.read += counts[0]
    report.malformed += counts[1]
    report.not_dyadic += counts[2]
    report.problems += con.execute(
        "SELECT line_no, problem FROM _stage WHERE problem IS NOT NULL ORDER BY line_no").fetchall()
    report.problems.sort(key=lambda p: (p[0] is None, p[0] or 0))
    columns = ", ".join(f'"{c}"' for c in STORE_COLUMNS)
    inserted = con.execute(f"""INSERT INTO events ({columns}, doc_id, amount_usd, is_symmetric, confidence)
        SELECT {columns}, NULL, NULL, FALSE, NULL FROM (
            SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY line_no) AS _n FROM _stage
            WHERE problem IS NULL AND source IS NOT NULL AND target IS NOT NULL) s
        WHERE _n = 1 AND NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = s.event_id)""").fetchall()[0][0]
    report.stored = int(inserted)
    report.duplicates = report.read - report.stored - report.malformed - report.not_dyadic
    record_rejects(con, report)
    con.execute("DROP TABLE IF EXISTS _stage")
    return report


def record_rejects(con: duckdb.DuckDBPyConnection, report: ImportReport) -> None:
    """Write ``report``'s malformed rows to the ``rejects`` table (each path/line once)."""
    if not report.problems:
        return
    con.register("_probs", pa.table({"line": [p[0] for p in report.problems],
                                     "reason": [p[1] for p in report.problems]}))
    con.execute(f"""INSERT INTO rejects (path, line, code, reason)
        SELECT DISTINCT ON (line) ?, line, '{MALFORMED_CODE}', reason FROM _probs p
        WHERE NOT EXISTS (SELECT 1 FROM rejects r WHERE r.path = ? AND r.line IS NOT DISTINCT FROM p.line
                          AND r.code = '{MALFORMED_CODE}')""", [report.path, report.path])
    con.unregister("_probs")


def field_sql(index: int, nulls: tuple[str, ...] = ()) -> str:
    """SQL for the trimmed ``index``-th (1-based) field of split line ``f``, NULL when empty or in ``nulls``."""
    expr = f"nullif(trim(f[{index}]), '')"
    for n in nulls:
        expr = f"nullif({expr}, '{n}')"
    return expr
