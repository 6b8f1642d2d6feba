"""``entente check``: integrity of a store (counts, foreign keys, evidence offsets)."""

from __future__ import annotations

from pathlib import Path

import click

from entente.cli.ingest import DB_OPTION


@click.command("check")
@DB_OPTION
@click.option("--upgrade", is_flag=True,
              help="Open the store for writing first, adding and deriving columns newer versions keep.")
def check_cli(db: str | None, upgrade: bool) -> None:
    """Verify the store: exits 1 when any check fails."""
    from entente.store import connect, counts, default_db_path
    from entente.store.check import check_store

    path = Path(db) if db else default_db_path()
    if not path.exists():
        raise click.ClickException(f"{path}: no such store")
    if upgrade:
        connect(path).close()
    con = connect(path, read_only=True)
    try:
        for table, n in counts(con).items():
            click.echo(f"{table:<10} {n:>10,} rows")
        results = check_store(con)
    finally:
        con.close()
    for r in results:
        click.echo(f"{'ok ' if r.ok else 'BAD'} {r.name}" + ("" if r.ok else f": {r.failures} (e.g. {r.example})"))
    if not all(r.ok for r in results):
        raise SystemExit(1)
