"""How the web app reaches the store: short-lived read-only connections.

DuckDB lets one process write a file at a time. In the default read-only mode
the app opens the store read-only for each request and closes it right after,
so it never holds a lock between requests. While another process (``entente
ingest``) holds the write lock, opening fails (after a short retry) and the
request is answered with 503 and a clear message instead of an error page;
nothing is ever written. Writers come first: while a writer waits for the lock
(it announces itself in ``<store>.writer-waiting``, see :mod:`entente.store.lock`)
no request opens the store; each is answered 503 with ``Retry-After``, so the
writer gets the lock as soon as the requests in flight have closed theirs.

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

from entente.errors import E132_STORE_MISSING, EntenteError
from entente.store import StoreBusy, connect  # noqa: F401  (StoreBusy: the CLI's and the web's one class)
from entente.store.lock import writer_waiting

BUSY = "the store is being written by another process; retry"
READ_WAIT = 0.25  # seconds a request waits for a lock another process holds, then 503


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
        if writer_waiting(self.path):  # step aside: the writer takes the lock between requests
            raise StoreBusy(BUSY)
        try:
            con = connect(self.path, read_only=True, wait=READ_WAIT)  # StoreBusy once the wait is over
        except duckdb.ConnectionException as exc:  # this process holds the file read-write
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
