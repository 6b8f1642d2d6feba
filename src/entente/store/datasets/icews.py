"""ICEWS reader: header TSV, country names → ISO3, ``YYYY-MM-DD`` or ``M/D/YYYY`` dates, ``NA``/empty missing.

Columns are found by header name (case- and space-insensitive), so a file
with reordered or extra columns still reads. The event id is
``icews:<Event ID>:<YYYYMMDD>`` because ICEWS Event IDs repeat across dates.
The CAMEO code's Goldstein weight is stored as ``goldstein`` (ICEWS
Intensity differs for three codes, see the crosswalk README); a code that
lost its leading zero (``40``) is restored (``040``). A row without a CAMEO
code, or with one the ontology does not know, is malformed.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from entente.store.datasets import ImportReport, NotADatasetFile, Source, field_sql, head_lines, read_lines, store_stage

__all__ = ["REQUIRED", "import_file", "sniff"]

REQUIRED = ("event id", "event date", "source country", "target country", "cameo code")
_NULLS = ("NA",)


def sniff(path: Source | Path) -> str:
    """Always ``"events"`` (ICEWS has one layout)."""
    return "events"


def header_index(header: str, aliases: dict[str, str] | None = None) -> dict[str, int]:
    """1-based field positions by normalised header name (``"Event ID"`` → ``"event id"``)."""
    out: dict[str, int] = {}
    for i, name in enumerate(header.split("\t"), start=1):
        key = " ".join(name.strip().strip('"').lower().split())
        key = (aliases or {}).get(key, key)
        out.setdefault(key, i)
    return out


def import_file(con: duckdb.DuckDBPyConnection, source: Source) -> ImportReport:
    """Import one ICEWS file into the store."""
    name = source.name
    report = ImportReport(path=name, dataset="icews")
    head = head_lines(source, 1)
    cols = header_index(head[0]) if head else {}
    missing = [c for c in REQUIRED if c not in cols]
    if missing:
        raise NotADatasetFile(name, f"not an ICEWS file (header lacks {', '.join(missing)})")
    read_lines(con, source, "_lines", report)
    delete_header(con)
    return store_stage(con, _stage_sql(cols, name), report)


def delete_header(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the header (the first line with text, as :func:`head_lines` found it) from ``_lines``."""
    con.execute("DELETE FROM _lines WHERE line_no = (SELECT min(line_no) FROM _lines WHERE trim(line) <> '')")


def _stage_sql(cols: dict[str, int], name: str) -> str:
    def f(column: str) -> str:
        return field_sql(cols[column], _NULLS) if column in cols else "NULL"

    width = max(cols.values())
    src = name.replace("'", "''")
    place = ", ".join(f(c) for c in ("city", "province", "country"))
    return f"""
    WITH split AS (SELECT line_no, string_split(line, E'\\t') AS f FROM _lines),
    raw AS (
        SELECT line_no, len(f) AS width, f, {f('event id')} AS eid, {f('event date')} AS rawdate,
            coalesce(try_strptime({f('event date')}, '%Y-%m-%d'),
                     try_strptime({f('event date')}, '%m/%d/%Y'))::DATE AS d,
            {f('cameo code')} AS rawcode,
            (SELECT bool_and(trim(x) = '') FROM unnest(f[{width + 1}:]) t(x)) AS extras_empty
        FROM split)
    SELECT raw.line_no,
        CASE WHEN width < {width} THEN 'expected {width} tab-separated columns, found ' || width
             WHEN width > {width} AND NOT coalesce(extras_empty, true)
                 THEN 'expected {width} tab-separated columns, found ' || width
             WHEN eid IS NULL THEN 'no Event ID'
             WHEN d IS NULL THEN 'bad Event Date ' || coalesce('''' || rawdate || '''', '(empty)')
             WHEN rawcode IS NULL THEN 'no CAMEO Code'
             WHEN x.code IS NULL THEN 'unknown CAMEO Code ''' || rawcode || '''' END AS problem,
        'icews:' || eid || ':' || strftime(d, '%Y%m%d') AS event_id, 'icews' AS dataset,
        a.iso3 AS source, b.iso3 AS target,
        {f('source name')} AS source_actor, {f('target name')} AS target_actor,
        coalesce(x.code, rawcode) AS cameo, x.root, x.plover, x.mode, x.context,
        coalesce(x.goldstein, try_cast({f('intensity')} AS DOUBLE)) AS goldstein, x.quad_class,
        strftime(d, '%Y-%m-%d') AS date, d AS day, 'day' AS date_granularity, 'icews' AS date_basis,
        nullif(concat_ws(', ', {place}), '') AS place,
        try_cast({f('latitude')} AS DOUBLE) AS lat, try_cast({f('longitude')} AS DOUBLE) AS lon,
        1 AS reports, NULL AS url, '{src}' AS source_file, raw.line_no AS source_line
    FROM raw
    LEFT JOIN xw_icews a ON a.name = {f('source country')}
    LEFT JOIN xw_icews b ON b.name = {f('target country')}
    LEFT JOIN xw_cameo x ON x.code = CASE WHEN rawcode IN (SELECT code FROM xw_cameo) THEN rawcode
                                          ELSE '0' || rawcode END"""
