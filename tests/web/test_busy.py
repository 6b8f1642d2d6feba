"""The server steps aside for a writer waiting for the store's lock (503 with Retry-After while
``<store>.writer-waiting`` names a live process), and ignores a stale announcement."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from entente.store import StoreBusy, connect
from entente.store.lock import sidecar
from entente.web import create_app
from entente.web.app import SECURITY_HEADERS
from entente.web.db import BUSY

from tests.web.conftest import Client


@pytest.fixture()
def empty_store(tmp_path):
    path = tmp_path / "store.duckdb"
    connect(path).close()
    return path


def test_busy_a_waiting_writer_gets_503_with_retry_after_until_it_is_gone(empty_store):
    client = Client(create_app(empty_store))
    assert client.get("/api/events").status_code == 200
    side = sidecar(empty_store)
    side.write_text(f"{os.getpid()}\n")  # a live process (this one) waits to write
    try:
        for url in ("/api/events", "/index.json", "/"):
            r = client.get(url)
            assert r.status_code == 503, (url, r.text)
            assert r.headers["retry-after"] == "2"
            for name, value in SECURITY_HEADERS.items():
                assert r.headers[name] == value
        r = client.get("/api/events")
        assert r.headers["content-type"].startswith("application/json") and r.json() == {"error": BUSY}
        assert r.headers["cache-control"] == "no-store"
        assert str(empty_store.parent) not in r.text
    finally:
        side.unlink()
    r = client.get("/api/events")
    assert r.status_code == 200 and "retry-after" not in r.headers


def test_busy_a_stale_announcement_is_ignored(empty_store):
    client = Client(create_app(empty_store))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    sidecar(empty_store).write_text(gone.stdout)  # a writer killed while it waited
    assert client.get("/api/events").status_code == 200


def test_busy_readers_in_a_steady_stream_do_not_starve_a_writer(empty_store):
    """Two request threads keep a read connection open nearly all the time; a writer in another
    process still gets the store within its wait, because the server steps aside while it waits."""
    store = create_app(empty_store).state.store
    stop, refused = threading.Event(), []

    def reader(offset: float) -> None:
        time.sleep(offset)
        while not stop.is_set():
            try:
                with store.read() as con:
                    con.execute("SELECT count(*) FROM events").fetchall()
                    time.sleep(0.04)
            except StoreBusy:
                refused.append(1)
                time.sleep(0.01)

    threads = [threading.Thread(target=reader, args=(offset,)) for offset in (0, 0.02)]
    for t in threads:
        t.start()
    try:
        writer = subprocess.run(
            [sys.executable, "-c", "import sys; from entente.store import connect\n"
             "con = connect(sys.argv[1]); con.execute('CREATE TABLE written (x INTEGER)'); con.close()",
             str(empty_store)], capture_output=True, text=True, timeout=60,
            env=dict(os.environ, ENTENTE_LOCK_WAIT="5"))
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert writer.returncode == 0, writer.stderr
    assert "waiting for the store lock" in writer.stderr and refused  # it had to wait; the server stepped aside
    assert not sidecar(empty_store).exists()
    with store.read() as con:  # normal service again, and the write is there
        assert con.execute("SELECT count(*) FROM written").fetchone() == (0,)
