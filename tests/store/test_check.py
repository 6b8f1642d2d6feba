"""``entente check`` finds what a crash or a bad write would leave behind."""

from __future__ import annotations

import subprocess
import sys

import duckdb

from entente.store.check import check_store


def _run_check(db):
    return subprocess.run([sys.executable, "-m", "entente", "check", "--db", str(db)],
                          capture_output=True, text=True, timeout=120)


def test_check_healthy_store_passes(reference):
    _, db, _ = reference
    proc = _run_check(db)
    assert proc.returncode == 0, proc.stdout
    assert "BAD" not in proc.stdout


def test_check_reports_broken_offsets_and_orphans(reference, tmp_path):
    _, db, _ = reference
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(db.read_bytes())
    con = duckdb.connect(str(broken))
    con.execute('UPDATE evidence SET start = start + 1 WHERE event_id = (SELECT min(event_id) FROM evidence)')
    con.execute("DELETE FROM documents WHERE doc_id = (SELECT min(doc_id) FROM events WHERE dataset = 'entente')")
    failing = {r.name for r in check_store(con) if not r.ok}
    con.close()
    assert "evidence whose offsets do not point at its text" in failing
    assert "entente events without their document" in failing
    proc = _run_check(broken)
    assert proc.returncode == 1 and "BAD" in proc.stdout


def test_check_missing_store_is_a_clear_error(tmp_path):
    proc = _run_check(tmp_path / "none.duckdb")
    assert proc.returncode == 1 and "no such store" in proc.stderr
