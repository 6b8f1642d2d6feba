"""Actors: people, organisations and groups, with their country and sector.

Resolution, strongest evidence first, and recorded in ``Actor.basis``:

1. ``dictionary`` - the actor dictionary (people by term of office on the
   document's date, organisations, government metonyms such as "White House");
2. ``title`` - a title or owner next to the name: "US President Trump",
   "Pakistan's Chief of Army Staff Asim Munir", "Natalie Baker, US Charge
   d'Affaires", "The New York Times' Pranav Baskar";
3. ``name`` - a country inside an organisation's name: "Indian Army",
   "Exim Bank of the United States" (not "... in Pakistan": that is a place);
4. ``coreference`` - a surname after its full name ("Munir" -> "Asim Munir"),
   or a leader's surname on a date when one holder of it is in office.

Nothing else: a person the text and dictionary say nothing about keeps
``country=None``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Sequence

from spacy.attrs import IS_TITLE, ORTH, POS
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span, Token

from entente.coding.words import word_set
from entente.dictionary import ActorDictionary
from entente.nlp.countries import CountryMention
from entente.nlp.doctext import Sentences, alone_on_line, doc_text
from entente.nlp.places import DATELINE
from entente.nlp.sectors import SectorWords
from entente.records import Actor

HONORIFICS = word_set("honorifics", "actor_words")
# A name ending in one of these is a thing, not an actor; one starting with these too.
NON_ACTOR_HEADS = word_set("non_actor_heads", "actor_words")
NON_ACTOR_FIRST = word_set("non_actor_first", "actor_words")
# Bare capitalised bodies with no owner named: "State" (of "Secretary of State").
GENERIC_BODIES = word_set("generic_bodies", "actor_words")
FRAGMENT_EDGES = word_set("fragment_edges", "actor_words")
RANK_ABBREVIATIONS = word_set("rank_abbreviations", "actor_words")
DEMONSTRATIVES = word_set("demonstratives", "actor_words")
SITED_PREPS = word_set("sited_preps", "actor_words")
CITING_VERBS = word_set("citing_verbs", "actor_words")
NEWS_AGENCIES = word_set("news_agencies", "actor_words")
SITE_VERBS = word_set("site_verbs", "actor_words")
NAME_PARTICLES = word_set("name_particles", "actor_words")
SHIP_PREFIXES = word_set("ship_prefixes", "actor_words")
UNIT_WORDS = word_set("unit_words", "actor_words")
ROYAL_STYLES = word_set("royal_styles", "actor_words")
FRAMED_BODIES = word_set("framed_bodies", "actor_words")
SITE_NOUNS = word_set("site_nouns", "actor_words")
ARRIVAL_VERBS = word_set("arrival_verbs", "actor_words")
BODY_NOUNS = word_set("body_nouns", "actor_words")
PERSONAL_PRONOUNS = word_set("personal_pronouns", "actor_words")
NAME_SUFFIXES = word_set("name_suffixes", "actor_words")
LEADER_BODIES = word_set("leader_bodies", "actor_words")
# "JF-17", "MH-60R", "COVID-19", "F-16s": model designations are things, not actors.
MODEL_DESIGNATION = re.compile(r"^[A-Z]{1,6}-?\d{1,4}[A-Z]?s?$|^[A-Z]+-\d")
APOSTROPHES = frozenset({"'s", "’s", "'", "’"})
LOCATIVE = frozenset({"in", "at", "to", "from", "near", "across", "into", "inside"})


@dataclass(slots=True)
class _Mention:
    span: Span
    kind: str  # person | org | group
    name: str
    country: str | None = None
    role: str | None = None
    basis: str | None = None


def find_actors(doc: Doc, countries: list[CountryMention], dictionary: ActorDictionary,
                words: SectorWords, date: str | None, *, sents: Sentences | None = None) -> list[Actor]:
    """Every actor mention in ``doc`` with its country and role resolved.

    sents (Sentences | None): the document's sentences, listed once (default: listed here).
    """
    sents = sents if sents is not None else Sentences(doc)
    at = {i: m for m in countries for i in range(m.start, m.end)}
    ents = doc.ents  # built anew on each access: read once
    mentions = _candidate_mentions(doc, ents, at, dictionary, words)
    mentions += [_Mention(s, k, _clean_name(s)) for s, k in _leader_surnames(doc, ents, at, dictionary, date)]
    named = {w for m in mentions if m.kind == "person" for w in _name_words(m.name) if len(w) > 2}
    for m in mentions:
        if m.kind == "org" and len(m.span) == 1 and m.span.text in named and not dictionary.org(m.span.text):
            m.kind = "person"  # "Trump", "Isaias" tagged as organisations after the full name
    people = [m for m in mentions if m.kind == "person"]
    clusters = _clusters(people)
    for cluster in clusters:
        _resolve_person(cluster, ents, at, dictionary, words, date, sents)
    _affiliations(clusters, words, sents)
    for m in people:
        root = m.span.root
        if m.country is None and root.dep_ == "appos" and root.head.pos_ == "NOUN" \
                and not words.longest("title", [root.head.text]):
            based = _based_in(m.span, at)  # "a Tallinn-based start-up, Skyward Robotics": a company
            if based:
                m.kind, m.country, m.basis = "org", based, "based"
    taken = {i for m in mentions for i in range(m.span.start, m.span.end)}
    labels = [(m.start(1), m.end(1)) for m in TURN_LABEL.finditer(doc_text(doc))]
    labelled = _label_people(doc, labels, dictionary, words, date, taken)
    speakers = sorted((m.span.start_char, m.country) for m in people + labelled if m.country
                      and _in_label(m.span.start_char, labels))
    frame = _frame(doc, countries, dictionary, [c for _, c in speakers])
    placed = _PlacedPeople(people)
    for m in mentions:
        if m.kind == "org" and m.basis is None:
            _resolve_org(m, at, dictionary, words, placed, sents)
            if m.country is None and frame and m.span.text in FRAMED_BODIES:
                m.country, m.basis = frame, "frame"  # "Congress", "the National Assembly" in a US or Venezuelan story
    mentions += labelled
    mentions += _short_mentions(doc, people + labelled, at, taken)
    mentions += _owned_bodies(doc, countries, mentions, words, taken)
    mentions += _leader_bodies(doc, mentions, taken)
    mentions += _group_actors(doc, countries, words, taken)
    mentions.sort(key=lambda m: m.span.start)
    _acronyms(doc, mentions)
    entity: dict[tuple, int] = {}
    for m in mentions:
        entity.setdefault(_entity_key(m), len(entity))
    shown = [_shown(m.span, m.kind) for m in mentions]
    return [Actor(text=v.text, start=v.start_char, end=v.end_char, name=m.name,
                  kind=m.kind, country=m.country, role=m.role, basis=m.basis, entity=entity[_entity_key(m)],
                  listed=_listed(m, dictionary, words, at))
            for m, v in zip(mentions, shown)]


def _in_label(char: int, labels: list[tuple[int, int]]) -> bool:
    """Whether ``char`` lies in one of ``labels`` (in text order, apart, as ``TURN_LABEL`` finds them)."""
    k = bisect_right(labels, char, key=lambda label: label[0]) - 1
    return k >= 0 and labels[k][0] <= char < labels[k][1]


def _acronyms(doc: Doc, mentions: list[_Mention]) -> None:
    """"the Office of Foreign Assets Control (OFAC)" ... "OFAC": the acronym is the body, with its
    name, country and sector."""
    expansions: dict[str, _Mention] = {}
    for m in mentions:
        i = m.span.end
        if m.kind == "org" and i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" \
                and doc[i + 1].text.isupper() and len(doc[i + 1].text) >= 2:
            expansions.setdefault(doc[i + 1].text, m)
    for m in mentions:
        full = expansions.get(m.span.text)
        if full is not None and m is not full:
            m.kind, m.name, m.role = "org", full.name, full.role or m.role
            if full.country:
                m.country, m.basis = full.country, "acronym"


def _listed(m: _Mention, dictionary: ActorDictionary, words: SectorWords,
            at: dict[int, CountryMention]) -> bool:
    """Whether a mention names an actor in its own right. Not: a country the recogniser took for a
    person or body, a thing, a cut fragment ("Cabinet of", "Presi-"), an abbreviated rank, a
    modifier of another noun ("U.N. sanctions", "State Department spokesman"), a news outlet cited as
    a source ("Kyodo reported", "according to Yonhap"), or a body's building as a site ("at the
    Pentagon"). Unlisted mentions still stand for their country where the coder reads sides."""
    span = m.span
    if m.kind == "group":
        return True
    text = span.text  # built anew on each access: read once
    form = dictionary.country_of(text)
    if form and form[1] != "metonym":
        return False
    if _is_thing(span) or text.endswith("-"):
        return False
    hyphened = len(span) > 1 and span[-2].text in ("-", "‑")  # "Moon Jae-in"
    if span[0].lower_ in FRAGMENT_EDGES or (span[-1].lower_ in FRAGMENT_EDGES and not hyphened):
        return False
    if len(span) == 1 and span[0].text in RANK_ABBREVIATIONS:
        return False
    if len(text.rstrip(".")) < 2:
        return False  # a stray initial, "X."
    bare = [t.text for t in span if t.text not in HONORIFICS]
    hit = words.longest("title", bare) if bare else None
    if not bare or (hit and hit[2] - hit[1] == len(bare)):
        return False  # "Mr. Minister", "Minister": a title with no name
    root = span.root
    # a name the recogniser cut short, or a person in a list the parser flattened into one name
    cut = root.head.pos_ == "PROPN" and (root.head.i == span.end or m.kind == "person") \
        and not words.longest("title", [root.head.text])  # "Cabinet Secretary": a title, not a name
    outlet = m.role == "MED" and not _wire(m)  # "a CNN article": the outlet is discussed
    if root.dep_ in ("compound", "amod", "nmod") and root.head.i >= span.end and not cut and not outlet:
        return False  # "State Department spokesman Mark Toner", "U.N. sanctions": a modifier
    if m.role == "MED" and m.kind == "org" and _wire(m) and _cited(span):
        return False
    named = [t for t in span if not t.is_punct]
    parts = [p for p in re.split(r"[-–‑]", text) if p]
    forms = [dictionary.country_of(p) for p in parts] if len(parts) > 1 else []
    if (forms and all(f and f[1] != "metonym" for f in forms)) or (
            all(t.i in at for t in named) and len({at[t.i].iso3 for t in named}) > 1):
        return False  # "U.S.-Japan": two countries modifying something, no actor
    if alone_on_line(span):
        return False  # "Oval Office" heading a transcript: where, not who
    if m.kind == "org" and root.dep_ == "pobj" and _sited(root.head):
        return False  # "met at the Pentagon", "a press conference at the Pentagon": the building, a site
    if m.kind == "org" and root.dep_ == "pobj" and root.head.lower_ == "of" \
            and words.longest("title", [root.head.head.text]):
        return False  # "Chairman of the Joint Chiefs of Staff Dan Caine": part of the person's title
    return True


def _sited(prep) -> bool:
    """A preposition placing something at a building: "met at", "a briefing at", "here at",
    "welcome you back to"."""
    head = prep.head.lemma_.lower()
    if prep.lower_ in SITED_PREPS:
        return head in SITE_VERBS or head in SITE_NOUNS or head in ("here", "there")
    return prep.lower_ == "to" and head in ARRIVAL_VERBS


def _wire(m: _Mention) -> bool:
    """A wire service or state news agency (a newspaper or broadcaster discussed in the text stays an
    actor: "The New York Times reported" in a column about its coverage)."""
    return m.name in NEWS_AGENCIES or m.span.text in NEWS_AGENCIES or "news agency" in m.name.lower()


def _cited(span: Span) -> bool:
    """A news outlet named as the source of what is reported, not as a party to it: the subject or
    object of a citing verb, "according to" it, its possessive ("VOA's correspondent"), or a byline
    in parentheses."""
    root = span.root
    head = root.head
    if span.start > 0 and span.doc[span.start - 1].text == "(":
        return True
    if root.dep_ == "poss":  # "VOA's correspondent"; not "The New York Times' Pranav Baskar", its journalist
        return head.ent_type_ != "PERSON" and not head.is_title
    if root.dep_ == "pobj":
        verb = head.head
        return head.lower_ in ("to", "from", "by") and (
            verb.lower_ == "according" or verb.lemma_.lower() in CITING_VERBS)
    if root.dep_ in ("nsubj", "dobj", "dative", "nsubjpass"):
        return head.lemma_.lower() in CITING_VERBS
    return True


def _entity_key(m: _Mention) -> tuple:
    """Mentions of one person or body share their resolved name (a surname took its full name's in
    :func:`_clusters`); a group is one per country and wording."""
    return (m.kind, m.name.lower(), m.country) if m.kind == "group" else (m.kind, m.name.lower())


# ---------------------------------------------------------------- candidates

def _candidate_mentions(doc: Doc, ents: Sequence[Span], at: dict[int, CountryMention],
                        dictionary: ActorDictionary, words: SectorWords) -> list[_Mention]:
    out: list[tuple[Span, str]] = []
    text = doc_text(doc)
    for ent in ents:
        if ent.label_ == "PERSON" and out and out[-1][1] == "person" and out[-1][0].end == ent.start:
            # "Bilal Zafar" + "Khan"; "Qatari Emir" + "Tamim bin Hamad": the title falls away again
            joined = _split_person(doc[out[-1][0].start:ent.end], at, words, dictionary)
            out[-1:] = joined or [(doc[out[-1][0].start:ent.end], "person")]
        elif ent.label_ == "PERSON":
            out += _split_person(ent, at, words, dictionary)
        elif ent.label_ in ("ORG", "FAC", "NORP", "GPE"):
            out += _org_or_split(ent, text, at, dictionary, words)
    out += _possessed_names(doc, ents)
    people = [s for s, k in out if k == "person"]
    # a person's name extended over a piece the recogniser tagged apart ("... bin Hamad" + "al-Thani")
    named = {i for p in people for i in range(p.start, p.end)}  # the tokens people's names cover
    exact = all(len(p) for p in people)  # an empty span overlaps only by its position: scan for those
    out = [(s, k) for s, k in out if k == "person" or not (
        any(i in named for i in range(s.start, s.end)) if exact and len(s)
        else any(p.start < s.end and s.start < p.end for p in people))]
    return [_Mention(s, k, name) for s, k in out if len(s) and (name := _clean_name(s))]


def _leader_surnames(doc: Doc, ents: Sequence[Span], at: dict[int, CountryMention],
                     dictionary: ActorDictionary, date: str | None) -> list[tuple[Span, str]]:
    """A lone surname the NER missed ("Modi said ..."), when one office holder has it on that date.

    Only proper nouns outside every entity, and only surnames that resolve to
    exactly one person in office: never a guess between two people.
    """
    if not date:
        return []
    taken = {i for ent in ents for i in range(ent.start, ent.end)} | set(at)
    strings, out = doc.vocab.strings, []
    # Title-case proper nouns picked from arrays: no Token object for the other words.
    cols = doc.to_array([POS, IS_TITLE, ORTH])
    for i in ((cols[:, 0] == PROPN) & (cols[:, 1] != 0)).nonzero()[0].tolist():
        if i in taken:
            continue
        text = strings[int(cols[i, 2])]
        if len(text) < 3:
            continue
        entries = [e for e in dictionary.surnames.get(text, []) if e.in_office(date)]
        if len({e.name for e in entries}) == 1:
            out.append((doc[i:i + 1], "person"))
    return out


def _possessed_names(doc: Doc, ents: Sequence[Span]) -> list[tuple[Span, str]]:
    """"The New York Times' Pranav Baskar": a name right after an organisation's possessive.

    The NER often leaves such a name untagged once the organisation is tagged.
    """
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    out = []
    for ent in ents:
        i = ent.end
        if ent.label_ != "ORG" or i >= len(doc) or doc[i].text not in APOSTROPHES:
            continue
        j = i + 1
        while j < len(doc) and j - i <= 3 and doc[j].pos_ == "PROPN" and doc[j].is_title and j not in taken:
            j += 1
        if j - (i + 1) >= 2:
            out.append((doc[i + 1:j], "person"))
    return out


def _split_person(ent: Span, at: dict[int, CountryMention], words: SectorWords,
                  dictionary: ActorDictionary) -> list[tuple[Span, str]]:
    start = ent.start
    while start < ent.end and ent.doc[start].text in HONORIFICS:
        start += 1
    # "Qatari Emir Tamim bin Hamad": a nationality and a title the recogniser took into the name
    lead = [t.text for t in ent.doc[start:ent.end]]
    title = words.longest("title", lead)
    while start < ent.end - 1:
        nationality = start in at or _demonym(ent.doc[start].text, dictionary)
        if not (nationality or (title and title[1] == 0 and title[2] < len(lead))):
            break
        if nationality:
            start += 1
        else:
            assert title is not None  # the test above leaves a title here
            start += title[2]
        lead = [t.text for t in ent.doc[start:ent.end]]
        title = words.longest("title", lead)
    span = _extend_name(_trim(ent.doc[start:ent.end]))
    doc = ent.doc
    if len(span) == 1 and span.start > 0:
        first = doc[span.start - 1]
        before = doc[span.start - 2] if span.start > 1 else None
        if first.pos_ == "PROPN" and first.is_title and first.ent_type_ == "" and first.i not in at \
                and first.text not in HONORIFICS and not words.longest("title", [first.text]) \
                and (before is None or before.pos_ != "PROPN"):
            span = doc[first.i:span.end]  # "Kyrylo" + "Tymoshenko": a first name the recogniser left out

    return [(span, "person")] if len(span) and not _is_thing(span) else []


def _demonym(word: str, dictionary: ActorDictionary) -> bool:
    form = dictionary.country_of(word)
    return form is not None and form[1] == "demonym"


def _extend_name(span: Span) -> Span:
    """A name the recogniser cut before its family particle: "Salman bin Abdulaziz" + "al-Saud",
    "Mohammed bin Abdulrahman" + "al-Thani"."""
    doc, end = span.doc, span.end
    while end + 1 < len(doc) and doc[end].lower_ in NAME_PARTICLES:
        nxt = end + 2 if doc[end + 1].text in ("-", "‑") and end + 2 < len(doc) else end + 1
        if not doc[nxt].is_title or doc[nxt].pos_ != "PROPN":
            break
        end = nxt + 1
    return doc[span.start:end] if len(span) else span


def _is_thing(span: Span) -> bool:
    """Weapons, vaccines, treaties and other things the NER calls people or organisations."""
    if span[-1].lower_ in NON_ACTOR_HEADS or span[0].text in NON_ACTOR_FIRST:
        return True
    if span[0].text in SHIP_PREFIXES and span[-1].lower_ not in UNIT_WORDS:
        return True  # "USS Quincy" is a ship; "USS Abraham Lincoln Carrier Strike Group" a unit
    if span[0].text[:1].islower() and not (span[0].lower_ in NAME_PARTICLES and len(span) > 1):
        return True  # "non", "jewellery": no proper name starts lower-case ("al-Shabab" does)
    return any(MODEL_DESIGNATION.match(t.text) for t in span)


def _org_or_split(ent: Span, text: str, at: dict[int, CountryMention], dictionary: ActorDictionary,
                  words: SectorWords) -> list[tuple[Span, str]]:
    """An organisation span; "The New York Times' Pranav Baskar" becomes org + person."""
    # Every APOSTROPHES token holds ' or ’: without either, no token needs looking at.
    written = text[ent.start_char:ent.end_char]
    for tok in ent if "'" in written or "’" in written else ():
        if tok.text in APOSTROPHES and tok.i + 1 < ent.end and ent.doc[tok.i + 1].is_title:
            left, right = ent.doc[ent.start:tok.i], ent.doc[tok.i + 1:ent.end]
            if words.longest("org", [t.text for t in right]):
                break  # "Sudan People's Liberation Army": one name
            left_span = _trim(left)
            org = [(left_span, "org")] if _is_org(left_span, ent.label_, at, dictionary, words) else []
            return org + [(right, "person")]
    span = _trim(ent)
    doc = ent.doc
    if len(span) and not dictionary.org(span.text) and span.end + 1 < len(doc) and doc[span.end].lower_ == "in":
        longer = doc[span.start:span.end + 2]
        if dictionary.org(longer.text):
            span = longer  # "Organization for Security and Cooperation" + "in Europe"
    return [(span, "org")] if _is_org(span, ent.label_, at, dictionary, words) else []


def _is_org(span: Span, label: str, at: dict[int, CountryMention], dictionary: ActorDictionary,
            words: SectorWords) -> bool:
    if not len(span):
        return False
    text = span.text
    if dictionary.org(text):
        return True
    form = dictionary.country_of(text)
    if form:
        return form[1] == "metonym"
    if label in ("GPE", "NORP", "LOC"):
        return False
    if _is_thing(span):
        return False
    if label == "FAC" and not words.longest("org", [t.text for t in span]):
        return False
    rest = [t.text for t in span if t.i not in at and not t.is_punct]
    if not rest:
        return False
    title = words.longest("title", rest)
    if title and title[2] - title[1] == len(rest):
        return False  # only a title, "US Charge": the person is nearby
    if len(rest) == 1 and span.start not in at and rest[0] not in FRAMED_BODIES and (
            words.longest("org", rest) or title or rest[0] in GENERIC_BODIES):
        return False  # a bare "State" (of "Secretary of State"): no owner, no actor
    return True


def _trim(span: Span) -> Span:
    """Drop a leading article and trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end:
        tok = doc[start]
        lower = tok.lower_
        if not (lower in ("the", "a", "an") or lower in DEMONSTRATIVES or tok.is_punct):
            break
        start += 1
    if start < end and "(" in doc_text(doc)[doc[start].idx:span.end_char]:
        paren = next((t.i for t in doc[start:end] if t.text == "("), None)
        if paren is not None and paren > start:
            end = paren  # "Office of Foreign Assets Control (OFAC": the acronym is read apart
    while end > start:
        tok = doc[end - 1]
        if not (tok.text in APOSTROPHES or tok.is_punct):
            break
        end -= 1
    return doc[start:end]


def _clean_name(span: Span) -> str:
    """The name as written, without honorifics ("Mr Asim Munir" -> "Asim Munir")."""
    kept = [t for t in span if t.text not in HONORIFICS]
    return "".join(t.text_with_ws for t in kept).strip(" ,;:'’\"“”")


def _shown(span: Span, kind: str = "org") -> Span:
    """The mention as written; a person's royal or religious style is part of the name ("King Salman
    bin Abdulaziz", "Sheikh Nimr al-Nimr"), an office is not ("Emir", "Crown Prince")."""
    doc, start = span.doc, span.start
    if kind == "person" and start > 0 and doc[start - 1].text in ROYAL_STYLES \
            and not (start > 1 and doc[start - 2].text in ROYAL_STYLES | {"Crown"}):
        start -= 1
    return doc[start:span.end]


# ---------------------------------------------------------------- people

def _clusters(people: list[_Mention]) -> list[list[_Mention]]:
    """Group mentions of one person under the fullest name: a shorter name whose words all belong
    to a longer one joins it ("Nicolas Maduro" and "Maduro" with "Nicolas Maduro Moros"); a single
    name joins the most recent full name before it that starts or ends with it ("Munir" after
    "Asim Munir"), or the only full name anywhere that holds it."""
    fullest = sorted({m.name for m in people}, key=lambda n: -len(n.split()))
    host_of: dict[str, str] = {}
    # the names that host their own cluster, by each of their words, in the order of ``fullest``
    hosts_with: dict[str, list[str]] = {}
    for name in fullest:
        words = _name_words(name)
        if len(words) > 1:
            hosts = [h for h in hosts_with.get(words[0], ()) if set(words) < set(_name_words(h))]
            host_of[name] = hosts[0] if len(hosts) == 1 else name
            if host_of[name] == name:
                for w in dict.fromkeys(words):
                    hosts_with.setdefault(w, []).append(name)
    clusters: dict[str, list[_Mention]] = {}
    # the clusters under a full name, by its first and last word, in the order they were opened
    opened_by: dict[str, list[str]] = {}
    for m in people:
        words = _name_words(m.name)
        if len(words) > 1:
            host = host_of[m.name]
        else:
            before = opened_by.get(words[0])
            anywhere = hosts_with.get(words[0], [])
            host = before[-1] if before else anywhere[0] if len(anywhere) == 1 else m.name
        if host not in clusters and len(host.split()) > 1:
            ends = _name_words(host)
            for w in dict.fromkeys((ends[-1], ends[0])):
                opened_by.setdefault(w, []).append(host)
        clusters.setdefault(host, []).append(m)
    return list(clusters.values())


def _without_family(name: str) -> str:
    """"Mohamed bin Zayed al-Nahyan" -> "Mohamed bin Zayed": the form dictionaries often list."""
    words = name.split()
    if len(words) > 2 and words[-1].split("-")[0].lower() in NAME_PARTICLES:
        return " ".join(words[:-1])
    if len(words) > 3 and words[-2].lower() in NAME_PARTICLES:
        return " ".join(words[:-2])
    return name


def _short_mentions(doc: Doc, people: list[_Mention], at: dict[int, CountryMention],
                    taken: set[int]) -> list[_Mention]:
    """A person named in full and later by one name the recogniser left untagged ("Eritrean President
    Isaias Afwerki" ... "Isaias said", "Abiy was in Eritrea"): a mention of the same person. Only
    words of one person's name (a name two people share is left alone), after the first full
    mention, and not part of a longer proper name or a country."""
    owners: dict[str, dict[str, _Mention]] = {}
    first: dict[str, int] = {}
    for m in people:
        if not m.country or len(m.name.split()) < 2:
            continue
        written = _name_words(m.span.text)
        for w in {written[0], written[-1]} if len(written) > 1 else ():
            if len(w) > 2 and w[:1].isupper() and w.lower() not in NAME_PARTICLES:
                owners.setdefault(w, {})[m.name] = m
                first[w] = min(first.get(w, m.span.start), m.span.start)
    out: list[_Mention] = []
    if not owners:
        return out  # no one to refer to: no need to walk the document
    strings = doc.vocab.strings
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):  # the words without a Token per word
        found = owners.get(strings[orth])
        if not found or len(found) != 1 or i in taken or i in at:
            continue
        tok = doc[i]
        if tok.pos_ != "PROPN" or tok.i <= first[tok.text]:
            continue
        if any(0 <= j < len(doc) and (doc[j].pos_ == "PROPN" or j in at) for j in (tok.i - 1, tok.i + 1)):
            continue  # part of a longer name, or next to a country
        (full,) = found.values()
        out.append(_Mention(doc[tok.i:tok.i + 1], "person", full.name, full.country, full.role, "coreference"))
        taken.add(tok.i)
    return out


def _name_words(name: str) -> list[str]:
    """The words of a name without family particles glued on ("Omar al-Bashir" -> Omar, Bashir)."""
    out = []
    for w in name.split():
        head, dash, rest = w.partition("-")
        out.append(rest if dash and head.lower() in NAME_PARTICLES and rest else w)
    return out


def _resolve_person(cluster: list[_Mention], ents: Sequence[Span], at: dict[int, CountryMention],
                    dictionary: ActorDictionary, words: SectorWords, date: str | None, sents: Sentences) -> None:
    full = max((m.name for m in cluster), key=lambda n: len(n.split()))
    if full.isupper():
        full = " ".join(w.capitalize() for w in full.split())  # a transcript's label, "LEE JONG-SUP:"
    entry = dictionary.person(full, date) or dictionary.person(_without_family(full), date) or next(
        (e for e in (dictionary.person(m.name, date) for m in cluster) if e), None)
    basis: str | None = "dictionary"
    context = [c for c in (_person_context(m.span, ents, at, dictionary, words, sents) for m in cluster) if c[0]]
    if entry is None and len(full.split()) == 1:
        title, role_hint = next((t for t in (_title_of(m.span, words, sents) for m in cluster) if t[0]), (None, None))
        entry = dictionary.person_by_surname(full, date, title, role_hint)
        basis = "coreference"
        if entry and context and context[0][0] != entry.country:
            entry = None  # the text says otherwise
    if entry is not None:
        name, country, role = entry.name, entry.country, entry.role
    elif context:
        name, (country, role) = full, context[0]
        role = role or next((r for _, r in context if r), None)
        basis = "title"
    else:
        name, country, role, basis = full, None, None, None
    for i, m in enumerate(cluster):
        m.name, m.country, m.role = name, country, role
        m.basis = basis if basis != "dictionary" or m.name == full or i == 0 else "coreference"


def _affiliations(clusters: list[list[_Mention]], words: SectorWords, sents: Sentences) -> None:
    """A person the text places by another person: "Ibrahim Hamid, a senior assistant to Bashir",
    "Kyrylo Tymoshenko, deputy head of President Zelenskyy's office": the other's country."""
    placed = {i: m for c in clusters for m in c if m.country for i in range(m.span.start, m.span.end)}
    for cluster in clusters:
        if any(m.country for m in cluster):
            continue
        for m in cluster:
            window = _appositive(m.span, sents)
            owner = next((placed[t.i] for t in window if t.i in placed), None)
            if owner is None:
                continue
            title = words.longest("title", [t.text for t in window])
            for other in cluster:
                other.country, other.role, other.basis = owner.country, title[0] if title else None, "affiliation"
            break


def _title_of(span: Span, words: SectorWords, sents: Sentences) -> tuple[str | None, str | None]:
    """The title right before a name ("Prime Minister" Sharif) and its role."""
    chain = [t.text for t in _left_chain(span, sents)]
    hit = words.longest("title", chain)
    if hit is None:
        return None, None
    role, i, j = hit
    return " ".join(chain[i:j]), role


def _person_context(span: Span, ents: Sequence[Span], at: dict[int, CountryMention],
                    dictionary: ActorDictionary, words: SectorWords,
                    sents: Sentences) -> tuple[str | None, str | None]:
    """Country and role from the title before the name or the appositive after it."""
    before = _left_chain(span, sents)
    after = _appositive(span, sents)
    for window in (before, after):
        toks = [t.text for t in window]
        title = words.longest("title", toks)
        country = _owner_country(window, at)
        owner_org = _owner_org(window, ents, dictionary)
        if owner_org and not country:
            country, role = owner_org
            return country, (title[0] if title else role)
        if country and (title or window is before):
            return country, title[0] if title else None
    return None, None


def _left_chain(span: Span, sents: Sentences) -> list:
    """Tokens before the name that form its title ("US President", "Pakistan's Chief of Army Staff")."""
    doc, i, first = span.doc, span.start - 1, sents.of(span.start).start
    chain: list[Token] = []
    while first >= 2 and doc[first - 1].text == "." and doc[first - 2].text in RANK_ABBREVIATIONS:
        first = sents.of(first - 2).start  # "Brig." taken for the end of a sentence
    while i >= first and len(chain) < 8:
        tok = doc[i]
        ok = tok.pos_ in ("PROPN", "NOUN", "ADJ", "DET") or tok.text in APOSTROPHES or tok.lower_ == "of" \
            or tok.text in HONORIFICS or tok.text in "’'" \
            or (tok.text == "." and i > first and doc[i - 1].text in RANK_ABBREVIATIONS) \
            or (tok.dep_ in ("amod", "compound") and tok.head.i > tok.i) \
            or (tok.text in ("-", "‑") and 0 < i and doc[i - 1].whitespace_ == "")
        # "Brig. Gen. Pat Ryder", "the Russia-appointed mayor Alexei Kulemzin"
        ok = ok or (tok.lower_ == "to" and len(chain) > 0)  # "Ambassador of Japan to the United States"
        if not ok or tok.lower_ in ("and", "with", "by"):
            break
        chain.append(tok)
        i -= 1
    return list(reversed(chain))


def _appositive(span: Span, sents: Sentences) -> list:
    doc, i, end = span.doc, span.end, sents.of(span.start).end
    if i >= end or doc[i].text != ",":
        return []
    out = []
    for tok in doc[i + 1: min(end, i + 16)]:
        if tok.text in (",", ";", ".", "(", ")") or tok.pos_ == "VERB" and tok.dep_ == "ROOT":
            break
        out.append(tok)
    return out


def _owner_country(window: list, at: dict[int, CountryMention]) -> str | None:
    for tok in window:
        m = at.get(tok.i)
        if m is None or m.kind == "capital":
            continue
        prev = tok.doc[m.start - 1].lower_ if m.start > 0 else ""
        if prev not in LOCATIVE or m.kind == "demonym":  # "from Venezuelan President X" is no place
            return m.iso3
    return None


def _owner_org(window: list, ents: Sequence[Span],
               dictionary: ActorDictionary) -> tuple[str | None, str | None] | None:
    if not window:
        return None
    for ent in _ents_within(ents, window[0].i, window[-1].i + 1):
        org = dictionary.org(_trim(ent).text)
        if org and org.country:
            return org.country, org.role
    return None


def _ents_within(ents: Sequence[Span], start: int, end: int) -> list[Span]:
    """``doc[start:end].ents`` from the document's entities (in order, as ``doc.ents`` gives them),
    without reading ``doc.ents`` again."""
    out = []
    for k in range(bisect_left(ents, start, key=_ent_start), len(ents)):
        ent = ents[k]
        if ent.end > end:
            break
        out.append(ent)
    return out


def _ent_start(ent: Span) -> int:
    return ent.start


# ---------------------------------------------------------------- organisations

class _PlacedPeople:
    """The people with a country, in the order found, looked up by where they stand and by their
    last name: :func:`_resolve_org` asks for the first of them inside a span or whose last name is
    a word of it. Built once people are resolved (their countries and names stay as they are)."""

    def __init__(self, people: list[_Mention]) -> None:
        self.at_start: dict[int, list[tuple[int, _Mention]]] = {}
        self.by_last: dict[str, tuple[int, _Mention]] = {}
        for n, p in enumerate(people):
            if not p.country:
                continue
            self.at_start.setdefault(p.span.start, []).append((n, p))
            self.by_last.setdefault(p.name.split()[-1], (n, p))

    def inside(self, span: Span) -> _Mention | None:
        """The first person found whose span lies within ``span``."""
        hits = [(n, p) for i in range(span.start, span.end + 1) for n, p in self.at_start.get(i, ())
                if p.span.end <= span.end]
        return min(hits, key=lambda h: h[0])[1] if hits else None

    def named_in(self, span: Span) -> _Mention | None:
        """The first person found whose last name is one of the words of ``span``."""
        hits = [hit for w in span.text.split() if (hit := self.by_last.get(w))]
        return min(hits, key=lambda h: h[0])[1] if hits else None


def _resolve_org(m: _Mention, at: dict[int, CountryMention], dictionary: ActorDictionary,
                 words: SectorWords, people: _PlacedPeople, sents: Sentences) -> None:
    span = m.span
    org = dictionary.org(span.text)
    if org:
        m.name, m.country, m.role, m.basis = org.name, org.country, org.role, "dictionary"
        return
    form = dictionary.country_of(span.text)
    if form and form[1] == "metonym":
        m.country, m.role, m.basis = form[0], "GOV", "dictionary"
        return
    hit = words.longest("org", [t.text for t in span])
    m.role = hit[0] if hit else None
    owner = _owner_country(list(span), at)
    if owner:
        m.country, m.basis = owner, "name"
        return
    person = people.inside(span)
    if person is None:
        person = people.named_in(span)
    if person:
        m.country, m.basis = person.country, "name"
        return
    owner = _owner_country(_left_chain(span, sents), at)
    if owner:
        m.country, m.basis = owner, "title"
        return
    seat = _seat_of_government(span, at)
    if seat and m.role == "GOV":
        m.country, m.basis = seat, "name"
        return
    based = _based_in(span, at)
    if based:
        m.country, m.basis = based, "based"


def _frame(doc: Doc, countries: list[CountryMention], dictionary: ActorDictionary,
           speakers: Sequence[str] = ()) -> str | None:
    """The country a story is set in, for bare institutions ("Congress", "the National Assembly"):
    the country named most often, a dateline's city and the first speaker of a transcript counting
    three times ("WASHINGTON —", "SECRETARY BLINKEN:"); none when two lead together."""
    counts: dict[str, int] = {}
    if speakers:
        counts[speakers[0]] = 3
    for m in countries:
        if len(m.iso3) == 3:
            counts[m.iso3] = counts.get(m.iso3, 0) + 1
    line = DATELINE.match(doc_text(doc))
    if line:
        form = dictionary.country_of(line.group(1).strip().title())
        if form:
            counts[form[0]] = counts.get(form[0], 0) + 3
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _based_in(span: Span, at: dict[int, CountryMention]) -> str | None:
    """"a Tallinn-based start-up, Skyward Robotics", "the Hague-based court": the country of the
    place an organisation (or the noun it stands beside) is based in."""
    root = span.root
    heads = [root] + ([root.head] if root.dep_ == "appos" else [])
    for head in heads:
        for tok in head.lefts:
            if tok.lower_ != "based" and not tok.lower_.endswith("-based"):
                continue
            place = [t for t in tok.doc[max(tok.i - 3, 0):tok.i] if t.i in at]
            if place:
                return at[place[-1].i].iso3
    return None


def _seat_of_government(span: Span, at: dict[int, CountryMention]) -> str | None:
    """"the Foreign Office in Islamabad": a government body in a capital belongs to that state."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].lower_ == "in":
        m = at.get(doc[span.end + 1].i)
        if m is not None and m.kind == "capital":
            return m.iso3
    return None


# ---------------------------------------------------------------- transcript labels

# A speaker's label opening a paragraph of a transcript: "PRESIDENT BIDEN:", "SECRETARY OF DEFENSE
# LLOYD J. AUSTIN III:", "DEFENSE MINISTER LEE (THROUGH TRANSLATOR):".
TURN_LABEL = re.compile(r"(?m)^[ \t]*([A-Z][A-Z.'’\- ]{2,80}?)\s*(?:\([^)\n]{0,40}\))?:[ \t]")


def _label_people(doc: Doc, labels: list[tuple[int, int]], dictionary: ActorDictionary, words: SectorWords,
                  date: str | None, taken: set[int]) -> list[_Mention]:
    """The person a transcript's upper-case label names, when the dictionary knows them: the title
    is dropped ("SECRETARY OF DEFENSE LLOYD J. AUSTIN III" -> Lloyd Austin, the text as written)."""
    out = []
    for start_char, end_char in labels:
        span = doc.char_span(start_char, end_char, alignment_mode="contract")
        if span is None or any(t.i in taken for t in span):
            continue
        toks = [t.text for t in span]
        title = words.longest("title", toks)
        start = span.start + (title[2] if title and title[1] == 0 else 0)
        name = doc[start:span.end]
        plain = [w.capitalize() for w in name.text.split() if w.rstrip(".").upper() not in NAME_SUFFIXES]
        if not plain:
            continue
        entry = dictionary.person(" ".join(plain), date) or dictionary.person_by_surname(
            plain[-1], date, " ".join(toks[:title[2]]).title() if title and title[1] == 0 else None)
        if entry is None:
            continue
        out.append(_Mention(name, "person", entry.name, entry.country, entry.role, "dictionary"))
        taken.update(t.i for t in name)
    return out


# ---------------------------------------------------------------- bodies named by their owner

def _owned_bodies(doc: Doc, countries: list[CountryMention], bodies: list[_Mention], words: SectorWords,
                  taken: set[int]) -> list[_Mention]:
    """A state's body named in common nouns: "China's foreign ministry", "the French presidential
    office", "Ukraine's president's office", "North Korea's labor ministry". The country, up to
    three modifiers and a body noun; the sector from the phrase's words (GOV when none says). An
    international organisation owns its agencies the same way ("the United Nations refugee agency")."""
    out = []
    owners: list[tuple[int, int, str, str | None]] = [
        (c.start, c.end, c.iso3, None) for c in countries if c.kind in ("name", "demonym")]
    owners += [(m.span.start, m.span.end, m.country, m.role) for m in bodies
               if m.kind == "org" and m.role == "IGO" and m.country]  # "the United Nations refugee agency"
    for start, end, country, role in owners:
        if start in taken and role is None:
            continue
        j = end
        if j < len(doc) and doc[j].text in APOSTROPHES:
            j += 1
        k = j
        while k < len(doc) and k - j < 4 and doc[k].lower_ not in BODY_NOUNS and (
                doc[k].pos_ in ("ADJ", "NOUN", "PROPN") or doc[k].text in APOSTROPHES) and doc[k].is_lower:
            k += 1
        if k >= len(doc) or doc[k].lower_ not in BODY_NOUNS or not doc[k].is_lower or k == end:
            continue
        if k + 1 < len(doc) and doc[k + 1].pos_ in ("NOUN", "PROPN"):
            continue  # "the foreign ministry spokesman": a modifier
        span = doc[start:k + 1]
        if any(t.i in taken for t in doc[end:k + 1]):
            continue
        hit = words.longest("org", [t.text for t in span])
        out.append(_Mention(span, "org", span.text, country, role or (hit[0] if hit else "GOV"), "name"))
        taken.update(t.i for t in span)
    return out


def _leader_bodies(doc: Doc, mentions: list[_Mention], taken: set[int]) -> list[_Mention]:
    """A government named after its leader: "the Trump administration", "the Modi government"."""
    out = []
    for m in mentions:
        i = m.span.end
        if m.kind != "person" or not m.country or i >= len(doc) or doc[i].lower_ not in LEADER_BODIES \
                or i in taken:
            continue
        span = doc[m.span.start:i + 1]
        out.append(_Mention(span, "org", span.text, m.country, "GOV", "name"))
        taken.add(i)
    return out


# ---------------------------------------------------------------- groups

def _group_actors(doc: Doc, countries: list[CountryMention], words: SectorWords,
                  taken: set[int]) -> list[_Mention]:
    """"Pakistani officials", "US forces", "the US administration"."""
    out = []
    for c in countries:
        if c.kind not in ("name", "demonym") or c.start in taken:
            continue
        following = [t.text for t in doc[c.end: c.end + 4]]
        hit = words.group_at(following)
        if hit is None:
            continue
        role, n = hit
        nxt = doc[c.end + n] if c.end + n < len(doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
            continue  # "Chinese military strategist": a modifier, not the group
        span = doc[c.start: c.end + n]
        if any(t.i in taken for t in span):
            continue
        out.append(_Mention(span, "group", span.text, c.iso3, role, "name"))
        taken.update(t.i for t in span)
    return out


def link_pronouns(doc: Doc, actors: Sequence[Actor], quoted: Sequence[tuple[int, int]], *,
                  sents: Sentences | None = None) -> list[Actor]:
    """"He", "she", "his", "her" outside quotations, as mentions of the person they stand for: the
    nearest person named as a subject in the sentence or the two before (else the nearest named),
    when the parse makes it the subject or owner of its clause. The new mentions are not listed
    (the person is) and carry the person's entity, country and sector (basis ``pronoun``).
    ``sents`` as in :func:`find_actors`."""
    people = [a for a in actors if a.kind == "person" and a.listed]
    if not people:
        return list(actors)
    sents = sents if sents is not None else Sentences(doc)
    subjects = {a.start for a in people if any(t.dep_ in ("nsubj", "nsubjpass") for t in doc.char_span(
        a.start, a.end, alignment_mode="expand") or ())}  # named as the subject of their clause
    out = list(actors)
    people.sort(key=lambda a: a.start)  # stable: people at one place keep their order
    starts = [a.start for a in people]
    for tok in doc:
        if tok.lower_ not in PERSONAL_PRONOUNS or tok.dep_ not in ("nsubj", "nsubjpass", "poss"):
            continue
        if any(s <= tok.idx < e for s, e in quoted):
            continue
        first = sents.start_back(tok.i, 2)
        window = people[bisect_left(starts, doc[first].idx):bisect_left(starts, tok.idx)]
        if not window:
            continue
        best = max([a for a in window if a.start in subjects] or window, key=lambda a: a.start)
        out.append(Actor(text=tok.text, start=tok.idx, end=tok.idx + len(tok), name=best.name, kind="pronoun",
                         country=best.country, role=best.role, basis="pronoun", entity=best.entity, listed=False))
    return sorted(out, key=lambda a: a.start)
