"""Summaries of extraction records (pure functions over the JSON records)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Iterable


def summarize(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Counts over extraction records: documents, actors, countries, money by pair."""
    docs = 0
    actors: Counter[tuple[str, str | None]] = Counter()
    countries: Counter[str] = Counter()
    money: dict[str, float] = defaultdict(float)
    amounts: Counter[str] = Counter()
    for rec in records:
        docs += 1
        countries.update(rec.get("countries") or [])
        for name, country in {(a["name"], a.get("country")) for a in rec.get("actors") or []}:
            actors[(name, country)] += 1
        for m in rec.get("money") or []:
            pair = "–".join(sorted(set(m.get("parties") or []))[:2]) or "(no country)"
            money[pair] += m.get("usd") or 0.0
            amounts[pair] += 1
    return {
        "documents": docs,
        "actors": len(actors),
        "actors_with_country": sum(1 for (_, c) in actors if c),
        "top_actors": [(n, c, k) for (n, c), k in actors.most_common(10)],
        "countries": countries.most_common(),
        "money_by_pair": sorted(((p, amounts[p], usd) for p, usd in money.items()), key=lambda x: -x[2]),
    }


def format_summary(s: dict[str, Any]) -> str:
    """The summary as a short plain-text report."""
    lines = [f"documents: {s['documents']}",
             f"actors: {s['actors']} distinct ({s['actors_with_country']} with a country)"]
    lines += ["  top: " + ", ".join(f"{n} ({c or '?'}) x{k}" for n, c, k in s["top_actors"])]
    lines += ["countries (documents): " + ", ".join(f"{c} {k}" for c, k in s["countries"][:12])]
    lines += ["money mentioned, by the countries it concerns (every amount in the texts, trade figures and budgets"
              " included; `entente deals A B` lists the coded deals):"]
    for pair, n, usd in s["money_by_pair"][:12]:
        lines.append(f"  {pair:<14} {n:>3} amounts  ${usd / 1e9:,.2f} bn")
    return "\n".join(lines)
