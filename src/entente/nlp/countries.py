"""Country mentions: names, short forms, demonyms, capitals and government metonyms.

A phrase matcher over the actor dictionary's country forms finds every mention,
whatever label the statistical NER gave it (the small model tags Uzbekistan and
Tajikistan as NORP). A match inside a longer PERSON entity ("Jordan Henderson",
"George Washington") or after a personal title ("Mr Jordan") is not a country;
a PERSON entity that is just the country word is the small model's mistake
("Mali", "Ugandan" tagged as people) and stays a country.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from entente.dictionary import ActorDictionary

# "Latin America", "South American": a region, not the United States.
REGION_WORDS = frozenset({"Latin", "South", "North", "Central"})
# "Mr Jordan", "Dr Chad": a person's name, not the country.
PERSONAL_TITLES = frozenset({"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Lady", "Lord",
                             "Miss", "Madam"})
# "Indian Ocean", "Arabian Sea": a demonym naming a region or water body.
GEOGRAPHY_AFTER = frozenset({"Ocean", "Sea", "Subcontinent", "subcontinent", "Peninsula", "Gulf"})


@dataclass(frozen=True, slots=True)
class CountryMention:
    """A country named in the text. ``kind``: name, demonym, capital or metonym."""

    iso3: str
    kind: str
    text: str
    start: int  # token index
    end: int  # token index (exclusive)
    start_char: int
    end_char: int


@lru_cache(maxsize=4)
def _matcher(nlp: Language, dictionary: ActorDictionary) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    forms = list(dictionary.country_forms)
    # spaCy types Language.tokenizer as a plain callable; the pipeline's is a Tokenizer, which has pipe()
    matcher.add("COUNTRY", list(nlp.tokenizer.pipe(forms)))  # type: ignore[union-attr]
    return matcher


def find_countries(doc: Doc, nlp: Language, dictionary: ActorDictionary) -> list[CountryMention]:
    """Every country mention in ``doc``, in text order."""
    spans = filter_spans([doc[s:e] for _, s, e in _matcher(nlp, dictionary)(doc)])
    # Entities never overlap: each token maps to the length of the one PERSON entity holding it.
    person_len = {i: len(ent) for ent in doc.ents if ent.label_ == "PERSON"
                  for i in range(ent.start, ent.end)}
    mentions = []
    for span in spans:
        if person_len.get(span.start, 0) > len(span):
            continue
        if span.start > 0 and doc[span.start - 1].text in PERSONAL_TITLES:
            continue
        iso3, kind = dictionary.country_forms[span.text]
        if kind in ("name", "demonym") and span.start > 0 and doc[span.start - 1].text in REGION_WORDS:
            continue
        if kind == "demonym" and span.end < len(doc) and doc[span.end].text in GEOGRAPHY_AFTER:
            continue
        mentions.append(CountryMention(iso3, kind, span.text, span.start, span.end,
                                       span.start_char, span.end_char))
    return mentions


def rank_countries(mentions: list[CountryMention], extra: Sequence[str] = ()) -> tuple[str, ...]:
    """Distinct ISO3 codes, most mentioned first (ties: first mentioned first)."""
    counts = Counter(m.iso3 for m in mentions)
    counts.update(extra)
    first: dict[str, int] = {}
    for i, code in enumerate([m.iso3 for m in mentions] + list(extra)):
        first.setdefault(code, i)
    return tuple(sorted(counts, key=lambda c: (-counts[c], first[c])))
