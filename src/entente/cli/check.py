"""``entente check``: integrity of a store (counts, foreign keys, evidence offsets)."""

from __future__ import annotations

from pathlib import Path

import click

from entente.cli.ingest import DB_OPTION


@click.command("check")
@DB_OPTION
@click.option("--upgrade", is_flag=True,
              help="Run the store's pending schema migrations first (a store written by an older entente).")
def check_cli(db: str | None, upgrade: bool) -> None:
    """Verify the store: exits 1 when any check fails."""
    from entente.store import (SCHEMA_VERSION, StoreOutdated, connect, counts, default_db_path, file_version,
                               schema_version)
    from entente.store.check import check_store

    path = Path(db) if db else default_db_path()
    if not path.exists():
        raise click.ClickException(f"{path}: no such store")
    if upgrade:
        before = file_version(path)
        try:
            connect(path).close()
        except StoreOutdated as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"schema version {before} -> {SCHEMA_VERSION}" if before != SCHEMA_VERSION
                   else f"schema version {SCHEMA_VERSION}: nothing to upgrade")
    try:
        con = connect(path, read_only=True)
    except StoreOutdated as exc:
        raise click.ClickException(str(exc)) from None
    try:
        click.echo(f"schema version {schema_version(con)}")
        for table, n in counts(con).items():
            click.echo(f"{table:<10} {n:>10,} rows")
        results = check_store(con)
    finally:
        con.close()
    for r in results:
        click.echo(f"{'ok ' if r.ok else 'BAD'} {r.name}" + ("" if r.ok else f": {r.failures} (e.g. {r.example})"))
    if not all(r.ok for r in results):
        raise SystemExit(1)
