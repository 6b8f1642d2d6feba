"""``entente dyad A B``: the verdict on a relationship, its measures, series, deals and quotes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

import click

from entente.cli.ingest import DB_OPTION

SNIPPET = 110  # characters of evidence shown per line


def _parse_sectors(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    from entente.analytics.series import check_sectors

    try:
        return check_sectors(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


SECTORS_OPTION = click.option(
    "--sectors", callback=_parse_sectors, metavar="CODES",
    help="Only events whose source and target both have one of these sectors: comma-separated CAMEO/PLOVER"
         " codes (e.g. GOV,MIL). Default: country to country, every event.")


def sectors_label(sectors: Sequence[str] | None) -> str:
    """How a listing names its sector restriction: ``", sectors GOV, MIL"``, or nothing."""
    return f", sectors {', '.join(sectors)}" if sectors else ""


def dyad(db: str | Path, a: str, b: str, *, since: str | None = None, until: str | None = None,
         granularity: str = "year", rival: str | None = None,
         periods: Sequence[tuple[str | None, str | None]] | None = None,
         sectors: Sequence[str] | None = None, dataset: str | None = None,
         corrections: bool = True) -> dict[str, Any]:
    """The dyad view (:func:`entente.analytics.view.dyad_view`) as JSON-ready data.

    Raises ``FileNotFoundError`` without a store, ``LookupError`` on an empty pair and ``ValueError`` on a
    bad argument. ``sectors``: only events between those sectors on both sides (quotes are not events: all
    are kept); ``dataset``: entente's own events by default, an imported dataset's name, or "all".
    """
    from entente.analytics.view import DyadQuery, dyad_view
    from entente.store import connect

    path = Path(db)
    if not path.is_file():
        raise FileNotFoundError(f"no store at {path} (run `entente ingest` first, or pass --db)")
    query = DyadQuery(a=a, b=b, since=since, until=until, granularity=granularity, rival=rival,
                      periods=tuple(periods) if periods else None, sectors=tuple(sectors) if sectors else None,
                      dataset=dataset or "entente", corrections=corrections)
    con = connect(path, read_only=True)
    try:
        return dyad_view(con, query).to_dict()
    finally:
        con.close()


def _num(x: float | None, signed: bool = False) -> str:
    if x is None:
        return "—"
    return f"{x:+.2f}" if signed else f"{x:.2f}"


def _snip(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SNIPPET else text[:SNIPPET - 1] + "…"


def _source(item: dict[str, Any]) -> str:
    where = item.get("title") or item.get("doc_id") or "?"
    return f"{where} <{item['url']}>" if item.get("url") else where


def _usd(x: float) -> str:
    for scale, unit in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(x) >= scale:
            return f"${x / scale:.1f}{unit}"
    return f"${x:,.0f}"


def _measure_lines(v: dict[str, Any]) -> list[str]:
    periods = v["periods"]
    heads = [f"{p['since'] or '…'}..{p['until'] or '…'}" for p in periods]
    lines = [f"  {'measure':<17}{'whole':>8}" + "".join(f"{h:>23}" for h in heads)
             + (f"{'change':>7}" if v["change"] else "")]
    for name, m in v["measures"].items():
        row = f"  {name:<17}{_num(m['value']):>8}" + "".join(f"{_num(p['measures'][name]['value']):>23}"
                                                            for p in periods)
        if v["change"]:
            row += f"{_num(v['change'].get(name), signed=True):>7}"
        lines.append(row)
    lines.append(f"  {'events':<17}{v['events']:>8}" + "".join(f"{p['events']:>23}" for p in periods))
    lines.append(f"  {'verdict':<17}{'':>8}" + "".join(f"{p['verdict']:>23}" for p in periods))
    return lines


def _series_lines(series: list[dict[str, Any]], a: str, b: str) -> list[str]:
    dirs = (f"{a}>{b}", f"{b}>{a}", f"{a}<>{b}")
    lines = [f"  {'period':<11}" + "".join(f"{d + ' ev/gold/net':>22}" for d in dirs)]
    by_period: dict[str, dict[str, dict[str, Any]]] = {}
    for r in series:
        by_period.setdefault(r["period"], {})[r["direction"]] = r
    for period, rows in by_period.items():
        cells = [rows.get(d) for d in dirs]
        lines.append(f"  {period:<11}" + "".join(f"{_cell(c):>22}" for c in cells))
    return lines


def _cell(row: dict[str, Any] | None) -> str:
    if not row:
        return ""
    return f"{row['events']} / {_num(row['mean_goldstein'])} / {_num(row['net_cooperation'], signed=True)}"


def _corrections(report: dict[str, Any]) -> str:
    """What the view says about analysts' corrections."""
    if not report["query"].get("corrections", True):
        return "events as coded (corrections not applied)"
    n = report.get("corrections", 0)
    return f"{n} analyst correction{'' if n == 1 else 's'} applied"


def _wrapped(lines: list[str], width: int) -> list[str]:
    """Each ``"  text"`` line wrapped to ``width`` (continuations indented further); nothing cut."""
    import textwrap

    out: list[str] = []
    for line in lines:
        out += textwrap.wrap(line, width, initial_indent="", subsequent_indent="      ",
                             break_long_words=False, drop_whitespace=True) or [line]
    return out


def format_dyad(report: dict[str, Any], width: int | None = None) -> str:
    """The terminal rendering of :func:`dyad`'s result; evidence lines wrap at ``width`` (default: the
    terminal's, at least 60)."""
    import shutil

    width = max(width or shutil.get_terminal_size((100, 24)).columns, 60)
    v = report["verdict"]
    a, b = v["pair"]
    hedge = v["measures"]["hedging"]
    sectors = v.get("sectors")
    out = [f"{a}–{b}{sectors_label(sectors)}: {v['verdict'].upper()}"]
    out += _wrapped([f"  {v['reason']}",
                     f"  {v['events']} events, {v['reports']} reports, {v['since']} .. {v['until']};"
                     f" rival for hedging: {hedge.get('rival') or 'none'}; dataset: {report['dataset']};"
                     f" {_corrections(report)}"], width)
    if sectors:
        out.append(f"  only events between {', '.join(sectors)} actors on both sides (measures, series and deals;"
                   " quotes are all speakers')")
    out += ["", "measures"]
    out += _measure_lines(v)
    out += ["", "weightiest events (|Goldstein| × reports)"]
    out += _wrapped([f"  {e['date']} {e['direction']} {e['cameo']} {e['plover'] or ''}"
                     f" {_num(e['goldstein'], True)} ×{e['reports']}  \"{_snip(e['evidence'])}\" — {_source(e)}"
                     for e in v["top_events"]], width)
    out += ["", "series (events / mean Goldstein / net cooperation)"] + _series_lines(report["series"], a, b)
    out += ["", f"deals ({len(report['deals'])})"]
    out += _wrapped([f"  {d['date']} {d['direction']} {d['plover'] or d['cameo']} {_usd(d['amount_usd'])}"
                     f" {d['status']}  \"{_snip(d['evidence'])}\" — {_source(d)}" for d in report["deals"]],
                    width) or ["  none"]
    out += ["", f"quotes ({len(report['quotes'])})"]
    out += _wrapped([f"  {q['date']} {q['speaker'] or '?'} ({q['speaker_country']}) on {q['about']},"
                     f" {q['stance']}: \"{_snip(q['text'])}\" — {_source(q)}" for q in report["quotes"]],
                    width) or ["  none"]
    return "\n".join(out)


def _parse_period(value: str) -> tuple[str | None, str | None]:
    since, sep, until = value.partition(":")
    if not sep:
        raise click.BadParameter(f"{value!r}: expected SINCE:UNTIL, e.g. 2017:2019", param_hint="--period")
    return since or None, until or None


def view_options(command):
    """The options that choose a dyad view, shared by ``entente dyad`` and ``entente brief``."""
    for option in reversed((
        click.option("--since", help="First date (ISO: YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", help="Last date, included (ISO at any precision)."),
        click.option("--rival", help="Third country for the hedging measure (default: B's main adversary)."),
        click.option("--period", "periods", multiple=True, metavar="SINCE:UNTIL",
                     help="A period to compare (repeat); default: two halves of the history."),
        SECTORS_OPTION,
        click.option("--dataset", default="entente", show_default=True, metavar="NAME",
                     help="Whose events: entente's own, an imported dataset (gdelt, icews, plover, polecat)"
                          " or 'all'."),
        click.option("--corrections/--no-corrections", default=True, show_default=True,
                     help="Apply the analysts' corrections (`entente correct`), or show the events as coded."),
    )):
        command = option(command)
    return command


@click.command("dyad")
@click.argument("a")
@click.argument("b")
@DB_OPTION
@view_options
@click.option("--granularity", "--by", "granularity", type=click.Choice(["month", "quarter", "year"]),
              default="year", show_default=True, help="Period of the series.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
def dyad_cli(a: str, b: str, db: str | None, since: str | None, until: str | None, granularity: str,
             rival: str | None, periods: tuple[str, ...], sectors: tuple[str, ...] | None, dataset: str,
             corrections: bool, fmt: str, as_json: bool) -> None:
    """The relationship between countries A and B (ISO3 codes): verdict, measures, series, deals, quotes."""
    from entente.store import default_db_path

    try:
        report = dyad(db or default_db_path(), a, b, since=since, until=until, granularity=granularity,
                      rival=rival, periods=[_parse_period(p) for p in periods] or None, sectors=sectors,
                      dataset=dataset, corrections=corrections)
    except (FileNotFoundError, LookupError) as exc:
        raise click.ClickException(str(exc)) from exc
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    if as_json or fmt == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        click.echo(format_dyad(report))
