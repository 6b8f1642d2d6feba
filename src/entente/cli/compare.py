"""``entente compare``: entente's own events beside an imported dataset's, for one pair and period."""

from __future__ import annotations

import click

from entente.cli.ingest import DB_OPTION
from entente.store.compare import compare


@click.command("compare")
@click.argument("a")
@click.argument("b")
@click.option("--dataset", required=True, help="Imported dataset to set beside entente's events (gdelt2, icews, ...).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="First day (ISO date).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Last day (ISO date).")
@click.option("--window", type=click.IntRange(min=0), default=1, show_default=True,
              help="Days either side within which two events of the same dyad and type match.")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True,
              help="Unmatched events listed per side.")
@DB_OPTION
def compare_cli(a: str, b: str, dataset: str, since, until, window: int, limit: int, db: str | None) -> None:
    """Entente's events between countries A and B beside DATASET's: counts by type and month, and
    events present in one and not the other (same direction, type, and date window)."""
    from entente.store import connect

    con = connect(db, read_only=True)
    try:
        r = compare(con, a.upper(), b.upper(), dataset, since.date() if since else None,
                    until.date() if until else None, window)
    finally:
        con.close()
    click.echo(f"{r.a}-{r.b}: entente vs {r.dataset} (window ±{r.window} days)")
    click.echo(f"{'month':8} {'type':12} {'entente':>8} {r.dataset:>8}")
    for month, type_, n_e, n_d in r.counts:
        click.echo(f"{month:8} {type_:12} {n_e:>8} {n_d:>8}")
    for label, rows in (("only in entente", r.only_entente), (f"only in {r.dataset}", r.only_dataset)):
        click.echo(f"{label}: {len(rows)}")
        for row in rows[:limit]:
            click.echo(f"  {row['day']} {row['source']}->{row['target']} {row['type']} {row['cameo'] or ''} "
                       f"{row['event_id']} {row['url'] or ''}".rstrip())
