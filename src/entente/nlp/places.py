"""Places: repair the small model's place labels, then resolve places.

Two parts, both over the gazetteer (:mod:`entente.geo.gazetteer`):

1. ``entente_places``, a pipeline component added after ``"ner"``. The small
   model tags "Sargodha" PERSON, "Gwadar" PRODUCT, "Punjab" NORP and leaves
   "Reko Diq" unlabelled. A span becomes GPE (LOC for water and regions, FAC
   for ports and sites) when it is a gazetteer place with evidence: a
   locative preposition before it, a place noun after it ("province",
   "port"), the place lying in a country the document names, or (not for
   PERSON) a large place. A span with evidence of being a person (a title
   before it, a speech verb after it, a longer PERSON naming it) and a
   country name are never touched; lone capitalised words at a sentence
   start ("Map", "May") are never added.
2. :func:`find_places`, a pure function resolving every GPE/LOC/FAC that is
   not a country to one gazetteer entry, using the document's countries.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from entente.coding.words import word_map, word_set
from entente.geo.gazetteer import CITY_MIN_POPULATION, Gazetteer, GazetteerEntry, fold, load_gazetteer
from entente.nlp.doctext import Sentences, alone_on_line, doc_text
from entente.records import Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
RELABEL_FROM = frozenset({"PERSON", "NORP", "PRODUCT", "ORG", "FAC"})
LOCATIVE = frozenset({"in", "near", "from", "at", "to", "into", "across", "outside", "inside",
                      "around", "toward", "towards", "via", "through", "between", "off"})
# Noun after a name -> the kind of division it asks for.
PLACE_NOUNS = {
    "province": 1, "state": 1, "territory": 1, "oblast": 1, "governorate": 1, "voivodeship": 1, "krai": 1,
    "canton": 1, "raion": 2, "rayon": 2, "district": 2, "division": 2, "agency": 2,
    "county": 2, "tehsil": 2, "prefecture": 2, "city": 0, "town": 0, "village": 0, "port": -1,
    "airbase": -1, "base": -1, "border": -1, "crossing": -1, "pass": -1, "valley": -1,
    "region": -1, "area": -1, "areas": -1, "river": -1, "sea": -1, "airport": -1,
}
# Last words of a site's name owned by a city: "Tehran's Imam Khomeini International Airport".
SITE_HEADS = word_set("site_heads", "actor_words")
TITLES = frozenset({
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Sir", "Dame", "Lord", "Lady",
    "President", "Premier", "Minister", "Senator", "Sen.", "Rep.", "General", "Gen.", "Gen",
    "Lt", "Lt.", "Col.", "Colonel", "Major", "Maj.", "Captain", "Capt.", "Admiral", "Adm.",
    "Marshal", "Judge", "Justice", "King", "Queen", "Prince", "Princess", "Sheikh", "Pope",
    "Imam", "Maulana", "Chairman", "Secretary", "Ambassador", "Mayor", "Professor", "Prof.",
    "Governor", "Commander", "Chief", "Speaker", "Saint", "St.",
})
NOT_LOCATIVE = frozenset({"according", "due", "thanks", "close", "next", "up", "back"})
SPEECH_VERBS = frozenset({"said", "says", "told", "added", "stated", "tweeted", "wrote", "argued"})
APOSTROPHES = frozenset({"'s", "\u2019s", "'", "\u2019"})
CONNECTORS = frozenset({"of", "and", "el", "al", "de", "the"})
GENERIC_PLACE_WORDS = word_set("generic_place_words", "actor_words")
NAMED_SITE_HEADS = word_set("named_site_heads", "actor_words")
SHIP_COUNTRIES = word_map("ship_prefixes", "actor_words")
ABOARD = word_set("aboard_preps", "actor_words")
GOVERNMENT_SEATS = word_set("government_seats", "actor_words")
SPELLINGS = tuple(tuple(pair.split(">")) for pair in word_set("spelling_variants", "actor_words"))
# A dateline opening a story: "WASHINGTON —", "KYIV, Ukraine (AP) —", "DAKAR:",
# "WASHINGTON, December 17, 2025 -".
DATELINE = re.compile(r"^\s*([A-Z][A-Z .'’-]{2,40}?)(?:,\s*[A-Z][A-Za-z .]{2,30}?)?\s*(?:\([A-Za-z .]{1,20}\))?"
                      r"\s*(?:,\s*[A-Z][a-z]+\.? \d{1,2}(?:, \d{4})?\s*)?(?:[-–—:]{1,2})\s")
WELL_KNOWN_RATIO = 10  # how much bigger a same-named city must be to beat a town the context favours
KIND_LABEL = {"water": "LOC", "region": "LOC", "site": "FAC", "port": "FAC"}


# ================================================================ component

@Language.factory("entente_places", requires=["doc.ents"], assigns=["doc.ents"],
                  default_config={"min_population": 20_000, "big_population": CITY_MIN_POPULATION})
def make_places_fixer(nlp: Language, name: str, min_population: int,
                      big_population: int) -> "PlaceFixer":
    """The ``entente_places`` component (see the module docstring)."""
    return PlaceFixer(min_population=min_population, big_population=big_population)


class PlaceFixer:
    """Relabel mislabelled places and add unlabelled ones in ``doc.ents``.

    min_population (int): smallest populated place added or relabelled
        (divisions and supplement entries always qualify).
    big_population (int): a place this big needs no other evidence, except
        against a PERSON label.
    """

    def __init__(self, min_population: int = 20_000, big_population: int = CITY_MIN_POPULATION,
                 gazetteer: Gazetteer | None = None,
                 country_forms: Mapping[str, tuple[str, str]] | None = None) -> None:
        self.min_population = min_population
        self.big_population = big_population
        self._gazetteer = gazetteer
        self._forms = country_forms

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    @property
    def forms(self) -> Mapping[str, tuple[str, str]]:
        """Country forms in use (the actor dictionary's unless set)."""
        if self._forms is None:
            self._forms = default_country_forms()
        return self._forms

    @forms.setter
    def forms(self, value: Mapping[str, tuple[str, str]]) -> None:
        self._forms = value

    def __call__(self, doc: Doc) -> Doc:
        ctx = _Context(doc, self.gazetteer, self.forms)
        ctx.ranked = _doc_countries(ctx)
        ents = [self._relabel(ctx, ent) if ent.label_ in RELABEL_FROM else ent for ent in doc.ents]
        ents += self._additions(ctx, {t.i for e in ents for t in e})
        doc.ents = _join_pairs(sorted(ents, key=lambda e: e.start), ctx.gazetteer)
        return doc

    def _relabel(self, ctx: "_Context", ent: Span) -> Span:
        core = _core(ent)
        if core is None or ctx.is_country(core.text) or _person_evidence(ctx, core):
            return ent
        best = self._qualified(ctx, core)
        if best is None:
            return ent
        big = best.level in (-1, 1) or best.population >= self.big_population
        local = _locative_before(core) or _noun_after(core) is not None
        if ent.label_ == "PERSON":
            sure = local or (big and ctx.in_doc(best))
        else:
            sure = local or ctx.in_doc(best) or big
        if not sure:
            return ent
        label = _label(best)
        if ent.label_ == "FAC" and label == "FAC":
            return ent
        return Span(ent.doc, ent.start, ent.end, label=label)

    def _additions(self, ctx: "_Context", taken: set[int]) -> list[Span]:
        doc, out, i = ctx.doc, [], 0
        while i < len(doc):
            span = self._addition_at(ctx, i, taken) if i not in taken else None
            if span is not None:
                out.append(span)
                i = span.end
            else:
                i += 1
        return out

    def _addition_at(self, ctx: "_Context", i: int, taken: set[int]) -> Span | None:
        doc = ctx.doc
        if not doc[i].is_title or not doc[i].is_alpha:
            return None
        longest = min(len(doc), i + ctx.gazetteer.supplement_words)
        for end in range(longest, i, -1):
            span = doc[i:end]
            if any(t.i in taken for t in span) or not _name_shaped(span):
                continue
            if span.text in ctx.gazetteer and self._addable(ctx, span):
                return Span(doc, i, end, label=_label(self._qualified(ctx, span)))
        return None

    def _addable(self, ctx: "_Context", span: Span) -> bool:
        best = self._qualified(ctx, span)
        if best is None or ctx.is_country(span.text) or _person_evidence(ctx, span):
            return False
        noun = _noun_after(span)
        if len(span) > 1:
            return best.level == -1 or noun is not None or _locative_before(span) or ctx.in_doc(best)
        token = span[0]
        if token.pos_ != "PROPN" or token.is_stop or _in_longer_name(span):
            return False
        if token.is_sent_start:
            big = best.level == 1 or best.population >= self.big_population
            return noun is not None or (big and ctx.in_doc(best))
        return _locative_before(span) or noun is not None or ctx.in_doc(best)

    def _qualified(self, ctx: "_Context", span: Span) -> GazetteerEntry | None:
        """The entry the span most likely names, if it is big enough to add:
        a district only with its noun ("Gwadar District"), a division named by
        a foreign alias ("Tejas" for Texas) only in a document on its country."""
        noun = _noun_after(span)
        entries = [e for e in ctx.gazetteer.lookup(span.text)
                   if (e.level != 0 or e.population >= self.min_population)
                   and (e.level != 2 or (noun is not None and PLACE_NOUNS[noun] == 2))
                   and (not _alias_only(e, span.text) or ctx.ranked[:1] == e.countries[:1])]
        return min(entries, key=lambda e: _rank(e, ctx.ranked)) if entries else None


def default_country_forms() -> Mapping[str, tuple[str, str]]:
    """Country names, demonyms, capitals and metonyms of the actor dictionary."""
    from entente.dictionary import default_dictionary  # heavy; only when not injected

    return default_dictionary().country_forms


@dataclass(slots=True)
class _Context:
    """What the component and resolver know about one document."""

    doc: Doc
    gazetteer: Gazetteer
    forms: Mapping[str, tuple[str, str]]
    ranked: tuple[str, ...] = ()  # the document's countries, most named first (the caller's or _doc_countries)
    people: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.people = _person_words(self.doc)

    def country_form(self, text: str) -> tuple[str, str] | None:
        bare = text[4:] if text[:4] in ("the ", "The ") else text
        found = self.forms.get(text) or self.forms.get(bare)
        if found is None:
            country = self.gazetteer.country_of(bare)
            if country:
                return country, "name"
        return found

    def is_country(self, text: str) -> bool:
        """A country's name, demonym or government metonym (not a capital)."""
        form = self.country_form(text)
        return form is not None and form[1] in ("name", "demonym", "metonym")

    def in_doc(self, entry: GazetteerEntry) -> bool:
        return any(c in self.ranked for c in entry.countries)


def _doc_countries(ctx: _Context) -> tuple[str, ...]:
    """Countries named in the document, most mentioned first."""
    counts: Counter[str] = Counter()
    in_ents: set[int] = set()
    for ent in ctx.doc.ents:
        in_ents.update(range(ent.start, ent.end))
        form = ctx.country_form(ent.text)
        if form and form[1] != "metonym":
            counts[form[0]] += 1
    for token in ctx.doc:
        if token.i not in in_ents and token.is_title:
            form = ctx.forms.get(token.text)
            if form and form[1] in ("name", "demonym"):
                counts[form[0]] += 1
    return tuple(code for code, _ in counts.most_common())


def _person_words(doc: Doc) -> frozenset[str]:
    """Words of multi-word PERSON names ("Abraham Lincoln" -> Lincoln)."""
    return frozenset(t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e)


def _person_evidence(ctx: _Context, span: Span) -> bool:
    doc = span.doc
    before = doc[span.start - 1].text if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if before in TITLES:
        return True
    if after in SPEECH_VERBS and not _locative_before(span):
        return True
    return len(span) == 1 and span.text in ctx.people


def _name_shaped(span: Span) -> bool:
    """Capitalised words, possibly joined by "of"/"and" ("Strait of Hormuz")."""
    if not span[-1].is_title:
        return False
    return all(t.is_title or t.lower_ in CONNECTORS or t.text == "-" for t in span)


def _in_longer_name(span: Span) -> bool:
    doc = span.doc
    prev_cap = span.start > 0 and doc[span.start - 1].is_title and not span[0].is_sent_start
    next_cap = span.end < len(doc) and doc[span.end].is_title and doc[span.end].lower_ not in PLACE_NOUNS
    return prev_cap or next_cap


def _join_pairs(ents: list[Span], gazetteer: Gazetteer) -> list[Span]:
    """"Jammu" + "and" + "Kashmir" -> one span when the gazetteer knows the whole."""
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (prev is not None and prev.label_ in PLACE_LABELS and ent.label_ in PLACE_LABELS
                and ent.start == prev.end + 1 and ent.doc[prev.end].lower_ == "and"
                and ent.doc[prev.start:ent.end].text in gazetteer):
            out[-1] = Span(ent.doc, prev.start, ent.end, label=prev.label_)
        else:
            out.append(ent)
    return out


def _alias_only(entry: GazetteerEntry, text: str) -> bool:
    """A division matched by an alias unlike its name ("Tejas" -> Texas)."""
    return entry.level in (1, 2) and _division_key(text) not in fold(entry.name)


def _label(entry: GazetteerEntry | None) -> str:
    return KIND_LABEL.get(entry.kind, "GPE") if entry else "GPE"


# ================================================================ resolution

def find_places(doc: Doc, doc_countries: Sequence[str], *, gazetteer: Gazetteer | None = None,
                country_forms: Mapping[str, tuple[str, str]] | None = None,
                sents: Sentences | None = None) -> list[Place]:
    """Every place entity in ``doc`` resolved to a gazetteer entry.

    doc (Doc): a parsed document (GPE, LOC and FAC entities are read).
    doc_countries (Sequence[str]): ISO3 codes the document names, most
        mentioned first; they decide homonyms ("Hyderabad", "Punjab").
    gazetteer (Gazetteer): defaults to :func:`load_gazetteer`.
    country_forms (Mapping): text -> (ISO3, kind) for country names,
        demonyms, capitals and metonyms; defaults to the actor dictionary's.
    sents (Sentences | None): the document's sentences, listed once (default: listed here).
    RETURNS (list[Place]): in text order; country names, metonyms, people
        and names the gazetteer lacks are skipped.
    """
    ctx = _Context(doc, gazetteer or load_gazetteer(),
                   country_forms if country_forms is not None else default_country_forms(),
                   ranked=tuple(doc_countries))
    ents = _join_pairs(list(doc.ents), ctx.gazetteer)
    places: list[Place | None] = [_dateline(ctx)]
    for ent in ents:
        owned = _owned_site(ctx, ent) if ent.label_ in ("ORG", "FAC") else []
        if owned:
            places += owned
        elif ent.label_ in PLACE_LABELS:
            places.append(_resolve(ctx, ent))
        elif ent.label_ == "ORG":
            places.append(_site(ctx, _core(ent) or ent))
    found = [p for p in places if p is not None]
    found = [p for n, p in enumerate(found) if not any(q.start == p.start for q in found[:n])]
    vessels = _vessels(ctx.doc)
    found = [p for p in found if not any(_overlap(p, v) for v in vessels)] + vessels
    sites = _named_sites(ctx, found, sents if sents is not None else Sentences(doc))
    named = [p for p in sites if not any(_overlap(p, q) for q in found)]
    return sorted(found + named, key=lambda p: p.start)


def _overlap(a: Place, b: Place) -> bool:
    return a.start < b.end and b.start < a.end


def _vessels(doc: Doc) -> list[Place]:
    """A navy's ship where people meet or serve ("met aboard the USS Quincy", "on board HMS
    Prince of Wales"): a site of the prefix's country."""
    out = []
    for t in doc:
        if t.text not in SHIP_COUNTRIES or t.i + 1 >= len(doc) or not doc[t.i + 1].is_title:
            continue
        end = t.i + 1
        while end < len(doc) and (doc[end].is_title or (doc[end].lower_ in ("of", "the") and end + 1 < len(doc)
                                                         and doc[end + 1].is_title)):
            end += 1
        i = t.i - 1
        while i >= max(t.i - 5, 0) and (doc[i].lower_ == "the" or doc[i].tag_ in ("NNP", "NN", "JJ")) \
                and doc[i].lower_ not in ABOARD:
            i -= 1  # "on the U.S. Navy cruiser USS Quincy"
        if i < 0 or doc[i].lower_ not in ABOARD:
            continue
        name = doc[t.i:end]
        out.append(Place(text=name.text, start=name.start_char, end=name.end_char, name=name.text,
                         country=SHIP_COUNTRIES[t.text], kind="site", basis=f"vessel:{t.text}"))
    return out


def _named_sites(ctx: _Context, found: list[Place], sents: Sentences) -> list[Place]:
    """Named facilities the recogniser leaves out or calls something else ("the Futenma
    Replacement Facility in Henoko", "an attack on the Westgate shopping mall" after "in
    Nairobi"): a proper name before a facility noun, placed by the place it is said to be in, else by
    the one place with a country in its sentence."""
    doc, out = ctx.doc, []
    for head in doc:
        if head.lower_ not in NAMED_SITE_HEADS or head.pos_ not in ("NOUN", "PROPN"):
            continue
        start, sent = head.i, sents.of(head.i)
        while start > sent.start and start - 1 < doc[start - 1].head.i <= head.i and (
                doc[start - 1].dep_ == "compound"
                or doc[start - 1].tag_ == "NNP" and doc[start - 1].dep_ in ("amod", "nmod")):
            start -= 1  # "Westgate" is sometimes parsed an adjective of "shopping mall"
        name = doc[start:head.i + 1]
        if len(name) < 2 or doc[start].tag_ != "NNP" or ctx.country_form(doc[start].text) is not None:
            continue  # "the facility", "the U.S. embassy" (a country's, not a place name)
        country = _site_country(head, sent, found)
        if country:
            out.append(Place(text=name.text, start=name.start_char, end=name.end_char, name=name.text,
                             country=country, kind="site", basis=f"near:{country}"))
    return out


def _site_country(head, sent: Span, found: list[Place]) -> str | None:
    """The country of the place a site is said to be in ("... Facility in Henoko"), else of the only
    country-bearing place in its sentence ``sent``."""
    inside = [p for p in found if p.country and sent.start_char <= p.start < sent.end_char]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "near", "at", "outside"):
            hit = next((p for p in inside if any(p.start <= t.idx < p.end for t in child.subtree)), None)
            if hit is not None:
                return hit.country
    countries = {p.country for p in inside}
    return countries.pop() if len(countries) == 1 else None


def _dateline(ctx: _Context) -> Place | None:
    """The city of a dateline ("KYIV, Ukraine (AP) —", "DAKAR:"), a capital included: where the story
    was filed."""
    line = DATELINE.match(doc_text(ctx.doc))
    span = ctx.doc.char_span(line.start(1), line.end(1), alignment_mode="contract") if line else None
    if span is None or not len(span):
        return None
    entries = [e for e in ctx.gazetteer.lookup(span.text) if e.level in (0, 1)]
    if not entries:
        return None
    best = min(entries, key=lambda e: _rank(e, ctx.ranked))
    best = _well_known(best, entries)
    return Place(text=span.text, start=span.start_char, end=span.end_char, name=best.name, country=best.country,
                 kind=best.kind, lat=best.lat, lon=best.lon, admin1=best.admin1, geonameid=best.geonameid,
                 basis="dateline")


def _owned_site(ctx: _Context, ent: Span) -> list[Place]:
    """"Tehran's Imam Khomeini International Airport" taken as one name: the city, and the airport
    (a site of the city's country)."""
    cut = next((t.i for t in ent if t.text in APOSTROPHES), None)
    if cut is None or cut == ent.start or cut + 1 >= ent.end or ent.doc[ent.end - 1].lower_ not in SITE_HEADS:
        return []
    city = _resolve(ctx, ent.doc[ent.start:cut])
    if city is None or not city.country:
        return []
    site = ent.doc[cut + 1:ent.end]
    return [city, Place(text=site.text, start=site.start_char, end=site.end_char, name=site.text,
                        country=city.country, kind="site", basis=f"owner:{city.country}")]


@dataclass(frozen=True, slots=True)
class _Mention:
    span: Span  # the name, without "the" and possessive
    noun: str | None  # "province", "port"... inside or right after the name
    owner: str | None  # ISO3 of "Pakistan's ..."
    container: str | None  # folded name of "..., Balochistan" / "..., in Gwadar District"


def _resolve(ctx: _Context, ent: Span) -> Place | None:
    core = _core(ent)
    if core is None:
        return None
    site = _site(ctx, core)
    if site is not None:
        return site
    if _skip(ctx, core):
        return None
    mention = _mention(ctx, core)
    entries = _candidates(ctx, mention)
    if mention.noun in ("river", "sea") and entries and not any(e.kind == "water" for e in entries):
        # "the Dnipro River" where the gazetteer has only the city: water, with no country or point
        return Place(text=core.text, start=core.start_char, end=core.end_char, name=core.text, country=None,
                     kind="water", basis=f"noun:{mention.noun}")
    if not entries:
        return None
    order = ((mention.owner,) if mention.owner else ()) + ctx.ranked
    best = min(entries, key=lambda e: _rank(e, order))
    if not (mention.owner or mention.container):
        best = _well_known(best, entries)
    if not _plausible(ctx, mention, best, order):
        return None
    # A river's or sea's point lies in its first listed country; a disputed
    # place belongs to whichever claimant the document is about.
    disputed = best.kind != "water"
    country = next((c for c in order if c in best.countries), best.country) if disputed else best.country
    return Place(text=core.text, start=core.start_char, end=core.end_char, name=best.name,
                 country=country, kind=best.kind, lat=best.lat, lon=best.lon, admin1=best.admin1,
                 geonameid=best.geonameid, basis=_basis(mention, best, entries, country, ctx.ranked))


def _core(ent: Span) -> Span | None:
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].lower_ == "the":
        start += 1
    while end > start and ent.doc[end - 1].text in APOSTROPHES:
        end -= 1
    return ent.doc[start:end] if end > start else None


def _skip(ctx: _Context, core: Span) -> bool:
    """Countries, government metonyms, capitals used as governments, people, and lone common words
    the recogniser took for places ("the South", "the Gulf", "North")."""
    if len(core) == 1 and core[0].lower_ in GENERIC_PLACE_WORDS:
        return True
    form = ctx.country_form(core.text)
    if form is not None and (form[1] != "capital" or not _as_place(core)):
        return True
    return _person_evidence(ctx, core) and _noun_after(core) is None


def _as_place(core: Span) -> bool:
    """A capital named as the city, not its government: after a locative ("in Kyiv"), after "of"
    ("residents of Kyiv"), or owning a place ("Tehran's airport"); "Tehran said", "accused Beijing"
    are the government."""
    if _locative_before(core):
        # "the government in Doha", "the regime in Damascus" are the government
        i = core.start - 2 - (core.start > 1 and core.doc[core.start - 1].lower_ == "the")
        return not (i >= 0 and core.doc[i + 1].lower_ == "in" and core.doc[i].lower_ in GOVERNMENT_SEATS)
    root = core.root
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        return True
    return root.dep_ == "poss" and (root.head.ent_type_ in ("FAC", "GPE", "LOC")
                                    or root.head.lemma_.lower() in PLACE_NOUNS)


def _site(ctx: _Context, core: Span) -> Place | None:
    """A government's building named where something happens ("met at the Pentagon", "welcome you
    back to the Pentagon", "here at the State Department"): a site of its country."""
    form = ctx.country_form(core.text)
    if form is None or form[1] != "metonym":
        return None
    alone = alone_on_line(core)
    i = core.start - 1 - (core.start > 0 and core.doc[core.start - 1].lower_ == "the")
    if not alone and (i < 0 or core.doc[i].lower_ not in LOCATIVE or (i > 0 and core.doc[i - 1].lower_ == "according")):
        return None  # "back to the Pentagon" is a place, "according to the Pentagon" a source; a
        # building alone on its line heads a transcript ("Oval Office")
    return Place(text=core.text, start=core.start_char, end=core.end_char, name=core.text, country=form[0],
                 kind="site", basis="metonym")


def _mention(ctx: _Context, core: Span) -> _Mention:
    noun = core[-1].lower_ if len(core) > 1 and core[-1].lower_ in PLACE_NOUNS else _noun_after(core)
    return _Mention(core, noun, _owner(ctx, core), _container(ctx, core))


def _noun_after(span: Span) -> str | None:
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in PLACE_NOUNS:
        return doc[span.end].lower_
    return None


def _locative_before(span: Span) -> bool:
    doc, i = span.doc, span.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i >= 1 and doc[i - 1].lower_ in NOT_LOCATIVE:
        return False  # "according to Clinton"
    return i >= 0 and doc[i].lower_ in LOCATIVE


def _owner(ctx: _Context, core: Span) -> str | None:
    """"Pakistan's Gwadar port" -> PAK."""
    doc, i = core.doc, core.start - 1
    if i < 1 or doc[i].text not in APOSTROPHES:
        return None
    for width in (1, 2, 3):
        if i - width >= 0:
            form = ctx.country_form(doc[i - width:i].text)
            if form and form[1] in ("name", "capital"):
                return form[0]
    return None


def _container(ctx: _Context, core: Span) -> str | None:
    """"Pasni, in Gwadar District" / "Quetta, Balochistan" -> the division's key."""
    doc, i = core.doc, core.end
    if i < len(doc) and doc[i].lower_ in PLACE_NOUNS:
        i += 1
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    while i < len(doc) and doc[i].lower_ in ("in", "the"):
        i += 1
    end = i
    while end < len(doc) and (doc[end].is_title or (end > i and doc[end].lower_ in ("and", "-"))):
        end += 1
    name = doc[i:end].text if end > i else ""
    if not name or ctx.is_country(name):
        return None
    key = _division_key(name)
    divisions = [e for n in {name, key} for e in ctx.gazetteer.lookup(n) if e.level in (1, 2)]
    return key if divisions else None


def _division_key(name: str) -> str:
    words = fold(name).split()
    while len(words) > 1 and words[-1] in PLACE_NOUNS:
        words.pop()
    return " ".join(words)


def _candidates(ctx: _Context, m: _Mention) -> list[GazetteerEntry]:
    text = m.span.text
    entries = list(ctx.gazetteer.lookup(text))
    if m.noun and fold(text).split()[-1] != m.noun:
        entries += [e for e in ctx.gazetteer.lookup(f"{text} {m.noun}") if e not in entries]
    if m.noun and fold(text).split()[-1] == m.noun and len(m.span) > 1:
        entries += [e for e in ctx.gazetteer.lookup(m.span[:-1].text) if e not in entries]
    entries = _narrow(entries, lambda e: _fits_noun(e, m.noun)) if m.noun else entries
    if m.container:
        entries = _narrow(entries, lambda e: m.container in
                          {_division_key(a) for a in (e.admin1, e.admin2) if a})
    if m.owner:
        entries = _narrow(entries, lambda e: m.owner in e.countries)
    local = m.noun or m.container or m.owner or _locative_before(m.span)
    if not entries and len(m.span) == 1:
        entries = _spelled(ctx, text)
    return [e for e in entries if not _alias_only(e, text) or local or ctx.ranked[:1] == e.countries[:1]]


def _spelled(ctx: _Context, text: str) -> list[GazetteerEntry]:
    """Another romanisation of a one-word name the gazetteer lacks ("Vasilkiv" for Vasylkiv,
    "Kharkov" for Kharkiv), taken only when it gives places in a country the document names."""
    low = text.lower()
    out: list[GazetteerEntry] = []
    for old, new in SPELLINGS:
        at = low.find(old)
        while at > 0:  # never the first letter
            variant = text[:at] + new + text[at + len(old):]
            out += [e for e in ctx.gazetteer.lookup(variant) if e.level == 0 and ctx.in_doc(e) and e not in out]
            at = low.find(old, at + 1)
    return out


def _well_known(best: GazetteerEntry, entries: list[GazetteerEntry]) -> GazetteerEntry:
    """A town in a country the document names gives way to a city of the same name many times its
    size ("Vienna" is Austria's capital, not Vienna, Virginia, in a story that names the US;
    "Belfast", "Donetsk") unless the text ties the name to the town (owner, container)."""
    if best.level != 0 or best.population >= CITY_MIN_POPULATION:
        return best
    bigger = [e for e in entries if e.level == 0 and e.population >= CITY_MIN_POPULATION
              and e.population >= WELL_KNOWN_RATIO * max(best.population, 1)]
    return max(bigger, key=lambda e: e.population) if bigger else best


def _narrow(entries: list[GazetteerEntry], keep) -> list[GazetteerEntry]:
    """The entries passing ``keep``, or all of them when none does."""
    kept = [e for e in entries if keep(e)]
    return kept or entries


def _fits_noun(entry: GazetteerEntry, noun: str) -> bool:
    level = PLACE_NOUNS[noun]
    if level == -1:
        return entry.level == -1 or (noun == "port" and entry.level == 0)
    return entry.level == level


def _rank(entry: GazetteerEntry, order: Sequence[str]) -> tuple[int, int, int]:
    """Document's countries first, then supplement > city > province > town > district."""
    if entry.countries:
        where = min((order.index(c) for c in entry.countries if c in order), default=len(order))
    else:
        where = 0  # a world region or sea belongs to no country
    if entry.level == -1:
        tier = 0
    elif entry.level == 0:
        tier = 1 if entry.population >= CITY_MIN_POPULATION else 3
    else:
        tier = 2 if entry.level == 1 else 4
    return where, tier, -entry.population


def _plausible(ctx: _Context, m: _Mention, best: GazetteerEntry, order: Sequence[str]) -> bool:
    """A small place in a country the document never names is most likely a
    person or another thing the model called a place."""
    if best.level in (-1, 1) or best.population >= CITY_MIN_POPULATION:
        return True
    if any(c in order for c in best.countries):
        return True
    return bool(m.noun or m.container or (not ctx.ranked and _locative_before(m.span)))


def _basis(m: _Mention, best: GazetteerEntry, entries: list[GazetteerEntry], country: str | None,
           ranked: Sequence[str]) -> str:
    """How the entry was chosen, for auditing."""
    if m.owner and country == m.owner:
        return f"owner:{m.owner}"
    if m.container and best.level >= 0:
        return f"container:{m.container}"
    owners = (set(best.countries) if best.kind != "water" and best.level == -1
              else {c for e in entries for c in e.countries})
    decided = len(owners) > 1
    if decided and country in ranked:
        return f"context:{country}"
    if best.level == -1:
        return "supplement"
    return "population" if decided else "gazetteer"
