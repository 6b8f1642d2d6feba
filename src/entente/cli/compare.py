"""``entente compare``: entente's own events beside an imported dataset's, for one pair and period."""

from __future__ import annotations

import click

from entente.cli.ingest import DB_OPTION
from entente.store.compare import compare


@click.command("compare")
@click.argument("a")
@click.argument("b")
@click.option("--dataset", required=True, help="Imported dataset to set beside entente's events (gdelt2, icews, ...).")
@click.option("--since", help="First date (ISO: YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Last date, included (ISO at any precision).")
@click.option("--window", type=click.IntRange(min=0), default=1, show_default=True,
              help="Days either side within which two events of the same dyad and type match.")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True,
              help="Unmatched events listed per side.")
@DB_OPTION
def compare_cli(a: str, b: str, dataset: str, since: str | None, until: str | None, window: int, limit: int,
                db: str | None) -> None:
    """Entente's events between countries A and B beside DATASET's: counts by type and month, and
    events present in one and not the other (same direction, type, and date window)."""
    from datetime import timedelta

    from entente.analytics.series import bounds, check_pair
    from entente.store import connect, default_db_path
    from entente.store.reads import OWN_DATASET, check_dataset

    try:
        a, b = check_pair(a, b)
        start, end = bounds(since, until)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    path = db or default_db_path()
    con = connect(path, read_only=True)
    try:
        try:
            chosen = check_dataset(con, dataset)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--dataset") from exc
        if chosen in (None, OWN_DATASET):
            raise click.BadParameter("compare sets an imported dataset beside entente's own events; name one",
                                     param_hint="--dataset")
        r = compare(con, a, b, chosen, start, end - timedelta(days=1) if end else None, window)
    finally:
        con.close()
    click.echo(f"{r.a}-{r.b}: entente vs {r.dataset} (window ±{r.window} days)")
    if r.uncoded:
        click.echo(f"entente: {r.uncoded} {r.dataset} rows have no PLOVER type (statements and the like, which"
                   " entente does not code) and are left out", err=True)
    if not r.overlap:
        spans = "; ".join(f"{side} {s or '—'} .. {e or '—'}" for side, (s, e) in r.spans.items())
        click.echo(f"entente: warning: the two sides do not overlap in time ({spans}): no event can match",
                   err=True)
    click.echo(f"{'month':8} {'type':12} {'entente':>8} {r.dataset:>8}")
    for month, type_, n_e, n_d in r.counts:
        click.echo(f"{month:8} {type_:12} {n_e:>8} {n_d:>8}")
    for label, rows in (("only in entente", r.only_entente), (f"only in {r.dataset}", r.only_dataset)):
        click.echo(f"{label}: {len(rows)}")
        for row in rows[:limit]:
            click.echo(f"  {row['day']} {row['source']}->{row['target']} {row['type']} {row['cameo'] or ''} "
                       f"{row['event_id']} {row['url'] or ''}".rstrip())
