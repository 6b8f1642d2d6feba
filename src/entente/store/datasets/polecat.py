"""POLECAT reader: header TSV with aliases, trailing tabs and extra columns tolerated.

Header aliases (``Intensity``/``Event Intensity``, ``Actor``/``Source Country``
...) are normalised first. Rows may carry more fields than the header (trailing
TABs, extra columns) or fewer, as long as every column entente uses is there.
Multi-valued country cells (``USA; GBR``) keep their first country. ``None``,
``NA`` and empty cells are missing. The CAMEO code is the PLOVER type's (and
mode's) representative code, its Goldstein weight the ``goldstein``. A row
whose Event Type is not a PLOVER type of the ontology is malformed.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from entente.store.datasets import ImportReport, NotADatasetFile, Source, field_sql, head_lines, read_lines, store_stage
from entente.store.datasets.icews import delete_header, header_index

__all__ = ["ALIASES", "import_file", "sniff"]

ALIASES = {
    "event intensity": "intensity", "id": "event id", "date": "event date", "event_id": "event id",
    "event_date": "event date", "type": "event type", "mode": "event mode", "quad": "quad code",
    "context": "contexts", "actor iso": "actor country", "recipient iso": "recipient country",
    "place name": "placename", "lat": "latitude", "lon": "longitude", "long": "longitude",
}
REQUIRED = ("event id", "event date", "event type", "actor country", "recipient country")
_NULLS = ("None", "NA", "none", "null")
_QUADS = {"VERBAL COOPERATION": 1, "MATERIAL COOPERATION": 2, "VERBAL CONFLICT": 3, "MATERIAL CONFLICT": 4}


def sniff(path: Source | Path) -> str:
    """Always ``"events"``."""
    return "events"


def import_file(con: duckdb.DuckDBPyConnection, source: Source) -> ImportReport:
    """Import one POLECAT file into the store."""
    name = source.name
    report = ImportReport(path=name, dataset="polecat")
    head = head_lines(source, 1)
    cols = header_index(head[0], ALIASES) if head else {}
    missing = [c for c in REQUIRED if c not in cols]
    if missing:
        raise NotADatasetFile(name, f"not a POLECAT file (header lacks {', '.join(missing)})")
    read_lines(con, source, "_lines", report)
    delete_header(con)
    return store_stage(con, _stage_sql(cols, name), report)


def _stage_sql(cols: dict[str, int], name: str) -> str:
    def f(column: str) -> str:
        return field_sql(cols[column], _NULLS) if column in cols else "NULL"

    def first_country(column: str) -> str:
        return f"upper(trim(split_part(replace({f(column)}, ',', ';'), ';', 1)))"

    needed = max(cols[c] for c in REQUIRED)
    src = name.replace("'", "''")
    quads = " ".join(f"WHEN '{k}' THEN {v}" for k, v in _QUADS.items())
    return f"""
    WITH split AS (SELECT line_no, string_split(line, E'\\t') AS f FROM _lines),
    raw AS (
        SELECT line_no, len(f) AS width, f, {f('event id')} AS eid, {f('event date')} AS rawdate,
            try_strptime(left({f('event date')}, 10), '%Y-%m-%d')::DATE AS d,
            upper({f('event type')}) AS ptype, lower({f('event mode')}) AS pmode,
            {first_country('actor country')} AS c1, {first_country('recipient country')} AS c2
        FROM split)
    SELECT raw.line_no,
        CASE WHEN width < {needed} THEN 'expected at least {needed} tab-separated columns, found ' || width
             WHEN eid IS NULL THEN 'no Event ID'
             WHEN d IS NULL THEN 'bad Event Date ' || coalesce('''' || rawdate || '''', '(empty)')
             WHEN ptype IS NULL THEN 'no Event Type'
             WHEN pt.plover IS NULL THEN 'unknown PLOVER Event Type ''' || ptype || '''' END AS problem,
        'polecat:' || eid AS event_id, 'polecat' AS dataset,
        a.iso3 AS source, b.iso3 AS target,
        {f('actor name')} AS source_actor, {f('recipient name')} AS target_actor,
        coalesce(pm.cameo, pt.cameo) AS cameo, x.root, ptype AS plover, pmode AS mode,
        {f('contexts')} AS context, x.goldstein,
        coalesce(CASE upper({f('quad code')}) {quads} END, pt.quad_class) AS quad_class,
        strftime(d, '%Y-%m-%d') AS date, d AS day, 'day' AS date_granularity, 'polecat' AS date_basis,
        {f('placename')} AS place,
        try_cast({f('latitude')} AS DOUBLE) AS lat, try_cast({f('longitude')} AS DOUBLE) AS lon,
        1 AS reports, NULL AS url, '{src}' AS source_file, raw.line_no AS source_line
    FROM raw
    LEFT JOIN xw_iso3 a ON a.iso3 = raw.c1
    LEFT JOIN xw_iso3 b ON b.iso3 = raw.c2
    LEFT JOIN xw_p2c pt ON pt.plover = raw.ptype AND pt.mode IS NULL
    LEFT JOIN xw_p2c pm ON pm.plover = raw.ptype AND pm.mode = raw.pmode
    LEFT JOIN xw_cameo x ON x.code = coalesce(pm.cameo, pt.cameo)"""
