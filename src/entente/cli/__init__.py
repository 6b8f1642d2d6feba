"""The ``entente`` command line: thin wrappers over the Python API."""

from __future__ import annotations

import click

from entente import __version__
from entente.cli.brief import brief_cli
from entente.cli.check import check_cli
from entente.cli.compare import compare_cli
from entente.cli.correct import correct_cli, corrections_cli
from entente.cli.import_ import import_cli
from entente.cli.dyad import dyad_cli
from entente.cli.export import export_cli
from entente.cli.extract import extract_cli
from entente.cli.ingest import ingest_cli
from entente.cli.lists import deals_cli, events_cli, quotes_cli
from entente.cli.serve import serve_cli
from entente.cli.summary import summary_cli
from entente.log import configure_logging


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="entente")
@click.option("-v", "--verbose", count=True, help="More diagnostics on standard error (-vv: debugging).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on standard error, no warnings.")
@click.option("--debug", is_flag=True, help="Show an error's traceback instead of its one-line message.")
def cli(verbose: int, quiet: bool, debug: bool) -> None:
    """entente: who did what to whom among countries, with evidence."""
    configure_logging(-1 if quiet else verbose)
    _DEBUG[0] = debug


_DEBUG = [False]  # --debug, as the command line gave it


cli.add_command(extract_cli)
cli.add_command(ingest_cli)
cli.add_command(export_cli)
cli.add_command(summary_cli)
cli.add_command(check_cli)
cli.add_command(dyad_cli)
cli.add_command(events_cli)
cli.add_command(deals_cli)
cli.add_command(quotes_cli)
cli.add_command(import_cli)
cli.add_command(correct_cli)
cli.add_command(corrections_cli)
cli.add_command(compare_cli)
cli.add_command(serve_cli)
cli.add_command(brief_cli)


def main() -> None:
    """Console-script entry point: every error ends in one line naming its code, exit 1.

    entente's own errors (an old store: how to upgrade it; a store another process holds after
    waiting ENTENTE_LOCK_WAIT: who holds it) carry their code; a database or file-system error no
    command foresaw becomes E146 or E148 with its message. ``--debug`` shows the traceback instead.
    """
    import duckdb

    from entente.errors import E146_STORE_ERROR, E148_IO_ERROR, EntenteError

    try:
        cli()
    except EntenteError as exc:
        if _DEBUG[0]:
            raise
        message = str(exc)
        click.echo(f"Error: {message if exc.code in message else f'{exc.code} {message}'}", err=True)
        raise SystemExit(1)
    except (duckdb.Error, OSError) as exc:
        if _DEBUG[0]:
            raise
        code = E146_STORE_ERROR if isinstance(exc, duckdb.Error) else E148_IO_ERROR
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        click.echo(f"Error: {code} {first} (entente --debug ... shows where)", err=True)
        raise SystemExit(1)
