"""The verdict on a relationship: soulmates, strategic spouses, estranged or rivals.

Rules use the thresholds in ``data/verdict_thresholds.tsv``; they are written
out in ``docs/measures.md``. Every verdict carries its numbers, the change
between periods and the events that weigh most, each with its evidence.
"""

from __future__ import annotations

import csv
import heapq
from bisect import bisect_left
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Sequence

import duckdb

from entente.analytics.character import hedging_windows, measures
from entente.analytics.series import bounds, check_pair, check_sectors, dyad_events, events_by_id, within

VERDICTS = ("soulmates", "strategic spouses", "estranged", "rivals", "insufficient evidence")
Period = tuple[str | None, str | None]


@lru_cache(maxsize=1)
def load_thresholds() -> dict[str, float]:
    """``{name: value}`` from ``data/verdict_thresholds.tsv``."""
    text = (resources.files("entente") / "data" / "verdict_thresholds.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {r["name"]: float(r["value"]) for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)}


def _v(m: dict[str, Any], name: str, key: str = "value") -> float | None:
    return m[name].get(key)


def _fmt(x: float | None) -> str:
    return "undefined" if x is None else f"{x:.2f}"


def classify(m: dict[str, Any], events: int, t: dict[str, float] | None = None) -> tuple[str, str]:
    """``(verdict, reason)`` for one window's measures and event count."""
    t = t or load_thresholds()
    if events < t["min_events"]:
        return "insufficient evidence", f"{events} events < {t['min_events']:g} needed"
    warm, conflict = _v(m, "warmth"), _v(m, "warmth", "conflict_share")
    if warm is None:
        return "insufficient evidence", "no event carries a Goldstein weight"
    if warm <= t["rivals_warmth_max"] or (conflict or 0) >= t["rivals_conflict_share_min"]:
        return "rivals", (f"warmth {_fmt(warm)} (≤ {t['rivals_warmth_max']:g} is rivals), conflictual share "
                          f"{_fmt(conflict)} (≥ {t['rivals_conflict_share_min']:g} is rivals)")
    if warm < t["warm_min"]:
        return "estranged", f"warmth {_fmt(warm)} < {t['warm_min']:g}: neither warm nor hostile"
    failed = _soulmate_failures(m, t)
    if not failed:
        return "soulmates", (f"warm ({_fmt(warm)}), broad, not transactional, reciprocal and stable")
    return "strategic spouses", f"warm ({_fmt(warm)}) but " + "; ".join(failed)


def _soulmate_failures(m: dict[str, Any], t: dict[str, float]) -> list[str]:
    failed = []
    breadth, trans = _v(m, "breadth"), _v(m, "transactionality")
    if breadth is None or breadth < t["soulmates_breadth_min"]:
        failed.append(f"narrow (breadth {_fmt(breadth)} < {t['soulmates_breadth_min']:g})")
    if trans is None or trans > t["soulmates_transactionality_max"]:
        failed.append(f"transactional ({_fmt(trans)} > {t['soulmates_transactionality_max']:g})"
                      if trans is not None else "transactionality undefined")
    corr, initiative = _v(m, "reciprocity"), _v(m, "reciprocity", "initiative")
    lo = t["soulmates_initiative_min"]
    if corr is not None and corr < t["soulmates_reciprocity_min"]:
        failed.append(f"not reciprocal (correlation {_fmt(corr)} < {t['soulmates_reciprocity_min']:g})")
    elif corr is None and (initiative is None or not lo <= initiative <= 1 - lo):
        failed.append(f"one-sided (initiative {_fmt(initiative)} outside [{lo:g}, {1 - lo:g}])")
    rate = _v(m, "volatility", "swing_rate")
    if rate is None or rate > t["soulmates_swing_rate_max"]:
        failed.append(f"on and off (swing rate {_fmt(rate)} > {t['soulmates_swing_rate_max']:g})"
                      if rate is not None else "stability undefined (fewer than 2 active months)")
    return failed


def default_periods(events: Sequence[dict[str, Any]]) -> list[Period]:
    """Two halves of the dated history with (as near as possible) equal event counts."""
    days = sorted(date.fromisoformat(e["day"]) for e in events if e["day"])
    distinct = sorted(set(days))
    if len(distinct) < 2:
        return [(days[0].isoformat(), days[-1].isoformat())] if days else []
    half = len(days) / 2
    split = min(distinct[1:], key=lambda d: abs(bisect_left(days, d) - half))
    return [(days[0].isoformat(), (split - timedelta(days=1)).isoformat()),
            (split.isoformat(), days[-1].isoformat())]


def _years(period: Period) -> float | None:
    start, end = bounds(*period) if period[0] and period[1] else (None, None)
    return (end - start).days / 365.25 if start and end else None


def _estranged_since(first: dict[str, Any], last: dict[str, Any], t: dict[str, float]) -> str | None:
    """Why the relationship has cooled or gone quiet between the first and last period, if it has."""
    w0, w1 = _v(first["measures"], "warmth"), _v(last["measures"], "warmth")
    if w0 is not None and w1 is not None and w0 - w1 >= t["cooling_warmth_drop"] and w1 < t["warm_min"]:
        return f"cooled: warmth fell from {w0:.2f} to {w1:.2f}"
    y0, y1 = _years((first["since"], first["until"])), _years((last["since"], last["until"]))
    if y0 and y1 and first["events"] >= t["min_events"]:
        r0, r1 = first["events"] / y0, last["events"] / y1
        if r1 <= t["quiet_rate_ratio"] * r0:
            return f"gone quiet: {r1:.1f} events a year, down from {r0:.1f}"
    return None


def _window(since: str | None, until: str | None, a: str, b: str, fetched: Sequence[dict[str, Any]],
            hedge: dict[str, Any]) -> dict[str, Any]:
    events = within(fetched, since, until)
    # With no A-B event in the window there is nothing to hedge between: undefined, not 0.
    m = measures(events, a, b, hedge if events else {**hedge, "value": None})
    label, reason = classify(m, len(events))
    return {"since": since, "until": until, "events": len(events), "reports": sum(e["reports"] for e in events),
            "measures": m, "verdict": label, "reason": reason, "_events": events}


_TOP_KEYS = ("event_id", "date", "direction", "cameo", "plover", "goldstein", "reports", "amount_usd",
             "evidence", "doc_id", "url", "title")


def top_events(events: Sequence[dict[str, Any]], n: int,
               con: duckdb.DuckDBPyConnection | None = None) -> list[dict[str, Any]]:
    """The ``n`` events that weigh most: |Goldstein| × reports, then the latest.

    ``events`` from ``dyad_events(lean=True)`` need ``con`` to fetch the
    evidence and provenance of the chosen few.
    """
    chosen = heapq.nlargest(n, (e for e in events if e["goldstein"] is not None),
                            key=lambda e: (abs(e["goldstein"]) * e["reports"], e["day"] or ""))
    if chosen and "evidence" not in chosen[0]:
        if con is None:
            raise ValueError("top_events: lean events need a connection to fetch their evidence")
        chosen = events_by_id(con, [e["event_id"] for e in chosen])
    return [{**{k: e[k] for k in _TOP_KEYS}, "weight": round(abs(e["goldstein"]) * e["reports"], 4)}
            for e in chosen]


def verdict(con: duckdb.DuckDBPyConnection, a: str, b: str, *, periods: Sequence[Period] | None = None,
            rival: str | None = None, since: str | None = None, until: str | None = None,
            dataset: str | None = None, events: Sequence[dict[str, Any]] | None = None,
            sectors: Iterable[str] | None = None) -> dict[str, Any]:
    """The A–B verdict over the span of ``periods``.

    ``periods`` default to two halves (equal event counts) of the history
    between ``since`` and ``until`` (default: all of it). The store is read
    three times whatever the number of periods: the pair's events once (every
    window is a slice of them), the hedging counts once for all windows, and
    the evidence of the top events. ``events``: all the pair's events (of
    ``dataset``), already fetched with ``dyad_events(lean=True)``. ``sectors``
    (``("GOV", "MIL")``): only events whose two sides both have one of them,
    hedging included (``events`` then fetched with the same ``sectors``).
    """
    a, b = check_pair(a, b)
    sectors = check_sectors(sectors)
    t = load_thresholds()
    fetched = dyad_events(con, a, b, dataset=dataset, lean=True, sectors=sectors) if events is None else events
    if not periods:
        periods = default_periods(within(fetched, since, until))
        periods = periods or [(since, until)]
    periods = [(str(s) if s else None, str(u) if u else None) for s, u in periods]
    windows = [*periods, (periods[0][0], periods[-1][1])]
    hedges = hedging_windows(con, a, b, rival, windows, dataset, sectors)
    *parts, whole = [_window(s, u, a, b, fetched, h) for (s, u), h in zip(windows, hedges)]
    label, reason = whole["verdict"], whole["reason"]
    if len(parts) > 1 and label not in ("insufficient evidence", "rivals"):
        why = _estranged_since(parts[0], parts[-1], t)
        if why:
            label, reason = "estranged", f"{why} (over the whole span: {label}, {reason})"
    return {
        "pair": [a, b], "sectors": list(sectors) if sectors else None, "verdict": label, "reason": reason,
        "thresholds": dict(t),
        "since": whole["since"], "until": whole["until"], "events": whole["events"], "reports": whole["reports"],
        "measures": whole["measures"],
        "periods": [{k: v for k, v in p.items() if k != "_events"} for p in parts],
        "change": _change(parts[0]["measures"], parts[-1]["measures"]) if len(parts) > 1 else {},
        "top_events": top_events(whole["_events"], int(t["top_events"]), con),
    }


def _change(first: dict[str, Any], last: dict[str, Any]) -> dict[str, float | None]:
    out = {}
    for name in first:
        x, y = first[name]["value"], last[name]["value"]
        out[name] = None if x is None or y is None else round(y - x, 4)
    return out
