"""How the web app reaches the store: short-lived read-only connections.

DuckDB lets one process write a file at a time. In the default read-only mode
the app opens the store read-only for each request and closes it right after,
so it never holds a lock between requests. While another process (``entente
ingest``) holds the write lock, opening fails and the request is answered with
503 and a clear message instead of an error page; nothing is ever written.

With ``allow_writes=True`` the app is the store's single writer: it keeps one
read-write connection and gives each request its own cursor, so reads go on
(DuckDB MVCC) while ``POST /api/ingest`` writes.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

from entente.errors import E132_STORE_MISSING, E133_STORE_BUSY, EntenteError
from entente.store import connect

BUSY = "the store is being written by another process; retry"


class StoreBusy(EntenteError):
    """The store is locked by a writer (answered with 503)."""

    code = E133_STORE_BUSY


class StoreMissing(EntenteError):
    """The store file does not exist (answered with 503)."""

    code = E132_STORE_MISSING


class Store:
    """Opens connections to one store file; see the module docstring for the modes."""

    def __init__(self, path: str | Path, *, writable: bool = False) -> None:
        self.path = Path(path)
        self.writable = writable
        self.write_lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = connect(self.path) if writable else None

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one request's reads."""
        if self._con is not None:
            cur = self._con.cursor()
            try:
                yield cur
            finally:
                cur.close()
            return
        if not self.path.exists():
            raise StoreMissing(f"no store at the configured path ({self.path.name}); run `entente ingest` first")
        try:
            con = connect(self.path, read_only=True)
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            raise StoreBusy(BUSY) from exc
        try:
            yield con
        finally:
            con.close()

    def writer(self) -> duckdb.DuckDBPyConnection:
        """The shared read-write connection (only with ``writable=True``)."""
        if self._con is None:
            raise RuntimeError("store opened read-only")
        return self._con

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
