"""Money in a parsed document: amounts with parties and what they are for."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from entente.nlp.countries import CountryMention
from entente.nlp.doctext import doc_text
from entente.nlp.money import find_amounts, stated_usd, to_money
from entente.records import Actor, Money

ABOUT_PREPS = frozenset({"in", "for", "of"})


def find_money(doc: Doc, countries: list[CountryMention], actors: list[Actor],
               doc_countries: tuple[str, ...], year: int | None) -> list[Money]:
    """Each distinct amount in ``doc`` once, in dollars, with parties and subject."""
    text = doc_text(doc)
    amounts = find_amounts(text)
    out: list[Money] = []
    used: set[int] = set()
    seen: set[tuple[str, float]] = set()
    for i, raw in enumerate(amounts):
        if i in used:
            continue
        stated = stated_usd(text, raw, amounts[i + 1: i + 2])
        if stated is not None:
            used.add(i + 1)
        span = doc.char_span(raw.start, raw.end, alignment_mode="expand")
        parties = _parties(span, countries, actors) if span is not None else ()
        money = to_money(raw, year, list(parties) + list(doc_countries), stated)
        if money is None or (money.currency, money.amount) in seen:
            continue
        seen.add((money.currency, money.amount))
        about = _about(span) if span is not None else None
        out.append(replace(money, parties=parties, about=about))
    return out


def _parties(span: Span, countries: list[CountryMention], actors: list[Actor]) -> tuple[str, ...]:
    """Countries of the amount's sentence (or the one before), in text order."""
    sent = span.sent
    found = _countries_in(sent.start_char, sent.end_char, countries, actors)
    if not found and sent.start > 0:
        prev = span.doc[sent.start - 1].sent
        found = _countries_in(prev.start_char, prev.end_char, countries, actors)
    return tuple(dict.fromkeys(found))


def _countries_in(start: int, end: int, countries: list[CountryMention], actors: list[Actor]) -> list[str]:
    # Media are the messenger, not a party: "The India Times reported..."
    media = [(a.start, a.end) for a in actors if a.role == "MED"]
    items = [(c.start_char, c.iso3) for c in countries if start <= c.start_char < end
             and not any(s <= c.start_char < e for s, e in media)]
    items += [(a.start, a.country) for a in actors
              if a.country and len(a.country) == 3 and a.role != "MED" and start <= a.start < end]
    return [code for _, code in sorted(items)]


def _about(span: Span) -> str | None:
    """The noun the amount is about: "$1.25 billion in financing" -> "financing"."""
    root = span.root
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in ABOUT_PREPS:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN":
                return _phrase(obj)
    head = root.head
    for _ in range(3):
        if head.pos_ in ("NOUN", "PROPN") and head.i not in range(span.start, span.end):
            return _phrase(head)
        if head.head is head:
            break
        head = head.head
    return None


def _phrase(noun) -> str:
    words = [c for c in noun.lefts if c.dep_ in ("compound", "amod") and not c.like_num] + [noun]
    return " ".join(t.text for t in words)
