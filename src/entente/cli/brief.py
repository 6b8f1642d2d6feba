"""``entente brief``: a one-page analyst's note on a pair, as HTML (and PDF)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("brief")
@click.argument("a")
@click.argument("b")
@click.option("--db", envvar="ENTENTE_DB", type=click.Path(dir_okay=False, exists=True),
              help="DuckDB store (default: $ENTENTE_DB or ./entente.duckdb).")
@click.option("--since", help="From this ISO date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Until this ISO date.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("brief.html"),
              show_default=True, help="HTML file to write.")
@click.option("--pdf", type=click.Path(dir_okay=False, path_type=Path), help="Also print it to this PDF (Chromium).")
def brief_cli(a: str, b: str, db: str | None, since: str | None, until: str | None, output: Path,
              pdf: Path | None) -> None:
    """Write a one-page brief on the pair A-B: verdict, measures, chart, map, deals and quotes."""
    from entente.report import print_pdf, render_brief
    from entente.store import connect, default_db_path
    from entente.web.params import ISO
    import re

    for name, value in (("--since", since), ("--until", until)):
        if value and not re.match(ISO, value):
            raise click.BadParameter(f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)", param_hint=name)
    a, b = a.upper(), b.upper()
    if a == b:
        raise click.BadParameter("a brief needs two different countries")
    path = db or str(default_db_path())
    if not Path(path).exists():
        raise click.ClickException(f"no store at {path}; run `entente ingest` first")
    con = connect(path, read_only=True)
    try:
        html = render_brief(con, a, b, since=since, until=until)
    finally:
        con.close()
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(html, encoding="utf-8")
    click.echo(f"entente: brief written to {output}", err=True)
    if pdf:
        try:
            print_pdf(output, pdf)
        except RuntimeError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"entente: PDF written to {pdf}", err=True)
