"""``entente check`` on a file that is no readable store: one verdict line, exit 1, no traceback."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest
from click.testing import CliRunner

from entente.cli import cli
from entente.store import connect


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """An empty entente store (every table, no rows): big enough to truncate and to damage."""
    db = tmp_path_factory.mktemp("check_cli") / "store.duckdb"
    connect(db).close()
    return db


def _check(*args: str):
    return CliRunner().invoke(cli, ["check", *args])


def _verdict(result) -> str:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # no other exception escaped
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("BAD store file: "), result.output
    return lines[0]


def test_check_cli_prints_every_check_and_the_tally(store):
    result = _check("--db", str(store))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    checks = [line for line in lines if line.startswith(("ok ", "BAD"))]
    assert checks and all(line.startswith("ok ") for line in checks)
    assert lines[-1] == f"check: {len(checks)} of {len(checks)} checks passed"


@pytest.mark.parametrize(("name", "content"), [
    ("empty", b""),
    ("random", bytes(range(256)) * 64),
    ("text", b"doc_id,text\n1,hello\n"),
])
def test_check_cli_names_a_file_that_is_not_duckdb(tmp_path, name, content):
    path = tmp_path / f"{name}.duckdb"
    path.write_bytes(content)
    assert "not a valid DuckDB database file" in _verdict(_check("--db", str(path)))
    assert path.read_bytes() == content  # checking never writes


@pytest.mark.parametrize("keep", [100, 4096, 12288, 0.5])
def test_check_cli_names_a_truncated_store(store, tmp_path, keep):
    data = store.read_bytes()
    cut = tmp_path / "cut.duckdb"
    cut.write_bytes(data[:int(len(data) * keep) if isinstance(keep, float) else keep])
    line = _verdict(_check("--db", str(cut)))
    assert "Could not read enough bytes" in line or "not a valid DuckDB database file" in line


def test_check_cli_names_a_damaged_store(store, tmp_path):
    data = store.read_bytes()
    damaged = tmp_path / "damaged.duckdb"
    damaged.write_bytes(data[:3 * 4096] + b"\xab" * (len(data) - 4 * 4096) + data[-4096:])
    line = _verdict(_check("--db", str(damaged)))
    assert str(damaged) in line


def test_check_cli_names_a_folder_and_a_duckdb_file_that_holds_no_store(tmp_path):
    assert _verdict(_check("--db", str(tmp_path))) == f"BAD store file: {tmp_path}: a folder, not a store file"
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    assert "not an entente store" in _verdict(_check("--db", str(other)))
    assert "not an entente store" in _verdict(_check("--upgrade", "--db", str(other)))
    con = duckdb.connect(str(other), read_only=True)
    try:  # --upgrade did not turn it into a store
        assert con.execute("SELECT table_name FROM duckdb_tables()").fetchall() == [("t",)]
    finally:
        con.close()


def test_check_cli_upgrade_refuses_a_file_that_is_not_duckdb(tmp_path):
    empty = tmp_path / "empty.duckdb"
    empty.write_bytes(b"")
    _verdict(_check("--upgrade", "--db", str(empty)))
    assert empty.read_bytes() == b""  # not made into a store


def test_check_cli_missing_store_is_still_a_clear_error(tmp_path):
    result = _check("--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 1 and "no such store" in result.output


def test_check_command_names_a_truncated_store_without_a_traceback(store, tmp_path):
    """The installed command, end to end (``python -m entente``)."""
    cut = tmp_path / "cut.duckdb"
    cut.write_bytes(store.read_bytes()[:4096])
    proc = subprocess.run([sys.executable, "-m", "entente", "check", "--db", str(cut)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stdout.startswith("BAD store file: ")
