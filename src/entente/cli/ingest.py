"""``entente ingest``: extract inputs into the DuckDB store (resumable)."""

from __future__ import annotations

import sys

import click

from entente.errors import PipelineError
from entente.ingest import DEFAULT_MAX_BYTES
from entente.records import Reject

DB_OPTION = click.option("--db", envvar="ENTENTE_DB", type=click.Path(dir_okay=False),
                         help="DuckDB store (default: $ENTENTE_DB or ./entente.duckdb).")


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@DB_OPTION
@click.option("--published", help="Publication date for documents that carry none (ISO date).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest single document accepted, in bytes.")
@click.option("--model", envvar="ENTENTE_SPACY_MODEL", help="spaCy pipeline package to load.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal).")
def ingest_cli(inputs: tuple[str, ...], db: str | None, published: str | None, max_bytes: int,
               model: str | None, progress: bool | None) -> None:
    """Extract INPUTS into the store; content already stored is skipped."""
    from entente.pipeline import ingest

    def report(item) -> None:
        click.echo(f"entente: {'skipped' if isinstance(item, Reject) else 'warning'} {item}", err=True)

    try:
        result = ingest(inputs, db, published=published, max_bytes=max_bytes, model=model,
                        progress=sys.stderr.isatty() if progress is None else progress, on_problem=report)
    except PipelineError as exc:
        raise click.ClickException(str(exc)) from exc
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--published") from exc
    click.echo(f"entente: {result.added} documents added, {result.skipped} already stored, "
               f"{len(result.rejected)} inputs rejected; {result.clusters} events after merging reports", err=True)
    if result.added == 0 and result.skipped == 0:
        raise click.ClickException("nothing could be processed (reasons above)")
