"""``entente brief``: a one-page analyst's note on a pair, as HTML (and PDF)."""

from __future__ import annotations

from pathlib import Path

import click

from entente.cli.dyad import _parse_period, view_options
from entente.cli.ingest import DB_OPTION


@click.command("brief")
@click.argument("a")
@click.argument("b")
@DB_OPTION
@view_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("brief.html"),
              show_default=True, help="HTML file to write.")
@click.option("--pdf", type=click.Path(dir_okay=False, path_type=Path), help="Also print it to this PDF (Chromium).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
              help="The sheet it is laid out for (one page).")
def brief_cli(a: str, b: str, db: str | None, since: str | None, until: str | None, rival: str | None,
              periods: tuple[str, ...], sectors: tuple[str, ...] | None, dataset: str, corrections: bool,
              output: Path, pdf: Path | None, paper: str) -> None:
    """Write a one-page brief on the pair A-B: the dyad view (as `entente dyad` prints it) with chart and map."""
    from entente.cli.dyad import dyad
    from entente.report import print_pdf, render_brief
    from entente.store import default_db_path

    try:
        view = dyad(db or default_db_path(), a, b, since=since, until=until, rival=rival,
                    periods=[_parse_period(p) for p in periods] or None, sectors=sectors, dataset=dataset,
                    corrections=corrections)
    except (FileNotFoundError, LookupError) as exc:
        raise click.ClickException(str(exc)) from exc
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_brief(view, paper), encoding="utf-8")
    click.echo(f"entente: brief written to {output}", err=True)
    if pdf:
        try:
            print_pdf(output, pdf)
        except RuntimeError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"entente: PDF written to {pdf}", err=True)
