"""The console entry point: every error a user meets is one coded line and exit 1; ``--debug`` shows
the traceback."""

from __future__ import annotations

import subprocess
import sys


def _entente(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "entente", *args], capture_output=True, text=True, timeout=120)


def test_main_a_database_error_is_one_coded_line(tmp_path):
    store = tmp_path / "notes.duckdb"
    store.write_text("not a database\n", encoding="utf-8")
    proc = _entente("dyad", "USA", "PAK", "--db", str(store))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("Error: E146 ") and str(store) in proc.stderr


def test_main_debug_shows_the_traceback(tmp_path):
    store = tmp_path / "notes.duckdb"
    store.write_text("not a database\n", encoding="utf-8")
    proc = _entente("--debug", "dyad", "USA", "PAK", "--db", str(store))
    assert proc.returncode == 1 and "Traceback" in proc.stderr


def test_main_entente_errors_carry_their_code(tmp_path):
    proc = _entente("extract", str(tmp_path / "missing.txt"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "E101" in proc.stderr
