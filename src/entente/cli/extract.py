"""``entente extract``: read inputs, extract, write one record per document."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Callable, Iterator

import click

from entente.cli.coder import checked_options, coder_options
from entente.errors import NoInputError, PipelineError
from entente.ingest import DEFAULT_MAX_BYTES, read_inputs
from entente.orchestrator.plan import AUTO_MIN_DOCUMENTS, parse_workers
from entente.records import Document, Notice, Reject

if TYPE_CHECKING:
    from entente.coding.options import CoderOptions


def _workers(ctx: click.Context, param: click.Parameter, value: str) -> str | int:
    try:
        parsed = parse_workers(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    return "auto" if parsed is None else parsed


WORKERS_OPTION = click.option(
    "--workers", default="auto", show_default=True, metavar="auto|N", callback=_workers,
    help="Worker processes that parse and extract batches of documents (the pipeline is loaded once); "
         f"auto: one per core, one process for a small input (under {AUTO_MIN_DOCUMENTS} documents); "
         "1: this process only.")


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True,
              help="Output format: one JSON extraction record per document.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of standard output (written whole at the end).")
@click.option("--published", help="Publication date for documents that carry none (ISO date).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest single document accepted, in bytes.")
@click.option("--model", envvar="ENTENTE_SPACY_MODEL", help="spaCy pipeline package to load.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on stderr (default: when stderr is a terminal or -o is given).")
@WORKERS_OPTION
@coder_options
def extract_cli(inputs: tuple[str, ...], fmt: str, output: Path | None, published: str | None,
                max_bytes: int, model: str | None, progress: bool | None, workers: str | int,
                dictionaries: Path | None, min_confidence: float | None, fast: bool) -> None:
    """Extract countries, actors, places, dates, money, quotes and events from INPUTS (files, folders, JSONL,
    feeds, HTML)."""
    from entente.orchestrator.local import WorkerCrashed

    show = progress if progress is not None else (output is not None or sys.stderr.isatty())
    options = checked_options(dictionaries, min_confidence, fast)
    try:
        counts = run_extract(inputs, output, published=published, max_bytes=max_bytes,
                             model=model, progress=show, options=options, workers=workers)
    except (NoInputError, PipelineError, WorkerCrashed) as exc:
        raise click.ClickException(str(exc)) from exc
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--published") from exc
    click.echo(f"entente: {counts['documents']} documents extracted, {counts['rejected']} inputs "
               f"skipped{f', written to {output}' if output else ''}", err=True)


def run_extract(inputs: tuple[str, ...], output: Path | None, *, published: str | None,
                max_bytes: int, model: str | None, progress: bool,
                options: CoderOptions | None = None, workers: str | int = 1,
                batch_docs: int | None = None) -> dict[str, int]:
    """Run the extraction; report bad inputs on stderr; raise if nothing was usable.

    options (CoderOptions | None): the user's dictionaries and threshold (default: entente's).
    workers ("auto" | int): 1 extracts in this process; more runs a process pool whose workers
        parse and extract batches (of at most ``batch_docs`` documents; default: chosen from the
        input's size) and write their records, which are written out here in input order, the
        same bytes as in one process; "auto" chooses (:func:`entente.orchestrator.plan.workers_for`).
    """
    from entente.coding.options import CoderOptions
    from entente.orchestrator.local import process_pool
    from entente.orchestrator.plan import batch_docs_for, workers_for
    from entente.pipeline import count_documents, progress_bar, tell

    requested = parse_workers(workers)
    options = options or CoderOptions()
    counts = {"documents": 0, "rejected": 0}
    docs = _documents(read_inputs(inputs, published=published, max_bytes=max_bytes), counts)
    first = next(docs, None)
    if first is None:
        raise NoInputError(f"nothing could be processed: {counts['rejected']} of the inputs were "
                           "rejected (reasons above)" if counts["rejected"] else "no documents found in the inputs")
    n = workers_for(requested, list(inputs))
    stream = _chain(first, docs)
    # The pipeline (or the pool, whose workers are forked now, before the bar's thread exists) before
    # the bar: a missing model fails here, with no bar drawn.
    executor = process_pool(n, model, options, preload=True) if n > 1 else None
    nlp = _pipeline(model, options) if executor is None else None
    total = count_documents(list(inputs)) if progress or executor is not None else None
    bar = progress_bar(total if progress else None, progress, "extract")

    def rejected(reject: Reject) -> None:
        counts["rejected"] += 1
        tell(f"entente: skipped {reject}")

    try:
        with _sink(output) as out:
            if executor is None:
                _in_process(stream, nlp, options, out, counts, rejected, bar)
            else:
                _in_pool(stream, executor, n, model, options, out, counts, rejected, bar,
                         batch_docs or batch_docs_for(total, n))
    finally:
        bar.close()
        if executor is not None:  # after an error, the batches still queued are dropped, not waited for
            executor.shutdown(wait=True, cancel_futures=True)
    return counts


def _pipeline(model: str | None, options: CoderOptions):
    """This process's pipeline and coder, loaded now (see :func:`entente.orchestrator.work.warm`)."""
    from entente.nlp.pipeline import shared_pipeline
    from entente.orchestrator.work import warm

    warm(model, options)
    return shared_pipeline(model, options.profile)


def _in_process(stream: Iterator[Document], nlp, options: CoderOptions, out: IO[str], counts: dict[str, int],
                rejected: Callable[[Reject], None], bar) -> None:
    """``--workers 1``: parse and extract here, streaming, one record written per document."""
    from entente.extract import extract_documents
    from entente.orchestrator.work import jsonl_line

    def counted(docs: Iterator[Document]) -> Iterator[Document]:
        for d in docs:
            bar.update(1)
            yield d

    extractions = extract_documents(counted(stream), nlp=nlp, on_reject=rejected,
                                    dictionaries=options.dictionaries, min_confidence=options.min_confidence)
    for extraction in extractions:
        out.write(jsonl_line(extraction))
        counts["documents"] += 1


def _in_pool(stream: Iterator[Document], executor, workers: int, model: str | None, options: CoderOptions,
             out: IO[str], counts: dict[str, int], rejected: Callable[[Reject], None], bar, batch_docs: int) -> None:
    """``--workers N``: batches to the pool, whose workers parse, extract and write the records; they
    are written out here in input order (a batch's rejects reported first, as one process would)."""
    from entente.orchestrator.work import extract_jsonl
    from entente.pipeline import extract_batches

    for batch, result in extract_batches(stream, executor, extract_jsonl, model=model, options=options,
                                         workers=workers, batch_docs=batch_docs):
        for reject in result.rejects:
            rejected(reject)
        out.writelines(result.lines)
        counts["documents"] += len(result.lines)
        bar.update(len(batch))


def _documents(items: Iterator[Document | Reject | Notice], counts: dict[str, int]) -> Iterator[Document]:
    from entente.pipeline import tell

    for item in items:
        if isinstance(item, Document):
            yield item
        elif isinstance(item, Reject):
            counts["rejected"] += 1
            tell(f"entente: skipped {item}")
        else:
            tell(f"entente: warning {item}")


def _chain(first: Document, rest: Iterator[Document]) -> Iterator[Document]:
    yield first
    yield from rest


class _sink:
    """Standard output, or a temporary file renamed over ``path`` on success."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.tmp: str | None = None

    def __enter__(self) -> IO[str]:
        if self.path is None:
            return sys.stdout
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        self.fh = os.fdopen(fd, "w", encoding="utf-8")
        return self.fh

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.tmp is None:
            sys.stdout.flush()
            return
        self.fh.close()
        if exc_type is None:
            assert self.path is not None  # a temporary file is made only for a path
            os.replace(self.tmp, self.path)
        else:
            os.unlink(self.tmp)
