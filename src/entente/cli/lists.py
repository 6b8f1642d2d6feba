"""``entente events``, ``entente deals``, ``entente quotes``: the store's rows, filtered, with evidence.

Tables for a terminal (rich), JSON or CSV for machines; every row carries its
evidence sentence and source.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

import click

from entente.cli.dyad import SECTORS_OPTION, sectors_label
from entente.cli.ingest import DB_OPTION

FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                      show_default=True, help="A table for reading, JSON or CSV for machines.")
WRAPPED = frozenset({"evidence", "text", "title"})  # long text columns wrap; the rest stay on one line
SINCE = click.option("--since", help="First date (ISO: YYYY, YYYY-MM or YYYY-MM-DD).")
UNTIL = click.option("--until", help="Last date, included (ISO at any precision).")


def _read(db: str | None, query: Callable[[Any], Any]) -> Any:
    from entente.store import connect, default_db_path

    path = Path(db) if db else default_db_path()
    if not path.is_file():
        raise click.ClickException(f"no store at {path} (run `entente ingest` first, or pass --db)")
    con = connect(path, read_only=True)
    try:
        return query(con)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    finally:
        con.close()


def _emit(rows: list[dict[str, Any]], columns: Sequence[tuple[str, str]], fmt: str, title: str,
          empty: str = "nothing to show") -> None:
    """Print ``rows``: ``columns`` are (key, heading) pairs for the table and CSV. No rows is an error
    (exit 1) saying ``empty``, in every format, as ``entente dyad`` does for a pair with no events."""
    if not rows:
        raise click.ClickException(empty)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow([k for k, _ in columns])
        writer.writerows([[_raw(r.get(k)) for k, _ in columns] for r in rows])
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=False)
    if console.is_terminal and console.width < NARROW:
        click.echo(_records(rows, columns, title, console.width))
        return
    table = Table(title=title, show_lines=False, expand=False)
    for key, heading in columns:
        table.add_column(heading, overflow="fold", no_wrap=key not in WRAPPED, max_width=60 if key in WRAPPED else None)
    for r in rows:
        table.add_row(*[_cell(r.get(k)) for k, _ in columns])
    if not console.is_terminal:  # piped or captured: wide enough that rows stay on one or two lines
        console = Console(soft_wrap=False, width=220)
    console.print(table)


NARROW = 120  # a terminal narrower than this gets one block per row instead of a table


def _records(rows: list[dict[str, Any]], columns: Sequence[tuple[str, str]], title: str, width: int) -> str:
    """Rows as blocks for a narrow terminal: the short fields on one line (dates whole), the long text
    wrapped under them, ids last; nothing cut."""
    import textwrap

    width = max(width, 40)
    out = [title, ""]
    for r in rows:
        short = [(k, h) for k, h in columns if k not in WRAPPED and k not in IDS]
        head = "  ".join(f"{_cell(r.get(k))}" if k in ("date", "direction") else f"{h} {_cell(r.get(k))}"
                         for k, h in short if r.get(k) not in (None, ""))
        out += textwrap.wrap(head, width, subsequent_indent="  ")
        for k, _ in columns:
            if k in WRAPPED and r.get(k):
                out += textwrap.wrap(_cell(r.get(k)), width, initial_indent="  ", subsequent_indent="  ")
        ids = " · ".join(f"{h} {_cell(r.get(k))}" for k, h in columns if k in IDS and r.get(k))
        if ids:
            out += textwrap.wrap(ids, width, initial_indent="  ", subsequent_indent="  ", break_long_words=False)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


IDS = frozenset({"doc_id", "event_id"})


def _raw(value: Any) -> Any:
    """A CSV cell: numbers as they are (500000000.0, not "500,000,000"), lists space-separated."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(map(str, value))
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"
    return " ".join(str(value).split())


def _codes(value: str | None, name: str) -> str | None:
    return None if value is None else _code(value, name)


def _code(value: str, name: str) -> str:
    """A country as the store codes it (:func:`entente.analytics.series.country_code`), or a usage error."""
    from entente.analytics.series import country_code

    try:
        return country_code(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=name) from None


@click.command("events")
@DB_OPTION
@click.option("--country", help="Events with this country on either side (ISO3).")
@click.option("--pair", nargs=2, metavar="A B", help="Events between two countries, either direction.")
@click.option("--type", "plover", help="PLOVER type (e.g. AID, ACCUSE).")
@click.option("--root", help="CAMEO root, two digits (e.g. 07).")
@SINCE
@UNTIL
@click.option("--search", "q", help="Words in an evidence sentence.")
@click.option("--dataset", help="Only rows of one dataset (entente, gdelt2, icews, ...).")
@SECTORS_OPTION
@click.option("--all-reports", is_flag=True, help="List every report, not one row per merged event.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@FORMAT
def events_cli(db: str | None, country: str | None, pair: tuple[str, str] | None, plover: str | None,
               root: str | None, since: str | None, until: str | None, q: str | None, dataset: str | None,
               sectors: tuple[str, ...] | None, all_reports: bool, limit: int, offset: int, fmt: str) -> None:
    """Events in the store, newest first, filtered by country, pair, type, dates and text."""
    from entente.analytics.series import bounds
    from entente.store.search import EventFilter, search_events

    a, b = (_codes(pair[0], "--pair"), _codes(pair[1], "--pair")) if pair else (None, None)
    if plover:
        from entente.coding.ontology import plover_types

        if plover.upper() not in plover_types():
            raise click.BadParameter(f"{plover!r} is not a PLOVER type; one of {', '.join(plover_types())}",
                                     param_hint="--type")
    if root and not (root.isdigit() and len(root) == 2):
        raise click.BadParameter(f"{root!r}: a CAMEO root is two digits", param_hint="--root")
    try:
        bounds(since, until)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    f = EventFilter(country=_codes(country, "--country"), a=a, b=b, plover=plover.upper() if plover else None,
                    root=root, since=since, until=until, q=q, dataset=dataset, limit=limit, offset=offset,
                    one_per_event=not all_reports, sectors=sectors)
    found = _read(db, lambda con: search_events(con, f))
    rows = [{**e, "direction": f"{e['source']}>{e['target']}"} for e in found["events"]]
    shown = f"{offset + 1}–{offset + len(rows)}" if rows else "none"
    _emit(rows, [("date", "date"), ("direction", "who > whom"), ("cameo", "CAMEO"), ("plover", "PLOVER"),
                 ("goldstein", "Goldstein"), ("amount_usd", "USD"), ("reports", "reports"),
                 ("evidence", "evidence"), ("doc_id", "document"), ("event_id", "event")],
          fmt, f"events {shown} of {found['total']}{sectors_label(sectors)}",
          empty=f"no events match these filters (of {found['total']} that match, the page starts at {offset + 1})"
          if found["total"] else "no events match these filters")


@click.command("deals")
@click.argument("a")
@click.argument("b")
@DB_OPTION
@SINCE
@UNTIL
@SECTORS_OPTION
@FORMAT
def deals_cli(a: str, b: str, db: str | None, since: str | None, until: str | None,
              sectors: tuple[str, ...] | None, fmt: str) -> None:
    """The A–B deals ledger: every event with an amount, its status and evidence, oldest first."""
    a, b = _code(a, "A"), _code(b, "B")
    from entente.analytics import deals_ledger

    rows = _read(db, lambda con: deals_ledger(con, a, b, since=since, until=until, sectors=sectors))
    _emit(rows, [("date", "date"), ("direction", "who > whom"), ("plover", "PLOVER"), ("amount_usd", "USD"),
                 ("status", "status"), ("evidence", "evidence"), ("title", "source"), ("event_id", "event")],
          fmt, f"{a.upper()}–{b.upper()} deals ({len(rows)}){sectors_label(sectors)}",
          empty=f"no {a}–{b} events with an amount{sectors_label(sectors)} in the window")


@click.command("quotes")
@click.argument("a")
@click.argument("b")
@DB_OPTION
@SINCE
@UNTIL
@click.option("--stance", type=click.Choice(["cooperative", "conflictual", "neutral"]), help="Only this stance.")
@FORMAT
def quotes_cli(a: str, b: str, db: str | None, since: str | None, until: str | None, stance: str | None,
               fmt: str) -> None:
    """Who said what about whom: quotes by a speaker of A about B (and B about A), with stance."""
    a, b = _code(a, "A"), _code(b, "B")
    from entente.analytics import quotes_about

    rows = _read(db, lambda con: quotes_about(con, a, b, since=since, until=until))
    rows = [q for q in rows if stance is None or q["stance"] == stance]
    _emit(rows, [("date", "date"), ("speaker", "speaker"), ("speaker_country", "of"), ("about", "about"),
                 ("stance", "stance"), ("text", "text"), ("title", "source")],
          fmt, f"{a.upper()}–{b.upper()} quotes ({len(rows)})",
          empty=f"no{' ' + stance if stance else ''} quotes by {a} about {b} or by {b} about {a} in the window")
