"""``entente correct`` and ``entente corrections``: analysts flag miscoded events; nothing is deleted."""

from __future__ import annotations

import getpass
import json

import click

from entente.cli.ingest import DB_OPTION


@click.command("correct")
@click.argument("event_id")
@DB_OPTION
@click.option("--type", "cameo", metavar="CAMEO", help="The right CAMEO code (its PLOVER type and weights follow).")
@click.option("--direction", is_flag=True, help="Source and target are the wrong way round.")
@click.option("--date", help="The right date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--duplicate-of", metavar="EVENT_ID", help="The event this one repeats.")
@click.option("--not-event", is_flag=True, help="Not an event between these countries at all.")
@click.option("--note", help="Why, in a few words.")
@click.option("--by", "who", help="Who makes the correction (default: your login name).")
def correct_cli(event_id: str, db: str | None, cameo: str | None, direction: bool, date: str | None,
                duplicate_of: str | None, not_event: bool, note: str | None, who: str | None) -> None:
    """Flag EVENT_ID as miscoded: exactly one of --type, --direction, --date, --duplicate-of, --not-event.
    Verdicts, series, deals, pages and briefs apply it from then on (and say how many apply)."""
    from entente.store import connect, default_db_path
    from entente.store.corrections import add_correction

    chosen = [kind for kind, given in (("type", cameo), ("direction", direction), ("date", date),
                                       ("duplicate", duplicate_of), ("not_event", not_event)) if given]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of --type, --direction, --date, --duplicate-of, --not-event")
    con = connect(db or default_db_path())
    try:
        made = add_correction(con, event_id, chosen[0], who=who or getpass.getuser(), cameo=cameo, date=date,
                              duplicate_of=duplicate_of, note=note)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        con.close()
    click.echo(f"entente: correction {made['correction_id']} ({made['kind']}) of event {event_id} by {made['who']}",
               err=True)


@click.command("corrections")
@DB_OPTION
@click.option("--event", "event_id", help="Only the corrections of this event.")
@click.option("--withdraw", "withdrawn", metavar="CORRECTION_ID", help="Withdraw a correction (it stays on record).")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines instead of lines of text.")
def corrections_cli(db: str | None, event_id: str | None, withdrawn: str | None, as_json: bool) -> None:
    """The analysts' corrections, oldest first, each with the event as coded."""
    from entente.store import connect, default_db_path
    from entente.store.corrections import list_corrections, withdraw

    con = connect(db or default_db_path(), read_only=withdrawn is None)
    try:
        if withdrawn:
            try:
                withdraw(con, withdrawn)
            except ValueError as exc:
                raise click.ClickException(str(exc)) from None
        found = list_corrections(con, event_id=event_id)
    finally:
        con.close()
    for c in found:
        if as_json:
            click.echo(json.dumps(c, ensure_ascii=False, default=str))
            continue
        change = {"type": f"type {c['coded_cameo']} -> {c['cameo']} ({c['plover']})",
                  "direction": f"direction {c['coded_source']}>{c['coded_target']} ->"
                               f" {c['coded_target']}>{c['coded_source']}",
                  "date": f"date {c['coded_date']} -> {c['date']}",
                  "duplicate": f"duplicate of {c['duplicate_of']}", "not_event": "not an event"}[c["kind"]]
        state = " (withdrawn)" if c["withdrawn"] else ""
        click.echo(f"{c['correction_id']} {c['made_at']} {c['who']}: event {c['event_id']} {change}{state}"
                   + (f" — {c['note']}" if c["note"] else ""))
