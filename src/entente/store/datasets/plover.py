"""PLOVER reader: JSON Lines (one record per line) or a JSON array file.

Fields may be lists or single values (``actor: [{...}]`` or ``actor: {...}``
or ``actor: "USA"``); the older ``source``/``target`` spelling is accepted.
The first actor and recipient codes that are ISO3 countries make the dyad.
entente's own extension object ``entente`` (written by
:func:`entente.store.datasets.writers.write_plover`) restores the CAMEO code,
Goldstein weight, money and report count exactly. A record whose event is not
a PLOVER type of the ontology, whose ``entente.cameo`` is not a CAMEO code of
it, or whose ``entente.goldstein`` lies outside [-10, 10] is malformed.

A JSON array is read element by element as it streams in (nothing is written
to disk, the whole array is never held); its "line numbers" are element
numbers. An element that is not valid JSON ends the reading, since the
elements after it cannot be told apart: it is a malformed row whose reason
says so.
"""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from typing import Iterator

import duckdb
import pyarrow as pa

from entente.store.datasets import (ImportReport, Source, goldstein_problem, load_lines, read_lines,
                                    store_stage)
from entente.store.datasets.inputs import CHUNK, LineStats

__all__ = ["import_file", "sniff"]


def sniff(path: Source | Path) -> str:
    """Always ``"events"``."""
    return "events"


def import_file(con: duckdb.DuckDBPyConnection, source: Source) -> ImportReport:
    """Import one PLOVER JSON/JSONL file into the store (a JSON array counts one row per element)."""
    name = source.name
    report = ImportReport(path=name, dataset="plover")
    if _starts_array(source):
        stats = LineStats(warnings=["JSON array: line numbers are element numbers"])
        load_lines(con, "_lines", array_tables(source, stats), stats, report)
    else:
        read_lines(con, source, "_lines", report)
    report = store_stage(con, _stage_sql(name), report)
    _restore_money(con, name)
    return report


_NON_SPACE = re.compile(r"\S")
_BATCH = 10_000


def _starts_array(source: Source) -> bool:
    """True when the first character that is not white space is ``[``."""
    with source.open() as stream:
        while data := stream.read(4096):
            text = data.lstrip(b" \t\r\n\xef\xbb\xbf")  # and a UTF-8 byte order mark
            if text:
                return text.startswith(b"[")
    return False


def array_tables(source: Source, stats: LineStats) -> Iterator[pa.Table]:
    """The elements of the JSON array in ``source`` as ``(line_no = element number, line = the element as
    one line of JSON)`` tables, parsed as the bytes stream in; problems and warnings go to ``stats``."""
    max_line = source.limits.max_line_bytes
    decoder, text = json.JSONDecoder(), codecs.getincrementaldecoder("utf-8")("replace")
    buf, pos, eof, replaced = "", 0, False, False
    numbers: list[int] = []
    lines: list[str] = []

    with source.open() as stream:
        def more() -> bool:
            nonlocal buf, pos, eof, replaced
            if eof:
                return False
            data = stream.read(CHUNK)
            chunk = text.decode(data, final=not data)
            replaced = replaced or ("\ufffd" in chunk and b"\xef\xbf\xbd" not in data)
            buf, pos, eof = buf[pos:] + chunk, 0, not data
            return True

        def next_char() -> str | None:
            nonlocal pos
            while True:
                found = _NON_SPACE.search(buf, pos)
                if found:
                    pos = found.start()
                    return buf[pos]
                pos = len(buf)
                if not more():
                    return None

        def element(n: int) -> tuple[object, int] | None:
            while True:
                try:
                    return decoder.raw_decode(buf, pos)
                except json.JSONDecodeError as exc:
                    if len(buf) - pos > max_line:
                        stats.problems.append((n, f"element longer than {max_line:,} bytes, or not valid JSON; "
                                                  "the elements after it cannot be read"))
                        return None
                    if not more():
                        stats.problems.append((n, f"not valid JSON ({exc.msg}); the elements after it cannot "
                                                  "be read (truncated?)"))
                        return None

        def flush() -> pa.Table:
            table = pa.table({"line_no": pa.array(numbers, pa.int64()), "line": pa.array(lines, pa.large_string())})
            numbers.clear()
            lines.clear()
            return table

        if next_char() == "\ufeff":
            pos += 1
        if next_char() != "[":
            return
        pos += 1
        n, ended = 0, next_char() == "]"
        if ended:
            pos += 1
        while not ended:
            n += 1
            next_char()
            got = element(n)
            if got is None:
                break
            value, end = got
            if end - pos > max_line:
                stats.problems.append((n, f"element longer than {max_line:,} bytes"))
            else:
                numbers.append(n)
                lines.append(json.dumps(value))
            pos = end
            stats.lines_done = n
            if len(numbers) >= _BATCH:
                yield flush()
            c = next_char()
            if c == ",":
                pos += 1
            elif c == "]":
                pos += 1
                ended = True
            else:
                stats.warnings.append(f"the JSON array is not closed after element {n} (truncated?)" if c is None
                                      else f"expected ',' or ']' after element {n}: the rest is not read")
                break
        if ended and next_char() is not None:
            stats.warnings.append("text after the end of the JSON array is not read")
    if replaced:
        stats.warnings.append("W201 not UTF-8: bytes that are not UTF-8 replaced")
    if numbers:
        yield flush()


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
            json_extract_string(line, '$.entente.goldstein') AS rawgold,
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
             WHEN ptype IS NULL THEN 'no event'
             WHEN pt.plover IS NULL THEN 'unknown PLOVER event type ''' || ptype || ''''
             WHEN xcameo IS NOT NULL AND x.code IS NULL THEN 'unknown CAMEO code ''' || xcameo || ''' in entente.cameo'
             ELSE {goldstein_problem('rawgold', 'entente.goldstein')} END AS problem,
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
