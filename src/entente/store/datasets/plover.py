"""PLOVER reader: JSON Lines (one record per line) or a JSON array file.

Fields may be lists or single values (``actor: [{...}]`` or ``actor: {...}``
or ``actor: "USA"``); the older ``source``/``target`` spelling is accepted.
The first actor and recipient codes that are ISO3 countries make the dyad.
entente's own extension object ``entente`` (written by
:func:`entente.store.datasets.writers.write_plover`) restores the CAMEO code,
Goldstein weight, money and report count exactly.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import duckdb

from entente.store.datasets import ImportReport, head_lines, read_lines, store_stage

__all__ = ["import_file", "sniff"]


def sniff(path: Path) -> str:
    """Always ``"events"``."""
    return "events"


def import_file(con: duckdb.DuckDBPyConnection, name: str, path: Path) -> ImportReport:
    """Import one PLOVER JSON/JSONL file into the store (a JSON array counts one row per element)."""
    report = ImportReport(path=name, dataset="plover")
    head = head_lines(path, 1)
    if head and head[0].lstrip().startswith("["):
        path = _array_to_jsonl(path, report)
    read_lines(con, path, "_lines", report)
    report = store_stage(con, _stage_sql(name), report)
    _restore_money(con, name)
    return report


def _array_to_jsonl(path: Path, report: ImportReport) -> Path:
    """Rewrite a JSON array as JSONL next to itself in the temp folder; line = element number."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        report.warnings.append(f"not a JSON array ({exc}); read as JSON Lines")
        return path
    out = Path(tempfile.mkdtemp(prefix="entente-plover-")) / "records.jsonl"
    out.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report.warnings.append("JSON array: line numbers are element numbers")
    return out


def _first(field: str, key: str | None = None) -> str:
    """SQL for the first value of a JSON field that may be a list, an object or a scalar."""
    sub = f".{key}" if key else ""
    return (f"CASE json_type(line, '$.{field}') WHEN 'ARRAY' THEN "
            f"coalesce(json_extract_string(line, '$.{field}[0]{sub}'), "
            f"CASE WHEN json_type(line, '$.{field}[0]') = 'VARCHAR' "
            f"THEN json_extract_string(line, '$.{field}[0]') END) "
            f"WHEN 'OBJECT' THEN json_extract_string(line, '$.{field}{sub}') "
            f"WHEN 'VARCHAR' THEN json_extract_string(line, '$.{field}') END")


def _stage_sql(name: str) -> str:
    src = name.replace("'", "''")
    return f"""
    WITH ok AS (SELECT line_no, line,
            coalesce(CASE WHEN json_valid(line) THEN json_type(line) = 'OBJECT' END, false) AS valid
        FROM _lines),
    raw AS (
        SELECT line_no, valid,
            CASE WHEN valid THEN line END AS line
        FROM ok),
    fields AS (
        SELECT line_no, valid,
            nullif(json_extract_string(line, '$.id'), '') AS eid,
            json_extract_string(line, '$.date') AS rawdate,
            try_strptime(left(json_extract_string(line, '$.date'), 10), '%Y-%m-%d')::DATE AS d,
            upper(coalesce({_first('actor', 'code')}, {_first('source', 'code')})) AS c1,
            upper(coalesce({_first('recipient', 'code')}, {_first('target', 'code')})) AS c2,
            coalesce({_first('actor', 'entity_text')}, {_first('source', 'entity_text')}) AS a1,
            coalesce({_first('recipient', 'entity_text')}, {_first('target', 'entity_text')}) AS a2,
            upper({_first('event')}) AS ptype, lower({_first('mode')}) AS pmode,
            CASE WHEN json_type(line, '$.context') = 'ARRAY'
                 THEN array_to_string(json_extract_string(line, '$.context[*]'), ';')
                 ELSE json_extract_string(line, '$.context') END AS context,
            try_cast(json_extract_string(line, '$.quad_code') AS INTEGER) AS quad,
            json_extract_string(line, '$.entente.cameo') AS xcameo,
            try_cast(json_extract_string(line, '$.entente.goldstein') AS DOUBLE) AS xgold,
            try_cast(json_extract_string(line, '$.entente.reports') AS INTEGER) AS xreports,
            json_extract_string(line, '$.event_loc.resolved_place') AS place,
            try_cast(json_extract_string(line, '$.event_loc.lat') AS DOUBLE) AS lat,
            try_cast(json_extract_string(line, '$.event_loc.lon') AS DOUBLE) AS lon,
            json_extract_string(line, '$.cite_info.url') AS url
        FROM raw)
    SELECT fields.line_no,
        CASE WHEN NOT valid THEN 'not a JSON object'
             WHEN eid IS NULL THEN 'no id'
             WHEN d IS NULL THEN 'bad date ' || coalesce('''' || rawdate || '''', '(missing)')
             WHEN ptype IS NULL THEN 'no event' END AS problem,
        'plover:' || eid AS event_id, 'plover' AS dataset,
        a.iso3 AS source, b.iso3 AS target, a1 AS source_actor, a2 AS target_actor,
        x.code AS cameo, x.root, ptype AS plover, pmode AS mode, fields.context,
        coalesce(xgold, x.goldstein) AS goldstein, coalesce(quad, x.quad_class) AS quad_class,
        strftime(d, '%Y-%m-%d') AS date, d AS day, 'day' AS date_granularity, 'plover' AS date_basis,
        fields.place, fields.lat, fields.lon, coalesce(xreports, 1) AS reports, fields.url,
        '{src}' AS source_file, fields.line_no AS source_line
    FROM fields
    LEFT JOIN xw_iso3 a ON a.iso3 = fields.c1
    LEFT JOIN xw_iso3 b ON b.iso3 = fields.c2
    LEFT JOIN xw_p2c pt ON pt.plover = fields.ptype AND pt.mode IS NULL
    LEFT JOIN xw_p2c pm ON pm.plover = fields.ptype AND pm.mode = fields.pmode
    LEFT JOIN xw_cameo x ON x.code = coalesce(fields.xcameo, pm.cameo, pt.cameo)"""


def _restore_money(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Copy the ``entente.amount_usd`` extension onto the rows just stored from ``name``."""
    con.execute("""UPDATE events SET amount_usd = m.amount FROM (
            SELECT line_no, try_cast(CASE WHEN json_valid(line) AND starts_with(ltrim(line), '{')
                THEN json_extract_string(line, '$.entente.amount_usd') END AS DOUBLE) AS amount FROM _lines) m
        WHERE events.source_file = ? AND events.source_line = m.line_no AND events.dataset = 'plover'
          AND m.amount IS NOT NULL AND events.amount_usd IS NULL""", [name])
