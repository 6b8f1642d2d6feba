"""Parquet partitions: one folder per table, one file per partition.

Layout under the output folder ``DIR``::

    DIR/documents/part-000000.parquet   (same columns as the store's tables)
    DIR/mentions/part-000000.parquet
    DIR/quotes/...  DIR/events/...  DIR/evidence/...  DIR/rejects/...
    DIR/_done/part-000000.json          (written last: the partition is complete)

DuckDB reads the tables directly (``read_parquet('DIR/events/*.parquet')``).
Each file is written under a temporary name and renamed, and the ``_done``
marker is renamed into place last, so a killed run leaves no partition that
looks finished but is not; a rerun skips every partition with a marker whose
digest matches the documents it would hold.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Iterable, Sequence

import duckdb
import pyarrow as pa

from entente.records import Document, Extraction, Reject
from entente.store.bulk import Admission, add_extractions
from entente.store.words import index_new
from entente.store import TABLES, add_rejects, connect, rollback

DONE = "_done"


def part_name(index: int) -> str:
    """``part-000042``: sorts in partition order."""
    return f"part-{index:06d}"


def digest(docs: Iterable[Document], options: str = "") -> str:
    """Which documents a partition holds, in order, and how they were coded (``options``: the
    coder options' fingerprint, "" for the defaults): detects changed inputs or options on resume."""
    h = hashlib.sha1()
    for d in docs:
        h.update(f"{d.id}\0{d.content_hash}\n".encode("utf-8"))
    if options:
        h.update(f"options\0{options}\n".encode("utf-8"))
    return h.hexdigest()


def is_done(folder: Path, index: int, expected: str) -> bool:
    """True when partition ``index`` was finished from the same documents."""
    marker = folder / DONE / f"{part_name(index)}.json"
    try:
        return json.loads(marker.read_text(encoding="utf-8")).get("digest") == expected
    except (OSError, ValueError):
        return False


def write_partition(folder: Path, index: int, docs: Sequence[Document], extractions: Sequence[Extraction],
                    rejects: Sequence[Reject], options: str = "") -> int:
    """Write one partition's tables, then its marker; returns the number of events.

    ``options`` is the fingerprint of the coder options the extractions were made with.

    The rows are built by the store's own row builders (into an in-memory
    DuckDB with the store schema), so a partition has exactly the store's columns.
    """
    by_id = {d.id: d for d in docs}
    con = connect(":memory:")
    try:
        add_extractions(con, [(by_id[ex.id], ex) for ex in extractions])
        add_rejects(con, rejects)
        for table in TABLES:
            _copy(con, table, folder / table / f"{part_name(index)}.parquet")
        (events,), = con.execute("SELECT count(*) FROM events").fetchall()
    finally:
        con.close()
    marker = {"partition": index, "documents": len(docs), "extracted": len(extractions), "events": events,
              "digest": digest(docs, options)}
    _atomic_text(folder / DONE / f"{part_name(index)}.json", json.dumps(marker))
    return events


def _copy(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    con.execute(f"COPY (SELECT * FROM {table}) TO '{_sql(tmp)}' (FORMAT parquet)")
    os.replace(tmp, path)


def _atomic_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def finished_files(folder: Path, table: str) -> list[str]:
    """The ``table`` files of every finished partition (those with a marker)."""
    done = sorted((folder / DONE).glob("part-*.json")) if (folder / DONE).is_dir() else []
    files = [folder / table / f"{m.stem}.parquet" for m in done]
    return [str(f) for f in files if f.exists()]


def load_partitions(con: duckdb.DuckDBPyConnection, folder: str | Path) -> tuple[list[str], int, list[Reject]]:
    """Load finished partitions into the store by its one rule (:class:`entente.store.bulk.Admission`).

    One transaction. Returns ``(added, skipped, rejects)``: the ids of the documents written, how many
    documents' texts were stored already, and E112 rejects for ids stored (or earlier in the
    partitions) with another text.
    """
    folder = Path(folder)
    docs = finished_files(folder, "documents")
    if not docs:
        return [], 0, []
    found = con.execute(f"SELECT parse_filename(filename, true) AS part, doc_id, content_hash, origin"
                        f" FROM read_parquet({_list(docs)}, filename = true, file_row_number = true)"
                        " ORDER BY part, file_row_number").fetchall()
    admission = Admission.of(con)
    admitted, rejects, skipped = [], [], 0
    for part, doc_id, content_hash, origin in found:
        verdict = admission.decide(Document(id=doc_id, text="", origin=origin or "", content_hash=content_hash))
        if verdict is True:
            admitted.append((part, doc_id))
        elif verdict is False:
            skipped += 1
        else:
            rejects.append(verdict)
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("_entente_admit", pa.table({"part": [p for p, _ in admitted], "doc_id": [d for _, d in admitted]}))
        for table in ("documents", "mentions", "quotes", "events", "evidence"):
            files = finished_files(folder, table)
            if files:
                con.execute(f"INSERT INTO {table} BY NAME SELECT * EXCLUDE (filename)"
                            f" FROM read_parquet({_list(files)}, filename = true) p WHERE EXISTS"
                            " (SELECT 1 FROM _entente_admit a WHERE a.doc_id = p.doc_id"
                            " AND a.part = parse_filename(p.filename, true))")
        index_new(con, "_entente_admit")
        _load_rejects(con, finished_files(folder, "rejects"))
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise
    finally:
        con.unregister("_entente_admit")
    return [doc_id for _, doc_id in admitted], skipped, rejects


def _load_rejects(con: duckdb.DuckDBPyConnection, files: list[str]) -> None:
    if files:
        con.execute(f"""INSERT INTO rejects BY NAME
            SELECT DISTINCT ON (path, line, code) * FROM read_parquet({_list(files)}) p
            WHERE NOT EXISTS (SELECT 1 FROM rejects r WHERE r.path = p.path AND r.code = p.code
                              AND r.line IS NOT DISTINCT FROM p.line)""")


def _list(files: list[str]) -> str:
    return "[" + ", ".join(f"'{_sql(Path(f))}'" for f in files) + "]"


def _sql(path: Path) -> str:
    return str(path).replace("'", "''")
