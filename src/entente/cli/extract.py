"""``entente extract``: read inputs, extract, write one record per document."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterator

import click

from entente.cli.coder import checked_options, coder_options
from entente.errors import NoInputError, PipelineError
from entente.ingest import DEFAULT_MAX_BYTES, read_inputs
from entente.records import Document, Notice, Reject

if TYPE_CHECKING:
    from entente.coding.options import CoderOptions


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
@coder_options
def extract_cli(inputs: tuple[str, ...], fmt: str, output: Path | None, published: str | None,
                max_bytes: int, model: str | None, progress: bool | None, dictionaries: Path | None,
                min_confidence: float | None) -> None:
    """Extract countries, actors, places, dates, money, quotes and events from INPUTS (files, folders, JSONL,
    feeds, HTML)."""
    show = progress if progress is not None else (output is not None or sys.stderr.isatty())
    options = checked_options(dictionaries, min_confidence)
    try:
        counts = run_extract(inputs, output, published=published, max_bytes=max_bytes,
                             model=model, progress=show, options=options)
    except (NoInputError, PipelineError) as exc:
        raise click.ClickException(str(exc)) from exc
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--published") from exc
    click.echo(f"entente: {counts['documents']} documents extracted, {counts['rejected']} inputs "
               f"skipped{f', written to {output}' if output else ''}", err=True)


def run_extract(inputs: tuple[str, ...], output: Path | None, *, published: str | None,
                max_bytes: int, model: str | None, progress: bool,
                options: CoderOptions | None = None) -> dict[str, int]:
    """Run the extraction; report bad inputs on stderr; raise if nothing was usable.

    options (CoderOptions | None): the user's dictionaries and threshold (default: entente's).
    """
    from entente.coding.options import CoderOptions
    from entente.extract import extract_documents
    from entente.nlp.pipeline import load_pipeline

    counts = {"documents": 0, "rejected": 0}
    docs = _documents(read_inputs(inputs, published=published, max_bytes=max_bytes), counts)
    first = next(docs, None)
    if first is None:
        raise NoInputError(f"nothing could be processed: {counts['rejected']} of the inputs were "
                           "rejected (reasons above)" if counts["rejected"] else "no documents found in the inputs")
    nlp = load_pipeline(model)
    stream = _chain(first, docs)
    from entente.pipeline import count_documents, progress_bar, tell

    bar = progress_bar(count_documents(list(inputs)) if progress else None, progress, "extract")
    with _sink(output) as out:
        def rejected(reject: Reject) -> None:
            counts["rejected"] += 1
            tell(f"entente: skipped {reject}")

        options = options or CoderOptions()
        def counted(docs: Iterator[Document]) -> Iterator[Document]:
            for d in docs:
                bar.update(1)
                yield d

        extractions = extract_documents(counted(stream), nlp=nlp, on_reject=rejected,
                                        dictionaries=options.dictionaries, min_confidence=options.min_confidence)
        for extraction in extractions:
            out.write(json.dumps(extraction.to_record(), ensure_ascii=False) + "\n")
            counts["documents"] += 1
    bar.close()
    return counts


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
