"""The store's file lock: writers wait (bounded) for another process, then fail with E133; the
writer-waiting file that makes the dashboard step aside. Real processes, real DuckDB locks."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from entente.settings import reload_settings
from entente.store import StoreBusy, connect, file_version
from entente.store.lock import STALE_AFTER, sidecar, writer_waiting

# Holds the store read-write for HOLD seconds, noting the writer-waiting file it sees meanwhile.
HOLDER = """
import duckdb, os, sys, time
path, hold = sys.argv[1], float(sys.argv[2])
con = duckdb.connect(path)
print("locked", flush=True)
seen, end = "", time.monotonic() + hold
while time.monotonic() < end:
    if not seen and os.path.exists(path + ".writer-waiting"):
        seen = open(path + ".writer-waiting").read().strip()
    time.sleep(0.02)
con.close()
print("seen " + seen, flush=True)
"""


@pytest.fixture()
def db(tmp_path) -> Path:
    path = tmp_path / "store.duckdb"
    connect(path).close()
    return path


def hold(path: Path, seconds: float) -> subprocess.Popen:
    """A process holding the store's write lock for ``seconds`` (returned once it holds it)."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(seconds)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def lock_wait(monkeypatch, seconds: str) -> None:
    monkeypatch.setenv("ENTENTE_LOCK_WAIT", seconds)
    reload_settings()


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_locks_writer_waits_for_another_process_then_gets_the_store(db, monkeypatch):
    lock_wait(monkeypatch, "10")
    records, logger = Records(), logging.getLogger("entente.store.lock")
    level = logger.level
    logger.addHandler(records)  # its own handler and level: a CLI test may have configured "entente"
    logger.setLevel(logging.INFO)
    proc = hold(db, 1.5)
    try:
        start = time.monotonic()
        con = connect(db)
        waited = time.monotonic() - start
        con.execute("CREATE TABLE written (x INTEGER)")
        con.close()
        out, _ = proc.communicate(timeout=10)
    finally:
        logger.removeHandler(records)
        logger.setLevel(level)
        proc.kill()
        proc.wait()
    assert 0.5 < waited < 5
    assert f"seen {os.getpid()}" in out  # the writer announced itself while it waited
    assert not sidecar(db).exists()  # and withdrew once it had the lock
    waiting = [m for m in records.messages if m.startswith("waiting for the store lock held by another process")]
    assert len(waiting) == 1 and f"(PID {proc.pid})" in waiting[0] and str(db) in waiting[0]


def test_locks_reader_waits_briefly_too(db, monkeypatch):
    lock_wait(monkeypatch, "10")
    proc = hold(db, 0.5)
    try:
        con = connect(db, read_only=True)
        assert con.execute("SELECT count(*) FROM events").fetchone() == (0,)
        con.close()
        assert file_version(db) is not None
    finally:
        proc.kill()
        proc.wait()
    assert not sidecar(db).exists()  # readers never announce themselves


def test_locks_a_short_wait_ends_in_a_coded_error_naming_the_store(db, monkeypatch):
    lock_wait(monkeypatch, "0.3")
    proc = hold(db, 20)
    try:
        start = time.monotonic()
        with pytest.raises(StoreBusy) as caught:
            connect(db)
        assert 0.25 < time.monotonic() - start < 2
        with pytest.raises(StoreBusy):
            connect(db, read_only=True)
        start = time.monotonic()
        with pytest.raises(StoreBusy):
            connect(db, wait=0)  # 0: fail at once
        assert time.monotonic() - start < 0.25
    finally:
        proc.kill()
        proc.wait()
    message = str(caught.value)
    assert caught.value.code == "E133"
    assert str(db) in message and "E133" in message and f"another process (PID {proc.pid})" in message
    assert "ENTENTE_LOCK_WAIT" in message and "waited 0.3 s" in message
    assert not sidecar(db).exists()  # withdrawn on giving up as well


def test_locks_other_io_errors_are_not_retried(tmp_path, monkeypatch):
    lock_wait(monkeypatch, "10")
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"not a database " * 1000)
    for read_only in (False, True):
        start = time.monotonic()
        with pytest.raises(duckdb.IOException) as caught:
            connect(bad, read_only=read_only)
        assert time.monotonic() - start < 1 and not isinstance(caught.value, StoreBusy)
    assert not sidecar(bad).exists()


def test_locks_stale_writer_waiting_files_are_ignored(tmp_path):
    db = tmp_path / "store.duckdb"
    side = sidecar(db)
    assert not writer_waiting(db)
    side.write_text(f"{os.getpid()}\n")
    assert writer_waiting(db)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    side.write_text(gone.stdout)  # a writer killed while waiting: its process has ended
    assert not writer_waiting(db)
    side.write_text(f"{os.getpid()}\n")
    old = time.time() - STALE_AFTER - 5  # not refreshed for too long (a process id used again)
    os.utime(side, (old, old))
    assert not writer_waiting(db)
    side.write_text("garbage\n")
    assert not writer_waiting(db)


def test_locks_cli_ingest_against_a_held_store_exits_1_with_the_message(db, tmp_path):
    corpus = tmp_path / "one.jsonl"
    corpus.write_text('{"id": "a", "text": "Kenya and Uganda signed a trade pact on Monday."}\n', encoding="utf-8")
    proc = hold(db, 20)
    try:
        run = subprocess.run([sys.executable, "-m", "entente", "ingest", str(corpus), "--db", str(db)],
                             capture_output=True, text=True, timeout=60,
                             env=dict(os.environ, ENTENTE_LOCK_WAIT="0.3"))
    finally:
        proc.kill()
        proc.wait()
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert "waiting for the store lock held by another process" in run.stderr
    assert f"Error: {db}: E133 another process (PID {proc.pid}) holds the store's lock" in run.stderr
    assert "ENTENTE_LOCK_WAIT" in run.stderr
