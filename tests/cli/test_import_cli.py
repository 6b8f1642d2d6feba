"""``entente import`` / ``export --as`` / ``compare`` through click, and ``dyad`` on an imported GDELT file."""

from __future__ import annotations

import json

from click.testing import CliRunner

from entente.cli.compare import compare_cli
from entente.cli.export import export_cli
from entente.cli.import_ import import_cli
from entente.store import connect
from tests.store.datasets._fixtures import gdelt2_row, sample


def _invoke(command, *args):
    return CliRunner().invoke(command, [str(a) for a in args], catch_exceptions=False)


def test_import_cli_gdelt_zip_and_mentions_reports_counts(tmp_path):
    db = tmp_path / "s.duckdb"
    result = _invoke(import_cli, "gdelt", sample("gdelt2", "20260618133000.translation.export.CSV.zip"),
                     sample("gdelt2", "20260618133000.translation.mentions.CSV.zip"), "--db", db)
    assert result.exit_code == 0, result.output
    assert "read 1037, stored 173, already stored 0, malformed 0, not dyadic 864" in result.output
    assert "mentions]: read 2073" in result.output


def test_import_cli_reports_malformed_lines_and_keeps_going(tmp_path):
    path = tmp_path / "x.export.CSV"
    path.write_text(gdelt2_row(1, "USA", "PAK") + "\nbroken\tline\n" + gdelt2_row(2, "PAK", "USA") + "\n")
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(import_cli, ["gdelt", str(path), "--db", str(db)])
    assert result.exit_code == 0
    assert "stored 2" in result.output and "malformed 1" in result.output
    assert f"malformed {path}:2:" in result.output


def test_import_cli_unknown_layout_is_a_clean_error(tmp_path):
    path = tmp_path / "x.tab"
    path.write_text("a\tb\n")
    result = CliRunner().invoke(import_cli, ["icews", str(path), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1 and "not an ICEWS file" in result.output


def test_import_cli_then_dyad_usa_pak(tmp_path):
    from entente.cli.dyad import dyad_cli

    db = tmp_path / "s.duckdb"
    _invoke(import_cli, "gdelt", sample("gdelt2", "20260618133000.translation.export.CSV"), "--db", db)
    own = CliRunner().invoke(dyad_cli, ["USA", "PAK", "--db", str(db)])
    assert own.exit_code == 1 and "in dataset entente (the store also holds gdelt" in own.output
    result = CliRunner().invoke(dyad_cli, ["USA", "PAK", "--db", str(db), "--dataset", "all"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("USA–PAK") and "dataset: all" in result.output


def test_export_cli_gdelt_plover_parquet(tmp_path):
    db = tmp_path / "s.duckdb"
    path = tmp_path / "x.export.CSV"
    path.write_text(gdelt2_row(1, "USA", "PAK") + "\n" + gdelt2_row(2, "PAK", "USA", day="20240210") + "\n")
    _invoke(import_cli, "gdelt", path, "--db", db)
    out = tmp_path / "out"
    assert _invoke(export_cli, "--as", "gdelt", "-o", out, "--db", db).exit_code == 0
    lines = (out / "events.export.CSV").read_text().splitlines()
    assert len(lines) == 2 and all(line.count("\t") == 60 for line in lines)
    assert _invoke(export_cli, "--as", "plover", "-o", out, "--db", db).exit_code == 0
    assert json.loads((out / "events.plover.jsonl").read_text().splitlines()[0])["event"] == ["CONSULT"]
    assert _invoke(export_cli, "--as", "parquet", "-o", out / "pq", "--db", db).exit_code == 0
    assert sorted(p.name for p in (out / "pq" / "events").iterdir()) == ["month=2024-01", "month=2024-02"]
    assert _invoke(export_cli, "--as", "csv", "-o", out / "csv", "--db", db).exit_code == 0
    assert (out / "csv" / "events.csv").exists()


def test_compare_cli_side_by_side(tmp_path):
    db = tmp_path / "s.duckdb"
    path = tmp_path / "x.export.CSV"
    path.write_text("\n".join([gdelt2_row(1, "USA", "PAK", day="20240105"),
                               gdelt2_row(2, "USA", "PAK", code="190", quad="4", goldstein="-10",
                                          day="20240120")]) + "\n")
    _invoke(import_cli, "gdelt", path, "--db", db)
    con = connect(db)
    con.execute("""INSERT INTO events (event_id, dataset, source, target, cameo, root, plover, goldstein, quad_class,
        date, day) VALUES ('e1', 'entente', 'USA', 'PAK', '040', '04', 'CONSULT', 1.0, 1, '2024-01-06', '2024-01-06'),
        ('e2', 'entente', 'PAK', 'USA', '112', '11', 'ACCUSE', -2.0, 3, '2024-01-07', '2024-01-07')""")
    con.close()
    result = _invoke(compare_cli, "USA", "PAK", "--dataset", "gdelt2", "--db", db, "--since", "2024-01-01")
    assert result.exit_code == 0
    out = result.output
    assert "2024-01  CONSULT             1        1" in out
    assert "only in entente: 1" in out and "PAK->USA ACCUSE" in out
    assert "only in gdelt2: 1" in out and "USA->PAK ASSAULT" in out


def test_compare_cli_takes_years_checks_the_dataset_and_says_what_it_leaves_out(tmp_path):
    db = tmp_path / "s.duckdb"
    path = tmp_path / "x.export.CSV"
    path.write_text("\n".join([gdelt2_row(1, "USA", "PAK", day="20240105"),
                               gdelt2_row(2, "USA", "PAK", code="010", quad="1", goldstein="0", day="20240106")])
                    + "\n")
    _invoke(import_cli, "gdelt", path, "--db", db)
    con = connect(db)
    con.execute("""INSERT INTO events (event_id, dataset, source, target, cameo, root, plover, goldstein, quad_class,
        date, day) VALUES ('e1', 'entente', 'USA', 'PAK', '040', '04', 'CONSULT', 1.0, 1, '2019-03-06',
        '2019-03-06')""")
    con.close()
    typo = _invoke(compare_cli, "USA", "PAK", "--dataset", "gdlet2", "--db", db)
    assert typo.exit_code == 2 and "no dataset 'gdlet2'" in typo.output and "gdelt2 (" in typo.output
    own = _invoke(compare_cli, "USA", "PAK", "--dataset", "entente", "--db", db)
    assert own.exit_code == 2 and "imported dataset" in own.output
    result = CliRunner().invoke(compare_cli, ["US", "Pakistan", "--dataset", "gdelt2", "--db", str(db),
                                              "--since", "2019", "--until", "2024"])
    assert result.exit_code == 0, result.output
    assert "1 gdelt2 rows have no PLOVER type" in result.output  # the statement (root 01) is left out
    assert "do not overlap in time" in result.output
    assert "only in entente: 1" in result.output and "only in gdelt2: 1" in result.output


def test_import_cli_damaged_archives_are_coded_errors_no_traceback(tmp_path):
    import gzip
    import os
    import zipfile

    good = tmp_path / "good.export.CSV"
    good.write_text(gdelt2_row(1, "USA", "PAK") + "\n")
    noise = tmp_path / "noise.export.CSV.gz"
    noise.write_bytes(os.urandom(2000))
    packed = gzip.compress("".join(gdelt2_row(i, "USA", "PAK") + "\n" for i in range(2, 2000)).encode())
    cut = tmp_path / "cut.export.CSV.gz"
    cut.write_bytes(packed[: len(packed) // 2])
    zp = tmp_path / "cut.zip"
    with zipfile.ZipFile(zp, "w") as zf:
        zf.writestr("a.export.CSV", "x\n" * 1000)
    zp.write_bytes(zp.read_bytes()[:-40])
    for dataset in ("gdelt", "plover", "icews", "polecat"):
        db = tmp_path / f"{dataset}.duckdb"
        result = CliRunner().invoke(import_cli, [dataset, str(noise), str(cut), str(zp), str(good), "--db", str(db)])
        assert result.exit_code == 1, result.output
        assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
        assert "Aborted" not in result.output
        assert f"E142 {noise}: archive is corrupt or truncated" in result.output
        if dataset in ("gdelt", "plover"):  # (ICEWS and POLECAT refuse the GDELT header first: E144)
            assert f"E142 {cut}: archive is corrupt or truncated" in result.output
            assert "noticed after line" in result.output
        assert f"E142 {zp}: archive is corrupt or truncated" in result.output
        assert f"{good} [" in result.output  # the good file was still read
    con = connect(tmp_path / "gdelt.duckdb")
    assert con.execute("SELECT list(event_id) FROM events").fetchall()[0][0] == ["gdelt2:1"]  # nothing from cut


def test_import_cli_archive_beyond_the_limit_names_the_setting(tmp_path, monkeypatch):
    import gzip

    from entente.settings import reload_settings

    monkeypatch.setenv("ENTENTE_IMPORT_MAX_BYTES", "100K")
    reload_settings()
    bomb = tmp_path / "bomb.export.CSV.gz"
    bomb.write_bytes(gzip.compress(b"0" * 5_000_000))
    result = CliRunner().invoke(import_cli, ["gdelt", str(bomb), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert f"E143 {bomb}: archive expands beyond the limit of 100.0 KiB" in result.output
    assert "ENTENTE_IMPORT_MAX_BYTES=" in result.output


def test_import_cli_random_bytes_plain_file_is_a_clean_error(tmp_path):
    import os

    noise = tmp_path / "noise.bin"
    noise.write_bytes(os.urandom(5000) + b"\x00" * 100)
    for dataset in ("gdelt", "plover", "icews", "polecat"):
        result = CliRunner().invoke(import_cli, [dataset, str(noise), "--db", str(tmp_path / f"{dataset}.duckdb")])
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), (dataset, result.output)
        assert ("every row of" in result.output or "E144" in result.output) and "Traceback" not in result.output
