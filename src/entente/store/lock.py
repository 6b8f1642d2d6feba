"""Opening the store under DuckDB's file lock: bounded waits, and writers before readers.

DuckDB lets one process open a file read-write, or any number of processes open it
read-only; an open that conflicts fails at once with ``IO Error: Could not set lock on
file``. :func:`open_store` (what :func:`entente.store.connect` calls) retries that error,
and only that one, with exponential backoff and jitter: a writer for ``ENTENTE_LOCK_WAIT``
seconds (default 30; 0 fails at once), a reader for at most :data:`READ_WAIT` seconds. Then
it raises :class:`StoreBusy` (E133), whose message names the store, the process holding it
and how to wait longer. Any other error (a corrupt file, no permission) is raised at once.

Writers first. The dashboard opens the store read-only for each request; a steady stream
of requests keeps a shared lock on the file nearly all the time and would starve a writer.
So a writer that finds the file locked announces itself:

1. it writes its process id to ``<store>.writer-waiting`` (by rename, never half-written),
   and on every retry refreshes it (or writes it again if it has gone);
2. while that file names a live process and was refreshed in the last :data:`STALE_AFTER`
   seconds (:func:`writer_waiting`), the server opens no connection for a new request and
   answers it 503 with ``Retry-After``; the requests in flight finish and close theirs;
3. the writer gets the lock at its next try (at most :data:`MAX_DELAY` later) and removes
   the file if it still holds its own id, whether it got the lock or gave up.

A file left behind by a writer killed while waiting is ignored: its process is gone, or it
has not been refreshed for :data:`STALE_AFTER` seconds (a process id used again). Writers
waiting together share the file: the first one's id stays while it lives, and the others
write theirs when it is gone. A server started with ``--allow-writes`` holds the write lock
for its whole life (its own write routes take turns on a threading lock), so another
writer waits its time and gets E133.
"""

from __future__ import annotations

import logging
import os
import random
import re
import time
from pathlib import Path

import duckdb

from entente.errors import E133_STORE_BUSY, EntenteError
from entente.settings import LOCK_WAIT_ENV, settings

logger = logging.getLogger(__name__)

READ_WAIT = 5.0  # seconds a reader waits at most (a writer may hold the lock for a whole ingest)
FIRST_DELAY = 0.05  # seconds before the first retry; doubled after each, up to MAX_DELAY
MAX_DELAY = 1.0  # a waiting writer tries at least this often (it takes the lock between requests)
STALE_AFTER = 10.0  # seconds: a writer-waiting file not refreshed for longer is ignored
SUFFIX = ".writer-waiting"
LOCKED = "Could not set lock on file"
_HOLDER = re.compile(r"\(PID (\d+)\)")


class StoreBusy(EntenteError):
    """Another process holds the store's lock (the CLI: a message and exit 1; the web: 503)."""

    code = E133_STORE_BUSY


def is_lock_error(exc: BaseException) -> bool:
    """Whether ``exc`` is DuckDB refusing an open because another process holds the file."""
    return isinstance(exc, duckdb.IOException) and LOCKED in str(exc)


def lock_wait(read_only: bool) -> float:
    """Seconds an open waits for the lock: ``ENTENTE_LOCK_WAIT``, at most :data:`READ_WAIT` for a reader."""
    wait = settings().lock_wait
    return min(wait, READ_WAIT) if read_only else wait


def open_store(path: str | Path, read_only: bool = False, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """``duckdb.connect(path, read_only)``, retried while another process holds the file's lock.

    wait (float): seconds to wait at most (default :func:`lock_wait`; 0 fails at once).
    RAISES (StoreBusy): the lock was still held when the wait ran out.
    """
    path = Path(path)
    limit = lock_wait(read_only) if wait is None else max(0.0, wait)
    deadline = time.monotonic() + limit
    delay = FIRST_DELAY
    waited = announced = False
    try:
        while True:
            try:
                return duckdb.connect(str(path), read_only=read_only)
            except duckdb.IOException as exc:
                if not is_lock_error(exc):
                    raise
                left = deadline - time.monotonic()
                if left <= 0:
                    raise StoreBusy(busy_message(path, limit, _holder(exc))) from exc
                if not waited:
                    holder = _holder(exc)
                    logger.log(logging.INFO if read_only else logging.WARNING,
                               "waiting for the store lock held by another process%s on %s, for up to %g s",
                               f" (PID {holder})" if holder else "", path, limit)
                    waited = True
                if not read_only:
                    announced = _announce(path) or announced
                time.sleep(min(left, delay * random.uniform(0.5, 1.0)))
                delay = min(MAX_DELAY, delay * 2)
    finally:
        if announced:
            _withdraw(path)


def busy_message(path: Path, waited: float, holder: int | None = None) -> str:
    """What :class:`StoreBusy` says: the store, who holds it, and how to retry."""
    who = f"another process (PID {holder})" if holder else "another process"
    after = f"; waited {waited:g} s" if waited else ""
    return (f"{path}: {E133_STORE_BUSY} {who} holds the store's lock (an ingest, an import, a correction or"
            f" `entente serve --allow-writes`){after}. Retry when it has finished, or set {LOCK_WAIT_ENV}="
            f"<seconds> to wait longer (now {settings().lock_wait:g} s)")


def sidecar(path: str | Path) -> Path:
    """The writer-waiting file of the store at ``path``."""
    return Path(f"{path}{SUFFIX}")


def writer_waiting(path: str | Path) -> bool:
    """Whether a live writer is waiting for the lock of the store at ``path`` (the server then opens nothing)."""
    return _waiting_pid(sidecar(path)) is not None


def _waiting_pid(side: Path) -> int | None:
    """The process id in a fresh writer-waiting file whose process lives; else ``None``."""
    try:
        age = time.time() - side.stat().st_mtime
        text = side.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return None
    pid = int(text.strip()) if text.strip().isdigit() else None
    return pid if pid is not None and age <= STALE_AFTER and _alive(pid) else None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if pid <= 0 or os.name == "nt":  # no signal 0 there: the file's age alone decides
        return pid > 0
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    except OSError:
        return False
    return True


def _announce(path: Path) -> bool:
    """Write (or refresh) this process's writer-waiting file; False where the folder cannot be written."""
    side, me = sidecar(path), os.getpid()
    try:
        pid = _waiting_pid(side)
        if pid == me:
            os.utime(side)
        elif pid is None:
            tmp = side.with_name(f"{side.name}.{me}")
            try:
                tmp.write_text(f"{me}\n", encoding="ascii")
                os.replace(tmp, side)
            finally:
                tmp.unlink(missing_ok=True)
        return True
    except OSError:  # a read-only folder: wait without announcing
        return False


def _withdraw(path: Path) -> None:
    side = sidecar(path)
    try:
        if side.read_text(encoding="ascii").strip() == str(os.getpid()):
            side.unlink(missing_ok=True)
    except (OSError, UnicodeDecodeError):
        pass


def _holder(exc: BaseException) -> int | None:
    found = _HOLDER.search(str(exc))
    return int(found.group(1)) if found else None
