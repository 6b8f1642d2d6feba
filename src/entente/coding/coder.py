"""The event coder: sentences in, country-to-country CAMEO/PLOVER events out.

For every verb and noun that the patterns table knows, the coder reads the
source and target from spaCy's parse (:mod:`entente.coding.arguments`),
drops negated and hypothetical ones, turns promises and future tense into
AGREE (PLOVER manual), attaches the date, place and amount of the sentence,
and keeps the sentence as evidence. Within-document dedup is separate
(:mod:`entente.coding.dedup`).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import Protocol, Sequence, TypeVar

from spacy.attrs import DEP, POS
from spacy.parts_of_speech import AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token

from entente.coding import ontology
from entente.coding.arguments import (
    THIRD_PERSON, Side, Sides, acronyms, agent_of, is_joint, datives, objects,
    prep_objects, said_clauses, sides_of, subject_of,
)
from entente.coding.confidence import confidence_base
from entente.coding.layers import Lexicon, default_lexicon, known_code
from entente.coding.patterns import Pattern
from entente.coding.words import word_set
from entente.dictionary import default_dictionary
from entente.lexicon.tagging import dictionary_sides, tag_actors
from entente.nlp.actors import HONORIFICS, TURN_LABEL
from entente.nlp.countries import CountryMention
from entente.nlp.doctext import Sentences, doc_text
from entente.nlp.sectors import sector_words
from entente.records import Actor, Event, Evidence, Money, Place, Quote, TimeExpr

HYPOTHETICAL_AUX = word_set("hypothetical_aux")
REPORTING_VERBS = word_set("reporting_verbs")
FUTURE_AUX = word_set("future_aux")
INTENT_VERBS = word_set("intent_verbs")
NEGATING_VERBS = word_set("negating_verbs")
LIGHT_VERBS = word_set("light_verbs")
PURPOSE_VERBS = word_set("purpose_verbs")
RECIPIENT_VERBS = word_set("recipient_verbs")
GENERIC_NOUNS = word_set("generic_nouns")
TOPIC_PREPS = word_set("topic_preps")
NOT_TOPICS = word_set("not_topics")
IRREALIS_HEADS = word_set("irrealis_heads")
PAIR_NOUNS = word_set("pair_nouns")
SEAT_NOUNS = word_set("seat_nouns")
POSSESSIVES = word_set("possessives")
PAIR_WORDS = word_set("pair_words")
SAYING_VERBS = word_set("saying_verbs")
VERBAL_ROOTS = word_set("verbal_roots")
HOSTILE_ROOTS = word_set("hostile_roots")
AGREEMENT_ROOTS = word_set("agreement_roots")
VAGUE_VERBS = word_set("vague_verbs")
VAGUE_OR_LIGHT_VERBS = VAGUE_VERBS | LIGHT_VERBS
PERFORMATIVE_VERBS = word_set("performative_verbs")
POLITE_HEADS = word_set("polite_heads")
WHERE_PREPS = word_set("where_preps")
VOCATIVE_LEADS = word_set("vocative_leads")
SUBJECTED_PREPS = word_set("subjected_preps")
AIMED_PREPS = word_set("aimed_preps")
RESPONSE_ROOTS = word_set("response_roots")
DEFINITE = word_set("definite")
BODY_HEADS = word_set("body_heads")
LOOKING_FORWARD = word_set("looking_forward")
PLACE_STRUCK_ROOTS = word_set("place_struck_roots")
STANDING_ROOTS = word_set("standing_roots")
ANTECEDENT_SENTENCES = 4
PURPOSE_ROOTS = word_set("purpose_roots")
# Coordinated actors on one side ("Saudi Arabia, the UAE, Bahrain and Egypt cut ties"): each acts.
MAX_SIDES = 6
# Future and promised actions are AGREE (CAMEO 03), by the root they promise.
FUTURE_CODE = {"04": "036", "05": "030", "06": "031", "07": "033", "08": "035",
               "15": "138", "18": "138", "19": "138", "20": "138", "16": "131", "17": "137", "14": "133"}


@dataclass(frozen=True, slots=True)
class Context:
    """Everything the coder reads besides the parse."""

    sides: Sides
    places: Sequence[Place]
    dates: Sequence[TimeExpr]
    money: Sequence[Money]
    quotes: Sequence[Quote]
    published: str | None
    # For _starting_in: per list, its items' offsets sorted once, with their positions in the list.
    offsets: dict[str, tuple[list[int], list[int]]] = field(default_factory=dict, init=False, repr=False,
                                                             compare=False)


class _Starts(Protocol):
    @property
    def start(self) -> int: ...


_T = TypeVar("_T", bound=_Starts)


def _starting_in(ctx: Context, name: str, items: Sequence[_T], start: int, end: int) -> list[_T]:
    """The items of ``ctx``'s list ``name`` (``items``) that start in ``start:end``, in list order.

    Each event reads the dates, places and amounts of its sentence; filtering whole lists for each
    made a long document quadratic. The offsets are sorted once per context and bisected.
    """
    index = ctx.offsets.get(name)
    if index is None:
        order = sorted(range(len(items)), key=lambda i: items[i].start)
        index = ctx.offsets[name] = ([items[i].start for i in order], order)
    starts, order = index
    lo = bisect_left(starts, start)
    return [items[i] for i in sorted(order[lo: bisect_left(starts, end, lo)])]


def build_sides(doc: Doc, actors: Sequence[Actor], countries: Sequence[CountryMention],
                places: Sequence[Place], quotes: Sequence[Quote], lexicon: Lexicon | None = None,
                date: str | None = None, *, sents: Sentences | None = None) -> Sides:
    """Index tokens by the country they stand for (media are messengers, not sides).

    sents (Sentences | None): the document's sentences, listed once (default: listed here); the
        sides keep them for the coder (``Sides.sentences``).
    """
    lexicon = lexicon or default_lexicon()
    sides = Sides(doc, event_nouns=lexicon.noun_lemmas(), sents=sents)
    media = [(a.start, a.end) for a in actors if a.role == "MED"]
    geography = [(p.start, p.end) for p in places if p.kind in ("water", "region")]
    for m in countries:
        if any(s <= m.start_char < e for s, e in media + geography):
            continue  # "The India Times", "Sea of Japan": a messenger or a sea, not the country
        # A capital or seat of government standing for its state ("Tokyo said", "the Kremlin") is
        # the government: it keeps its own name so its code can say so.
        seat = m.kind in ("capital", "metonym")
        for i in range(m.start, m.end):
            sides.country[i] = (m.iso3, m.text if seat else None)
        if seat:
            sides.codes[(m.iso3, m.text)] = actor_code(m.iso3, "GOV")
        if m.kind == "capital":
            sides.capitals.add((m.iso3, m.text))
    by_start = sorted((m.start_char, m.iso3) for m in countries)  # read by bisection: once per actor
    starts = [start for start, _ in by_start]  # scanning them all made a long document quadratic
    for a in actors:
        inner = {iso3 for _, iso3 in by_start[bisect_left(starts, a.start): bisect_left(starts, a.end)]}
        if a.country and a.role != "MED" and len(inner) < 2:  # "China-Nepal Railway" is both
            for tok in _tokens(doc, a.start, a.end):
                sides.country[tok.i] = (a.country, a.name)
            sides.codes.setdefault((a.country, a.name), actor_code(a.country, a.role))
    _definite_bodies(doc, sides, actors)
    for p in places:
        if p.country:
            for tok in _tokens(doc, p.start, p.end):
                sides.place[tok.i] = p.country
    for q in quotes:
        if q.speaker_country:
            for tok in _tokens(doc, q.start, q.end):
                sides.speaker[tok.i] = (q.speaker_country, q.speaker)
    spoken = turns(doc, actors, date)
    voices = {who[0]: who for _, _, who in spoken}
    for start, end, who in spoken:
        # Two parties talking to each other: "you" is the other one ("we support your decisions").
        other = [v for c, v in voices.items() if c != who[0]] if len(voices) == 2 else []
        for i in range(start, end):
            sides.speaker.setdefault(i, who)
            if other:
                sides.addressee.setdefault(i, other[0])
        if not other:
            _vocatives(doc, sides, start, end, who)
    _background(doc, sides, lexicon, date, media + [(p.start, p.end) for p in places])
    acronyms(doc, sides)
    pairs(doc, sides)
    demonstrated(doc, sides)
    return sides


def _definite_bodies(doc: Doc, sides: Sides, actors: Sequence[Actor]) -> None:
    """"The court", "the agency", "the fund" after a body whose name holds that word ("the Permanent
    Court of Arbitration", "the International Atomic Energy Agency"): the last such body named."""
    named: list[tuple[int, str, tuple[str, str]]] = []
    for a in actors:
        if a.kind == "org" and a.country and a.name and a.role != "MED":
            for w in a.name.lower().split():
                if w in BODY_HEADS:
                    named.append((a.end, w, (a.country, a.name)))
    if not named:
        return
    named.sort()
    for tok in doc:
        word = tok.lower_
        if word not in BODY_HEADS or tok.i in sides.country or tok.pos_ != "NOUN":
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) \
                or any(c.dep_ in ("compound", "amod", "poss", "prep") for c in tok.children):
            continue  # "the central bank of Kenya", "the IMF's board": a body of its own
        before = [who for end, w, who in named if w == word and end <= tok.idx]
        if before:
            sides.country[tok.i] = before[-1]


def _vocatives(doc: Doc, sides: Sides, start: int, end: int, who: tuple[str, str]) -> None:
    """One speaker addressing a guest ("Minister Kuleba, it's an honor to welcome you", "Well, Mr.
    Minister, ..."): from the vocative to the end of the turn "you" is the guest. A vocative that names
    its person gives the country; a bare title ("Mr. Minister") is the document's other main state."""
    titles = sector_words()
    for sent in sides.sentences.overlapping(start, end):
        words = [t for t in sent if not t.is_space and start <= t.i < end]
        while words and (words[0].lower_ in VOCATIVE_LEADS or words[0].is_punct):
            words = words[1:]
        comma = next((n for n, t in enumerate(words[:7]) if t.text == ","), None)
        if not comma:
            continue
        head = words[:comma]
        if not all(t.pos_ == "PROPN" or t.text in HONORIFICS or t.is_title for t in head):
            continue
        if not (head[0].text in HONORIFICS or titles.longest("title", [t.text for t in head])):
            continue
        named = [sides.country[t.i] for t in head if t.i in sides.country]
        guest = named[0] if named else _counterpart(doc, sides, who[0])
        if guest is None or guest[0] == who[0]:
            continue
        for i in range(head[0].i, end):
            sides.addressee.setdefault(i, guest)


def _counterpart(doc: Doc, sides: Sides, own: str) -> tuple[str, str | None] | None:
    """The state the document names most often besides ``own``, if clearly the most (a bilateral
    meeting's guest)."""
    counts: dict[str, int] = {}
    for t in doc:
        hit = sides.country.get(t.i)
        if hit and hit[0] != own and len(hit[0]) == 3 and (t.i == 0 or sides.country.get(t.i - 1) != hit):
            counts[hit[0]] = counts.get(hit[0], 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return None
    return (ranked[0][0], None)


def _background(doc: Doc, sides: Sides, lexicon: Lexicon, date: str | None,
                skip: list[tuple[int, int]]) -> None:
    """Names and agent nouns of the lexicon's actor dictionaries ("Sergey Lavrov" as of the
    document's date, "Ethiopian troops") for tokens entente's own finder left without a state
    (not inside a news outlet's name or a place: "the Sea of Japan" is no side)."""
    if lexicon.actors is None and lexicon.agents is None:
        return
    states = default_dictionary().countries
    tags = [t for t in tag_actors(doc, lexicon.actors, lexicon.agents, date)
            if t.country in states and not any(i in sides.country for i in range(t.start, t.end))
            and not any(s <= doc[t.start].idx < e for s, e in skip)]
    dictionary_sides(sides, tags, name_of=lambda t: doc[t.start:t.end].text, keep_codes=True, tell_by="country")




def turns(doc: Doc, actors: Sequence[Actor], date: str | None) -> list[tuple[int, int, tuple[str, str]]]:
    """The turns of a transcript: ``(first token, end token, (country, speaker))`` for each stretch of
    text after a speaker's upper-case label, up to the next label; "I", "we" and "our" there are the
    speaker's. A label is resolved by the document's own actors (a surname in the label) or the
    actor dictionary; turns whose speaker has no known country are left out."""
    text = doc_text(doc)
    labels = list(TURN_LABEL.finditer(text))
    out: list[tuple[int, int, tuple[str, str]]] = []
    for n, m in enumerate(labels):
        who = _speaker(m.group(1), actors, date)
        if who is None:
            continue
        end_char = labels[n + 1].start() if n + 1 < len(labels) else len(text)
        span = doc.char_span(m.end(), end_char, alignment_mode="contract")
        if span is not None and len(span):
            out.append((span.start, span.end, who))
    return out


def _speaker(label: str, actors: Sequence[Actor], date: str | None) -> tuple[str, str] | None:
    words = [w.strip(".,").lower() for w in label.split()]
    for a in actors:
        surname = a.name.split()[-1].lower() if a.kind == "person" and a.name else ""
        if a.country and surname and surname in words:
            return a.country, a.name
    dictionary = default_dictionary()
    for w in reversed(words):
        entry = dictionary.person_by_surname(w.title(), date)
        if entry is not None and entry.country:
            return entry.country, entry.name
    return None


def pairs(doc: Doc, sides: Sides) -> None:
    """"Both sides", "the two countries", "the two neighbours": the last two countries named before.

    The two are read from the sentence itself and up to two sentences back; the phrase then stands
    for both (an appeal "urged both sides to ..." goes to each, "the two countries agreed" is joint).
    """
    for i, lemma in enumerate(sides.lemma):
        if lemma not in PAIR_NOUNS or i in sides.country:
            continue
        tok = doc[i]
        if not any(c.lower_ in PAIR_WORDS for c in tok.children if c.dep_ in ("det", "nummod", "predet", "amod")):
            continue
        here, start = sides.sentences.start_back(tok.i), sides.sentences.start_back(tok.i, 2)
        # Earlier sentences first (the sentence's own subject is usually the third party that
        # addresses the pair), then the words before the phrase.
        found: list[tuple[str, str | None]] = []
        for t in [*reversed(doc[start: here]), *reversed(doc[here: tok.i])]:
            hit = sides.country.get(t.i)
            if hit and hit[0] not in [f[0] for f in found] and len(hit[0]) == 3:
                found.append(hit)
            if len(found) == 2:
                sides.several[tok.i] = [found[1], found[0]]
                break


def demonstrated(doc: Doc, sides: Sides) -> None:
    """"That country", "that nation": the last country named, in the sentence or the one before
    ("the partnership between the U.S. and Saudi Arabia while hosting that country's defense minister")."""
    for i, lemma in enumerate(sides.lemma):
        if lemma not in ("country", "nation") or i in sides.country:
            continue
        tok = doc[i]
        if not any(c.dep_ == "det" and c.lower_ == "that" for c in tok.children):
            continue
        start = sides.sentences.start_back(tok.i, 1)
        hit = next((sides.country[t.i] for t in reversed(doc[start:tok.i]) if t.i in sides.country
                    and len(sides.country[t.i][0]) == 3), None)
        if hit is not None:
            sides.country[tok.i] = (hit[0], None)


def actor_code(country: str, role: str | None) -> str:
    """The field's actor code: country + sector ("PAKGOV"); an organisation's own code stands alone."""
    if not role or role == "IGO" or len(country) != 3:
        return country
    return country + role


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


@dataclass(frozen=True, slots=True)
class Candidate:
    """One trigger on its way to events: what matched, who acts on whom, and how sure.

    The coder's stages each take and give candidates: :func:`match` (a layer's sense of the
    word), :func:`passes` (negation, conditions, requests), :func:`arguments` (the sides), then
    :func:`attach` turns each source-target pair into an :class:`Event` with its date, place,
    amount, evidence and confidence; within-document dedup (:mod:`entente.coding.dedup`)
    resolves the events of a document.
    """

    trigger: Token
    pattern: Pattern
    verb: Token | None = None       # the verb governing a noun trigger (the trigger itself for verbs)
    pairs: tuple[tuple[Side, Side], ...] = ()
    future: bool = False

    @property
    def kind(self) -> str:
        return _kind(self.pattern)


def code_events(doc: Doc, ctx: Context, lexicon: Lexicon | None = None) -> list[Event]:
    """Every event in ``doc``, one per trigger and pair (before within-document dedup)."""
    lexicon = lexicon or default_lexicon()
    nouns = lexicon.noun_lemmas()
    events: list[Event] = []
    implied: Side | None = None
    # The words :func:`match` may take, picked from arrays: no Token for the others.
    cols = doc.to_array([POS, DEP]).tolist()
    aux = {doc.vocab.strings[d] for d in ("aux", "auxpass")}
    triggers = {i for i, (pos, dep) in enumerate(cols) if pos in TRIGGER_POS and dep not in aux}
    for sent in ctx.sides.sentences.spans:
        consumed: set[int] = set()
        for i in range(sent.start, sent.end):
            if i in consumed or i not in triggers:
                continue
            tok = doc[i]
            found = match(tok, lexicon)
            if found is None:
                continue
            ok = passes(found)
            coded = attach(arguments(found, ctx.sides, implied, lexicon.future_as_agree), ctx, nouns) if ok else []
            if found.pattern.pos == "verb" and found.kind != "dictionary-generic" and (coded or not ok):
                # the verb's objects are its own: "signed a deal" is one event, not two; a noun event
                # with actors of its own deeper in the phrase still counts ("lauded the success of
                # the US strike on Iranian sites"), and so does the object of a verb that named no
                # one ("hosting conversations between US and Russian officials")
                consumed.update(o.i for o in objects(tok))
            events += coded
        implied = _sentence_subject(sent, ctx.sides) or implied
    return events


TRIGGER_POS = frozenset({VERB, NOUN, AUX})  # the parts of speech match() looks at


def match(tok: Token, lexicon: Lexicon) -> Candidate | None:
    """Stage 1: the lexicon's sense of ``tok`` (the first layer with one wins)."""
    if tok.pos_ not in ("VERB", "NOUN", "AUX") or tok.dep_ in ("aux", "auxpass"):
        return None
    pattern = lexicon.match(tok)
    if pattern is None:
        return None
    candidate = Candidate(tok, pattern, tok if pattern.pos == "verb" else _governing_verb(tok))
    if (candidate.kind in ("dictionary-generic", "dictionary-specific")
            and tok.lemma_.lower() in VAGUE_OR_LIGHT_VERBS):
        # "conducted a strike", "relations take a new turn": the plain code of so common a verb says nothing
        return None
    return candidate


def passes(c: Candidate) -> bool:
    """Stage 2: the filters. A negated act, a condition, a request or wish is no event."""
    return not (_negated(c.trigger, c.verb) or _hypothetical(c.verb or c.trigger))


def attach(c: Candidate, ctx: Context, nouns: frozenset[str]) -> list[Event]:
    """Stage 4: one event per source-target pair, with date, place, amount, evidence and confidence."""
    return [_event(c.trigger, c.pattern, s, t, c.future, ctx, nouns) for s, t in c.pairs]


# ---------------------------------------------------------------- one trigger

def arguments(c: Candidate, sides: Sides, implied: Side | None, future_as_agree: bool = True) -> Candidate:
    """Stage 3: who acts on whom. The pattern's own slots first, then the fallbacks in order:
    the place of the event, the sentence before (mediators), "against X" for hostile acts, the
    clause a verbal act governs, and "between A and B"; joint subjects and mutual acts pair up."""
    tok, p, verb = c.trigger, c.pattern, c.verb
    if p.pos == "verb":
        sources, targets = _verb_sides(tok, p, sides, implied)
    else:
        sources, targets = _noun_sides(tok, p, verb, sides, implied)
    subject = subject_of(verb)[0] if verb is not None else None
    joint = is_joint(subject, sides) or is_joint(tok, sides)
    if not targets and "place" in p.target:
        targets = _place_sides(verb or tok, sides, tok)
    if not targets and "implied" in p.target:
        targets = _previous_sentence_sides(tok, sides, {s[0] for s in sources})
    if not targets and p.cameo[:2] in HOSTILE_ROOTS:  # "launched a shelling offensive against X"
        targets = [s for h in (tok, *objects(tok)) for o in prep_objects(h, "against") for s in sides_of(o, sides)]
    if not targets and p.cameo[:2] in PURPOSE_ROOTS:  # "imposed sanctions to weaken Russia"
        targets = [s for h in (tok, *objects(tok)) for c in h.children if c.dep_ in ("advcl", "acl")
                   and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                   for o in objects(c) for s in sides_of(o, sides)]
    if not targets and p.pos == "verb" and (p.cameo[:2] in VERBAL_ROOTS | AGREEMENT_ROOTS or p.source != "rules") \
            and tok.lemma_.lower() not in SAYING_VERBS:
        targets = _clause_targets(tok, sides, {s[0] for s in sources}, p.cameo[:2] in AGREEMENT_ROOTS,
                                  infinitive=p.source == "rules")
    if not targets and p.pos == "verb" and p.cameo[:2] in RESPONSE_ROOTS:
        # "Maduro rejected the aid" after "trucks carrying US aid": the one whose act it answers
        targets = _antecedent_sides(tok, sides, {s[0] for s in sources})
    if not sources and not targets and not _standing(p):
        # "fighting erupted between Armenia and Azerbaijan": an event whose subject is no actor, between two
        # (a standing "partnership between A and B" is no event)
        heads = [tok, *([subject] if subject is not None else []),
                 *([tok.head] if tok.dep_ in ("nsubj", "nsubjpass") else [])]  # "clashes erupted between"
        between = [s for h in heads for o in prep_objects(h, "between") for s in sides_of(o, sides)]
        if len(between) >= 2:
            sources, targets = between[:1], between[1:2]
    future = _future(verb or tok) and future_as_agree
    if len(sources) >= 2 and not targets and _mutual(verb or tok):
        # "India and Pakistan postponed their talks": each does it to the other
        pairs = [(s, t) for s in sources[:MAX_SIDES] for t in sources[:MAX_SIDES] if s[0] != t[0]]
    elif len(sources) >= 2 and not targets and (p.symmetric or joint):
        # "India and Pakistan met": one act of both, written each way (within-document dedup keeps one)
        a, b = sources[0], sources[1]
        pairs = [(a, b), (b, a)] if p.symmetric else [(a, b)]
    else:
        pairs = [(s, t) for s in sources[:MAX_SIDES] for t in targets[:MAX_SIDES]]
    return replace(c, pairs=tuple((s, t) for s, t in pairs if _distinct(s, t, sides)), future=future)


def _mutual(verb: Token) -> bool:
    """The act is aimed at each other: "their meeting", "each other", "one another" as its object."""
    for o in objects(verb):
        if any(c.dep_ == "poss" and c.lower_ == "their" for c in o.children):
            return True
        if o.lower_ == "other" and any(c.lower_ in ("each", "one") for c in o.children):
            return True
        subj, _ = subject_of(verb)
        if o.lower_ == "other" and subj is not None and any(c.lower_ == "each" for c in subj.children):
            return True  # "each side blamed the other"
    return False


def _distinct(src: Side, tgt: Side, sides: Sides) -> bool:
    """Two different actors: different countries, or one country's different sectors (a domestic
    event: "police arrested opposition leaders")."""
    if src[0] != tgt[0]:
        return True
    a, b = sides.code(src), sides.code(tgt)
    return a != b and len(a) > len(src[0]) and len(b) > len(tgt[0])


def _verb_sides(tok: Token, p: Pattern, sides: Sides, implied: Side | None) -> tuple[list[Side], list[Side]]:
    subj, passive = subject_of(tok)
    if "subj" in p.target:
        # "Zelensky said Belarus was complicit", '"Iran is an aggressor," he said': the one who says it
        # accuses the clause's subject
        direct = subj if subj is not None and subj.head.i == tok.i else None
        accusers: list[Side] = []
        if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in SAYING_VERBS | REPORTING_VERBS:
            accusers = _subject_sides(subject_of(tok.head)[0], sides, implied)
        elif tok.i in sides.speaker:
            accusers = [(*sides.speaker[tok.i], 0.7)]
        return accusers, (sides_of(direct, sides) if direct is not None else [])
    if "guest" in p.target and not passive:
        # "it's great to have you back", "welcomed the Greek minister here": the guest visits the host
        hosts = _subject_sides(subj, sides, implied) if subj is not None and subj.dep_ != "expl" \
            and subj.lower_ != "it" else []
        if not hosts and tok.i in sides.speaker:
            hosts = [(*sides.speaker[tok.i], 0.7)]
        return [s for o in objects(tok) for s in sides_of(o, sides)], hosts
    targets: list[Side] = []
    if passive:
        agent = agent_of(tok)
        sources = sides_of(agent, sides) if agent is not None else []
        targets = sides_of(subj, sides) if subj is not None else []
    else:
        sources = _subject_sides(subj, sides, implied)
        if not sources and (subj is None or subj.dep_ == "expl" or subj.lower_ == "it") and tok.i in sides.speaker:
            # speech with no actor as subject ("Thank you for ...", "it's an honour to meet you"): the speaker's
            sources = [(*sides.speaker[tok.i], 0.7)]
    if not targets:
        targets = _targets(tok, p, sides, objects(tok))
    return sources, targets


def _subject_sides(subj: Token | None, sides: Sides, implied: Side | None) -> list[Side]:
    """Countries of a subject; "it"/"they" take the main clause's subject, else the last sentence's."""
    if subj is None:
        return []
    found = sides_of(subj, sides)
    if found or not (subj.lower_ in THIRD_PERSON or _own_state(subj)):
        return found
    clause = subj.head
    if clause.dep_ in ("ccomp", "xcomp", "advcl", "conj") and clause.head is not clause:
        upper, _ = subject_of(clause.head)
        if upper is not None and upper is not subj:
            found = sides_of(upper, sides)
            if found:
                return [(s[0], s[1], 0.8) for s in found]
    return [(implied[0], implied[1], 0.6)] if implied is not None else []


def _own_state(subj: Token) -> bool:
    """"his country", "their government": a state named by whose it is (read like a pronoun)."""
    return subj.lemma_.lower() in PAIR_NOUNS | SEAT_NOUNS and any(
        c.dep_ == "poss" and c.lower_ in POSSESSIVES for c in subj.children)


def _noun_sides(tok: Token, p: Pattern, verb: Token | None, sides: Sides,
                implied: Side | None) -> tuple[list[Side], list[Side]]:
    own = _own_sides(tok, sides)
    victims = _victims(tok, verb, sides)
    between = [s for o in prep_objects(tok, "between") for s in sides_of(o, sides)]
    done_to = verb is not None and tok.head.i == verb.i and verb.lemma_.lower() in LIGHT_VERBS
    if len(between) >= 2 and (done_to or not _standing(p)):
        # "talks between A and B"; a state of affairs ("the partnership between A and B") only when
        # something is done to it ("signed a partnership between A and B")
        return between[:1], between[1:2]
    if own:
        sources, extra = (own[:1], own[1:]) if p.symmetric or is_joint(tok, sides) else (own, [])
    elif verb is not None and verb.lemma_.lower() in RECIPIENT_VERBS:
        subj, passive = subject_of(verb)
        recipients = [] if passive or subj is None else sides_of(subj, sides)
        givers = [s for h in (tok, verb) for o in prep_objects(h, "from") for s in sides_of(o, sides)]
        return givers, recipients
    elif verb is not None and (verb.lemma_.lower() in LIGHT_VERBS or not p.light):
        subj, passive = subject_of(verb)
        sources = [] if passive else _subject_sides(subj, sides, implied)
        extra = []
    elif p.symmetric and victims:
        # "soldiers were killed in a clash with Chinese troops": the soldiers' side clashed
        return victims, _targets(tok, p, sides, [])
    else:
        return [], []
    own_countries = {s[0] for s in sources}
    targets = extra or [t for t in _targets(tok, p, sides, []) if t[0] not in own_countries] \
        or victims  # "wounded in an attack by Afghan forces", "has been under UN sanctions"
    if not targets and verb is not None:
        targets = _targets(verb, p, sides, [o for o in objects(verb) if o.i != tok.i])
    return sources, targets


def _standing(p: Pattern) -> bool:
    """A noun for a standing relation ("partnership", "cooperation"), not an act ("clashes")."""
    return p.pos == "noun" and p.light and p.cameo[:2] in STANDING_ROOTS


def _victims(noun: Token, verb: Token | None, sides: Sides) -> list[Side]:
    """The subject's side of a passive verb whose phrase holds the event noun ("were killed in a clash"),
    or of a clause that puts its subject under it ("Eritrea has been under UN sanctions")."""
    if verb is None or noun.head.dep_ != "prep" or noun.head.head.i != verb.i:
        return []
    subj, passive = subject_of(verb)
    if subj is None or not (passive or noun.head.lower_ in SUBJECTED_PREPS):
        return []
    return sides_of(subj, sides)


def _own_sides(noun: Token, sides: Sides) -> list[Side]:
    """Countries named on the noun itself: "Pakistan's deal", "Indian strikes", "US-Pakistan talks"."""
    out: list[Side] = []
    for child in sorted(noun.children, key=lambda c: c.i):
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < noun.i:
            for s in sides_of(child, sides):
                if s[0] not in [o[0] for o in out]:
                    out.append(s)
        elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            out += [s for g in child.children if g.dep_ == "pobj" for s in sides_of(g, sides)]
    return out


def _targets(tok: Token, p: Pattern, sides: Sides, objs: list[Token]) -> list[Side]:
    # The prepositional phrases the "prep:" specs read, listed at the first such spec and kept for
    # the others (a pattern lists several: "prep:to", "prep:with", ...).
    heads: list[list[tuple[str, list[Token]]]] | None = None
    nested: list[tuple[str, list[tuple[str, list[Token]]]]] = []
    for spec in p.target:
        if spec == "obj":
            found = [s for o in objs for s in sides_of(o, sides)]
            if not found and any(o.lemma_.lower() in SEAT_NOUNS for o in objs):
                # "accused the government in Doha": the parser hangs "in Doha" on the verb
                found = [(s[0], s[1], 0.8 * s[2]) for o in prep_objects(tok, "in") if o.i in sides.country
                         for s in sides_of(o, sides)]
        elif spec == "dative":
            found = [s for d in datives(tok) for s in sides_of(d, sides)]
        elif spec.startswith("prep:"):
            lemma = spec[5:]
            if heads is None:
                inner = _inner_nouns(objs)
                heads = [_preps(h) for h in (tok, *objs, *inner, *_purpose(objs + inner))]
                # one preposition further down the verb's own phrase too: "talked by phone in calls with X"
                nested = [(c.lower_, _preps(g)) for c in tok.children if c.dep_ == "prep"
                          for g in c.children if g.dep_ == "pobj"]
            found = [s for h in [*heads, *(h for word, h in nested if word != lemma)]
                     for word, objects_ in h if word == lemma for o in objects_ for s in sides_of(o, sides)]
        elif spec == "said":  # "said Armenia and Azerbaijan must return to talks": the clause's subject
            found = [s for v in said_clauses(tok, p.modal, p.clause) for subj in [subject_of(v)[0]]
                     if subj is not None and subj.head.i == v.i for s in sides_of(subj, sides)]
        elif spec in ("poss", "compound"):
            # the country in the trigger's own modifier: "the Pakistan bailout", "Kyiv's reconstruction"
            found = [s for c in tok.children if c.dep_ == spec and c.i < tok.i for s in sides_of(c, sides)]
        else:
            continue  # place and implied are read by the coder's fallbacks
        if found:
            return found
    return []


def _preps(tok: Token) -> list[tuple[str, list[Token]]]:
    """The prepositions on ``tok`` with their objects, in order: :func:`prep_objects` for every
    preposition at once (``prep_objects(tok, w)`` is the objects of the pairs whose word is ``w``)."""
    return [(c.lower_, [g for g in c.children if g.dep_ in ("pobj", "pcomp")])
            for c in tok.children if c.dep_ in ("prep", "dative")]


def _purpose(objs: list[Token]) -> list[Token]:
    """Participles saying whom an object is for: "$300 million (meant for Pakistan)"."""
    return [c for o in objs for c in o.children if c.dep_ == "acl" and c.lemma_.lower() in PURPOSE_VERBS]


def _inner_nouns(objs: list[Token]) -> list[Token]:
    """Nouns one preposition inside an object: "$300 million in loans (to Bangladesh)"."""
    return [g for o in objs for c in o.children if c.dep_ == "prep" and c.lower_ in ("in", "of", "for")
            for g in c.children if g.dep_ == "pobj"]


def _clause_targets(verb: Token, sides: Sides, exclude: set[str], agreement: bool = False,
                    infinitive: bool = True) -> list[Side]:
    """The target of a verbal act named in the clause it governs: "demanded that China protect ...",
    "criticized the move, saying Saudi Arabia could not ...": the subject of that clause."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    clauses += [g for c in verb.children if c.dep_ == "advcl" and c.lemma_.lower() in SAYING_VERBS
                for g in c.children if g.dep_ == "ccomp"]
    # "signed an accord to supply Gondor with wheat": whom the object's infinitive is aimed at
    purposes = [c for c in verb.children if c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children)]
    for o in [verb, *objects(verb)] if agreement else ():
        for acl in (c for c in o.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" or c in purposes):
            aimed = [*objects(acl), *datives(acl)]
            found = [(s[0], s[1], 0.7 * s[2]) for a in aimed for s in sides_of(a, sides) if s[0] not in exclude]
            if found:
                return found
    for clause in clauses:
        subj, _ = subject_of(clause)
        if subj is None or subj.head.i != clause.i:
            continue
        found = [(s[0], s[1], 0.8 * s[2]) for s in sides_of(subj, sides) if s[0] not in exclude]
        if found:
            return found
    # "threatened to cut gas supplies to Moldova", "refused to recognise Kosovo": whom the act it
    # promises, threatens or refuses is aimed at (entente's own verbs: a dictionary verb's infinitive
    # is too often not aimed at anyone, "proposed to take up the issue with the bank")
    for x in (c for c in verb.children if infinitive and c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")):
        heads = [x, *objects(x)]
        aimed = [*objects(x), *datives(x), *(o for h in heads for lemma in AIMED_PREPS for o in prep_objects(h, lemma))]
        found = [(s[0], s[1], 0.7 * s[2]) for a in aimed for s in sides_of(a, sides) if s[0] not in exclude]
        if found:
            return found
    return []


def _place_sides(tok: Token, sides: Sides, trigger: Token | None = None) -> list[Side]:
    """The country where the event took place: a place in the clause ("a mine in Balochistan"), or a
    country named as the location of the trigger or its clause ("an air strike inside Iran")."""
    heads = {tok.i, (trigger or tok).i}
    for t in tok.subtree:
        if t.i in sides.place:
            return [(sides.place[t.i], None, 0.6)]
        if t.i in sides.country and t.dep_ == "pobj" and t.head.lower_ in WHERE_PREPS and t.head.head.i in heads:
            return [(sides.country[t.i][0], sides.country[t.i][1], 0.7)]
    return []


def _antecedent_sides(verb: Token, sides: Sides, exclude: set[str]) -> list[Side]:
    """The owner of an earlier mention of the definite noun ``verb`` acts on ("rejected the aid",
    "the ruling", "the proposal"): a country on that mention's own modifiers or its "by" phrase
    ("U.S. aid", "Tuesday's ruling by the court"), looked for over the last few sentences."""
    nouns = [o for o in objects(verb) if o.pos_ == "NOUN" and not sides_of(o, sides)
             and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in o.children)]
    if not nouns:
        return []
    doc, start = verb.doc, sides.sentences.start_back(verb.i, ANTECEDENT_SENTENCES)
    for noun in nouns:
        for t in reversed(doc[start:noun.i]):
            if t.lemma_.lower() != noun.lemma_.lower() or t.pos_ != "NOUN":
                continue
            found = [(s[0], s[1], 0.6 * s[2]) for s in _own_sides(t, sides) if s[0] not in exclude]
            if found:
                return found[:1]
    return []


def _previous_sentence_sides(tok: Token, sides: Sides, exclude: set[str]) -> list[Side]:
    """Countries of the sentence before (a mediator "intervened": between whom it just said)."""
    k = sides.sentences.index_of(tok.i)
    if k == 0:
        return []
    prev = sides.sentences.spans[k - 1]
    found: list[Side] = []
    for t in prev:
        hit = sides.country.get(t.i)
        if hit and hit[0] not in exclude and hit[0] not in [f[0] for f in found]:
            found.append((hit[0], hit[1], 0.5))
    return found


def _governing_verb(noun: Token) -> Token | None:
    """The verb a noun trigger is the object of: "launched strikes", "made a host of deals"."""
    t = noun
    preps = 0
    for _ in range(4):
        if t.dep_ in ("dobj", "attr", "pobj", "prep", "nsubjpass", "conj", "appos") and t.head is not t:
            preps += t.dep_ == "prep"
            if preps > 1:
                return None  # "providing aid to Ukraine in its fight against an invasion": not the invasion's verb
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                return t
        else:
            return None
    return None


def _negated(tok: Token, verb: Token | None) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if any(c.lower_ in ("longer", "more") and any(g.lower_ == "no" for g in c.children)
           for c in tok.children if c.dep_ == "advmod"):
        return True  # "no longer paid": stopped, not paid
    if tok.pos_ == "NOUN" and any(c.lower_ == "no" for c in tok.children if c.dep_ == "det"):
        return True
    for v in (verb, verb.head if verb is not None and verb.dep_ in ("xcomp", "ccomp") else None):
        if v is None or v is tok:
            continue
        if any(c.dep_ == "neg" for c in v.children) or v.lemma_.lower() in NEGATING_VERBS:
            return True
    return False


def _reported_would(tok: Token) -> bool:
    """"said it would cancel": "would" is the future of a past report, not a condition."""
    return (tok.dep_ == "ccomp" and tok.head.lemma_.lower() in REPORTING_VERBS and tok.head.tag_ == "VBD"
            and any(c.dep_ == "aux" and c.lower_ == "would" for c in tok.children))


def _performative(tok: Token) -> bool:
    """"I would like to thank", "we want to congratulate": the formula performs the act it names."""
    t = tok
    while t.dep_ == "conj" and t.head is not t:
        t = t.head  # "would like to extend my welcome and express my gratitude"
    return (tok.lemma_.lower() in PERFORMATIVE_VERBS and t.dep_ == "xcomp"
            and t.head.lemma_.lower() in POLITE_HEADS)


def _hypothetical(tok: Token) -> bool:
    if _performative(tok):
        return False
    clause = tok
    while clause.dep_ == "conj" and clause.head is not clause and clause.head.pos_ in ("VERB", "AUX"):
        clause = clause.head  # "threatened to close the border and (to) deport students": both threatened
    if clause.dep_ in ("xcomp", "ccomp") and clause.head.lemma_.lower() in IRREALIS_HEADS:
        return True  # "urged Pakistan to attack", "invited him to visit": asked, not done
    if clause.dep_ == "pcomp" and clause.head.lower_ == "to" and any(
            c.lower_ in LOOKING_FORWARD for c in clause.head.head.children if c.dep_ in ("advmod", "prt")):
        return True  # "we look forward to working with you": hoped for, not done
    before = " ".join(t.lower_ for t in tok.doc[max(tok.i - 2, 0): tok.i])
    if before in ("rather than", "instead of"):
        return True  # "should help rather than criticise", "talks instead of attacking": not done
    chain = [tok] + ([tok.head] if tok.dep_ in ("xcomp", "conj") else [])
    for v in chain:
        for c in v.children:
            if c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX and not _reported_would(v):
                return True
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                return True
        # A modal the parser hung on the subject ("Pakistan might one day sell"): still the verb's.
        subjects = [c for c in v.lefts if c.dep_ in ("nsubj", "nsubjpass")]
        if any(t.tag_ == "MD" and t.lower_ in HYPOTHETICAL_AUX for c in subjects for t in c.subtree):
            return True
    return False


def _future(tok: Token) -> bool:
    if _performative(tok):
        return False
    t = tok
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in t.children) or _reported_would(t):
            return True
        if t.dep_ in ("xcomp", "ccomp") and t.head.lemma_.lower() in INTENT_VERBS:
            return True
        if t.dep_ not in ("xcomp", "conj", "ccomp") or t.head is t:
            return False
        t = t.head
    return False


def _sentence_subject(sent: Span, sides: Sides) -> Side | None:
    """The first country named by a subject of the sentence's root."""
    subjects = sides.root_subjects
    for k in range(bisect_left(subjects, sent.start), len(subjects)):
        if subjects[k] >= sent.end:
            break
        found = sides_of(sides.doc[subjects[k]], sides)
        if found:
            return found[0]
    return None


# ---------------------------------------------------------------- the event

def _event(tok: Token, p: Pattern, src: Side, tgt: Side, future: bool, ctx: Context,
           nouns: frozenset[str]) -> Event:
    code = p.cameo
    if future and code[:2] in FUTURE_CODE:
        code = FUTURE_CODE[code[:2]]
    # A loaded dictionary may use codes outside CAMEO ("1717", the suite's WEIS codes): the event
    # keeps the dictionary's code and takes weights from the nearest CAMEO parent, if any.
    known = known_code(code)
    entry = ontology.cameo(known) if known else None
    plover = p.plover if p.plover and code == p.cameo else entry.plover if entry else None
    sent = ctx.sides.sentences.of(tok.i)
    date, granularity, basis = _date(tok, ctx)
    quality = min(src[2], tgt[2])
    return Event(
        source=src[0], target=tgt[0], source_actor=src[1], target_actor=tgt[1],
        source_code=ctx.sides.code(src), target_code=_target_code(tgt, code, ctx.sides),
        # The crosswalk's mode belongs to the crosswalk's type: a row naming another type has none.
        cameo=code, plover=plover, mode=entry.plover_mode if entry and entry.plover == plover else None,
        context=entry.plover_context if entry else None,
        goldstein=entry.goldstein if entry else 0.0, quad_class=entry.quad_class if entry else 0,
        evidence=(Evidence(doc_text(tok.doc)[sent.start_char:sent.end_char], sent.start_char, sent.end_char),),
        date=date, date_granularity=granularity, date_basis=basis,
        place=_place(tok, ctx), amount_usd=_amount(tok, ctx), trigger=tok.text,
        modality="future" if future else "asserted", symmetric=p.symmetric,
        confidence=round(confidence_base(_kind(p)) * quality, 2),
        about=_about(tok, ctx.sides, nouns), rule=f"{p.source}:{p.line}",
    )


def _target_code(tgt: Side, code: str, sides: Sides) -> str:
    """The target's actor code; a capital struck by force is the country, not its government
    ("missiles hit Kyiv": Ukraine; "Kyiv rejected the offer": Ukraine's government)."""
    if code[:2] in PLACE_STRUCK_ROOTS and (tgt[0], tgt[1]) in sides.capitals:
        return tgt[0]
    return sides.code(tgt)


def _kind(p: Pattern) -> str:
    """The confidence kind of a pattern (``data/lexicon/confidence.tsv``)."""
    if p.source == "rules":
        return f"rules-{p.pos}"
    if p.source == "user":  # a user's own verbs: no calibration of ours applies
        return "user-pattern" if p.line else "user-verb"
    if p.line:
        return "dictionary-pattern"
    return "dictionary-generic" if p.cameo.endswith("0") else "dictionary-specific"


def _about(tok: Token, sides: Sides, nouns: frozenset[str]) -> tuple[str, ...]:
    """Content words of what the trigger acts on ("oil", "reserve"): tells two deals apart."""
    roots = [tok] if tok.pos_ == "NOUN" else objects(tok) + [
        c for c in tok.children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS]
    words = {t.lemma_.lower() for r in roots for t in r.subtree
             if t.pos_ in ("NOUN", "PROPN") and t.i not in sides.country and t.i != tok.i
             and t.ent_type_ not in NOT_TOPICS and t.lemma_.lower() not in GENERIC_NOUNS
             and t.lemma_.lower() not in nouns}
    return tuple(sorted(words))


def _date(tok: Token, ctx: Context) -> tuple[str | None, str | None, str | None]:
    sent = ctx.sides.sentences.of(tok.i)
    quote = next((q for q in ctx.quotes if q.start <= tok.idx < q.end), None)
    here = [d for d in _starting_in(ctx, "dates", ctx.dates, sent.start_char, sent.end_char)
            if d.value and not _since_phrase(tok.doc, d, tok)]
    clause = tok if tok.pos_ in ("VERB", "AUX") else (_governing_verb(tok) or tok)
    here = [d for d in here if not _elsewhere(tok.doc, d, clause)]
    if here:
        best = min(here, key=lambda d: abs(d.start - tok.idx))
        return _not_after(best.value, best.granularity, "sentence", ctx)
    if quote is not None:
        quote_sent = _sentence_of(ctx.sides, quote.start, quote.start + 1)
        intro = [d for d in ctx.dates if d.value and d.end <= quote.start and quote_sent is not None
                 and _sentence_of(ctx.sides, d.start, d.end) == quote_sent]
        if intro:
            return _not_after(intro[-1].value, intro[-1].granularity, "quote", ctx)
    para_start = doc_text(tok.doc).rfind("\n\n", 0, sent.start_char)
    earlier = [d for d in _starting_in(ctx, "dates", ctx.dates, para_start + 1, sent.start_char)
               if d.value and d.granularity != "decade" and not _since_phrase(tok.doc, d)]
    if earlier:
        return _not_after(earlier[-1].value, earlier[-1].granularity, "paragraph", ctx)
    return _published(ctx)


def _published(ctx: Context) -> tuple[str | None, str | None, str]:
    return ctx.published, "day" if ctx.published and len(ctx.published) == 10 else None, "published"


def _not_after(value: str | None, granularity: str | None, basis: str,
               ctx: Context) -> tuple[str | None, str | None, str | None]:
    """A report cannot come before what it reports: a date after publication ("will visit in April")
    is when a promise will be kept, and the promise dates from the report."""
    if (ctx.published and value is not None and value[:10] > ctx.published[:10]
            and not ctx.published.startswith(value)):
        return _published(ctx)
    return value, granularity, basis


def _date_tokens(doc: Doc, d: TimeExpr) -> Span | None:
    return doc.char_span(d.start, d.end, alignment_mode="expand")


def _sentence_of(sides: Sides, start: int, end: int) -> int | None:
    """The sentence (its index in ``sides.sentences``) of the tokens over characters ``start:end``
    (None where no token covers them)."""
    span = sides.doc.char_span(start, end, alignment_mode="expand")
    return sides.sentences.index_of(span.start) if span is not None else None


def _since_phrase(doc: Doc, d: TimeExpr, trigger: Token | None = None) -> bool:
    """The date sits in a "since ..." phrase ("since October 1999", "since he took office in March"):
    when something began, not an event's date. With ``trigger``, only a phrase below the trigger counts
    (a trigger inside the since-clause is dated by it)."""
    span = _date_tokens(doc, d)
    if span is None:
        return False
    for t in [span.root, *span.root.ancestors]:
        if trigger is not None and t.i == trigger.i:
            return False
        if (t.lower_ == "since" and t.dep_ == "prep") or any(
                c.dep_ == "mark" and c.lower_ == "since" for c in t.children):
            return True
    return False


def _elsewhere(doc: Doc, d: TimeExpr, clause: Token) -> bool:
    """The temporal expression belongs to another predicate of the sentence ("trade worth $5 billion
    last year", "Sharif, whose party won the election on 11 May"), not to the trigger's clause."""
    span = _date_tokens(doc, d)
    if span is None:
        return False
    for t in span.root.ancestors:
        if t.i == clause.i:
            return False
        if t.pos_ in ("VERB", "ADJ") and t.dep_ in ("relcl", "acl", "amod", "advcl", "ccomp", "xcomp", "conj"):
            return clause not in t.subtree  # a predicate the trigger's clause is not part of
    return False


def _place(tok: Token, ctx: Context) -> str | None:
    sent = ctx.sides.sentences.of(tok.i)
    here = [p for p in _starting_in(ctx, "places", ctx.places, sent.start_char, sent.end_char)
            if p.kind != "country"]
    return min(here, key=lambda p: abs(p.start - tok.idx)).name if here else None


def _amount(tok: Token, ctx: Context) -> float | None:
    sent = ctx.sides.sentences.of(tok.i)
    here = _starting_in(ctx, "money", ctx.money, sent.start_char, sent.end_char)
    if not here:
        return None
    lo = min(t.idx for t in tok.subtree)
    hi = max(t.idx + len(t) for t in tok.subtree)
    inside = [m for m in here if lo <= m.start < hi]
    pick = inside or (here if len(here) == 1 else [])
    return pick[0].usd if pick else None
