"""Read the field's event datasets (GDELT, ICEWS, POLECAT, PLOVER) into the ``events`` table.

Every file goes through DuckDB's CSV reader one physical line per row (no
quoting, so GDELT/ICEWS quirks cannot shift columns), numbered in file order;
each reader splits and maps the lines in SQL. Every row read ends in exactly
one bucket of its :class:`ImportReport`: stored, duplicate (its event id is
already stored), malformed (with its line and reason) or not dyadic (no
country on one side).
"""

from __future__ import annotations

import gzip
import importlib
import itertools
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import duckdb
import pyarrow as pa

from entente.coding import ontology

__all__ = ["DATASETS", "ImportReport", "MALFORMED_CODE", "import_files"]

DATASETS = ("gdelt", "icews", "polecat", "plover")
# Code under which malformed dataset rows are written to the store's ``rejects`` table.
MALFORMED_CODE = "E121"

# Columns an imported row fills, in the order every reader's stage query yields them.
STORE_COLUMNS = ("event_id", "dataset", "source", "target", "source_actor", "target_actor", "cameo", "root",
                 "plover", "mode", "context", "goldstein", "quad_class", "date", "day", "date_granularity",
                 "date_basis", "place", "lat", "lon", "reports", "url", "source_file", "source_line")


@dataclass
class ImportReport:
    """What happened to every row of one input file.

    For event files ``read == stored + duplicates + malformed + not_dyadic``;
    for GDELT Mentions files ``read == matched + unmatched + malformed``.
    ``problems`` holds ``(line, reason)`` for every malformed row.
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

    @property
    def balanced(self) -> bool:
        """True when every row read is accounted for exactly once."""
        if self.kind == "mentions":
            return self.read == self.matched + self.unmatched + self.malformed
        return self.read == self.stored + self.duplicates + self.malformed + self.not_dyadic

    def summary(self) -> str:
        """One line for the command line."""
        if self.kind == "mentions":
            return (f"{self.path} [{self.dataset} mentions]: read {self.read}, joined to stored events "
                    f"{self.matched}, for events not stored {self.unmatched}, malformed {self.malformed}")
        return (f"{self.path} [{self.dataset}]: read {self.read}, stored {self.stored}, already stored "
                f"{self.duplicates}, malformed {self.malformed}, not dyadic {self.not_dyadic}")


def import_files(con: duckdb.DuckDBPyConnection, dataset: str, paths: list[str | Path]) -> list[ImportReport]:
    """Import ``paths`` (plain, ``.gz`` or ``.zip``) of ``dataset`` into the store ``con``.

    dataset (str): ``gdelt`` (1.0, 2.0 events and 2.0 Mentions, told apart by
        column count), ``icews``, ``polecat`` or ``plover``.
    RETURNS (list[ImportReport]): one report per file (per zip member).
    """
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}; expected one of {', '.join(DATASETS)}")
    reader = importlib.import_module(f"entente.store.datasets.{dataset}")
    load_crosswalks(con)
    reports: list[ImportReport] = []
    with expand(paths) as files:
        if dataset == "gdelt":
            # Events before Mentions, so Mentions can join to events of the same call.
            files.sort(key=lambda f: reader.sniff(f[1]) == "mentions")
        for name, real in files:
            reports.append(reader.import_file(con, name, real))
    return reports


# --- inputs -----------------------------------------------------------------------------------------

@contextmanager
def expand(paths: list[str | Path]) -> Iterator[list[tuple[str, Path]]]:
    """``(display name, readable path)`` per input; zip members are extracted to a temp folder.

    ``.gz`` files are passed through: DuckDB decompresses them itself.
    """
    with tempfile.TemporaryDirectory(prefix="entente-import-") as tmp:
        out: list[tuple[str, Path]] = []
        for i, p in enumerate(map(Path, paths)):
            if p.suffix.lower() == ".zip":
                with zipfile.ZipFile(p) as zf:
                    for j, member in enumerate(m for m in zf.infolist() if not m.is_dir()):
                        target = Path(tmp) / f"{i}-{j}-{Path(member.filename).name}"
                        with zf.open(member) as src, target.open("wb") as dst:
                            while chunk := src.read(1 << 20):
                                dst.write(chunk)
                        out.append((f"{p}!{member.filename}", target))
            else:
                out.append((str(p), p))
        yield out


def head_lines(path: Path, n: int = 20) -> list[str]:
    """The first ``n`` non-empty lines of a plain or gzipped file (for sniffing layouts)."""
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace", newline="") as fh:
        return [line.rstrip("\r\n") for line in itertools.islice((ln for ln in fh if ln.strip()), n)]


def _sql_str(value: str | Path) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def read_lines(con: duckdb.DuckDBPyConnection, path: Path, table: str,
               report: ImportReport) -> None:
    """Load ``path`` into temp table ``table(line_no, line)``, one row per physical line.

    (Parsing fixed-width layouts into typed columns with DuckDB's TAB reader was
    tried: it skips blank lines without a reject, which breaks line numbers, and
    materialising 61 columns was 2-3x slower than splitting lines in SQL.)

    Lines DuckDB cannot decode as UTF-8 make the whole file be re-read as
    Latin-1 (a warning); any row the reader still rejects becomes a malformed
    problem on ``report`` with its line number. Empty lines are dropped.
    """
    rejects = _load_raw(con, path, "utf-8")
    if any("ENCODING" in kind for _, kind, _ in rejects):
        report.warnings.append("W201 not UTF-8: read as Latin-1")
        rejects = _load_raw(con, path, "latin-1")
    keep, cols = "line IS NOT NULL AND line <> ''", "line"
    bad = sorted({line for line, _, _ in rejects})
    if not bad:
        # Rename rather than copy: a copy of a million lines costs most of a second.
        con.execute(f"DELETE FROM _raw WHERE NOT ({keep})")
        con.execute(f"DROP TABLE IF EXISTS {table}")
        con.execute("ALTER TABLE _raw RENAME COLUMN k TO line_no")
        con.execute(f"ALTER TABLE _raw RENAME TO {table}")
    else:
        # Rejected lines are missing from _raw: number the remaining lines around them.
        total = con.execute("SELECT count(*) FROM _raw").fetchall()[0][0] + len(bad)
        con.register("_bad", pa.table({"l": pa.array(bad, pa.int64())}))
        con.execute(f"""CREATE OR REPLACE TEMP TABLE {table} AS
            WITH kept AS (SELECT range + 1 AS l FROM range({total}) WHERE range + 1 NOT IN (SELECT l FROM _bad)),
                 numbered AS (SELECT l, row_number() OVER (ORDER BY l) AS k FROM kept)
            SELECT numbered.l AS line_no, {cols} FROM _raw JOIN numbered USING (k)
            WHERE {keep}""")
        con.unregister("_bad")
        seen: set[int] = set()
        for line, kind, message in rejects:
            if line not in seen:
                seen.add(line)
                report.problems.append((line, f"{kind.lower()}: {message}"))
                report.malformed += 1
                report.read += 1
    con.execute("DROP TABLE IF EXISTS _raw")


def _load_raw(con: duckdb.DuckDBPyConnection, path: Path, encoding: str) -> list[tuple[int, str, str]]:
    for t in ("_rej", "_rej_scan"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    # One column per physical line: the delimiter is a control character no dataset uses.
    columns, delim, select = "{'line': 'VARCHAR'}", "E'\\x01'", "line"
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _raw AS
        SELECT row_number() OVER () AS k, {select} FROM read_csv({_sql_str(path)}, columns={columns},
            header=false, delim={delim}, quote='', escape='', auto_detect=false, strict_mode=false,
            encoding='{encoding}', store_rejects=true, rejects_table='_rej', rejects_scan='_rej_scan')""")
    rejects = con.execute("SELECT line, error_type, error_message FROM _rej ORDER BY line").fetchall()
    for t in ("_rej", "_rej_scan"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    return [(int(line), str(kind), str(msg).split("\n")[0]) for line, kind, msg in rejects]


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
