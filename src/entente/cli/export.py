"""``entente export``: the store as Parquet (events by month), CSV, a GDELT 2.0 export or PLOVER JSONL."""

from __future__ import annotations

from pathlib import Path

import click

from entente.cli.ingest import DB_OPTION


@click.command("export")
@DB_OPTION
@click.option("--as", "fmt", type=click.Choice(["parquet", "csv", "gdelt", "plover", "corrections"]),
              default="parquet", show_default=True,
              help="parquet/csv: every table (Parquet events partitioned by month); gdelt: events as a GDELT 2.0"
                   " export; plover: events as PLOVER JSONL; corrections: the analysts' corrections with the"
                   " events as coded and their evidence (JSONL, for reuse as training or gold data).")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("export"),
              show_default=True, help="Folder to write to.")
@click.option("--dataset", "datasets", multiple=True,
              help="Only events of this dataset (entente, gdelt2, icews, ...); repeatable. Default: all.")
def export_cli(db: str | None, fmt: str, output: Path, datasets: tuple[str, ...]) -> None:
    """Write the store (or its events, for gdelt/plover) to OUTPUT."""
    from entente.store.datasets import writers
    from entente.store import connect, export_tables

    con = connect(db, read_only=True)
    try:
        if fmt == "csv":
            paths = export_tables(con, output, fmt)
        elif fmt == "parquet":
            paths = writers.write_parquet(con, output, datasets)
        elif fmt == "gdelt":
            path = output / "events.export.CSV"
            click.echo(f"entente: {writers.write_gdelt(con, path, datasets)} events", err=True)
            paths = [path]
        elif fmt == "corrections":
            from entente.store.corrections import export_corrections

            output.mkdir(parents=True, exist_ok=True)
            path = output / "corrections.jsonl"
            click.echo(f"entente: {export_corrections(con, path)} corrections", err=True)
            paths = [path]
        else:
            path = output / "events.plover.jsonl"
            click.echo(f"entente: {writers.write_plover(con, path, datasets)} events "
                       "(events PLOVER does not code are left out)", err=True)
            paths = [path]
        for path in paths:
            click.echo(str(path))
    finally:
        con.close()
