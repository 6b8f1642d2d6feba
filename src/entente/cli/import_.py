"""``entente import``: read GDELT, ICEWS, POLECAT and PLOVER files into the store's ``events`` table."""

from __future__ import annotations

import logging

import click
import duckdb

from entente.cli.ingest import DB_OPTION
from entente.errors import E145_IMPORT_FAILED, EntenteError

logger = logging.getLogger(__name__)

# Malformed lines listed per file on stderr; the full list goes to the store's ``rejects`` table.
SHOWN_PROBLEMS = 20


@click.group("import")
def import_cli() -> None:
    """Import event datasets (plain, .gz or .zip files); re-importing a file adds nothing.

    A file that cannot be imported (a corrupt, truncated or oversized archive, a file of another
    dataset) stores nothing; the other files carry on and the command ends with exit status 1.
    """


def _run(dataset: str, files: tuple[str, ...], db: str | None) -> None:
    from entente.store import connect
    from entente.store.datasets import import_files

    try:
        con = connect(db)
    except duckdb.Error as exc:  # a lock another process holds is StoreBusy (E133), handled by the entry point
        raise click.ClickException(f"{E145_IMPORT_FAILED} cannot open the store: {_first_line(exc)}") from exc
    try:
        reports = import_files(con, dataset, list(files))
    except EntenteError as exc:
        raise click.ClickException(f"{exc.code} {exc}") from exc
    except (duckdb.Error, OSError) as exc:  # not about one file (the store, the crosswalks): nothing to go on with
        logger.debug("import failed", exc_info=True)
        raise click.ClickException(f"{E145_IMPORT_FAILED} import failed: {_first_line(exc)}") from exc
    finally:
        con.close()
    for r in reports:
        click.echo(f"entente: {r.summary()}")
        if r.error is not None:
            logger.debug("%s not imported", r.path, exc_info=r.error)
        for w in r.warnings:
            click.echo(f"entente: warning {r.path}: {w}", err=True)
        for line, reason in r.problems[:SHOWN_PROBLEMS]:
            click.echo(f"entente: malformed {r.path}:{line}: {reason}", err=True)
        if len(r.problems) > SHOWN_PROBLEMS:
            click.echo(f"entente: ... {len(r.problems) - SHOWN_PROBLEMS} more malformed lines in {r.path} "
                       "(all in the rejects table)", err=True)
    failed = [f"{r.error.code} {r.error}" for r in reports if r.error is not None]
    unusable = [r.path for r in reports if r.read and r.malformed == r.read]
    if unusable:
        failed.append(f"every row of {', '.join(unusable)} is malformed: not a {dataset} file?"
                      " (nothing was stored from it)")
    if failed:
        raise click.ClickException("\n".join(failed))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _command(dataset: str, help_text: str) -> click.Command:
    @click.command(dataset, help=help_text)
    @click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
    @DB_OPTION
    def command(files: tuple[str, ...], db: str | None) -> None:
        _run(dataset, files, db)

    return command


import_cli.add_command(_command("gdelt", "GDELT 1.0 (57/58 columns) and 2.0 event exports (61) and 2.0 Mentions "
                                         "(16; joined by event id for report counts and URLs)."))
import_cli.add_command(_command("icews", "ICEWS TSV files with header (country names, NA, both date formats)."))
import_cli.add_command(_command("polecat", "POLECAT TSV files (header aliases, trailing tabs, extra columns)."))
import_cli.add_command(_command("plover", "PLOVER JSON Lines or JSON array files."))
