"""Typed, immutable records that flow between entente's stages.

Every stage takes and returns these records; none of them touches files,
network or databases. ``Extraction.to_record`` renders the contract described
in ``shared/eval/SCHEMA.md`` (all keys present, in that shape).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Sequence

from entente.coding.words import word_set


def content_hash(text: str) -> str:
    """Hex SHA-256 of ``text`` with line endings and outer whitespace normalised.

    Two copies of one article that differ only in ``\\r\\n`` versus ``\\n`` or in
    trailing blank lines get the same hash, so a rerun or a re-post is seen as
    the same content.
    """
    normal = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Document:
    """One article or text to analyse.

    ``published`` is an ISO date (``YYYY-MM-DD``, or ``YYYY-MM``/``YYYY`` when
    that is all that is known) or ``None``; ``published_from`` says where it
    came from: ``"record"`` (the item's own date), ``"metadata"`` (the page's
    metadata), ``"option"`` (the ``--published`` option) or ``None``.
    ``origin`` is the path it was read from, with ``:line`` for collections.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    published_from: str | None = None
    origin: str = ""
    kind: str = "text"
    encoding: str = "utf-8"
    content_hash: str = ""

    def __post_init__(self) -> None:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", content_hash(self.text))


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that could not be used, with the reason (never silent).

    ``code`` is an ``E###`` code from :mod:`entente.errors`.
    """

    path: str
    code: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.code} {self.reason}"


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning about an input that was still used (``W###`` code)."""

    path: str
    code: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.code} {self.reason}"


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, organisation or group mentioned in a document.

    ``country`` is an ISO 3166-1 alpha-3 code, an IGO code (``UN``, ``IMF``)
    or ``None`` when the text does not say; ``role`` a CAMEO sector code.
    ``name`` is the canonical name (dictionary entry or the longest mention).
    ``basis`` says how the country was resolved (``dictionary``, ``title``,
    ``context``, ``coreference``...), so every resolution can be audited.
    One record is one mention; mentions of the same person or body share
    ``entity`` (numbered within the document): see :func:`actor_entities`.
    """

    text: str
    start: int
    end: int
    name: str
    kind: str
    country: str | None = None
    role: str | None = None
    basis: str | None = None
    entity: int = 0
    listed: bool = True  # names an actor in its own right (not a modifier, a cited outlet, a site...)

    def to_record(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "role": self.role,
            "start": self.start,
            "end": self.end,
            "basis": self.basis,
            "entity": self.entity,
            "listed": self.listed,
        }




def _fullness(a: Actor) -> tuple[int, int]:
    honorifics = word_set("honorifics", "actor_words")
    words = [w for w in a.text.split() if w not in honorifics]
    return len(words), -a.start


def entity_texts(actors: Sequence[Actor]) -> dict[int, str]:
    """Each person's or body's fullest mention as written (listed mentions first): the form a reader
    knows them by, for the actor list and for quote speakers ("Adel al-Jubeir", not "Jubeir")."""
    best: dict[int, Actor] = {}
    for a in actors:
        held = best.get(a.entity)
        if held is None or (a.listed, _fullness(a)) > (held.listed, _fullness(held)):
            best[a.entity] = a
    return {e: a.text for e, a in best.items()}


def actor_entities(actors: Sequence[Actor]) -> list[dict[str, Any]]:
    """One record per person or body (groups such as "Pakistani officials" are left to
    :func:`actor_groups`): the fullest listed mention as ``text``, every mention with its offsets.
    A body or person never named in its own right (only a modifier, a cited outlet, a site) is
    left out."""
    by_entity: dict[int, list[Actor]] = {}
    for a in actors:
        if a.kind != "group":
            by_entity.setdefault(a.entity, []).append(a)
    out = []
    for mentions in by_entity.values():
        listed = [m for m in mentions if m.listed]
        if not listed:
            continue  # only ever a modifier, a cited outlet, a site...
        full = max(listed, key=_fullness)
        resolved = next((m for m in mentions if m.basis and m.basis != "coreference"), full)
        out.append({
            "text": full.text, "name": full.name, "kind": full.kind, "country": full.country,
            "role": full.role, "basis": resolved.basis or full.basis, "start": full.start, "end": full.end,
            "entity": full.entity,
            "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in mentions],
        })
    return out


def actor_groups(actors: Sequence[Actor]) -> list[dict[str, Any]]:
    """Groups named by a country and a collective noun ("Pakistani officials", "US forces"): not
    named actors, kept apart with their offsets."""
    return [a.to_record() for a in actors if a.kind == "group"]


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of money, normalised to US dollars.

    ``amount`` and ``currency`` are as written; ``usd`` the value in dollars;
    ``rate`` the USD value of one unit of ``currency`` that was used and
    ``rate_basis`` where it came from (``identity``, ``stated``, or
    ``annual-average:YYYY``).
    """

    text: str
    start: int
    end: int
    amount: float
    currency: str
    usd: float
    rate: float
    rate_basis: str
    approximate: bool = False
    parties: tuple[str, ...] = ()
    about: str | None = None

    def to_record(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "usd": self.usd,
            "amount": self.amount,
            "currency": self.currency,
            "rate": self.rate,
            "rate_basis": self.rate_basis,
            "approximate": self.approximate,
            "parties": list(self.parties),
            "about": self.about,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Place:
    """A place named in the text, resolved to a gazetteer entry.

    ``kind``: ``city``, ``town``, ``province``, ``district``, ``site``, ``port``,
    ``region``, ``water`` or ``country``. ``geonameid`` is GeoNames' id where the
    gazetteer has one. ``basis`` says how an ambiguous name was decided.
    """

    text: str
    start: int
    end: int
    name: str
    country: str | None
    kind: str
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    geonameid: int | None = None
    basis: str | None = None

    def to_record(self) -> dict[str, Any]:
        return {
            "text": self.text, "name": self.name, "country": self.country, "kind": self.kind,
            "lat": self.lat, "lon": self.lon, "admin1": self.admin1, "geonameid": self.geonameid,
            "start": self.start, "end": self.end, "basis": self.basis,
        }


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A temporal expression resolved against the publication date.

    ``value`` is ISO at the text's own precision (``2025``, ``2025-11``,
    ``2025-11-13``); ``granularity`` one of ``day``, ``week``, ``month``,
    ``season``, ``quarter``, ``year``, ``decade``; ``value`` is ``None`` when
    the expression cannot be placed in time ("in recent years").
    """

    text: str
    start: int
    end: int
    value: str | None
    granularity: str | None
    basis: str | None = None

    def to_record(self) -> dict[str, Any]:
        return {"text": self.text, "value": self.value, "granularity": self.granularity,
                "start": self.start, "end": self.end, "basis": self.basis}


@dataclass(frozen=True, slots=True)
class Quote:
    """Direct speech with its speaker (``None`` when the text does not say)."""

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_country: str | None = None
    speaker_role: str | None = None
    cue: str | None = None
    basis: str | None = None

    def to_record(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "speaker_country": self.speaker_country,
                "speaker_role": self.speaker_role, "text": self.text, "cue": self.cue,
                "start": self.start, "end": self.end, "basis": self.basis}


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence that supports an event, with its character offsets."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Event:
    """A directed country-to-country interaction coded in CAMEO and PLOVER.

    ``date`` is ISO at the precision the text allows and ``date_basis`` says
    where it came from: ``sentence`` (a date in the sentence), ``quote`` (the
    date of the sentence that introduces a quotation), ``paragraph`` (the last
    date named earlier in the paragraph) or ``published`` (the document date).
    ``evidence`` lists every sentence that reports it (within-document dedup
    merges them). ``modality`` is ``asserted`` or ``future`` (promises and
    future tense, coded AGREE per the PLOVER manual).
    """

    source: str
    target: str
    cameo: str
    plover: str | None
    goldstein: float
    quad_class: int
    evidence: tuple[Evidence, ...]
    source_actor: str | None = None
    target_actor: str | None = None
    mode: str | None = None
    context: str | None = None
    date: str | None = None
    date_granularity: str | None = None
    date_basis: str | None = None
    place: str | None = None
    amount_usd: float | None = None
    trigger: str | None = None
    modality: str = "asserted"
    symmetric: bool = False
    confidence: float = 0.5
    about: tuple[str, ...] = ()  # content words of what the trigger acts on
    # Actor codes in the field's convention: country + sector ("RUSGOV", "UKRMIL"), or the code
    # a loaded dictionary gives; the country alone when the text names no sector.
    source_code: str | None = None
    target_code: str | None = None
    # Which knowledge coded it: "rules:<line of event_patterns.tsv>", "dictionary:<line of the verb
    # dictionary>" ("dictionary:0": the verb's own code, no pattern).
    rule: str | None = None

    def to_record(self) -> dict[str, Any]:
        first = self.evidence[0] if self.evidence else None
        return {
            "source": self.source, "target": self.target,
            "source_code": self.source_code or self.source, "target_code": self.target_code or self.target,
            "source_actor": self.source_actor, "target_actor": self.target_actor,
            "cameo": self.cameo, "plover": self.plover, "mode": self.mode, "context": self.context,
            "goldstein": self.goldstein, "quad_class": self.quad_class,
            "date": self.date, "date_granularity": self.date_granularity, "date_basis": self.date_basis,
            "place": self.place, "amount_usd": self.amount_usd,
            "evidence": first.text if first else None,
            "evidence_spans": [{"text": e.text, "start": e.start, "end": e.end} for e in self.evidence],
            "trigger": self.trigger, "modality": self.modality, "symmetric": self.symmetric,
            "confidence": self.confidence, "about": list(self.about), "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document (the extraction contract)."""

    id: str
    published: str | None
    countries: tuple[str, ...] = ()
    actors: tuple[Actor, ...] = ()
    money: tuple[Money, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[TimeExpr, ...] = ()
    # Every place a country is named: (text, start, end, iso3), for evidence and quotes.
    country_mentions: tuple[tuple[str, int, int, str], ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    title: str | None = None
    url: str | None = None
    content_hash: str = ""

    def to_record(self) -> dict[str, Any]:
        """The JSON-ready record of ``shared/eval/SCHEMA.md``."""
        return {
            "id": self.id,
            "published": self.published,
            "title": self.title,
            "url": self.url,
            "content_hash": self.content_hash,
            "countries": list(self.countries),
            "actors": actor_entities(self.actors),
            "groups": actor_groups(self.actors),
            "places": [p.to_record() for p in self.places],
            "dates": [d.to_record() for d in self.dates],
            "money": [m.to_record() for m in self.money],
            "quotes": [q.to_record() for q in self.quotes],
            "events": [e.to_record() for e in self.events],
        }
