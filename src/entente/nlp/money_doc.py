"""Money in a parsed document: amounts with parties and what they are for."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import accumulate

from spacy.tokens import Doc, Span

from entente.nlp.countries import CountryMention
from entente.nlp.doctext import Sentences, doc_text
from entente.nlp.money import find_amounts, stated_usd, to_money
from entente.records import Actor, Money

ABOUT_PREPS = frozenset({"in", "for", "of"})


def find_money(doc: Doc, countries: list[CountryMention], actors: list[Actor],
               doc_countries: tuple[str, ...], year: int | None, *, sents: Sentences | None = None) -> list[Money]:
    """Each distinct amount in ``doc`` once, in dollars, with parties and subject.

    sents (Sentences | None): the document's sentences, listed once (default: listed here, at the
        first amount).
    """
    text = doc_text(doc)
    amounts = find_amounts(text)
    out: list[Money] = []
    used: set[int] = set()
    seen: set[tuple[str, float]] = set()
    parties_of: _Parties | None = None  # built at the first amount: a document without any needs none
    for i, raw in enumerate(amounts):
        if i in used:
            continue
        stated = stated_usd(text, raw, amounts[i + 1: i + 2])
        if stated is not None:
            used.add(i + 1)
        span = doc.char_span(raw.start, raw.end, alignment_mode="expand")
        parties: tuple[str, ...] = ()
        if span is not None:
            if parties_of is None:
                parties_of = _Parties(countries, actors, sents if sents is not None else Sentences(doc))
            parties = parties_of.of(span)
        money = to_money(raw, year, list(parties) + list(doc_countries), stated)
        if money is None or (money.currency, money.amount) in seen:
            continue
        seen.add((money.currency, money.amount))
        about = _about(span) if span is not None else None
        out.append(replace(money, parties=parties, about=about))
    return out


class _Parties:
    """The countries of each sentence of a document, for the amounts in it.

    An amount's parties are the countries named in its sentence (or, if none, in the sentence
    before), in text order: country mentions outside media names ("The India Times reported...":
    the messenger, not a party) and the countries of the actors that are not media. Mentions and
    actors are sorted by offset once and each sentence is read with a binary search, once: reading
    them all again for every amount made a long report's money quadratic in its length (a
    490,000-character report took minutes).
    """

    def __init__(self, countries: list[CountryMention], actors: list[Actor], sents: Sentences) -> None:
        self._sents = sents
        media = sorted((a.start, a.end) for a in actors if a.role == "MED")
        media_starts = [s for s, _ in media]
        reach = list(accumulate((e for _, e in media), max))  # furthest end of the media so far

        def in_media(offset: int) -> bool:
            k = bisect_right(media_starts, offset) - 1
            return k >= 0 and reach[k] > offset

        items = [(c.start_char, c.iso3) for c in countries if not in_media(c.start_char)]
        items += [(a.start, a.country) for a in actors
                  if a.country and len(a.country) == 3 and a.role != "MED"]
        items.sort()
        self._codes = [code for _, code in items]
        self._offsets = [offset for offset, _ in items]
        self._by_sent: dict[int, list[str]] = {}

    def of(self, span: Span) -> tuple[str, ...]:
        """Countries of the sentence ``span`` starts in (or the one before), in text order."""
        k = self._sents.index_of(span.start)
        found = self._in_sentence(k)
        if not found and k > 0:
            found = self._in_sentence(k - 1)
        return tuple(dict.fromkeys(found))

    def _in_sentence(self, k: int) -> list[str]:
        found = self._by_sent.get(k)
        if found is None:
            sent = self._sents.spans[k]
            lo = bisect_left(self._offsets, sent.start_char)
            hi = bisect_left(self._offsets, sent.end_char, lo)
            found = self._by_sent[k] = self._codes[lo:hi]
        return found


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
