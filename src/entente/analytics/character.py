"""Relationship character: warmth, volatility, breadth, transactionality,
reciprocity, the third-party lens and hedging, computed from stored events.

Each measure is ``{"value": float | None, "definition": str, ...details}``;
``None`` means the events cannot define it (never a default). Definitions,
formulas and ranges are in ``docs/measures.md``.
"""

from __future__ import annotations

import csv
import math
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources
from statistics import pstdev
from typing import Any, Iterable

import duckdb

from entente.analytics.series import check_pair, cluster_sql, dyad_events
from entente.dictionary import default_dictionary

DOMAINS = ("security", "economic", "energy_minerals", "diplomatic", "people_to_people", "humanitarian")
# When an event's words point to several domains, the more specific one wins.
_WORD_PRIORITY = ("energy_minerals", "humanitarian", "people_to_people", "security", "economic", "diplomatic")
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


@lru_cache(maxsize=1)
def domain_rules() -> dict[str, dict[str, str]]:
    """The rules of ``data/event_domains.tsv``: ``{kind: {key: domain}}``."""
    text = (resources.files("entente") / "data" / "event_domains.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rules: dict[str, dict[str, str]] = defaultdict(dict)
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        if row["domain"] not in DOMAINS:
            raise ValueError(f"event_domains.tsv: unknown domain {row['domain']!r}")
        rules[row["kind"]][row["key"]] = row["domain"]
    return dict(rules)


def _words(event: dict[str, Any]) -> list[str]:
    words = [event.get("trigger") or "", *(event.get("about") or [])]
    return [w.lower() for w in words if w]


def event_domain(event: dict[str, Any]) -> str | None:
    """The domain of one event: its words, else its CAMEO code, context, PLOVER type; else ``None``."""
    rules = domain_rules()
    words = rules.get("word", {})
    found = {words.get(w) or words.get(w.rstrip("s")) for w in _words(event)} - {None}
    if found:
        return next(d for d in _WORD_PRIORITY if d in found)
    cameo = event.get("cameo") or ""
    for n in range(len(cameo), 1, -1):
        if cameo[:n] in rules.get("cameo", {}):
            return rules["cameo"][cameo[:n]]
    for context in (event.get("context") or "").split(";"):
        if context.strip() in rules.get("context", {}):
            return rules["context"][context.strip()]
    return rules.get("plover", {}).get(event.get("plover") or "")


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


def volatility(events: list[dict[str, Any]]) -> dict[str, Any]:
    """Spread of monthly net cooperation, and its swings between warm and cold months."""
    nets = [sum(e["goldstein"] or 0.0 for e in month) for month in monthly(events).values()]
    signs = [n > 0 for n in nets if n != 0]
    swings = sum(1 for x, y in zip(signs, signs[1:]) if x != y)
    rate = swings / (len(signs) - 1) if len(signs) > 1 else None
    return _measure("volatility", pstdev(nets) if len(nets) > 1 else None, months=len(nets), swings=swings,
                    swing_rate=None if rate is None else round(rate, 4),
                    swing_definition="sign changes between warm (net > 0) and cold (net < 0) months, in order;"
                                     " swing_rate = swings / (months with non-zero net − 1)")


def breadth(events: list[dict[str, Any]]) -> dict[str, Any]:
    """Normalised Shannon entropy of the events over the six domains."""
    counts = Counter(d for d in map(event_domain, events) if d)
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
    return material and any(w in DEAL_WORDS or w.rstrip("s") in DEAL_WORDS for w in _words(event))


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


def reciprocity(events: list[dict[str, Any]], a: str) -> dict[str, Any]:
    """Correlation of monthly A>B and B>A cooperation, and A's share of the initiative."""
    ab, ba = [], []
    for month in monthly(events).values():
        coop = [e for e in month if e["quad_class"] in COOPERATIVE]
        ab.append(sum(e["source"] == a or e["symmetric"] for e in coop))
        ba.append(sum(e["source"] != a or e["symmetric"] for e in coop))
    directed = [e for e in events if not e["symmetric"]]
    initiative = _share(sum(e["source"] == a for e in directed), len(directed))
    return _measure("reciprocity", _pearson(ab, ba), months=len(ab), coop_a_to_b=sum(ab), coop_b_to_a=sum(ba),
                    initiative=None if initiative is None else round(initiative, 4),
                    initiative_definition="share of directed (non-symmetric) events with A as the source")


def third_party(con: duckdb.DuckDBPyConnection, events: list[dict[str, Any]], a: str, b: str,
                cache: dict | None = None) -> dict[str, Any]:
    """Share of events whose evidence sentence (or document) names a third country.

    ``cache`` (a dict the caller keeps for one computation) lets several windows
    of the same pair share the two queries.
    """
    documented = [e["cluster_id"] for e in events if e["doc_id"]]
    if not documented:
        return _measure("third_party", None, events=0)
    countries = set(default_dictionary().countries) - {a, b}
    pair = "((e.source = ? AND e.target = ?) OR (e.source = ? AND e.target = ?))"
    wanted = set(documented)
    # Filter by the pair in SQL and by the window's clusters here: a long IN-list is slow.
    key = ("third_party", a, b)
    if cache is not None and key in cache:
        sentence_rows, document_rows = cache[key]
    else:
        sentence_rows, document_rows = _third_party_rows(con, pair, a, b)
        if cache is not None:
            cache[key] = (sentence_rows, document_rows)
    in_sentence = [r for r in sentence_rows if r[0] in wanted]
    in_document = [r for r in document_rows if r[0] in wanted]
    framed = Counter(c for _, c in in_sentence if c in countries)
    sentence_events = {cid for cid, c in in_sentence if c in countries}
    document_events = {cid for cid, c in in_document if c in countries} | sentence_events
    return _measure("third_party", len(sentence_events) / len(documented), events=len(documented),
                    document_share=round(len(document_events) / len(documented), 4),
                    countries=dict(framed.most_common(5)))


def _third_party_rows(con: duckdb.DuckDBPyConnection, pair: str, a: str, b: str) -> tuple[list, list]:
    """(cluster, country) named in each A–B evidence sentence, and in each A–B document."""
    sentence = con.execute(f"""
        SELECT DISTINCT coalesce(e.cluster_id, e.event_id), m.country
        FROM events e JOIN evidence v ON v.event_id = e.event_id
        JOIN mentions m ON m.doc_id = v.doc_id AND m.kind IN ('actor', 'place')
             AND m.start >= v.start AND m.start < v."end"
        WHERE {pair}""", [a, b, b, a]).fetchall()
    document = con.execute(f"""
        SELECT DISTINCT coalesce(e.cluster_id, e.event_id), m.country
        FROM events e JOIN mentions m ON m.doc_id = e.doc_id AND m.kind = 'country'
        WHERE {pair}""", [a, b, b, a]).fetchall()
    return sentence, document


def _coop_counts(con: duckdb.DuckDBPyConnection, x: str, since: str | None, until: str | None,
                 dataset: str | None) -> dict[str, int]:
    """Cooperative events between ``x`` and each partner (either direction)."""
    sql, params = cluster_sql("e.source = ? OR e.target = ?", since, until, dataset)
    found = con.execute(f"SELECT CASE WHEN source = ? THEN target ELSE source END, count(*) FROM ({sql})"
                        " WHERE quad_class IN (1, 2) GROUP BY 1", [x, x, x, *params]).fetchall()
    return dict(found)


def main_rival(con: duckdb.DuckDBPyConnection, country: str, partner: str, *, since: str | None = None,
               until: str | None = None, dataset: str | None = None) -> str | None:
    """The country (ISO3, not ``partner``) with the most conflictual events with ``country``."""
    sql, params = cluster_sql("e.source = ? OR e.target = ?", since, until, dataset)
    found = con.execute(f"SELECT CASE WHEN source = ? THEN target ELSE source END AS other, count(*) AS n"
                        f" FROM ({sql}) WHERE quad_class IN (3, 4) GROUP BY 1 ORDER BY n DESC, other",
                        [country, country, country, *params]).fetchall()
    countries = default_dictionary().countries
    return next((c for c, _ in found if c in countries and c not in (country, partner)), None)


def hedging(con: duckdb.DuckDBPyConnection, a: str, b: str, rival: str | None, *, since: str | None = None,
            until: str | None = None, dataset: str | None = None) -> dict[str, Any]:
    """A's cooperation with B against its cooperation with B's rival (given, or B's main adversary)."""
    chosen = "given" if rival else "most conflictual events with B"
    rival = rival.upper() if rival else main_rival(con, b, a, since=since, until=until, dataset=dataset)
    if not rival or rival in (a, b):
        return _measure("hedging", None, rival=rival, rival_basis=chosen)
    of_a, of_b = _coop_counts(con, a, since, until, dataset), _coop_counts(con, b, since, until, dataset)
    pair, a_r, b_r = of_a.get(b, 0), of_a.get(rival, 0), of_b.get(rival, 0)
    b_share = _share(pair, pair + b_r)
    return _measure("hedging", _share(pair, pair + a_r), rival=rival, rival_basis=chosen, coop_a_b=pair,
                    coop_a_rival=a_r, coop_b_rival=b_r, b_share=None if b_share is None else round(b_share, 4),
                    b_share_definition="B's cooperation with A against B's with the same third country:"
                                       " coop(A,B) / (coop(A,B) + coop(B,R))")


def measures(con: duckdb.DuckDBPyConnection, events: list[dict[str, Any]], a: str, b: str, *,
             since: str | None, until: str | None, rival: str | None, dataset: str | None,
             cache: dict | None = None) -> dict[str, Any]:
    """Every measure over already-fetched A–B ``events`` (``cache``: shared across windows)."""
    return {
        "warmth": warmth(events), "volatility": volatility(events), "breadth": breadth(events),
        "transactionality": transactionality(events), "reciprocity": reciprocity(events, a),
        "third_party": third_party(con, events, a, b, cache),
        "hedging": hedging(con, a, b, rival, since=since, until=until, dataset=dataset),
    }


def character(con: duckdb.DuckDBPyConnection, a: str, b: str, *, since: str | None = None,
              until: str | None = None, rival: str | None = None, dataset: str | None = None) -> dict[str, Any]:
    """The character of the A–B relationship over a window (see ``docs/measures.md``)."""
    a, b = check_pair(a, b)
    events = dyad_events(con, a, b, since=since, until=until, dataset=dataset)
    days = [e["day"] for e in events if e["day"]]
    return {
        "pair": [a, b], "since": since or (min(days) if days else None),
        "until": until or (max(days) if days else None),
        "events": len(events), "reports": sum(e["reports"] for e in events),
        "measures": measures(con, events, a, b, since=since, until=until, rival=rival, dataset=dataset),
    }
