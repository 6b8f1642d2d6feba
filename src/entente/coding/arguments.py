"""Who acts on whom: reading a trigger's source and target from the parse.

A :class:`Sides` index maps tokens to the country they stand for (an actor's
country, a country mention, a place's country, or the speaker's country for
"we"/"I" inside a quotation). The functions here walk spaCy's dependency
tree from a trigger word to its arguments and return ``(country, actor,
quality)`` triples; quality is 1.0 for a direct argument, lower for an
argument found deeper in a phrase or carried over from earlier text.
"""

from __future__ import annotations

from dataclasses import InitVar, dataclass, field
from functools import cached_property

from spacy.attrs import DEP, HEAD, LEMMA, LOWER, ORTH
from spacy.tokens import Doc, Token

from entente.coding.words import word_set
from entente.nlp.doctext import Sentences

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
FIRST_PERSON = word_set("first_person")
SECOND_PERSON = word_set("second_person")
DASHES = word_set("dashes")
SUBJECT_CONTROL = word_set("subject_control")
RELATIVE = word_set("relative")
THIRD_PERSON = word_set("third_person")
CLAUSE_PREPS = word_set("clause_preps")
ORIGIN_PARTICIPLES = word_set("origin_participles")
NP_LINKS = word_set("np_links")

LOCATIVE = word_set("locative")
POSSESSIVE_PRONOUNS = word_set("possessive_pronouns")

Side = tuple[str, str | None, float]  # country, actor name, quality


@dataclass
class Sides:
    """Token -> country index for one document."""

    doc: Doc
    country: dict[int, tuple[str, str | None]] = field(default_factory=dict)
    place: dict[int, str] = field(default_factory=dict)
    speaker: dict[int, tuple[str, str | None]] = field(default_factory=dict)  # token in a quote -> speaker
    addressee: dict[int, tuple[str, str | None]] = field(default_factory=dict)  # token in a turn -> "you"
    # Tokens that stand for several countries at once: a joint project named
    # after both ("China-Pakistan Economic Corridor (CPEC)", then "CPEC").
    several: dict[int, list[tuple[str, str | None]]] = field(default_factory=dict)
    # Lemmas of nouns that name an event ("agreement", "strike"): their locative phrases are places.
    event_nouns: frozenset[str] = frozenset()
    # Actor codes in the field's convention (country + sector: "RUSGOV", or a dictionary's code)
    # by (country, actor name) as the index holds them; a side not listed is coded by its country.
    codes: dict[tuple[str, str | None], str] = field(default_factory=dict)
    # Capitals as named ("Kyiv"): the government when they act or speak, the place when struck.
    capitals: set[tuple[str, str | None]] = field(default_factory=set)
    # The document's sentences, listed once: the caller's (``sents=``), else listed from ``doc``.
    sents: InitVar[Sentences | None] = None
    sentences: Sentences = field(init=False, repr=False, compare=False)

    def __post_init__(self, sents: Sentences | None) -> None:
        self.sentences = sents if sents is not None else Sentences(self.doc)

    def code(self, side: tuple) -> str:
        return self.codes.get((side[0], side[1]), side[0])

    def of(self, tok: Token) -> tuple[str, str | None] | None:
        return self.of_index(tok.i)

    def of_index(self, i: int) -> tuple[str, str | None] | None:
        """:meth:`of` the token at ``i``."""
        hit = self.country.get(i)
        if hit is not None:
            return hit
        if i in self.speaker and self.lower[i] in FIRST_PERSON:
            return self.speaker[i]
        if i in self.addressee and self.lower[i] in SECOND_PERSON:
            return self.addressee[i]
        return None

    @cached_property
    def lower(self) -> list[str]:
        """Each token's lower-case form (``lower_``), read once."""
        return self._strings(LOWER)

    @cached_property
    def lemma(self) -> list[str]:
        """Each token's lemma in lower case (``lemma_.lower()``), read once."""
        return [w.lower() for w in self._strings(LEMMA)]

    @cached_property
    def text(self) -> list[str]:
        """Each token's text, read once."""
        return self._strings(ORTH)

    @cached_property
    def root_subjects(self) -> list[int]:
        """The tokens, in order, that are the subject (nsubj, nsubjpass) of a word whose dependency is ROOT."""
        strings = self.doc.vocab.strings
        deps = self.doc.to_array(DEP).tolist()
        heads = self.doc.to_array(HEAD).astype("int64").tolist()  # the head's offset from the token
        subject, root = {strings["nsubj"], strings["nsubjpass"]}, strings["ROOT"]
        return [i for i, d in enumerate(deps) if d in subject and deps[i + heads[i]] == root]

    def _strings(self, attr: int) -> list[str]:
        strings = self.doc.vocab.strings  # from the token array: no Token per word
        return [strings[h] for h in self.doc.to_array(attr).tolist()]


def acronyms(doc: Doc, sides: Sides) -> None:
    """Let "CPEC" stand for the countries of "China-Pakistan Economic Corridor (CPEC)".

    A capitalised name followed by an upper-case acronym in brackets defines the
    acronym for the rest of the document; it stands for the countries named in it.
    """
    defined: dict[str, list[tuple[str, str | None]]] = {}
    text = sides.text  # the words read once: no Token per word
    for i in range(2, len(text) - 1):
        if not (text[i - 1] == "(" and text[i + 1] == ")" and len(text[i]) >= 2 and doc[i].is_upper):
            continue
        found: list[tuple[str, str | None]] = []
        for j in range(max(0, i - 8), i - 1):
            hit = sides.country.get(j)
            if hit and hit[0] not in [f[0] for f in found]:
                found.append(hit)
        if found:
            defined[text[i]] = found
    if not defined:
        return
    for i, word in enumerate(text):
        if word in defined and not (i > 0 and text[i - 1] == "("):
            if len(defined[word]) > 1:
                sides.several[i] = defined[word]
            else:
                sides.country.setdefault(i, defined[word][0])


def np_side(tok: Token, sides: Sides, depth: int = 3) -> Side | None:
    """The country a noun phrase headed by ``tok`` stands for (head first, then inside)."""
    found = _np_hit(tok, sides, depth)
    return found[0] if found else None


def _np_hit(tok: Token, sides: Sides, depth: int = 3) -> tuple[Side, Token] | None:
    """:func:`np_side` and the token that named the country."""
    hit = sides.of(tok)
    if hit:
        return (hit[0], hit[1], 1.0), tok
    frontier, seen = [tok], {tok.i}
    for level in range(depth):
        nxt = []
        for t in frontier:
            for child in t.children:
                origin = child.dep_ == "acl" and child.lemma_.lower() in ORIGIN_PARTICIPLES
                if child.i in seen or (child.dep_ not in NP_LINKS and not origin) or child.dep_ == "relcl":
                    continue
                if child.dep_ == "prep" and (child.lower_ in LOCATIVE or child.lower_ == "between") \
                        and t.lemma_.lower() in sides.event_nouns:
                    continue  # where an event took place, or between whom: not who the phrase is
                seen.add(child.i)
                hit = sides.of(child)
                if hit:
                    return (hit[0], hit[1], 0.9 - 0.1 * level), child
                nxt.append(child)
        frontier = nxt
    return None


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the words coordinated with it ("India and Pakistan"). A list the parser hung on
    the first item as an apposition ("Saudi Arabia, the UAE, Bahrain and Egypt") counts too."""
    out = [tok, *[c for c in tok.conjuncts if c.i > tok.i]]
    for child in tok.children:
        if child.dep_ == "appos" and child.i > tok.i and any(c.dep_ == "conj" for c in child.children):
            out += [child, *[c for c in child.conjuncts if c.i > child.i]]
    return out


def sides_of(tok: Token, sides: Sides) -> list[Side]:
    out: list[Side] = []
    for t in conjuncts(tok):
        for country, actor in sides.several.get(t.i, ()):
            if country not in [o[0] for o in out]:
                out.append((country, actor, 0.8))
        if t.i in sides.several:
            continue
        joint = _joint_name(t, sides)
        if len(joint) >= 2:
            out += [j for j in joint if j[0] not in [o[0] for o in out]]
            continue
        found = _np_hit(t, sides)
        if found is None:
            continue
        for listed in _flat_list(t, sides):
            if listed[0] not in [o[0] for o in out]:
                out.append(listed)
        s, named = found
        if s[0] not in [o[0] for o in out]:
            out.append(s)
        # Both countries of a coordination inside the phrase: "the central banks of China and
        # Pakistan", "Indian and Chinese troops" (even when "Chinese troops" is one actor).
        coordinated = [named] if named is not t else [
            c for c in t.children if c.dep_ in ("amod", "compound", "nmod") and c.i < t.i and c.conjuncts]
        for head in coordinated:
            for c in (head, *head.conjuncts):
                hit = sides.of(c)
                if hit and hit[0] not in [o[0] for o in out]:
                    out.append((hit[0], hit[1], s[2]))
    return out


FLAT_LINKS = frozenset({"compound", "nmod", "punct", "conj", "cc", "amod", "appos", "flat"})


def _flat_list(tok: Token, sides: Sides) -> list[Side]:
    """A list of named people the parser flattened into one proper-noun phrase ("with Saudi King
    Salman, Qatari Emir Tamim and Crown Prince Mohammed": one head, the rest compounds): each
    person's country, when the phrase holds commas and at least two differently named actors."""
    if tok.pos_ != "PROPN" or not any(c.dep_ == "punct" and c.text == "," and c.i < tok.i for c in tok.children):
        return []
    names: dict[tuple[str, str | None], None] = {}
    frontier = [tok]
    while frontier:
        t = frontier.pop()
        hit = sides.of(t)
        if hit:
            names.setdefault(hit)
        frontier += [c for c in t.children if c.dep_ in FLAT_LINKS]
    if len({n[1] for n in names}) < 2:
        return []
    return [(c, a, 0.8) for c, a in names]


def _joint_name(tok: Token, sides: Sides) -> list[Side]:
    """Countries joined by a dash before a noun: "the China-Nepal Railway", "US-Pakistan talks"."""
    found: list[Side] = []
    start = min((t.i for t in tok.lefts), default=tok.i)
    text = sides.text
    last = len(text) - 1
    for i in range(start, tok.i):
        if not ((i < last and text[i + 1] in DASHES) or (i > 0 and text[i - 1] in DASHES)):
            continue
        hit = sides.of_index(i)
        if hit and hit[0] not in [f[0] for f in found]:
            found.append((hit[0], hit[1], 0.9))
    return found


def _other_subject_between(head: Token, verb: Token) -> bool:
    lo, hi = sorted((head.i, verb.i))
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.lower_ not in RELATIVE and t.head.i != head.i
               for t in head.doc[lo + 1: hi])


def is_joint(tok: Token | None, sides: Sides) -> bool:
    """True when ``tok`` names a joint undertaking of two countries ("China-Nepal Railway", "CPEC")."""
    return tok is not None and (tok.i in sides.several or len(_joint_name(tok, sides)) >= 2)


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The subject of ``verb`` (climbing xcomp/advcl/conj chains) and whether it is passive."""
    v = verb
    for _ in range(4):
        for child in v.children:
            if child.dep_ in ("nsubj", "csubj") and v.dep_ == "relcl" and child.lower_ in RELATIVE:
                return v.head, False  # "India, which discredited ..." -> India
            if child.dep_ in ("nsubj", "csubj"):
                return child, False
            if child.dep_ == "nsubjpass":
                return child, True
        if v.dep_ == "relcl":
            return v.head, False
        if v.dep_ == "xcomp" and v.head.lemma_.lower() not in SUBJECT_CONTROL:
            obj = next((c for c in v.head.children if c.dep_ in ("dobj", "obj")), None)
            if obj is not None:
                return obj, False  # "Blinken urged Pakistan to ask China": Pakistan asks
        if v.dep_ == "conj" and _other_subject_between(v.head, v):
            break  # another clause's subject in between: the parser may have slipped
        if v.dep_ in ("xcomp", "advcl", "conj", "ccomp", "acl", "acomp") and v.head is not v:
            v = v.head
            continue
        if v.dep_ == "pcomp" and v.head.lower_ in CLAUSE_PREPS and v.head.head.i != v.head.i:
            v = v.head.head  # "after hosting Musharraf, Bush said": Bush hosted
            continue
        if v is not verb and v.pos_ == "NOUN" or (v.dep_ == "pcomp" and v.head.dep_ == "prep"
                                                  and v.head.head.pos_ == "NOUN"):
            # a clause on a noun: its owner does it ("Canada's decision to impose tariffs",
            # "the US commitment to supporting the Philippines")
            noun = v if v.pos_ == "NOUN" else v.head.head
            owner = next((c for c in noun.children if c.dep_ == "poss" or (
                c.dep_ in ("nmod", "compound") and c.pos_ == "PROPN" and c.i < noun.i)), None)
            if owner is not None and owner.lower_ not in POSSESSIVE_PRONOUNS:
                return owner, False
        break
    return None, False


def said_clauses(verb: Token, modals: frozenset[str], lemmas: frozenset[str] = frozenset()) -> list[Token]:
    """Verbs with one of ``modals`` (or one of ``lemmas``) in the clause ``verb`` says ("said Iran must
    stop", "said the situation showed why both must return to talks", "ruled China had violated"),
    two clauses deep at most."""
    found: list[Token] = []
    frontier = [c for c in verb.children if c.dep_ == "ccomp"]
    for _ in range(2):
        nxt = []
        for v in frontier:
            if v.lemma_.lower() in lemmas or any(a.dep_ == "aux" and a.lower_ in modals for a in v.children):
                found.append(v)
            nxt += [c for c in v.children if c.dep_ in ("ccomp", "advcl") and c.pos_ in ("VERB", "AUX")]
        frontier = nxt
    return found


def agent_of(verb: Token) -> Token | None:
    """The "by X" of a passive verb."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def prep_objects(tok: Token, lemma: str) -> list[Token]:
    """Objects of the prepositions ``lemma`` hanging off ``tok``."""
    out = []
    for child in tok.children:
        if child.dep_ in ("prep", "dative") and child.lower_ == lemma:
            out += [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
    return out


def objects(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("dobj", "obj", "attr")]


def datives(tok: Token) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ == "dative":
            out += [g for g in c.children if g.dep_ == "pobj"] if c.pos_ == "ADP" else [c]
    return out


def object_words(tok: Token) -> set[str]:
    """Lemmas that say what a verb acts on: object, its modifiers, and "in/of/for X" after it."""
    words: set[str] = set()
    for obj in objects(tok) + [c for c in tok.children if c.dep_ == "xcomp"]:
        words.add(obj.lemma_.lower())
        for child in obj.children:
            if child.dep_ in ("compound", "amod", "nmod", "nummod", "quantmod"):
                words.add(child.lemma_.lower())
            if child.dep_ == "prep" and child.lower_ in ("in", "of", "for"):
                words.update(g.lemma_.lower() for g in child.children if g.dep_ == "pobj")
    return words


def modifier_words(noun: Token) -> set[str]:
    return {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
