"""GDELT readers: 1.0 events (57 and 58 columns), 2.0 events (61) and 2.0 Mentions (16).

Positional parsing (GDELT files have no header), every field a string until
the SQL casts it. Actor country codes are CAMEO codes, mapped to ISO3 through
the crosswalk; a row whose actors lack a country on either side is counted
as not dyadic. An EventCode the CAMEO ontology does not know, or a
GoldsteinScale outside [-10, 10], makes the row malformed. Mentions files
update the ``reports`` (distinct mentioning articles) and missing ``url`` of
events already stored.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from entente.store.datasets import (ImportReport, Source, field_sql, goldstein_problem, head_lines, read_lines,
                                    store_stage)

__all__ = ["GDELT1_COLUMNS", "GDELT2_COLUMNS", "import_file", "sniff"]

# Canonical names in file order (FORMATS.md §1). GDELT 1.0 back-files stop before SOURCEURL.
_COMMON = ("GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name Actor1CountryCode "
           "Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code "
           "Actor1Type2Code Actor1Type3Code Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode "
           "Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code "
           "Actor2Type3Code IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale "
           "NumMentions NumSources NumArticles AvgTone").split()


def _geo(prefix: str, adm2: bool) -> list[str]:
    names = ["Type", "FullName", "CountryCode", "ADM1Code"] + (["ADM2Code"] if adm2 else []) + \
            ["Lat", "Long", "FeatureID"]
    return [f"{prefix}Geo_{n}" for n in names]


GDELT1_COLUMNS: tuple[str, ...] = tuple(_COMMON + _geo("Actor1", False) + _geo("Actor2", False)
                                        + _geo("Action", False) + ["DATEADDED", "SOURCEURL"])
GDELT2_COLUMNS: tuple[str, ...] = tuple(_COMMON + _geo("Actor1", True) + _geo("Actor2", True)
                                        + _geo("Action", True) + ["DATEADDED", "SOURCEURL"])
MENTIONS_WIDTH = 16


def sniff(path: Source | Path) -> str:
    """``"gdelt2"``, ``"gdelt1"`` or ``"mentions"`` from the commonest field count of the first lines."""
    widths = [line.count("\t") + 1 for line in head_lines(path)]
    if not widths:
        return "gdelt2"
    width = max(set(widths), key=widths.count)
    if width == MENTIONS_WIDTH:
        return "mentions"
    return "gdelt1" if width in (57, 58) else "gdelt2"


def import_file(con: duckdb.DuckDBPyConnection, source: Source) -> ImportReport:
    """Import one GDELT file (layout sniffed) into the store; ``source.name`` is recorded as its source file."""
    layout = sniff(source)
    if layout == "mentions":
        return _import_mentions(con, source)
    report = ImportReport(path=source.name, dataset=layout)
    read_lines(con, source, "_lines", report)
    return store_stage(con, _stage_sql(layout, source.name), report)


def _col(layout: str, column: str) -> int:
    names = GDELT2_COLUMNS if layout == "gdelt2" else GDELT1_COLUMNS
    return names.index(column) + 1


def _stage_sql(layout: str, name: str) -> str:
    def f(column: str) -> str:
        return f"nullif(f[{_col(layout, column)}], '')"

    widths = "(61)" if layout == "gdelt2" else "(57, 58)"
    expected = "61" if layout == "gdelt2" else "57 or 58"
    src = name.replace("'", "''")
    split = "SELECT line_no, string_split(line, E'\\t') AS f, len(f) AS width FROM _lines"
    return f"""
    WITH split AS ({split}),
    raw AS (
        SELECT *,
               {f('GLOBALEVENTID')} AS gid, {f('SQLDATE')} AS sqldate,
               try_strptime({f('SQLDATE')}, '%Y%m%d')::DATE AS d,
               upper({f('Actor1CountryCode')}) AS c1, upper({f('Actor2CountryCode')}) AS c2,
               {f('EventCode')} AS evcode
        FROM split)
    SELECT raw.line_no,
        CASE WHEN width NOT IN {widths} THEN 'expected {expected} tab-separated columns, found ' || width
             WHEN gid IS NULL THEN 'no GLOBALEVENTID'
             WHEN d IS NULL THEN 'bad SQLDATE ' || coalesce('''' || sqldate || '''', '(empty)')
             WHEN evcode IS NULL THEN 'no EventCode'
             WHEN x.code IS NULL THEN 'unknown CAMEO EventCode ''' || evcode || ''''
             ELSE {goldstein_problem(f('GoldsteinScale'), 'GoldsteinScale')} END AS problem,
        '{layout}:' || gid AS event_id, '{layout}' AS dataset,
        a.iso3 AS source, b.iso3 AS target,
        {f('Actor1Name')} AS source_actor, {f('Actor2Name')} AS target_actor,
        evcode AS cameo, coalesce({f('EventRootCode')}, x.root) AS root,
        x.plover, x.mode, x.context,
        try_cast({f('GoldsteinScale')} AS DOUBLE) AS goldstein,
        try_cast({f('QuadClass')} AS INTEGER) AS quad_class,
        strftime(d, '%Y-%m-%d') AS date, d AS day, 'day' AS date_granularity, '{layout}' AS date_basis,
        {f('ActionGeo_FullName')} AS place,
        try_cast({f('ActionGeo_Lat')} AS DOUBLE) AS lat, try_cast({f('ActionGeo_Long')} AS DOUBLE) AS lon,
        coalesce(try_cast({f('NumArticles')} AS INTEGER), 1) AS reports,
        {f('SOURCEURL') if layout == 'gdelt2' else "CASE WHEN width = 58 THEN " + f('SOURCEURL') + " END"} AS url,
        '{src}' AS source_file, raw.line_no AS source_line
    FROM raw
    LEFT JOIN xw_country a ON a.code = raw.c1
    LEFT JOIN xw_country b ON b.code = raw.c2
    LEFT JOIN xw_cameo x ON x.code = raw.evcode"""


def _import_mentions(con: duckdb.DuckDBPyConnection, source: Source) -> ImportReport:
    report = ImportReport(path=source.name, dataset="gdelt2", kind="mentions")
    read_lines(con, source, "_lines", report)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _mentions AS
        WITH split AS (SELECT line_no, string_split(line, E'\\t') AS f FROM _lines)
        SELECT line_no, 'gdelt2:' || {field_sql(1)} AS event_id, {field_sql(6)} AS url,
            CASE WHEN len(f) <> {MENTIONS_WIDTH} THEN 'expected {MENTIONS_WIDTH} tab-separated columns, found '
                      || len(f)
                 WHEN {field_sql(1)} IS NULL THEN 'no GLOBALEVENTID' END AS problem
        FROM split""")
    read, bad, matched = con.execute("""SELECT count(*), count(*) FILTER (WHERE problem IS NOT NULL),
        count(*) FILTER (WHERE problem IS NULL AND event_id IN (SELECT event_id FROM events))
        FROM _mentions""").fetchall()[0]
    report.read += read
    report.malformed += bad
    report.matched = matched
    report.unmatched = read - bad - matched
    report.problems += con.execute(
        "SELECT line_no, problem FROM _mentions WHERE problem IS NOT NULL ORDER BY line_no").fetchall()
    # reports = distinct mentioning articles; max() keeps re-imports of the same file idempotent.
    con.execute("""UPDATE events SET reports = greatest(coalesce(events.reports, 1), m.n),
                                     url = coalesce(events.url, m.url)
        FROM (SELECT event_id, count(DISTINCT url) AS n, min(url) AS url FROM _mentions
              WHERE problem IS NULL GROUP BY event_id) m
        WHERE events.event_id = m.event_id""")
    from entente.store.datasets import record_rejects

    record_rejects(con, report)
    con.execute("DROP TABLE IF EXISTS _mentions")
    return report
