"""Within-document dedup: one event per real interaction per document.

The same deal told in three sentences is one event that keeps every evidence
sentence; one sentence coding two events of one type for one pair ("a drone
strike killed 40") is one. Two events are the same interaction when they join the same pair
(either direction for symmetric ones), have the same PLOVER type and CAMEO
code (to three digits), what they act on overlaps (when both say), and their
dates and amounts do not contradict each other.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from entente.records import Event

DATE_RANK = {"sentence": 3, "quote": 2, "paragraph": 1, "published": 0, None: 0}


def _key(e: Event) -> tuple:
    pair = tuple(sorted((e.source, e.target))) if e.symmetric else (e.source, e.target)
    # The CAMEO code, not just the PLOVER type: a nomination and a minerals
    # framework are both SUPPORT but are different interactions.
    return pair, e.plover, e.cameo[:3]


def _compatible(a: Event, b: Event) -> bool:
    if {e.start for e in a.evidence} & {e.start for e in b.evidence}:
        return True  # one sentence, one pair, one code: one interaction
    if a.about and b.about and not set(a.about) & set(b.about):
        return False  # a minerals framework and an oil deal are two deals
    if a.amount_usd and b.amount_usd and abs(a.amount_usd - b.amount_usd) > 0.01 * max(a.amount_usd, b.amount_usd):
        return False
    if DATE_RANK[a.date_basis] >= 2 and DATE_RANK[b.date_basis] >= 2 and a.date and b.date:
        shorter = min(len(a.date), len(b.date))
        return a.date[:shorter] == b.date[:shorter]
    return True


def _merge(a: Event, b: Event) -> Event:
    a_first = (a.confidence, DATE_RANK[a.date_basis]) >= (b.confidence, DATE_RANK[b.date_basis])
    base, other = (a, b) if a_first else (b, a)
    evidence = tuple(sorted({*a.evidence, *b.evidence}, key=lambda e: e.start))
    merged = replace(base, evidence=evidence, amount_usd=base.amount_usd or other.amount_usd,
                     place=base.place or other.place, confidence=max(a.confidence, b.confidence))
    if DATE_RANK[other.date_basis] > DATE_RANK[base.date_basis]:
        merged = replace(merged, date=other.date, date_granularity=other.date_granularity,
                         date_basis=other.date_basis)
    return merged


# Codes that only say "they agreed/intend to cooperate": when the same sentence
# codes something more specific for the pair ("agreed to a ceasefire"), that wins.
GENERIC_CODES = frozenset({"030", "050", "060", "070"})
# Talks and requests say nothing more specific about a promise: "promised $1 billion after meeting".
TALK_ROOTS = frozenset({"01", "02", "04"})


# Events are compared through indexes by pair and sentence, not each with every other: over a long
# report (hundreds of events) the pairwise scans were quadratic. The results are the same.


def _pair(e: Event) -> frozenset[str]:
    """The two countries, either way."""
    return frozenset((e.source, e.target))


def _starts(e: Event) -> set[int]:
    """The sentences the event is told in, by their start offsets."""
    return {ev.start for ev in e.evidence}


def _specific_only(events: list[Event]) -> list[Event]:
    """Drops a generic code ("agreed to cooperate") where a sentence it shares codes something more
    specific for the same two countries (not talks or requests)."""
    specific = {(_pair(o), s) for o in events
                if o.cameo not in GENERIC_CODES and o.cameo[:2] not in TALK_ROOTS for s in _starts(o)}
    return [e for e in events if not (e.cameo in GENERIC_CODES
                                      and any((_pair(e), s) in specific for s in _starts(e)))]


def _one_per_sentence_and_type(events: list[Event]) -> list[Event]:
    """One sentence, one pair, one PLOVER type: one interaction ("a drone strike killed 40 people"
    codes the strike and the killing; both are the same assault). The more specific code is kept."""
    out: list[Event] = []
    # (type, pair, sentence) -> the events of ``out`` told there; a merge keeps the type and the pair
    # and only adds sentences.
    told: dict[tuple[str | None, frozenset[str], int], set[int]] = {}
    for e in events:
        pair = _pair(e)
        near = sorted({i for s in _starts(e) for i in told.get((e.plover, pair, s), ())})
        twin = next((i for i in near if out[i].source == e.source or out[i].symmetric or e.symmetric), None)
        if twin is None:
            at = len(out)
            out.append(e)
        else:
            specific, other = (e, out[twin]) if len(e.cameo) > len(out[twin].cameo) else (out[twin], e)
            at = twin
            out[twin] = _absorb(specific, other)
        for s in _starts(out[at]):
            told.setdefault((e.plover, pair, s), set()).add(at)
    return out


def _absorb(keep: Event, other: Event) -> Event:
    """``keep``'s coding with what ``other`` adds: evidence, amount, place, a better-founded date."""
    merged = _merge(keep, other)
    return replace(merged, **{f: getattr(keep, f) for f in (
        "cameo", "plover", "mode", "context", "goldstein", "quad_class", "trigger", "source", "target",
        "source_actor", "target_actor", "modality", "symmetric", "about")})


# Which event of a sentence an amount belongs to when several carry it: the transfer itself
# ("signed an MoU to invest $500m": the investment), not the meeting or the signature around it.
AMOUNT_OWNERS = ("AID", "COOPERATE", "SANCTION", "AGREE", "SUPPORT")


def _one_amount_per_sentence(events: list[Event]) -> list[Event]:
    """Money named once in a sentence is counted once, on its likeliest event for the pair: the
    transfer ("promised a $1 billion package after meeting Musharraf": the promise, not the meeting)."""
    def rank(e: Event) -> int:
        return AMOUNT_OWNERS.index(e.plover) if e.plover in AMOUNT_OWNERS else len(AMOUNT_OWNERS)

    out = list(events)
    told: dict[tuple[frozenset[str], int], set[int]] = {}  # (pair, sentence) -> events; amounts alone change
    for j, o in enumerate(out):
        for s in _starts(o):
            told.setdefault((_pair(o), s), set()).add(j)
    for i in range(len(out)):
        e = out[i]
        if e.amount_usd is None:
            continue
        near = sorted({j for s in _starts(e) for j in told.get((_pair(e), s), ())})
        group = [j for j in near if out[j].amount_usd in (None, e.amount_usd)]
        owner = min(group, key=lambda j: (rank(out[j]), j))
        if owner != i and rank(out[owner]) < len(AMOUNT_OWNERS):
            out[owner] = replace(out[owner], amount_usd=e.amount_usd)
            out[i] = replace(e, amount_usd=None)
    return out


def dedup_events(events: Iterable[Event]) -> list[Event]:
    """Merge reports of the same interaction, keeping document order of first mention."""
    events = _one_amount_per_sentence(_one_per_sentence_and_type(_specific_only(list(events))))
    out: list[Event] = []
    by_key: dict[tuple, list[int]] = {}  # a merge keeps the key: both events had it
    for e in events:
        same = by_key.setdefault(_key(e), [])
        for i in same:
            if _compatible(out[i], e):
                out[i] = _merge(out[i], e)
                break
        else:
            same.append(len(out))
            out.append(e)
    return out
