"""Event domains: security, economic, energy and minerals, diplomatic, people-to-people, humanitarian.

An event's domain comes from its words (trigger and what it is about), else
its CAMEO code, context or PLOVER type, by the rules of ``data/event_domains.tsv``
(documented in ``docs/measures.md``).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from typing import Any

DOMAINS = ("security", "economic", "energy_minerals", "diplomatic", "people_to_people", "humanitarian")
# When an event's words point to several domains, the more specific one wins.
_WORD_PRIORITY = ("energy_minerals", "humanitarian", "people_to_people", "security", "economic", "diplomatic")


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


def event_words(event: dict[str, Any]) -> list[str]:
    """The trigger and ``about`` words of an event, lower-cased."""
    words = [event.get("trigger") or "", *(event.get("about") or [])]
    return [w.lower() for w in words if w]


def event_domain(event: dict[str, Any]) -> str | None:
    """The domain of one event: its words, else its CAMEO code, context, PLOVER type; else ``None``."""
    return _domain(event.get("trigger"), tuple(event.get("about") or ()), event.get("cameo"),
                   event.get("context"), event.get("plover"))


@lru_cache(maxsize=65536)  # events repeat the same few (trigger, about, code) combinations
def _domain(trigger: str | None, about: tuple[str, ...], cameo: str | None, context: str | None,
            plover: str | None) -> str | None:
    rules = domain_rules()
    words = rules.get("word", {})
    found = {words.get(w) or words.get(w.rstrip("s"))
             for w in event_words({"trigger": trigger, "about": about})} - {None}
    if found:
        return next(d for d in _WORD_PRIORITY if d in found)
    cameo = cameo or ""
    for n in range(len(cameo), 1, -1):
        if cameo[:n] in rules.get("cameo", {}):
            return rules["cameo"][cameo[:n]]
    for part in (context or "").split(";"):
        if part.strip() in rules.get("context", {}):
            return rules["context"][part.strip()]
    return rules.get("plover", {}).get(plover or "")
