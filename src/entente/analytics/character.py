"""Relationship character: warmth, volatility, breadth, transactionality,
reciprocity, the third-party lens and hedging, computed from stored events.

Each measure is ``{"value": float | None, "definition": str, ...details}``;
``None`` means the events cannot define it (never a default). Definitions,
formulas and ranges are in ``docs/measures.md``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from statistics import pstdev
from typing import Any, Iterable, Sequence

import duckdb

from entente.analytics.domains import DOMAINS, event_domain, event_words
from entente.analytics.series import bounds, check_pair, check_sectors, dyad_events
from entente.dictionary import default_dictionary
from entente.store import dyads as store_dyads

COOPERATIVE, CONFLICTUAL = (1, 2), (3, 4)
# Words of a trigger or "about" that make AID/COOPERATE a priced exchange.
DEAL_WORDS = frozenset({"deal", "loan", "lend", "lent", "sale", "sell", "sold", "buy", "bought", "purchase",
                        "investment", "invest", "credit", "contract", "bailout", "financing", "package", "bond"})
_PRICED_TYPES = frozenset({"AID", "COOPERATE"})

DEFINITIONS = {
    "warmth": "mean Goldstein weight of A–B events (−10 hostile … +10 cooperative)",
    "volatility": "standard deviation of monthly net cooperation (sum of Goldstein) over months with events",
    "breadth": "Shannon entropy of events over the six domains, divided by log(6) (0 one domain … 1 even)",
    "transactionality": "share of cooperative events that are priced exchanges (an amount, or aid/cooperation"
                        " described as a deal, loan, sale or investment)",
    "reciprocity": "Pearson correlation of monthly A>B and B>A cooperative event counts over months with events",
    "third_party": "share of A–B events whose evidence sentence names a third country",
    "hedging": "A's cooperation with B against its cooperation with B's rival: coop(A,B) / (coop(A,B) + coop(A,R))",
}


def _measure(name: str, value: float | None, **details: Any) -> dict[str, Any]:
    return {"value": None if value is None else round(value, 4), "definition": DEFINITIONS[name], **details}


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def warmth(events: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean Goldstein weight, with the cooperative and conflictual shares."""
    weights = [e["goldstein"] for e in events if e["goldstein"] is not None]
    coded = [e["quad_class"] for e in events if e["quad_class"] is not None]
    coop = sum(q in COOPERATIVE for q in coded)
    conflict = sum(q in CONFLICTUAL for q in coded)
    share = _share(coop, len(coded))
    return _measure("warmth", sum(weights) / len(weights) if weights else None, events=len(weights),
                    coop_share=None if share is None else round(share, 4),
                    conflict_share=None if share is None else round(conflict / len(coded), 4))


def monthly(events: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Dated events by month (``YYYY-MM``), oldest first."""
    months: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        if e["day"]:
            months[e["day"][:7]].append(e)
    return dict(sorted(months.items()))


def volatility(events: list[dict[str, Any]], months: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """Spread of monthly net cooperation, and its swings between warm and cold months (``months``: of ``events``)."""
    months = monthly(events) if months is None else months
    nets = [sum(e["goldstein"] or 0.0 for e in month) for month in months.values()]
    signs = [n > 0 for n in nets if n != 0]
    swings = sum(1 for x, y in zip(signs, signs[1:]) if x != y)
    rate = swings / (len(signs) - 1) if len(signs) > 1 else None
    return _measure("volatility", pstdev(nets) if len(nets) > 1 else None, months=len(nets), swings=swings,
                    swing_rate=None if rate is None else round(rate, 4),
                    swing_definition="sign changes between warm (net > 0) and cold (net < 0) months, in order;"
                                     " swing_rate = swings / (months with non-zero net − 1)")


def breadth(events: list[dict[str, Any]]) -> dict[str, Any]:
    """Normalised Shannon entropy of the events over the six domains."""
    counts = Counter(d for d in (e.get("domain") or event_domain(e) for e in events) if d)
    total = sum(counts.values())
    if not total:
        return _measure("breadth", None, domains={})
    entropy = -sum(n / total * math.log(n / total) for n in counts.values())
    return _measure("breadth", entropy / math.log(len(DOMAINS)), domains=dict(counts.most_common()),
                    unclassified=len(events) - total)


def is_priced(event: dict[str, Any]) -> bool:
    """A priced exchange: an amount, or aid/cooperation worded as a deal, loan, sale or investment."""
    if event["amount_usd"] is not None:
        return True
    material = event["plover"] in _PRICED_TYPES or (event["cameo"] or "")[:2] in ("06", "07")
    return material and any(w in DEAL_WORDS or w.rstrip("s") in DEAL_WORDS for w in event_words(event))


def transactionality(events: list[dict[str, Any]]) -> dict[str, Any]:
    """Share of cooperative events that are priced exchanges."""
    coop = [e for e in events if e["quad_class"] in COOPERATIVE]
    priced = sum(map(is_priced, coop))
    return _measure("transactionality", _share(priced, len(coop)), priced=priced, cooperative=len(coop))


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 3:
        return None
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    if not sx or not sy:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / (sx * sy)


def reciprocity(events: list[dict[str, Any]], a: str,
                months: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """Correlation of monthly A>B and B>A cooperation, and A's share of the initiative (``months``: of ``events``)."""
    ab, ba = [], []
    for month in (monthly(events) if months is None else months).values():
        coop = [e for e in month if e["quad_class"] in COOPERATIVE]
        ab.append(sum(e["source"] == a or e["symmetric"] for e in coop))
        ba.append(sum(e["source"] != a or e["symmetric"] for e in coop))
    directed = [e for e in events if not e["symmetric"]]
    initiative = _share(sum(e["source"] == a for e in directed), len(directed))
    return _measure("reciprocity", _pearson(ab, ba), months=len(ab), coop_a_to_b=sum(ab), coop_b_to_a=sum(ba),
                    initiative=None if initiative is None else round(initiative, 4),
                    initiative_definition="share of directed (non-symmetric) events with A as the source")


def third_party(events: list[dict[str, Any]], a: str, b: str) -> dict[str, Any]:
    """Share of events whose evidence sentences (or documents) name a third country.

    Reads each event's ``sentence_countries`` and ``document_countries`` (the
    countries of all its reports, stored with each event at write time;
    ``None`` for events without a document, which do not count).
    """
    documented = [e for e in events if e["sentence_countries"] is not None]
    if not documented:
        return _measure("third_party", None, events=0)
    countries = set(default_dictionary().countries) - {a, b}
    framing: list[str] = []
    sentence_events = document_events = 0
    for e in documented:
        named = [c for c in e["sentence_countries"] if c in countries]
        if named:
            framing += named
            sentence_events += 1
            document_events += 1
        elif not countries.isdisjoint(e["document_countries"] or ()):
            document_events += 1
    return _measure("third_party", sentence_events / len(documented), events=len(documented),
                    document_share=round(document_events / len(documented), 4),
                    countries=dict(Counter(framing).most_common(5)))


Window = tuple[str | None, str | None]


def _partner_counts(con: duckdb.DuckDBPyConnection, a: str, b: str, windows: Sequence[Window],
                    dataset: str | None,
                    sectors: Sequence[str] | None = None) -> list[dict[tuple[str, str, bool], int]]:
    """Per window: ``{(country, partner, cooperative): events}`` for A and B with every partner.

    One scan for all windows; same rules as :func:`entente.store.dyads.partner_counts`
    (one row per cluster; with any bound, undated events drop out); with ``sectors``,
    only events between those sectors count.
    """
    found = store_dyads.partner_counts(con, a, b, [bounds(since, until) for since, until in windows], dataset,
                                       sectors)
    out: list[dict[tuple[str, str, bool], int]] = [{} for _ in windows]
    for side, partner, coop, *per_window in found:
        for i, n in enumerate(per_window):
            if n:
                out[i][(side, partner, coop)] = n
    return out


def _rival_of(counts: dict[tuple[str, str, bool], int], country: str, partner: str) -> str | None:
    """The country (ISO3, not ``partner``) with the most conflictual events with ``country``."""
    known = default_dictionary().countries
    ranked = sorted((-n, other) for (who, other, coop), n in counts.items()
                    if who == country and not coop and other in known and other not in (country, partner))
    return ranked[0][1] if ranked else None


def main_rival(con: duckdb.DuckDBPyConnection, country: str, partner: str, *, since: str | None = None,
               until: str | None = None, dataset: str | None = None,
               sectors: Iterable[str] | None = None) -> str | None:
    """The country (ISO3, not ``partner``) with the most conflictual events with ``country``."""
    country, partner = check_pair(country, partner)
    counts = _partner_counts(con, country, partner, [(since, until)], dataset, check_sectors(sectors))
    return _rival_of(counts[0], country, partner)


def hedging_windows(con: duckdb.DuckDBPyConnection, a: str, b: str, rival: str | None,
                    windows: Sequence[Window], dataset: str | None = None,
                    sectors: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """:func:`hedging` for several windows from one scan of the store."""
    chosen = "given" if rival else "most conflictual events with B"
    out = []
    for counts in _partner_counts(con, a, b, windows, dataset, check_sectors(sectors)):
        r = rival.upper() if rival else _rival_of(counts, b, a)
        if not r or r in (a, b):
            out.append(_measure("hedging", None, rival=r, rival_basis=chosen))
            continue
        pair, a_r, b_r = counts.get((a, b, True), 0), counts.get((a, r, True), 0), counts.get((b, r, True), 0)
        b_share = _share(pair, pair + b_r)
        out.append(_measure("hedging", _share(pair, pair + a_r), rival=r, rival_basis=chosen, coop_a_b=pair,
                            coop_a_rival=a_r, coop_b_rival=b_r,
                            b_share=None if b_share is None else round(b_share, 4),
                            b_share_definition="B's cooperation with A against B's with the same third country:"
                                               " coop(A,B) / (coop(A,B) + coop(B,R))"))
    return out


def hedging(con: duckdb.DuckDBPyConnection, a: str, b: str, rival: str | None, *, since: str | None = None,
            until: str | None = None, dataset: str | None = None,
            sectors: Iterable[str] | None = None) -> dict[str, Any]:
    """A's cooperation with B against its cooperation with B's rival (given, or B's main adversary)."""
    a, b = check_pair(a, b)
    return hedging_windows(con, a, b, rival, [(since, until)], dataset, sectors)[0]


def measures(events: list[dict[str, Any]], a: str, b: str, hedge: dict[str, Any]) -> dict[str, Any]:
    """Every measure over already-fetched A–B ``events`` (``hedge``: from :func:`hedging_windows`)."""
    months = monthly(events)
    return {
        "warmth": warmth(events), "volatility": volatility(events, months), "breadth": breadth(events),
        "transactionality": transactionality(events), "reciprocity": reciprocity(events, a, months),
        "third_party": third_party(events, a, b), "hedging": hedge,
    }


def character(con: duckdb.DuckDBPyConnection, a: str, b: str, *, since: str | None = None,
              until: str | None = None, rival: str | None = None, dataset: str | None = None,
              sectors: Iterable[str] | None = None) -> dict[str, Any]:
    """The character of the A–B relationship over a window (see ``docs/measures.md``).

    ``sectors`` (``("GOV", "MIL")``): every measure, hedging included, reads only
    events whose two sides both have one of them (``None``, the default: every event).
    """
    a, b = check_pair(a, b)
    sectors = check_sectors(sectors)
    events = dyad_events(con, a, b, since=since, until=until, dataset=dataset, lean=True, sectors=sectors)
    days = [e["day"] for e in events if e["day"]]
    hedge = hedging(con, a, b, rival, since=since, until=until, dataset=dataset, sectors=sectors)
    return {
        "pair": [a, b], "sectors": list(sectors) if sectors else None, "since": since or (min(days) if days else None),
        "until": until or (max(days) if days else None),
        "events": len(events), "reports": sum(e["reports"] for e in events),
        "measures": measures(events, a, b, hedge),
    }
