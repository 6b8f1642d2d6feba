"""Coder layers: who decides which event a trigger word names.

Every layer implements the same small protocol: ``knows(tok)`` says whether
the layer has an opinion on a word at all, ``match(tok)`` returns the
:class:`~entente.coding.patterns.Pattern` (CAMEO code, where the target sits,
symmetric or not) or ``None`` when the word names no event here. The coder
asks the layers in order and the first sense found wins: the hand-written
rule table first, then the field's verb dictionary. Argument
finding, filters, dates and dedup are the coder's and the same for every layer.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Protocol, Sequence

from spacy.tokens import Token

from entente.coding import ontology
from entente.coding.arguments import modifier_words, object_words, objects, said_clauses, subject_of
from entente.coding.patterns import Pattern, default_patterns
from entente.lexicon.petrarch import ActorDictionaryP, AgentDictionary
from entente.lexicon.verbs import VerbLexicon


class Layer(Protocol):
    """One source of trigger senses."""

    @property
    def name(self) -> str: ...

    def knows(self, tok: Token) -> bool: ...

    def match(self, tok: Token) -> Pattern | None: ...


def _pos(tok: Token) -> str | None:
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass")):
        return "verb"  # a copula heading its clause ("was in Kuwait") is the clause's verb
    return "noun" if tok.pos_ == "NOUN" else None


def excluded(p: Pattern, tok: Token) -> bool:
    """A ``notobj=`` condition names what ``tok`` acts on: the rules say this use is no event."""
    if not p.notobj:
        return False
    words = object_words(tok) if p.pos == "verb" else modifier_words(tok) | _of_words(tok)
    words |= {w[:-1] for w in words if w.endswith("s")}
    return bool(words & p.notobj)


def holds(p: Pattern, tok: Token) -> bool:
    """Whether the row's conditions (obj=, notobj=, mod=, prep=, prt=, subj=, pred=, modal=, clause=) hold for
    ``tok``."""
    if p.obj or p.notobj:
        words = object_words(tok) if p.pos == "verb" else modifier_words(tok) | _of_words(tok)
        words |= {w[:-1] for w in words if w.endswith("s")}  # "Coalition Support Funds" keeps its plural lemma
        if (p.obj and not words & p.obj) or words & p.notobj:
            return False
    if p.mod and not (modifier_words(tok) & p.mod):
        return False
    if p.prep and not {c.lower_ for c in tok.children if c.dep_ in ("prep", "agent")} & p.prep:
        return False
    if p.prt:
        # the particle or adverb on the verb, or the parser's hanging it on the object or a time
        # phrase ("have X here", "have X here today")
        heads = [tok, *objects(tok), *(c for c in tok.children if c.dep_ == "npadvmod")] if p.pos == "verb" else [tok]
        if not {c.lower_ for h in heads for c in h.children if c.dep_ in ("prt", "advmod")} & p.prt:
            return False
    if (p.modal or p.clause) and not said_clauses(tok, p.modal, p.clause):
        return False
    if p.pred and not {c.lemma_.lower() for c in tok.children if c.dep_ in ("acomp", "attr")} & p.pred:
        return False
    if p.subj:
        subj, _ = subject_of(tok)
        if subj is None:
            return False
        # a proper noun the recogniser left untyped is read as a person's short name ("Abiy was in ...")
        kind = subj.ent_type_.lower() or ("person" if subj.pos_ == "PROPN" else "")
        if kind not in p.subj:
            return False
    return True


def _of_words(noun: Token) -> set[str]:
    return {g.lemma_.lower() for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "in")
            for g in c.children if g.dep_ == "pobj"}



@dataclass(frozen=True, eq=False)
class RuleLayer:
    """entente's own patterns table (``data/event_patterns.tsv``)."""

    patterns: dict[tuple[str, str], tuple[Pattern, ...]]
    name: str = "rules"

    def knows(self, tok: Token) -> bool:
        pos = _pos(tok)
        return pos is not None and (pos, tok.lemma_.lower()) in self.patterns

    def match(self, tok: Token) -> Pattern | None:
        pos = _pos(tok)
        if pos is None:
            return None
        for p in self.patterns.get((pos, tok.lemma_.lower()), ()):
            if holds(p, tok):
                return p
        return None

    def noun_lemmas(self) -> frozenset[str]:
        return frozenset(lemma for pos, lemma in self.patterns if pos == "noun")

    def blocks(self, tok: Token) -> bool:
        """A row excludes this use outright ("hosts refugees" is no visit): no later layer may code it."""
        pos = _pos(tok)
        return pos is not None and any(excluded(p, tok) for p in self.patterns.get((pos, tok.lemma_.lower()), ()))


@dataclass(frozen=True)
class LayerSettings:
    """The dictionary layer's settings (``data/lexicon/dictionary_layer.tsv``)."""

    targets: tuple[str, ...]
    symmetric_codes: frozenset[str]
    skip_roots: frozenset[str]
    plover_overrides: dict[str, str]  # CAMEO root -> PLOVER type where the crosswalk drops it


@lru_cache(maxsize=1)
def layer_settings() -> LayerSettings:
    path = resources.files("entente") / "data" / "lexicon" / "dictionary_layer.tsv"
    with path.open(encoding="utf-8") as fh:
        rows = {r["key"]: r["values"].split() for r in csv.DictReader(
            (line for line in fh if line.strip() and not line.startswith("#")), delimiter="\t")}
    overrides = dict(v.split("=", 1) for v in rows.get("plover_overrides", []))
    return LayerSettings(tuple(rows["targets"]), frozenset(rows["symmetric_codes"]), frozenset(rows["skip_roots"]),
                         overrides)


@dataclass(frozen=True, eq=False)
class DictionaryLayer:
    """A PETRARCH/TABARI verb dictionary, compiled to dependency matches."""

    verbs: VerbLexicon
    settings: LayerSettings
    name: str = "dictionary"
    strict_codes: bool = True  # codes unknown to CAMEO fall back to their nearest known parent
    _useful: dict[str, bool] = field(default_factory=dict, repr=False)

    def knows(self, tok: Token) -> bool:
        if tok.pos_ != "VERB":
            return False
        for word in (tok.lemma_.lower(), tok.lower_):
            if self.verbs.knows(word):
                return self._codes_events(word)
        return False

    def _codes_events(self, word: str) -> bool:
        """Whether any reading of the verb gives an event ("say" gives only statements: no)."""
        useful = self._useful.get(word)
        if useful is None:
            useful = any(c and c[:2] not in self.settings.skip_roots for c in self.verbs.codes(word))
            self._useful[word] = useful
        return useful

    def match(self, tok: Token) -> Pattern | None:
        if tok.pos_ != "VERB":
            return None
        found = self.verbs.match(tok, self.settings.skip_roots)
        if found is None or found.code is None or found.code[:2] in self.settings.skip_roots:
            return None
        code = known_code(found.code) if self.strict_codes else found.code
        if code is None:
            return None
        targets = tuple(dict.fromkeys((*found.target, *self.settings.targets)))
        return Pattern(pos="verb", trigger=tok.lemma_.lower(), cameo=code, target=targets,
                       symmetric=code in self.settings.symmetric_codes, line=found.line,
                       plover=self.settings.plover_overrides.get(code[:2]), source=self.name)


def known_code(code: str) -> str | None:
    """``code`` if CAMEO knows it, else its nearest known parent ("0874" -> "087"), else None."""
    for n in range(len(code), 1, -1):
        head = code[:n]
        try:
            ontology.cameo(head)
        except (ontology.UnknownCodeError, TypeError):
            continue
        return head
    return None


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The coder's knowledge: layers asked in order, the first sense found wins.

    ``future_as_agree``: promises and future tense are AGREE (CAMEO 03), as the PLOVER manual
    codes them; off, the verb keeps its own code whatever its tense (PETRARCH's convention).
    """

    layers: tuple[Layer, ...]
    future_as_agree: bool = True
    # Background knowledge of actors (the Phoenix dictionaries by default): names, dated roles and
    # agent nouns that code tokens entente's own actor finder left without a country.
    actors: ActorDictionaryP | None = None
    agents: AgentDictionary | None = None

    def match(self, tok: Token) -> Pattern | None:
        """The first layer's sense of ``tok`` whose conditions hold; a word the rules table knows
        but none of its rows fits ("severed links", not only "severed ties") goes on to the
        dictionary."""
        for layer in self.layers:
            if layer.knows(tok):
                found = layer.match(tok)
                if found is not None:
                    return found
                blocks = getattr(layer, "blocks", None)  # an optional member: RuleLayer has it
                if blocks is not None and blocks(tok):
                    return None
        return None

    @cached_property
    def nouns(self) -> frozenset[str]:
        """Lemmas of the noun triggers of every layer ("agreement", "strike"), worked out once."""
        return frozenset().union(*(getattr(layer, "noun_lemmas", lambda: frozenset())() for layer in self.layers))

    def noun_lemmas(self) -> frozenset[str]:
        return self.nouns


def rule_layer(path: str | Path | None = None) -> RuleLayer:
    from entente.coding.patterns import load_patterns
    return RuleLayer(load_patterns(path) if path else default_patterns())


def dictionary_layer(verbs_path: str | Path | None = None, strict_codes: bool = True) -> DictionaryLayer:
    from entente.lexicon.load import load_verbs
    return DictionaryLayer(load_verbs(verbs_path), layer_settings(), strict_codes=strict_codes)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """entente's rules, then the packaged CAMEO 2.0 verb dictionary; the Phoenix actors and agents."""
    from entente.lexicon.load import load_actors, load_agents
    return Lexicon((rule_layer(), dictionary_layer()), actors=load_actors(), agents=load_agents())


def lexicon_from(layers: Sequence[Layer]) -> Lexicon:
    return Lexicon(tuple(layers))
