"""``entente summary``: a short report over an extraction JSONL file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import click

from entente.summary import format_summary, summarize


@click.command("summary")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def summary_cli(path: Path) -> None:
    """Summarise an extraction file written by `entente extract`."""
    click.echo(format_summary(summarize(_records(path))))
    click.echo(f"full output: {path}")


def _records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as probe:
        head = probe.read(16)
    if head.startswith(b"DUCK") or head[8:12] == b"DUCK":
        raise click.ClickException(f"{path} is an entente store, not an extraction file; for a store use"
                                   f" `entente check --db {path}` or `entente serve --db {path}`")
    seen = False
    with path.open(encoding="utf-8", errors="strict") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise click.ClickException(f"{path}:{n}: not an extraction record: {exc}") from exc
                if not isinstance(record, dict) or "events" not in record:
                    raise click.ClickException(f"{path}:{n}: not an extraction record (no events field): write"
                                               f" one with `entente extract --format jsonl`")
                seen = True
                yield record
    if not seen:
        raise click.ClickException(f"{path}: no extraction records")
