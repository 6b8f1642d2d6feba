"""Writers: events as a GDELT 2.0 export (61 columns), PLOVER JSON Lines, Parquet by month.

All three run as one DuckDB ``COPY`` over the ``events`` table; nothing is
looped in Python. ``datasets`` restricts the rows to some ``events.dataset``
values (``("entente",)`` for entente's own extraction).
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import duckdb

from entente.store.datasets import load_crosswalks
from entente.store.datasets.gdelt import GDELT2_COLUMNS
from entente.store import TABLES

__all__ = ["write_gdelt", "write_parquet", "write_plover"]


def _sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _where(datasets: Sequence[str] | None) -> str:
    if not datasets:
        return "TRUE"
    return "e.dataset IN (" + ", ".join("'" + d.replace("'", "''") + "'" for d in datasets) + ")"


def _clean(expr: str) -> str:
    # No TAB or newline may reach a GDELT field: the format has no quoting.
    return f"regexp_replace({expr}, '[\\t\\r\\n]+', ' ', 'g')"


def _gdelt_fields(dateadded: str) -> dict[str, str]:
    numeric_id = ("CASE WHEN e.dataset IN ('gdelt1', 'gdelt2') AND try_cast(split_part(e.event_id, ':', 2) AS BIGINT)"
                  " IS NOT NULL THEN split_part(e.event_id, ':', 2) "
                  "ELSE CAST(('0x' || left(md5(e.event_id), 13))::BIGINT AS VARCHAR) END")
    code = "coalesce(e.cameo, p.cameo)"
    fields = {c: "NULL" for c in GDELT2_COLUMNS}
    fields.update({
        "GLOBALEVENTID": numeric_id,
        "SQLDATE": "strftime(e.day, '%Y%m%d')", "MonthYear": "strftime(e.day, '%Y%m')",
        "Year": "strftime(e.day, '%Y')",
        "FractionDate": "CAST(round(year(e.day) + (month(e.day) * 30 + day(e.day)) / 365.0, 4) AS VARCHAR)",
        "Actor1Code": "coalesce(a.code, e.source)", "Actor1Name": _clean("e.source_actor"),
        "Actor1CountryCode": "coalesce(a.code, e.source)",
        "Actor2Code": "coalesce(b.code, e.target)", "Actor2Name": _clean("e.target_actor"),
        "Actor2CountryCode": "coalesce(b.code, e.target)",
        "IsRootEvent": "'0'", "EventCode": code, "EventBaseCode": f"left({code}, 3)",
        "EventRootCode": f"coalesce(e.root, left({code}, 2))",
        "QuadClass": "CAST(coalesce(e.quad_class, x.quad_class) AS VARCHAR)",
        "GoldsteinScale": "CAST(coalesce(e.goldstein, x.goldstein) AS VARCHAR)",
        "NumMentions": "CAST(coalesce(e.reports, 1) AS VARCHAR)",
        "NumSources": "CAST(coalesce(e.reports, 1) AS VARCHAR)",
        "NumArticles": "CAST(coalesce(e.reports, 1) AS VARCHAR)",
        "Actor1Geo_Type": "'0'", "Actor2Geo_Type": "'0'",
        "ActionGeo_Type": "CASE WHEN e.lat IS NULL THEN '0' ELSE '4' END",
        "ActionGeo_FullName": _clean("e.place"),
        "ActionGeo_Lat": "CAST(e.lat AS VARCHAR)", "ActionGeo_Long": "CAST(e.lon AS VARCHAR)",
        "DATEADDED": f"'{dateadded}'", "SOURCEURL": _clean("e.url"),
    })
    return fields


def write_gdelt(con: duckdb.DuckDBPyConnection, path: str | Path, datasets: Sequence[str] | None = None,
                dateadded: str | None = None) -> int:
    """Write events as a GDELT 2.0 event export: TAB, no header, exactly 61 columns, codes as strings.

    ISO3 countries go back to CAMEO country codes (ROU → ROM); an event with
    no CAMEO code gets its PLOVER type's representative code.
    dateadded (str | None): the DATEADDED stamp (YYYYMMDDHHMMSS); default now (UTC).
    RETURNS (int): rows written.
    """
    if dateadded is None:
        from datetime import datetime, timezone

        dateadded = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
    load_crosswalks(con)
    fields = _gdelt_fields(dateadded)
    select = ", ".join(f'{expr} AS "c{i}"' for i, expr in enumerate(fields.values(), start=1))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sql = f"""SELECT {select} FROM events e
        LEFT JOIN (SELECT iso3, coalesce(min(code) FILTER (WHERE code = iso3), min(code)) AS code
                   FROM xw_country GROUP BY iso3) a ON a.iso3 = e.source
        LEFT JOIN (SELECT iso3, coalesce(min(code) FILTER (WHERE code = iso3), min(code)) AS code
                   FROM xw_country GROUP BY iso3) b ON b.iso3 = e.target
        LEFT JOIN xw_p2c p ON p.plover = e.plover AND p.mode IS NULL
        LEFT JOIN xw_cameo x ON x.code = coalesce(e.cameo, p.cameo)
        WHERE {_where(datasets)} AND e.day IS NOT NULL
        ORDER BY e.day, e.event_id"""
    con.execute(f"COPY ({sql}) TO {_sql_path(path)} (FORMAT csv, HEADER false, DELIMITER E'\\t', QUOTE '')")
    return con.execute(f"SELECT count(*) FROM events e WHERE {_where(datasets)} AND e.day IS NOT NULL").fetchall()[0][0]


def write_plover(con: duckdb.DuckDBPyConnection, path: str | Path, datasets: Sequence[str] | None = None) -> int:
    """Write events as PLOVER JSON Lines (manual v0.8 fields, ``entente`` extension object).

    Events PLOVER does not code (CAMEO roots 01/02, no PLOVER type) are left
    out. The ``entente`` object carries ``event_id``, ``dataset``, ``cameo``,
    ``goldstein``, ``amount_usd`` (money in USD), ``reports`` and provenance.
    RETURNS (int): records written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    where = f"{_where(datasets)} AND e.plover IS NOT NULL AND e.day IS NOT NULL"
    sql = f"""SELECT e.event_id AS id, strftime(e.day, '%Y-%m-%d') AS date,
            [{{'code': e.source, 'entity_text': e.source_actor}}] AS actor,
            [{{'code': e.target, 'entity_text': e.target_actor}}] AS recipient,
            [e.plover] AS event,
            CASE WHEN e.mode IS NULL THEN [] ELSE [e.mode] END AS mode,
            CASE WHEN e.context IS NULL THEN [] ELSE string_split(e.context, ';') END AS context,
            e.quad_class AS quad_code,
            CASE WHEN e.trigger IS NULL THEN [] ELSE [e.trigger] END AS event_text,
            {{'resolved_place': e.place, 'lat': e.lat, 'lon': e.lon}} AS event_loc,
            {{'corpus': e.dataset, 'url': e.url, 'coder': 'entente'}} AS cite_info,
            {{'event_id': e.event_id, 'dataset': e.dataset, 'cameo': e.cameo, 'goldstein': e.goldstein,
              'amount_usd': e.amount_usd, 'reports': e.reports, 'date': e.date, 'doc_id': e.doc_id,
              'evidence': e.evidence, 'source_file': e.source_file, 'source_line': e.source_line}} AS entente
        FROM events e WHERE {where} ORDER BY e.day, e.event_id"""
    con.execute(f"COPY ({sql}) TO {_sql_path(path)} (FORMAT json)")
    return con.execute(f"SELECT count(*) FROM events e WHERE {where}").fetchall()[0][0]


def write_parquet(con: duckdb.DuckDBPyConnection, folder: str | Path,
                  datasets: Sequence[str] | None = None) -> list[Path]:
    """Write every store table to ``folder`` as Parquet; events partitioned by month.

    Events land in ``folder/events/month=YYYY-MM/*.parquet`` (``month=none`` for undated rows).
    RETURNS (list[Path]): the files and folders written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for table in TABLES:
        if table == "events":
            target = folder / "events"
            con.execute(f"""COPY (SELECT e.*, coalesce(strftime(e.day, '%Y-%m'), 'none') AS month FROM events e
                WHERE {_where(datasets)}) TO {_sql_path(target)}
                (FORMAT parquet, PARTITION_BY (month), OVERWRITE_OR_IGNORE true)""")
        else:
            target = folder / f"{table}.parquet"
            con.execute(f"COPY (SELECT * FROM {table}) TO {_sql_path(target)} (FORMAT parquet)")
        out.append(target)
    return out
