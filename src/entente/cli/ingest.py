"""``entente ingest``: extract inputs into the DuckDB store (resumable, optionally parallel)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from entente.cli.coder import checked_options, coder_options
from entente.cli.extract import WORKERS_OPTION
from entente.errors import PipelineError
from entente.ingest import DEFAULT_MAX_BYTES
from entente.records import Reject

DB_OPTION = click.option("--db", envvar="ENTENTE_DB", type=click.Path(dir_okay=False),
                         help="DuckDB store (default: $ENTENTE_DB or ./entente.duckdb).")


@click.command("ingest")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=str))
@DB_OPTION
@click.option("--published", help="Publication date for documents that carry none (ISO date).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest single document accepted, in bytes.")
@click.option("--model", envvar="ENTENTE_SPACY_MODEL", help="spaCy pipeline package to load.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal).")
@WORKERS_OPTION
@click.option("--dask", "use_dask", is_flag=True,
              help="Run on Dask: a LocalCluster of --workers workers unless --scheduler is given.")
@click.option("--scheduler", metavar="ADDR", envvar="ENTENTE_DASK_SCHEDULER",
              help="Dask scheduler address (tcp://host:8786); implies --dask.")
@click.option("--parquet", "parquet", type=click.Path(file_okay=False), metavar="DIR",
              help="Write Parquet partitions here (resumable: finished partitions are skipped), then load them.")
@click.option("--partition-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Documents per Parquet partition.")
@click.option("--max-partitions", type=click.IntRange(min=1),
              help="Stop after writing this many new partitions (rerun to continue).")
@click.option("--load/--no-load", default=True, show_default=True,
              help="Load the Parquet partitions into the store at the end.")
@click.option("--load-parquet", type=click.Path(file_okay=False, exists=True), metavar="DIR",
              help="Only load the finished partitions under DIR into the store (no INPUTS).")
@coder_options
def ingest_cli(inputs: tuple[str, ...], db: str | None, published: str | None, max_bytes: int,
               model: str | None, progress: bool | None, workers: str | int, use_dask: bool, scheduler: str | None,
               parquet: str | None, partition_size: int, max_partitions: int | None, load: bool,
               load_parquet: str | None, dictionaries: Path | None, min_confidence: float | None,
               fast: bool) -> None:
    """Extract INPUTS into the store; content already stored is skipped."""
    from entente.orchestrator.local import WorkerCrashed
    from entente.pipeline import ingest, load_parquet as load_folder, tell

    if load_parquet:
        result = load_folder(load_parquet, db)
        click.echo(f"entente: {result.added} documents loaded, {result.skipped} already stored; "
                   f"{result.clusters} events after merging reports", err=True)
        return
    if not inputs:
        raise click.UsageError("give INPUTS to extract (or --load-parquet DIR)")
    options = checked_options(dictionaries, min_confidence, fast)

    def report(item) -> None:
        tell(f"entente: {'skipped' if isinstance(item, Reject) else 'warning'} {item}")

    try:
        result = ingest(inputs, db, published=published, max_bytes=max_bytes, model=model,
                        progress=sys.stderr.isatty() if progress is None else progress, on_problem=report,
                        workers=workers, scheduler=scheduler, dask=use_dask, parquet=parquet,
                        partition_size=partition_size, max_partitions=max_partitions, load=load,
                        dictionaries=options.dictionaries, min_confidence=options.min_confidence)
    except (PipelineError, WorkerCrashed) as exc:
        raise click.ClickException(str(exc)) from exc
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--published") from exc
    if parquet:
        click.echo(f"entente: {result.partitions_written} partitions written, {result.partitions_skipped} "
                   f"already finished, in {parquet}", err=True)
        if not load:
            return
    click.echo(f"entente: {result.added} documents added, {result.skipped} already stored, "
               f"{len(result.rejected)} inputs rejected; {result.clusters} events after merging reports", err=True)
    if result.added == 0 and result.skipped == 0:
        raise click.ClickException("nothing could be processed (reasons above)")
