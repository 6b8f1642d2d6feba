"""``entente import``: read GDELT, ICEWS, POLECAT and PLOVER files into the store's ``events`` table."""

from __future__ import annotations

import click

from entente.cli.ingest import DB_OPTION

# Malformed lines listed per file on stderr; the full list goes to the store's ``rejects`` table.
SHOWN_PROBLEMS = 20


@click.group("import")
def import_cli() -> None:
    """Import event datasets (plain, .gz or .zip files); re-importing a file adds nothing."""


def _run(dataset: str, files: tuple[str, ...], db: str | None) -> None:
    from entente.store.datasets import import_files
    from entente.store import connect

    con = connect(db)
    try:
        reports = import_files(con, dataset, list(files))
    except (ValueError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        con.close()
    for r in reports:
        click.echo(f"entente: {r.summary()}")
        for w in r.warnings:
            click.echo(f"entente: warning {r.path}: {w}", err=True)
        for line, reason in r.problems[:SHOWN_PROBLEMS]:
            click.echo(f"entente: malformed {r.path}:{line}: {reason}", err=True)
        if len(r.problems) > SHOWN_PROBLEMS:
            click.echo(f"entente: ... {len(r.problems) - SHOWN_PROBLEMS} more malformed lines in {r.path} "
                       "(all in the rejects table)", err=True)
    unusable = [r.path for r in reports if r.read and r.malformed == r.read]
    if unusable:
        raise click.ClickException(f"every row of {', '.join(unusable)} is malformed: not a {dataset} file?"
                                   " (nothing was stored from it)")


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
