"""``entente check``: integrity of a store (counts, foreign keys, evidence offsets, lost rows, codes)."""

from __future__ import annotations

from pathlib import Path

import click

# As ``entente.cli.ingest.DB_OPTION``, but a folder is let through: check says what is wrong with it.
DB_OPTION = click.option("--db", envvar="ENTENTE_DB", type=click.Path(),
                         help="DuckDB store (default: $ENTENTE_DB or ./entente.duckdb).")


@click.command("check")
@DB_OPTION
@click.option("--upgrade", is_flag=True,
              help="Run the store's pending schema migrations first (a store written by an older entente).")
def check_cli(db: str | None, upgrade: bool) -> None:
    """Verify the store: exits 1 when any check fails.

    One line per check (``ok`` or ``BAD`` with the count and an example), then ``check: N of M
    checks passed``. A file that is no readable store (not DuckDB, truncated, corrupt, a folder)
    gets one line, ``BAD store file: <reason>``, and exit 1.
    """
    from entente.store import SCHEMA_VERSION, StoreOutdated, default_db_path
    from entente.store.check import StoreFileError, inspect_store, upgrade_store

    path = Path(db) if db else default_db_path()
    if not path.exists():
        raise click.ClickException(f"{path}: no such store")
    try:
        if upgrade:
            before, now = upgrade_store(path)
            click.echo(f"schema version {before} -> {now}" if before != now
                       else f"schema version {SCHEMA_VERSION}: nothing to upgrade")
        report = inspect_store(path)
    except StoreOutdated as exc:
        raise click.ClickException(str(exc)) from None
    except StoreFileError as exc:
        click.echo(f"BAD store file: {exc}")
        raise SystemExit(1) from None
    click.echo(f"schema version {report.version}")
    for table, n in report.counts.items():
        click.echo(f"{table:<10} {n:>10,} rows")
    for r in report.results:
        click.echo(f"{'ok ' if r.ok else 'BAD'} {r.name}" + ("" if r.ok else f": {r.failures} (e.g. {r.example})"))
    passed = sum(r.ok for r in report.results)
    click.echo(f"check: {passed} of {len(report.results)} checks passed")
    if passed < len(report.results):
        raise SystemExit(1)
