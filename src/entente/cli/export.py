"""``entente export``: the store's tables as Parquet or CSV files."""

from __future__ import annotations

from pathlib import Path

import click

from entente.cli.ingest import DB_OPTION


@click.command("export")
@DB_OPTION
@click.option("--as", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet", show_default=True,
              help="File format.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("export"),
              show_default=True, help="Folder to write the tables to.")
def export_cli(db: str | None, fmt: str, output: Path) -> None:
    """Write every table of the store to OUTPUT."""
    from entente.store import connect, export_tables

    con = connect(db, read_only=True)
    try:
        for path in export_tables(con, output, fmt):
            click.echo(str(path))
    finally:
        con.close()
